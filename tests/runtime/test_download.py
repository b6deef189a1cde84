"""Two-step downloads (to a file, into a folder, as chunks) and deprecation warnings."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel

from generator.runtime import (
    AuthError,
    ConfigError,
    DownloadRule,
    NotFound,
    Operation,
    PermissionDenied,
    ResponseValidationError,
    SyncClient,
    TransportError,
)

from .helpers import (
    DEEPCALL,
    DEEPCALL_EXPORT,
    YEASTAR,
    YEASTAR_DOWNLOAD,
    Empty,
    Recorder,
    Status,
    ok,
    sync_client,
)

FILE = b"id,caller\n1,555\n" * 1000
RESOURCE = "/api/download/QueueSatisfaction-download-20220608094753.csv"


class Report(BaseModel):
    type: str


def yeastar(rec: Recorder) -> SyncClient:
    return sync_client(
        YEASTAR,
        rec,
        credentials={"access_token": "yeastar-tok-123"},
        variables={"host": "pbx.example.com"},
    )


def yeastar_server() -> Recorder:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/call_report/download"):
            return ok({"errcode": 0, "errmsg": "SUCCESS", "download_resource_url": RESOURCE})
        if request.url.path == RESOURCE:
            return httpx.Response(200, content=FILE, headers={"Content-Type": "text/csv"})
        return httpx.Response(404)

    return Recorder(answer)


def test_two_step_download_to_a_file(tmp_path: Path) -> None:
    rec = yeastar_server()
    dest = tmp_path / "report.csv"
    assert yeastar(rec)._download(YEASTAR_DOWNLOAD, Report(type="ivr"), dest) == dest
    assert dest.read_bytes() == FILE
    assert not (tmp_path / "report.csv.part").exists()
    first, second = rec.requests
    assert (
        str(first.url)
        == "https://pbx.example.com/openapi/v2.0/call_report/download?type=ivr&access_token=yeastar-tok-123"
    )
    # joined with the origin (not the versioned base URL), the token appended as a query param
    assert str(second.url) == f"https://pbx.example.com{RESOURCE}?access_token=yeastar-tok-123"
    assert second.method == "GET"


def test_download_into_a_folder_keeps_the_file_name(tmp_path: Path) -> None:
    path = yeastar(yeastar_server())._download(YEASTAR_DOWNLOAD, Report(type="ivr"), tmp_path)
    assert path == tmp_path / "QueueSatisfaction-download-20220608094753.csv"
    assert path.read_bytes() == FILE


def test_download_as_an_iterator_of_chunks() -> None:
    rec = yeastar_server()
    chunks = yeastar(rec)._download(YEASTAR_DOWNLOAD, Report(type="ivr"))
    assert isinstance(chunks, Iterator) and rec.requests == []
    assert b"".join(chunks) == FILE
    assert len(rec.requests) == 2


def test_absolute_url_used_as_given_and_no_credentials_sent() -> None:
    storage = "https://storage.example.com/reports/call_report_20251123_103045.csv"

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "s-ct3.sarv.com":
            return ok({"code": 200, "status": "success", "data": {"url": storage}})
        return httpx.Response(200, content=b"a,b\n")

    rec = Recorder(answer)
    client = sync_client(
        DEEPCALL, rec, credentials={"ssid": "sess-123456"}, variables={"brand": "s-ct3.sarv.com"}
    )
    assert b"".join(client._download(DEEPCALL_EXPORT, None)) == b"a,b\n"
    assert str(rec.requests[1].url) == storage
    assert "sess-123456" not in str(rec.requests[1].url) and rec.requests[1].content == b""


def test_error_in_the_first_step(tmp_path: Path) -> None:
    rec = Recorder(ok({"status": "error", "message": "Permission denied", "code": 1015}))
    client = sync_client(
        DEEPCALL, rec, credentials={"ssid": "sess-123456"}, variables={"brand": "s-ct3.sarv.com"}
    )
    with pytest.raises(PermissionDenied):
        client._download(DEEPCALL_EXPORT, None, tmp_path / "x.csv")
    assert len(rec.requests) == 1 and list(tmp_path.iterdir()) == []


def test_expired_link_json_error_in_the_second_step(tmp_path: Path) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/download"):
            return ok({"errcode": 0, "download_resource_url": RESOURCE})
        return ok({"errcode": 10004, "errmsg": "TOKEN EXPIRED"})

    with pytest.raises(AuthError, match="code 10004: TOKEN EXPIRED"):
        yeastar(Recorder(answer))._download(
            YEASTAR_DOWNLOAD, Report(type="ivr"), tmp_path / "r.csv"
        )
    assert list(tmp_path.iterdir()) == []


def test_file_missing_in_the_second_step(tmp_path: Path) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/download"):
            return ok({"errcode": 0, "download_resource_url": "/api/download/gone.csv"})
        return httpx.Response(404, text="not found")

    with pytest.raises(NotFound):
        yeastar(Recorder(answer))._download(
            YEASTAR_DOWNLOAD, Report(type="ivr"), tmp_path / "r.csv"
        )


class _Cut(httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        yield b"id,caller\n"
        raise httpx.ReadError("reset")


def test_partial_file_removed_when_the_transfer_breaks(tmp_path: Path) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/download"):
            return ok({"errcode": 0, "download_resource_url": RESOURCE})
        return httpx.Response(200, stream=_Cut())

    dest = tmp_path / "r.csv"
    with pytest.raises(TransportError, match="reset"):
        yeastar(Recorder(answer))._download(YEASTAR_DOWNLOAD, Report(type="ivr"), dest)
    assert list(tmp_path.iterdir()) == []


def test_missing_url_and_credentials_never_sent_to_another_host() -> None:
    rec = Recorder(ok({"errcode": 0}))
    with pytest.raises(ResponseValidationError, match="no download URL at 'download_resource_url'"):
        list(yeastar(rec)._download(YEASTAR_DOWNLOAD, Report(type="ivr")))
    rec = Recorder(ok({"errcode": 0, "download_resource_url": "https://evil.example.net/x.csv"}))
    with pytest.raises(ResponseValidationError, match="refusing to send credentials"):
        list(yeastar(rec)._download(YEASTAR_DOWNLOAD, Report(type="ivr")))
    assert len(rec.requests) == 1


def test_relative_url_for_an_absolute_rule() -> None:
    op = Operation(
        name="e",
        http_method="POST",
        path="/e",
        locations={},
        download=DownloadRule(url="url", relative_to="absolute"),
    )
    rec = Recorder(ok({"url": "/files/1.csv"}))
    client = sync_client(
        DEEPCALL, rec, credentials={"ssid": "sess-123456"}, variables={"brand": "b.example"}
    )
    with pytest.raises(ResponseValidationError, match="download URL at url is relative"):
        list(client._download(op, None))


def test_base_url_relative_join_without_double_slash() -> None:
    op = Operation(
        name="e",
        http_method="GET",
        path="/e",
        locations={},
        idempotent=True,
        download=DownloadRule(url="file", relative_to="base_url"),
    )
    rec = Recorder(
        lambda r: (
            ok({"errcode": 0, "file": "/files/1.csv"})
            if r.url.path.endswith("/e")
            else httpx.Response(200, content=b"x")
        )
    )
    assert b"".join(yeastar(rec)._download(op, None)) == b"x"
    assert str(rec.requests[1].url) == "https://pbx.example.com/openapi/v2.0/files/1.csv"


def _file_at(reference: str, relative_to: str, auth: tuple[str, ...]) -> Recorder:
    """A Yeastar client's two-step download whose first step names `reference`; its requests."""
    op = Operation(
        name="e", http_method="GET", path="/e", locations={}, idempotent=True,
        download=DownloadRule(url="file", relative_to=relative_to, auth=auth),  # type: ignore[arg-type]
    )
    rec = Recorder(
        lambda r: (
            ok({"errcode": 0, "file": reference})
            if r.url.path.endswith("/e")
            else httpx.Response(200, content=b"x")
        )
    )
    assert b"".join(yeastar(rec)._download(op, None)) == b"x"
    return rec


TOKEN = "access_token=yeastar-tok-123"


@pytest.mark.parametrize(("reference", "relative_to", "expected"), [
    # query-only: the server URL with that query (the download's page is the server URL)
    ("?x=1", "base_url", f"https://pbx.example.com/openapi/v2.0?x=1&{TOKEN}"),
    ("?x=1", "origin", f"https://pbx.example.com/openapi/v2.0?x=1&{TOKEN}"),
    # dot segments resolve against the server URL as a folder, or the origin's root
    ("../f.csv", "base_url", f"https://pbx.example.com/openapi/f.csv?{TOKEN}"),
    ("../f.csv", "origin", f"https://pbx.example.com/f.csv?{TOKEN}"),
    # ... and never climb above the host
    ("../../../../f.csv", "base_url", f"https://pbx.example.com/f.csv?{TOKEN}"),
    # scheme-relative to the server's own host: its scheme, credentials still sent
    ("//pbx.example.com/f.csv", "origin", f"https://pbx.example.com/f.csv?{TOKEN}"),
])
def test_relative_download_urls_resolve_as_rfc_3986_references(
    reference: str, relative_to: str, expected: str
) -> None:
    rec = _file_at(reference, relative_to, ("access_token",))
    assert str(rec.requests[1].url) == expected


def test_a_scheme_relative_url_to_another_host_gets_no_credentials() -> None:
    # Without credentials to add, the file is fetched from the host it names, with none.
    rec = _file_at("//other-host.example/f", "base_url", ())
    assert str(rec.requests[1].url) == "https://other-host.example/f"
    assert "yeastar-tok-123" not in str(rec.requests[1].url)
    assert "authorization" not in rec.requests[1].headers
    # With credentials to add, it is refused before anything is sent there.
    with pytest.raises(ResponseValidationError, match="refusing to send credentials"):
        _file_at("//other-host.example/f", "base_url", ("access_token",))


# -- deprecation ----------------------------------------------------------------------------------

DEPRECATED = Operation(
    name="old_report",
    http_method="GET",
    path="/old",
    locations={},
    deprecated="old_report is deprecated: use new_report instead",  # as the IR writes it
)


class OldClient(SyncClient):
    """Stands in for a generated client: one method, one runtime call."""

    def old_report(self) -> Status:
        return self._call(DEPRECATED, Empty(), Status)


def test_deprecation_warning_points_at_the_users_line() -> None:
    rec = Recorder(ok({"status": "ok"}))
    client = OldClient(
        YEASTAR,
        credentials={"access_token": "t-123456"},
        variables={"host": "h.example"},
        transport=rec.transport,
    )
    with pytest.warns(
        DeprecationWarning, match="old_report is deprecated: use new_report instead"
    ) as caught:
        client.old_report()  # the line the warning must name
    (warning,) = caught.list
    assert str(warning.message).count("deprecated") == 1  # said once, not "… is deprecated: … is deprecated"
    assert warning.filename == __file__
    import inspect

    source = inspect.getsource(test_deprecation_warning_points_at_the_users_line).splitlines()
    first = inspect.getsourcelines(test_deprecation_warning_points_at_the_users_line)[1]
    expected = first + next(i for i, line in enumerate(source) if "client.old_report()" in line)
    assert warning.lineno == expected


def test_no_warning_for_current_operations() -> None:
    rec = Recorder(ok({"status": "ok"}))
    client = sync_client(
        YEASTAR, rec, credentials={"access_token": "t-123456"}, variables={"host": "h"}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client._call(
            Operation(name="now", http_method="GET", path="/n", locations={}), None, Status
        )


def test_download_needs_a_given_credential() -> None:
    op = Operation(
        name="d",
        http_method="GET",
        path="/d",
        locations={},
        download=DownloadRule(url="u", relative_to="origin", auth=("token",)),
    )
    rec = Recorder(ok({"status": "success", "u": "/f.csv"}))
    client = sync_client(
        DEEPCALL, rec, credentials={"ssid": "sess-123456"}, variables={"brand": "b.example"}
    )
    with pytest.raises(ConfigError, match="needs credential 'token'"):
        list(client._download(op, None))
