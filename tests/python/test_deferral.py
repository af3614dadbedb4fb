"""延期还款 (deferral): worked examples, the deferral months, the comparison and properties."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from _support import run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators._internal.finance import TooManyPeriods
from calculators.deferral import deferred_schedule

CASE = {
    "principal": "15000",
    "annual_rate_percent": "18",
    "defer_months": "1",
    "interest_during_deferral": "true",
    "periods": "12",
    "method": "equal_payment",
}
FREE = {**CASE, "defer_months": "3", "interest_during_deferral": "false"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            CASE,
            {
                "deferral_interest": "225.00",
                "payment": "1375.20",
                "capitalised_payment": "1395.83",
                "total_payment": "16727.41",
                "total_cost": "1727.41",
                "now_payment": "1375.20",
                "now_total_cost": "1502.41",
                "extra_cost": "225.00",
            },
        ),
        (
            FREE,
            {
                "deferral_interest": "0.00",
                "payment": "1375.20",
                "capitalised_payment": None,
                "total_cost": "1502.41",
                "extra_cost": "0.00",
            },
        ),
        (
            {**CASE, "defer_months": "3", "method": "equal_principal", "principal": "12000"},
            {
                "deferral_interest": "540.00",
                "payment": "1180.00",
                "now_payment": "1180.00",
                "now_total_cost": "1170.00",
                "total_cost": "1710.00",
                "extra_cost": "540.00",
            },
        ),
    ],
)
def test_worked_examples(raw: dict[str, str], expected: dict[str, str | None]) -> None:
    outputs = run_ok("deferral", raw)
    assert {key: outputs[key] for key in expected} == expected


def test_deferral_months_pay_interest_only() -> None:
    table = run_ok("deferral", {**CASE, "defer_months": "2"})["schedule"]
    assert len(table) == 14
    for row in table[:2]:
        assert row["payment"] == row["interest"] == "225.00"
        assert row["principal"] == "0.00"
        assert row["balance"] == "15000.00"
    assert [row["period"] for row in table] == [str(n) for n in range(1, 15)]
    assert table[2]["payment"] == "1375.20"


def test_interest_free_deferral_costs_nothing_extra() -> None:
    outputs = run_ok("deferral", FREE)
    assert all(row["payment"] == "0.00" for row in outputs["schedule"][:3])
    assert "延期期间不计息" in outputs["comparison"]
    assert "晚 3 个月" in outputs["comparison"]


def test_months_may_be_written_with_their_unit_in_either_script() -> None:
    plain = run_ok("deferral", {"defer_months": "3"})
    assert run_ok("deferral", {"defer_months": "3个月"}) == plain
    assert run_ok("deferral", {"defer_months": "3個月", "principal": "1.5萬"}) == plain


def test_comparison_sentence() -> None:
    comparison = run_ok("deferral", CASE)["comparison"]
    assert comparison == (
        "先延期 1 个月再分 12 期，利息合计 1727.41 元；现在就分 12 期，利息合计 1502.41 元。"
        "延期多付 225.00 元，换来 1 个月不用还本金。"
    )


def test_next_url_query_opens_the_letter() -> None:
    query = dict(parse_qsl(run_ok("deferral", CASE)["next_url_query"]))
    assert query == {
        "amount": "15000",
        "proposal": "deferral",
        "monthly_amount": "1375.2",
        "periods": "12",
        "annual_rate_percent": "18",  # passed on to the pack, which then plans the same instalments
    }
    assert "延期结束后，本人每月可以归还约 1375.20 元，分 12 期还清。" in run_ok("letter", query)["letter"]


def test_a_falling_plan_opens_the_letter_with_its_first_and_last_payment() -> None:
    outputs = run_ok("deferral", {**CASE, "method": "equal_principal"})
    query = dict(parse_qsl(outputs["next_url_query"], keep_blank_values=True))
    assert query == {
        "amount": "15000",
        "proposal": "deferral",
        "monthly_amount": "1475",
        "last_amount": "1268.75",
        "periods": "12",
        "annual_rate_percent": "18",
    }
    letter = run_ok("letter", query)["letter"]
    assert "延期结束后，本人可以分 12 期还清，首期约 1475.00 元，以后逐期减少，最后一期含尾差，约 1268.75 元。" in (
        letter
    )
    assert outputs["payment"] == "1475.00"


def test_a_one_period_plan_opens_the_letter() -> None:
    query = dict(parse_qsl(run_ok("deferral", {**CASE, "periods": "1"})["next_url_query"]))
    assert query["monthly_amount"] == "15225"  # the debt and a month's interest: more than the debt
    assert "分 1 期还清" in run_ok("letter", query)["letter"]


def test_tiny_amounts_are_refused_rather_than_end_in_zero_instalments() -> None:
    raw = {**CASE, "principal": "1", "annual_rate_percent": "0", "periods": "60", "method": "equal_principal"}
    assert "最多分 50 期" in run_errors("deferral", raw)["periods"]


def test_bad_inputs_name_their_fields() -> None:
    assert set(run_errors("deferral", {"defer_months": "0"})) == {"defer_months"}
    assert set(run_errors("deferral", {"method": "flat_fee"})) == {"method"}
    assert set(run_errors("deferral", {"interest_during_deferral": "perhaps"})) == {"interest_during_deferral"}
    assert set(run_errors("deferral", {"annual_rate_percent": "-1"})) == {"annual_rate_percent"}


@given(
    st.decimals(min_value=Decimal(1), max_value=Decimal(100_000_000), places=2),
    st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2),
    st.integers(min_value=1, max_value=24),
    st.booleans(),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(["equal_payment", "equal_principal"]),
)
@settings(max_examples=200, deadline=None)
def test_deferral_repays_the_principal_and_never_costs_less(
    principal: Decimal, rate: Decimal, months: int, accrues: bool, periods: int, method: str
) -> None:
    raw = {
        "principal": str(principal),
        "annual_rate_percent": str(rate),
        "defer_months": str(months),
        "interest_during_deferral": "true" if accrues else "false",
        "periods": str(periods),
        "method": method,
    }
    try:
        schedule = deferred_schedule(principal, rate, months, accrues, periods, method)  # type: ignore[arg-type]
    except TooManyPeriods:
        assert "分不了" in run_errors("deferral", raw)["periods"]
        return
    assert len(schedule) == months + periods
    assert sum(row.principal for row in schedule) == principal
    assert all(row.principal == 0 for row in schedule[:months])
    assert all(row.payment > 0 for row in schedule[months:])
    outputs = run_ok("deferral", raw)
    extra = Decimal(outputs["extra_cost"])
    assert extra >= 0
    assert extra == Decimal(outputs["deferral_interest"])
    if not accrues or rate == 0:
        assert extra == 0
