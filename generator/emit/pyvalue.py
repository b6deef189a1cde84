"""Typed values of generated Python: symbols and their imports, calls, literals, annotations."""

# Emitters build these from the IR; templates/_python.j2 lays them out (each class names its
# `node` for the macro) and generator.emit.imports collects the imports they need, so no
# emitter writes Python as text.

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import ClassVar, Literal, Union

__all__ = [
    "Symbol",
    "Lit",
    "Ref",
    "Call",
    "TupleOf",
    "DictOf",
    "TypeRef",
    "UnionOf",
    "ParamsOf",
    "Assign",
    "Value",
    "Annotation",
    "builtin",
    "imported",
    "attribute",
    "value",
    "folded",
    "call",
    "symbols",
]

SymbolKind = Literal["scope", "from", "attribute"]


@dataclass(frozen=True, order=True)
class Symbol:
    """A name and the import that brings it into scope.

    kind "scope": a builtin or a name the module defines itself (no import);
    "from": `from <module> import <name>`, used as `<name>`;
    "attribute": `import <module>` (or `from . import <m>` for ".<m>"), used as `<m>.<name>`.
    """

    name: str
    module: str = ""
    kind: SymbolKind = "scope"
    node: ClassVar[str] = "symbol"

    @property
    def namespace(self) -> str:
        """What an attribute symbol is reached through: the last part of its module."""
        return self.module.rsplit(".", 1)[-1] if self.kind == "attribute" else ""

    @property
    def dotted(self) -> str:
        """`<module>.<name>`: the import path tools take as data (datamodel-code-generator's
        customBasePath, customTypePath, additional_imports)."""
        return f"{self.module}.{self.name}" if self.module else self.name


@dataclass(frozen=True)
class Lit:
    """Plain data (str, int, float, bool, None, and lists, tuples, dicts of them)."""

    value: object
    node: ClassVar[str] = "literal"


@dataclass(frozen=True)
class Ref:
    """A name already in scope: a parameter, a local, or `self._call`-style attribute access."""

    name: str
    node: ClassVar[str] = "ref"


@dataclass(frozen=True)
class Call:
    """`func(*args, **kwargs)`, with an optional `**star_kwargs` at the end."""

    func: Symbol | Ref
    args: tuple[Value, ...] = ()
    kwargs: tuple[tuple[str, Value], ...] = ()
    star_kwargs: Ref | None = None
    node: ClassVar[str] = "call"


@dataclass(frozen=True)
class TupleOf:
    """A tuple of values. A 1-tuple keeps its trailing comma; so does a `one_per_line` tuple,
    which black then lays out one item per line (a magic trailing comma)."""

    items: tuple[Value, ...]
    one_per_line: bool = False
    node: ClassVar[str] = "tuple"


@dataclass(frozen=True)
class DictOf:
    """A dict of values; `one_per_line` as for `TupleOf`."""

    items: tuple[tuple[Value, Value], ...]
    one_per_line: bool = False
    node: ClassVar[str] = "dict"


@dataclass(frozen=True)
class TypeRef:
    """An annotation: `symbol[args...]`, followed by ` | None` when optional. An argument is an
    annotation, or a value for the special forms (`Literal["a"]`, `Annotated[T, Wire(...)]`);
    `one_per_line` as for `TupleOf` (a trailing comma after the arguments)."""

    symbol: Symbol
    args: tuple[Annotation | Value, ...] = ()
    optional: bool = False
    one_per_line: bool = False
    node: ClassVar[str] = "type"


@dataclass(frozen=True)
class UnionOf:
    """`A | B | ...` of annotations."""

    members: tuple[TypeRef, ...]
    node: ClassVar[str] = "union"


@dataclass(frozen=True)
class ParamsOf:
    """`[A, B]`: the parameter list of a `Callable[[A, B], R]` annotation (may be empty)."""

    members: tuple[TypeRef, ...] = ()
    node: ClassVar[str] = "params"


@dataclass(frozen=True)
class Assign:
    """`target = value`, then the attribute docstring when there is one (already safe between
    triple quotes, see render.docstring_body): a class attribute, an enum member, a type alias."""

    target: str
    value: Value | Annotation
    docstring: str = ""
    node: ClassVar[str] = "assign"


Value = Union[Lit, Ref, Symbol, Call, TupleOf, DictOf]
Annotation = Union[TypeRef, UnionOf, ParamsOf]
_VALUES = (Lit, Ref, Symbol, Call, TupleOf, DictOf)


def builtin(name: str) -> Symbol:
    """A builtin, or a name the generated module defines itself."""
    return Symbol(name)


def imported(module: str, name: str) -> Symbol:
    return Symbol(name, module, "from")


def attribute(module: str, name: str) -> Symbol:
    return Symbol(name, module, "attribute")


def value(data: object) -> Value:
    """A value as is; plain data as a literal."""
    return data if isinstance(data, _VALUES) else Lit(data)


def folded(item: Value) -> Value:
    """The canonical form of a value: tuples and dicts of literals become one literal, so that
    `TupleOf(())` equals `Lit(())` when compared."""
    if isinstance(item, TupleOf):
        items = tuple(folded(member) for member in item.items)
        if all(isinstance(member, Lit) for member in items):
            return Lit(tuple(member.value for member in items if isinstance(member, Lit)))
        return TupleOf(items)
    if isinstance(item, DictOf):
        pairs = tuple((folded(key), folded(member)) for key, member in item.items)
        if all(isinstance(key, Lit) and isinstance(member, Lit) for key, member in pairs):
            return Lit({key.value: member.value for key, member in pairs
                        if isinstance(key, Lit) and isinstance(member, Lit)})
        return DictOf(pairs)
    return item


def call(func: Symbol | Ref, *args: object, **kwargs: object) -> Call:
    """A call whose arguments may be values or plain data, in the order given."""
    return Call(func, tuple(value(arg) for arg in args),
                tuple((name, value(arg)) for name, arg in kwargs.items()))


def symbols(root: object) -> set[Symbol]:
    """Every symbol reachable from `root` through dataclass fields, tuples, lists and dicts."""
    found: set[Symbol] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, Symbol):
            found.add(item)
        elif isinstance(item, Lit):
            continue  # plain data names nothing
        elif is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in fields(item))
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return found
