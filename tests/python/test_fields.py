"""Parsing what readers type: every way of writing a number, and every bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import Field, FieldError, parse_field

MONEY = Field("principal", "逾期金额", "money", unit="元", minimum=Decimal("0.01"), maximum=Decimal(100_000_000))
DAYS = Field("days", "逾期天数", "integer", unit="天", minimum=Decimal(1), maximum=Decimal(3650))
WHEN = Field("contract_date", "合同日期", "date", minimum=date(1990, 1, 1), maximum=date(2100, 12, 31))
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
    with pytest.raises(FieldError, match="请输入整数"):
        parse_field(DAYS, "2.5")
    with pytest.raises(FieldError, match="不能大于"):
        parse_field(DAYS, "999999")


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


def test_booleans_choices_and_text() -> None:
    assert parse_field(FLAG, "true") is True
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
