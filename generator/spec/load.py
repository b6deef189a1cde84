"""Read a spec file safely into plain data plus the line and column of every key and value.

PyYAML's composer is used (safe tags only) and the node tree converted by hand, because the
stock constructor silently keeps the last of two duplicate keys, forgets positions, and expands
aliases without limit. Every refusal is an Issue with a place; nothing here raises anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Issue, SpecError

__all__ = ["Position", "Loaded", "load_spec_file", "load_spec_text", "MAX_SPEC_BYTES"]

MAX_SPEC_BYTES = 2 * 1024 * 1024
# An honest spec expands to a few thousand nodes; a billion-laughs file to billions.
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class Loaded:
    """A spec's plain data and where each part of it was written."""

    file: str
    data: Any
    keys: dict[PathKey, Position] = field(default_factory=dict)
    values: dict[PathKey, Position] = field(default_factory=dict)

    def locate(self, path: PathKey) -> Position:
        """The key of `path` if it has one, else its value, else the nearest ancestor."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            found = self.keys.get(prefix) or self.values.get(prefix)
            if found is not None:
                return found
        return Position(1, 1)

    def value_at(self, path: PathKey) -> Position:
        return self.values.get(path) or self.locate(path)


class _Refused(Exception):
    def __init__(self, issue: Issue) -> None:
        self.issue = issue


def _position(mark: yaml.Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


class _Converter:
    """Turns composed nodes into dicts, lists and scalars, recording positions on the way."""

    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file = file
        self.loader = loader
        self.keys: dict[PathKey, Position] = {}
        self.values: dict[PathKey, Position] = {}
        self.issues: list[Issue] = []
        self.budget = MAX_EXPANDED_NODES

    def refuse(self, node: yaml.Node, code: str, message: str, hint: str) -> _Refused:
        where = _position(node.start_mark)
        return _Refused(Issue(self.file, where.line, where.column, code, message, hint))

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.refuse(
                node,
                "alias-bomb",
                f"the file expands to more than {MAX_EXPANDED_NODES:,} values through anchors "
                "and aliases",
                "write the repeated parts out, or use fewer nested aliases",
            )
        if len(path) > MAX_DEPTH:
            raise self.refuse(
                node, "too-deep", f"nesting deeper than {MAX_DEPTH} levels", "flatten the spec"
            )
        if path not in self.values:
            self.values[path] = _position(node.start_mark)
        if node.tag not in _PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
            raise self.refuse(
                node, "yaml-syntax", f"custom tag {node.tag!r}", "only plain YAML is allowed"
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == _STR_TAG:
            return node.value  # most scalars: skip the constructor's bookkeeping
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.refuse(
                    key_node, "bad-key", "a key must be a plain value", "use a string as the key"
                )
            is_str = key_node.tag == _STR_TAG
            key = key_node.value if is_str else self.loader.construct_object(key_node)
            where = _position(key_node.start_mark)
            try:
                duplicate = key in first_seen
            except TypeError:
                raise self.refuse(key_node, "bad-key", "unhashable key", "use a string") from None
            if duplicate:
                self._duplicate(key, where, first_seen[key], path)
                continue
            first_seen[key] = where
            self.keys[(*path, key)] = where
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _duplicate(self, key: Any, where: Position, first: Position, path: PathKey) -> None:
        in_enum = len(path) == 3 and path[0] == "enums" and path[2] == "values"
        code = "duplicate-enum-value" if in_enum else "duplicate-key"
        what = "enum value" if in_enum else "key"
        hint = "remove one of them; YAML would silently keep only the last"
        if path[-2:] == ("discriminator", "mapping"):
            code, what = "duplicate-tag", "tag value"
            hint = "a tag value picks exactly one variant: keep the line the doc means"
        self.issues.append(
            Issue(
                self.file,
                where.line,
                where.column,
                code,
                f"duplicate {what} {key!r} (first at line {first.line})",
                hint,
                _dotted(path),
            )
        )


def _dotted(path: PathKey) -> str:
    return ".".join(str(part) for part in path)


def _too_large(file: str, size: int) -> Issue:
    return Issue(
        file,
        1,
        1,
        "file-too-large",
        f"the file is {size:,} bytes; specs are limited to {MAX_SPEC_BYTES:,}",
        "split the vendor API into several specs",
    )


def _decode(file: str, raw: bytes) -> str:
    if len(raw) > MAX_SPEC_BYTES:
        raise _Refused(_too_large(file, len(raw)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise _Refused(
            Issue(
                file,
                line,
                column,
                "not-utf8",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ) from None
    return text.removeprefix("\ufeff")


def _line_column(text: str, offset: int) -> Position:
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(file: str, text: str) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    """Compose with libyaml when present (15× faster); the pure-Python parser words errors."""
    if _FAST_LOADER is not None:
        try:
            fast = _FAST_LOADER(text)
            return fast.get_single_node(), fast
        except (yaml.YAMLError, RecursionError):
            pass  # parse again below, for the same messages with or without libyaml
    try:
        loader = yaml.SafeLoader(text)
        return loader.get_single_node(), loader
    except yaml.reader.ReaderError as error:
        where = _line_column(text, error.position)
        raise _Refused(
            Issue(file, where.line, where.column, "yaml-syntax",
                  f"character U+{error.character:04X} is not allowed in YAML",
                  "remove the control character")
        ) from None
    except yaml.MarkedYAMLError as error:
        where = _position(error.problem_mark or error.context_mark)
        problem = error.problem or error.context or "invalid YAML"
        raise _Refused(
            Issue(
                file,
                where.line,
                where.column,
                "yaml-syntax",
                f"YAML syntax error: {problem}",
                "check indentation, colons and quotes on this line and the one before",
            )
        ) from None
    except yaml.YAMLError as error:
        raise _Refused(
            Issue(file, 1, 1, "yaml-syntax", f"YAML error: {error}", "fix the YAML")
        ) from None
    except RecursionError:
        raise _Refused(
            Issue(file, 1, 1, "too-deep", "the file nests too deeply", "flatten the spec")
        ) from None


def load_spec_text(file: str, raw: bytes) -> Loaded:
    """Parse raw spec bytes; raise SpecError listing every problem that stops loading."""
    try:
        text = _decode(file, raw)
        node, loader = _compose(file, text)
        if node is None:
            raise _Refused(
                Issue(file, 1, 1, "empty-file", "the spec is empty", "start from specs/README.md")
            )
        converter = _Converter(file, loader)
        try:
            data = converter.convert(node, ())
        except yaml.YAMLError as error:
            where = _position(getattr(error, "problem_mark", None))
            raise _Refused(
                Issue(file, where.line, where.column, "yaml-syntax", str(error).splitlines()[0],
                      "only plain YAML is allowed: no custom tags")
            ) from None
        except RecursionError:
            raise _Refused(
                Issue(file, 1, 1, "too-deep", "the file nests too deeply", "flatten the spec")
            ) from None
    except _Refused as refused:
        raise SpecError([refused.issue]) from None
    if converter.issues:
        raise SpecError(converter.issues)
    if not isinstance(data, dict):
        raise SpecError(
            [Issue(file, 1, 1, "wrong-type", "a spec must be a mapping at the top level",
                   "start with `callspec: 1` as in specs/README.md")]
        )
    return Loaded(file, data, converter.keys, converter.values)


def load_spec_file(path: Path, display: str | None = None) -> Loaded:
    """Read and parse one spec file, refusing an oversized file before reading it."""
    shown = display or str(path)
    try:
        size = path.stat().st_size
        raw = b"" if size > MAX_SPEC_BYTES else path.read_bytes()
    except OSError as error:
        raise SpecError(
            [Issue(shown, 1, 1, "unreadable", f"cannot read the file: {error.strerror}",
                   "check the path and permissions")]
        ) from None
    if size > MAX_SPEC_BYTES:
        raise SpecError([_too_large(shown, size)])
    return load_spec_text(shown, raw)
