"""IR of what a client is constructed with: server variables and auth schemes."""

from __future__ import annotations

from generator.ir.build_leaves import text_of
from generator.ir.nodes import AuthNode, CredentialNode, OAuth2Node, SchemeNode, VariableNode
from generator.names import field_name
from generator.spec import model as spec

__all__ = ["CLIENT_KWARGS", "safe_kwarg", "variable_nodes", "auth_node"]


# Keyword arguments every generated client constructor already takes.
CLIENT_KWARGS = frozenset(
    {"timeout", "transport", "retry", "user_agent", "strict", "server_url", "self"}
)


def safe_kwarg(name: str, reserved: frozenset[str]) -> str:
    return f"{name}_" if name in reserved else name


def variable_nodes(server: spec.Server) -> tuple[VariableNode, ...]:
    return tuple(
        VariableNode(
            name=name,
            python=safe_kwarg(field_name(name), CLIENT_KWARGS),
            default=variable.default,
            enum=tuple(variable.enum or ()),
            description=text_of(variable.description),
            example=variable.example,
        )
        for name, variable in server.variables.items()
    )


def auth_node(auth: spec.Auth | None) -> AuthNode | None:
    if auth is None:
        return None
    schemes = tuple(
        SchemeNode(
            name=name,
            location=scheme.location,
            style=scheme.style,
            header=scheme.header or "Authorization",
            description=text_of(scheme.description),
            credentials=tuple(
                CredentialNode(
                    wire=wire,
                    python=safe_kwarg(field_name(wire), CLIENT_KWARGS),
                    secret=credential.secret,
                    description=text_of(credential.description),
                )
                for wire, credential in scheme.credentials.items()
            ),
            username=scheme.username,
            password=scheme.password,
            token_provider=scheme.token_provider,
            oauth2=_oauth2(scheme.oauth2),
        )
        for name, scheme in auth.schemes.items()
    )
    return AuthNode(mode=auth.mode, description=text_of(auth.description), schemes=schemes)


def _oauth2(flow: spec.OAuth2ClientCredentials | None) -> OAuth2Node | None:
    if flow is None:
        return None
    return OAuth2Node(
        token_url=flow.token_url,
        client_id=flow.client_id,
        client_secret=flow.client_secret,
        scopes=tuple(flow.scopes),
        client_auth=flow.client_auth,
        leeway=flow.leeway,
    )
