"""Lint the Python names a spec gives or implies: explicit `python:` names, and endpoint methods
against each other, the runtime client's own attributes and the generated module's names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from generator.names import (
    CLIENT_ATTRIBUTES,
    CLIENT_MODULE_NAMES,
    method_names,
    operation_constant,
    python_name_problem,
    snake_case,
)
from generator.spec.load import PathKey
from generator.spec.model import Endpoint, EnumValue, Field, Spec

__all__ = [
    "Reporter",
    "check_explicit_names",
    "check_endpoint_names",
    "endpoint_method",
    "explicit_member",
    "field_python_names",
]


class Reporter(Protocol):
    spec: Spec

    def add(self, path: PathKey, code: str, message: str, hint: str, *, value: bool = False) -> None:
        ...


def endpoint_method(name: str, endpoint: Endpoint) -> str:
    """The client method of an endpoint: its `python:` name, else its key in snake_case."""
    if endpoint.python:
        return endpoint.python
    method = snake_case(name)
    return f"{method}_" if method in ("self", "cls") else method


def check_explicit_names(context: Reporter, fields: Iterable[tuple[PathKey, str, Field]]) -> None:
    """Every `python:` name is an identifier that is no keyword and hides nothing."""
    for path, _wire, spec_field in fields:
        if spec_field.python is not None:
            _check_one(context, (*path, "python"), spec_field.python, member=False)
            if spec_field.python in ("self", "cls") and path[-2:-1] == ("params",):
                context.add((*path, "python"), "reserved-name",
                            f"`{spec_field.python}` is the method's own first argument",
                            "add `python: <another name>`", value=True)
    for name, enum in context.spec.enums.items():
        for value, given in enum.values.items():
            if isinstance(given, EnumValue) and given.python is not None:
                _check_one(context, ("enums", name, "values", value, "python"), given.python,
                           member=True)
    for name, endpoint in context.spec.endpoints.items():
        if endpoint.python is not None:
            _check_one(context, ("endpoints", name, "python"), endpoint.python, member=False)


def _check_one(context: Reporter, path: PathKey, name: str, *, member: bool) -> None:
    problem = python_name_problem(name, member=member)
    if problem is not None:
        context.add(path, "bad-value", f"python name {problem}",
                    "write a snake_case identifier that is not a keyword"
                    if not member else "write an UPPER_CASE identifier", value=True)


def _methods_of(name: str, endpoint: Endpoint) -> dict[str, str]:
    """The methods this endpoint gives a client, by kind: only the variants it really has."""
    names = method_names(endpoint_method(name, endpoint))
    if endpoint.pagination is None:
        names.pop("iter")
    if endpoint.response.download is None:
        names.pop("download")
    return names


@dataclass
class _Space:
    """One namespace generated names land in: what it already holds, and who claimed what."""

    reserved: frozenset[str]
    owner: str  # what a reserved name belongs to, for the message
    what: str  # how an endpoint lands in it, for the message
    claimed: dict[str, str] = field(default_factory=dict)  # name → endpoint key

    def claim(self, context: Reporter, endpoint: str, where: PathKey, kind: str, name: str) -> None:
        if name in self.reserved:
            _reserved(context, where, name, kind, self.owner)
        elif self.claimed.get(name, endpoint) != endpoint:
            context.add(where, "name-collision", f"endpoints {self.claimed[name]!r} and "
                        f"{endpoint!r} both {self.what} `{name}`",
                        f"add `python: <another name>` to {endpoint}")
        self.claimed.setdefault(name, endpoint)


def check_endpoint_names(context: Reporter) -> None:
    """Methods and Operation constants unique, and none hides the runtime's or module's names."""
    methods = _Space(CLIENT_ATTRIBUTES, "an attribute of the runtime's client (SyncClient / "
                     "AsyncClient)", "give the client a method")
    constants = _Space(CLIENT_MODULE_NAMES, "a name the generated client module already "
                       "defines or imports", "become the module constant")
    for name, endpoint in context.spec.endpoints.items():
        where = _where(name, endpoint)
        for kind, method in _methods_of(name, endpoint).items():
            methods.claim(context, name, where, kind, method)
        constant = operation_constant(endpoint_method(name, endpoint))
        constants.claim(context, name, where, "constant", constant)


def _where(name: str, endpoint: Endpoint) -> PathKey:
    return ("endpoints", name, "python") if endpoint.python else ("endpoints", name)


def _reserved(context: Reporter, where: PathKey, taken: str, kind: str, owner: str) -> None:
    what = "method" if kind == "call" else f"{kind} method" if kind != "constant" else kind
    context.add(where, "reserved-name",
                f"the endpoint's {what} `{taken}` would hide {owner}",
                f"add `python: <another name>` to the endpoint (e.g. `python: {_other(taken)}`)",
                value=where[-1] == "python")


def _other(taken: str) -> str:
    base = taken.lower().strip("_")
    return f"{base}_endpoint" if base else "call_endpoint"


def explicit_member(given: Any) -> str | None:
    return given.python if isinstance(given, EnumValue) else None


def field_python_names(mapping: Mapping[str, Field | None]) -> dict[str, str | None]:
    """wire → explicit `python:` name (None when derived), for a mapping of fields."""
    return {wire: (spec_field.python if spec_field is not None else None)
            for wire, spec_field in mapping.items()}
