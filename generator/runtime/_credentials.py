"""Credential values as a client is given them: fixed strings, or token providers (callables)."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Union

from ._description import ApiDescription
from ._errors import ConfigError

__all__ = ["TokenProvider", "CredentialValue", "Credentials", "split_credentials",
           "takes_refused", "REFUSED"]

# A callable returning the bearer token for the next request: the caller mints a JWT or reads
# its own token store. The async client also awaits a coroutine function. A provider that
# declares a `refused` parameter (`refused: str | None = None`) is always called with it: None,
# or after a 401 the token the server just refused — its chance to mint or fetch another.
TokenProvider = Callable[[], Union[str, Awaitable[str]]]
REFUSED = "refused"  # the keyword a renewing provider takes
CredentialValue = Union[str, TokenProvider]


class Credentials:
    """The given credentials split by kind; values never appear in its repr."""

    def __init__(self, static: dict[str, str], providers: dict[str, TokenProvider],
                 renewing: frozenset[str] = frozenset()) -> None:
        self.static = static
        self.providers = providers
        self.renewing = renewing  # wires whose provider takes `refused` (asked again on a 401)

    def __repr__(self) -> str:
        return f"<Credentials {', '.join([*self.static, *self.providers])}>"


class _Fixed:
    """A provider that always returns one token (given as a string); its repr hides it."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self) -> str:
        return self._token

    def __repr__(self) -> str:
        return "<fixed token>"


def split_credentials(
    description: ApiDescription,
    credentials: Mapping[str, CredentialValue | None],
) -> Credentials:
    """Fixed values and providers, each checked against what its scheme expects.

    A provider where a string is expected (or the reverse) is a ConfigError naming the
    credential, never its value. A string given for a provider is a provider of that one
    token. (An async provider given to the sync client is refused when
    it is first called: a callable object's kind cannot be told reliably before.)
    """
    providers_wanted = {
        c.wire for s in description.schemes if s.token_provider for c in s.credentials
    }
    static: dict[str, str] = {}
    providers: dict[str, TokenProvider] = {}
    renewing: set[str] = set()
    for wire, value in credentials.items():
        if value is None:
            continue
        if wire in providers_wanted and isinstance(value, str):
            # A fixed token where a provider may go: a script, a test, `callspec mock`.
            static[wire] = value
            providers[wire] = _Fixed(value)
        elif wire in providers_wanted:
            if not callable(value):
                raise ConfigError(
                    f"{description.vendor}: {wire} must be a callable returning the token, "
                    f"got {type(value).__name__}"
                )
            providers[wire] = value
            if takes_refused(value):
                renewing.add(wire)
        elif isinstance(value, str):
            static[wire] = value
        else:
            raise ConfigError(
                f"{description.vendor}: {wire} must be a string, got {type(value).__name__}"
            )
    return Credentials(static, providers, frozenset(renewing))


def takes_refused(provider: Callable[..., object]) -> bool:
    """Whether a provider declares the `refused` keyword: read once, when the client is made
    (a callable whose signature cannot be read is a plain zero-argument provider)."""
    try:
        parameter = inspect.signature(provider).parameters.get(REFUSED)
    except (TypeError, ValueError):
        return False
    return parameter is not None and parameter.kind in (
        inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
