"""协商材料包 (pack): the budget's, the instalment plan's and the letter's own results, from one set of inputs."""

from __future__ import annotations

import dataclasses
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
    # The same letter, stating what the budget says the reader can pay, and asking for the plan.
    assert pack["letter"] == letter["letter"].replace("约为 893.17 元", "约为 960.00 元")
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
    assert "下表是最长的 60 期方案，仅供对照。\n申请书里申请的是：减免部分利息或罚息。" in relief["plan"]
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
    ("method", "periods", "highest"),
    [("flat_fee", "15", "866.67"), ("equal_principal", "13", "877.56"), ("equal_payment", "12", "893.21")],
)
def test_the_shortest_affordable_plan_is_searched_with_the_readers_method(
    method: str, periods: str, highest: str
) -> None:
    raw = {"debt": "10000", "monthly_amount": "900", "method": method, "monthly_fee_percent": "2"}
    pack = run_ok("pack", raw)
    assert pack["periods"] == periods
    assert max(Decimal(row["payment"]) for row in pack["schedule"]) == Decimal(highest)
    assert "每期不超过你每月能稳定拿出的 900.00 元。" in pack["plan"]
    shorter = run_ok("pack", {**raw, "periods": str(int(periods) - 1)})
    assert "超过你每月能稳定拿出的 900.00 元" in shorter["plan"]


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"debt": "2", "periods": "60"}, "periods", "期数：2.00 元太少，分不了 60 期"),
        ({"upfront_fee": "10000"}, "upfront_fee", "预先扣除的费用：预先扣除的费用必须小于分期本金。"),
        ({"method": "flat_fee", "monthly_fee_percent": ""}, "monthly_fee_percent", "每月手续费率："),
        ({"income": "-1"}, "income", "每月收入："),
        ({"name": "字" * 41}, "name", "姓名："),
    ],
)
def test_errors_name_the_packs_own_fields(raw: dict[str, str], field: str, message: str) -> None:
    errors = run_errors("pack", {**BUDGET, **raw})
    assert set(errors) == {field}
    assert errors[field].startswith(message)


def test_the_pack_asks_what_the_calculators_it_composes_ask() -> None:
    pack = get_calculator("pack")
    budget = get_calculator("budget")
    for mine, theirs in zip(pack.fields, budget.fields, strict=False):
        # The same fields; the budget's own may be left empty in the pack (no budget).
        assert dataclasses.replace(mine, required=True, help=theirs.help) == theirs
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


def test_a_falling_letters_link_opens_a_falling_plan() -> None:
    raw = {"amount": "10000", "monthly_amount": "941.66", "last_amount": "842.4", "periods": "12"}
    query = run_ok("letter", raw)["pack_url_query"]
    assert "method=equal_principal" in query
    pack = run_ok("pack", dict(parse_qsl(query, keep_blank_values=True, strict_parsing=True)))
    payments = [row["payment"] for row in pack["schedule"]]
    assert len(payments) == 12 and Decimal(payments[0]) > Decimal(payments[-1])
    assert f"首期约 {payments[0]} 元，以后逐期减少，最后一期含尾差，约 {payments[-1]} 元。" in pack["letter"]
    level = run_ok("letter", {**raw, "last_amount": ""})["pack_url_query"]
    assert "method" not in dict(parse_qsl(level, keep_blank_values=True))


NO_BUDGET_TEXT = "没有填写每月收入、必需开支和其他债务的月供，这一部分空着：材料包不替你估计这些数字。"


def test_the_letter_link_carries_the_monthly_amount_and_proposal_never_the_packs_default_budget() -> None:
    pack = _opened("letter", {"amount": "10000", "monthly_amount": "300"})
    assert pack["budget"].startswith(NO_BUDGET_TEXT)
    assert "6000" not in pack["budget"] and "3800" not in pack["budget"]
    assert "你填的每月能还的金额是 300.00 元" in pack["budget"]
    assert pack["budget_url_query"] == "debt=10000&annual_rate_percent=13"
    assert run("budget", dict(parse_qsl(pack["budget_url_query"])))["ok"]
    assert pack["sustainable_payment"] == "300.00"
    assert "每月能够稳定用于归还这笔欠款的金额约为 300.00 元。" in pack["letter"]
    assert Decimal(pack["payment"]) <= 300
    assert f"本人申请将上述欠款分 {pack['periods']} 期归还，每期约 {pack['payment']} 元。" in pack["letter"]
    deferral = _opened("letter", {"amount": "15000", "proposal": "deferral", "monthly_amount": "1375", "periods": "12"})
    assert "本人申请将还款时间适当延后" in deferral["letter"]
    assert "延期结束后，本人每月可以归还约 1375.00 元，分 12 期还清。" in deferral["letter"]
    assert "申请书里申请的是：延期还款。" in deferral["plan"]
    relief = _opened("letter", {"amount": "15000", "proposal": "interest_relief", "monthly_amount": ""})
    assert "本人申请减免逾期期间产生的部分利息" in relief["letter"]
    assert "本人正在核算每月的收入和开支" in relief["letter"]


def test_the_instalment_link_shows_no_budget_and_the_plans_own_figures() -> None:
    raw = {"principal": "10000", "periods": "6", "method": "flat_fee", "monthly_fee_percent": "0.6"}
    pack = _opened("instalment", raw)
    assert pack["budget"].startswith(NO_BUDGET_TEXT) and pack["sustainable_payment"] is None
    assert "分 3 期" not in pack["budget"]  # no advice from a default budget
    assert "无法核对这个方案每期是否还得起" in pack["plan"]
    assert "本人申请将上述欠款分 6 期归还，每期约 1726.67 元。" in pack["letter"]
    assert "本人正在核算每月的收入和开支" in pack["letter"]


def test_a_budget_is_all_three_of_its_fields_or_none() -> None:
    errors = run_errors("pack", {**BUDGET, "essential_expenses": ""})
    assert set(errors) == {"essential_expenses"}
    assert "不做预算时三项都留空" in errors["essential_expenses"]


def test_the_letter_never_asks_for_an_instalment_the_reader_cannot_pay() -> None:
    # The pack's default budget leaves 1360 元 a month; 24 periods of 30000 ask up to 1426.37.
    pack = run_ok("pack", {"debt": "30000", "periods": "24"})
    assert "注意：每期最多要还 1426.37 元，超过你每月能稳定拿出的 1360.00 元。" in pack["plan"]
    assert "1426" not in pack["letter"]
    assert "每月能够稳定用于归还这笔欠款的金额约为 1360.00 元。" in pack["letter"]
    assert "本人申请将上述欠款分期归还，每月归还约 1360.00 元，具体期数请贵方按此金额核定。" in pack["letter"]


def test_a_falling_plan_is_asked_for_by_its_first_and_last_instalments() -> None:
    pack = run_ok("pack", {"periods": "12", "method": "equal_principal"})
    assert pack["schedule"][0]["payment"] == "941.66" and pack["schedule"][-1]["payment"] == "842.40"
    request = "本人申请将上述欠款分 12 期归还，首期约 941.66 元，以后逐期减少，最后一期含尾差，约 842.40 元。"
    assert request in pack["letter"]
    assert "每期约" not in pack["letter"]


def test_a_monthly_amount_typed_beside_a_budget_is_the_one_used() -> None:
    pack = run_ok("pack", {**BUDGET, "monthly_amount": "500"})
    assert pack["sustainable_payment"] == "500.00"
    assert "你另外填了每月能还的金额 500.00 元" in pack["budget"]
    assert "每月能够稳定用于归还这笔欠款的金额约为 500.00 元。" in pack["letter"]
    assert Decimal(pack["payment"]) <= 500


@pytest.mark.parametrize(
    "raw",
    [
        {**BUDGET, "income": "4000", "other_debt_payments": "500"},  # no surplus
        {
            **BUDGET,
            "essential_expenses": "4999",
            "other_debt_payments": "1000.99",
        },  # 0.01: under a fen after the margin
        {**BUDGET, "essential_expenses": "4999", "other_debt_payments": "1000.99", "periods": "12"},
    ],
)
def test_nothing_to_spare_is_never_a_monthly_budget_of_0_00(raw: dict[str, str]) -> None:
    pack = run_ok("pack", raw)
    assert pack["sustainable_payment"] == "0.00"
    for text in (pack["budget"], pack["plan"]):
        assert "拿出 0.00 元" not in text and "拿出的 0.00 元" not in text, text
    if "每月结余 0.01 元" in pack["budget"]:
        # Never "nothing to spare" under the surplus just shown: it is too small after the margin.
        assert "每月结余只有 0.01 元，留出余地后拿不出能稳定还款的钱，排不出还得起的分期方案" in pack["plan"]
        assert "每月没有能稳定拿出来还款的钱" not in pack["plan"]
    else:
        assert "每月没有能稳定拿出来还款的钱，排不出还得起的分期方案" in pack["plan"]


def test_a_tiny_surplus_shows_what_it_leaves_to_the_fen() -> None:
    pack = run_ok("pack", {**BUDGET, "essential_expenses": "4999", "other_debt_payments": "999.80", "debt": "1"})
    assert "每月结余 1.20 元" in pack["budget"]
    assert "每月能稳定拿出 0.96 元还这笔欠款" in pack["budget"]
    assert "每月没有能稳定拿出来还款的钱" not in pack["plan"]
    assert pack["periods"] == "2" and Decimal(pack["payment"]) <= Decimal("0.96")


@pytest.mark.parametrize(
    ("proposal", "before"),
    [
        ("deferral", "延期结束后，本人可以分 12 期还清，"),
        ("interest_relief", "并将尽力归还全部本金。本人可以分 12 期还清，"),
    ],
)
def test_a_falling_plan_keeps_its_first_and_last_in_a_deferral_or_relief_letter(proposal: str, before: str) -> None:
    raw = {"debt": "10000", "periods": "12", "method": "equal_principal", "proposal": proposal}
    pack = run_ok(
        "pack", {**raw, "monthly_amount": "1475", "income": "", "essential_expenses": "", "other_debt_payments": ""}
    )
    first, last = pack["schedule"][0]["payment"], pack["schedule"][-1]["payment"]
    assert (first, last) == ("941.66", "842.40")
    assert f"{before}首期约 {first} 元，以后逐期减少，最后一期含尾差，约 {last} 元。" in pack["letter"]
    assert "每月可以归还约" not in pack["letter"]  # never the first (or what can be paid) as every instalment


TWELVE = {"principal": "10000", "periods": "12"}


@pytest.mark.parametrize(
    ("page", "raw"),
    [
        ("instalment", {**TWELVE, "method": "equal_principal", "annual_rate_percent": "12"}),
        ("instalment", {**TWELVE, "method": "equal_payment", "annual_rate_percent": "12"}),
        ("deferral", {**TWELVE, "method": "equal_principal", "annual_rate_percent": "18", "defer_months": "3"}),
    ],
)
def test_a_plans_letter_opens_the_pack_on_the_same_plan(page: str, raw: dict[str, str]) -> None:
    # Plan page → letter → pack: the rate travels with the plan, so the pack plans what the letter asks,
    # not its own default 13 % (at which 12 % plans would ask more than the reader said they can pay).
    outputs = run_ok(page, raw)
    query = dict(parse_qsl(outputs["next_url_query"], keep_blank_values=True))
    letter = run_ok("letter", query)
    request = letter["letter"].split("三、申请的还款方案\n", 1)[1].split("\n", 1)[0]
    pack = run_ok("pack", dict(parse_qsl(letter["pack_url_query"], keep_blank_values=True)))
    after = outputs["schedule"][-int(raw["periods"]) :]
    assert [row["payment"] for row in pack["schedule"]] == [row["payment"] for row in after]
    assert request in pack["letter"], (request, pack["letter"])
    assert "每期不超过你每月能稳定拿出的" in pack["plan"]
