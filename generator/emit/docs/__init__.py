"""Markdown docs: generated/<vendor>/README.md and the generated/README.md index, from the IR."""

# The templates read the (redacted) IR nodes themselves; the small functions of this package,
# one module per section, turn a node into escaped Markdown (a cell, a row, a sentence, a list
# of facts) where a template would otherwise have to decide something.

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from generator.emit.render import environment
from generator.ir.nodes import ApiNode

from . import endpoints, errors, examples, fields, links, models, overview, responses, text
from .redact import redact_api
from .text import finish
from .usage import usage

__all__ = ["render_vendor_docs", "render_docs_index", "redact_api"]


@cache
def _helpers() -> dict[str, Callable[..., object]]:
    """Every public function of the section modules, by name, for the templates to call."""
    found: dict[str, Callable[..., object]] = {}
    for module in (text, links, fields, overview, endpoints, responses, errors, examples, models):
        found.update({name: getattr(module, name) for name in module.__all__
                      if callable(getattr(module, name)) and name[0].islower()})
    return found


def render_vendor_docs(api: ApiNode) -> str:
    """The body of generated/<vendor>/README.md (the caller prepends the header)."""
    api = redact_api(api)
    template = environment().get_template("vendor_readme.md.j2")
    return finish(template.render(
        api=api,
        models={model.name: model for model in api.models},
        usage=usage(api),
        schematic=examples.SCHEMATIC,
        **_helpers(),
    ))


def render_docs_index(apis: Sequence[ApiNode]) -> str:
    """The body of generated/README.md: a quick start, then one row per vendor in the order given."""
    redacted = tuple(redact_api(api) for api in apis)
    template = environment().get_template("docs_index.md.j2")
    first = usage(redacted[0]) if redacted else None
    return finish(template.render(apis=redacted, usage=first, **_helpers()))
