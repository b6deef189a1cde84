"""Next links as RFC 3986 references: each relative form under each `relative_to`, Link header
targets against the page's URL (RFC 8288), and credentials kept to the vendor's origin."""

from __future__ import annotations

import pytest

from generator.runtime import AuthScheme, Credential, PaginationError
from generator.runtime._links import link_request, resolve_link

from .hostile import operation

BASE = "https://api.example.test/v1"
PAGE = "https://api.example.test/v1/calls/recent?page=1&size=2"


def resolve(link: str, mode: str) -> str:
    return resolve_link(link, mode, BASE, "next", "Acme list", PAGE)


@pytest.mark.parametrize(("link", "origin", "base_url", "page"), [
    # an absolute URL: as given, in every mode
    ("https://cdn.example.test/p?x=1", "https://cdn.example.test/p?x=1",
     "https://cdn.example.test/p?x=1", "https://cdn.example.test/p?x=1"),
    # host-relative: under the origin; under base_url a leading / stays under the server URL
    ("/v1/calls?page=2", "https://api.example.test/v1/calls?page=2",
     "https://api.example.test/v1/v1/calls?page=2", "https://api.example.test/v1/calls?page=2"),
    # query-only: the page itself with another query, in every relative mode
    ("?page=2&size=2", "https://api.example.test/v1/calls/recent?page=2&size=2",
     "https://api.example.test/v1/calls/recent?page=2&size=2",
     "https://api.example.test/v1/calls/recent?page=2&size=2"),
    # a path: from the origin's root, the server URL's folder, or the page's folder
    ("calls?page=2", "https://api.example.test/calls?page=2",
     "https://api.example.test/v1/calls?page=2", "https://api.example.test/v1/calls/calls?page=2"),
    ("./next", "https://api.example.test/next", "https://api.example.test/v1/next",
     "https://api.example.test/v1/calls/next"),
    ("../calls?page=2", "https://api.example.test/calls?page=2",
     "https://api.example.test/calls?page=2", "https://api.example.test/v1/calls?page=2"),
    # dot segments never climb above the host
    ("../../../x", "https://api.example.test/x", "https://api.example.test/x",
     "https://api.example.test/x"),
    # scheme-relative: names its host, takes the page's scheme
    ("//api.example.test/v2/calls?c=9", "https://api.example.test/v2/calls?c=9",
     "https://api.example.test/v2/calls?c=9", "https://api.example.test/v2/calls?c=9"),
])
def test_each_reference_form_under_each_mode(link: str, origin: str, base_url: str,
                                             page: str) -> None:
    assert resolve(link, "origin") == origin
    assert resolve(link, "base_url") == base_url
    assert resolve(link, "page") == page


def test_absolute_mode_refuses_relative_links_but_follows_scheme_relative_ones() -> None:
    assert resolve("//api.example.test/v1/x", "absolute") == "https://api.example.test/v1/x"
    for link in ("/v1/x", "?page=2", "x", "../x"):
        with pytest.raises(PaginationError, match="Acme list: next link at next is relative"):
            resolve(link, "absolute")


def test_without_the_page_url_the_server_url_is_the_page() -> None:
    assert resolve_link("?p=2", "origin", BASE, "f", "t") == f"{BASE}?p=2"


def test_a_link_that_is_not_a_url_is_refused_with_its_field() -> None:
    with pytest.raises(PaginationError, match="is not a URL") as caught:
        resolve("http://[::1", "origin")
    assert caught.value.field == "next"


KEY = AuthScheme(name="key", location="header", header="X-Key",
                 credentials=(Credential("api_key"),))


def test_a_scheme_relative_link_to_another_host_gets_no_credentials() -> None:
    url = resolve("//evil.example.test/v1/calls?page=2", "base_url")
    assert url == "https://evil.example.test/v1/calls?page=2"
    with pytest.raises(PaginationError, match="another host") as caught:
        link_request(url, operation("/calls"), {}, base_url=BASE, schemes=(KEY,),
                     credentials={"api_key": "s3cr3t-key"}, vendor="Acme", defaults={})
    assert "s3cr3t-key" not in str(caught.value)
    same = link_request(resolve("//api.example.test/v1/calls?page=2", "origin"),
                        operation("/calls"), {}, base_url=BASE, schemes=(KEY,),
                        credentials={"api_key": "s3cr3t-key"}, vendor="Acme", defaults={})
    assert same.headers["X-Key"] == "s3cr3t-key"
    assert str(same.url) == "https://api.example.test/v1/calls?page=2"
