"""What a running mock holds: per-vendor settings and credentials, pending faults, the journal."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace

from generator.ir.nodes import ApiNode

from .faults import FaultQueue
from .oauth import TokenIssuer

__all__ = ["VendorSettings", "MockState", "default_credentials", "checked_numbers"]

JOURNAL_SIZE = 10_000  # the oldest entries go first: a long benchmark must not grow the mock


@dataclass(frozen=True)
class VendorSettings:
    records: int = 1000  # records of every list (JSON pages, CSV rows)
    page_size: int = 100  # records per page when a request gives no limit
    file_bytes: int = 4096  # size of a downloaded file
    credentials: Mapping[str, str] = field(default_factory=dict)  # wire name → expected value

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["credentials"] = dict(self.credentials)
        return data


def default_credentials(api: ApiNode) -> dict[str, str]:
    """The values the mock expects, e.g. `mock-deepcall-token`: stable, so users can script them."""
    schemes = api.auth.schemes if api.auth is not None else ()
    return {c.wire: f"mock-{api.vendor_id}-{c.wire}" for s in schemes for c in s.credentials}


_NUMBERS = ("records", "page_size", "file_bytes")
_LIMITS = {"records": 100_000_000, "page_size": 1_000_000, "file_bytes": 256 * 1024 * 1024}


def checked_numbers(changes: Mapping[str, object]) -> dict[str, int]:
    """The numeric settings among `changes`, each checked; ValueError naming the problem."""
    numbers: dict[str, int] = {}
    for name in _NUMBERS:
        if name not in changes:
            continue
        value, low = changes[name], 0 if name == "records" else 1
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not low <= value <= _LIMITS[name]
        ):
            raise ValueError(f"{name} must be an integer from {low} to {_LIMITS[name]}")
        numbers[name] = value
    return numbers


def _credentials(settings: VendorSettings, given: object, api: ApiNode) -> dict[str, str]:
    credentials = dict(settings.credentials)
    if not isinstance(given, Mapping):
        raise ValueError("credentials must be an object of wire name → value")
    for wire, value in given.items():
        if wire not in credentials:
            known = ", ".join(credentials)
            raise ValueError(f"{api.vendor_id} has no credential {wire!r} (it has {known})")
        if not isinstance(value, str) or not value:
            raise ValueError(f"credential {wire} must be a non-empty string")
        credentials[wire] = value
    return credentials


def _updated(
    settings: VendorSettings, changes: Mapping[str, object], api: ApiNode
) -> VendorSettings:
    """`settings` with the control plane's changes, checked; ValueError naming the problem."""
    unknown = sorted(set(changes) - {*_NUMBERS, "credentials"})
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(unknown)}")
    numbers = checked_numbers(changes)
    credentials = _credentials(settings, changes.get("credentials", {}), api)
    return replace(settings, credentials=credentials, **numbers)


class MockState:
    """Settings per vendor (reset restores the start values), the fault queue and the journal."""

    def __init__(self, apis: Sequence[ApiNode], defaults: VendorSettings) -> None:
        checked_numbers(asdict(defaults))  # a bad --records fails at start, not per request
        self.apis = {api.vendor_id: api for api in apis}
        self._initial = {
            vendor: replace(defaults, credentials=default_credentials(api))
            for vendor, api in self.apis.items()
        }
        self.settings = dict(self._initial)
        self.faults = FaultQueue()
        self.tokens = TokenIssuer()  # OAuth access tokens the mock's token endpoints issued
        self._journal: deque[dict[str, object]] = deque(maxlen=JOURNAL_SIZE)
        self._lock = threading.Lock()

    def reset(self) -> None:
        self.settings = dict(self._initial)
        self.faults.clear()
        self.tokens.reset()
        with self._lock:
            self._journal.clear()

    def configure(self, changes: Mapping[str, object]) -> None:
        """Apply `{"vendor"?: id, setting: value …}` to one vendor, or to all of them."""
        vendor = changes.get("vendor")
        rest = {key: value for key, value in changes.items() if key != "vendor"}
        if vendor is not None and vendor not in self.apis:
            raise ValueError(f"unknown vendor {vendor!r}; serving {', '.join(self.apis)}")
        if vendor is None and "credentials" in rest:
            raise ValueError("credentials are per vendor: name the 'vendor'")
        targets = [str(vendor)] if vendor is not None else list(self.apis)
        updated = {v: _updated(self.settings[v], rest, self.apis[v]) for v in targets}
        self.settings = {**self.settings, **updated}

    def record(self, entry: dict[str, object]) -> None:
        with self._lock:
            self._journal.append(entry)

    def journal(self) -> list[dict[str, object]]:
        with self._lock:
            return list(self._journal)
