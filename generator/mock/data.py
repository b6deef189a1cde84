"""Answers from the spec: its examples where it gives usable ones, else generated data.

Records come from a small pool of Sampler records, encoded once, so a page of any size (and a
CSV of a million rows) costs joins of ready bytes; each JSON record gets its own `id` by row.
CSV rows are written as the vendor sends them, with the quirks its example values show (an
apostrophe before a number, space padding). Files are deterministic bytes (`file_content`).
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from generator.ir.nodes import (
    ApiNode,
    CsvNode,
    EndpointNode,
    ErrorsNode,
    ExampleNode,
    FieldNode,
    ModelRef,
    Primitive,
)

from .paging import put_any
from .routes import FILES
from .samples import Sampler

__all__ = ["VendorData", "file_content", "file_chunks", "get_path", "put_path"]

JSON_POOL = 256  # distinct JSON records; row N is pool[N % 256] with its own id
CSV_POOL = 1000  # distinct CSV lines; a block of them is one streamed chunk (~250 KB)
FILE_CHUNK = 64 * 1024
_SENTINEL = "\x00records\x00"
_MISSING = object()


def get_path(body: object, path: str) -> object:
    node = body
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return _MISSING
        node = node[part]
    return node


def put_path(body: dict[str, Any], path: str, value: object) -> None:
    """Set a dotted path, making the objects on the way."""
    *parents, last = path.split(".")
    node = body
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[last] = value


def file_content(name: str, size: int) -> bytes:
    """The bytes of the mock's file `name`: the same for a given name and size, every run."""
    unit = f"callspec mock file {name}\n".encode()
    return (unit * (size // len(unit) + 1))[:size]


def file_chunks(name: str, size: int) -> Iterator[bytes]:
    content = file_content(name, size)
    for start in range(0, len(content), FILE_CHUNK):
        yield content[start : start + FILE_CHUNK]


def _encode(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _usable(example: ExampleNode, status: int) -> bool:
    """A real answer of the vendor: not an error, not a doc sample that shows types."""
    return (
        not example.error
        and not example.schematic
        and example.status == status
        and isinstance(example.response, dict)
    )


class VendorData:
    """Bodies for one vendor's endpoints, deterministic for a seed."""

    def __init__(self, api: ApiNode, seed: int = 7) -> None:
        self.api = api
        self.sampler = Sampler(api, seed)
        self.models = {model.name: model for model in api.models}
        self._pools: dict[str, tuple[str | None, list[bytes]]] = {}
        self._csv_lines: dict[str, list[str]] = {}
        self._skeletons: dict[str, dict[str, Any]] = {}
        self._success = self._success_values()

    # -- JSON ----------------------------------------------------------------------------------

    def page(self, endpoint: EndpointNode, offset: int, count: int, rpc_id: object,
             fields: Mapping[str, object] | None = None) -> bytes:
        """A JSON page of `count` records from row `offset`, in the endpoint's envelope, with
        the paging `fields` (body path → value: cursor, link, total, status) set."""
        records = b",".join(self._record(endpoint, row) for row in range(offset, offset + count))
        body = self._skeleton(endpoint, rpc_id)
        assert endpoint.pagination is not None
        for path, value in (fields or {}).items():
            put_any(body, path, value)
        put_path(body, endpoint.pagination.records, _SENTINEL)
        head, tail = json.dumps(body, separators=(",", ":"), ensure_ascii=False).split(
            json.dumps(_SENTINEL), 1
        )
        return head.encode() + b"[" + records + b"]" + tail.encode()

    def sampled(self, endpoint: EndpointNode, path: str) -> object:
        """The generated body's value at a dotted path (None where there is none)."""
        value = get_path(self._skeleton(endpoint, None), path)
        return None if value is _MISSING else value

    def answer(self, endpoint: EndpointNode, origin: str, rpc_id: object) -> object:
        """The body of a non-paginated JSON answer (a download URL pointing at the mock)."""
        example = self._example(endpoint)
        body = copy.deepcopy(example) if example is not None else self._skeleton(endpoint, rpc_id)
        if endpoint.transport == "jsonrpc":
            body.update({"jsonrpc": "2.0", "id": rpc_id})
        download = endpoint.response.download
        if download is not None:
            put_path(body, download.url, self.file_url(endpoint, body, origin))
        return body

    def file_url(self, endpoint: EndpointNode, body: object, origin: str) -> str:
        """The link to the mock's copy of the file, joined the way the spec says it will be."""
        download = endpoint.response.download
        assert download is not None
        given = get_path(body, download.url)
        name = PurePosixPath(urlsplit(given).path).name if isinstance(given, str) else ""
        name = name or f"{endpoint.name}.bin"
        # The endpoint is part of the link: the file route checks that endpoint's own auth list.
        file = f"{FILES}/{endpoint.name}/{name}"
        vendor = self.api.vendor_id
        if download.relative_to == "absolute":
            return f"{origin}/{vendor}/{file}"
        if download.relative_to == "origin":
            return f"/{vendor}/{file}"
        return file  # relative to the server URL, which ends in /<vendor>

    def _example(self, endpoint: EndpointNode) -> dict[str, Any] | None:
        for example in endpoint.examples:
            if _usable(example, endpoint.response.status):
                assert isinstance(example.response, dict)
                return example.response
        return None

    def _skeleton(self, endpoint: EndpointNode, rpc_id: object) -> dict[str, Any]:
        """A generated success body (records left out), envelope filled for JSON-RPC."""
        if endpoint.name not in self._skeletons:
            model = endpoint.response.model
            body: dict[str, Any] = self.sampler.record(model, 1) if model is not None else {}
            self._succeed(body, endpoint.errors)
            if endpoint.pagination is not None:
                put_path(body, endpoint.pagination.records, [])  # keeps the cached copy small
            self._skeletons[endpoint.name] = body
        body = copy.deepcopy(self._skeletons[endpoint.name])
        if endpoint.transport == "jsonrpc":
            body.pop("error", None)
            body.update({"jsonrpc": "2.0", "id": rpc_id})
            body.setdefault("result", {})
        return body

    def _success_values(self) -> dict[str, object]:
        """Values the spec's success examples show at the error paths (status, code, message)."""
        found: dict[str, object] = {}
        for endpoint in self.api.endpoints:
            errors = endpoint.errors
            paths = [errors.in_body_code, errors.in_body_message]
            paths.append(errors.error_when[0] if errors.error_when else None)
            for example in endpoint.examples:
                if not _usable(example, endpoint.response.status):
                    continue
                for path in filter(None, paths):
                    value = get_path(example.response, path)
                    if value is not _MISSING:
                        found.setdefault(path, value)
        return found

    def _succeed(self, body: dict[str, Any], errors: ErrorsNode) -> None:
        """Make a generated body a success by the endpoint's own error rules."""
        for path in (errors.in_body_code, errors.in_body_message):
            if path is not None and path in self._success:
                put_path(body, path, self._success[path])
        if errors.error_when is not None:
            path, value = errors.error_when
            fallback = "success" if value != "success" else "ok"
            put_path(body, path, self._success.get(path, fallback))
        if errors.success_codes and errors.in_body_code is not None:
            put_path(body, errors.in_body_code, errors.success_codes[0])

    def _record(self, endpoint: EndpointNode, row: int) -> bytes:
        id_kind, pool = self._pool(endpoint)
        rest = pool[row % len(pool)]
        if id_kind is None:
            return rest
        ident = str(row + 1).encode()
        if id_kind == "string":
            ident = b'"' + ident + b'"'
        return b'{"id":' + ident + (b"}" if rest == b"{}" else b"," + rest[1:])

    def _pool(self, endpoint: EndpointNode) -> tuple[str | None, list[bytes]]:
        """Encoded records without their id, and the id's kind (None: the model has no id)."""
        if endpoint.name not in self._pools:
            name = endpoint.response.record_model
            assert name is not None
            id_kind = self._id_kind_of(name)
            pool = []
            for slot in range(JSON_POOL):
                record = self.sampler.record(name, slot)
                if id_kind is not None:
                    record.pop("id", None)
                pool.append(_encode(record))
            self._pools[endpoint.name] = (id_kind, pool)
        return self._pools[endpoint.name]

    def _id_kind_of(self, name: str) -> str | None:
        """The kind of the records' `id` (numbered by row): the model's, or the one every
        variant of a named union shares; None when some record has no id."""
        union = self.sampler.unions.get(name)
        variants = [name] if union is None else [
            variant.name if isinstance(variant, ModelRef) else "" for variant in union.variants]
        kinds = set()
        for variant in variants:
            ids = [f for f in self.models[variant].fields if f.wire == "id"] if variant else []
            kinds.add(_id_kind(ids[0]) if ids else None)
        return kinds.pop() if len(kinds) == 1 else None

    # -- CSV -----------------------------------------------------------------------------------

    def csv_chunks(self, endpoint: EndpointNode, rows: int) -> Iterator[bytes]:
        """The CSV body of `rows` rows, a block of ready lines at a time: constant memory."""
        layout = endpoint.response.csv
        assert layout is not None
        if layout.header:
            yield _csv_text(layout, [list(layout.columns)]).encode()
        lines = self._lines(endpoint, layout)
        full, rest = divmod(rows, len(lines))
        if full:
            block = "".join(lines).encode()
            for _ in range(full):
                yield block
        if rest:
            yield "".join(lines[:rest]).encode()

    def csv_rows(self, endpoint: EndpointNode, rows: int) -> list[dict[str, str]]:
        """The first `rows` rows as a client should read them back (for tests)."""
        layout = endpoint.response.csv
        assert layout is not None
        lines = self._lines(endpoint, layout)
        text = "".join(lines[row % len(lines)] for row in range(rows))
        reader = csv.reader(io.StringIO(text), delimiter=layout.delimiter, quotechar=layout.quote)
        return [dict(zip(layout.columns, cells)) for cells in reader]

    def _lines(self, endpoint: EndpointNode, layout: CsvNode) -> list[str]:
        if endpoint.name not in self._csv_lines:
            fields = {f.wire: f for f in self.models[layout.row_model].fields}
            rows = []
            for row in range(CSV_POOL):
                record = self.sampler.record(layout.row_model, row)
                rows.append([_cell(fields[c], record.get(c), row) for c in layout.columns])
            text = _csv_text(layout, rows)
            self._csv_lines[endpoint.name] = text.splitlines(keepends=True)
        return self._csv_lines[endpoint.name]


def _id_kind(field: FieldNode) -> str | None:
    if isinstance(field.type, Primitive) and field.type.kind in ("integer", "number"):
        return "number"
    if isinstance(field.type, Primitive) and field.type.kind == "string":
        return "string"
    return None


def _csv_text(layout: CsvNode, rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=layout.delimiter, quotechar=layout.quote, lineterminator="\n"
    )
    writer.writerows(rows)
    return out.getvalue()


def _cell(field: FieldNode, value: object, row: int) -> str:
    """A CSV cell as the vendor writes it, following the quirks of the spec's example value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value
    elif isinstance(value, (dict, list)):
        text = json.dumps(value)
    else:
        text = str(value)
    example = field.example
    if isinstance(example, str) and example[:1] == "'" and example[1:].isdigit():
        # An Excel-style export: a long number kept as text behind an apostrophe.
        digits = example[1:]
        text = "'" + digits[: max(0, len(digits) - 9)] + f"{row:09d}"
    if isinstance(example, str) and example != example.rstrip():
        text = text.ljust(len(example))  # a fixed-width column, space-padded
    return text
