"""Emit generated/<vendor>/models.py: a JSON Schema built from the IR (emit/model_schema.py),
run through datamodel-code-generator in-process with the project's own templates
(templates/datamodel), the classes completed with typed values (emit/model_values.py)."""

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

from generator.emit.imports import Imports, imported_by
from generator.emit.model_schema import json_schema
from generator.emit.model_values import (
    LOCAL_MODULE,
    RUNTIME_MODULE,
    alias_statements,
    check_statements,
    member_statements,
    references,
    request_side,
    rule_statements,
    runtime,
)
from generator.emit.pyvalue import Assign, Symbol, TypeRef, symbols
from generator.emit.render import macros, render
from generator.emit.unions import union_alias_statements, union_annotations
from generator.ir.nodes import AliasNode, ApiNode, UnionAliasNode
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

# What templates/datamodel writes itself besides the values it is handed: every enum's `_missing_`.
_ENUM_SYMBOLS = (runtime("unknown_member"),)


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


@dataclass(frozen=True)
class ModelJob:
    """One datamodel-code-generator run: a connected group of enums and models."""

    schema: dict[str, Any]
    aliases: dict[str, str]
    body: dict[str, str]  # class name → what models.py adds to its body, laid out
    imports: tuple[Symbol, ...]  # what those additions and templates/datamodel use
    # class → attribute → the annotation of a tagged union, laid out (see emit/unions.py)
    unions: dict[str, dict[str, str]] = dataclass_field(default_factory=dict)

    @property
    def key(self) -> str:
        """Everything the run depends on besides the tool itself (see `salt`)."""
        imports = [symbol.dotted for symbol in self.imports]
        parts = [self.schema, self.aliases, self.body, imports, self.unions]
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


def _statements(api: ApiNode) -> dict[str, tuple[Assign, ...]]:
    """Class name → the statements models.py adds to its body: an enum's members, a request
    model's rules, a read model's checks."""
    writing = request_side(api)
    found = {enum.name: member_statements(enum) for enum in api.enums}
    found.update({model.name: rule_statements(model) if model.name in writing
                  else check_statements(model) for model in api.models})
    return found


def model_jobs(api: ApiNode) -> list[ModelJob]:
    """The runs that make models.py, one per independent group of classes."""
    schema = json_schema(api)
    aliases = _aliases(api)
    models = {model.name: model for model in api.models}
    statements = _statements(api)
    jobs = []
    for group in _batches(components(api)):
        unions = {name: fields for name in group if name in models
                  and (fields := union_annotations(models[name]))}
        used = symbols([[statements[name] for name in group], unions])
        if any(name not in models for name in group):
            used.update(_ENUM_SYMBOLS)
        jobs.append(ModelJob(
            schema={**schema, "$defs": {name: schema["$defs"][name] for name in group}},
            aliases=aliases,
            body={name: _laid_out(statements[name]) for name in group},
            imports=_imported(used),
            unions={name: {field: _written(annotation) for field, annotation in fields.items()}
                    for name, fields in unions.items()},
        ))
    return jobs


def _imported(used: set[Symbol]) -> tuple[Symbol, ...]:
    """The symbols a run imports: builtins and the module's own classes need no import, and every
    other name is imported by name (`from m import n`: the one form additional_imports takes)."""
    assert all(symbol.kind != "attribute" for symbol in used), used
    return tuple(sorted(symbol for symbol in used if symbol.kind == "from"))


def _laid_out(statements: tuple[Assign, ...]) -> str:
    """Class-body statements as templates/datamodel inserts them (indented, no last newline)."""
    if not statements:  # most classes
        return ""
    return str(macros().class_body(statements)).rstrip("\n")


def _written(annotation: TypeRef) -> str:
    """An annotation as templates/datamodel writes it after a field's name."""
    return str(macros().annotation(annotation))


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
    extra.update({name: {"callspec_body": body} for name, body in job.body.items()})
    for name, unions in job.unions.items():
        extra[name]["callspec_unions"] = unions
    output = generate(
        job.schema,
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        custom_template_dir=TEMPLATES_DIR / "datamodel",
        extra_template_data=extra,
        additional_imports=[symbol.dotted for symbol in job.imports],
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
    statements = alias_statements(aliases)
    named_unions = union_alias_statements(unions)
    found: list[Symbol] = []
    bodies = []
    for output in outputs:
        tree = ast.parse(output)
        # the aliases the runs refer to through LOCAL_MODULE are defined here
        found += imported_by(tree, skip=LOCAL_MODULE)
        first_class = next((node.lineno for node in tree.body
                            if not isinstance(node, (ast.Import, ast.ImportFrom))), None)
        lines = output.splitlines(keepends=True)
        bodies.append("".join(lines[first_class - 1:]).strip("\n") if first_class else "")
    imports = Imports.of(statements, named_unions, found, future=False)
    return render("models.py.j2", imports=imports, aliases=statements, bodies=bodies,
                  unions=named_unions)
