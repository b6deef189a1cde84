"""Faults on request: what goes wrong for the next N matching requests, in the order asked for."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Literal, get_args

__all__ = ["FaultKind", "Fault", "FaultQueue"]

FaultKind = Literal[
    "status",  # an HTTP error status (default 503) with the vendor's error body
    "retry_after",  # 429 with a Retry-After header (default 1 second)
    "latency",  # wait `seconds`, then answer normally
    "drop",  # close the connection before any byte of the answer
    "truncate",  # mode "connection": announce the body, send half, close; "body": half a body
    "not_json",  # HTTP 200 with an HTML page instead of the expected body
    "vendor_error",  # the vendor's own error for `code` (its category picks status and shape)
]
_KINDS: frozenset[str] = frozenset(get_args(FaultKind))


@dataclass
class Fault:
    kind: FaultKind
    count: int = 1  # how many matching requests it spoils
    vendor: str | None = None  # only this vendor's requests (None: any)
    endpoint: str | None = None  # only this endpoint (spec name), or "_files" for downloads
    status: int | None = None
    seconds: float | None = None  # latency, or the Retry-After value
    code: object = None  # vendor_error: the vendor's code
    message: str | None = None
    mode: Literal["connection", "body"] = "connection"

    @classmethod
    def from_json(cls, data: object) -> Fault:
        """A fault from the control plane's JSON; ValueError naming what is wrong."""
        if not isinstance(data, Mapping):
            raise ValueError("a fault is a JSON object with at least a 'kind'")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fault key(s) {', '.join(unknown)}; known: {sorted(known)}")
        kind = data.get("kind")
        if kind not in _KINDS:
            raise ValueError(f"fault kind must be one of {sorted(_KINDS)}, got {kind!r}")
        fault = cls(**{key: value for key, value in data.items()})
        fault._check()
        return fault

    def _check(self) -> None:
        if not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 1:
            raise ValueError("count must be a positive integer")
        if self.status is not None and not (
            isinstance(self.status, int) and 100 <= self.status <= 599
        ):
            raise ValueError("status must be an HTTP status code")
        if self.seconds is not None and not (
            isinstance(self.seconds, (int, float)) and 0 <= self.seconds <= 600
        ):
            raise ValueError("seconds must be a number from 0 to 600")
        if self.mode not in ("connection", "body"):
            raise ValueError("mode must be 'connection' or 'body'")
        if self.kind == "vendor_error" and self.code is None:
            raise ValueError("a vendor_error fault needs the vendor's 'code'")

    def matches(self, vendor: str, endpoint: str | None) -> bool:
        return (self.vendor is None or self.vendor == vendor) and (
            self.endpoint is None or self.endpoint == endpoint
        )

    def as_json(self) -> dict[str, object]:
        return {key: value for key, value in asdict(self).items() if value is not None}


class FaultQueue:
    """Pending faults; each request takes (one use of) the first one that matches it.

    The control plane adds faults from the server's event loop while tests may read them from
    another thread, hence the lock.
    """

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def take(self, vendor: str, endpoint: str | None) -> Fault | None:
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.matches(vendor, endpoint):
                    fault.count -= 1
                    if fault.count == 0:
                        del self._faults[index]
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[dict[str, object]]:
        with self._lock:
            return [fault.as_json() for fault in self._faults]
