"""A synthetic spec: the CallGear endpoint, its types and enums, copied N times under new names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.paths import SPECS_DIR

__all__ = ["scaled_callgear", "write_scaled_callgear"]

# Keys whose string value names an enum or a type of the spec.
_NAMING_KEYS = frozenset({"type", "of"})


def _renamed(value: Any, names: dict[str, str]) -> Any:
    """Every `type:` (and `field_names.of:`) that names a copied enum or type points at its copy."""
    if isinstance(value, dict):
        return {key: (names.get(item, item) if key in _NAMING_KEYS and isinstance(item, str)
                      else _renamed(item, names)) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, names) for item in value]
    return value


def scaled_callgear(copies: int) -> dict[str, Any]:
    spec = yaml.safe_load((SPECS_DIR / "callgear.yaml").read_text(encoding="utf-8"))
    vendor_id = f"callgear_x{copies}"
    scaled = {**spec, "vendor": {**spec["vendor"], "id": vendor_id, "name": f"CallGear x{copies}"},
              "enums": {}, "types": {}, "endpoints": {}}
    for copy in range(1, copies + 1):
        names = {name: f"{name}{copy}" for name in [*spec["enums"], *spec["types"]]}
        for group in ("enums", "types"):
            for name, body in spec[group].items():
                scaled[group][names[name]] = _renamed(body, names)
        for name, body in spec["endpoints"].items():
            scaled["endpoints"][f"{name}_{copy}"] = _renamed(body, names)
    return scaled


def write_scaled_callgear(copies: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"callgear_x{copies}.yaml"
    text = yaml.safe_dump(scaled_callgear(copies), sort_keys=False, allow_unicode=True, width=100)
    path.write_text(re.sub(r"\s+$", "\n", text), encoding="utf-8")
    return path
