"""Driving any generated client against the spec-driven mock: no per-vendor code.

For each endpoint: the arguments come from the fixture's wire calls, else from the spec's
request examples; the client's credentials from the mock's own. What a spec declares is what
is checked: a paginated endpoint iterates to the mock's last record, a CSV streams every row,
a download writes the file, and each declared HTTP status and vendor code ends in an APIError
carrying it.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from generator.ir.nodes import NO_VALUE, ApiNode, EndpointNode
from generator.mock.samples import Sampler
from tests.features.harness import invoke
from tests.features.wire import WireCall

__all__ = ["Target", "targets", "client_kwargs", "quiet_invoke", "add_fault", "MOCK_RECORDS",
           "MOCK_PAGE_SIZE", "MOCK_FILE_BYTES"]

MOCK_RECORDS = 7
MOCK_PAGE_SIZE = 3
MOCK_FILE_BYTES = 1000


@dataclass(frozen=True)
class Target:
    """One endpoint of one generated package, with the arguments to call it."""

    api: ApiNode
    endpoint: EndpointNode
    package: str  # import name of the generated package
    args: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.api.vendor_id}.{self.endpoint.name}"


def _from_calls(endpoint: EndpointNode, calls: Sequence[WireCall]) -> dict[str, Any] | None:
    names = {endpoint.method, endpoint.iter_method, endpoint.raw_method, endpoint.download_method}
    for call in calls:
        if call.call in names and call.raises is None:
            return {key: value for key, value in call.args.items() if key != "dest"}
    return None


def _from_examples(endpoint: EndpointNode) -> dict[str, Any]:
    """The first usable request example, by Python name; credentials are the client's."""
    python = {param.wire: param.python for param in endpoint.params if param.const is NO_VALUE}
    for example in endpoint.examples:
        if example.request and not example.error and not example.schematic:
            return {python[wire]: value for wire, value in example.request.items()
                    if wire in python}
    return {}


def _required(api: ApiNode, endpoint: EndpointNode, given: Mapping[str, Any]) -> dict[str, Any]:
    """Values the mock's own sampler makes for required params the examples left out."""
    sample = Sampler(api).record(endpoint.request_model, complete=False)
    return {param.python: sample[param.wire] for param in endpoint.params
            if param.required and param.const is NO_VALUE and param.python not in given
            and param.wire in sample}


def _args(api: ApiNode, endpoint: EndpointNode, calls: Sequence[WireCall]) -> dict[str, Any]:
    args = _from_calls(endpoint, calls)
    if args is None:
        args = _from_examples(endpoint)
    return {**args, **_required(api, endpoint, args)}


def targets(api: ApiNode, package: str, calls: Sequence[WireCall] = ()) -> list[Target]:
    return [Target(api, endpoint, package, _args(api, endpoint, calls))
            for endpoint in api.endpoints]


def client_kwargs(api: ApiNode, credentials: Mapping[str, str]) -> dict[str, str]:
    """Constructor credentials from the mock's (by wire name): the first alternative only when
    the schemes exclude each other."""
    if api.auth is None:
        return {}
    schemes = api.auth.schemes[:1] if api.auth.mode == "one_of" else api.auth.schemes
    return {credential.python: credentials[credential.wire]
            for scheme in schemes for credential in scheme.credentials
            if credential.wire in credentials}


def quiet_invoke(cls: type[Any], method: str, args: Mapping[str, Any],
                 kwargs: Mapping[str, Any], variant: str) -> object:
    """`invoke`, with deprecations and unknown values (not the point here) kept quiet."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return invoke(cls, method, args, kwargs, variant)


def add_fault(origin: str, **fault: object) -> None:
    response = httpx.post(f"{origin}/_mock/faults", json=fault, timeout=10)
    assert response.status_code == 200, response.text


def written(path: object) -> int:
    assert isinstance(path, Path), path
    return path.stat().st_size
