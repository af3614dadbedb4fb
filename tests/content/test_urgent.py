"""The guide's urgent paths (issue 11): what to do first, the legal periods, checking papers, complaint routes."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest
from _docs import PAGES, URGENT, page

from calculators import get_calculator

ALL = [page(path) for path in PAGES]
BY_NAME = {this.name: this for this in ALL}

#: What the deadline calculator's ``document`` field accepts (issue 11's contract with i11-calculators).
#: The deadline calculator's fields and documents, from its declaration.
DEADLINE = get_calculator("deadline")
DEADLINE_FIELDS = {spec.name for spec in DEADLINE.fields}
DEADLINE_DOCUMENTS = {value for value, _label in DEADLINE.field("document").choices}
#: The only phone numbers the guide gives: public service lines, never a lender's hotline.
PUBLIC_NUMBERS = {"110", "12348", "12363", "12368", "12378", "96110", "400-810-8866"}
_PHONE = re.compile(r"(?<![\d.,\-])(123\d{2}|95\d{3}|96\d{3}|400-?\d{3}-?\d{4}|800-?\d{3}-?\d{4})(?![\d.,%\-])")


def _urgent() -> str:
    match = URGENT.search(BY_NAME["index.md"].body)
    assert match, "index.md: no 紧急情况先看 block with id urgent"
    return match.group(1)


# --- 紧急情况先看 on the home page -------------------------------------------------------------------


def test_the_home_page_opens_with_the_urgent_block() -> None:
    body = BY_NAME["index.md"].body
    after_title = body.split("\n# ", 1)[1].split("\n", 1)[1].strip("\n")
    intro, rest = after_title.split("\n\n", 1)
    assert not intro.startswith(("<", "!!!", "#")), "one line of intro, then the urgent block"
    assert URGENT.match(rest), "the urgent block comes right after the intro"
    assert rest.index("紧急情况先看") < rest.index('!!! note "先看要点"')


def test_the_urgent_block_is_three_lines_with_their_links() -> None:
    urgent = _urgent()
    items = [line for line in urgent.splitlines() if line.startswith("- ")]
    assert len(items) == 3 and len(urgent) < 700, "a few lines, not a section"
    threats, fake_service, papers = items
    assert "110" in threats and "collection.md#threats" in threats
    for said in ("注销", "转账", "共享屏幕", "挂断", "京东金融App", "110报警", "scams.md#fake-service"):
        assert said in fake_service, said
    for said in ("法院", "仲裁", "scams.md#check-legal-papers", "calculators/deadline.md", "stages.md#court-papers"):
        assert said in papers, said


# --- Legal periods: each with its article, the counting rule, the court's notice decides ---------------


def test_the_day_court_papers_arrive() -> None:
    section = BY_NAME["stages.md"].section("court-papers")
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.strip().startswith("| ")}
    assert "15日" in rows["支付令"] and "document=payment_order" in rows["支付令"]
    assert "15日" in rows["起诉状副本、应诉通知书"] and "document=complaint" in rows["起诉状副本、应诉通知书"]
    assert "15日" in rows["一审判决书"] and "document=judgment" in rows["一审判决书"]
    assert "10日" in rows["可以上诉的一审裁定书"] and "document=ruling" in rows["可以上诉的一审裁定书"]
    assert "scams.md#check-legal-papers" in section and "#frozen" in section


def test_the_counting_rule_cites_article_85_and_defers_to_the_court() -> None:
    section = BY_NAME["stages.md"].section("court-papers")
    rule = next(line for line in section.splitlines() if "期限怎么数" in line)
    for said in ("第八十五条", "当天不算", "法定休假日", "工作日", "在途", "交邮", "以法院的通知为准"):
        assert said in rule, said


def test_answer_and_appeal_periods_name_their_articles() -> None:
    lawsuit = BY_NAME["stages.md"].section("lawsuit")
    answer = next(line for line in lawsuit.splitlines() if "答辩状" in line and "15日" in line)
    assert "第一百二十八条" in answer
    appeal = next(line for line in lawsuit.splitlines() if "上诉期限" in line)
    assert re.search(r"判决.{0,20}15日内上诉", appeal) and re.search(r"裁定.{0,20}10日内上诉", appeal)
    assert "第一百七十一条" in appeal
    sources = BY_NAME["stages.md"].sources
    for article in ("第八十五条", "第一百二十八条", "第一百七十一条", "第二百二十五条至第二百二十八条"):
        assert article in sources, article


def test_the_payment_order_objection_says_what_it_must_and_cannot_do() -> None:
    section = BY_NAME["stages.md"].section("payment-order")
    assert "15日内" in section and "书面" in section and "债务本身" in section
    cannot = next(line for line in section.splitlines() if "不影响支付令的效力" in line)
    assert "没钱" in cannot and re.search(r"宽限|延期", cannot) and "督促程序" in cannot
    # The interpretation's article number is unconfirmed (facts §10.4): named by its section, never by a number.
    for line in (section + BY_NAME["stages.md"].sources).splitlines():
        if "督促程序" in line:
            assert not re.search(r"解释[^。；]{0,30}第[一二三四五六七八九十百零〇\d]+条", line), line


def test_frozen_accounts_leave_living_costs_and_allow_settlement() -> None:
    section = BY_NAME["stages.md"].section("frozen")
    for said in ("执行法官", "执行和解", "生活必需费用", "所扶养家属", "12368"):
        assert said in section, said
    # The 2023 article numbers for withholding income and settlement are unconfirmed (facts §10.7).
    for line in section.splitlines():
        if re.search(r"扣留|执行和解", line):
            assert not re.search(r"民事诉讼法》?[^。；]{0,10}第[一二三四五六七八九十百零〇\d]+条", line), line


def test_the_costs_that_grow() -> None:
    section = BY_NAME["stages.md"].section("growing-costs")
    assert "《诉讼费用交纳办法》" in section and "提前到期" in section and "以你的合同为准" in section
    # The worked fee example adds up: 50 yuan for the first 10,000, 2.5% above it, halved in summary procedure.
    assert "50 + 10000 × 2.5% = 300元" in section and "减半为150元" in section
    assert 50 + 10000 * 0.025 == 300


def test_deadline_links_carry_only_documents_the_calculator_accepts() -> None:
    for this in ALL:
        for query in re.findall(r"\]\((?:\.\./)?(?:calculators/)?deadline\.md\?([^)#\s]+)\)", this.body):
            fields = dict(parse_qsl(query))
            # The guide names the paper; the calculator's own worked examples add their dates.
            assert "document" in fields and fields["document"] in DEADLINE_DOCUMENTS, (this.name, query)
            assert set(fields) <= (DEADLINE_FIELDS if this.name.startswith("calculators/") else {"document"}), query


# --- Checking that papers are real -----------------------------------------------------------------------


def test_checking_legal_papers_sits_under_fake_legal() -> None:
    scams = BY_NAME["scams.md"]
    assert "### " in scams.section("fake-legal") and "{#check-legal-papers}" in scams.section("fake-legal")
    section = scams.section("check-legal-papers")
    for said in ("12368", "案号", "官方网站", "人民法院送达平台", "中国执行信息公开网", "中国法律服务网", "12348"):
        assert said in section, said
    assert "仲裁条款" in section
    fake_legal = scams.section("fake-legal")
    assert "个人账户" in fake_legal and "链接" in fake_legal
    for number in ("12368", "12348"):
        assert number in scams.sources


# --- Complaint routes: one place, each with what it handles --------------------------------------------


@pytest.mark.parametrize(
    ("route", "handles"),
    [
        ("12378", "消费金融公司"),
        ("地方金融管理局", "小额贷款公司"),
        ("12363", "征信"),
        ("400-810-8866", "异议"),
        ("110", "威胁"),
        ("110", "scams.md#if-scammed"),
        ("消费者协会", "不是金融监管部门"),
    ],
)
def test_each_complaint_route_says_what_it_handles(route: str, handles: str) -> None:
    rows = [line for line in BY_NAME["collection.md"].section("complain").splitlines() if line.startswith("| ")]
    row = next(line for line in rows if line.split("|")[1].count(route))
    assert handles in row


def test_96110_is_named_beside_the_routes_not_listed_as_one() -> None:
    # The fact sheet gives its name ([S]), not that it takes readers' calls: a note under the table, not a row.
    section = BY_NAME["collection.md"].section("complain")
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert rows and not any("96110" in row for row in rows)
    note = next(line for line in section.splitlines() if "96110" in line)
    assert "反诈预警劝阻专线" in note and "没有找到可靠来源" in note and "scams.md#fake-service" in note


def test_complaints_keep_evidence_and_the_reference_number() -> None:
    section = BY_NAME["collection.md"].section("complain")
    assert "受理编号" in section and "](#evidence)" in section
    assert "第二十五条" in section and "第二十六条" in section
    assert "faq.md#consumer-association" in section


def test_complaint_routes_are_listed_in_one_place() -> None:
    # 12363 and 12378 are complaint lines: named where the routes are (and in the sources list and the
    # glossary's definition), elsewhere linked.
    for this in ALL:
        if this.name in {"collection.md", "sources.md", "glossary.md"}:
            continue
        for line in this.prose_lines:
            assert not re.search(r"12363|12378", line), f"{this.name}: link collection.md#complain: {line}"


def test_threats_say_110_and_evidence() -> None:
    section = BY_NAME["collection.md"].section("threats")
    for said in ("110", "上门", "家人", "同事", "#evidence", "#complain"):
        assert said in section, said


# --- No invented numbers -----------------------------------------------------------------------------------


def test_only_public_service_numbers_are_given() -> None:
    for this in ALL:
        for line in this.prose_lines:
            for number in _PHONE.findall(line):
                assert number in PUBLIC_NUMBERS, f"{this.name}: {number} is not a public service number: {line}"


def test_the_phone_pattern_finds_hotlines_not_amounts() -> None:
    text = "某客服95000，或400-000-0000；12378；本金10000元、12,345.67元"
    assert _PHONE.findall(text) == ["95000", "400-000-0000", "12378"]
