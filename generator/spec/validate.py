"""Check a loaded spec: its shape against the format, then the cross-references between parts.

Every problem becomes an Issue at the line it comes from; all of them are raised together.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.errors import SpecError
from generator.spec.check_collisions import check_collisions
from generator.spec.check_fields import check_enums, check_types
from generator.spec.check_names import check_endpoint_names, check_explicit_names
from generator.spec.check_paging import check_pagination
from generator.spec.check_refs import (
    body_has,
    check_auth_refs,
    check_examples,
    check_paths,
    check_rules,
    expect_param,
)
from generator.spec.check_shapes import check_present_when, check_query_styles, check_unions
from generator.spec.check_values import check_defaults, check_ordering_rules, check_server_variables
from generator.spec.lint_context import LintContext
from generator.spec.load import Loaded
from generator.spec.model import Spec
from generator.spec.shape_issues import shape_issues
from generator.spec.validate_auth import check_auth_styles
from generator.spec.walk import all_fields, field_mappings

__all__ = ["validate_spec", "LINT_CODES"]

# Every code the linter reports, with what it means; specs/README.md lists the same table.
LINT_CODES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML, or uses custom tags",
    "duplicate-key": "a mapping names the same key twice",
    "duplicate-enum-value": "an enum lists the same value twice",
    "duplicate-tag": "a union's discriminator maps the same tag value twice",
    "empty-file": "the file holds nothing",
    "not-utf8": "the file is not UTF-8",
    "file-too-large": "the file is larger than specs may be",
    "alias-bomb": "anchors and aliases expand beyond a sane size",
    "too-deep": "the file nests deeper than specs may",
    "bad-key": "a key is not a plain value",
    "unreadable": "the file cannot be read",
    "unknown-key": "a key the spec format does not have",
    "missing-key": "a required key is absent",
    "wrong-type": "a value of the wrong type",
    "bad-value": "a value outside what the key allows",
    "unknown-type": "a field names a type or enum that is not declared",
    "name-collision": "two names become the same Python identifier",
    "reserved-name": "a generated name would hide the runtime client's or the module's own names",
    "unknown-param": "a rule, pagination, path or example names a param that does not exist",
    "unknown-auth": "an endpoint or download names an auth scheme or credential that does not exist",
    "bad-field": "a field's keys do not fit its type",
    "bad-rule": "a rule lacks what its kind needs",
    "vendor-id": "vendor.id differs from the file name",
    "bad-auth": "an auth scheme's keys do not fit its style (basic, oauth2, token_provider)",
}

# The old private names, which check_paging imports (lazily: it is imported from here).
_Context = LintContext
_expect_param = expect_param
_body_has = body_has


def validate_spec(loaded: Loaded) -> Spec:
    """Return the validated Spec or raise SpecError with every problem found."""
    try:
        spec = Spec.model_validate(loaded.data)
    except ValidationError as error:
        raise SpecError(list(shape_issues(loaded, error))) from None
    context = LintContext(loaded, spec, [])
    for check in _CHECKS:
        check(context)
    if context.issues:
        raise SpecError(context.issues)
    return spec


def _check_vendor_id(context: LintContext) -> None:
    stem = Path(context.loaded.file).stem
    vendor_id = context.spec.vendor.id
    if stem != vendor_id and not stem.startswith(f"{vendor_id}."):
        context.add(
            ("vendor", "id"),
            "vendor-id",
            f"vendor.id {vendor_id!r} differs from the file name {stem!r}",
            f"rename the file to {vendor_id}.yaml, or make the id match the file name",
            value=True,
        )


def _check_python_names(context: LintContext) -> None:
    check_explicit_names(context, all_fields(context.spec))
    check_endpoint_names(context)


def _check_shapes(context: LintContext) -> None:
    check_unions(context, all_fields(context.spec))
    check_present_when(context, field_mappings(context.spec))
    check_query_styles(context)


_CHECKS = (
    _check_vendor_id,
    check_types,
    check_enums,
    check_collisions,
    _check_python_names,
    _check_shapes,
    check_rules,
    check_pagination,
    check_auth_refs,
    check_paths,
    check_examples,
    lambda context: check_auth_styles(context.spec, context.add),
    check_ordering_rules,
    check_defaults,
    check_server_variables,
)
