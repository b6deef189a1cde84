"""Field tables: request params, response bodies, model fields, nested objects flattened."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from generator.ir.nodes import NO_VALUE, ArrayOf, Constraints, FieldNode, ModelNode, ModelRef, TypeExpr

from .links import field_type
from .text import NO, YES, cell_code, flag, table_cell, table_row, value_cell

__all__ = [
    "FlatField",
    "flat_fields",
    "constraint_texts",
    "format_text",
    "param_row",
    "field_row",
    "model_field_row",
    "column_row",
]


class FlatField(NamedTuple):
    """A field and where it sits: nested fields carry dotted wire and Python paths."""

    wire: str
    python: str
    location: str
    node: FieldNode


def _inline_model(expr: TypeExpr, models: Mapping[str, ModelNode]) -> tuple[ModelNode, str] | None:
    """The inline object a field holds (directly, or as array items) and its path separator."""
    if isinstance(expr, ArrayOf):
        found = _inline_model(expr.items, models)
        return None if found is None else (found[0], "[]" + found[1])
    model = models.get(expr.name) if isinstance(expr, ModelRef) else None
    return (model, ".") if model is not None and model.kind == "inline" else None


def flat_fields(
    nodes: Sequence[FieldNode],
    models: Mapping[str, ModelNode],
    prefix: tuple[str, str] = ("", ""),
    location: str | None = None,
) -> tuple[FlatField, ...]:
    """Fields in order, each followed by the properties of the inline object it holds."""
    rows: list[FlatField] = []
    for node in nodes:
        where = node.location or location or ""
        rows.append(FlatField(prefix[0] + node.wire, prefix[1] + node.python, where, node))
        inline = _inline_model(node.type, models)
        if inline is not None:
            model, separator = inline
            inner = (prefix[0] + node.wire + separator, prefix[1] + node.python + separator)
            rows.extend(flat_fields(model.fields, models, inner, where))
    return tuple(rows)


def constraint_texts(constraints: Constraints) -> tuple[str, ...]:
    """`≥ 1`, `≤ 500`, `length ≤ 10`, `≤ 50 items`, `pattern …`: the constraints given."""
    bounds = (
        (constraints.minimum, "≥ {}"),
        (constraints.maximum, "≤ {}"),
        (constraints.min_length, "length ≥ {}"),
        (constraints.max_length, "length ≤ {}"),
        (constraints.max_items, "≤ {} items"),
    )
    texts = [template.format(value) for value, template in bounds if value is not None]
    if constraints.pattern is not None:
        texts.append(f"pattern {cell_code(constraints.pattern)}")
    return tuple(texts)


def _constraints_cell(node: FieldNode) -> str:
    texts = list(constraint_texts(node.constraints))
    if node.const is not NO_VALUE:
        texts.insert(0, f"always {value_cell(node.const)}")
    return ", ".join(texts)


def format_text(node: FieldNode) -> str:
    """`datetime `%Y-%m-%d %H:%M:%S``, `rfc3339`, … or empty."""
    if node.format is None:
        return ""
    layout = f" {cell_code(node.datetime_format)}" if node.datetime_format else ""
    return f"{node.format}{layout}"


def _description_cell(node: FieldNode) -> str:
    parts = ["**Deprecated.**"] if node.deprecated else []
    parts += [table_cell(node.description)] if node.description else []
    parts += ["Secret."] if node.secret else []
    if node.example is not NO_VALUE:
        parts.append(f"*Example:* {value_cell(node.example)}")
    if node.note:
        parts.append(f"*Note:* {table_cell(node.note)}")
    return "<br>".join(parts)


def _applies_to(node: FieldNode) -> str:
    return "; ".join(table_cell(item) for item in node.applies_to)


def _details_cell(node: FieldNode, location: str) -> str:
    """Everything a field table folds into one column: default, constraints, format, unit."""
    parts = [f"in {location}"] if location else []
    if node.default is not NO_VALUE:
        parts.append(f"default {value_cell(node.default)}")
    parts += [text for text in (_constraints_cell(node), format_text(node)) if text]
    parts += [f"unit {table_cell(node.unit)}"] if node.unit else []
    parts += [f"applies to {_applies_to(node)}"] if node.applies_to else []
    return "; ".join(parts)


def _required(node: FieldNode) -> str:
    return YES if node.required else NO


def param_row(item: FlatField) -> str:
    """A row of the params table, one column per detail (an endpoint has room for them)."""
    node = item.node
    return table_row(
        cell_code(item.wire), cell_code(item.python), item.location, field_type(node),
        _required(node), value_cell(node.default), _constraints_cell(node), format_text(node),
        table_cell(node.unit or ""), _applies_to(node), _description_cell(node),
    )


def field_row(item: FlatField) -> str:
    """A row of a body or CSV table: the details folded into one column."""
    node = item.node
    return table_row(cell_code(item.wire), cell_code(item.python), field_type(node),
                     _required(node), _details_cell(node, ""), _description_cell(node))


def model_field_row(node: FieldNode, metadata: bool) -> str:
    """A row of a model's table; `metadata` adds the filterable/sortable/returned columns."""
    cells = [cell_code(node.wire), cell_code(node.python), field_type(node), _required(node),
             _details_cell(node, node.location or ""), _description_cell(node)]
    if metadata:
        cells += [flag(node.filterable), flag(node.sortable), flag(node.returned_by_default)]
    return table_row(*cells)


def column_row(number: int, node: FieldNode) -> str:
    """A row of a CSV body's column table: its position, then the field."""
    return table_row(str(number), cell_code(node.wire), cell_code(node.python), field_type(node),
                     _details_cell(node, ""), _description_cell(node))
