"""Strings that match a spec's `pattern`: a small deterministic generator for the regex subset
specs use (literals, classes, ranges, `\\d \\w \\s`, `.`, groups, alternation, repeats, anchors).

Lookarounds and backreferences are refused with UnsupportedPattern naming the construct: a
value the mock cannot make must not be made up. `variant` picks among alternatives and repeat
counts, so rows differ; the result is checked against the pattern before it is returned.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# The standard library's own regex parser and opcodes (re._parser, stable since Python 3.11);
# imported by name because typeshed does not describe these private modules.
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

__all__ = ["UnsupportedPattern", "sample_matching"]

_MAX_REPEAT = 4  # an open repeat (`+`, `*`, `{2,}`) takes at most this many beyond its minimum
_DIGITS = "0123456789"
_WORD = "abcdefghijklmnopqrstuvwxyz" + _DIGITS
_CATEGORIES = {
    sre.CATEGORY_DIGIT: _DIGITS,
    sre.CATEGORY_WORD: _WORD,
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_DIGIT: "abc",
    sre.CATEGORY_NOT_WORD: "-",
    sre.CATEGORY_NOT_SPACE: "x",
}
_PRINTABLE = [chr(code) for code in range(33, 127)]


class UnsupportedPattern(ValueError):
    """The pattern uses a construct the mock's generator does not make values for."""


def sample_matching(pattern: str, variant: int = 0, *, max_length: int | None = None) -> str:
    """A string `re.search(pattern, …)` accepts (anchored or not), chosen by `variant`."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        raise UnsupportedPattern(f"pattern {pattern!r} is not a valid regex: {exc}") from None
    text = _items(list(parsed), variant, max_length)
    if re.search(pattern, text) is None:
        raise UnsupportedPattern(f"pattern {pattern!r}: could not make a matching value")
    return text


def _items(items: list[tuple[Any, Any]], variant: int, budget: int | None) -> str:
    return "".join(_item(op, arg, variant + index, budget) for index, (op, arg) in enumerate(items))


def _item(op: Any, arg: Any, variant: int, budget: int | None) -> str:
    if op is sre.LITERAL:
        return chr(arg)
    if op is sre.NOT_LITERAL:
        return next(c for c in _WORD + "-_" if ord(c) != arg)
    if op is sre.ANY:
        return _WORD[variant % len(_WORD)]
    if op is sre.IN:
        return _in(arg, variant)
    if op is sre.AT:
        return ""  # anchors take no characters
    if op is sre.SUBPATTERN:
        return _items(list(arg[-1]), variant, budget)
    if op is sre.BRANCH:
        branches = arg[1]
        return _items(list(branches[variant % len(branches)]), variant, budget)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, body = arg
        return _repeat(low, high, list(body), variant, budget)
    raise UnsupportedPattern(f"regex construct {op} is not supported by the mock's generator")


def _repeat(low: int, high: Any, body: list[tuple[Any, Any]], variant: int,
            budget: int | None) -> str:
    top = low + _MAX_REPEAT if high is sre.MAXREPEAT else min(high, low + _MAX_REPEAT)
    count = low + variant % (top - low + 1)
    if budget is not None:
        count = max(low, min(count, budget))
    return "".join(_items(body, variant + index, budget) for index in range(count))


def _in(members: list[tuple[Any, Any]], variant: int) -> str:
    """One character of a class `[...]`; for a negated class, a printable one it leaves out."""
    if members and members[0][0] is sre.NEGATE:
        excluded = {c for c in _PRINTABLE if _in_class(members[1:], c)}
        allowed = [c for c in _PRINTABLE if c not in excluded and c.isalnum()]
        return allowed[variant % len(allowed)]
    choices: list[str] = []
    for op, arg in members:
        if op is sre.LITERAL:
            choices.append(chr(arg))
        elif op is sre.RANGE:
            low, high = arg
            choices.extend(chr(code) for code in range(low, min(high, low + 25) + 1))
        elif op is sre.CATEGORY:
            choices.extend(_CATEGORIES.get(arg, "x"))
        else:
            raise UnsupportedPattern(f"regex class member {op} is not supported")
    return choices[variant % len(choices)]


def _in_class(members: list[tuple[Any, Any]], char: str) -> bool:
    for op, arg in members:
        if op is sre.LITERAL and chr(arg) == char:
            return True
        if op is sre.RANGE and arg[0] <= ord(char) <= arg[1]:
            return True
        if op is sre.CATEGORY and char in _CATEGORIES.get(arg, ""):
            return True
    return False
