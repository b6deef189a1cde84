"""Two-step downloads: the file URL named in a JSON body, joined and credentialed; where to write it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import httpx

from ._description import DownloadRule
from ._errors import ConfigError, ResponseValidationError
from ._links import resolve_link
from ._request import origin_of
from ._response import MISSING, Exchange, get_path

__all__ = ["download_url", "target_path", "partial_path"]


def download_url(
    payload: object,
    rule: DownloadRule,
    base_url: str,
    credentials: Mapping[str, str | None],
    ex: Exchange,
) -> httpx.URL:
    """The file's URL: read at `rule.url`, resolved per `rule.relative_to` as `resolve_link` does
    (the server URL as the page), credentials appended only for the server's own origin."""
    value = get_path(payload, rule.url)
    if value is MISSING or not isinstance(value, str) or not value.strip():
        raise ResponseValidationError(
            f"{ex.where}: response has no download URL at {rule.url!r}",
            field=rule.url,
        )
    # RFC 3986 resolution, as for next links: `?x=1` is the server URL with that query, `../f`
    # never climbs above the host, `//host/f` names its host (and gets no credentials below).
    url = resolve_link(value.strip(), rule.relative_to, base_url, rule.url, ex.where,
                       what="download URL", error=ResponseValidationError)
    result = httpx.URL(url)
    if not rule.auth:
        return result
    if origin_of(str(result)) != origin_of(base_url):
        # Credentials go only to the vendor's own host, never to whatever a body points at.
        raise ResponseValidationError(
            f"{ex.where}: download URL points at another host than {origin_of(base_url)}; "
            f"refusing to send credentials there",
            field=rule.url,
        )
    params: dict[str, str] = {}
    for name in rule.auth:
        secret = credentials.get(name)
        if secret is None:
            raise ConfigError(f"{ex.vendor}: the download needs credential {name!r}")
        params[name] = secret
    return result.copy_merge_params(params)


def target_path(dest: str | os.PathLike[str], url: httpx.URL) -> Path:
    """Where to write: `dest`, or a file named after the URL inside `dest` if it is a folder."""
    path = Path(dest)
    if path.is_dir():
        name = PurePosixPath(url.path).name or "download"
        return path / name
    return path


def partial_path(path: Path) -> Path:
    """The temporary file written first and renamed into place, so `path` is never half-written."""
    return path.with_name(path.name + ".part")
