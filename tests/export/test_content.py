"""What the exports say, feature by feature: each spec feature lands where OpenAPI / OpenRPC
tools read it, or in its documented x-callspec-* key."""

from __future__ import annotations

import re
from typing import Any

import pytest

from generator.export import dump, export_documents, export_files
from tests.conftest import ROOT
from tests.export.documents import committed, documents_named, fixture_api

OPENAPI = documents_named("openapi.json")
OPENRPC = documents_named("openrpc.json")


def _operation(name: str, path: str | None = None) -> dict[str, Any]:
    """The one operation of a fixture (or the one at `path`)."""
    paths = OPENAPI[name]["paths"]
    item = paths[path] if path else next(iter(paths.values()))
    operations: list[dict[str, Any]] = list(item.values())
    return operations[0]


def _param(name: str, wire: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in _operation(name)["parameters"] if p["name"] == wire)
    return found


def _schemes(name: str) -> dict[str, Any]:
    schemes: dict[str, Any] = OPENAPI[name]["components"]["securitySchemes"]
    return schemes


@pytest.mark.parametrize(("fixture", "wire", "style", "explode"), [
    ("query_array_comma", "status", "form", False),
    ("query_array_explode", "status", "form", True),
    ("query_deep_object", "filter", "deepObject", True),
])
def test_query_styles_as_openapi_styles(fixture: str, wire: str, style: str, explode: bool) -> None:
    param = _param(fixture, wire)
    assert (param["in"], param["style"], param["explode"]) == ("query", style, explode)


def test_wire_names_that_are_no_python_names_are_kept() -> None:
    param = _param("query_deep_object", "page[size]")
    assert param["schema"]["maximum"] == 100
    assert param["schema"]["x-callspec-python-name"] == "page_size"


def test_security_schemes_of_every_auth_style() -> None:
    assert list(_schemes("auth_api_key_header").values())[0]["in"] == "header"
    assert list(_schemes("auth_api_key_query").values())[0]["in"] == "query"
    basic = list(_schemes("auth_basic").values())[0]
    assert (basic["type"], basic["scheme"]) == ("http", "basic")
    bearer = list(_schemes("auth_token_provider").values())[0]
    assert (bearer["scheme"], bearer["x-callspec-token-provider"]) == ("bearer", True)
    oauth = _schemes("auth_oauth2_client_credentials")["oauth"]
    flow = oauth["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == "https://api.example.test/v1/oauth/token"  # joined to the server
    assert sorted(flow["scopes"]) == ["calls.export", "calls.read"]
    assert _operation("auth_oauth2_client_credentials")["security"] == [
        {"oauth": ["calls.read", "calls.export"]}]


def test_auth_modes_as_alternatives_or_combinations() -> None:
    one_of = _operation("auth_one_of")["security"]
    assert len(one_of) >= 2 and all(len(requirement) == 1 for requirement in one_of)
    all_of = _operation("auth_all_of")["security"]
    assert all_of == [{"app": [], "user": []}]


def test_body_credentials_are_body_properties() -> None:
    """DeepCall sends ssid (or userId + token) in the JSON body: OpenAPI has no scheme for it."""
    operation = next(iter(OPENAPI["deepcall"]["paths"].values()))["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert {"ssid", "userId", "token"} <= set(body["properties"])
    assert body["properties"]["ssid"]["x-callspec-secret"] is True
    assert sorted(operation["x-callspec-body-credentials"]) == ["session", "user_token"]
    assert "security" in operation and operation["security"] == []


def test_csv_body_as_text_csv_with_its_columns() -> None:
    content = _operation("csv_stream")["responses"]["200"]["content"]["text/csv"]
    assert content["schema"] == {"type": "string"}
    csv = content["x-callspec-csv"]
    assert (csv["header"], csv["delimiter"], csv["quote"]) == (False, ";", "'")
    assert csv["columns"][:2] == ["call_id", "seconds"]
    row = csv["row_schema"].rsplit("/", 1)[1]
    assert OPENAPI["csv_stream"]["components"]["schemas"][row]["x-callspec-csv-columns"] == \
        csv["columns"]


def test_problem_json_errors_and_vendor_codes() -> None:
    responses = _operation("errors_problem_json")["responses"]
    problem = responses["404"]["content"]["application/problem+json"]["schema"]
    assert {"type", "title", "status", "detail"} <= set(problem["properties"])
    codes = {code["code"]: code for code in _operation("errors_problem_json")[
        "x-callspec-error-codes"]}
    assert codes["call-not-found"]["category"] == "not_found"


def test_errors_inside_a_success_answer() -> None:
    answer = _operation("errors_in_body")["responses"]["200"]["content"]["application/json"]
    body, error = answer["schema"]["anyOf"]
    assert body["$ref"].endswith("Response")
    assert error["required"] == ["error", "status"]
    in_body = OPENAPI["errors_in_body"]["x-callspec-errors"]["in_body"]
    assert in_body == {"code": "error.code", "message": "error.message",
                       "error_when": {"path": "status", "equals": "error"}}


def test_deprecation_in_both_formats() -> None:
    rest = _operation("deprecated_endpoint")
    assert "deprecated" not in rest  # new_calls, the REST one, is current
    method = next(m for m in OPENRPC["deprecated_endpoint"]["methods"] if m["name"] == "calls.list")
    assert method["deprecated"] is True
    assert "Use new_calls." in method["x-callspec-deprecation"]


def test_tagged_union_has_a_discriminator_mapping() -> None:
    schemas = OPENAPI["union_discriminated"]["components"]["schemas"]
    tagged = [s for s in _walk(schemas) if "discriminator" in s]
    assert tagged, "no discriminator exported"
    assert tagged[0]["discriminator"] == {"propertyName": "type", "mapping": {
        "phone": "#/components/schemas/PhoneLeg", "sip": "#/components/schemas/SipLeg"}}


def _walk(node: object) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _walk(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk(value)
    return found


def test_enum_meanings_where_doc_tools_read_them() -> None:
    enum = OPENAPI["cinnox"]["components"]["schemas"]["RecordingFileType"]
    assert (enum["type"], enum["enum"]) == ("integer", [2, 3])
    assert enum["x-enumDescriptions"] == {"2": "Video", "3": "Audio"}
    assert enum["x-enum-descriptions"] == ["Video", "Audio"]


def test_pagination_and_rules_extensions() -> None:
    paging = _operation("offset_limit")["x-callspec-pagination"]
    assert paging["style"] == "offset_limit" and paging["offset"] and paging["limit"]
    rules = _operation("rule_window")["x-callspec-rules"]
    assert rules[0]["kind"] == "window" and len(rules[0]["params"]) == 2
    assert rules[0].get("max_seconds") is not None


def test_server_variables_with_enum_and_default() -> None:
    variables = OPENAPI["server_variable_enum"]["servers"][0]["variables"]
    variable = next(iter(variables.values()))
    assert variable["default"] in variable["enum"]


@pytest.mark.parametrize(("value", "matches"), [
    ("2024-07-04 09:05:00", True), ("2024-13-04 09:05:00", False), ("2024-07-04 25:05:00", False),
])
def test_wire_date_time_layout_is_a_string_pattern(value: str, matches: bool) -> None:
    method = OPENRPC["callgear"]["methods"][0]
    schema = next(p for p in method["params"] if p["name"] == "date_from")["schema"]
    assert schema["type"] == "string"
    assert schema["x-callspec-datetime-format"] == "%Y-%m-%d %H:%M:%S"
    assert bool(re.match(schema["pattern"], value)) is matches


def test_openrpc_methods_params_by_name_and_result() -> None:
    method = OPENRPC["callgear"]["methods"][0]
    assert (method["name"], method["paramStructure"]) == ("get.calls_report", "by-name")
    token = next(p for p in method["params"] if p["name"] == "access_token")
    assert token["required"] is True and token["schema"]["x-callspec-secret"] is True
    # the result member of the envelope, not the envelope itself
    assert method["result"]["schema"]["$ref"] == "#/components/schemas/CallsReportResponseResult"


def test_exports_are_deterministic_and_committed_as_made() -> None:
    api = fixture_api("csv_stream")
    assert dump(export_documents(api)["openapi.json"]) == dump(export_documents(api)["openapi.json"])
    for vendor, document in committed("openapi.json").items():
        text = (ROOT / "generated" / vendor / "openapi.json").read_text(encoding="utf-8")
        assert text == dump(document) and text.endswith("}\n")


def test_every_extension_used_is_documented() -> None:
    documented = set(re.findall(r"`(x-[a-zA-Z-]+)`",
                                (ROOT / "specs" / "README.md").read_text(encoding="utf-8")))
    used = {key for document in [*OPENAPI.values(), *OPENRPC.values()]
            for node in _walk(document) for key in node if key.startswith("x-")}
    assert len(used) > 20
    assert used - documented == set()


def test_export_files_are_named_per_transport() -> None:
    assert sorted(export_files(fixture_api("deprecated_endpoint"))) == [
        "deprecated_endpoint/openapi.json", "deprecated_endpoint/openrpc.json"]
    assert sorted(export_files(fixture_api("jsonrpc_transport"))) == ["jsonrpc_transport/openrpc.json"]




@pytest.mark.parametrize(("value", "matches"), [
    ("2025-01-02 03:04:05", True), ("2025-01-02 03:04:05.250", True), ("2025-01-02T03:04:05", False),
])
def test_sql_timestamp_param_is_a_string_pattern(value: str, matches: bool) -> None:
    schema = _param("sql_timestamp_pattern", "since")["schema"]
    assert bool(re.match(schema["pattern"], value)) is matches


def _body_validator(name: str, schema: dict[str, Any]) -> Any:
    """A JSON Schema validator of one body schema, its $refs read from the fixture's document."""
    import jsonschema

    document = OPENAPI[name]
    return jsonschema.Draft202012Validator({**schema, "components": document["components"]})


def test_bodies_that_are_no_object_keep_their_type() -> None:
    # A top-level array or a scalar has no model class; the IR's body type still says what it is.
    queues = _operation("body_not_object", "/queues")["responses"]["200"]["content"]
    schema = queues["application/json"]["schema"]
    assert schema["type"] == "array" and schema["items"]["$ref"].endswith("ListQueuesResponseBodyItem")
    check = _body_validator("body_not_object", schema)
    assert check.is_valid([{"id": "q1", "waiting": 2}]) and not check.is_valid({"id": "q1"})
    count = _operation("body_not_object", "/calls/count")["responses"]["200"]["content"]
    assert count["application/json"]["schema"] == {"type": "integer"}


def test_error_array_bodies_have_their_format_as_schema() -> None:
    # format: error_array: `errors: [{code, title, detail}]`, every member optional, others kept.
    for status in ("400", "401", "default"):
        answer = _operation("errors_array")["responses"][status]["content"]["application/json"]
        entry = answer["schema"]["properties"]["errors"]["items"]
        assert {"code", "title", "message", "detail"} <= set(entry["properties"])
    check = _body_validator("errors_array", answer["schema"])
    assert check.is_valid({"errors": [{"code": "INVALID_DATE", "title": "Bad date"}], "x": 1})
    assert check.is_valid({"errors": [{"code": 17}]})
    assert not check.is_valid({"errors": {"code": "INVALID_DATE"}})
    assert not check.is_valid({"errors": [{"title": 5}]})
