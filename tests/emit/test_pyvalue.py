"""The typed values of generated Python: macro rendering, the import collector, folding."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.emit.imports import ImportLine, Imports, imported_by
from generator.emit.pyvalue import (
    Assign,
    Call,
    DictOf,
    Lit,
    ParamsOf,
    Ref,
    Symbol,
    TupleOf,
    TypeRef,
    UnionOf,
    Value,
    attribute,
    builtin,
    call,
    folded,
    imported,
    symbols,
)
from generator.emit.render import environment
from tests.conftest import ROOT

RUNTIME = "generator.runtime"


def expr(item: object) -> str:
    template = environment().from_string('{% import "_python.j2" as py %}{{ py.expr(v) }}')
    return template.render(v=item)


def annotation(item: object) -> str:
    template = environment().from_string('{% import "_python.j2" as py %}{{ py.annotation(v) }}')
    return template.render(v=item)


def imports_block(block: Imports) -> str:
    template = environment().from_string('{% import "_python.j2" as py %}{{ py.imports(v) }}')
    return template.render(v=block)


def test_symbols_render_as_their_import_makes_them_reachable() -> None:
    assert expr(builtin("None")) == "None"
    assert expr(imported(RUNTIME, "Operation")) == "Operation"
    assert expr(attribute("httpx", "Response")) == "httpx.Response"
    assert expr(attribute(".models", "CallType")) == "models.CallType"


def test_nested_calls_with_args_kwargs_and_star_kwargs() -> None:
    inner = call(imported(RUNTIME, "Pagination"), offset="offset", max_limit=500)
    outer = call(imported(RUNTIME, "Operation"), "x", name="calls", pagination=inner,
                 flag=True, nothing=None)
    assert expr(outer) == ('Operation("x", name="calls", pagination=Pagination(offset="offset", '
                           'max_limit=500), flag=True, nothing=None)')
    assert expr(Call(attribute(".models", "Req"), star_kwargs=Ref("params"))) == (
        "models.Req(**params)")
    assert expr(Call(Ref("self._call"), (Ref("OP"),), (("a", Ref("a")),), Ref("rest"))) == (
        "self._call(OP, a=a, **rest)")
    assert expr(Call(builtin("f"))) == "f()"


def test_tuples_keep_the_one_tuple_comma_and_no_other_unless_one_per_line() -> None:
    one = TupleOf((call(builtin("C"), wire="a"),))
    two = TupleOf((Ref("a"), Ref("b")))
    assert expr(one) == '(C(wire="a"),)'
    assert expr(two) == "(a, b)"
    assert expr(TupleOf(())) == "()"
    assert expr(TupleOf((Ref("a"), Ref("b")), one_per_line=True)) == "(a, b,)"
    assert expr(TupleOf((), one_per_line=True)) == "()"
    assert expr(Lit(("x",))) == '("x",)'
    for rendered in (expr(one), expr(two)):
        assert isinstance(ast.parse(rendered, mode="eval").body, ast.Tuple)


def test_dicts_of_values() -> None:
    mapping = DictOf(((Lit("ssid"), Ref("ssid")), (Lit("1001"), call(builtin("Info"), m="x"))))
    assert expr(mapping) == '{"ssid": ssid, "1001": Info(m="x")}'
    assert expr(DictOf(())) == "{}"
    assert expr(DictOf(((Lit("a"), Ref("a")),), one_per_line=True)) == '{"a": a,}'
    assert expr(Lit({"a": "body", "b": 1})) == '{"a": "body", "b": 1}'


def test_annotations_optional_nested_and_unions() -> None:
    row = TypeRef(attribute(".models", "Row"))
    nullable = TypeRef(builtin("list"), (TypeRef(attribute(".models", "X"), optional=True),))
    assert annotation(nullable) == "list[models.X | None]"
    assert annotation(TypeRef(imported("collections.abc", "Iterator"), (row,))) == (
        "Iterator[models.Row]")
    assert annotation(TypeRef(builtin("str"), optional=True)) == "str | None"
    any_ = TypeRef(imported("typing", "Any"))
    assert annotation(TypeRef(builtin("dict"), (TypeRef(builtin("str")), any_),
                              optional=True)) == "dict[str, Any] | None"
    path = UnionOf((TypeRef(builtin("str")), TypeRef(imported("pathlib", "Path"))))
    assert annotation(path) == "str | Path"
    assert expr(path) == "str | Path"


def test_callable_annotations_with_a_parameter_list() -> None:
    callable_ = imported("collections.abc", "Callable")
    text = TypeRef(builtin("str"))
    assert annotation(TypeRef(callable_, (ParamsOf(), text))) == "Callable[[], str]"
    assert annotation(TypeRef(callable_, (ParamsOf((text, text)), text), optional=True)) == (
        "Callable[[str, str], str] | None")


def test_special_forms_take_values_as_arguments() -> None:
    wire = call(imported(RUNTIME, "Wire"), "datetime", layout="%Y-%m-%d")
    when = TypeRef(imported("typing", "Annotated"), (TypeRef(imported("datetime", "date")), wire))
    assert annotation(when) == 'Annotated[date, Wire("datetime", layout="%Y-%m-%d")]'
    names = TypeRef(imported("typing", "Literal"), (Lit("id"), Lit("start_time")))
    assert expr(names) == 'Literal["id", "start_time"]'
    assert symbols(when) == {imported("typing", "Annotated"), imported("datetime", "date"),
                             imported(RUNTIME, "Wire")}


def assign(item: Assign, indent: str = "") -> str:
    template = environment().from_string(
        '{% import "_python.j2" as py %}{{ py.assign(v, indent) }}')
    return template.render(v=item, indent=indent)


def test_assignments_with_and_without_their_docstring() -> None:
    assert assign(Assign("missed", Lit("missed"), "Nobody answered.")) == (
        'missed = "missed"\n"""Nobody answered."""\n')
    checks = DictOf(((Lit("type"), call(imported(RUNTIME, "Check"), const="call")),))
    assert assign(Assign("__callspec_checks__", checks), "    ") == (
        '    __callspec_checks__ = {"type": Check(const="call")}\n')
    alias = Assign("Names", TypeRef(imported("typing", "Literal"), (Lit("a"),)), "Field names")
    module = ast.parse(assign(alias))
    assert [type(node) for node in module.body] == [ast.Assign, ast.Expr]


def test_dotted_paths_of_symbols() -> None:
    assert imported(RUNTIME, "RequestModel").dotted == "generator.runtime.RequestModel"
    assert attribute("httpx", "Response").dotted == "httpx.Response"
    assert builtin("str").dotted == "str"


def test_imports_another_tool_wrote_are_read_back_as_symbols() -> None:
    tree = ast.parse("from __future__ import annotations\nimport json\n"
                     "from pydantic import ConfigDict, Field\nfrom local import Alias\n"
                     "from .models import X\n\nclass A: pass\nfrom late import Late\n")
    found = imported_by(tree, skip="local")
    assert found == [imported("__future__", "annotations"), attribute("json", ""),
                     imported("pydantic", "ConfigDict"), imported("pydantic", "Field"),
                     imported(".models", "X"), imported("late", "Late")]
    merged = Imports.of(found, [imported("pydantic", "Tag")], future=False)
    assert ImportLine("pydantic", ("ConfigDict", "Field", "Tag")) in merged.sections[2]
    with pytest.raises(ValueError, match="under another name"):
        imported_by(ast.parse("from typing import Any as Whatever\n"))


def test_symbols_are_found_through_every_container() -> None:
    deep = call(imported(RUNTIME, "A"), x=TupleOf((DictOf(((Lit(1), attribute("httpx", "B")),)),)))
    view = {"key": [deep], "type": TypeRef(builtin("list"), (TypeRef(imported("typing", "Any")),))}
    assert symbols(view) == {imported(RUNTIME, "A"), attribute("httpx", "B"), builtin("list"),
                             imported("typing", "Any")}


def test_imports_grouped_in_isort_sections_and_order() -> None:
    used = [
        attribute(".models", "X"), imported(".client", "OP_B"), imported(".client", "OP_A"),
        imported(RUNTIME, "SyncClient"), imported(RUNTIME, "ApiDescription"),
        attribute("httpx", "Response"), imported("pydantic", "BaseModel"),
        imported("typing", "Unpack"), imported("typing", "Any"), imported("typing", "cast"),
        imported("typing", "TYPE_CHECKING"), imported("collections.abc", "Iterator"),
        imported("collections.abc", "AsyncIterator"), attribute("json", "dumps"),
        builtin("str"), imported(".models", "RecordingEvent"), imported(".models", "RecordType"),
    ]
    block = Imports.of(used)
    assert block.sections == (
        (ImportLine("__future__", ("annotations",)),),
        (ImportLine("json"), ImportLine("collections.abc", ("AsyncIterator", "Iterator")),
         ImportLine("typing", ("TYPE_CHECKING", "Any", "Unpack", "cast"))),
        (ImportLine("httpx"), ImportLine("pydantic", ("BaseModel",))),
        (ImportLine(RUNTIME, ("ApiDescription", "SyncClient")),),
        (ImportLine(".", ("models",)), ImportLine(".client", ("OP_A", "OP_B")),
         ImportLine(".models", ("RecordingEvent", "RecordType"))),
    )
    rendered = imports_block(block)
    isort = pytest.importorskip("isort")
    config = isort.Config(profile="black", known_first_party=["generator"], line_length=200)
    assert isort.code(rendered, config=config) == rendered
    assert rendered.startswith("from __future__ import annotations\n\nimport json\n")


def test_empty_sections_are_left_out_and_future_is_optional() -> None:
    block = Imports.of([imported(".", "validators")], future=False)
    assert block.sections == ((ImportLine(".", ("validators",)),),)
    assert imports_block(block) == "from . import validators\n"


def test_one_per_line_imports_are_parenthesised() -> None:
    block = Imports.of([imported(".models", "B"), imported(".models", "A")], future=False,
                       one_per_line=frozenset({".models"}))
    assert imports_block(block) == "from .models import (\n    A,\n    B,\n)\n"


@pytest.mark.parametrize(("item", "same"), [
    (TupleOf(()), Lit(())),
    (TupleOf((Lit("a"), Lit(1))), Lit(("a", 1))),
    (DictOf(((Lit("a"), TupleOf(())),)), Lit({"a": ()})),
])
def test_folding_makes_literal_containers_one_literal(item: Value, same: Value) -> None:
    assert folded(item) == same


def test_folding_keeps_containers_of_code() -> None:
    item = TupleOf((Ref("a"),))
    assert folded(item) == item
    assert isinstance(folded(DictOf(((Lit("k"), Ref("v")),))), DictOf)


def test_call_turns_plain_data_into_literals_and_keeps_values() -> None:
    made = call(Symbol("f"), 1, Ref("x"), key=("a",))
    assert made.args == (Lit(1), Ref("x"))
    assert made.kwargs == (("key", Lit(("a",))),)


_TEMPLATED = sorted(
    path for name in ("client.py", "validators.py", "__init__.py")
    for path in (ROOT / "generated").glob(f"*/{name}")
)


@pytest.mark.parametrize("path", _TEMPLATED, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_generated_import_blocks_are_what_isort_writes(path: Path) -> None:
    isort = pytest.importorskip("isort")
    config = isort.Config(profile="black", known_first_party=["generator"], line_length=100)
    source = path.read_text(encoding="utf-8")
    assert isort.code(source, config=config) == source
