"""Emit the small modules of a generated package: __init__.py, validators.py and the root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.emit.description import runtime
from generator.emit.imports import Imports
from generator.emit.pyvalue import (
    Call,
    DictOf,
    Lit,
    Ref,
    Symbol,
    TupleOf,
    TypeRef,
    attribute,
    builtin,
    call,
    imported,
    value,
)
from generator.emit.render import render
from generator.emit.unions import record_value
from generator.ir.nodes import ApiNode, EndpointNode

__all__ = ["render_package_init", "render_validators", "render_root_init"]


@dataclass(frozen=True)
class InitView:
    imports: Imports
    exported: tuple[str, ...]  # __all__, one name per line


@dataclass(frozen=True)
class ValidatorsView:
    imports: Imports
    exports: Lit
    validators: tuple[tuple[str, Call], ...]  # (name, EndpointValidator(...))
    registry_type: TypeRef
    registry: DictOf  # ENDPOINTS


def render_package_init(api: ApiNode) -> str:
    """Re-export the clients, every enum and model, and the validators."""
    models = sorted([enum.name for enum in api.enums] + [model.name for model in api.models])
    used = [imported(".", "validators"), imported(".client", api.client_class),
            imported(".client", api.async_client_class),
            *(imported(".models", name) for name in models)]
    view = InitView(Imports.of(used, future=False, one_per_line=frozenset({".models"})),
                    tuple(sorted([api.client_class, api.async_client_class, "validators",
                                  *models])))
    return render("package_init.py.j2", api=api, view=view)


def render_validators(api: ApiNode) -> str:
    validators = tuple((endpoint.method, _validator(endpoint)) for endpoint in api.endpoints)
    checker = runtime("EndpointValidator")
    view = ValidatorsView(
        imports=Imports.of(validators, checker),
        exports=Lit([*(name for name, _ in validators), "ENDPOINTS"]),
        validators=validators,
        registry_type=TypeRef(builtin("dict"), (TypeRef(builtin("str")), TypeRef(checker))),
        registry=DictOf(tuple((value(name), Ref(name)) for name, _ in validators),
                        one_per_line=True),
    )
    return render("validators.py.j2", api=api, view=view)


def _model(name: str | None) -> Symbol | Lit:
    return Lit(None) if name is None else attribute(".models", name)


def _validator(endpoint: EndpointNode) -> Call:
    response = endpoint.response
    return call(runtime("EndpointValidator"), imported(".client", endpoint.method.upper()),
                request=_model(endpoint.request_model), response=_model(response.model),
                record=record_value(response, _model(response.record_model)))


def render_root_init(apis: Sequence[ApiNode]) -> str:
    vendors = TupleOf(tuple(value(api.vendor_id) for api in apis), one_per_line=True)
    return render("root_init.py.j2", apis=apis, vendors=vendors)
