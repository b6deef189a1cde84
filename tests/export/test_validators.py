"""Every export passes third-party validators: openapi-spec-validator for OpenAPI 3.1, the OpenRPC
meta-schema (`@open-rpc/meta-schema` 1.14.9 from npm, committed here as
openrpc_meta_schema.json — its `openrpcDocument` export — with the JSON Schema meta-schema it
refers to, `@json-schema-tools/meta-schema` 1.8.0 `schema.json`) through jsonschema."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import jsonschema
import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT7

from tests.export.documents import Document, committed, documents_named

HERE = Path(__file__).resolve().parent
OPENAPI = documents_named("openapi.json")
OPENRPC = documents_named("openrpc.json")


@functools.cache
def _openrpc_validator() -> jsonschema.Draft7Validator:
    meta = json.loads((HERE / "openrpc_meta_schema.json").read_text(encoding="utf-8"))
    tools = DRAFT7.create_resource(
        json.loads((HERE / "json_schema_tools_meta_schema.json").read_text(encoding="utf-8")))
    # Its $refs name the schema with and without the trailing slash; no network is used.
    registry = Registry().with_resources([("https://meta.json-schema.tools", tools),
                                          ("https://meta.json-schema.tools/", tools)])
    return jsonschema.Draft7Validator(meta, registry=registry)


def _openrpc_errors(document: Document) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}"
            for error in _openrpc_validator().iter_errors(document)]


def test_every_rest_vendor_and_the_jsonrpc_one_is_exported() -> None:
    assert sorted(committed("openapi.json")) == ["cinnox", "deepcall", "ringcentral", "yeastar"]
    assert sorted(committed("openrpc.json")) == ["callgear"]
    # every REST fixture, and the JSON-RPC ones (deprecated_endpoint mixes both)
    assert {"deprecated_endpoint", "errors_jsonrpc", "jsonrpc_transport"} <= set(OPENRPC)
    assert len(OPENAPI) >= 55


@pytest.mark.parametrize("name", sorted(OPENAPI))
def test_openapi_export_is_valid(name: str) -> None:
    validate(OPENAPI[name])


@pytest.mark.parametrize("name", sorted(OPENRPC))
def test_openrpc_export_is_valid(name: str) -> None:
    assert _openrpc_errors(OPENRPC[name]) == []


def test_openapi_validator_refuses_a_broken_export() -> None:
    """The validator bites: a path parameter the operation does not declare is an error."""
    document = copy.deepcopy(OPENAPI["cinnox"])
    operation = next(iter(document["paths"].values()))["get"]
    operation["parameters"] = [p for p in operation["parameters"] if p["in"] != "path"]
    with pytest.raises(OpenAPIValidationError):
        validate(document)


def test_openrpc_meta_schema_refuses_a_broken_export() -> None:
    """The meta-schema bites: a param without a name is an error."""
    document = copy.deepcopy(OPENRPC["callgear"])
    del document["methods"][0]["params"][0]["name"]
    assert _openrpc_errors(document) != []
