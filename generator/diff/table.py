"""The classification table, written once: each change kind's class for the Python API and the
wire, and why. README.md and specs/README.md show the same table (a test compares them)."""

from __future__ import annotations

from generator.diff.change import Class

__all__ = ["KINDS", "classes_of"]

B: Class = "breaking"
N: Class = "non-breaking"
I: Class = "info"

# kind: (Python API of the generated client, wire contract, why)
KINDS: dict[str, tuple[Class, Class, str]] = {
    # vendor, server, version
    "vendor-added": (N, N, "a new client package"),
    "vendor-removed": (B, B, "the client package and the API are gone"),
    "vendor-id-changed": (B, I, "the generated package is renamed"),
    "client-class-renamed": (B, I, "vendor.name names the client classes"),
    "version-changed": (I, I, "the spec's own version"),
    "description-changed": (I, I, "words only"),
    "server-url-changed": (I, B, "requests go to another URL"),
    "server-variable-added": (N, I, "a new client argument with a default"),
    "server-variable-added-required": (B, I, "a new client argument every caller must give"),
    "server-variable-removed": (B, I, "the client argument is gone"),
    "server-variable-changed": (N, B, "another default or value set: requests go elsewhere"),
    # auth
    "auth-mode-changed": (B, B, "one_of/all_of decides which credentials a caller gives"),
    "auth-scheme-added": (N, N, "one more alternative (mode one_of)"),
    "auth-scheme-added-required": (B, B, "one more scheme every request needs (mode all_of)"),
    "auth-scheme-removed": (B, B, "callers using it can no longer authenticate"),
    "auth-scheme-changed": (I, B, "the credentials travel differently"),
    "auth-credential-added": (B, B, "a new credential the caller must give"),
    "auth-credential-removed": (B, B, "the client argument is gone and the vendor stops reading it"),
    "endpoint-auth-scheme-added": (N, N, "the endpoint takes one more scheme"),
    "endpoint-auth-scheme-removed": (B, B, "callers using that scheme are refused"),
    # endpoints
    "endpoint-added": (N, N, "a new method"),
    "endpoint-removed": (B, B, "the method and the operation are gone"),
    "endpoint-renamed": (B, I, "the method's Python name changed; the operation did not"),
    "endpoint-wire-changed": (I, B, "another HTTP method, path, transport or RPC method"),
    "endpoint-deprecated": (I, I, "still works; a DeprecationWarning tells callers"),
    "endpoint-undeprecated": (I, I, "no longer deprecated"),
    "endpoint-idempotency-changed": (N, I, "retries follow it"),
    "response-format-changed": (B, B, "JSON, CSV or file: another return type"),
    "response-status-changed": (I, B, "another success status"),
    "response-media-type-changed": (I, B, "another media type"),
    "response-records-changed": (I, B, "the record list moved in the body"),
    "response-csv-changed": (I, B, "rows are laid out differently (header, delimiter, order)"),
    "response-body-changed": (B, B, "the body is of another kind (object, list, value)"),
    "pagination-added": (N, N, "new iter_<method> iterators"),
    "pagination-removed": (B, I, "the iterators are gone"),
    "pagination-changed": (N, B, "pages are asked for or read differently"),
    "type-renamed": (B, I, "the model class is renamed; its wire shape is compared on"),
    # request side: params and their nested fields
    "request-field-added": (N, N, "a new optional argument"),
    "request-field-added-required": (B, B, "a new argument every caller must give"),
    "request-field-removed": (B, B, "the argument is gone; the vendor no longer reads it"),
    "request-field-became-required": (B, B, "callers that omit it break"),
    "request-field-became-optional": (N, N, "callers may omit it"),
    "request-field-type-changed": (B, B, "values of the old type are refused"),
    "request-field-type-widened": (N, N, "more values accepted (e.g. integer to number)"),
    "request-field-type-narrowed": (B, B, "fewer values accepted (e.g. number to integer)"),
    "request-field-became-nullable": (N, N, "null is accepted too"),
    "request-field-became-not-nullable": (B, B, "null is refused"),
    "request-constraint-tightened": (B, B, "values accepted before are refused before sending"),
    "request-constraint-widened": (N, N, "more values accepted"),
    "request-field-format-changed": (B, B, "another Python type (e.g. str to datetime)"),
    "request-field-wire-format-changed": (N, B, "same Python type, other text on the wire"),
    "request-field-default-changed": (N, B, "the vendor does otherwise when it is omitted"),
    "request-field-const-changed": (B, B, "another fixed value is sent"),
    "request-param-location-changed": (I, B, "sent elsewhere: path, query, header, body"),
    "request-param-style-changed": (I, B, "the query encoding of the value changed"),
    "request-enum-value-added": (N, N, "one more value accepted"),
    "request-enum-value-removed": (B, B, "the member is gone and the vendor refuses the value"),
    "request-rule-added": (B, B, "a new rule refuses requests accepted before"),
    "request-rule-removed": (N, N, "a rule no longer applies"),
    "request-rule-changed": (B, B, "the rule refuses other requests"),
    # response side: bodies, records, CSV rows
    "response-field-added": (N, N, "a new attribute"),
    "response-field-removed": (B, B, "the attribute is gone; readers of it break"),
    "response-field-became-optional": (B, B, "the attribute may be None; readers may miss it"),
    "response-field-became-required": (N, N, "always present now"),
    "response-field-type-changed": (B, B, "readers get values of another type"),
    "response-field-type-widened": (B, B, "readers get values they did not expect"),
    "response-field-type-narrowed": (N, N, "readers get a subset of what they handled"),
    "response-field-became-nullable": (B, B, "readers get null"),
    "response-field-became-not-nullable": (N, N, "never null now"),
    "response-constraint-tightened": (I, N, "values are a subset of before"),
    "response-constraint-widened": (N, B, "strict readers refuse the new values"),
    "response-field-format-changed": (B, B, "another Python type (e.g. str to datetime)"),
    "response-field-wire-format-changed": (N, B, "same Python type, other text on the wire"),
    "response-field-const-changed": (N, B, "another fixed value is received"),
    "response-enum-value-added": (N, B, "strict readers refuse it; default ones warn"),
    "response-enum-value-removed": (B, N, "the member is gone; readers never see it again"),
    # both sides
    "field-python-renamed": (B, I, "the Python name changed; the wire name did not"),
    "field-wire-renamed": (N, B, "the wire name changed; `python:` keeps the Python name"),
    "field-deprecated": (I, I, "still works"),
    "enum-member-renamed": (B, I, "the member's Python name changed; the value did not"),
    "enum-type-changed": (B, B, "string values became integers or back"),
    # errors
    "error-code-added": (N, N, "one more documented error code"),
    "error-code-removed": (I, N, "one documented error code fewer"),
    "http-error-added": (N, N, "one more documented error status"),
    "http-error-removed": (I, N, "one documented error status fewer"),
    "errors-format-changed": (N, B, "errors are told apart or read differently"),
}


def classes_of(kind: str) -> tuple[Class, Class]:
    python, wire, _ = KINDS[kind]
    return python, wire
