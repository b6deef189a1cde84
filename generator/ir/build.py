"""Build the IR from a validated spec: decide every class, attribute and member name once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.ir.aliases import AliasTable
from generator.ir.error_formats import error_body_paths
from generator.ir.nodes import (
    NO_VALUE,
    ApiNode,
    ArrayOf,
    AuthNode,
    ConditionNode,
    Constraints,
    CredentialNode,
    CsvNode,
    DownloadNode,
    EndpointNode,
    EnumMember,
    EnumNode,
    EnumRef,
    ErrorCodeNode,
    ErrorsNode,
    ExampleNode,
    FieldNode,
    ModelNode,
    ModelRef,
    NoteNode,
    OAuth2Node,
    PaginationNode,
    Primitive,
    ResponseNode,
    RuleNode,
    SchemeNode,
    TypeExpr,
    VariableNode,
)
from generator.ir.naming import field_python, meaning, member_name, present_when_node
from generator.ir.paging import pagination_node
from generator.ir.rule_values import ordering
from generator.ir.unions import union_node
from generator.names import (
    class_name,
    field_name,
    method_names,
    operation_constant,
)
from generator.spec import model as spec
from generator.spec.check_names import endpoint_method

__all__ = ["build_api"]

# Keyword arguments every generated client constructor already takes.
CLIENT_KWARGS = frozenset(
    {"timeout", "transport", "retry", "user_agent", "strict", "server_url", "self"}
)
_METHOD_RESERVED = frozenset({"self", "cls"})


@dataclass
class _Registry:
    """Class names handed out so far; a clash gets a numeric suffix, deterministically."""

    taken: set[str] = field(default_factory=set)
    models: list[ModelNode] = field(default_factory=list)

    def claim(self, wanted: str) -> str:
        name, counter = wanted, 2
        while name in self.taken:
            name, counter = f"{wanted}{counter}", counter + 1
        self.taken.add(name)
        return name


def build_api(source: spec.Spec, spec_file: str) -> ApiNode:
    """The IR of one spec; `spec_file` is how generated headers name it (specs/x.yaml)."""
    registry = _Registry()
    enum_classes = {name: registry.claim(class_name(name)) for name in source.enums}
    type_classes = {name: registry.claim(class_name(name)) for name in source.types}
    aliases = AliasTable(registry.claim, source, dict(type_classes))
    builder = _Builder(source, registry, enum_classes, type_classes, aliases)
    for name, type_spec in source.types.items():
        builder.object_model(
            type_classes[name], "type", type_spec.description, type_spec.fields,
            type_spec.additional_properties, claimed=True,
        )
    endpoints = tuple(builder.endpoint(name, endpoint) for name, endpoint in source.endpoints.items())
    vendor_class = class_name(source.vendor.name)
    return ApiNode(
        vendor_id=source.vendor.id,
        vendor_name=source.vendor.name,
        spec_file=spec_file,
        source_document=source.vendor.source.document,
        source_title=source.vendor.source.title,
        source_url=source.vendor.source.url,
        source_version=source.vendor.source.version,
        description=_text(source.description),
        server_url=source.server.url,
        variables=_variables(source.server),
        auth=_auth(source.auth),
        enums=tuple(_enum(enum_classes[name], name, enum) for name, enum in source.enums.items()),
        models=tuple(registry.models),
        endpoints=endpoints,
        errors=builder.errors(source.errors, None, ""),
        notes=tuple(_note(note) for note in source.notes),
        client_class=f"{vendor_class}Client",
        async_client_class=f"Async{vendor_class}Client",
        aliases=aliases.nodes(),
        version=source.vendor.version,
    )


def _text(value: str | None) -> str:
    return (value or "").strip()


def _safe_kwarg(name: str, reserved: frozenset[str]) -> str:
    return f"{name}_" if name in reserved else name


def _variables(server: spec.Server) -> tuple[VariableNode, ...]:
    return tuple(
        VariableNode(
            name=name,
            python=_safe_kwarg(field_name(name), CLIENT_KWARGS),
            default=variable.default,
            enum=tuple(variable.enum or ()),
            description=_text(variable.description),
            example=variable.example,
        )
        for name, variable in server.variables.items()
    )


def _auth(auth: spec.Auth | None) -> AuthNode | None:
    if auth is None:
        return None
    schemes = tuple(
        SchemeNode(
            name=name,
            location=scheme.location,
            style=scheme.style,
            header=scheme.header or "Authorization",
            description=_text(scheme.description),
            credentials=tuple(
                CredentialNode(
                    wire=wire,
                    python=_safe_kwarg(field_name(wire), CLIENT_KWARGS),
                    secret=credential.secret,
                    description=_text(credential.description),
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
    return AuthNode(mode=auth.mode, description=_text(auth.description), schemes=schemes)


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


def _enum(name: str, spec_name: str, enum: spec.EnumSpec) -> EnumNode:
    return EnumNode(
        name=name,
        spec_name=spec_name,
        kind=enum.type,
        description=_text(enum.description),
        members=tuple(
            EnumMember(member_name(value, given), value, _text(meaning(given)) or None)
            for value, given in enum.values.items()
        ),
    )


def _note(note: spec.ReviewNote) -> NoteNode:
    return NoteNode(note.topic, note.at, _text(note.doc_says), _text(note.decision), _text(note.why))


def _constraints(source: spec.Field) -> Constraints:
    return Constraints(
        minimum=source.minimum,
        maximum=source.maximum,
        min_length=source.min_length,
        max_length=source.max_length,
        max_items=source.max_items,
        pattern=source.pattern,
    )


def _given(source: spec.Field, key: str) -> object:
    """The spec's value for `key`, or NO_VALUE when the spec did not write the key."""
    return getattr(source, key) if key in source.model_fields_set else NO_VALUE


def _default_location(endpoint: spec.Endpoint, transport: str) -> str:
    if transport == "jsonrpc":
        return "params"
    return "query" if endpoint.http_method == "GET" else "body"


@dataclass
class _Builder:
    source: spec.Spec
    registry: _Registry
    enum_classes: Mapping[str, str]
    type_classes: Mapping[str, str]
    aliases: AliasTable

    # -- fields and models -------------------------------------------------------------------

    def object_model(
        self,
        name: str,
        kind: str,
        description: str | None,
        fields: Mapping[str, spec.Field],
        additional: bool,
        *,
        claimed: bool = False,
        locations: Mapping[str, str] | None = None,
        rules: tuple[RuleNode, ...] = (),
        csv_columns: tuple[str, ...] = (),
    ) -> ModelNode:
        model_name = name if claimed else self.registry.claim(name)
        nodes = tuple(
            self.field(model_name, wire, source, (locations or {}).get(wire), fields)
            for wire, source in fields.items()
        )
        node = ModelNode(
            name=model_name,
            kind=kind,  # type: ignore[arg-type]
            description=_text(description),
            fields=nodes,
            additional_properties=additional,
            rules=rules,
            csv_columns=csv_columns,
        )
        self.registry.models.append(node)
        return node

    def field(
        self,
        owner: str,
        wire: str,
        source: spec.Field,
        location: str | None,
        siblings: Mapping[str, spec.Field],
    ) -> FieldNode:
        return FieldNode(
            wire=wire,
            python=field_python(wire, source, location is not None),
            type=self.type_of(owner, wire, source),
            description=_text(source.description),
            required=source.required,
            nullable=source.nullable,
            default=_given(source, "default"),
            const=_given(source, "const"),
            format=source.format,
            datetime_format=source.datetime_format,
            constraints=_constraints(source),
            location=location,
            unit=source.unit,
            example=_given(source, "example"),
            deprecated=source.deprecated,
            secret=source.secret,
            filterable=source.filterable,
            sortable=source.sortable,
            returned_by_default=source.returned_by_default,
            applies_to=tuple(source.applies_to or ()),
            note=_text(source.note) or None,
            timezone=source.timezone,
            also=tuple(source.also or ()),
            alias=self.aliases.of(source),
            wire_type=self.aliases.wire_type(source),
            style=getattr(source, "style", None),  # only params have a style
            present_when=present_when_node(source, siblings),
            send_default=source.send_default,
        )

    def type_of(self, owner: str, wire: str, source: spec.Field) -> TypeExpr:
        kind = source.type
        if kind == "union":
            return union_node(source, lambda variant: self.type_of(owner, wire, variant),
                              self.type_classes)
        if kind in self.enum_classes:
            return EnumRef(self.enum_classes[kind])
        if kind in self.type_classes:
            return ModelRef(self.type_classes[kind])
        if kind == "array":
            assert source.items is not None  # the validator guarantees it
            items = self.type_of(owner, f"{wire}_item", source.items)
            return ArrayOf(items, items_nullable=source.items.nullable)
        # A constant object is fixed data, sent as written: no model to fill in.
        if kind == "object" and source.properties and not isinstance(source.const, dict):
            inline = self.object_model(
                f"{owner}{class_name(wire)}", "inline", source.description, source.properties,
                source.additional_properties,
            )
            return ModelRef(inline.name)
        return Primitive(kind)  # type: ignore[arg-type]

    # -- endpoints ---------------------------------------------------------------------------

    def endpoint(self, name: str, source: spec.Endpoint) -> EndpointNode:
        transport = source.transport or self.source.transport
        base = class_name(name)
        fallback = _default_location(source, transport)
        locations = {wire: param.location or fallback for wire, param in source.params.items()}
        rules = tuple(self.rule(source, rule) for rule in source.rules)
        request = self.object_model(
            f"{base}Request", "request", source.summary, source.params, False,
            locations=locations, rules=rules,
        )
        paged = source.pagination.records if source.pagination else None
        response = self.response(base, source.response, paged)
        method = endpoint_method(name, source)
        variants = method_names(method)
        return EndpointNode(
            name=name,
            method=method,
            summary=source.summary.strip(),
            description=_text(source.description),
            transport=transport,
            http_method="POST" if transport == "jsonrpc" else source.http_method,
            path=source.path,
            rpc_method=source.rpc_method,
            access=source.access,
            auth=self.endpoint_auth(source),
            idempotent=source.idempotent if source.idempotent is not None else source.http_method == "GET",
            deprecated=_deprecation(name, source.deprecated),
            request_model=request.name,
            params=request.fields,
            rules=rules,
            response=response,
            pagination=pagination_node(source, method, request.fields),
            errors=self.errors(self.source.errors, source.errors, base),
            examples=tuple(_example(key, example) for key, example in source.examples.items()),
            notes=tuple(_note(note) for note in source.notes),
            iter_method=variants["iter"],
            download_method=variants["download"],
            raw_method=variants["raw"],
            constant=operation_constant(method),
        )

    def endpoint_auth(self, source: spec.Endpoint) -> tuple[str, ...]:
        if self.source.auth is None:
            return ()
        return tuple(source.auth if source.auth is not None else self.source.auth.schemes)

    def response(self, base: str, source: spec.Response, paged: str | None = None) -> ResponseNode:
        """`paged`: the pagination's record path, where the record model is when `records` is unset."""
        model: str | None = None
        record_model: str | None = None
        csv: CsvNode | None = None
        if source.body is not None:
            body_type = self.body_type(f"{base}Response", source.body)
            model = body_type.name if isinstance(body_type, ModelRef) else None
            record_model = self.record_model(source.body, source.records or paged)
        if source.csv is not None:
            columns = tuple(source.csv.columns)
            row = self.object_model(
                f"{base}Row", "row", f"One row of the {base} CSV body.", source.csv.columns, False,
                csv_columns=columns,
            )
            csv = CsvNode(source.csv.header, source.csv.delimiter, source.csv.quote, columns,
                          row.name, source.csv.excel_apostrophes)
            record_model = row.name
        download = source.download
        return ResponseNode(
            format=source.format,
            status=source.status,
            media_type=source.media_type,
            description=_text(source.description),
            model=model,
            records=source.records,
            record_model=record_model,
            csv=csv,
            download=None if download is None else DownloadNode(
                download.url, download.relative_to, tuple(download.auth), download.expires_after,
                download.content,
            ),
        )

    def body_type(self, name: str, body: spec.Field) -> TypeExpr:
        """A JSON body: an object with properties becomes the endpoint's own model."""
        if body.type == "object" and body.properties:
            node = self.object_model(name, "response", body.description, body.properties,
                                     body.additional_properties)
            return ModelRef(node.name)
        return self.type_of(name, "body", body)

    def record_model(self, body: spec.Field, records: str | None) -> str | None:
        """The class of one record at the dotted `records` path of a body, if it is a model."""
        if not records:
            return None
        current: spec.Field | None = body
        for part in records.split("."):
            properties = current.properties if current else None
            current = properties.get(part) if properties else None
        if current is None or current.items is None:
            return None
        item = current.items.type
        return self.type_classes.get(item)

    def rule(self, endpoint: spec.Endpoint, source: spec.Rule) -> RuleNode:
        wire_paths = tuple(tuple(path.split(".")) for path in source.params)
        return RuleNode(
            kind=source.kind,
            wire_paths=wire_paths,
            python_paths=tuple(_python_path(endpoint, path) for path in wire_paths),
            when=None if source.when is None else _condition(endpoint, source.when),
            description=_text(source.description),
            **ordering(endpoint, source, wire_paths),
        )

    def errors(
        self, shared: spec.Errors | None, own: spec.Errors | None, base: str
    ) -> ErrorsNode:
        """The spec's errors with the endpoint's own added on top (the endpoint wins)."""
        layers = [layer for layer in (shared, own) if layer is not None]
        codes: dict[str, ErrorCodeNode] = {}
        http: dict[int, tuple[int, str, ModelRef | None]] = {}
        in_body: spec.InBodyErrors | None = None
        for layer in layers:
            for raw, info in layer.codes.items():
                codes[str(raw)] = ErrorCodeNode(str(raw), raw, info.message, info.description,
                                                info.remedy, info.category)
            for status, error in layer.http.items():
                body = self.error_body(base, status, error.body) if layer is own else http.get(
                    status, (status, "", None))[2] or self.error_body("", status, error.body)
                http[status] = (status, _text(error.description), body)
            in_body = layer.in_body or in_body
        condition = in_body.error_when if in_body else None
        return ErrorsNode(
            http=tuple(http[status] for status in sorted(http)),
            in_body_code=in_body.code if in_body else None,
            in_body_message=in_body.message if in_body else None,
            error_when=(condition.param, condition.equals) if condition else None,
            success_codes=tuple(in_body.success_codes) if in_body and in_body.success_codes else None,
            jsonrpc=any(layer.jsonrpc for layer in layers),
            codes=tuple(codes.values()),
            description=" ".join(_text(layer.description) for layer in layers).strip(),
            **error_body_paths(layers),
        )

    def error_body(self, base: str, status: int, body: spec.Field | None) -> ModelRef | None:
        if body is None:
            return None
        name = f"{base}Error{status}"
        if name in self.registry.taken:
            return ModelRef(name)
        found = self.body_type(name, body)
        return found if isinstance(found, ModelRef) else None


def _python_path(endpoint: spec.Endpoint, wire_path: tuple[str, ...]) -> tuple[str, ...]:
    names: list[str] = []
    fields: Mapping[str, spec.Field] | None = endpoint.params
    for depth, part in enumerate(wire_path):
        current = fields.get(part) if fields else None
        if current is not None:
            names.append(field_python(part, current, depth == 0))
        else:
            python = field_name(part)
            names.append(_safe_kwarg(python, _METHOD_RESERVED) if depth == 0 else python)
        fields = current.properties if current else None
    return tuple(names)


def _condition(endpoint: spec.Endpoint, source: spec.Condition) -> ConditionNode:
    wire_path = tuple(source.param.split("."))
    python_path = _python_path(endpoint, wire_path)
    if source.one_of is not None:
        return ConditionNode(wire_path, python_path, "one_of", tuple(source.one_of))
    if source.present is not None:
        return ConditionNode(wire_path, python_path, "present", (source.present,))
    if source.not_one_of is not None:
        return ConditionNode(wire_path, python_path, "not_one_of", tuple(source.not_one_of))
    return ConditionNode(wire_path, python_path, "equals", (source.equals,))


def _deprecation(name: str, source: spec.Deprecation | None) -> str | None:
    if source is None:
        return None
    parts = [f"{name} is deprecated: {source.message.strip()}"]
    if source.since:
        parts.append(f"(since {source.since})")
    if source.replacement:
        parts.append(f"Use {source.replacement} instead.")
    return " ".join(parts)


def _example(name: str, source: spec.Example) -> ExampleNode:
    return ExampleNode(
        name=name,
        description=_text(source.description),
        request=dict(source.request) if source.request is not None else None,
        response=source.response,
        response_csv=source.response_csv,
        status=source.status,
        error=source.error,
        schematic=source.schematic,
    )
