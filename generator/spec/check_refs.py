"""Cross-references: params named by rules, paths and examples; auth schemes and credentials."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from generator.spec.check_values import resolve_param as _resolve
from generator.spec.lint_context import LintContext
from generator.spec.load import PathKey
from generator.spec.model import Condition, Endpoint, Field
from generator.spec.walk import endpoint_schemes

__all__ = [
    "check_rules",
    "check_auth_refs",
    "check_paths",
    "check_examples",
    "expect_param",
    "body_has",
]


_PATH_VARIABLE = re.compile(r"\{([^{}]+)\}")


def check_rules(context: LintContext) -> None:
    for name, endpoint in context.spec.endpoints.items():
        for index, rule in enumerate(endpoint.rules):
            path: PathKey = ("endpoints", name, "rules", index)
            for position, param in enumerate(rule.params):
                expect_param(context, endpoint, param, (*path, "params", position))
            needs_when = rule.kind in ("required_if", "only_when")
            if needs_when and rule.when is None:
                context.add(path, "bad-rule", f"a {rule.kind} rule needs `when`", "add `when: {param: …}`")
            if rule.when is not None:
                _check_condition(context, endpoint, rule.when, (*path, "when"))


def _check_condition(
    context: LintContext, endpoint: Endpoint, condition: Condition, path: PathKey
) -> None:
    expect_param(context, endpoint, condition.param, (*path, "param"))
    tests = [condition.equals is not None, condition.one_of is not None, condition.present is not None,
             condition.not_one_of is not None]
    if sum(tests) != 1:
        context.add(path, "bad-rule",
                    "a condition needs exactly one of equals, one_of, not_one_of, present",
                    "say what the param must hold")


def expect_param(context: LintContext, endpoint: Endpoint, dotted: str, path: PathKey) -> None:
    if _resolve(endpoint.params, dotted) is not None:
        return
    close = difflib.get_close_matches(dotted, _param_paths(endpoint.params), n=1)
    context.add(
        path,
        "unknown-param",
        f"{dotted!r} is not a param of this endpoint",
        f"did you mean `{close[0]}`?" if close else "declare it under `params:`",
        value=True,
    )


def _param_paths(params: Mapping[str, Field], prefix: str = "") -> list[str]:
    paths: list[str] = []
    for wire, spec_field in params.items():
        paths.append(prefix + wire)
        if spec_field.properties:
            paths.extend(_param_paths(spec_field.properties, f"{prefix}{wire}."))
    return paths


def body_has(endpoint: Endpoint, dotted: str) -> bool:
    body = endpoint.response.body
    return body is not None and (body.type == "any" or _resolve(body.properties or {}, dotted) is not None)


def check_auth_refs(context: LintContext) -> None:
    spec = context.spec
    schemes = spec.auth.schemes if spec.auth else {}
    credentials = {credential for scheme in schemes.values() for credential in scheme.credentials}
    for name, endpoint in spec.endpoints.items():
        for index, scheme in enumerate(endpoint.auth or []):
            if scheme not in schemes:
                close = difflib.get_close_matches(scheme, list(schemes), n=1)
                context.add(("endpoints", name, "auth", index), "unknown-auth",
                            f"auth scheme {scheme!r} is not declared under `auth.schemes`",
                            f"did you mean `{close[0]}`?" if close else "declare it", value=True)
        download = endpoint.response.download
        for index, credential in enumerate(download.auth if download else []):
            if credential not in credentials:
                context.add(("endpoints", name, "response", "download", "auth", index),
                            "unknown-auth", f"credential {credential!r} is not in any auth scheme",
                            "name a credential declared under `auth.schemes`", value=True)


def check_paths(context: LintContext) -> None:
    spec = context.spec
    for name, endpoint in spec.endpoints.items():
        in_path = set(_PATH_VARIABLE.findall(endpoint.path))
        declared = {wire for wire, param in endpoint.params.items() if param.location == "path"}
        for missing in sorted(in_path - declared):
            context.add(("endpoints", name, "path"), "unknown-param",
                        f"path variable {{{missing}}} has no param with `in: path`",
                        f"add `{missing}: {{type: string, in: path, required: true}}`", value=True)
        for unused in sorted(declared - in_path):
            context.add(("endpoints", name, "params", unused), "unknown-param",
                        f"path param {unused!r} does not appear in the path",
                        f"add {{{unused}}} to `path` or change `in:`")


def check_examples(context: LintContext) -> None:
    spec = context.spec
    for name, endpoint in spec.endpoints.items():
        allowed = set(endpoint.params) | {
            credential for scheme in endpoint_schemes(spec, endpoint) for credential in scheme.credentials
        }
        for example_name, example in endpoint.examples.items():
            for key in example.request or {}:
                if key not in allowed:
                    context.add(("endpoints", name, "examples", example_name, "request", key),
                                "unknown-param", f"example sends {key!r}, which is not a param",
                                "declare the param or fix the example")
