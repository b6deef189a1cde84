"""Secret redaction: credential values and secret-named params become "***" wherever text is shown.

Used for the client's repr, its log lines (logger "callspec"), exception messages and every URL
the runtime shows to a user. Two rules, applied in order:

1. every secret credential value given to the client, and every token it obtains while it
   runs (OAuth, a token provider), and their URL-quoted forms, are replaced;
2. whatever follows a secret name (`token`, `ssid`, `access_token`, `Authorization`,
   `password`, `client_secret`, `refresh_token`, and each secret credential's wire name) as
   `name=value`, `name: value` or
   `"name": "value"` is replaced, so a secret the client never saw (a session id echoed back by
   the vendor) is hidden too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

__all__ = ["MASK", "SECRET_NAMES", "Redactor", "RedactingFilter", "protect_httpx_logs"]

MASK = "***"
SECRET_NAMES: tuple[str, ...] = (
    "token", "ssid", "access_token", "Authorization", "password", "client_secret",
    "refresh_token",
)

# Shorter "secrets" are not real secrets (ids, flags); replacing them everywhere would mangle
# unrelated text such as status codes, so they are hidden by name only.
_MIN_VALUE_LENGTH = 4


class Redactor:
    """Replaces known secret values and the values of secret-named params with MASK."""

    def __init__(self, values: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        self._values: list[str] = []
        self._known: frozenset[str] = frozenset()
        for value in values:
            self.add(value)
        all_names = sorted({n.lower() for n in (*SECRET_NAMES, *names)}, key=len, reverse=True)
        self.names = frozenset(all_names)
        alternatives = "|".join(re.escape(n) for n in all_names)
        self._quoted = re.compile(
            rf"""(?<![\w-])(["']?)({alternatives})\1(\s*[:=]\s*)(["'])(.*?)(?<!\\)\4""",
            re.IGNORECASE,
        )
        self._bare = re.compile(
            rf"""(?<![\w-])(["']?)({alternatives})\1(?![\w-])(\s*[:=]\s*)"""
            rf"""((?:bearer|basic|token)\s+)?([^\s"'&,;}}\]#]+)""",
            re.IGNORECASE,
        )

    def add(self, value: str) -> None:
        """Mask `value` from now on too: a token obtained while the client runs (OAuth, provider)."""
        if len(value) < _MIN_VALUE_LENGTH or value in self._known:
            return
        forms = set(self._values) | {value, quote(value, safe=""), quote_plus(value, safe="")}
        # Longest first, so a secret that contains another is replaced whole. Both attributes
        # are replaced, never mutated, so a thread reading them meanwhile sees a whole list.
        self._values = sorted(forms, key=len, reverse=True)
        self._known = self._known | {value}

    def text(self, text: str) -> str:
        """The text with every secret value and secret-named value masked."""
        for value in self._values:
            if value in text:
                text = text.replace(value, MASK)
        text = self._quoted.sub(lambda m: f"{m[1]}{m[2]}{m[1]}{m[3]}{m[4]}{MASK}{m[4]}", text)
        return self._bare.sub(lambda m: f"{m[1]}{m[2]}{m[1]}{m[3]}{m[4] or ''}{MASK}", text)

    def url(self, url: object) -> str:
        """A URL (str or httpx.URL) fit to show: secret query params and values masked."""
        return self.text(str(url))

    def is_secret_name(self, name: str) -> bool:
        return name.lower() in self.names


class RedactingFilter(logging.Filter):
    """A logging filter that masks secrets in each record's final message."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        super().__init__()
        self.redactor = redactor or Redactor()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self.redactor.text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


_HTTPX_FILTER = RedactingFilter()


def protect_httpx_logs(names: Iterable[str] = ()) -> None:
    """Mask secret-named query params in httpx's own request log lines (logger "httpx").

    httpx logs every request URL at INFO; a token sent as a query param would show there.
    Only names are registered globally, never values.
    """
    current = _HTTPX_FILTER.redactor.names
    wanted = {n.lower() for n in names}
    if not wanted <= current:
        _HTTPX_FILTER.redactor = Redactor(names=current | wanted)
    logger = logging.getLogger("httpx")
    if _HTTPX_FILTER not in logger.filters:
        logger.addFilter(_HTTPX_FILTER)
