"""Two versions of one vendor's spec compared: vendor, server, auth, errors and endpoints."""

from __future__ import annotations

from dataclasses import replace

from generator.diff.change import Change
from generator.diff.endpoints import compare_endpoints
from generator.diff.errors import compare_errors
from generator.diff.fields import FieldWalk
from generator.diff.record import Recorder
from generator.diff.side import Side
from generator.ir.nodes import AuthNode, SchemeNode

__all__ = ["diff_sides"]


def diff_sides(old: Side, new: Side) -> list[Change]:
    """Every change from `old` to `new`, the worst first, then in the order of the new file."""
    rec = Recorder(old, new)
    _vendor(rec)
    _server(rec)
    _auth(rec, old.api.auth, new.api.auth)
    compare_errors(rec, old.api.errors, new.api.errors, ("errors",), ("errors",))
    requests, responses = FieldWalk(rec, "request"), FieldWalk(rec, "response")
    compare_endpoints(rec, requests, responses)
    _unreached(rec, responses, requests)
    return rec.result()


def _unreached(rec: Recorder, responses: FieldWalk, requests: FieldWalk) -> None:
    """Named types and enums no endpoint walk reached (inside a list body or a union): compared
    as read from responses, where such bodies are."""
    seen = responses.seen | requests.seen
    for model in rec.old.api.models:
        after = rec.new.models.get(model.name)
        if model.kind == "type" and after is not None and (f"model:{model.name}", model.name) not in seen:
            at = rec.old.model_fields_path(model, ())[:2]
            responses.model(model, after, at, rec.new.model_fields_path(after, ())[:2])
    for enum in rec.old.api.enums:
        after_enum = rec.new.enums.get(enum.name)
        if after_enum is not None and (f"enum:{enum.name}", enum.name) not in seen:
            responses.enum(enum, after_enum)


def _vendor(rec: Recorder) -> None:
    old, new = rec.old.api, rec.new.api
    if old.vendor_id != new.vendor_id:
        rec.add("vendor-id-changed", f"vendor id {old.vendor_id} → {new.vendor_id}",
                ("vendor", "id"), ("vendor", "id"))
    if old.client_class != new.client_class:
        rec.add("client-class-renamed", f"client class {old.client_class} → {new.client_class}",
                ("vendor", "name"), ("vendor", "name"))
    if old.version != new.version:
        rec.add("version-changed", f"spec version {old.version or '(none)'} → "
                f"{new.version or '(none)'}", ("vendor", "version"), ("vendor", "version"))
    if old.description != new.description:
        rec.add("description-changed", "the spec's description changed", ("description",),
                ("description",))


def _server(rec: Recorder) -> None:
    old, new = rec.old.api, rec.new.api
    if old.server_url != new.server_url:
        rec.add("server-url-changed", f"server URL {old.server_url} → {new.server_url}",
                ("server", "url"), ("server", "url"))
    old_vars = {variable.name: variable for variable in old.variables}
    new_vars = {variable.name: variable for variable in new.variables}
    for name, variable in old_vars.items():
        at = ("server", "variables", name)
        after = new_vars.get(name)
        if after is None:
            rec.add("server-variable-removed", f"server variable `{name}` removed", at, None)
        elif (variable.default, variable.enum) != (after.default, after.enum):
            rec.add("server-variable-changed", f"server variable `{name}`: default or values "
                    "changed", at, at)
    for name, variable in new_vars.items():
        if name not in old_vars:
            kind = "server-variable-added" + ("" if variable.default else "-required")
            rec.add(kind, f"server variable `{name}` added", None, ("server", "variables", name))


def _auth(rec: Recorder, old: AuthNode | None, new: AuthNode | None) -> None:
    old_schemes = {scheme.name: scheme for scheme in old.schemes} if old else {}
    new_schemes = {scheme.name: scheme for scheme in new.schemes} if new else {}
    if old and new and old.mode != new.mode and len(new.schemes) > 1:
        rec.add("auth-mode-changed", f"auth mode {old.mode} → {new.mode}", ("auth", "mode"),
                ("auth", "mode"))
    for name, scheme in old_schemes.items():
        at = ("auth", "schemes", name)
        if name not in new_schemes:
            rec.add("auth-scheme-removed", f"auth scheme `{name}` removed", at, None)
        else:
            _scheme(rec, scheme, new_schemes[name])
    all_of = new is not None and new.mode == "all_of"
    for name in sorted(new_schemes.keys() - old_schemes.keys()):
        kind = "auth-scheme-added" + ("-required" if all_of or not old_schemes else "")
        rec.add(kind, f"auth scheme `{name}` added", None, ("auth", "schemes", name))


def _scheme(rec: Recorder, old: SchemeNode, new: SchemeNode) -> None:
    at = ("auth", "schemes", new.name)
    old_credentials = {credential.wire for credential in old.credentials}
    new_credentials = {credential.wire for credential in new.credentials}
    for wire in sorted(old_credentials - new_credentials):
        rec.add("auth-credential-removed", f"auth scheme `{new.name}`: credential `{wire}` "
                "removed", at + ("credentials", wire), None)
    for wire in sorted(new_credentials - old_credentials):
        rec.add("auth-credential-added", f"auth scheme `{new.name}`: credential `{wire}` added",
                None, at + ("credentials", wire))
    if replace(old, description="", credentials=()) != replace(new, description="", credentials=()):
        rec.add("auth-scheme-changed", f"auth scheme `{new.name}`: sent differently", at, at)
