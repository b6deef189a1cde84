"""Auth: which scheme(s) the given credentials satisfy, and where each credential goes on the wire.

Fixed credentials are placed here (plain, bearer, HTTP Basic); schemes whose token is obtained
per request (a token provider, OAuth client credentials) are handed on to `_tokens`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ._description import ApiDescription, AuthScheme, Operation
from ._errors import ConfigError
from ._oauth import basic_credentials

__all__ = ["AuthParts", "resolve_auth", "auth_parts"]


@dataclass
class AuthParts:
    """Credentials sorted by where they go: headers, query params, JSON body / JSON-RPC params."""

    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: dict[str, str] = field(default_factory=dict)
    dynamic: tuple[AuthScheme, ...] = ()  # tokens set per request (provider, OAuth): _tokens


def _label(scheme: AuthScheme) -> str:
    """A scheme as a user would name it: its credential wire names, never their values."""
    return "+".join(c.wire for c in scheme.credentials)


def _alternatives(schemes: tuple[AuthScheme, ...]) -> str:
    return " | ".join(f"{s.name} ({_label(s)})" for s in schemes)


def resolve_auth(
    description: ApiDescription, credentials: Mapping[str, object]
) -> tuple[AuthScheme, ...]:
    """The schemes the client will send, checked once at construction (nothing is sent first).

    one_of: exactly one scheme must be complete, and no credential of another may be given.
    all_of: every scheme must be complete.
    Raises ConfigError naming the schemes and credential names involved, never a value.
    """
    given = _given_names(description, credentials)
    schemes = description.schemes
    if not schemes:
        return ()
    if description.auth_mode == "all_of":
        return _all_of(description.vendor, schemes, given)
    return (_one_of(description.vendor, schemes, given),)


def _given_names(description: ApiDescription, credentials: Mapping[str, object]) -> set[str]:
    """The names of the credentials given a value; ConfigError for a name no scheme knows."""
    known = {c.wire for s in description.schemes for c in s.credentials}
    unknown = sorted(set(credentials) - known)
    if unknown:
        raise ConfigError(
            f"{description.vendor}: unknown credential(s) {', '.join(unknown)}; "
            f"expected {', '.join(sorted(known)) or 'none'}"
        )
    return {name for name, value in credentials.items() if value is not None}


def _all_of(vendor: str, schemes: tuple[AuthScheme, ...], given: set[str]) -> tuple[AuthScheme, ...]:
    missing = [c.wire for s in schemes for c in s.credentials if c.wire not in given]
    if missing:
        raise ConfigError(
            f"{vendor}: missing credential(s) {', '.join(missing)}; "
            f"all of these are needed: {_alternatives(schemes)}"
        )
    return schemes


def _one_of(vendor: str, schemes: tuple[AuthScheme, ...], given: set[str]) -> AuthScheme:
    done = _complete(schemes, given)
    if not done:
        raise ConfigError(
            f"{vendor}: no complete credentials; give exactly one of: "
            f"{_alternatives(schemes)}{_partial_hint(schemes, given)}"
        )
    if len(done) > 1:
        raise ConfigError(
            f"{vendor}: auth alternatives exclude each other, got "
            f"{' and '.join(_label(s) for s in done)}; give exactly one of: {_alternatives(schemes)}"
        )
    chosen = done[0]
    extra = sorted(given - {c.wire for c in chosen.credentials})
    if extra:
        raise ConfigError(
            f"{vendor}: auth alternatives exclude each other: {_label(chosen)} was "
            f"given, so {', '.join(extra)} must not be; give exactly one of: "
            f"{_alternatives(schemes)}"
        )
    return chosen


def _complete(schemes: tuple[AuthScheme, ...], given: set[str]) -> list[AuthScheme]:
    """The schemes whose every credential is given."""
    done = [s for s in schemes if all(c.wire in given for c in s.credentials)]
    # A scheme whose credentials are a strict subset of another complete one is not a rival
    # alternative: the caller gave the larger one.
    return [
        s
        for s in done
        if not any({c.wire for c in s.credentials} < {c.wire for c in o.credentials} for o in done)
    ]


def _partial_hint(schemes: tuple[AuthScheme, ...], given: set[str]) -> str:
    """What the first partly given scheme still lacks ("" when none was started)."""
    partial = [s for s in schemes if any(c.wire in given for c in s.credentials)]
    if not partial:
        return ""
    missing = [c.wire for c in partial[0].credentials if c.wire not in given]
    return f"; {partial[0].name} also needs {', '.join(missing)}"


def auth_parts(
    schemes: tuple[AuthScheme, ...],
    credentials: Mapping[str, str | None],
    operation: Operation,
    vendor: str,
) -> AuthParts:
    """Where this operation's credentials go. `operation.auth` empty means: the client's schemes."""
    parts = AuthParts()
    if operation.anonymous:
        return parts
    used = schemes
    if operation.auth:
        used = tuple(s for s in schemes if s.name in operation.auth)
        if not used and schemes:
            raise ConfigError(
                f"{vendor}: operation {operation.name} accepts auth {', '.join(operation.auth)}, "
                f"but the client was given {', '.join(_label(s) for s in schemes)}"
            )
    for scheme in used:
        if scheme.dynamic:
            parts.dynamic += (scheme,)
            continue
        values = {c.wire: credentials[c.wire] or "" for c in scheme.credentials}
        if scheme.style == "basic" and scheme.username and scheme.password:
            parts.headers[scheme.header] = basic_credentials(
                values[scheme.username], values[scheme.password]
            )
        elif scheme.location == "header":
            if scheme.style == "bearer":
                # Bearer carries exactly one credential; extra ones would have nowhere to go.
                if len(values) != 1:
                    raise ConfigError(
                        f"{vendor}: bearer scheme {scheme.name} must have exactly one credential"
                    )
                (value,) = values.values()
                parts.headers[scheme.header] = f"Bearer {value}"
            elif len(values) == 1:
                (value,) = values.values()
                parts.headers[scheme.header] = value
            else:
                parts.headers.update(values)
        elif scheme.location == "query":
            parts.query.update(values)
        else:
            parts.body.update(values)
    return parts
