"""Emit generated/<vendor>/models.py: a JSON Schema built from the IR, run through
datamodel-code-generator in-process with the project's own templates (templates/datamodel)."""

from __future__ import annotations

import ast
import functools
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib.metadata import version
from typing import Any

from generator.emit.model_values import (
    LOCAL_MODULE,
    RUNTIME_MODULE,
    alias_block,
    check_line,
    checks,
    format_pattern,
    references,
    request_side,
)
from generator.emit.pyvalue import Call, TupleOf, call, imported
from generator.emit.render import docstring_body, py_literal, render
from generator.emit.unions import UNION_IMPORTS, present_when_text, union_alias_block
from generator.emit.unions import union_lines, union_schema
from generator.ir.nodes import (
    NO_VALUE,
    AliasNode,
    ApiNode,
    ArrayOf,
    EnumNode,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    OneOf,
    Primitive,
    RuleNode,
    TypeExpr,
    UnionAliasNode,
)
from generator.paths import TEMPLATES_DIR

__all__ = [
    "json_schema",
    "ModelJob",
    "model_jobs",
    "run_model_job",
    "merge_model_outputs",
    "salt",
    "RUNTIME_MODULE",
    "request_side",
]

_BASES = {
    "plain": f"{RUNTIME_MODULE}.CallspecModel",
    "request": f"{RUNTIME_MODULE}.RequestModel",
    "checked": f"{RUNTIME_MODULE}.CheckedModel",
}
def _type_schema(expr: TypeExpr) -> dict[str, Any]:
    if isinstance(expr, (EnumRef, ModelRef)):
        return {"$ref": f"#/$defs/{expr.name}"}
    if isinstance(expr, ArrayOf):
        items = _type_schema(expr.items)
        if expr.items_nullable:
            items = {"anyOf": [items, {"type": "null"}]}
        return {"type": "array", "items": items}
    if isinstance(expr, OneOf):
        return union_schema(expr, [_type_schema(variant) for variant in expr.variants])
    assert isinstance(expr, Primitive)
    if expr.kind == "any":
        return {}
    if expr.kind == "object":
        return {"type": "object", "additionalProperties": True}
    return {"type": expr.kind}


def _field_schema(node: FieldNode, tolerant: bool = False) -> dict[str, Any]:
    """The property of one field; `tolerant` (response side): constraints and consts are left
    to the model's checks (see `check_line`), which keep a value that breaks them."""
    schema = _value_schema(node)
    pattern = node.constraints.pattern or format_pattern(node)
    constraints = node.constraints
    for key, value in (("minimum", constraints.minimum), ("maximum", constraints.maximum),
                       ("minLength", constraints.min_length), ("maxLength", constraints.max_length),
                       ("maxItems", constraints.max_items), ("pattern", pattern)):
        if value is not None and not tolerant:
            schema[key] = value
    if node.const is not NO_VALUE and not isinstance(node.const, (dict, list)) and not tolerant:
        schema = {"const": node.const}
    if node.also:
        schema = {"anyOf": [schema, *({"type": kind} for kind in node.also)]}
    if node.nullable:
        schema = _nullable(schema)
    default = node.const if node.const is not NO_VALUE else _sent_default(node)
    if default is not NO_VALUE:
        schema["default"] = default
    description = " ".join(filter(None, (node.description, present_when_text(node))))
    if description:
        schema["description"] = docstring_text(description)
    return schema


def _value_schema(node: FieldNode) -> dict[str, Any]:
    """The field's type: an alias models.py defines (a wire date-time, field names) or the IR's."""
    if node.alias is None:
        schema = _type_schema(node.type)
        if node.format == "rfc3339":
            schema["format"] = "date-time"
        return schema
    aliased = {"customTypePath": f"{LOCAL_MODULE}.{node.alias}"}
    if isinstance(node.type, ArrayOf):
        items = {"anyOf": [aliased, {"type": "null"}]} if node.type.items_nullable else aliased
        return {"type": "array", "items": items}
    return aliased


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """`null` allowed too. A typed schema gets `type: [kind, "null"]`, so its constraints stay
    on the field (`Annotated[str | None, Field(pattern=…)]`): wrapped in anyOf, a constrained
    string became a RootModel that no longer compares equal to a str."""
    if isinstance(schema.get("type"), str) and "$ref" not in schema and "const" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _sent_default(node: FieldNode) -> object:
    """A request param's default is the vendor's business: documented, not filled in (and so
    not sent, nor seen as given by rules) unless the spec says it must be sent."""
    if node.location is not None and not node.send_default:
        return NO_VALUE
    return node.default


def docstring_text(text: str) -> str:
    """datamodel-code-generator escapes backslashes and triple quotes in docstrings, but a
    closing `"` would still merge with the docstring's own quotes: keep them apart."""
    return f"{text} " if text.endswith('"') else text


def _model_schema(model: ModelNode, writing: bool) -> dict[str, Any]:
    # Responses (every nested and inline object too) keep fields a vendor adds without notice;
    # requests refuse typos.
    extra = model.additional_properties or not writing
    # Every request-side object is a RequestModel: built alone (a sort item), it still refuses
    # unknown enum values and keys with a RequestError.
    base = "request" if writing else "checked" if checks(model) else "plain"
    schema: dict[str, Any] = {
        "title": model.name,
        "type": "object",
        "properties": {field.wire: _field_schema(field, not writing) for field in model.fields},
        "additionalProperties": extra,
        "customBasePath": _BASES[base],
    }
    required = [field.wire for field in model.fields if field.required and not _has_default(field)]
    if required:
        schema["required"] = required
    if model.description:
        schema["description"] = docstring_text(model.description)
    return schema


def _has_default(node: FieldNode) -> bool:
    return node.const is not NO_VALUE or node.default is not NO_VALUE


def _enum_schema(enum: EnumNode) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "title": enum.name,
        "type": enum.kind,
        "enum": [member.value for member in enum.members],
        "x-enum-varnames": [member.name for member in enum.members],
        "x-enum-descriptions": [
            docstring_text(member.meaning) if member.meaning else None for member in enum.members
        ],
    }
    if enum.description:
        schema["description"] = docstring_text(enum.description)
    return schema


def json_schema(api: ApiNode) -> dict[str, Any]:
    """One JSON Schema holding every enum and model of the API under $defs."""
    definitions: dict[str, Any] = {enum.name: _enum_schema(enum) for enum in api.enums}
    writing = request_side(api)
    definitions.update({model.name: _model_schema(model, model.name in writing)
                        for model in api.models})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{api.vendor_name} models",
        "$defs": definitions,
    }


def _aliases(api: ApiNode) -> dict[str, str]:
    """wire → Python name for every field; the IR made them, the generator only applies them.
    A wire name that a `python:` key names differently in some model gets a scoped alias
    (`Model.wire`) there, which datamodel-code-generator prefers to the flat one."""
    aliases: dict[str, str] = {}
    scoped: dict[str, str] = {}
    for model in api.models:
        for field in model.fields:
            if aliases.setdefault(field.wire, field.python) != field.python:
                scoped[f"{model.name}.{field.wire}"] = field.python
    flat = {wire: python for wire, python in aliases.items() if wire != python}
    return {**flat, **scoped}


def _rule_lines(model: ModelNode) -> list[str]:
    """The class-body line that hands a request model its rules, as runtime data."""
    if not model.rules:
        return []
    rules = TupleOf(tuple(_rule_value(rule) for rule in model.rules), one_per_line=True)
    return [render("_rules.py.j2", rules=rules).strip()]


def _rule_value(rule: RuleNode) -> Call:
    """`Rule(...)` of the runtime for one rule of the IR."""
    when = None
    if rule.when is not None:
        condition = rule.when
        when = call(imported(RUNTIME_MODULE, "When"), path=condition.python_path,
                    test=condition.test, values=condition.values,
                    wire=".".join(condition.wire_path))
    wires = tuple(".".join(path) for path in rule.wire_paths)
    return call(imported(RUNTIME_MODULE, "Rule"), kind=rule.kind, paths=rule.python_paths,
                wires=wires, when=when, **_ordering_args(rule))


def _ordering_args(rule: RuleNode) -> dict[str, object]:
    """The extra arguments of a compare or window rule (none for the other kinds)."""
    if rule.kind not in ("compare", "window"):
        return {}
    extra: dict[str, object] = {"formats": rule.formats}
    if rule.op is not None:
        extra["op"] = rule.op
    if rule.span != (None, None):
        extra["span"] = rule.span
    return extra


@dataclass(frozen=True)
class ModelJob:
    """One datamodel-code-generator run: a connected group of enums and models."""

    schema: dict[str, Any]
    aliases: dict[str, str]
    body: dict[str, list[str]]  # class name → extra class-body lines
    members: dict[str, list[list[str]]]  # enum name → [name, literal, docstring] per member
    imports: list[str]
    # class → attribute → parts of a tagged union's annotation (see emit/unions.py)
    unions: dict[str, dict[str, dict[str, object]]] = dataclass_field(default_factory=dict)

    @property
    def key(self) -> str:
        """Everything the run depends on besides the tool itself (see `salt`)."""
        parts = [self.schema, self.aliases, self.body, self.members, self.imports, self.unions]
        return json.dumps(parts, sort_keys=True)


def components(api: ApiNode) -> list[list[str]]:
    """Class names grouped so that no group refers to another (union-find over references);
    groups ordered by their first class in the IR, classes in IR order within a group."""
    order = [enum.name for enum in api.enums] + [model.name for model in api.models]
    parent = {name: name for name in order}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for model in api.models:
        for field in model.fields:
            for target in references(field.type):
                parent[root(target)] = root(model.name)
    groups: dict[str, list[str]] = {}
    for name in order:
        groups.setdefault(root(name), []).append(name)
    return sorted(groups.values(), key=lambda group: order.index(group[0]))


_MIN_CLASSES_PER_JOB = 60  # a run has a fixed cost; small groups share one


def _batches(groups: list[list[str]]) -> list[list[str]]:
    """Consecutive groups joined until each batch holds enough classes to be worth a run."""
    batches: list[list[str]] = []
    for group in groups:
        if batches and len(batches[-1]) < _MIN_CLASSES_PER_JOB:
            batches[-1] = batches[-1] + group
        else:
            batches.append(list(group))
    return batches


def model_jobs(api: ApiNode) -> list[ModelJob]:
    """The runs that make models.py, one per independent group of classes."""
    schema = json_schema(api)
    aliases = _aliases(api)
    models = {model.name: model for model in api.models}
    enums = {enum.name: enum for enum in api.enums}
    writing = request_side(api)
    body = {name: _rule_lines(model) if name in writing else check_line(model)
            for name, model in models.items()}
    jobs = []
    for group in _batches(components(api)):
        rules = any(name in models and models[name].rules for name in group)
        imports = [f"{RUNTIME_MODULE}.unknown_member"] if any(name in enums for name in group) else []
        if rules:
            imports += [f"{RUNTIME_MODULE}.Rule", f"{RUNTIME_MODULE}.When"]
        if any(name not in writing and body.get(name) for name in group):
            imports.append(f"{RUNTIME_MODULE}.Check")
        unions = {name: fields for name in group if name in models
                  and (fields := union_lines(models[name]))}
        if unions:
            imports += UNION_IMPORTS
        jobs.append(ModelJob(
            schema={**schema, "$defs": {name: schema["$defs"][name] for name in group}},
            aliases=aliases,
            body={name: body[name] for name in group if name in models},
            members={name: _member_lines(enums[name]) for name in group if name in enums},
            imports=imports,
            unions=unions,
        ))
    return jobs


def _member_lines(enum: EnumNode) -> list[list[str]]:
    """[member name, value literal, docstring] per member, quoted as black would quote them."""
    return [[member.name, py_literal(member.value), docstring_body(member.meaning or "")]
            for member in enum.members]


@functools.cache
def salt() -> str:
    """What else decides the output: the tool's version and our templates."""
    templates = sorted((TEMPLATES_DIR / "datamodel").rglob("*.jinja2"))
    texts = "".join(path.read_text(encoding="utf-8") for path in templates)
    return f"datamodel-code-generator {version('datamodel-code-generator')}\0{texts}"


def run_model_job(job: ModelJob) -> str:
    """datamodel-code-generator on one group, in-process; unformatted source."""
    # Imported here: a run whose models are cached never pays for importing the generator.
    from datamodel_code_generator import generate
    from datamodel_code_generator._format_types import PythonVersion
    from datamodel_code_generator.enums import DataModelType, InputFileType

    extra: defaultdict[str, dict[str, Any]] = defaultdict(dict)
    extra.update({name: {"callspec_body": lines} for name, lines in job.body.items()})
    extra.update({name: {"callspec_members": lines} for name, lines in job.members.items()})
    for name, unions in job.unions.items():
        extra[name]["callspec_unions"] = unions
    output = generate(
        job.schema,
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        custom_template_dir=TEMPLATES_DIR / "datamodel",
        extra_template_data=extra,
        additional_imports=job.imports,
        aliases=job.aliases,
        formatters=[],
        disable_timestamp=True,
        use_annotated=True,
        field_constraints=True,
        use_field_description=True,
        use_schema_description=True,
        use_double_quotes=True,
        use_union_operator=True,
        use_standard_collections=True,
        use_subclass_enum=True,
        set_default_enum_member=True,
        use_title_as_name=True,
        capitalise_enum_members=False,
        reuse_model=False,
        collapse_root_models=True,
        skip_root_model=True,
    )
    assert isinstance(output, str)
    return output


def merge_model_outputs(outputs: list[str], aliases: Sequence[AliasNode] = (),
                        unions: Sequence[UnionAliasNode] = ()) -> str:
    """One module from the groups' modules: their imports merged, the API's type aliases, the
    classes in order, then the named unions (whose variants are classes)."""
    imports, block = alias_block(aliases)
    union_imports, union_block = union_alias_block(unions)
    for module, names in union_imports.items():
        imports.setdefault(module, set()).update(names)
    bodies = [block] if block else []
    for output in outputs:
        tree = ast.parse(output)
        first_class = next((node.lineno for node in tree.body
                            if not isinstance(node, (ast.Import, ast.ImportFrom))), None)
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module != LOCAL_MODULE:
                imports.setdefault(node.module, set()).update(alias.name for alias in node.names)
        lines = output.splitlines(keepends=True)
        bodies.append("".join(lines[first_class - 1:]) if first_class else "")
    bodies += [union_block] if union_block else []
    future = imports.pop("__future__", set())
    header = [f"from __future__ import {', '.join(sorted(future))}\n"] if future else []
    header += [f"from {module} import {', '.join(sorted(names))}\n"
               for module, names in sorted(imports.items())]
    return "".join(header) + "\n\n" + "\n\n".join(body.strip("\n") + "\n" for body in bodies)
