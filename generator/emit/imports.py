"""The import block of a generated module, collected from the symbols its values use."""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass

from generator.emit.pyvalue import Symbol, attribute, imported, symbols

__all__ = ["ImportLine", "Imports", "FIRST_PARTY", "imported_by"]

FIRST_PARTY = ("generator",)  # isort's known_first_party for generated code
_STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}


@dataclass(frozen=True)
class ImportLine:
    """`from <module> import <names>`, or `import <module>` when `names` is empty."""

    module: str
    names: tuple[str, ...] = ()
    one_per_line: bool = False  # parenthesised, one name per line (re-export lists)


@dataclass(frozen=True)
class Imports:
    """Import lines in isort's (profile black) sections and order; empty sections left out.

    Sections: `from __future__`, stdlib, third-party, first-party (`generator`), local (`.`).
    In each, `import x` lines come before `from x import` lines, each sorted by module; names
    are sorted constants first, then classes, then the rest, ignoring case.
    """

    sections: tuple[tuple[ImportLine, ...], ...]

    @classmethod
    def of(cls, *roots: object, future: bool = True,
           one_per_line: frozenset[str] = frozenset()) -> Imports:
        """The imports of every symbol reachable from `roots` (see `pyvalue.symbols`); the
        modules in `one_per_line` get their names one per line."""
        found: set[Symbol] = set()
        for root in roots:
            found |= symbols(root)
        modules: set[str] = set()
        names: dict[str, set[str]] = defaultdict(set)
        if future:
            names["__future__"].add("annotations")
        for symbol in found:
            if symbol.kind == "from":
                names[symbol.module].add(symbol.name)
            elif symbol.kind == "attribute" and symbol.module.startswith("."):
                package, _, module = symbol.module.rpartition(".")
                names[package or "."].add(module)
            elif symbol.kind == "attribute":
                modules.add(symbol.module)
        lines = [ImportLine(module) for module in sorted(modules)]
        lines += [ImportLine(module, tuple(sorted(names[module], key=_name_key)),
                             module in one_per_line)
                  for module in sorted(names, key=_module_key)]
        sections: dict[int, list[ImportLine]] = defaultdict(list)
        for line in lines:
            sections[_section(line.module)].append(line)
        return cls(tuple(tuple(sections[index]) for index in sorted(sections)))


def imported_by(tree: ast.Module, skip: str = "") -> list[Symbol]:
    """The symbols a module's top-level imports bring in (a module another tool wrote, to merge
    its imports with ours); those from the module `skip` left out."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if module != skip:
                found += [imported(module, _unaliased(alias)) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [attribute(_unaliased(alias), "") for alias in node.names]
    return found


def _unaliased(alias: ast.alias) -> str:
    # A symbol is used under its own name: an `as` import has no typed value to become.
    if alias.asname is not None and alias.asname != alias.name:
        raise ValueError(f"{alias.name} is imported under another name: not merged")
    return alias.name


def _section(module: str) -> int:
    top = module.split(".")[0]
    if module == "__future__":
        return 0
    if module.startswith("."):
        return 4
    if top in FIRST_PARTY:
        return 3
    return 1 if top in _STDLIB else 2


def _module_key(module: str) -> tuple[int, str]:
    # isort puts `from . import` before `from .sibling import`: fewer dots after more.
    return (-(len(module) - len(module.lstrip("."))), module.lower())


def _name_key(name: str) -> tuple[int, str]:
    # isort's order_by_type: CONSTANTS, then Classes, then functions and modules.
    if name.isupper() and len(name) > 1:
        return (0, name.lower())
    return (1 if name[:1].isupper() else 2, name.lower())
