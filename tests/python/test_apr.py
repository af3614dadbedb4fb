"""真实年化利率 (apr): worked examples, the payment list, the sentence, cross-checks and properties."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qsl

import numpy_financial as npf
import pytest
from _support import run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.apr import parse_payments

GUIDE = {"received": "10000", "payment": "893.33", "periods": "12", "period_unit": "month"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            GUIDE,
            {
                "irr_percent": "1.09",
                "apr_percent": "13.03",
                "effective_annual_percent": "13.84",
                "total_repaid": "10719.96",
                "total_cost": "719.96",
            },
        ),
        (
            {"received": "9000", "payment": "1000", "periods": "12", "period_unit": "month"},
            {"irr_percent": "4.73", "apr_percent": "56.75", "effective_annual_percent": "74.11"},
        ),
        (
            {"received": "9700", "payment": "10000", "periods": "1", "period_unit": "month"},
            {"irr_percent": "3.09", "apr_percent": "37.11", "effective_annual_percent": "44.12"},
        ),
        (
            {"received": "1000", "payment": "1100", "periods": "1", "period_unit": "week"},
            {"irr_percent": "10.00", "apr_percent": "520.00", "effective_annual_percent": "14104.29"},
        ),
        (
            {"received": "10000", "payments": "3000 3000 3000 3000", "period_unit": "month"},
            {"irr_percent": "7.71", "apr_percent": "92.57", "total_repaid": "12000.00"},
        ),
    ],
)
def test_worked_examples(raw: dict[str, str], expected: dict[str, str]) -> None:
    outputs = run_ok("apr", raw)
    assert {key: outputs[key] for key in expected} == expected


def test_sentence_of_the_guides_example() -> None:
    assert run_ok("apr", GUIDE)["sentence"] == (
        "到手 10000.00 元，每月还 893.33 元，共 12 期，一共多还 719.96 元，"
        "看起来像月费率 0.60% 的 12 期分期，年化约 13.03%（按内部收益率法折算；按复利计约 13.84%）。"
    )


def test_sentence_for_a_list_and_for_no_cost() -> None:
    sentence = run_ok("apr", {"received": "900", "payments": "0 0.5 0 1000"})["sentence"]
    assert sentence.startswith("到手 900.00 元，分 4 期一共还 1000.50 元，多还 100.50 元")
    sentence = run_ok("apr", {"received": "1000", "payments": "500, 400"})["sentence"]
    assert "没有多还" in sentence
    assert run_ok("apr", {"received": "1000", "payments": "500, 400"})["apr_percent"].startswith("-")


def test_days_use_365_periods_a_year() -> None:
    outputs = run_ok("apr", {"received": "10000", "payment": "10005", "periods": "1", "period_unit": "day"})
    assert outputs["irr_percent"] == "0.05"
    assert outputs["apr_percent"] == "18.25"
    assert "每天还" in outputs["sentence"]
    assert "日费率" in outputs["sentence"]


def test_list_overrides_payment_and_periods() -> None:
    listed = run_ok("apr", {**GUIDE, "payments": ", ".join(["893.33"] * 11 + ["893.37"])})
    assert listed["apr_percent"] == "13.03"
    assert listed["total_repaid"] == "10720.00"


def test_payment_list_parsing() -> None:
    assert parse_payments("") == []
    assert parse_payments("1000 2000，3000\n4000.5；1万、5") == [
        Decimal(1000),
        Decimal(2000),
        Decimal(3000),
        Decimal("4000.5"),
        Decimal(10000),
        Decimal(5),
    ]
    assert parse_payments("1萬 2萬、1,000萬") == [Decimal(10000), Decimal(20000), Decimal(10_000_000)]
    assert parse_payments("893.33,893.33,893.37") == [Decimal("893.33")] * 2 + [Decimal("893.37")]
    assert parse_payments("3000,3000，3000") == [Decimal(3000)] * 3


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("12,345.67 1,500", ["12345.67", "1500"]),
        ("12,345.67\n1,500\n", ["12345.67", "1500"]),
        ("１２，３４５．６７；１，５００", ["12345.67", "1500"]),
        ("1,500、2,000元、1,000", ["1500", "2000", "1000"]),
        ("1,000,000", ["1000000"]),
        ("1,050", ["1050"]),
    ],
)
def test_thousands_separators_are_part_of_the_number(text: str, amounts: list[str]) -> None:
    assert parse_payments(text) == [Decimal(amount) for amount in amounts]


@pytest.mark.parametrize("text", ["1,500", "12,345.67", "500,500", "893.33,1,500", "893.33,893.33,100,200"])
def test_a_comma_that_could_be_either_is_refused_not_guessed(text: str) -> None:
    errors = run_errors("apr", {"received": "1000", "payments": text})
    assert set(errors) == {"payments"}
    assert "千位分隔符" in errors["payments"] and "空格、换行或分号" in errors["payments"]


def test_a_grouped_payment_is_never_split_into_two() -> None:
    # Read as 12, 345.67, 1 and 500, these gave an APR of -976 % without a word.
    outputs = run_ok("apr", {"received": "10000", "payments": "12,345.67 1,500"})
    assert outputs["total_repaid"] == "13845.67"
    assert not outputs["apr_percent"].startswith("-")


@pytest.mark.parametrize("text", ["100 abc", "1.234", "-5", "200000000", "1,00 5", "5% 5", "1² 2"])
def test_bad_payment_lists_name_the_item(text: str) -> None:
    errors = run_errors("apr", {"payments": text})
    assert set(errors) == {"payments"}
    assert errors["payments"].startswith("还款列表：第 ")


def test_other_errors_name_their_fields() -> None:
    assert set(run_errors("apr", {"payments": "0 0 0"})) == {"payments"}
    assert set(run_errors("apr", {"payments": " ".join(["1"] * 361)})) == {"payments"}
    assert set(run_errors("apr", {"payment": ""})) == {"payment"}
    assert set(run_errors("apr", {"payment": "0"})) == {"payment"}
    assert set(run_errors("apr", {"periods": ""})) == {"periods"}
    assert set(run_errors("apr", {"received": "0"})) == {"received"}
    assert set(run_errors("apr", {"period_unit": "year"})) == {"period_unit"}


def test_next_url_query_opens_rate_cap() -> None:
    query = run_ok("apr", GUIDE)["next_url_query"]
    assert query == "annual_rate_percent=13.03"
    raw = {"contract_date": "2024-01-15", "lender_kind": "licensed", "annual_rate_percent": query.split("=")[1]}
    assert "13.03%" in run_ok("rate_cap", raw)["verdict"]


def test_extreme_rates_stay_reportable_and_comparable() -> None:
    outputs = run_ok("apr", {"received": "1", "payment": "100000000", "periods": "360", "period_unit": "day"})
    assert outputs["effective_annual_percent"] is None
    assert Decimal(outputs["apr_percent"]) > Decimal("3e12")
    assert "按复利计" not in outputs["sentence"]
    # rate_cap accepted at most 10000 %; the highest rate apr can find must open it.
    query = dict(parse_qsl(outputs["next_url_query"]))
    assert Decimal(query["annual_rate_percent"]) == Decimal(outputs["apr_percent"])
    assert "高于" in run_ok("rate_cap", query)["verdict"]


def test_a_realistic_rate_above_10000_percent_opens_rate_cap() -> None:
    # Half a loan held back, all of it repaid the next day: 36500 % a year.
    outputs = run_ok("apr", {"received": "500", "payment": "1000", "periods": "1", "period_unit": "day"})
    assert outputs["apr_percent"] == "36500.00"
    assert run("rate_cap", dict(parse_qsl(outputs["next_url_query"])))["ok"]


def test_almost_equal_amounts_never_show_minus_zero() -> None:
    outputs = run_ok("apr", {"received": "10000", "payment": "9999.99", "periods": "1"})
    assert outputs["irr_percent"] == "0.00" and outputs["apr_percent"] == "0.00"
    assert "-0.00" not in outputs["sentence"]


@given(
    st.decimals(min_value=Decimal(1), max_value=Decimal(100_000_000), places=2),
    st.lists(st.decimals(min_value=Decimal(0), max_value=Decimal(100_000_000), places=2), max_size=400),
    st.sampled_from(["month", "week", "day"]),
    st.sampled_from([" ", ",", "\n", "，", "、", "；", ", "]),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_any_payment_list_is_read_as_written_or_refused(
    received: Decimal, payments: list[Decimal], unit: str, separator: str, grouped: bool
) -> None:
    written = [f"{p:,}" if grouped else str(p) for p in payments]
    raw = {"received": str(received), "payments": separator.join(written), "period_unit": unit}
    result = run("apr", raw)
    if not payments:
        assert result["ok"]  # falls back to payment × periods
    elif result["ok"]:
        # Never a silent misreading: the total is exactly what was listed.
        assert Decimal(result["outputs"]["total_repaid"]) == sum(payments)
        assert len(payments) <= 360 and sum(payments) > 0
    else:
        messages = {error["field"]: error["message"] for error in result["errors"]}
        assert set(messages) == {"payments"}
        ambiguous = "千位分隔符" in messages["payments"]
        # Only a bare comma may be ambiguous; every other separator reads the list as written.
        assert ambiguous <= (separator in (",", "，") or (grouped and len(payments) == 1))
        assert ambiguous or len(payments) > 360 or sum(payments) == 0


@given(
    st.decimals(min_value=Decimal(100), max_value=Decimal(1_000_000), places=2),
    st.lists(st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=3), min_size=1, max_size=35),
    st.decimals(min_value=Decimal("0.6"), max_value=Decimal("2.5"), places=3),
)
@settings(max_examples=300, deadline=None)
def test_matches_numpy_financial_irr(received: Decimal, weights: list[Decimal], multiple: Decimal) -> None:
    # Uneven repayments totalling 0.6 to 2.5 times what was received (numpy's polynomial roots are
    # unreliable far from a loan's usual shape); the last one is never zero.
    weights = [*weights, Decimal("0.5")]
    scale = received * multiple / sum(weights)
    payments = [(weight * scale).quantize(Decimal("0.01")) for weight in weights]
    outputs = run_ok("apr", {"received": str(received), "payments": " ".join(str(p) for p in payments)})
    expected = npf.irr([-float(received)] + [float(p) for p in payments])
    assert abs(Decimal(outputs["irr_percent"]) - Decimal(expected * 100)) <= Decimal("0.005") + Decimal("1e-6")
    assert abs(Decimal(outputs["apr_percent"]) - Decimal(expected * 1200)) <= Decimal("0.005") + Decimal("1e-5")
