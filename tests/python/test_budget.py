"""还款能力评估 (budget): surplus, safety margin, the shortest plan that fits, and the hand-over query."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from _support import run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators._internal.finance import TooManyPeriods
from calculators.budget import SAFE_SHARE, longest_plan, shortest_plan, sustainable_payment
from calculators.instalment import plan

GUIDE = {
    "income": "6000",
    "essential_expenses": "3800",
    "other_debt_payments": "500",
    "debt": "10000",
    "annual_rate_percent": "13",
}
SEVERAL_DEBTS = {
    "income": "7000",
    "essential_expenses": "4500",
    "other_debt_payments": "1500",
    "debt": "30000",
    "annual_rate_percent": "11",
}
SHORT = {**GUIDE, "income": "3000", "essential_expenses": "2800", "other_debt_payments": "0", "debt": "100000"}
NOTHING_LEFT = {**GUIDE, "income": "4000", "essential_expenses": "3800", "other_debt_payments": "500"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            GUIDE,
            {
                "surplus": "1700.00",
                "sustainable_payment": "1360.00",
                "min_periods": "8",
                "payment": "1311.70",
                "debt_to_income_percent": "30.20",
            },
        ),
        (
            SEVERAL_DEBTS,
            {
                "surplus": "1000.00",
                "sustainable_payment": "800.00",
                "min_periods": "47",
                "payment": "788.52",
                "debt_to_income_percent": "32.69",
            },
        ),
        (
            SHORT,
            {
                "surplus": "200.00",
                "sustainable_payment": "160.00",
                "min_periods": None,
                "payment": None,
                "debt_to_income_percent": "75.84",
            },
        ),
        (
            NOTHING_LEFT,
            {"surplus": "-300.00", "sustainable_payment": "0.00", "min_periods": None, "payment": None},
        ),
    ],
)
def test_worked_examples(raw: dict[str, str], expected: dict[str, str | None]) -> None:
    outputs = run_ok("budget", raw)
    assert {key: outputs[key] for key in expected} == expected


def test_plan_and_advice_texts() -> None:
    outputs = run_ok("budget", GUIDE)
    assert outputs["plan"] == "分 8 期等额本息，每期约 1311.70 元，利息合计 493.63 元。"
    assert "分 8 期等额本息归还，每期约 1311.70 元" in outputs["advice"]
    short = run_ok("budget", SHORT)
    assert short["plan"] == "60 期以内没有每期不超过 160.00 元的等额本息方案。"
    assert "即使分 60 期，每期也要 2275.31 元" in short["advice"]
    nothing = run_ok("budget", NOTHING_LEFT)
    assert "暂时拿不出钱" in nothing["advice"]
    assert "没有结余" in nothing["plan"]


def test_zero_income_has_no_ratio() -> None:
    outputs = run_ok("budget", {**GUIDE, "income": "0"})
    assert outputs["debt_to_income_percent"] is None
    assert outputs["surplus"] == "-4300.00"


def test_next_url_query_feeds_instalment_and_letter_url_query_the_letter() -> None:
    outputs = run_ok("budget", GUIDE)
    query = dict(parse_qsl(outputs["next_url_query"]))
    assert query == {"principal": "10000", "periods": "8", "method": "equal_payment", "annual_rate_percent": "13"}
    assert run_ok("instalment", query)["payment"] == "1311.70"
    letter = dict(parse_qsl(outputs["letter_url_query"]))
    assert letter == {"amount": "10000", "proposal": "instalments", "monthly_amount": "1311.7", "periods": "8"}
    assert "分 8 期归还，每期约 1311.70 元" in run_ok("letter", letter)["letter"]
    for raw, proposal in ((SHORT, "interest_relief"), (NOTHING_LEFT, "deferral")):
        outputs = run_ok("budget", raw)
        run_ok("instalment", dict(parse_qsl(outputs["next_url_query"])))
        letter = dict(parse_qsl(outputs["letter_url_query"], keep_blank_values=True))
        assert letter["proposal"] == proposal
        run_ok("letter", letter)


def test_when_no_plan_fits_the_letter_names_no_periods_it_could_not_keep() -> None:
    # The longest plan is shown for comparison; 160 元 a month over its 60 periods would not repay 100000 元.
    outputs = run_ok("budget", SHORT)
    assert dict(parse_qsl(outputs["next_url_query"]))["periods"] == "60"
    letter = dict(parse_qsl(outputs["letter_url_query"]))
    assert letter == {"amount": "100000", "proposal": "interest_relief", "monthly_amount": "160"}
    text = run_ok("letter", letter)["letter"]
    assert "本人每月可以归还约 160.00 元。" in text and "60 期" not in text


def test_a_large_income_opens_a_one_period_letter() -> None:
    # The whole debt and a month's interest in one payment: more than the debt, which the letter refused.
    outputs = run_ok("budget", {**GUIDE, "income": "1000000"})
    query = dict(parse_qsl(outputs["letter_url_query"]))
    assert query["periods"] == "1" and query["monthly_amount"] == "10108.33"
    assert "分 1 期归还，每期约 10108.33 元" in run_ok("letter", query)["letter"]
    assert run_ok("instalment", dict(parse_qsl(outputs["next_url_query"])))["payment"] == "10108.33"


def test_nothing_to_spare_clears_the_letters_monthly_amount() -> None:
    # Left out, the letter's own default (900 元) would have spoken for the reader.
    query = dict(parse_qsl(run_ok("budget", NOTHING_LEFT)["letter_url_query"], keep_blank_values=True))
    assert query["monthly_amount"] == ""
    letter = run_ok("letter", query)["letter"]
    assert "900" not in letter and "本人正在核算每月的收入和开支" in letter


def test_a_tiny_debt_links_to_a_plan_that_can_be_made() -> None:
    query = dict(
        parse_qsl(run_ok("budget", {**NOTHING_LEFT, "debt": "1", "annual_rate_percent": "0"})["next_url_query"])
    )
    assert query["periods"] == "50"
    run_ok("instalment", query)


def test_safety_margin() -> None:
    assert Decimal("0.8") == SAFE_SHARE
    assert sustainable_payment(Decimal("1700")) == Decimal(1360)
    assert sustainable_payment(Decimal("1001.99")) == Decimal(801)
    assert sustainable_payment(Decimal("-5")) == 0
    assert sustainable_payment(Decimal("1.25")) == Decimal(1)
    assert sustainable_payment(Decimal("1.24")) == Decimal("0.99")  # a share under 1 yuan: to the fen
    assert sustainable_payment(Decimal("0.01")) == 0


def test_bad_inputs_name_their_fields() -> None:
    assert set(run_errors("budget", {"income": "-1"})) == {"income"}
    assert set(run_errors("budget", {"debt": "0"})) == {"debt"}
    assert set(run_errors("budget", {"annual_rate_percent": "101"})) == {"annual_rate_percent"}
    assert set(run_errors("budget", {"essential_expenses": "2亿"})) == {"essential_expenses"}


@given(
    st.decimals(min_value=Decimal(1), max_value=Decimal(1_000_000), places=2),
    st.decimals(min_value=Decimal(0), max_value=Decimal(36), places=2),
    st.decimals(min_value=Decimal(0), max_value=Decimal(200_000), places=2),
)
@settings(max_examples=200, deadline=None)
def test_shortest_plan_is_shortest_and_fits(debt: Decimal, rate: Decimal, limit: Decimal) -> None:
    found = shortest_plan(debt, rate, limit)
    if found is None:
        longest = longest_plan(debt, rate)
        assert limit <= 0 or max(row.payment for row in longest) > limit
        return
    assert max(row.payment for row in found) <= limit
    assert sum(row.principal for row in found) == debt
    for periods in range(1, len(found)):
        try:
            shorter = plan("equal_payment", debt, periods, rate)
        except TooManyPeriods:
            continue
        assert max(row.payment for row in shorter) > limit


def test_a_surplus_too_small_for_a_plan_is_not_called_no_surplus() -> None:
    outputs = run_ok("budget", {"income": "6000", "essential_expenses": "4999", "other_debt_payments": "1000.99"})
    assert outputs["surplus"] == "0.01" and outputs["sustainable_payment"] == "0.00"
    assert outputs["plan"] == "每月结余只有 0.01 元，留出余地后拿不出能稳定还款的钱，暂时排不出分期方案。"
    assert "没有结余" not in outputs["plan"]


@pytest.mark.parametrize(("expenses", "surplus", "safe"), [("4999", "1.20", "0.96"), ("4998.96", "1.24", "0.99")])
def test_a_share_under_1_yuan_is_kept_to_the_fen(expenses: str, surplus: str, safe: str) -> None:
    outputs = run_ok("budget", {"income": "6000", "essential_expenses": expenses, "other_debt_payments": "999.80"})
    assert outputs["surplus"] == surplus and outputs["sustainable_payment"] == safe
    assert f"超过了你每月能稳定拿出的 {safe} 元" in outputs["advice"]  # 10000 元 is out of reach, truly


@pytest.mark.parametrize(
    "raw",
    [
        {"income": "6000", "essential_expenses": "5999.99", "other_debt_payments": "0"},  # 0.01: 0.008, under a fen
        {"income": "6000", "essential_expenses": "4999", "other_debt_payments": "1000.99"},
    ],
)
def test_a_surplus_that_leaves_nothing_to_pay_is_never_a_budget_of_0_00(raw: dict[str, str]) -> None:
    outputs = run_ok("budget", raw)
    assert Decimal(outputs["surplus"]) > 0 and outputs["sustainable_payment"] == "0.00"
    for text in (outputs["plan"], outputs["advice"]):
        assert "0.00 元" not in text.replace(outputs["surplus"] + " 元", ""), text
        assert "能稳定拿出的 " not in text, text
    assert "几乎拿不出钱" in outputs["advice"] and "延期" in outputs["advice"]
    assert f"每月结余只有 {outputs['surplus']} 元" in outputs["advice"]


def test_a_tiny_surplus_is_never_told_an_affordable_payment_is_too_much() -> None:
    # 1.20 元 to spare, 1 元 owed: 80 % of it is 0.96, and 1 元 over 2 months asks 0.51 — a plan that fits,
    # never "即使分 60 期，每期也要 0.02 元" as if 0.02 were more than can be spared.
    outputs = run_ok(
        "budget",
        {"income": "1001.2", "essential_expenses": "1000", "other_debt_payments": "0", "debt": "1"},
    )
    assert outputs["surplus"] == "1.20" and outputs["sustainable_payment"] == "0.96"
    assert outputs["min_periods"] == "2" and outputs["payment"] == "0.51"
    assert "不超过你每月能稳定拿出的 0.96 元" in outputs["advice"]
    assert "也要" not in outputs["advice"] and "几乎拿不出钱" not in outputs["advice"]


#: "…每期也要 X 元…": the payment the advice calls too much.
_TOO_MUCH = re.compile(r"每期也要 ([0-9.]+) 元")


@given(
    surplus=st.one_of(
        st.decimals(min_value="0.01", max_value=5, places=2),
        st.decimals(min_value="0.01", max_value=100_000, places=2),
    ),
    debt=st.one_of(
        st.decimals(min_value=1, max_value=100, places=2), st.decimals(min_value=1, max_value=10**8, places=2)
    ),
    rate=st.sampled_from(["0", "13", "24", "100"]),
)
@settings(max_examples=300, deadline=None)
def test_the_advice_never_calls_a_payment_within_reach_too_much(surplus: Decimal, debt: Decimal, rate: str) -> None:
    raw = {
        "income": str(1000 + surplus),
        "essential_expenses": "1000",
        "other_debt_payments": "0",
        "debt": str(debt),
        "annual_rate_percent": rate,
    }
    outputs = run_ok("budget", raw)
    # What the advice says can be spared: the amount it names, or, when it names none ("几乎拿不出钱"),
    # the share of the surplus itself; a payment it calls too much is above it.
    spare = Decimal(outputs["sustainable_payment"]) or surplus * SAFE_SHARE
    for text in (outputs["advice"], outputs["plan"]):
        for amount in _TOO_MUCH.findall(text):
            assert Decimal(amount) > spare, (raw, text)
    # The pack's plan line never says nothing can be spared under a surplus it has just shown.
    pack = run_ok("pack", {**raw, "proposal": "auto"})
    if Decimal(pack["sustainable_payment"]) > 0:
        assert "每月没有能稳定拿出来还款的钱" not in pack["plan"]
    assert "每月没有能稳定拿出来还款的钱" not in pack["plan"] or surplus <= 0
