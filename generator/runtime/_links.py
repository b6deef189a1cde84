"""Next-page links: read from an RFC 8288 `Link` header, resolved as RFC 3986 references (as
download URLs are), and fetched as a GET with the operation's credentials, only to its own host."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

import httpx

from ._auth import auth_parts
from ._description import AuthScheme, Operation
from ._errors import ConfigError, PaginationError, ResponseValidationError
from ._request import origin_of, split_params

__all__ = ["header_link", "resolve_link", "link_request"]

_LINK = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]+)*)")
_PARAM = re.compile(r"""\s*;\s*([^=\s;]+)\s*=\s*(?:"([^"]*)"|([^;,\s]+))""")


def header_link(value: str | None, rel: str) -> str | None:
    """The target of the first link in a Link header whose rel holds `rel` (case-insensitive)."""
    if not value:
        return None
    for found in _LINK.finditer(value):
        for param in _PARAM.finditer(found[2]):
            if param[1].lower() != "rel":
                continue
            rels = (param[2] if param[2] is not None else param[3]).lower().split()
            if rel.lower() in rels:
                return found[1].strip()
    return None


def resolve_link(value: str, relative_to: str, base_url: str, field: str, where: str,
                 page_url: str = "", *, what: str = "next link",
                 error: type[ResponseValidationError] = PaginationError) -> str:
    """The absolute URL of a next link (or, `what`, a download URL), by RFC 3986 §5 reference
    resolution:

    - an absolute URL is followed as given;
    - `//host/path` (a network-path reference) takes the page's scheme, in every mode;
    - `?query` (and `#fragment`) mean the page itself: the page's URL with that query;
    - any other reference is resolved, dot segments and all, against the base `relative_to`
      names: `origin` the server's `scheme://host/`, `base_url` the server URL as a folder
      (a leading `/` stays under it: `/calls` is the server URL + `/calls`), `page` the page's
      own URL (a Link header's target, RFC 8288 §3.2); `absolute` refuses it.

    `page_url`: the URL of the page the link came from (default: the server URL). Whether the
    result may carry credentials (same origin) is decided when it is fetched (`link_request`,
    `download_url`). A bad reference is an `error` naming `field`.
    """
    try:
        parts = urlsplit(value)
        httpx.URL(value)
    except (ValueError, httpx.InvalidURL):
        raise error(f"{where}: {what} at {field} is not a URL", field=field) from None
    if parts.scheme:
        return value
    page = page_url or base_url
    if value.startswith("//") or (relative_to != "absolute" and not parts.path):
        return urljoin(page, value)
    if relative_to == "origin":
        return urljoin(origin_of(base_url) + "/", value.lstrip("/"))
    if relative_to == "base_url":
        return urljoin(base_url.rstrip("/") + "/", value.lstrip("/"))
    if relative_to == "page":
        return urljoin(page, value)
    raise error(f"{where}: {what} at {field} is relative; the spec says absolute", field=field)


def link_request(
    url: str,
    operation: Operation,
    params: Mapping[str, object],
    *,
    base_url: str,
    schemes: tuple[AuthScheme, ...],
    credentials: Mapping[str, str | None],
    vendor: str,
    defaults: Mapping[str, str],
) -> httpx.Request:
    """GET of a next link with the operation's header params and its credentials (headers or
    query). The link already carries the page's query; credentials never leave the vendor's
    origin, and credentials that belong in a body cannot travel with a GET."""
    auth = auth_parts(schemes, credentials, operation, vendor)
    if auth.body:
        raise ConfigError(
            f"{vendor}: {operation.name} pages through links, which are fetched with GET; "
            f"credentials in the body cannot go with them"
        )
    target = httpx.URL(url)
    if (auth.headers or auth.query) and origin_of(str(target)) != origin_of(base_url):
        raise PaginationError(
            f"{vendor} {operation.name}: next link points at another host than "
            f"{origin_of(base_url)}; refusing to send credentials there"
        )
    headers = {**defaults, **{k: str(v) for k, v in split_params(operation, params)["header"].items()}}
    headers.update(auth.headers)
    headers["Accept"] = "application/json"
    if auth.query:
        target = target.copy_merge_params(auth.query)
    # No timeout here: each attempt sets its own from the call's deadline.
    return httpx.Request("GET", target, headers=headers)
