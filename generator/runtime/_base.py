"""What SyncClient and AsyncClient share outside I/O: settings from the constructor, with_options, repr."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Self

import httpx

from ._core import ClientCore
from ._description import ApiDescription
from ._options import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CSV_RECORD_CHARS,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    Settings,
    as_timeout,
)
from ._retry import RetryPolicy

__all__ = ["ClientBase", "NO_VALUES", "DEFAULT_DEADLINE", "DEFAULT_MAX_BODY_BYTES",
           "DEFAULT_MAX_CSV_RECORD_CHARS", "DEFAULT_TIMEOUT"]

NO_VALUES: Mapping[str, str | None] = {}


class ClientBase:
    """Settings and copies; subclasses add the connection pool and the I/O."""

    _core: ClientCore
    _owns_pool: bool  # False on with_options copies: closing them leaves the shared pool open

    def _setup(
        self,
        description: ApiDescription,
        credentials: Mapping[str, str | None],
        variables: Mapping[str, str | None],
        *,
        timeout: float | httpx.Timeout | None,
        retry: RetryPolicy | None,
        user_agent: str | None,
        strict: bool,
        server_url: str | None,
        deadline: float | None,
        max_body_bytes: int | None,
        max_csv_record_chars: int | None,
        headers: Mapping[str, str] | None,
    ) -> None:
        settings = Settings(
            retry=retry if retry is not None else RetryPolicy(),
            timeout=as_timeout(timeout),
            deadline=deadline,
            headers=dict(headers or {}),
            max_body_bytes=max_body_bytes,
            max_csv_record_chars=max_csv_record_chars,
        ).check(description.vendor)
        self._core = ClientCore(
            description, credentials, variables, user_agent, strict, settings, server_url
        )
        self._owns_pool = True

    def __repr__(self) -> str:
        return self._core.describe(type(self).__name__)

    def with_options(
        self,
        *,
        deadline: float | None | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        max_body_bytes: int | None | NotGiven = NOT_GIVEN,
        max_csv_record_chars: int | None | NotGiven = NOT_GIVEN,
        retry: RetryPolicy | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with other settings, sharing its connection pool.

        `deadline`: seconds for a whole call — connecting, every read, retries and their waits
        (None: no deadline); past it, DeadlineExceeded. `timeout`: httpx's per-operation
        timeouts (seconds or an httpx.Timeout). `headers` are added to every request (params and
        credentials win). `max_body_bytes`: the largest JSON (or raw) body read whole;
        `max_csv_record_chars`: the longest CSV record (None: no limit). Closing the copy leaves
        the pool open: close the client you created.
        """
        settings = self._core.settings.changed(
            self._core.vendor,
            deadline=deadline,
            timeout=timeout,
            headers=headers,
            max_body_bytes=max_body_bytes,
            max_csv_record_chars=max_csv_record_chars,
            retry=retry,
        )
        clone = copy.copy(self)
        clone._core = self._core.with_settings(settings)
        clone._owns_pool = False
        return clone
