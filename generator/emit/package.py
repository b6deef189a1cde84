"""Emit the small modules of a generated package: __init__.py, validators.py and the root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.emit.render import render
from generator.ir.nodes import ApiNode, EndpointNode

__all__ = ["render_package_init", "render_validators", "render_root_init"]


@dataclass(frozen=True)
class ValidatorView:
    name: str
    operation: str
    request: str
    response: str
    record: str


def render_package_init(api: ApiNode) -> str:
    """Re-export the clients, every enum and model, and the validators."""
    models = sorted([enum.name for enum in api.enums] + [model.name for model in api.models])
    return render(
        "package_init.py.j2",
        api=api,
        model_names=models,
        exported=sorted([api.client_class, api.async_client_class, "validators", *models]),
    )


def render_validators(api: ApiNode) -> str:
    return render("validators.py.j2", api=api, endpoints=[_validator(e) for e in api.endpoints])


def _validator(endpoint: EndpointNode) -> ValidatorView:
    response = endpoint.response
    return ValidatorView(
        name=endpoint.method,
        operation=endpoint.method.upper(),
        request=f"models.{endpoint.request_model}",
        response=f"models.{response.model}" if response.model else "None",
        record=f"models.{response.record_model}" if response.record_model else "None",
    )


def render_root_init(apis: Sequence[ApiNode]) -> str:
    return render("root_init.py.j2", apis=apis)
