"""Every calculator, one parametrized test each: declaration, hostile input, the command line, next-step links.

What every calculator must do is checked here once, with one set of rules; the
per-calculator files test their own figures and texts.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import pytest
from _support import NASTY, raw_inputs, run_cli, valid_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import Calculator, Field, all_calculators, get_calculator, run
from calculators._internal.fields import FieldKind, When

NAMES = [calculator.name for calculator in all_calculators()]
FIELDS = [(calc.name, spec.name) for calc in all_calculators() for spec in calc.fields]
LINKS = [(calc.name, spec.name) for calc in all_calculators() for spec in calc.outputs if spec.kind == "link"]
#: The Python type each field kind parses to.
KIND_TYPES: dict[FieldKind, type] = {
    "money": Decimal,
    "decimal": Decimal,
    "integer": int,
    "boolean": bool,
    "date": date,
    "choice": str,
    "text": str,
}


def check_result(name: str, raw: dict[str, str], result: dict[str, Any]) -> None:
    """The one set of rules for any result: every declared output, or messages naming real fields."""
    calculator = get_calculator(name)
    json.dumps(result, ensure_ascii=False)
    if result["ok"]:
        assert set(result["outputs"]) == {spec.name for spec in calculator.outputs}
        typed = " ".join(raw.values())
        for spec in calculator.outputs:
            text = json.dumps(result["outputs"][spec.name], ensure_ascii=False)
            assert "Traceback" not in text
            # Free text the reader typed (a name, a reason) may say anything; computed values may not.
            for token in ("NaN", "Infinity", "-0.00"):
                assert token not in text or (spec.kind == "text" and token in typed), (spec.name, text)
    else:
        assert result["errors"]
        for error in result["errors"]:
            assert error["field"] in {spec.name for spec in calculator.fields}, error
            assert error["message"], error


def _members(annotation: Any) -> tuple[Any, ...]:
    return typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)


@pytest.mark.parametrize("name", NAMES)
def test_inputs_and_results_are_typed_like_the_declaration(name: str) -> None:
    calculator = get_calculator(name)
    hints = typing.get_type_hints(calculator.inputs)
    assert list(hints) == [spec.name for spec in calculator.fields]
    for spec in calculator.fields:
        members = _members(hints[spec.name])
        for member in members:
            if member is type(None):
                continue
            if typing.get_origin(member) is typing.Literal:  # a choice's values
                assert spec.kind == "choice" and set(typing.get_args(member)) == {v for v, _l in spec.choices}
            else:
                assert member is KIND_TYPES[spec.kind], (spec.name, member)
        # An optional number, date or choice may be None; text and checkboxes never are.
        assert (type(None) in members) == (not spec.required and spec.kind not in ("text", "boolean")), spec.name
    assert [item.name for item in dataclasses.fields(calculator.results)] == [spec.name for spec in calculator.outputs]


@pytest.mark.parametrize("name", NAMES)
def test_defaults_give_every_result(name: str) -> None:
    result = run(name, {})
    assert result["ok"], result
    check_result(name, {}, result)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_input_gives_results_or_named_messages(name: str, data: st.DataObject) -> None:
    raw = data.draw(raw_inputs(name))
    lang = data.draw(st.sampled_from(["zh", "zh-Hant"]))
    check_result(name, raw, run(name, raw, lang))


def _applying(spec: Field) -> dict[str, str]:
    """What makes ``spec`` apply: its switch set to a value it belongs to (nothing for an unconditional field)."""
    return {spec.when.field: spec.when.values[0]} if spec.when else {}


@pytest.mark.parametrize(("name", "field"), FIELDS)
def test_every_field_against_nasty_values(name: str, field: str) -> None:
    spec = get_calculator(name).field(field)
    for value in NASTY:
        raw = {**_applying(spec), field: value}
        result = run(name, raw)
        check_result(name, raw, result)
        if not result["ok"]:
            assert any(error["message"].startswith(spec.label + "：") for error in result["errors"]), result


CONDITIONAL = [(name, field) for name, field in FIELDS if get_calculator(name).field(field).when]


@pytest.mark.parametrize(("name", "field"), CONDITIONAL)
def test_a_field_is_ignored_where_it_does_not_apply(name: str, field: str) -> None:
    calculator = get_calculator(name)
    when = calculator.field(field).when
    assert when is not None
    switch = calculator.field(when.field)
    for value, _label in switch.choices:
        if value in when.values:
            continue
        for nasty in NASTY:
            assert run(name, {when.field: value, field: nasty}) == run(name, {when.field: value}), (value, nasty)


def test_a_condition_must_name_an_earlier_choice_and_its_values() -> None:
    letter = get_calculator("letter")
    kind = letter.field("kind")
    broken_conditions = (
        When("nothing", ("negotiation",)),
        When("kind", ("lawsuit",)),
        When("kind", ()),
        When("name", ("",)),
    )
    for broken in broken_conditions:
        fields = tuple(dataclasses.replace(f, when=broken) if f.name == "lender" else f for f in letter.fields)
        with pytest.raises(TypeError):
            dataclasses.replace(letter, fields=fields)
    later = (*letter.fields[1:], kind)  # the switch after the fields it decides
    with pytest.raises(TypeError):
        dataclasses.replace(letter, fields=later)


@pytest.mark.parametrize(("name", "output"), LINKS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(data=st.data())
def test_every_next_step_link_is_accepted_by_its_target(name: str, output: str, data: st.DataObject) -> None:
    raw = data.draw(valid_inputs(name))
    result = run(name, raw)
    if not result["ok"]:
        return  # a combination the calculator refuses makes no link
    query = result["outputs"][output]
    if query is None:
        return
    values = dict(parse_qsl(query, keep_blank_values=True, strict_parsing=True))
    calculator = get_calculator(name)
    for target, _label in next(spec for spec in calculator.outputs if spec.name == output).targets:
        fields = {spec.name for spec in get_calculator(target).fields}
        given_here = {key: value for key, value in values.items() if key in fields}
        assert given_here, (name, target, query)
        opened = run(target, given_here)
        assert opened["ok"], (raw, query, target, opened)


@pytest.mark.parametrize("name", NAMES)
def test_command_line_prints_what_run_returns(name: str) -> None:
    done = run_cli(name, "--json", "{}")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == run(name, {})["outputs"]
    first = get_calculator(name).fields[0].name
    bad = run_cli(name, "--json", json.dumps({first: "<b>1e308</b>"}))
    assert bad.returncode == 2
    assert f"{first}: " in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_misspelt_output_fails_when_declared() -> None:
    overdue = get_calculator("overdue")

    @dataclasses.dataclass(frozen=True)
    class Misspelt:
        penalty: Decimal
        totl: Decimal
        annualized_percent: Decimal
        comparison: str

    with pytest.raises(TypeError, match="totl"):
        dataclasses.replace(overdue, results=Misspelt)


def test_a_missing_output_fails_loudly_not_as_null() -> None:
    overdue = get_calculator("overdue")
    with pytest.raises(TypeError):
        overdue.results(penalty=Decimal(1), total=Decimal(2), annualized_percent=Decimal(3))  # no comparison

    def untyped(values: Any) -> Any:
        return {"penalty": Decimal(1)}

    broken: Calculator[Any, Any] = dataclasses.replace(overdue, compute=untyped)
    with pytest.raises(TypeError, match="compute returned dict"):
        broken.evaluate({"principal": Decimal(1), "daily_rate_percent": Decimal(0), "days": 1, "compound": False})


def test_no_label_says_it_is_optional_the_page_says_so_itself() -> None:
    # The page adds （选填） after an optional field's label; a label of its own saying so doubles it.
    labels = [spec.label for calculator in all_calculators() for spec in calculator.fields]
    assert not [label for label in labels if "可选" in label or "选填" in label]


def test_null_is_an_empty_field_not_its_default() -> None:
    # overdue's principal defaults to 10000: null must not stand for it, as "" does not.
    assert run("overdue", {"principal": None}) == run("overdue", {"principal": ""})
    assert not run("overdue", {"principal": None})["ok"]
    # An optional field given as null is simply empty, and a field left out keeps its default.
    assert run("letter", {"monthly_amount": None}) == run("letter", {"monthly_amount": ""})
    assert run("overdue", {}) == run("overdue", {"principal": "10000"})
