"""models.py around datamodel-code-generator: what each run is handed, and the merged module."""

from __future__ import annotations

import ast
import builtins
import textwrap

import pytest

from generator.emit.model_values import RUNTIME_MODULE, alias_statements
from generator.emit.models import ModelJob, merge_model_outputs, model_jobs
from generator.emit.pyvalue import Lit, TypeRef, imported
from generator.ir.nodes import (
    AliasNode,
    ApiNode,
    ModelRef,
    OneOf,
    Primitive,
    UnionAliasNode,
)
from generator.pipeline import load_apis
from tests.conftest import ROOT, SPECS

# What templates/datamodel writes itself: every enum's `_missing_` calls it.
_TEMPLATE_NAMES = {"unknown_member"}
_UNIONS = ROOT / "tests" / "features" / "union_discriminated" / "union_discriminated.yaml"


@pytest.fixture(scope="module")
def apis() -> tuple[ApiNode, ...]:
    return load_apis([*SPECS, _UNIONS])


def _names_in(source: str, mode: str = "exec") -> set[str]:
    tree = ast.parse(textwrap.dedent(source), mode=mode)
    return {node.id for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def _jobs(apis: tuple[ApiNode, ...]) -> list[ModelJob]:
    return [job for api in apis for job in model_jobs(api)]


def test_a_run_imports_what_its_class_bodies_and_union_annotations_use(
        apis: tuple[ApiNode, ...]) -> None:
    seen = set()
    for job in _jobs(apis):
        used = set().union(*map(_names_in, job.body.values()))
        for fields in job.unions.values():
            used |= set().union(*(_names_in(text, "eval") for text in fields.values()))
        imported_names = {symbol.name for symbol in job.imports}
        assert all(symbol.module for symbol in job.imports)
        classes = set(job.schema["$defs"])
        assert used - classes - set(dir(builtins)) <= imported_names
        assert imported_names <= used | _TEMPLATE_NAMES, job.body
        seen |= used
    # the specs have rules, conditions and checks; the fixture a tagged union
    assert {"Rule", "When", "Check", "tag_of", "Tag", "OTHER_TAG"} <= seen


def test_a_tagged_union_annotation_names_each_variant_under_its_tag(
        apis: tuple[ApiNode, ...]) -> None:
    [annotations] = [fields for job in _jobs(apis[-1:]) for fields in job.unions.values()]
    tagged = ('Annotated[Annotated[PhoneLeg, Tag("PhoneLeg")] | Annotated[SipLeg, Tag("SipLeg")]'
              ' | Annotated[UnknownVariant, Tag(OTHER_TAG)], tag_of("type", {"phone": "PhoneLeg",'
              ' "sip": "SipLeg"})]')
    assert annotations == {  # an optional field; an optional array under its wire name
        "leg": f"{tagged} | None",
        "transfer_legs": f'Annotated[list[{tagged}] | None, Field(alias="transferLegs")]',
    }


def test_enum_members_and_class_attributes_are_laid_out_as_class_bodies(
        apis: tuple[ApiNode, ...]) -> None:
    bodies = [body for job in _jobs(apis) for body in job.body.values() if body]
    assert bodies
    for body in bodies:
        assert all(line.startswith("    ") for line in body.splitlines() if line.strip())
        assert all(isinstance(node, (ast.Assign, ast.Expr))
                   for node in ast.parse(textwrap.dedent(body)).body)


_RUN_A = '''from __future__ import annotations

from callspec_local import DateYmd
from generator.runtime import CallspecModel, RequestModel
from pydantic import ConfigDict


class A(CallspecModel):
    day: DateYmd
'''
_RUN_B = '''from __future__ import annotations

from enum import StrEnum

from generator.runtime import CallspecModel, unknown_member
from typing import Any


class B(StrEnum):
    x = "x"
'''


def test_merged_module_has_one_import_per_module_the_aliases_then_the_classes() -> None:
    aliases = (
        AliasNode("DateYmd", "wire", "date", format="date", layout="%Y%m%d", description="day"),
        AliasNode("Names", "names", "str", values=("a", "b"), description="field names"),
    )
    merged = merge_model_outputs([_RUN_A, _RUN_B], aliases)
    tree = ast.parse(merged)
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    modules = [node.module or "" for node in imports]  # in isort's sections and order
    assert modules == ["__future__", "datetime", "enum", "typing", "pydantic", RUNTIME_MODULE]
    names = {node.module: [alias.name for alias in node.names] for node in imports}
    assert names[RUNTIME_MODULE] == ["CallspecModel", "RequestModel", "Wire", "unknown_member"]
    assert names["typing"] == ["Annotated", "Any", "Literal"]
    rest = tree.body[len(imports):]
    assert [ast.unparse(node.targets[0]) for node in rest if isinstance(node, ast.Assign)] == [
        "DateYmd", "Names"]
    assert ast.unparse(rest[0]) == "DateYmd = Annotated[date, Wire('date', layout='%Y%m%d')]"
    assert [node.name for node in rest if isinstance(node, ast.ClassDef)] == ["A", "B"]


def test_alias_statements_carry_their_description_as_docstring() -> None:
    [statement] = alias_statements([AliasNode("Names", "names", "str", values=("a",),
                                              description='ends in a "quote"')])
    assert statement.docstring == 'ends in a "quote" '
    assert isinstance(statement.value, TypeRef)
    assert statement.value.symbol == imported("typing", "Literal")
    assert statement.value.args == (Lit("a"),)


def test_named_unions_follow_the_classes_with_their_imports() -> None:
    tagged = OneOf((ModelRef("A"), ModelRef("B")), "kind", (("a", "A"), ("b", "B")), "Party")
    untagged = OneOf((Primitive("integer"), Primitive("string")), name="CallRef")
    unions = (UnionAliasNode("Party", "", tagged), UnionAliasNode("CallRef", "An id.", untagged))
    merged = merge_model_outputs([_RUN_A], (), unions)
    tree = ast.parse(merged)
    names = {alias.name for node in tree.body if isinstance(node, ast.ImportFrom)
             for alias in node.names}
    assert {"Annotated", "Tag", "OTHER_TAG", "UnknownVariant", "tag_of"} <= names
    assert "Field" not in names and "Literal" not in names  # only what is used
    assigned = [node for node in tree.body if isinstance(node, ast.Assign)]
    assert [ast.unparse(node.targets[0]) for node in assigned] == ["Party", "CallRef"]
    assert ast.unparse(assigned[1].value) == "int | str"
    classes = [index for index, node in enumerate(tree.body) if isinstance(node, ast.ClassDef)]
    assert max(classes) < tree.body.index(assigned[0])
    # a trailing comma after the arguments: black lays them out one per line
    assert 'tag_of("kind", {"a": "A", "b": "B"}),]' in merged
    assert '"""One of A, B."""' in merged and '"""An id."""' in merged
