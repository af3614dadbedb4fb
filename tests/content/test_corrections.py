"""Errors a review found in the guide (issue 13), each pinned so that it cannot come back."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from _docs import DOCS, PAGES, Page, page

from calculators import run
from calculators._internal.lpr import LPR_AS_OF, latest_lpr

ALL = [page(path) for path in PAGES]
BY_NAME = {this.name: this for this in ALL}


def _lines() -> list[tuple[str, str]]:
    return [(this.name, line) for this in ALL for line in this.prose_lines]


# --- The current LPR figure is always dated ------------------------------------------------------

_NOW = re.compile(r"目前|现在|当前|最新|如今|当期|此时|眼下")
_LPR = re.compile(r"LPR|贷款市场报价利率|四倍|4倍|4 倍")


def test_a_current_lpr_figure_says_as_of_when() -> None:
    as_of = LPR_AS_OF.isoformat()
    latest = latest_lpr()
    value = re.compile(rf"(?<![\d.]){latest.rate_percent:.2f}\s*%")
    for name, line in _lines():
        if _LPR.search(line) and _NOW.search(line):
            assert as_of in line, f"{name}: a current LPR without its date, 截至 {as_of}: {line}"
        if value.search(line):  # the latest fixing's value, with the date it was fixed or confirmed
            assert as_of in line or latest.effective.isoformat() in line, f"{name}: {line}"
        if ("数据截至" in line and _LPR.search(line)) or re.search(r"截至\s*\d{4}-\d{2}-\d{2}\s*的LPR", line):
            assert as_of in line, f"{name}: the LPR data are as of {as_of}: {line}"
    assert not any("目前约年化12%" in line for _name, line in _lines())


# --- 限制消费: every seat on G trains, first class or above on other multiple-unit trains -----------


def test_restricted_consumption_names_g_trains_as_the_interpretation_does() -> None:
    for name, line in _lines():
        assert "高铁一等座" not in line, f"{name}: {line}"
        if "限制消费" in line and re.search(r"动车|高铁|列车|一等", line):
            assert re.search(r"G字头动车组列车的?(任何|全部)座位", line), f"{name}: {line}"
            assert "其他动车组列车一等以上座位" in line, f"{name}: {line}"


# --- No JD practice stated as fact -------------------------------------------------------------


def test_who_may_negotiate_is_asked_in_the_app_not_asserted() -> None:
    for name, line in _lines():
        assert "不需要达到某个逾期天数" not in line, f"{name}: {line}"
        if "逾期天数" in line and re.search(r"不需要|无需|不用|不必", line):
            assert re.search(r"以.{0,20}为准|问", line), f"{name}: {line}"
    who = next(line for line in BY_NAME["negotiate.md"].prose_lines if line.startswith("**谁可以申请？**"))
    assert "没有公开" in who and "问" in who and "为准" in who


def test_the_products_page_gives_no_unsourced_founding_year() -> None:
    assert not re.search(r"始于|20[01]\d年前后", BY_NAME["products.md"].body)


# --- Recording calls: one sourced position, stated once -------------------------------------------


def test_recording_calls_is_explained_once_with_its_source() -> None:
    evidence = BY_NAME["collection.md"].section("evidence")
    assert "录音" in evidence and "第一百零六条" in evidence
    assert "第一百零六条" in BY_NAME["collection.md"].sources
    for this in ALL:
        for line in this.body.splitlines():
            if "录音" not in line:
                continue
            assert "当地规定" not in line, f"{this.name}: {line}"
            if this.name != "collection.md":
                assert "collection.md#evidence" in line, f"{this.name}: say it where it is explained: {line}"


# --- 24%: reported, not stated flat ----------------------------------------------------------------


def test_the_24_percent_line_for_financial_loans_is_hedged() -> None:
    for name, line in _lines():
        if not re.search(r"24\s*%", line) or re.search(r"2015|旧规则|旧司法解释|36\s*%|两线三区", line):
            continue
        if line.startswith("#"):  # a heading labels what its section says, hedged there
            continue
        if re.search(r"法院|监管|实践|金融借款|判断线|界线", line):
            assert re.search(r"据|报道|未核", line), f"{name}: {line}"


# --- The criminal-law exception is named and sourced ------------------------------------------------


def test_the_loan_fraud_exception_names_its_article() -> None:
    mentioned = set()
    for name, line in _lines():
        if re.search(r"假材料|假身份|虚假", line) and re.search(r"贷款|借款", line) and re.search(r"罪|刑事", line):
            assert "第一百九十三条" in line, f"{name}: {line}"
            mentioned.add(name)
    assert {"consequences.md", "faq.md"} <= mentioned
    for name in mentioned:
        assert "第一百九十三条" in BY_NAME[name].sources


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("stages.md", "第三百一十三条"),
        ("consequences.md", "第三百一十三条"),
        ("products.md", "第五百四十六条"),
        ("negotiate.md", "第五百四十六条"),
        ("stages.md", "《诉讼费用交纳办法》"),
        ("negotiate.md", "12348"),
        ("negotiate.md", "第七十条"),
        ("faq.md", "第七十条"),
        ("collection.md", "96110"),
        ("collection.md", "110"),
        ("credit-report.md", "pbccrc.org.cn"),
        ("credit-report.md", "第18条"),
        ("credit-report.md", "查询记录"),
    ],
)
def test_each_rule_the_review_found_unsourced_is_sourced_on_its_page(name: str, source: str) -> None:
    assert source in BY_NAME[name].sources


def test_routing_trust_companies_to_the_nfra_is_sourced() -> None:
    for this in ALL:
        for line in this.prose_lines:
            if "信托" in line and re.search(r"12378|国家金融监督管理总局", line) and this.name != "sources.md":
                assert "《党和国家机构改革方案》" in this.sources, f"{this.name}: {line}"


# --- The gaps a reader felt -------------------------------------------------------------------------


def test_the_consumer_association_is_placed_beside_the_regulators() -> None:
    answer = BY_NAME["faq.md"].section("consumer-association")
    assert "不是金融监管部门" in answer and "collection.md#complain" in answer
    assert "《消费者权益保护法》第三十七条" in answer
    assert "faq.md#consumer-association" in BY_NAME["collection.md"].section("complain")


def test_the_negotiation_page_says_what_the_review_looks_at() -> None:
    review = BY_NAME["negotiate.md"].section("review")
    for topic in ("还款记录", "笔数", "金额", "还款能力", "收入", "逾期原因"):
        assert topic in review, topic
    assert "不公开" in review  # the lender's criteria are not public: no JD practice as fact


def test_there_is_a_script_for_a_collection_call() -> None:
    script = BY_NAME["negotiate.md"].section("collection-call")
    for point in ("工号", "公司", "委托", "家人", "App", "collection.md#evidence"):
        assert point in script, point
    assert "negotiate.md#collection-call" in BY_NAME["collection.md"].body


def test_the_documents_to_ask_for_and_keep_include_the_settlement_certificate() -> None:
    negotiate = BY_NAME["negotiate.md"]
    materials = negotiate.section("materials")
    for document in ("借款合同", "明细", "债权转让通知"):
        assert document in materials, document
    assert "结清证明" in negotiate.section("agreement")
    records = negotiate.section("records")
    for document in ("借款合同", "明细", "债权转让通知", "结清证明", "还款凭证"):
        assert document in records, document


# --- One worked example on the negotiation page -----------------------------------------------------

_CALCULATOR_LINK = re.compile(r"\]\(calculators/([a-z_]+)\.md\?([^)#\s]+)\)")


def _linked(this: Page, section: str, name: str) -> dict[str, str]:
    found = [query for calc, query in _CALCULATOR_LINK.findall(this.section(section)) if calc == name]
    assert len(found) == 1, f"{this.name}#{section}: one link to {name}"
    return dict(parse_qsl(found[0]))


def _yuan(amount: str | Decimal) -> str:
    """10000 → "10,000", as the prose writes whole yuan."""
    return f"{Decimal(amount):,.0f}"


def test_the_negotiation_page_works_one_consistent_example() -> None:
    negotiate = BY_NAME["negotiate.md"]
    budget_query = _linked(negotiate, "budget", "budget")
    budget = run("budget", budget_query)["outputs"]
    plan = run("instalment", _linked(negotiate, "budget", "instalment"))["outputs"]
    letter = _linked(negotiate, "script", "letter")
    offer = Decimal(letter["monthly_amount"])
    # The lender's plan fits the offer, the offer fits what the budget says can be paid every month.
    assert Decimal(plan["payment"]) <= offer <= Decimal(budget["sustainable_payment"])
    assert letter["amount"] == budget_query["debt"] == _linked(negotiate, "budget", "instalment")["principal"]
    # The prose quotes the same figures as the calculators.
    worked = negotiate.section("budget")
    for figure in ("income", "essential_expenses", "other_debt_payments", "debt"):
        assert _yuan(budget_query[figure]) in worked, figure
    for figure in ("surplus", "sustainable_payment"):
        assert _yuan(budget[figure]) in worked, figure
    assert f"{budget['min_periods']}期" in worked and plan["payment"] in worked
    script = negotiate.section("script")
    for said in (_yuan(budget_query["income"]), _yuan(budget_query["other_debt_payments"]), _yuan(offer)):
        assert said in script, said
    assert f"{budget['min_periods']}期" in script


def test_the_budget_calculator_page_shows_the_same_example() -> None:
    negotiate = BY_NAME["negotiate.md"]
    query = "&".join(f"{k}={v}" for k, v in _linked(negotiate, "budget", "budget").items())
    assert f"budget.md?{query})" in (DOCS / "calculators" / "budget.md").read_text(encoding="utf-8")


# --- 96110 is named, never offered as a line to call ------------------------------------------------

#: The fact sheet gives 96110's name (公安机关的反诈预警劝阻专线), not that it takes readers' calls.
_CALL_96110 = re.compile(r"(?:打|拨|致电|联系|求助|咨询)[^。；，]{0,6}96110|96110[^。；，]{0,8}(?:咨询|求助|举报)")


def test_no_page_or_calculator_tells_the_reader_to_call_96110() -> None:
    for name, line in _lines():
        assert not _CALL_96110.search(line), f"{name}: {line}"
    for path in sorted((DOCS.parent / "calculators").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not _CALL_96110.search(text), path.name
    assert _CALL_96110.search("拿不准就打96110咨询") and _CALL_96110.search("可以同时拨打96110反诈专线")
    assert not _CALL_96110.search("96110是公安机关的反诈预警劝阻专线")


def test_96110_is_in_a_pages_sources_only_when_the_page_names_it() -> None:
    for this in ALL:
        if this.name != "sources.md" and "96110" in this.sources:
            assert "96110" in this.prose, f"{this.name}: its text no longer names 96110"


def test_96110_is_marked_reported_as_the_fact_sheet_has_it() -> None:
    # The fact sheet's §10.8: 96110 is the anti-fraud warning line [S] — [据报道], not a public service number.
    rows = [line for line in BY_NAME["sources.md"].body.splitlines() if line.startswith("|") and "96110" in line]
    assert len(rows) == 1 and rows[0].rstrip().endswith("| [据报道] |"), rows
    for this in ALL:
        for line in this.sources.splitlines():
            if "96110" in line:
                assert re.search(r"据报道|据公开报道|据公开信息", line), f"{this.name}: {line}"
