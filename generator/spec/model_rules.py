"""The spec format's request rules: which params go together, and the conditions they test."""

from __future__ import annotations

from typing import Literal

from pydantic import Field as F
from pydantic import StrictFloat, StrictInt

from generator.spec.model_base import Scalar, SpecModel, Text

__all__ = [
    "Condition",
    "Duration",
    "RuleKind",
    "Rule",
]


class Condition(SpecModel):
    param: Text = F(description="Dotted path of the param the rule looks at.")
    equals: Scalar | None = None
    one_of: list[Scalar] | None = F(None, description="The param holds one of these values.")
    present: bool | None = F(None, description="The param is given (true) or not (false).")
    not_one_of: list[Scalar] | None = F(
        None, description="The param is given and holds none of these values."
    )


class Duration(SpecModel):
    """A length of time: the parts add up (`{hours: 1, minutes: 30}`)."""

    days: StrictInt | StrictFloat = 0
    hours: StrictInt | StrictFloat = 0
    minutes: StrictInt | StrictFloat = 0
    seconds: StrictInt | StrictFloat = 0


RuleKind = Literal[
    "required_if",
    "only_when",
    "mutually_exclusive",
    "exactly_one_of",
    "at_least_one_of",
    "compare",
    "window",
]


class Rule(SpecModel):
    kind: RuleKind = F(
        description="required_if: params required when `when` holds; only_when: params allowed "
        "only when `when` holds; mutually_exclusive: at most one given; exactly_one_of; "
        "at_least_one_of; compare: `params[0] <op> params[1]`; window: params [start, end], "
        "end not before start and at most `max` (at least `min`) after it."
    )
    params: list[Text] = F(min_length=1, description="Dotted paths of the params it binds.")
    when: Condition | None = None
    op: Literal["<", "<=", ">", ">=", "==", "!="] | None = F(
        None, description="compare: how params[0] must relate to params[1]."
    )
    max: Duration | None = F(None, description="window: the longest span from start to end.")
    min: Duration | None = F(None, description="window: the shortest span from start to end.")
    description: str | None = None
