"""Builds an endpoint's IR: its request model, response, pagination and merged errors."""

from __future__ import annotations

from generator.ir.build_fields import FieldBuilder
from generator.ir.build_leaves import deprecation_message, example_node, note_node, text_of
from generator.ir.build_rules import rule_node
from generator.ir.error_formats import error_body_paths
from generator.ir.nodes import (
    CsvNode,
    DownloadNode,
    EndpointNode,
    ErrorCodeNode,
    ErrorsNode,
    ModelRef,
    ResponseNode,
    TypeExpr,
)
from generator.ir.paging import pagination_node, records_field
from generator.names import class_name, method_names, operation_constant
from generator.spec import model as spec
from generator.spec.check_names import endpoint_method

__all__ = ["Builder", "default_location"]


def default_location(transport: str, http_method: str) -> str:
    """Where a param without `in:` goes (the runtime's `default_location` agrees; a test checks)."""
    if transport == "jsonrpc":
        return "params"
    # GET and DELETE use the query: many servers and proxies drop a DELETE's body.
    return "query" if http_method.upper() in ("GET", "DELETE") else "body"


class Builder(FieldBuilder):
    """A FieldBuilder that also builds endpoints: their responses, errors and rules."""

    def endpoint(self, name: str, source: spec.Endpoint) -> EndpointNode:
        transport = source.transport or self.source.transport
        base = class_name(name)
        fallback = default_location(transport, source.http_method)
        locations = {wire: param.location or fallback for wire, param in source.params.items()}
        rules = tuple(rule_node(source, rule) for rule in source.rules)
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
            description=text_of(source.description),
            transport=transport,
            http_method="POST" if transport == "jsonrpc" else source.http_method,
            path=source.path,
            rpc_method=source.rpc_method,
            access=source.access,
            auth=self.endpoint_auth(source),
            idempotent=source.idempotent if source.idempotent is not None else source.http_method == "GET",
            deprecated=deprecation_message(name, source.deprecated),
            request_model=request.name,
            params=request.fields,
            rules=rules,
            response=response,
            pagination=pagination_node(source, method, request.fields, records_field(
                self.registry.models, response.model, paged or "")),
            errors=self.errors(self.source.errors, source.errors, base),
            examples=tuple(example_node(key, example) for key, example in source.examples.items()),
            notes=tuple(note_node(note) for note in source.notes),
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
        body_type: TypeExpr | None = None
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
            description=text_of(source.description),
            model=model,
            records=source.records,
            record_model=record_model,
            csv=csv,
            download=None if download is None else DownloadNode(
                download.url, download.relative_to, tuple(download.auth), download.expires_after,
                download.content,
            ),
            record_union=record_model in {self.type_classes[n] for n in self.source.union_types},
            body=body_type,
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
                http[status] = (status, text_of(error.description), body)
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
            description=" ".join(text_of(layer.description) for layer in layers).strip(),
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
