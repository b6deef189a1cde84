"""Builds models and their fields: a field's Python name, type expression and inline models."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.ir.aliases import AliasTable
from generator.ir.build_leaves import text_of
from generator.ir.naming import field_python, present_when_node
from generator.ir.nodes import (
    NO_VALUE,
    ArrayOf,
    Constraints,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    Primitive,
    RuleNode,
    TypeExpr,
)
from generator.ir.registry import ClassRegistry
from generator.ir.unions import named_union, union_node
from generator.names import class_name
from generator.spec import model as spec

__all__ = ["FieldBuilder"]


def _constraints(source: spec.Field) -> Constraints:
    return Constraints(
        minimum=source.minimum,
        maximum=source.maximum,
        min_length=source.min_length,
        max_length=source.max_length,
        max_items=source.max_items,
        pattern=source.pattern,
    )


def _given(source: spec.Field, key: str) -> object:
    """The spec's value for `key`, or NO_VALUE when the spec did not write the key."""
    return getattr(source, key) if key in source.model_fields_set else NO_VALUE


@dataclass
class FieldBuilder:
    """Turns spec fields into FieldNodes and models, claiming each class name once."""

    source: spec.Spec
    registry: ClassRegistry
    enum_classes: Mapping[str, str]
    type_classes: Mapping[str, str]
    aliases: AliasTable

    def object_model(
        self,
        name: str,
        kind: str,
        description: str | None,
        fields: Mapping[str, spec.Field],
        additional: bool,
        *,
        claimed: bool = False,
        locations: Mapping[str, str] | None = None,
        rules: tuple[RuleNode, ...] = (),
        csv_columns: tuple[str, ...] = (),
    ) -> ModelNode:
        model_name = name if claimed else self.registry.claim(name)
        nodes = tuple(
            self.field(model_name, wire, source, (locations or {}).get(wire), fields)
            for wire, source in fields.items()
        )
        node = ModelNode(
            name=model_name,
            kind=kind,  # type: ignore[arg-type]
            description=text_of(description),
            fields=nodes,
            additional_properties=additional,
            rules=rules,
            csv_columns=csv_columns,
        )
        self.registry.models.append(node)
        return node

    def field(
        self,
        owner: str,
        wire: str,
        source: spec.Field,
        location: str | None,
        siblings: Mapping[str, spec.Field],
    ) -> FieldNode:
        return FieldNode(
            wire=wire,
            python=field_python(wire, source, location is not None),
            type=self.type_of(owner, wire, source),
            description=text_of(source.description),
            required=source.required,
            nullable=source.nullable,
            default=_given(source, "default"),
            const=_given(source, "const"),
            format=source.format,
            datetime_format=source.datetime_format,
            constraints=_constraints(source),
            location=location,
            unit=source.unit,
            example=_given(source, "example"),
            deprecated=source.deprecated,
            secret=source.secret,
            filterable=source.filterable,
            sortable=source.sortable,
            returned_by_default=source.returned_by_default,
            applies_to=tuple(source.applies_to or ()),
            note=text_of(source.note) or None,
            timezone=source.timezone,
            also=tuple(source.also or ()),
            alias=self.aliases.of(source),
            wire_type=self.aliases.wire_type(source),
            style=getattr(source, "style", None),  # only params have a style
            present_when=present_when_node(source, siblings),
            send_default=source.send_default,
        )

    def type_of(self, owner: str, wire: str, source: spec.Field) -> TypeExpr:
        kind = source.type
        if kind == "union":
            return union_node(source, lambda variant: self.type_of(owner, wire, variant),
                              self.type_classes)
        if kind in self.source.union_types:
            return named_union(kind, self.source,
                               lambda variant: self.type_of(owner, wire, variant), self.type_classes)
        if kind in self.enum_classes:
            return EnumRef(self.enum_classes[kind])
        if kind in self.type_classes:
            return ModelRef(self.type_classes[kind])
        if kind == "array":
            assert source.items is not None  # the validator guarantees it
            items = self.type_of(owner, f"{wire}_item", source.items)
            return ArrayOf(items, items_nullable=source.items.nullable)
        # A constant object is fixed data, sent as written: no model to fill in.
        if kind == "object" and source.properties and not isinstance(source.const, dict):
            inline = self.object_model(
                f"{owner}{class_name(wire)}", "inline", source.description, source.properties,
                source.additional_properties,
            )
            return ModelRef(inline.name)
        return Primitive(kind)  # type: ignore[arg-type]
