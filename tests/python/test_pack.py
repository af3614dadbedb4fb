"""协商材料包 (pack): the budget's, the instalment plan's and the letter's own results, from one set of inputs."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from _support import run_errors, run_ok

from calculators import get_calculator, run

#: The negotiation page's worked example (docs/negotiate.md#budget).
BUDGET = {
    "income": "6000",
    "essential_expenses": "3800",
    "other_debt_payments": "1000",
    "debt": "10000",
    "annual_rate_percent": "13",
}
LETTER_DETAILS = {"product": "baitiao", "days_overdue": "20", "reason": "illness", "name": "张三", "contact": "138"}


def test_the_pack_shows_what_each_calculator_computes() -> None:
    pack = run_ok("pack", {**BUDGET, **LETTER_DETAILS})
    budget = run_ok("budget", BUDGET)
    plan = run_ok(
        "instalment",
        {
            "principal": "10000",
            "periods": budget["min_periods"],
            "method": "equal_payment",
            "annual_rate_percent": "13",
        },
    )
    letter = run_ok(
        "letter",
        {
            "amount": "10000",
            "proposal": "instalments",
            "monthly_amount": plan["payment"],
            "periods": budget["min_periods"],
            **LETTER_DETAILS,
        },
    )
    assert pack["sustainable_payment"] == budget["sustainable_payment"] == "960.00"
    assert budget["plan"] in pack["budget"] and budget["advice"] in pack["budget"]
    assert "每月结余 1200.00 元" in pack["budget"]
    assert pack["periods"] == budget["min_periods"] == "12"
    assert pack["schedule"] == plan["schedule"]
    for figure in ("payment", "total_cost", "apr_percent"):
        assert pack[figure] == plan[figure], figure
    assert pack["plan"].startswith(plan["note"])
    assert "每期不超过你每月能稳定拿出的 960.00 元。" in pack["plan"]
    assert pack["letter"] == letter["letter"]
    assert "本人申请将上述欠款分 12 期归还，每期约 893.17 元。" in pack["letter"]
    assert "申请人：张三" in pack["letter"]


def test_periods_the_reader_asks_for_and_a_warning_when_they_cost_too_much() -> None:
    longer = run_ok("pack", {**BUDGET, "periods": "24"})
    assert longer["periods"] == "24" and longer["payment"] == "475.42"
    assert "本人申请将上述欠款分 24 期归还，每期约 475.42 元。" in longer["letter"]
    shorter = run_ok("pack", {**BUDGET, "periods": "6"})
    assert "注意：每期最多要还 1730.43 元，超过你每月能稳定拿出的 960.00 元。" in shorter["plan"]


def test_when_no_plan_fits_the_letter_asks_for_relief_or_deferral() -> None:
    poor = {**BUDGET, "income": "3000", "essential_expenses": "2800", "other_debt_payments": "0", "debt": "100000"}
    relief = run_ok("pack", poor)
    assert relief["periods"] == "60" and relief["payment"] == "2275.31"
    assert "下表是最长的 60 期方案，仅供对照。申请书里申请的是：减免部分利息或罚息。" in relief["plan"]
    assert (
        "本人申请减免逾期期间产生的部分利息、罚息或违约金，并将尽力归还全部本金。本人每月可以归还约 160.00 元。"
        in (relief["letter"])
    )
    deferral = run_ok("pack", {**BUDGET, "income": "4000", "other_debt_payments": "500"})
    assert deferral["sustainable_payment"] == "0.00"
    assert "申请书里申请的是：延期还款。" in deferral["plan"]
    assert "本人申请将还款时间适当延后，待收入恢复后按约定恢复还款。\n" in deferral["letter"]


def test_other_methods_and_the_flat_fee_field_only_for_them() -> None:
    flat = run_ok("pack", {**BUDGET, "periods": "12", "method": "flat_fee", "monthly_fee_percent": "0.6"})
    assert flat["payment"] == "893.33" and flat["apr_percent"] == "13.03"
    # The fee belongs to the flat-fee method: any other ignores it, as the page hides it.
    assert run("pack", {**BUDGET, "monthly_fee_percent": "abc"}) == run("pack", BUDGET)
    assert set(run_errors("pack", {**BUDGET, "method": "flat_fee", "monthly_fee_percent": "abc"})) == {
        "monthly_fee_percent"
    }


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"debt": "2", "periods": "60"}, "periods", "期数：2.00 元太少，分不了 60 期"),
        ({"upfront_fee": "10000"}, "upfront_fee", "预先扣除的费用：预先扣除的费用必须小于分期本金。"),
        ({"method": "flat_fee", "monthly_fee_percent": ""}, "monthly_fee_percent", "每月手续费率："),
        ({"income": "-1"}, "income", "每月收入："),
        ({"name": "字" * 41}, "name", "姓名（可选）："),
    ],
)
def test_errors_name_the_packs_own_fields(raw: dict[str, str], field: str, message: str) -> None:
    errors = run_errors("pack", {**BUDGET, **raw})
    assert set(errors) == {field}
    assert errors[field].startswith(message)


def test_the_pack_asks_what_the_calculators_it_composes_ask() -> None:
    pack = get_calculator("pack")
    budget = get_calculator("budget")
    assert pack.fields[: len(budget.fields)] == budget.fields
    for name in ("product", "days_overdue", "reason", "reason_detail", "name", "contact"):
        mine, theirs = pack.field(name), get_calculator("letter").field(name)
        assert (mine.label, mine.kind, mine.maximum, mine.personal) == (
            theirs.label,
            theirs.kind,
            theirs.maximum,
            theirs.personal,
        )
        assert mine.when is None  # the pack has no kinds of letter
    assert pack.field("periods").label == get_calculator("instalment").field("periods").label


def _opened(name: str, raw: dict[str, str]) -> dict[str, str]:
    """The pack opened from ``name``'s link for ``raw``."""
    query = run_ok(name, raw)["pack_url_query"]
    return run_ok("pack", dict(parse_qsl(query, keep_blank_values=True, strict_parsing=True)))


def test_the_budget_link_opens_the_same_budget_and_plan() -> None:
    budget = run_ok("budget", BUDGET)
    pack = _opened("budget", BUDGET)
    assert pack["sustainable_payment"] == budget["sustainable_payment"]
    assert pack["periods"] == budget["min_periods"] and pack["payment"] == budget["payment"]


@pytest.mark.parametrize(
    "raw",
    [
        {"principal": "10000", "periods": "12", "method": "equal_principal", "annual_rate_percent": "18"},
        # A one-period plan: its payment is the debt and a month's fee.
        {"principal": "10000", "periods": "1", "method": "flat_fee", "monthly_fee_percent": "10"},
        # A true annual rate far above 10,000 %: almost all of the principal taken up front.
        {
            "principal": "10000",
            "periods": "12",
            "method": "flat_fee",
            "monthly_fee_percent": "0.6",
            "upfront_fee": "9999",
        },
        {"principal": "1", "periods": "50", "method": "equal_payment", "annual_rate_percent": "0"},
    ],
)
def test_the_instalment_link_opens_the_same_plan(raw: dict[str, str]) -> None:
    plan = run_ok("instalment", raw)
    pack = _opened("instalment", raw)
    assert pack["schedule"] == plan["schedule"]
    assert (pack["payment"], pack["total_cost"], pack["apr_percent"]) == (
        plan["payment"],
        plan["total_cost"],
        plan["apr_percent"],
    )
    if raw.get("upfront_fee"):
        assert Decimal(plan["apr_percent"]) > 10_000
    # The letter the instalment page links to accepts the plan too.
    assert run("letter", dict(parse_qsl(plan["next_url_query"])))["ok"]


def test_the_letter_link_opens_the_same_request() -> None:
    raw = {"amount": "4800", "days_overdue": "20", "proposal": "instalments", "periods": "3", "monthly_amount": "1624"}
    raw.update(LETTER_DETAILS)
    pack = _opened("letter", raw)
    assert pack["periods"] == "3"
    assert "本人使用京东白条，目前有 4800.00 元欠款未能按时归还，已经逾期 20 天。" in pack["letter"]
    assert "本人或家人生病、受伤。" in pack["letter"]
    assert "张三" not in pack["letter"]  # personal fields stay out of links
    one = _opened("letter", {"amount": "10000", "monthly_amount": "10060", "periods": "1"})
    assert one["periods"] == "1"
