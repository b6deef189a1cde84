"""Walks over a validated spec: every field, error block and name mapping; an endpoint's schemes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from generator.spec.load import PathKey
from generator.spec.model import Endpoint, Field, Spec, UnionTypeSpec

__all__ = [
    "walk_fields",
    "walk_field_children",
    "all_fields",
    "all_errors",
    "field_mappings",
    "endpoint_schemes",
]


def walk_fields(
    fields: Mapping[str, Field], path: PathKey
) -> Iterator[tuple[PathKey, str, Field]]:
    """Every field, nested ones included, with the path of its key."""
    for wire, spec_field in fields.items():
        here = (*path, wire)
        yield here, wire, spec_field
        yield from walk_field_children(spec_field, here)


def walk_field_children(spec_field: Field, path: PathKey) -> Iterator[tuple[PathKey, str, Field]]:
    if spec_field.properties:
        yield from walk_fields(spec_field.properties, (*path, "properties"))
    if spec_field.items is not None:
        items_path = (*path, "items")
        yield items_path, "items", spec_field.items
        yield from walk_field_children(spec_field.items, items_path)


def all_fields(spec: Spec) -> Iterator[tuple[PathKey, str, Field]]:
    for type_name, type_spec in spec.types.items():
        if isinstance(type_spec, UnionTypeSpec):  # checked as the inline union it stands for
            yield ("types", type_name), type_name, type_spec.as_field()
            continue
        yield from walk_fields(type_spec.fields, ("types", type_name, "fields"))
    for errors, where in all_errors(spec):
        for status, http in errors.http.items():
            if http.body is not None:
                body_path = (*where, "http", status, "body")
                yield body_path, "body", http.body
                yield from walk_field_children(http.body, body_path)
    for name, endpoint in spec.endpoints.items():
        base: PathKey = ("endpoints", name)
        yield from walk_fields(endpoint.params, (*base, "params"))
        response = endpoint.response
        if response.body is not None:
            body_path = (*base, "response", "body")
            yield body_path, "body", response.body
            yield from walk_field_children(response.body, body_path)
        if response.csv is not None:
            yield from walk_fields(response.csv.columns, (*base, "response", "csv", "columns"))


def all_errors(spec: Spec) -> Iterator[tuple[Any, PathKey]]:
    if spec.errors is not None:
        yield spec.errors, ("errors",)
    for name, endpoint in spec.endpoints.items():
        if endpoint.errors is not None:
            yield endpoint.errors, ("endpoints", name, "errors")


def field_mappings(spec: Spec) -> Iterator[tuple[PathKey, Mapping[str, Any]]]:
    for type_name, type_spec in spec.object_types.items():
        yield ("types", type_name, "fields"), type_spec.fields
    for path, _wire, spec_field in all_fields(spec):
        if spec_field.properties:
            yield (*path, "properties"), spec_field.properties
    for name, endpoint in spec.endpoints.items():
        credentials = {
            credential: None
            for scheme in endpoint_schemes(spec, endpoint)
            for credential in scheme.credentials
        }
        yield ("endpoints", name, "params"), {**credentials, **endpoint.params}
        if endpoint.response.csv is not None:
            yield ("endpoints", name, "response", "csv", "columns"), endpoint.response.csv.columns


def endpoint_schemes(spec: Spec, endpoint: Endpoint) -> list[Any]:
    if spec.auth is None:
        return []
    names = endpoint.auth if endpoint.auth is not None else list(spec.auth.schemes)
    return [spec.auth.schemes[name] for name in names if name in spec.auth.schemes]
