"""Secret redaction: credential values and secret-named params become "***" wherever text is shown.

Used for the client's repr, its log lines (logger "callspec"), exception messages and every URL
the runtime shows to a user. Two rules, applied in order:

1. every credential value given to the client (and its URL-quoted forms) is replaced;
2. whatever follows a secret name (`token`, `ssid`, `access_token`, `Authorization`,
   `password`, and each credential's wire name) as `name=value`, `name: value`,
   `"name": "value"` or a header pair `(b'name', b'value')` is replaced, so a secret the
   client never saw (a session id echoed back by the vendor) is hidden too.

The loggers of the runtime's dependencies (httpx, httpcore, hpack, h2) get a filter with rule 2:
their DEBUG lines show URLs and response headers, such as a redirect's Location.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

__all__ = ["MASK", "SECRET_NAMES", "Redactor", "RedactingFilter", "protect_httpx_logs"]

MASK = "***"
SECRET_NAMES: tuple[str, ...] = ("token", "ssid", "access_token", "Authorization", "password")

# Shorter "secrets" are not real secrets (ids, flags); replacing them everywhere would mangle
# unrelated text such as status codes, so they are hidden by name only.
_MIN_VALUE_LENGTH = 4


class Redactor:
    """Replaces known secret values and the values of secret-named params with MASK."""

    def __init__(self, values: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        forms: set[str] = set()
        for value in values:
            if len(value) >= _MIN_VALUE_LENGTH:
                forms.update((value, quote(value, safe=""), quote_plus(value, safe="")))
        # Longest first, so a secret that contains another is replaced whole.
        self._values = sorted(forms, key=len, reverse=True)
        all_names = sorted({n.lower() for n in (*SECRET_NAMES, *names)}, key=len, reverse=True)
        self.names = frozenset(all_names)
        alternatives = "|".join(re.escape(n) for n in all_names)
        self._quoted = re.compile(
            rf"""(?<![\w-])(["']?)({alternatives})\1(\s*[:=]\s*)(["'])(.*?)(?<!\\)\4""",
            re.IGNORECASE,
        )
        # httpcore logs headers as reprs of byte pairs: (b'Authorization', b'Bearer …').
        self._pair = re.compile(
            rf"""(?<![\w-])(b?)(["'])({alternatives})\2(\s*,\s*b?)(["'])(.*?)(?<!\\)\5""",
            re.IGNORECASE,
        )
        self._bare = re.compile(
            rf"""(?<![\w-])(["']?)({alternatives})\1(?![\w-])(\s*[:=]\s*)"""
            rf"""((?:bearer|basic|token)\s+)?([^\s"'&,;}}\]#]+)""",
            re.IGNORECASE,
        )

    def text(self, text: str) -> str:
        """The text with every secret value and secret-named value masked."""
        for value in self._values:
            if value in text:
                text = text.replace(value, MASK)
        text = self._quoted.sub(lambda m: f"{m[1]}{m[2]}{m[1]}{m[3]}{m[4]}{MASK}{m[4]}", text)
        if "," in text:
            text = self._pair.sub(
                lambda m: f"{m[1]}{m[2]}{m[3]}{m[2]}{m[4]}{m[5]}{MASK}{m[5]}", text
            )
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

# Every logger of the runtime's dependencies that may show a URL or a header. A filter on a
# logger sees only records logged on that very logger, not its children's: each is named.
_DEPENDENCY_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.connection_pool",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack",
    "hpack.hpack",
    "hpack.table",
    "h2",
    "h2.connection",
    "h11",
)
_DEPENDENCY_PREFIXES = tuple(f"{name}." for name in ("httpx", "httpcore", "hpack", "h2", "h11"))


def _dependency_loggers() -> set[str]:
    """The named loggers, and any other one under their names that exists by now."""
    existing = [n for n in logging.root.manager.loggerDict if n.startswith(_DEPENDENCY_PREFIXES)]
    return {*_DEPENDENCY_LOGGERS, *existing}


def protect_httpx_logs(names: Iterable[str] = ()) -> None:
    """Mask secret-named values in the log lines of httpx, httpcore, hpack and h2.

    httpx logs every request URL at INFO, httpcore every response header at DEBUG (a redirect's
    Location may carry a token). Only names are registered globally, never values.
    """
    current = _HTTPX_FILTER.redactor.names
    wanted = {n.lower() for n in names}
    if not wanted <= current:
        _HTTPX_FILTER.redactor = Redactor(names=current | wanted)
    for name in _dependency_loggers():
        logger = logging.getLogger(name)
        if _HTTPX_FILTER not in logger.filters:
            logger.addFilter(_HTTPX_FILTER)
