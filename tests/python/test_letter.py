"""协商还款申请书 (letter): a complete letter, each proposal, free text kept as data."""

from __future__ import annotations

import pytest
from _support import run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run

GUIDE = {
    "product": "jintiao",
    "amount": "10000",
    "days_overdue": "15",
    "proposal": "instalments",
    "monthly_amount": "900",
}
DEFERRAL = "本人申请将还款时间适当延后，待收入恢复后按约定恢复还款。"
HEADINGS = ("协商还款申请书", "一、逾期原因", "二、还款能力", "三、申请的还款方案", "四、本人承诺", "此致", "敬礼！")


def _check_layout(letter: str) -> None:
    """The headings stand on lines of their own, once each and in order; the letter ends with the date."""
    assert [line for line in letter.split("\n") if line in HEADINGS] == list(HEADINGS)
    assert letter.endswith("日期：________\n")


def test_complete_letter_for_the_guides_example() -> None:
    letter = run_ok("letter", GUIDE)["letter"]
    _check_layout(letter)
    assert "本人使用京东金条，目前有 10000.00 元欠款未能按时归还，已经逾期 15 天。" in letter
    assert "主要原因是：失业或收入中断。" in letter
    assert "每月能够稳定用于归还这笔欠款的金额约为 900.00 元。" in letter
    assert "本人申请将上述欠款分期归还，每月归还约 900.00 元，具体期数请贵方按此金额核定。" in letter
    assert "申请人：________" in letter
    assert "{" not in letter


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
    assert sentence in run_ok("letter", raw)["letter"]


def test_guide_links_with_chinese_product_names_work() -> None:
    # docs/cases.md links pass the product's label, percent-encoded in the URL.
    for product, name in (("京东白条", "京东白条"), ("京东金条", "京东金条")):
        raw = {"product": product, "amount": "4800", "days_overdue": "20", "proposal": "instalments"}
        assert name in run_ok("letter", {**raw, "monthly_amount": "1624"})["letter"]


def test_free_text_is_data() -> None:
    nasty = "{amount} {0} <script>alert(1)</script>\n\n四、伪造标题\r\n%s"
    letter = run_ok("letter", {**GUIDE, "reason_detail": nasty, "name": "王\n五", "contact": "{contact}"})["letter"]
    assert "具体情况：{amount} {0} <script>alert(1)</script> 四、伪造标题 %s。" in letter
    assert "申请人：王 五\n" in letter
    assert "联系方式：{contact}\n" in letter
    assert "\n四、伪造标题" not in letter  # the reader's line breaks are folded: no forged heading
    _check_layout(letter)


def test_errors_name_their_fields() -> None:
    errors = run_errors("letter", {**GUIDE, "monthly_amount": "", "periods": ""})
    assert set(errors) == {"monthly_amount"}
    assert errors["monthly_amount"].startswith("每月能还的金额：")
    assert set(run_errors("letter", {**GUIDE, "monthly_amount": "20000"})) == {"monthly_amount"}
    assert set(run_errors("letter", {**GUIDE, "reason_detail": "字" * 301})) == {"reason_detail"}
    assert set(run_errors("letter", {**GUIDE, "product": "huabei"})) == {"product"}
    assert set(run_errors("letter", {**GUIDE, "days_overdue": "-1"})) == {"days_overdue"}
    assert set(run_errors("letter", {**GUIDE, "periods": "61"})) == {"periods"}


def test_traditional_script_runs() -> None:
    result = run("letter", GUIDE, lang="zh-Hant")
    assert result["ok"]
    assert "10000.00" in result["outputs"]["letter"]


@given(st.text(max_size=300), st.text(max_size=40), st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_any_free_text_makes_a_letter(detail: str, name: str, contact: str) -> None:
    result = run("letter", {**GUIDE, "reason_detail": detail, "name": name, "contact": contact})
    if result["ok"]:
        _check_layout(result["outputs"]["letter"])
    else:
        assert {error["field"] for error in result["errors"]} <= {"reason_detail", "name", "contact"}
