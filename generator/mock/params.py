"""Request params by wire name, checked by the generated request model of the endpoint."""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from functools import cache
from types import ModuleType

from pydantic import BaseModel, ValidationError

from generator.ir.nodes import ApiNode, ArrayOf, EndpointNode, FieldNode, ModelRef, Primitive
from generator.runtime import strict_enums

from .http import Request
from .query import fold_query

__all__ = ["rest_params", "validate_params", "request_model", "expects_body", "use_package"]

_BODY_LOCATIONS = ("body", "params")
_PACKAGES: dict[str, str] = {}  # vendor id → generated package, when not generated.<id>


def use_package(vendor_id: str, package: str) -> None:
    """Check `vendor_id`'s requests with the models of `package` (a fixture generated elsewhere)."""
    _PACKAGES[vendor_id] = package
    _models.cache_clear()


@cache
def _models(vendor_id: str) -> ModuleType:
    package = _PACKAGES.get(vendor_id, f"generated.{vendor_id}")
    return importlib.import_module(f"{package}.models")


def request_model(api: ApiNode, endpoint: EndpointNode) -> type[BaseModel]:
    model: type[BaseModel] = getattr(_models(api.vendor_id), endpoint.request_model)
    return model


def _query_value(field: FieldNode, values: list[str]) -> object:
    """A query value as the model should see it: a list for arrays, JSON for objects."""
    if isinstance(field.type, ArrayOf):
        return values
    value = values[-1]
    structured = isinstance(field.type, ModelRef) or (
        isinstance(field.type, Primitive) and field.type.kind in ("object", "any")
    )
    if structured:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def rest_params(
    endpoint: EndpointNode,
    request: Request,
    path_params: Mapping[str, str],
    body: Mapping[str, object],
    skip: frozenset[str],
) -> dict[str, object]:
    """Every param the request carries, by wire name; credentials (`skip`) left out.

    Undeclared query params and body members are kept, so the model (extra="forbid") refuses
    them; a declared param sent in another place than the spec's is a ValueError.
    """
    declared = {field.wire: field for field in endpoint.params}
    params: dict[str, object] = dict(path_params)
    for wire, values in fold_query(endpoint, request.query).items():
        field = declared.get(wire)
        if wire in skip:
            continue
        if field is not None and field.location != "query":
            raise ValueError(f"{wire}: belongs in the {field.location}, not in the query")
        if isinstance(values, dict):  # a deep object, already folded
            params[wire] = values
            continue
        params[wire] = _query_value(field, values) if field is not None else values[-1]
    for field in endpoint.params:
        if field.location == "header" and (header := request.header(field.wire)) is not None:
            params[field.wire] = header
    for wire, member in body.items():
        field = declared.get(wire)
        if wire in skip:
            continue
        if field is not None and field.location not in _BODY_LOCATIONS:
            raise ValueError(f"{wire}: belongs in the {field.location}, not in the body")
        params[wire] = member
    return params


def _loc(error: Mapping[str, object]) -> str:
    loc = error.get("loc") or ()
    assert isinstance(loc, tuple)
    return ".".join(str(part) for part in loc) or "request"


def validate_params(
    api: ApiNode, endpoint: EndpointNode, params: Mapping[str, object]
) -> tuple[BaseModel | None, str | None]:
    """The validated request model, or None and a message naming every bad param.

    Enums are strict here: the client keeps unknown values from a vendor, but a request with a
    value the spec does not list is what the mock exists to catch.
    """
    model = request_model(api, endpoint)
    try:
        with strict_enums():
            return model.model_validate(dict(params)), None
    except ValidationError as exc:
        problems = [
            f"{_loc(error)}: {error['msg']}"
            for error in exc.errors(include_url=False, include_input=False)
        ]
        return None, "; ".join(problems)


def expects_body(endpoint: EndpointNode, body_credentials: frozenset[str]) -> bool:
    """Whether a REST request must carry a JSON object body."""
    # A DELETE's params default to the query, but one placed `in: body` is sent in a body.
    if endpoint.http_method.upper() not in ("POST", "PUT", "PATCH", "DELETE"):
        return False
    return bool(body_credentials) or any(p.location in _BODY_LOCATIONS for p in endpoint.params)
