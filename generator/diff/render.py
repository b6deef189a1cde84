"""The report of a diff as text (a terminal), JSON (machines) or Markdown (a pull request)."""

from __future__ import annotations

import json

from generator.diff.bump import Bump
from generator.diff.change import Change

__all__ = ["Report", "render"]

Report = list[tuple[Bump, list[Change]]]  # per vendor, in vendor order


def _places(change: Change) -> str:
    return f"{change.old or '(new)'} → {change.new or '(removed)'}"


def _bump_line(bump: Bump) -> str:
    versions = f"version {bump.old_version or '(none)'} → {bump.new_version or '(none)'}"
    if bump.suggested is None:
        return f"{versions}; no bump needed"
    state = "carried" if bump.carried else f"not carried: set vendor.version to {bump.suggested}"
    return f"{versions}; suggested {bump.suggested} ({bump.level} bump), {state}"


def _counts(changes: list[Change]) -> str:
    breaking = sum(change.worst == "breaking" for change in changes)
    return f"{len(changes)} change(s), {breaking} breaking"


def text(report: Report) -> str:
    lines: list[str] = []
    for bump, changes in report:
        if not changes:
            lines.append(f"{bump.vendor}: no changes (version {bump.new_version or '(none)'})")
            continue
        lines.append(f"{bump.vendor}: {_counts(changes)}; {_bump_line(bump)}")
        for change in changes:
            lines.append(f"  {change.worst.upper():<12} python={change.python:<12} "
                         f"wire={change.wire:<12} {change.kind}")
            lines.append(f"      {change.message}")
            lines.append(f"      {_places(change)}")
    return "\n".join(lines) + "\n" if lines else "no changes\n"


def as_json(report: Report) -> str:
    vendors = [{**bump.as_json(), "changes": [change.as_json() for change in changes]}
               for bump, changes in report]
    breaking = any(change.worst == "breaking" for _, changes in report for change in changes)
    return json.dumps({"breaking": breaking, "vendors": vendors}, indent=2) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(report: Report) -> str:
    """Ready for a pull-request comment: a summary line per vendor, breaking changes first."""
    if not report:
        return "### callspec diff\n\nNo spec changes.\n"
    lines = ["### callspec diff", ""]
    for bump, changes in report:
        if not changes:
            continue
        lines += [f"#### `{bump.vendor}`: {_counts(changes)}", "", _bump_line(bump), ""]
        lines += ["| | change | Python API | wire | old | new |", "| --- | --- | --- | --- | --- | --- |"]
        for change in changes:
            mark = {"breaking": "**breaking**", "non-breaking": "non-breaking", "info": "info"}
            lines.append(f"| {mark[change.worst]} | {_cell(change.message)} (`{change.kind}`) | "
                         f"{change.python} | {change.wire} | {change.old or ''} | "
                         f"{change.new or ''} |")
        lines.append("")
    unchanged = [f"`{bump.vendor}`" for bump, changes in report if not changes]
    if unchanged:
        lines += [f"No changes: {', '.join(unchanged)}.", ""]
    return "\n".join(lines)


def render(report: Report, fmt: str) -> str:
    return {"text": text, "json": as_json, "markdown": markdown}[fmt](report)
