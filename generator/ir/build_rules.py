"""IR of an endpoint's rules: the params they bind and their conditions, by wire and Python path."""

from __future__ import annotations

from collections.abc import Mapping

from generator.ir.build_client import safe_kwarg
from generator.ir.build_leaves import text_of
from generator.ir.naming import field_python
from generator.ir.nodes import ConditionNode, RuleNode
from generator.ir.rule_values import ordering
from generator.names import field_name
from generator.spec import model as spec

__all__ = ["rule_node"]

# Names a generated method already takes: a param called so gets a trailing underscore.
_METHOD_RESERVED = frozenset({"self", "cls"})


def rule_node(endpoint: spec.Endpoint, source: spec.Rule) -> RuleNode:
    wire_paths = tuple(tuple(path.split(".")) for path in source.params)
    return RuleNode(
        kind=source.kind,
        wire_paths=wire_paths,
        python_paths=tuple(_python_path(endpoint, path) for path in wire_paths),
        when=None if source.when is None else _condition(endpoint, source.when),
        description=text_of(source.description),
        **ordering(endpoint, source, wire_paths),
    )


def _python_path(endpoint: spec.Endpoint, wire_path: tuple[str, ...]) -> tuple[str, ...]:
    names: list[str] = []
    fields: Mapping[str, spec.Field] | None = endpoint.params
    for depth, part in enumerate(wire_path):
        current = fields.get(part) if fields else None
        if current is not None:
            names.append(field_python(part, current, depth == 0))
        else:
            python = field_name(part)
            names.append(safe_kwarg(python, _METHOD_RESERVED) if depth == 0 else python)
        fields = current.properties if current else None
    return tuple(names)


def _condition(endpoint: spec.Endpoint, source: spec.Condition) -> ConditionNode:
    wire_path = tuple(source.param.split("."))
    python_path = _python_path(endpoint, wire_path)
    if source.one_of is not None:
        return ConditionNode(wire_path, python_path, "one_of", tuple(source.one_of))
    if source.present is not None:
        return ConditionNode(wire_path, python_path, "present", (source.present,))
    if source.not_one_of is not None:
        return ConditionNode(wire_path, python_path, "not_one_of", tuple(source.not_one_of))
    return ConditionNode(wire_path, python_path, "equals", (source.equals,))
