"""申请书与投诉信 (letter): every kind complete from its defaults, each kind's own fields, free text kept as data."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from _support import run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import get_calculator, run
from calculators._internal import i18n
from calculators._internal.common import largest_total
from calculators._internal.finance import TooManyPeriods, falling_payments
from calculators.instalment import plan
from calculators.letter import KINDS, MAX_LINES
from mkdocs_guide.calc.messages import message_catalog

GUIDE = {
    "product": "jintiao",
    "amount": "10000",
    "days_overdue": "15",
    "proposal": "instalments",
    "monthly_amount": "900",
}
DEFERRAL = "本人申请将还款时间适当延后，待收入恢复后按约定恢复还款。"
SIGNATURE = ("此致", "敬礼！")
#: The lines each kind's letter is built on, in order: no reader's text may forge or hide one.
HEADINGS = {
    "negotiation": ("协商还款申请书", "一、逾期原因", "二、还款能力", "三、申请的还款方案", "四、本人承诺", *SIGNATURE),
    "documents": ("查阅、复制借款资料的申请", *SIGNATURE),
    "complaint": ("关于违规催收的投诉", "一、事实经过", "二、证据", "三、依据", "四、投诉请求", *SIGNATURE),
    "credit_objection": ("征信异议申请", "一、错误之处", "二、证明材料", "三、申请事项", *SIGNATURE),
}
#: Free text that looks like a template, markup or the letter's own layout.
NASTY_TEXT = "{amount} {0} <script>alert(1)</script>%s"


def _check_layout(letter: str, kind: str = "negotiation") -> None:
    """The headings stand on lines of their own, once each and in order; the letter ends with the date."""
    assert [line for line in letter.split("\n") if line in HEADINGS[kind]] == list(HEADINGS[kind])
    assert letter.endswith("日期：【日期】\n")


def _letter(raw: dict[str, str]) -> str:
    text: str = run_ok("letter", raw)["letter"]
    return text


@pytest.mark.parametrize("kind", [value for value, _label in KINDS])
def test_every_kind_is_complete_from_its_defaults(kind: str) -> None:
    letter = _letter({"kind": kind})
    _check_layout(letter, kind)
    # What the reader has not filled in shows as a placeholder to fill in by hand.
    assert "【姓名】" in letter and "【联系方式】" in letter
    assert "________" not in letter
    assert "{" not in letter  # every template filled


def test_the_default_kind_is_the_negotiation_letter() -> None:
    assert run_ok("letter", GUIDE) == run_ok("letter", {**GUIDE, "kind": "negotiation"})
    assert run_ok("letter", {**GUIDE, "kind": "协商还款申请书"})["letter"].startswith("协商还款申请书\n")


def test_complete_letter_for_the_guides_example() -> None:
    letter = _letter(GUIDE)
    _check_layout(letter)
    assert "本人使用京东金条，目前有 10000.00 元欠款未能按时归还，已经逾期 15 天。" in letter
    assert "主要原因是：失业或收入中断。" in letter
    assert "每月能够稳定用于归还这笔欠款的金额约为 900.00 元。" in letter
    assert "本人申请将上述欠款分期归还，每月归还约 900.00 元，具体期数请贵方按此金额核定。" in letter
    assert "申请人：【姓名】\n联系方式：【联系方式】\n" in letter


@pytest.mark.parametrize(
    ("raw", "sentence"),
    [
        ({**GUIDE, "periods": "12"}, "本人申请将上述欠款分 12 期归还，每期约 900.00 元。"),
        ({**GUIDE, "monthly_amount": "", "periods": "6"}, "本人申请将上述欠款分 6 期归还。"),
        (
            {**GUIDE, "proposal": "deferral", "monthly_amount": "1375", "periods": "12"},
            DEFERRAL + "延期结束后，本人每月可以归还约 1375.00 元，分 12 期还清。",
        ),
        (
            {**GUIDE, "proposal": "deferral", "monthly_amount": ""},
            "本人申请将还款时间适当延后，待收入恢复后按约定恢复还款。\n",
        ),
        (
            {**GUIDE, "proposal": "interest_relief"},
            "本人申请减免逾期期间产生的部分利息、罚息或违约金，并将尽力归还全部本金。本人每月可以归还约 900.00 元。",
        ),
        ({**GUIDE, "days_overdue": "0"}, "目前有 10000.00 元欠款，预计无法按时归还。"),
        ({**GUIDE, "product": "baitiao"}, "本人使用京东白条"),
        ({**GUIDE, "product": "京东白条"}, "本人使用京东白条"),
        (
            {**GUIDE, "reason": "illness", "reason_detail": "母亲住院两周"},
            "本人或家人生病、受伤。具体情况：母亲住院两周。",
        ),
        ({**GUIDE, "reason": "other", "reason_detail": "店铺被拆迁！"}, "主要原因是：店铺被拆迁！如有需要"),
        ({**GUIDE, "reason": "other"}, "主要原因是近期经济状况暂时困难。"),
        ({**GUIDE, "name": "张三", "contact": "138 0000 0000"}, "申请人：张三\n联系方式：138 0000 0000\n"),
    ],
)
def test_letter_variants(raw: dict[str, str], sentence: str) -> None:
    assert sentence in _letter(raw)


def test_guide_links_with_chinese_product_names_work() -> None:
    # docs/cases.md links pass the product's label, percent-encoded in the URL.
    for product, name in (("京东白条", "京东白条"), ("京东金条", "京东金条")):
        raw = {"product": product, "amount": "4800", "days_overdue": "20", "proposal": "instalments"}
        assert name in _letter({**raw, "monthly_amount": "1624"})


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ({"reason_detail": "账户  1234，住院，"}, "具体情况：账户  1234，住院。"),
        ({"reason": "other", "reason_detail": "家里有事；"}, "主要原因是：家里有事。"),
        ({"reason_detail": "医生说“要住院。”"}, "具体情况：医生说“要住院。”如有需要"),
        ({"reason_detail": "等消息……"}, "具体情况：等消息……如有需要"),
        ({"name": "王  五", "contact": "138 0000  0000"}, "申请人：王  五\n联系方式：138 0000  0000\n"),
        (
            {"kind": "credit_objection", "record": "某银行  账户 1234", "objection_detail": "已还清，"},
            "某银行  账户 1234",
        ),
        ({"kind": "credit_objection", "objection_detail": "已还清，"}, "具体情况：已还清。"),
        (
            {"kind": "complaint", "collector": "工号  007", "collector_company": "某某  公司"},
            "催收公司：某某  公司；催收人员：工号  007",
        ),
        ({"kind": "documents", "lender": "某某  银行"}, "致：某某  银行、"),
    ],
)
def test_typed_text_is_kept_as_typed_and_ends_one_sentence(raw: dict[str, str], kept: str) -> None:
    letter = _letter({**GUIDE, **raw})
    assert kept in letter
    assert "，。" not in letter and "；。" not in letter


def test_free_text_is_data() -> None:
    nasty = "{amount} {0} <script>alert(1)</script>\n\n四、伪造标题\r\n%s"
    letter = _letter({**GUIDE, "reason_detail": nasty, "name": "王\n五", "contact": "{contact}"})
    assert "具体情况：{amount} {0} <script>alert(1)</script> 四、伪造标题 %s。" in letter
    assert "申请人：王 五\n" in letter
    assert "联系方式：{contact}\n" in letter
    assert "\n四、伪造标题" not in letter  # the reader's line breaks are folded: no forged heading
    _check_layout(letter)


def test_instalments_with_no_amount_or_periods_leave_them_to_the_lender() -> None:
    # The plan's link says nothing of what can be paid: the letter never puts its default in its place.
    letter = run_ok("letter", {**GUIDE, "proposal": "instalments", "monthly_amount": "", "periods": ""})["letter"]
    assert "具体期数和金额请贵方按本人的还款能力核定" in letter
    assert "本人正在核算每月的收入和开支" in letter and "每月归还约" not in letter


def test_errors_name_their_fields() -> None:
    errors = run_errors("letter", {**GUIDE, "monthly_amount": "20000"})
    assert set(errors) == {"monthly_amount"}
    assert errors["monthly_amount"].startswith("每月能还的金额：")
    assert set(run_errors("letter", {**GUIDE, "reason_detail": "字" * 301})) == {"reason_detail"}
    assert set(run_errors("letter", {**GUIDE, "product": "huabei"})) == {"product"}
    assert set(run_errors("letter", {**GUIDE, "days_overdue": "-1"})) == {"days_overdue"}
    assert set(run_errors("letter", {**GUIDE, "periods": "61"})) == {"periods"}
    assert set(run_errors("letter", {**GUIDE, "kind": "lawsuit"})) == {"kind"}


_TOO_MUCH = [
    # 600000 元 for a debt of 10000: far more than any plan's interest and fees.
    ("10000", "60", "10000", "每月 10000.00 元、分 60 期，合计 600000.00 元，超过了欠款 10000.00 元", p)
    for p in ("instalments", "deferral", "interest_relief")
] + [
    ("12000", "1", "10000", "只分 1 期时，还款额不能超过欠款金额加一个月 10% 的利息和费用", p)
    for p in ("instalments", "deferral", "interest_relief")
]
#: Too little to repay the debt: refused for the proposals that repay all of it, not for relief.
_TOO_LITTLE = [
    ("0.01", "2", "30000", "每月 0.01 元、分 2 期，合计 0.02 元，不够还清 30000.00 元欠款。", p)
    for p in ("instalments", "deferral")
] + [
    ("500", "24", "30000", "每月 500.00 元、分 24 期，合计 12000.00 元，不够还清 30000.00 元欠款。", p)
    for p in ("instalments", "deferral")
]


@pytest.mark.parametrize(("monthly", "periods", "amount", "message", "proposal"), _TOO_MUCH + _TOO_LITTLE)
def test_instalments_that_cannot_repay_the_debt_or_repay_it_many_times_are_refused(
    monthly: str, periods: str, amount: str, message: str, proposal: str
) -> None:
    raw = {**GUIDE, "amount": amount, "monthly_amount": monthly, "periods": periods, "proposal": proposal}
    errors = run_errors("letter", raw)
    assert set(errors) == {"monthly_amount"}
    assert errors["monthly_amount"].startswith("每月能还的金额：" + message)


def test_a_letter_without_an_amount_states_no_debt() -> None:
    letter = run_ok("letter", {**GUIDE, "amount": "", "monthly_amount": "500", "periods": "24"})["letter"]
    assert "目前有欠款未能按时归还" in letter and "元欠款" not in letter
    assert "本人申请将上述欠款分 24 期归还，每期约 500.00 元。" in letter


def test_relief_may_ask_to_repay_less_than_the_debt() -> None:
    raw = {**GUIDE, "amount": "12000", "proposal": "interest_relief", "monthly_amount": "1000", "periods": "10"}
    assert "本人每月可以归还约 1000.00 元，分 10 期还清。" in run_ok("letter", raw)["letter"]


@pytest.mark.parametrize(
    ("monthly", "periods", "amount"),
    [
        ("833.33", "12", "10000"),  # 10000 / 12 rounded down: the last instalment takes the fen left over
        ("1166.67", "60", "10000"),  # 10 % of the principal a month in fees, the most any plan charges
        ("0.02", "50", "1"),
    ],
)
def test_instalments_that_a_plan_could_ask_are_accepted(monthly: str, periods: str, amount: str) -> None:
    assert run("letter", {**GUIDE, "amount": amount, "monthly_amount": monthly, "periods": periods})["ok"]


#: A falling plan (等额本金, 10000 元 over 12 months at 13 %) as the instalment page's link gives it.
FALLING = {**GUIDE, "monthly_amount": "941.66", "last_amount": "842.4", "periods": "12"}
#: How the letter states it: the last takes the rounding, so it alone is not said to fall.
FALLS = "首期约 941.66 元，以后逐期减少，最后一期含尾差，约 842.40 元。"


@pytest.mark.parametrize(
    ("proposal", "sentence"),
    [
        ("instalments", "本人申请将上述欠款分 12 期归还，" + FALLS),
        (
            "deferral",
            DEFERRAL + "延期结束后，本人可以分 12 期还清，" + FALLS,
        ),
        (
            "interest_relief",
            "并将尽力归还全部本金。本人可以分 12 期还清，" + FALLS,
        ),
    ],
)
def test_a_falling_plan_is_stated_by_its_first_and_last_payment(proposal: str, sentence: str) -> None:
    letter = _letter({**FALLING, "proposal": proposal})
    _check_layout(letter)
    assert sentence in letter
    assert "每期约" not in letter and "每月可以归还约" not in letter  # no first payment stated as every one


def test_a_last_payment_equal_to_the_first_is_a_level_plan() -> None:
    assert _letter({**GUIDE, "monthly_amount": "900", "last_amount": "900", "periods": "12"}) == _letter(
        {**GUIDE, "monthly_amount": "900", "periods": "12"}
    )


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        (
            {"last_amount": "950"},
            "last_amount",
            "最后一期的金额：最后一期 950.00 元多于首期 941.66 元。"
            "每期递减的方案，最后一期最少；每期金额相同时这一项留空。",
        ),
        (
            {"monthly_amount": ""},
            "monthly_amount",
            "每月能还的金额：填了最后一期的金额时，这里要填首期的金额（每期递减的方案里最多的一期）。",
        ),
        ({"periods": ""}, "periods", "希望分的期数：每期递减的方案要填期数。"),
        (
            {"periods": "1", "monthly_amount": "10000"},
            "last_amount",
            "最后一期的金额：只分 1 期时没有递减，最后一期就是首期；这一项留空。",
        ),
        ({"last_amount": "-1"}, "last_amount", "最后一期的金额："),
        ({"last_amount": "0"}, "last_amount", "最后一期的金额："),
        ({"last_amount": "abc"}, "last_amount", "最后一期的金额："),
        (
            {"amount": "30000"},
            "monthly_amount",
            "每月能还的金额：首期 941.66 元、最后一期 842.40 元、分 12 期，合计最多 11200.66 元，"
            "不够还清 30000.00 元欠款。请核对首期、最后一期和期数。",
        ),
        (
            {"amount": "1000", "periods": "60"},
            "monthly_amount",
            # At least 50643.26 in all, above the 7001.20 any 60-period plan of 1000 元 adds up to:
            # refused by the first, which no such plan asks.
            "每月能还的金额：首期 941.66 元超过了 1000.00 元欠款分 60 期的任何方案的首期："
            "即使每期收欠款 10% 的利息和费用，首期最多约 116.68 元。请核对首期和期数。",
        ),
    ],
)
def test_a_falling_plan_that_contradicts_itself_is_refused(raw: dict[str, str], field: str, message: str) -> None:
    errors = run_errors("letter", {**FALLING, **raw})
    assert set(errors) == {field}
    assert errors[field].startswith(message)


def test_a_falling_plan_need_not_repay_the_debt_when_relief_is_asked() -> None:
    letter = _letter({**FALLING, "amount": "30000", "proposal": "interest_relief"})
    assert "首期约 941.66 元，以后逐期减少，最后一期含尾差，约 842.40 元。" in letter


def test_a_falling_plan_without_an_amount_owed_is_still_checked_on_its_own() -> None:
    assert "最后一期含尾差，约 842.40 元" in _letter({**FALLING, "amount": ""})
    assert set(run_errors("letter", {**FALLING, "amount": "", "last_amount": "1000"})) == {"last_amount"}


@pytest.fixture
def hant() -> Iterator[None]:
    """The zh-Hant catalogue, as the build makes it."""
    i18n.set_catalog("zh-Hant", message_catalog())
    yield
    i18n.set_catalog("zh-Hant", None)


@pytest.mark.usefixtures("hant")
def test_traditional_script_runs() -> None:
    for kind, _label in KINDS:
        result = run("letter", {**GUIDE, "kind": kind}, lang="zh-Hant")
        assert result["ok"], result
    assert "10000.00" in run("letter", GUIDE, lang="zh-Hant")["outputs"]["letter"]
    hant = run("letter", {"kind": "credit_objection"}, lang="zh-Hant")["outputs"]["letter"]
    assert "徵信異議申請" in hant and "第二十五條" in hant
    falling = run("letter", FALLING, lang="zh-Hant")["outputs"]["letter"]
    assert "本人申請將上述欠款分 12 期歸還，首期約 941.66 元，以後逐期減少，最後一期含尾差，約 842.40 元。" in falling
    errors = run("letter", {**FALLING, "last_amount": "950"}, lang="zh-Hant")["errors"]
    assert errors[0]["message"].startswith("最後一期的金額：最後一期 950.00 元多於首期 941.66 元。")


@given(st.text(max_size=300), st.text(max_size=40), st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_any_free_text_makes_a_letter(detail: str, name: str, contact: str) -> None:
    result = run("letter", {**GUIDE, "reason_detail": detail, "name": name, "contact": contact})
    if result["ok"]:
        _check_layout(result["outputs"]["letter"])
    else:
        assert {error["field"] for error in result["errors"]} <= {"reason_detail", "name", "contact"}


# Fields belong to kinds: the others ignore them, whatever they hold.


def test_a_kind_ignores_the_fields_of_the_others() -> None:
    other_kinds = {"amount": "abc", "monthly_amount": "-1", "incidents": "\ud800", "record": "字" * 999}
    for kind in ("negotiation", "documents", "complaint", "credit_objection"):
        own = {name for name in other_kinds if _kinds(name) and kind in _kinds(name)}
        result = run("letter", {"kind": kind, **other_kinds})
        if own:
            assert not result["ok"]
            assert {error["field"] for error in result["errors"]} == own, kind
        else:
            assert result["ok"], (kind, result)
    # The shared fields apply to every kind.
    for kind, _label in KINDS:
        assert set(run_errors("letter", {"kind": kind, "name": "字" * 41})) == {"name"}


def _kinds(name: str) -> tuple[str, ...]:
    when = get_calculator("letter").field(name).when
    return when.values if when else ()


def test_personal_fields_are_declared_so() -> None:
    letter = get_calculator("letter")
    personal = {spec.name for spec in letter.fields if spec.personal}
    stories = {"reason_detail", "collector", "incidents", "record", "objection_detail", "evidence"}
    assert personal == {"name", "contact"} | stories


# documents


def test_documents_asks_for_everything_the_reader_may_see() -> None:
    letter = _letter({"kind": "documents", "lender": "某某消费金融有限公司"})
    _check_layout(letter, "documents")
    assert "致：某某消费金融有限公司、京东金融客服" in letter
    wanted_items = (
        "借款合同",
        "还款明细",
        "计息明细",
        "本金、利息、罚息（或违约金）和其他费用",
        "债权转让通知",
        "结清证明",
    )
    for wanted in wanted_items:
        assert wanted in letter, wanted
    # The rules, not their article numbers, which the fact sheet has not checked (a letter carries no mark).
    assert "依据《个人信息保护法》关于个人有权向个人信息处理者查阅、复制其个人信息的规定" in letter
    assert "根据《民法典》关于债权转让的规定" in letter
    assert "如这笔债权已转让给第三方" in letter
    assert "本人还清这笔借款后，请出具结清证明。" in letter


@pytest.mark.parametrize("claimant", ["", "某某资产管理公司"])
def test_documents_items_end_alike_and_the_last_with_a_full_stop(claimant: str) -> None:
    letter = _letter({"kind": "documents", "claimant": claimant})
    items = [line for line in letter.split("\n") if line[:1].isdigit() and ". " in line]
    assert len(items) == 6
    assert all(item.endswith("；") for item in items[:-1]), items
    assert items[-1].endswith("。")


def test_documents_with_a_claimant_and_a_paid_off_loan() -> None:
    letter = _letter({"kind": "documents", "claimant": "某某资产管理公司", "paid_off": "是"})
    assert "近期，某某资产管理公司自称已受让这笔债权并向本人催收，" in letter
    assert "本人已还清这笔借款，请出具结清证明。" in letter
    assert "致：【出借方名称】、京东金融客服" in letter


# complaint

INCIDENTS = "2026-11-20 22:40 号码 1380000xxxx 打给我母亲，说我欠钱不还\n\n  四、伪造标题  \r\n\u2028第三件事\t有制表符"


def test_complaint_lists_the_incidents_one_per_line_as_typed() -> None:
    letter = _letter({"kind": "complaint", "incidents": INCIDENTS, "evidence": "通话录音 3 段\n短信截图 5 张"})
    _check_layout(letter, "complaint")
    items = (
        "1. 2026-11-20 22:40 号码 1380000xxxx 打给我母亲，说我欠钱不还",
        "2. 四、伪造标题",
        "3. 第三件事\t有制表符",
    )
    assert "\n" + "\n".join(items) + "\n" in letter
    assert "\n1. 通话录音 3 段\n2. 短信截图 5 张\n" in letter
    assert "\n四、伪造标题" not in letter  # every item is numbered: nothing typed starts a line of the layout


def test_complaint_from_its_defaults_shows_placeholders() -> None:
    letter = _letter({"kind": "complaint"})
    assert "1. 【日期和时间】【来电号码】【对方说了或做了什么】" in letter
    assert "1. 【通话录音、通话记录截图、短信截图等】" in letter
    assert "被投诉机构：【出借方名称】（产品：京东金条）" in letter
    assert "在规定期限内将核查和处理结果书面答复本人。" in letter


def test_complaint_names_the_rules_for_what_happened() -> None:
    plain = _letter({"kind": "complaint"})
    assert "《银行保险机构消费者权益保护管理办法》" in plain
    assert "《互联网金融贷后催收业务指引》" in plain
    assert "《个人信息保护法》第十条" not in plain and "《治安管理处罚法》第五十条" not in plain
    assert "停止联系本人的家人" not in plain
    third = _letter({"kind": "complaint", "third_parties": "true"})
    assert "《个人信息保护法》第十条" in third
    assert "立即停止联系本人的家人、同事等第三方" in third
    assert "联系本人的家人、同事或通讯录中的其他人，透露本人的欠款" in third
    for flag in ("threats", "repeated_calls"):
        assert "《治安管理处罚法》第五十条" in _letter({"kind": "complaint", flag: "true"})
    every = _letter({"kind": "complaint", **dict.fromkeys(("night_calls", "impersonation"), "是")})
    assert "上述催收存在以下情形：在22:00至次日8:00之间打电话催收；冒充公安、法院、政府工作人员或律师。" in every


@pytest.mark.parametrize(
    ("complaint_to", "addressee"),
    [
        ("lender", "致：京东金融客服及某银行的投诉受理部门"),
        ("nfra", "致：国家金融监督管理总局当地监管分局（消费者投诉维权热线12378）"),
        ("local", "致：某银行注册地的地方金融管理部门"),
    ],
)
def test_complaint_addressee(complaint_to: str, addressee: str) -> None:
    letter = _letter({"kind": "complaint", "complaint_to": complaint_to, "lender": "某银行"})
    assert f"\n{addressee}\n" in letter


def test_complaint_names_the_collector_when_given() -> None:
    letter = _letter({"kind": "complaint", "collector_company": "某某信息咨询公司", "collector": "工号 0231"})
    assert "被投诉机构：【出借方名称】（产品：京东金条）；催收公司：某某信息咨询公司；催收人员：工号 0231" in letter


@pytest.mark.usefixtures("hant")
def test_complaint_validates_its_lists() -> None:
    many = "\n".join(f"第{n}件事" for n in range(MAX_LINES + 1))
    errors = run_errors("letter", {"kind": "complaint", "incidents": many})
    assert set(errors) == {"incidents"}
    assert errors["incidents"] == f"经过（每行一件事）：每行写一项，最多 {MAX_LINES} 行。"
    assert set(run_errors("letter", {"kind": "complaint", "evidence": many})) == {"evidence"}
    assert set(run_errors("letter", {"kind": "complaint", "incidents": "字" * 1001})) == {"incidents"}
    assert set(run_errors("letter", {"kind": "complaint", "third_parties": "maybe"})) == {"third_parties"}
    assert set(run_errors("letter", {"kind": "complaint", "complaint_to": "weibo"})) == {"complaint_to"}
    hant = run("letter", {"kind": "complaint", "incidents": many}, lang="zh-Hant")["errors"][0]["message"]
    assert hant.startswith("經過（每行一件事）：")


# credit objection


def test_credit_objection_cites_the_rule_and_says_what_it_cannot_do() -> None:
    letter = _letter({"kind": "credit_objection", "record": "某银行 贷记账户 2025年3月 逾期1期", "error_type": "paid"})
    _check_layout(letter, "credit_objection")
    assert "《征信业管理条例》第二十五条" in letter
    assert "自收到本申请之日起20日内进行核查和处理，并将结果书面答复本人" in letter
    assert "提出异议不收取任何费用" in letter
    assert "真实、准确的记录不会因为提出异议而被删除" in letter
    assert "有异议的记录：某银行 贷记账户 2025年3月 逾期1期" in letter
    assert "本人已经按时（或按与出借方约定的方案）还款，但这条记录仍显示逾期。" in letter
    assert "致：中国人民银行征信中心" in letter
    assert "身份证件号码：【身份证件号码】" in letter


def test_credit_objection_to_the_lender_and_each_error() -> None:
    letter = _letter({"kind": "credit_objection", "objection_to": "lender", "lender": "某小额贷款公司"})
    assert "致：某小额贷款公司\n" in letter
    assert "致：【报送机构名称】\n" in _letter({"kind": "credit_objection", "objection_to": "lender"})
    texts = {
        "amount": "与本人持有的还款凭证不一致",
        "not_mine": "可能是他人冒用本人身份办理",
        "other": "这条记录存在错误或遗漏。",
    }
    for error_type, text in texts.items():
        assert text in _letter({"kind": "credit_objection", "error_type": error_type})
    detail = _letter({"kind": "credit_objection", "objection_detail": "2025-03-10 已还 1200 元"})
    assert "具体情况：2025-03-10 已还 1200 元。" in detail


@pytest.mark.parametrize("kind", ["documents", "complaint", "credit_objection"])
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_any_text_in_any_field_of_a_kind_keeps_its_layout(kind: str, data: st.DataObject) -> None:
    names = [spec.name for spec in get_calculator("letter").fields if spec.kind == "text" and kind in _kinds(spec.name)]
    texts = {name: data.draw(st.one_of(st.text(max_size=80), st.just(NASTY_TEXT)), label=name) for name in names}
    result = run("letter", {"kind": kind, **texts, "name": NASTY_TEXT})
    if result["ok"]:
        letter = result["outputs"]["letter"]
        _check_layout(letter, kind)
        assert NASTY_TEXT in letter
    else:
        assert {error["field"] for error in result["errors"]} <= set(names)


def test_only_the_negotiation_letter_links_to_the_pack() -> None:
    query = run_ok("letter", {**GUIDE, "periods": "12", "reason": "illness", "name": "张三"})["pack_url_query"]
    assert parse_qs(query, keep_blank_values=True) == {
        "debt": ["10000"],
        "income": [""],
        "essential_expenses": [""],
        "other_debt_payments": [""],
        "periods": ["12"],
        "proposal": ["instalments"],
        "monthly_amount": ["900"],
        "product": ["jintiao"],
        "days_overdue": ["15"],
        "reason": ["illness"],
    }
    # 2 元 cannot be spread over 60 months at the pack's rate: the pack would refuse the periods.
    tiny = run_ok("letter", {**GUIDE, "amount": "2", "monthly_amount": "", "periods": "60"})
    assert "periods" not in parse_qs(tiny["pack_url_query"])
    for kind in ("documents", "complaint", "credit_objection"):
        assert run_ok("letter", {"kind": kind})["pack_url_query"] is None


@pytest.mark.parametrize(
    ("amount", "first", "last", "periods", "most"),
    [
        ("100", "150", "0.01", "12", "18.35"),  # 150 元 first on a 100 元 debt: no plan asks that
        ("10000", "20000", "842.4", "12", "1833.35"),
        ("10000", "1833.36", "842.4", "12", "1833.35"),  # a fen above the most any 12-period plan asks first
    ],
)
def test_a_first_payment_no_falling_plan_could_ask_is_refused(
    amount: str, first: str, last: str, periods: str, most: str
) -> None:
    raw = {**GUIDE, "amount": amount, "monthly_amount": first, "last_amount": last, "periods": periods}
    errors = run_errors("letter", raw)
    assert set(errors) == {"monthly_amount"}
    assert errors["monthly_amount"].startswith(
        f"每月能还的金额：首期 {Decimal(first):.2f} 元超过了 {Decimal(amount):.2f} 元欠款"
        f"分 {periods} 期的任何方案的首期"
    ), errors
    assert f"首期最多约 {most} 元" in errors["monthly_amount"]


@given(
    amount=st.decimals(min_value=1, max_value=10**8, places=2),
    periods=st.integers(min_value=2, max_value=60),
    rate=st.decimals(min_value="0.01", max_value=100, places=4),
)
@settings(max_examples=200, deadline=None)
def test_every_falling_plan_the_calculators_make_is_accepted(amount: Decimal, periods: int, rate: Decimal) -> None:
    try:
        schedule = plan("equal_principal", amount, periods, rate)
    except TooManyPeriods:
        return
    falling = falling_payments([row.payment for row in schedule])
    if falling is None:
        return
    raw = {
        "amount": str(amount),
        "monthly_amount": str(falling[0]),
        "last_amount": str(falling[1]),
        "periods": str(periods),
    }
    assert run("letter", raw)["ok"], raw
    # A first payment above the most any plan of these periods asks first is refused.
    most = largest_total(amount, periods) / periods
    above = (most + Decimal("0.01")).quantize(Decimal("0.01"))
    result = run("letter", {**raw, "monthly_amount": str(above)})
    assert not result["ok"] and result["errors"][0]["field"] == "monthly_amount", (raw, above)


def test_a_last_payment_given_without_a_first_never_takes_the_forms_default_as_the_first() -> None:
    # A hand-written link or JSON with last_amount and no monthly_amount: the form's 900 is not the reader's first.
    for raw in ({"amount": "10000", "last_amount": "842", "periods": "12"}, {"last_amount": "842", "periods": "12"}):
        errors = run_errors("letter", raw)
        assert errors == {"last_amount": "最后一期的金额：填了这一项，也要填“每月能还的金额”。"}
    # Empty rather than left out: the letter's own check names the first.
    assert set(run_errors("letter", {"amount": "10000", "monthly_amount": "", "last_amount": "842"})) == {
        "monthly_amount"
    }
    # Given, even as the default's own value, it is the reader's; left out with no last amount, the default stands.
    assert "首期约 900.00 元" in _letter(
        {"amount": "10000", "monthly_amount": "900", "last_amount": "842", "periods": "12"}
    )
    assert "每期约 900.00 元" in _letter({"amount": "10000", "periods": "12"})
    assert "每期约 900.00 元" in _letter({"amount": "10000", "periods": "12", "last_amount": ""})
    # Another kind ignores both.
    assert run("letter", {"kind": "documents", "last_amount": "842"})["ok"]


def test_completes_must_name_another_field() -> None:
    letter = get_calculator("letter")
    for wrong in ("no_such_field", "last_amount"):  # unknown, or itself
        fields = tuple(
            dataclasses.replace(spec, completes=wrong) if spec.name == "last_amount" else spec for spec in letter.fields
        )
        with pytest.raises(TypeError):
            dataclasses.replace(letter, fields=fields)
