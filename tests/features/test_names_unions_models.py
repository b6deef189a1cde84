"""What the names/unions fixtures generate beyond the wire: Python names, variant classes,
attribute docstrings, plain values in nullable constrained fields, and the mock's data honouring
`present_when` and union tags. (The wire exchanges themselves run in test_wire.py.)"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.mock import MockServer
from generator.runtime import UnknownVariant
from tests.features.harness import Generated, fixtures, generated
from tests.features.mock_drive import invoke

FEATURES = ["name_override", "wire_names_operators", "union_discriminated", "union_untagged",
            "present_when", "nullable_constrained"]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Generated]:
    root = tmp_path_factory.mktemp("names-unions")
    return {fixture.name: generated(fixture, root) for fixture in fixtures()
            if fixture.name in FEATURES}


@pytest.fixture(scope="module")
def clients(packages: dict[str, Generated]) -> dict[str, ModuleType]:
    return {name: package.package for name, package in packages.items()}


def models(clients: dict[str, ModuleType], feature: str) -> Any:
    return importlib.import_module(f"{clients[feature].__name__}.models")


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
        "start_time_lte": "StartTime<=", "start_time_gte": "StartTime>=",
        "field_1st_leg": "1stLeg", "page_number": "page[number]"}


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
                                  "transferLegs": [{"type": "phone", "number": "+1"}]})
    assert isinstance(call.leg, m.SipLeg) and isinstance(call.transfer_legs[0], m.PhoneLeg)
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
def mock(packages: dict[str, Generated]) -> Iterator[MockServer]:
    chosen = [packages["present_when"], packages["union_discriminated"]]
    with MockServer(apis=[package.api for package in chosen],
                    packages={package.api.vendor_id: package.package.__name__
                              for package in chosen},
                    records=5, page_size=5) as server:
        yield server


def test_mock_sends_conditional_fields_exactly_when_their_condition_holds(
    mock: MockServer, clients: dict[str, ModuleType]
) -> None:
    cls = clients["present_when"].PresentWhenClient
    page = invoke(cls, "list_calls", {}, {"server_url": mock.vendor_url("present_when")}, "sync")
    calls = page.calls  # type: ignore[attr-defined]
    assert len({call.status.value for call in calls}) > 1, "the mock should vary the status"
    for call in calls:
        assert (call.duration is not None) == (call.status.value == "completed")
        assert (call.error_code is not None) == (call.status.value == "failed")


def test_mock_tags_union_values_with_a_known_variant(
    mock: MockServer, clients: dict[str, ModuleType]
) -> None:
    m = models(clients, "union_discriminated")
    cls = clients["union_discriminated"].UnionDiscriminatedClient
    url = {"server_url": mock.vendor_url("union_discriminated")}
    for sid in ("c1", "c2"):
        call = invoke(cls, "get_call", {"sid": sid}, url, "sync")
        legs = [call.leg, *call.transfer_legs]  # type: ignore[attr-defined]
        assert legs and all(isinstance(leg, (m.PhoneLeg, m.SipLeg)) for leg in legs)
