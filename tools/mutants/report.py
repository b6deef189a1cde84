"""The campaign's figures: the table printed at the end, the catch rate, the JSON report."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

__all__ = ["CAUGHT", "NOT_COUNTED", "summary", "table", "write_json"]

CAUGHT = ("caught", "broken-generation", "timeout")
NOT_COUNTED = ("stale", "equivalent", "error")


class _Row(Protocol):
    id: str
    outcome: str
    seconds: float
    detail: str


def summary(results: Sequence[_Row]) -> dict[str, Any]:
    """Counts per outcome and the rate: caught (any kind) over the mutants that ran and count."""
    counts = Counter(result.outcome for result in results)
    counted = sum(n for outcome, n in counts.items() if outcome not in NOT_COUNTED)
    caught = sum(counts[outcome] for outcome in CAUGHT)
    return {
        "mutants": len(results),
        "counted": counted,
        "caught_total": caught,
        "by_outcome": dict(sorted(counts.items())),
        "rate": round(caught / counted, 4) if counted else None,
        "survivors": [r.id for r in results if r.outcome == "survived"],
        "stale": [r.id for r in results if r.outcome == "stale"],
    }


def table(results: Sequence[_Row]) -> str:
    """One line per mutant (id, outcome, seconds, what decided), then the rate."""
    width = max([len(r.id) for r in results] + [2])
    lines = [f"{'id':<{width}}  {'outcome':<17} {'secs':>6}  detail", "-" * (width + 40)]
    for r in results:
        lines.append(f"{r.id:<{width}}  {r.outcome:<17} {r.seconds:>6.0f}  {r.detail[:110]}")
    figures = summary(results)
    rate = "n/a" if figures["rate"] is None else f"{figures['rate']:.1%}"
    lines.append("-" * (width + 40))
    lines.append(f"caught {figures['caught_total']} of {figures['counted']} counted mutants "
                 f"({rate}); outcomes: {figures['by_outcome']}")
    return "\n".join(lines)


def write_json(path: Path, meta: dict[str, Any], results: Sequence[object]) -> None:
    """The report: campaign facts, every result (as a dict), the summary."""
    rows = [asdict(r) for r in results]  # type: ignore[call-overload]
    body = {**meta, "summary": summary(results), "results": rows}  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
