"""Shared rendering helpers: the Jinja environment and safe Python literals and docstrings."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from generator.paths import TEMPLATES_DIR

__all__ = ["environment", "render", "macros", "py_literal", "docstring_body"]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["py_literal"] = py_literal  # plain data in templates/_python.j2
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@cache
def macros() -> Any:
    """templates/_python.j2 as a module: its macros called from Python lay out one typed value
    each, without the cost of rendering a whole template per value."""
    return environment().get_template("_python.j2").module


def py_literal(value: object) -> str:
    """Python source for plain data (str, int, float, bool, None, tuples, lists, dicts)."""
    if isinstance(value, dict):
        items = ", ".join(f"{py_literal(key)}: {py_literal(item)}" for key, item in value.items())
        return "{" + items + "}"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(py_literal(item) for item in value)
        if isinstance(value, list):
            return f"[{inner}]"
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, str):
        return _py_str(value)
    if value is None or isinstance(value, (int, float, bool)):
        return repr(value)
    raise TypeError(f"no literal for {type(value).__name__}")


def _py_str(value: str) -> str:
    """repr(), but in double quotes where that needs no more escapes (black's preference)."""
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        return '"' + text[1:-1] + '"'
    return text


def docstring_body(text: str) -> str:
    """Text that can sit between triple quotes: backslashes and quote runs neutralised."""
    safe = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    return f"{safe} " if safe.endswith('"') else safe
