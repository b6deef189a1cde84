"""Type expressions compared: widened, narrowed or changed, and how each is shown."""

from __future__ import annotations

from generator.ir.nodes import ArrayOf, EnumNode, EnumRef, ModelRef, OneOf, Primitive, TypeExpr

__all__ = ["shown", "wider"]


def shown(expr: TypeExpr) -> str:
    """The type as a reviewer reads it: `integer`, `list[Call]`, `Direction | string`."""
    if isinstance(expr, Primitive):
        return expr.kind
    if isinstance(expr, EnumRef | ModelRef):
        return expr.name
    if isinstance(expr, ArrayOf):
        return f"list[{shown(expr.items)}]"
    return " | ".join(shown(variant) for variant in expr.variants)


def wider(narrow: TypeExpr, wide: TypeExpr, enums: dict[str, EnumNode]) -> bool:
    """True when every value of `narrow` is a value of `wide` (and they differ)."""
    if narrow == wide:
        return False
    if wide == Primitive("any"):
        return True
    if narrow == Primitive("integer") and wide == Primitive("number"):
        return True
    if isinstance(narrow, EnumRef) and isinstance(wide, Primitive):
        enum = enums.get(narrow.name)
        return enum is not None and wide.kind in (enum.kind, "any")
    if isinstance(wide, OneOf):
        inner = narrow.variants if isinstance(narrow, OneOf) else (narrow,)
        return all(variant in wide.variants for variant in inner)
    if isinstance(narrow, ArrayOf) and isinstance(wide, ArrayOf):
        return wider(narrow.items, wide.items, enums)
    return False
