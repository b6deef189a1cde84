"""What the names/unions fixtures generate, beyond the wire: Python names, classes, docstrings,
plain values in nullable constrained fields, and the mock serving every fixture coherently."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.mock import MockServer
from generator.runtime import UnknownVariant, UnknownVariantWarning
from tests.features.wire_check import load_feature, run_call, wire

FEATURES = ["name_override", "wire_names_operators", "query_deep_object", "query_array_explode",
            "query_array_comma", "union_discriminated", "union_untagged", "present_when",
            "nullable_constrained"]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("features")


@pytest.fixture(scope="module")
def clients(root: Path) -> dict[str, ModuleType]:
    return {feature: load_feature(feature, root) for feature in FEATURES}


def models(clients: dict[str, ModuleType], feature: str) -> Any:
    return clients[feature].models


def attribute_docstrings(module: ModuleType) -> dict[tuple[str, str], str]:
    """(class, attribute) → the docstring written under the attribute in the source."""
    found = {}
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.ClassDef):
            for first, second in zip(node.body, node.body[1:]):
                if (isinstance(first, ast.AnnAssign) and isinstance(first.target, ast.Name)
                        and isinstance(second, ast.Expr) and isinstance(second.value, ast.Constant)):
                    found[(node.name, first.target.id)] = str(second.value.value)
    return found


def test_explicit_names_reach_the_client_models_and_enums(clients: dict[str, ModuleType]) -> None:
    m = models(clients, "name_override")
    client = clients["name_override"].NameOverrideClient
    assert hasattr(client, "list_calls") and not hasattr(client, "ListCalls")
    assert set(m.ListCallsRequest.model_fields) == {"from_number", "kind"}
    assert m.Priority.LOW.value == 1 and m.Priority.HIGH.value == 2 and m.Priority.VALUE_3.value == 3
    call = m.Call.model_validate({"id": "c1", "Class": "premium", "priority": 2, "type": "sip"})
    assert call.call_class == "premium" and call.priority is m.Priority.HIGH and call.type == "sip"
    # the same wire names, named differently in other models (scoped aliases)
    assert m.ListCallsResponse.model_validate({"Class": "mixed"}).class_ == "mixed"
    assert m.ListCallsRequest(kind="sip").model_dump(by_alias=True, exclude_none=True) == {
        "type": "sip"}
    docs = attribute_docstrings(m)
    assert docs[("Call", "call_class")] == "The call's tariff class."
    assert docs[("Call", "priority")] == "How urgent the call was."


def test_operator_wire_names_get_their_own_python_names(clients: dict[str, ModuleType]) -> None:
    fields = models(clients, "wire_names_operators").ListCallsRequest.model_fields
    assert {name: info.alias for name, info in fields.items()} == {
        "start_time": "StartTime", "start_time_lt": "StartTime<", "start_time_gt": "StartTime>",
        "page_number": "page[number]"}


def test_nullable_constrained_fields_hold_plain_values(clients: dict[str, ModuleType]) -> None:
    call = models(clients, "nullable_constrained").Call.model_validate(
        {"sid": "CA0002", "parent_sid": "CA0001", "caller_name": "Alice"})
    assert call.parent_sid == "CA0001" and type(call.parent_sid) is str
    assert call.caller_name == "Alice" and type(call.caller_name) is str
    empty = models(clients, "nullable_constrained").Call.model_validate(
        {"sid": "CA0002", "parent_sid": None})
    assert empty.parent_sid is None and empty.caller_name is None
    docs = attribute_docstrings(models(clients, "nullable_constrained"))
    assert docs[("Call", "parent_sid")] == "The call this one was forked from; null for a first leg."


def test_tagged_union_builds_the_variant_class(clients: dict[str, ModuleType]) -> None:
    m = models(clients, "union_discriminated")
    call = m.Call.model_validate({"id": "c", "leg": {"type": "sip", "uri": "sip:a@b"},
                                  "transfers": [{"type": "phone", "number": "+1"}]})
    assert isinstance(call.leg, m.SipLeg) and isinstance(call.transfers[0], m.PhoneLeg)
    unknown = m.Call.model_validate({"id": "c", "leg": {"type": "webrtc", "room": "r"}})
    assert isinstance(unknown.leg, UnknownVariant) and unknown.leg.model_extra == {
        "type": "webrtc", "room": "r"}


def test_untagged_union_picks_the_variant_that_fits(clients: dict[str, ModuleType]) -> None:
    m = models(clients, "union_untagged")
    sip = m.Call.model_validate({"id": "c", "target": {"uri": "sip:a@b"}, "code": 486})
    phone = m.Call.model_validate({"id": "c", "target": {"number": "+1"}, "code": "busy"})
    assert isinstance(sip.target, m.SipTarget) and sip.code == 486
    assert isinstance(phone.target, m.PhoneTarget) and phone.code == "busy"


def test_present_when_is_documented_and_never_required(clients: dict[str, ModuleType]) -> None:
    m = models(clients, "present_when")
    docs = attribute_docstrings(m)
    assert docs[("Call", "duration")] == (
        "How long the call lasted. Present only when `status` is \"completed\".")
    assert not m.Call.model_fields["duration"].is_required()
    assert m.Call.model_validate({"id": "c", "status": "completed"}).duration is None


@pytest.fixture(scope="module")
def mock(root: Path, clients: dict[str, ModuleType]) -> Iterator[MockServer]:
    with MockServer(specs=root / "specs", records=5, page_size=5) as server:
        yield server


@pytest.mark.parametrize("feature", FEATURES)
def test_mock_answers_every_fixture_call(mock: MockServer, clients: dict[str, ModuleType],
                                         feature: str) -> None:
    """The wire.yaml calls (the successful ones) against the spec-driven mock: the mock parses
    the query styles and answers bodies the generated models accept, in both clients."""
    module = clients[feature]
    for call in wire(feature)["calls"]:
        if "raises" in call or call.get("client"):
            continue
        kwargs = {**mock.credentials(feature), "server_url": mock.vendor_url(feature)}
        for client_class in [n for n in module.__all__ if n.endswith("Client")]:
            result = run_call(module, client_class, kwargs, call["call"], call.get("args", {}))
            assert result is not None


def test_mock_honours_present_when_and_union_tags(mock: MockServer,
                                                  clients: dict[str, ModuleType]) -> None:
    url = {"server_url": mock.vendor_url("present_when")}
    calls = run_call(clients["present_when"], "PresentWhenClient", url, "list_calls", {}).calls
    statuses = {call.status.value for call in calls}
    assert len(statuses) > 1, "the mock should vary the status the condition depends on"
    for call in calls:
        assert (call.duration is not None) == (call.status.value == "completed")
        assert (call.error_code is not None) == (call.status.value == "failed")
    m = models(clients, "union_discriminated")
    url = {"server_url": mock.vendor_url("union_discriminated")}
    with pytest.warns() as caught:
        call = run_call(clients["union_discriminated"], "UnionDiscriminatedClient", url,
                        "get_call", {"sid": "c1"})
        import warnings
        warnings.warn("sentinel", UserWarning)
    assert not [w for w in caught if w.category is UnknownVariantWarning]
    assert isinstance(call.leg, (m.PhoneLeg, m.SipLeg))
