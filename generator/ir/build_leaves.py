"""IR nodes copied from one spec object each: enums, review notes, examples, deprecations."""

from __future__ import annotations

from generator.ir.naming import meaning, member_name
from generator.ir.nodes import EnumMember, EnumNode, ExampleNode, NoteNode
from generator.spec import model as spec

__all__ = ["text_of", "enum_node", "note_node", "deprecation_message", "example_node"]


def text_of(value: str | None) -> str:
    return (value or "").strip()


def enum_node(name: str, spec_name: str, enum: spec.EnumSpec) -> EnumNode:
    return EnumNode(
        name=name,
        spec_name=spec_name,
        kind=enum.type,
        description=text_of(enum.description),
        members=tuple(
            EnumMember(member_name(value, given), value, text_of(meaning(given)) or None)
            for value, given in enum.values.items()
        ),
    )


def note_node(note: spec.ReviewNote) -> NoteNode:
    return NoteNode(
        note.topic, note.at, text_of(note.doc_says), text_of(note.decision), text_of(note.why)
    )


def deprecation_message(name: str, source: spec.Deprecation | None) -> str | None:
    if source is None:
        return None
    parts = [f"{name} is deprecated: {source.message.strip()}"]
    if source.since:
        parts.append(f"(since {source.since})")
    if source.replacement:
        parts.append(f"Use {source.replacement} instead.")
    return " ".join(parts)


def example_node(name: str, source: spec.Example) -> ExampleNode:
    return ExampleNode(
        name=name,
        description=text_of(source.description),
        request=dict(source.request) if source.request is not None else None,
        response=source.response,
        response_csv=source.response_csv,
        status=source.status,
        error=source.error,
        schematic=source.schematic,
    )
