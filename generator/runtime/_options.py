"""A client's per-call settings (deadline, timeouts, headers, body limits, retries) and their checks."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final

import httpx

from ._errors import ConfigError
from ._retry import RetryPolicy

__all__ = [
    "NOT_GIVEN",
    "NotGiven",
    "Settings",
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_CSV_RECORD_CHARS",
]

# Five minutes: far above any page or report call seen, far below "a worker hangs forever".
DEFAULT_DEADLINE: Final = 300.0
DEFAULT_TIMEOUT: Final = 30.0
# 64 MiB of JSON: more than any page at the vendors' maximum page sizes; decoding it stays
# within a few hundred MB, where a 2 GB body would take several GB.
DEFAULT_MAX_BODY_BYTES: Final = 64 * 1024 * 1024
# 1 Mi characters for one CSV record: report rows are a few hundred characters.
DEFAULT_MAX_CSV_RECORD_CHARS: Final = 1024 * 1024


class NotGiven(enum.Enum):
    """The type of NOT_GIVEN: "leave this setting as it is" (None means "no limit")."""

    NOT_GIVEN = "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven.NOT_GIVEN


def as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    """httpx's per-operation timeouts from a number of seconds (or None: none) or a Timeout."""
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


@dataclass(frozen=True)
class Settings:
    """What a call may change: with_options() makes a copy of the client with other Settings."""

    retry: RetryPolicy = field(default_factory=RetryPolicy)
    timeout: httpx.Timeout = field(default_factory=lambda: httpx.Timeout(DEFAULT_TIMEOUT))
    deadline: float | None = DEFAULT_DEADLINE  # seconds for the whole call; None: no deadline
    headers: Mapping[str, str] = field(default_factory=dict)  # sent with every request
    max_body_bytes: int | None = DEFAULT_MAX_BODY_BYTES  # a JSON (or raw) body read whole
    max_csv_record_chars: int | None = DEFAULT_MAX_CSV_RECORD_CHARS

    def check(self, vendor: str) -> Settings:
        """These settings, or ConfigError naming the first one that cannot work."""
        if self.retry.max_attempts < 1:
            raise ConfigError(f"{vendor}: RetryPolicy.max_attempts must be at least 1")
        if self.deadline is not None and not (
            isinstance(self.deadline, (int, float)) and 0 < self.deadline < math.inf
        ):
            raise ConfigError(f"{vendor}: deadline must be a positive number of seconds or None")
        for name in ("max_body_bytes", "max_csv_record_chars"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ConfigError(f"{vendor}: {name} must be a positive integer or None")
        return self

    def changed(
        self,
        vendor: str,
        *,
        deadline: float | None | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        max_body_bytes: int | None | NotGiven = NOT_GIVEN,
        max_csv_record_chars: int | None | NotGiven = NOT_GIVEN,
        retry: RetryPolicy | NotGiven = NOT_GIVEN,
    ) -> Settings:
        """A copy with the given settings replaced (headers are added to the current ones)."""
        new = self
        if deadline is not NOT_GIVEN:
            new = replace(new, deadline=deadline)
        if timeout is not NOT_GIVEN:
            new = replace(new, timeout=as_timeout(timeout))
        if headers is not NOT_GIVEN:
            new = replace(new, headers={**new.headers, **headers})
        if max_body_bytes is not NOT_GIVEN:
            new = replace(new, max_body_bytes=max_body_bytes)
        if max_csv_record_chars is not NOT_GIVEN:
            new = replace(new, max_csv_record_chars=max_csv_record_chars)
        if retry is not NOT_GIVEN:
            new = replace(new, retry=retry)
        return new.check(vendor)
