"""Build the IR from a validated spec: decide every class, attribute and member name once."""

from __future__ import annotations

from generator.ir.aliases import AliasTable
from generator.ir.build_client import CLIENT_KWARGS, auth_node, variable_nodes
from generator.ir.build_endpoints import Builder
from generator.ir.build_leaves import enum_node, note_node, text_of
from generator.ir.nodes import ApiNode
from generator.ir.registry import ClassRegistry
from generator.ir.unions import union_aliases
from generator.names import class_name
from generator.spec import model as spec

# The parts of the build live in build_*.py (client, fields, endpoints, rules, leaves).
__all__ = ["build_api", "CLIENT_KWARGS"]


def build_api(source: spec.Spec, spec_file: str) -> ApiNode:
    """The IR of one spec; `spec_file` is how generated headers name it (specs/x.yaml)."""
    registry = ClassRegistry()
    enum_classes = {name: registry.claim(class_name(name)) for name in source.enums}
    type_classes = {name: registry.claim(class_name(name)) for name in source.types}
    aliases = AliasTable(registry.claim, source, dict(type_classes))
    builder = Builder(source, registry, enum_classes, type_classes, aliases)
    for name, type_spec in source.object_types.items():
        builder.object_model(
            type_classes[name], "type", type_spec.description, type_spec.fields,
            type_spec.additional_properties, claimed=True,
        )
    endpoints = tuple(builder.endpoint(name, endpoint) for name, endpoint in source.endpoints.items())
    vendor_class = class_name(source.vendor.name)
    return ApiNode(
        vendor_id=source.vendor.id,
        vendor_name=source.vendor.name,
        spec_file=spec_file,
        source_document=source.vendor.source.document,
        source_title=source.vendor.source.title,
        source_url=source.vendor.source.url,
        source_version=source.vendor.source.version,
        description=text_of(source.description),
        server_url=source.server.url,
        variables=variable_nodes(source.server),
        auth=auth_node(source.auth),
        enums=tuple(
            enum_node(enum_classes[name], name, enum) for name, enum in source.enums.items()
        ),
        models=tuple(registry.models),
        endpoints=endpoints,
        errors=builder.errors(source.errors, None, ""),
        notes=tuple(note_node(note) for note in source.notes),
        client_class=f"{vendor_class}Client",
        async_client_class=f"Async{vendor_class}Client",
        aliases=aliases.nodes(),
        unions=union_aliases(source, lambda variant: builder.type_of("", "", variant),
                             type_classes),
    )
