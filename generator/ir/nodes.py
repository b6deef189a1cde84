"""The IR: frozen dataclasses in which every Python name and type is decided once.

Emitters and templates read only these; they never look at the spec model and never decide a
name. Values that came from the spec (defaults, consts, examples) are kept as plain data.
Each area has its own module (nodes_types, nodes_models, nodes_auth, nodes_errors,
nodes_responses); this one holds endpoints and the API and re-exports every name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The IR's parts live in one module each; every name stays importable from here.
from generator.ir.nodes_auth import AuthNode, CredentialNode, OAuth2Node, SchemeNode, VariableNode
from generator.ir.nodes_errors import ErrorCodeNode, ErrorsNode
from generator.ir.nodes_models import (
    ConditionNode,
    EnumMember,
    EnumNode,
    ModelKind as ModelKind,
    ModelNode,
    RuleNode,
)
from generator.ir.nodes_responses import (
    CsvNode,
    DownloadNode,
    NextLinkNode,
    PaginationNode,
    ResponseNode,
)
from generator.ir.nodes_types import (
    NO_VALUE,
    AliasNode,
    ArrayOf,
    Constraints,
    EnumRef,
    FieldNode,
    ModelRef,
    OneOf,
    PresentWhenNode,
    Primitive,
    TypeExpr,
    UnionAliasNode,
)
from generator.spec.model import RuleKind

__all__ = [
    "Primitive",
    "EnumRef",
    "ModelRef",
    "ArrayOf",
    "OneOf",
    "PresentWhenNode",
    "TypeExpr",
    "UnionAliasNode",
    "Constraints",
    "FieldNode",
    "AliasNode",
    "ModelNode",
    "EnumMember",
    "EnumNode",
    "ConditionNode",
    "RuleNode",
    "VariableNode",
    "CredentialNode",
    "SchemeNode",
    "OAuth2Node",
    "AuthNode",
    "ErrorCodeNode",
    "ErrorsNode",
    "PaginationNode",
    "NextLinkNode",
    "CsvNode",
    "DownloadNode",
    "ResponseNode",
    "ExampleNode",
    "NoteNode",
    "EndpointNode",
    "ApiNode",
    "NO_VALUE",
]


@dataclass(frozen=True)
class ExampleNode:
    name: str
    description: str
    request: dict[str, object] | None
    response: object
    response_csv: str | None
    status: int
    error: bool
    schematic: bool


@dataclass(frozen=True)
class NoteNode:
    topic: str
    at: str | None
    doc_says: str
    decision: str
    why: str


@dataclass(frozen=True)
class EndpointNode:
    name: str  # spec key
    method: str  # client method name
    summary: str
    description: str
    transport: Literal["rest", "jsonrpc"]
    http_method: str
    path: str
    rpc_method: str | None
    access: str | None
    auth: tuple[str, ...]  # scheme names
    idempotent: bool
    deprecated: str | None  # the DeprecationWarning message
    request_model: str
    params: tuple[FieldNode, ...]  # top-level request params (same objects as the model's)
    rules: tuple[RuleNode, ...]
    response: ResponseNode
    pagination: PaginationNode | None
    errors: ErrorsNode  # the spec's errors merged with the endpoint's
    examples: tuple[ExampleNode, ...]
    notes: tuple[NoteNode, ...]
    # Names of the method's variants and of its module-level Operation constant, decided here.
    iter_method: str = ""
    download_method: str = ""
    raw_method: str = ""
    constant: str = ""


@dataclass(frozen=True)
class ApiNode:
    vendor_id: str
    vendor_name: str
    spec_file: str  # as shown in headers, e.g. specs/callgear.yaml
    source_document: str
    source_title: str
    source_url: str | None
    source_version: str | None
    description: str
    server_url: str
    variables: tuple[VariableNode, ...]
    auth: AuthNode | None
    enums: tuple[EnumNode, ...]
    models: tuple[ModelNode, ...]
    endpoints: tuple[EndpointNode, ...]
    errors: ErrorsNode
    notes: tuple[NoteNode, ...]
    client_class: str
    async_client_class: str
    aliases: tuple[AliasNode, ...] = ()
    unions: tuple[UnionAliasNode, ...] = ()  # the named unions, in spec order
