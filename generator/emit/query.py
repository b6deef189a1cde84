"""The query styles of an endpoint, as the `Operation(query_styles=…)` of its generated client."""

from __future__ import annotations

from generator.ir.nodes import EndpointNode

__all__ = ["query_styles"]


def query_styles(endpoint: EndpointNode) -> dict[str, str]:
    """wire name → style of the query params written other than the default way (an array as
    repeated keys, an object as JSON)."""
    return {node.wire: node.style for node in endpoint.params
            if node.style is not None and node.style != "explode"}
