"""Name collisions: keys of one mapping, or spec names, that become the same Python name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.names import chosen_field_name, class_name
from generator.spec.check_names import field_python_names
from generator.spec.lint_context import LintContext
from generator.spec.load import PathKey
from generator.spec.walk import field_mappings

__all__ = ["check_collisions"]


def check_collisions(context: LintContext) -> None:
    spec = context.spec
    for path, mapping in field_mappings(spec):
        explicit = field_python_names(mapping)
        _check_unique(context, path, list(mapping),
                      lambda wire, given=explicit: chosen_field_name(wire, given[wire]), "attribute")
    classes: dict[str, PathKey] = {}
    for group in ("enums", "types"):
        for name in getattr(spec, group):
            _claim_class(context, classes, class_name(name), (group, name))
    for name in spec.endpoints:
        for suffix in ("Request", "Response", "Row"):
            _claim_class(context, classes, class_name(name) + suffix, ("endpoints", name))


def _claim_class(
    context: LintContext, classes: dict[str, PathKey], name: str, path: PathKey
) -> None:
    if name in classes and classes[name] != path:
        first = ".".join(str(part) for part in classes[name])
        context.add(
            path,
            "name-collision",
            f"{'.'.join(map(str, path))} and {first} both become the Python class {name}",
            "rename one of them",
        )
    classes.setdefault(name, path)


def _check_unique(
    context: LintContext, path: PathKey, names: Iterable[str], to_python: Any, what: str
) -> None:
    seen: dict[str, str] = {}
    for name in names:
        python = to_python(name)
        if python in seen and seen[python] != name:
            context.add(
                (*path, name),
                "name-collision",
                f"{seen[python]!r} and {name!r} both become the Python {what} `{python}`",
                f"add `python: <another name>` to {name!r}",
            )
        seen.setdefault(python, name)
