"""Parsing what readers type: every way of writing a number, and every bad input."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import BOOLEAN_WORDS, Field, FieldError, all_calculators, get_calculator, normalise_word, parse_field
from mkdocs_guide.calc.render import render_calculator
from mkdocs_guide.hant.convert import converter

MONEY = Field("principal", "逾期金额", "money", unit="元", minimum=Decimal("0.01"), maximum=Decimal(100_000_000))
DAYS = Field("days", "逾期天数", "integer", unit="天", minimum=Decimal(1), maximum=Decimal(3650))
WHEN = Field("contract_date", "合同日期", "date", minimum=date(1990, 1, 1), maximum=date(2100, 12, 31))
RATE = Field("rate", "逾期日利率", "decimal", unit="%", minimum=Decimal(0), maximum=Decimal(1), places=4)
FLAG = Field("compound", "按日复利计算", "boolean", required=False)
METHOD = Field("method", "还款方式", "choice", choices=(("equal_payment", "等额本息"), ("flat_fee", "手续费")))
NOTE = Field("note", "说明", "text", required=False, max_length=10)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10000", "10000"),
        ("10,000", "10000"),
        ("１００００", "10000"),
        ("１０，０００", "10000"),
        ("1万", "10000"),
        ("1.5万", "15000"),
        (" 10000 元 ", "10000"),
        ("0.5亿", "50000000"),
        ("99.99", "99.99"),
        ("+12", "12"),
        ("12,345.67", "12345.67"),
        ("１０，０００．５", "10000.5"),
        ("1万元", "10000"),
        ("1萬", "10000"),
        ("1.5萬元", "15000"),
        ("0.5億", "50000000"),
        ("\u3000１．５万\u3000", "15000"),
        ("1,234,567.8", "1234567.8"),
        ("0.1", "0.1"),
        (".5", "0.5"),
    ],
)
def test_money_is_read_the_way_people_write_it(raw: str, expected: str) -> None:
    assert parse_field(MONEY, raw) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "请填写"),
        ("   ", "请填写"),
        ("abc", "请输入一个数字"),
        ("1e308", "请输入一个数字"),
        ("1,00", "请输入一个数字"),
        ("-5", "不能小于"),
        ("0", "不能小于"),
        ("1" + "0" * 30, "不能大于"),
        ("10.005", "最多保留 2 位小数"),
        ("NaN", "请输入一个数字"),
        ("Infinity", "请输入一个数字"),
        ("<script>alert(1)</script>", "请输入一个数字"),
        # NFKC would read these as 12, 1, 1/2 and 123; no reader means them as amounts.
        ("1²", "请输入一个数字"),
        ("①", "请输入一个数字"),
        ("½", "请输入一个数字"),
        ("١٢٣", "请输入一个数字"),
        ("5%", "单位是元"),
        ("5天", "单位是元"),
        ("10 000", "请输入一个数字"),
        ("1_000", "请输入一个数字"),
        ("1,0000", "请输入一个数字"),
        # Decimal's default context keeps 28 digits: checked on the text, these are 29 and 31.
        ("1.0000000000000000000000000001", "最多保留 2 位小数"),
        ("1.0000000000000000000000000000001", "最多保留 2 位小数"),
        ("10.00000000000000000000000000001", "最多保留 2 位小数"),
    ],
)
def test_bad_money_names_the_field(raw: str, fragment: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_field(MONEY, raw)
    assert caught.value.field == "principal"
    assert caught.value.message.startswith("逾期金额：")
    assert fragment in caught.value.message


def test_integers_refuse_fractions_and_absurd_sizes() -> None:
    assert parse_field(DAYS, "３０") == 30
    assert parse_field(DAYS, "30天") == 30
    assert parse_field(DAYS, "30.000") == 30
    with pytest.raises(FieldError, match="请输入整数"):
        parse_field(DAYS, "2.5")
    with pytest.raises(FieldError, match="请输入整数"):
        parse_field(DAYS, "1.0000000000000000000000000000001")  # rounded to 28 digits, this was 1
    with pytest.raises(FieldError, match="不能大于"):
        parse_field(DAYS, "999999")
    with pytest.raises(FieldError, match="请输入一个数字"):
        parse_field(DAYS, "1万")  # 万 and 亿 multiply money only


@pytest.mark.parametrize("raw", ["-0", "-0.00", "－0", "－０．００", "+0"])
def test_minus_zero_is_zero(raw: str) -> None:
    value = parse_field(RATE, raw)
    assert value == 0 and isinstance(value, Decimal) and not value.is_signed()
    assert "-" not in str(value)


def test_a_field_takes_its_own_unit_only() -> None:
    assert parse_field(RATE, "0.05%") == Decimal("0.05")
    assert parse_field(RATE, "０．０５％") == Decimal("0.05")
    with pytest.raises(FieldError, match="单位是%"):
        parse_field(RATE, "0.05元")


@pytest.mark.parametrize("raw", ["2024-01-15", "2024/1/15", "2024年1月15日", "２０２４－０１－１５"])
def test_dates_in_common_forms(raw: str) -> None:
    assert parse_field(WHEN, raw) == date(2024, 1, 15)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("1900-01-01", "不能早于"), ("2200-01-01", "不能晚于"), ("2023-02-30", "没有这一天"), ("yesterday", "年-月-日")],
)
def test_bad_dates(raw: str, fragment: str) -> None:
    with pytest.raises(FieldError, match=fragment):
        parse_field(WHEN, raw)


@pytest.mark.parametrize(("word", "value"), BOOLEAN_WORDS.items())
def test_every_boolean_word_in_every_form(word: str, value: bool) -> None:
    upper = word.upper()
    for form in (word, upper, f" {upper}\u3000", upper.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})):
        assert parse_field(FLAG, form) is value, form
        assert normalise_word(form) == word


@pytest.mark.parametrize("raw", ["maybe", "①", "¹", "２", "tru", "是的吧", "\ud800"])
def test_other_words_are_not_yes_or_no(raw: str) -> None:
    with pytest.raises(FieldError, match="请选择是或否"):
        parse_field(FLAG, raw)


def test_booleans_choices_and_text() -> None:
    assert parse_field(FLAG, "true") is True
    assert parse_field(FLAG, "是") is True
    assert parse_field(FLAG, "") is False
    assert parse_field(FLAG, "否") is False
    with pytest.raises(FieldError):
        parse_field(FLAG, "maybe")
    assert parse_field(METHOD, "flat_fee") == "flat_fee"
    with pytest.raises(FieldError, match="请从列表中选择"):
        parse_field(METHOD, "<b>x</b>")
    assert parse_field(NOTE, " <b>hi</b>\x00 ") == "<b>hi</b>"
    with pytest.raises(FieldError, match="最多 10 个字"):
        parse_field(NOTE, "字" * 11)
    with pytest.raises(FieldError, match="无法识别的字符"):
        parse_field(NOTE, "a\ud800")


@given(st.text(max_size=60))
def test_any_text_gives_a_value_or_a_field_error(raw: str) -> None:
    for spec in (MONEY, DAYS, WHEN, FLAG, METHOD, NOTE):
        try:
            parse_field(spec, raw)
        except FieldError as error:
            assert error.field == spec.name
            assert error.message


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100_000_000), places=2))
def test_grouped_and_plain_forms_agree(value: Decimal) -> None:
    assert parse_field(MONEY, f"{value:,}") == parse_field(MONEY, str(value)) == value


@pytest.mark.parametrize(
    ("name", "field"),
    [(calc.name, spec.name) for calc in all_calculators() for spec in calc.fields if spec.kind == "boolean"],
)
def test_the_form_and_python_agree_on_yes(name: str, field: str) -> None:
    # The page's prefill ticks a box for the words rendered into data-true-words: exactly Python's.
    calculator = get_calculator(name)
    spec = calculator.field(field)
    html = render_calculator(calculator, "calculator.js")
    (tag,) = re.findall(rf'<input type="checkbox"[^>]*name="{field}"[^>]*>', html)
    words = unescape(re.search(r'data-true-words="([^"]*)"', tag)[1]).split(" ")  # type: ignore[index]
    assert set(words) == {word for word, value in BOOLEAN_WORDS.items() if value}
    assert all(word == normalise_word(word) and " " not in word for word in words)
    assert (" checked" in tag) is parse_field(spec, spec.default)
    # The zh-Hant build converts the page, attribute included: the words must survive it.
    assert converter().convert(" ".join(words)) == " ".join(words)
