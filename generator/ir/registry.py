"""The class names handed out while one spec is built, and the models built so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.ir.nodes import ModelNode

__all__ = ["ClassRegistry"]


@dataclass
class ClassRegistry:
    """Class names handed out so far; a clash gets a numeric suffix, deterministically."""

    taken: set[str] = field(default_factory=set)
    models: list[ModelNode] = field(default_factory=list)

    def claim(self, wanted: str) -> str:
        name, counter = wanted, 2
        while name in self.taken:
            name, counter = f"{wanted}{counter}", counter + 1
        self.taken.add(name)
        return name
