"""Compare and window rules, and "not one of" conditions, in words for the generated docs."""

from __future__ import annotations

from datetime import timedelta

from generator.ir.nodes import RuleNode

from .text import code_span

__all__ = ["ordering_text", "not_one_of_text"]

_OP_WORDS = {"<": "before / less than", "<=": "at most", ">": "after / greater than",
             ">=": "at least", "==": "equal to", "!=": "different from"}


def _names(rule: RuleNode) -> tuple[str, str]:
    first, second = (code_span(".".join(path)) for path in rule.wire_paths[:2])
    return first, second


def ordering_text(rule: RuleNode) -> str:
    """"`end` must be after `start`" / "`to` is at most 1 day, 0:00:00 after `from`"."""
    first, second = _names(rule)
    if rule.kind == "compare":
        return f"{first} must be {_OP_WORDS.get(rule.op or '', rule.op)} {second}"
    low, high = rule.span
    limits = [f"at most {timedelta(seconds=high)}" if high is not None else "",
              f"at least {timedelta(seconds=low)}" if low is not None else ""]
    span = " and ".join(part for part in limits if part)
    return f"{second} must not be before {first}, and {span} after it"


def not_one_of_text(subject: str, values: list[str]) -> str:
    return f"{subject} is given and none of {', '.join(values)}"
