"""The generated request models enforce the specs' conditional rules: for every rule a request
that keeps it validates and one that breaks it is refused, naming the params involved.

Everything here is derived from the spec files themselves; nothing is a hand-kept list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from generator.names import class_name
from generator.spec.model import Endpoint, Field, Rule, Spec
from tests.generated.samples import sample_value
from tests.generated.spec_models import SPEC_MODELS, models_of


def _put(data: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _drop(data: dict[str, Any], path: list[str]) -> None:
    for part in path[:-1]:
        data = data.get(part, {})
    data.pop(path[-1], None)


def _param(endpoint: Endpoint, path: list[str]) -> Field:
    fields: Mapping[str, Field] = endpoint.params
    found: Field | None = None
    for part in path:
        found = fields[part]
        fields = found.properties or {}
    assert found is not None
    return found


def _base(spec: Spec, endpoint: Endpoint) -> dict[str, Any]:
    """Required params, and the first choice of every one-of rule."""
    data: dict[str, Any] = {wire: sample_value(spec, param)
                            for wire, param in endpoint.params.items() if param.required}
    for rule in endpoint.rules:
        if rule.kind in ("exactly_one_of", "at_least_one_of"):
            first = rule.params[0].split(".")
            _put(data, first, sample_value(spec, _param(endpoint, first)))
    return data


def _holding(spec: Spec, endpoint: Endpoint, data: dict[str, Any], rule: Rule, holds: bool) -> None:
    """Make the rule's condition hold (or not)."""
    assert rule.when is not None
    path = rule.when.param.split(".")
    target = _param(endpoint, path)
    if rule.when.present is not None:
        wanted = rule.when.present if holds else not rule.when.present
        _put(data, path, sample_value(spec, target)) if wanted else _drop(data, path)
        return
    choices = [rule.when.equals] if rule.when.one_of is None else list(rule.when.one_of)
    values = list(spec.enums[target.type].values) if target.type in spec.enums else ["other"]
    if rule.when.not_one_of is not None:  # holds for a value outside the list
        outside = next(value for value in values if value not in rule.when.not_one_of)
        _put(data, path, outside) if holds else _put(data, path, rule.when.not_one_of[0])
    elif holds:
        _put(data, path, choices[0])
    else:
        _put(data, path, next(value for value in values if value not in choices))


def _get(data: dict[str, Any], path: list[str]) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _holds(rule: Rule, data: dict[str, Any]) -> bool:
    assert rule.when is not None
    value = _get(data, rule.when.param.split("."))
    if rule.when.present is not None:
        return (value is not None) is rule.when.present
    if rule.when.not_one_of is not None:
        return value is not None and value not in rule.when.not_one_of
    return value in ([rule.when.equals] if rule.when.one_of is None else rule.when.one_of)


def _satisfy_other_rules(spec: Spec, endpoint: Endpoint, data: dict[str, Any], tested: Rule) -> None:
    """Make every other rule hold, without touching the tested rule's params, so only the
    tested rule decides: give what is required, drop what is not allowed or one too many."""
    bound = set(tested.params)
    for rule in endpoint.rules:
        if rule is tested or rule.kind in ("compare", "window"):
            continue
        free = [param.split(".") for param in rule.params if param not in bound]
        given = [param for param in rule.params if _get(data, param.split(".")) is not None]
        applies = rule.when is None or _holds(rule, data)
        if rule.kind == "required_if" and applies:
            for path in free:
                if _get(data, path) is None:
                    _put(data, path, sample_value(spec, _param(endpoint, path)))
        elif rule.kind == "only_when" and not applies:
            for path in free:
                _drop(data, path)
        elif rule.kind in ("mutually_exclusive", "exactly_one_of") and len(given) > 1:
            for path in [param.split(".") for param in given[1:] if param not in bound]:
                _drop(data, path)
        if rule.kind in ("exactly_one_of", "at_least_one_of") and not given and free:
            _put(data, free[0], sample_value(spec, _param(endpoint, free[0])))


def _rule_cases() -> Iterator[tuple[str, str, int]]:
    for vendor, spec in SPEC_MODELS.items():
        for name, endpoint in spec.endpoints.items():
            for index, rule in enumerate(endpoint.rules):
                if rule.kind not in ("compare", "window"):  # tests/features covers those
                    yield vendor, name, index


@pytest.mark.parametrize(("vendor", "endpoint_name", "index"), list(_rule_cases()))
def test_rule_accepts_valid_and_rejects_invalid_requests(
    vendor: str, endpoint_name: str, index: int
) -> None:
    spec = SPEC_MODELS[vendor]
    endpoint = spec.endpoints[endpoint_name]
    rule = endpoint.rules[index]
    request = getattr(models_of(vendor), f"{class_name(endpoint_name)}Request")
    paths = [param.split(".") for param in rule.params]
    valid, invalid = _base(spec, endpoint), _base(spec, endpoint)
    for path in paths:
        _drop(valid, path), _drop(invalid, path)
    if rule.kind in ("required_if", "only_when"):
        _holding(spec, endpoint, valid, rule, True)
        _holding(spec, endpoint, invalid, rule, rule.kind == "required_if")
        for path in paths:
            _put(valid, path, sample_value(spec, _param(endpoint, path)))
            if rule.kind == "only_when":
                _put(invalid, path, sample_value(spec, _param(endpoint, path)))
    else:
        _put(valid, paths[0], sample_value(spec, _param(endpoint, paths[0])))
        given = paths if rule.kind != "at_least_one_of" else []
        for path in given:
            _put(invalid, path, sample_value(spec, _param(endpoint, path)))
    _satisfy_other_rules(spec, endpoint, valid, rule)
    request.model_validate(valid)
    with pytest.raises(ValidationError) as caught:
        request.model_validate(invalid)
    assert any(wire in str(caught.value) for wire in rule.params)
