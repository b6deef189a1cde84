"""The query styles of an endpoint as the `Operation(query_styles=…)` of its generated client."""

from __future__ import annotations

from generator.emit.render import py_literal
from generator.ir.nodes import EndpointNode

__all__ = ["query_styles_source"]


def query_styles_source(endpoint: EndpointNode) -> str | None:
    """Query params written other than the default way (arrays as repeated keys), or None."""
    styles = {node.wire: node.style for node in endpoint.params
              if node.style is not None and node.style != "explode"}
    return py_literal(styles) if styles else None
