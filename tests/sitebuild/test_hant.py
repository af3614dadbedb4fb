"""The traditional-script conversion: OpenCC s2tw plus the reviewed phrase file."""

from __future__ import annotations

import pytest

from mkdocs_guide.hant.convert import converter


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        # The reviewed phrases: OpenCC alone gets these wrong.
        ("按合同计收复利", "按合同計收複利"),
        ("复利", "複利"),
        ("银行账户", "銀行帳戶"),
        ("面签", "面簽"),
        ("折合单利年化", "折合單利年化"),
        ("核对账单", "核對帳單"),
        ("不要往个人账户转账", "不要往個人帳戶轉帳"),
        ("停息挂账", "停息掛帳"),
        ("2020年8月20日前签的合同", "2020年8月20日前簽的合同"),
        ("以你签的协议为准", "以你簽的協議為準"),
        ("不要签你没看懂的协议", "不要簽你沒看懂的協議"),
        ("到手金额里扣掉的费用", "到手金額裡扣掉的費用"),
        ("还款前卡里有钱", "還款前卡裡有錢"),
        ("而不是只靠网上的说法", "而不是只靠網上的說法"),
        ("京东公开发布的", "京東公開發佈的"),
        ("周费率", "週費率"),
        ("1 周后还 1100 元", "1 週後還 1100 元"),
        ("按月、按周、按天", "按月、按週、按天"),
        ("还款会怎样冲抵", "還款會怎樣沖抵"),
        # s2tw keeps mainland vocabulary (s2twp would change legal meaning).
        ("不予支持", "不予支持"),
        ("保存证据", "保存證據"),
        # Neighbours that must not be disturbed by the phrases.
        ("恢复利率", "恢復利率"),
        ("收复失地", "收復失地"),
        ("协商还款", "協商還款"),
        ("征信", "徵信"),
        ("签约日", "簽約日"),
        ("标签", "標籤"),
        ("这只是参照", "這只是參照"),
        ("冲动消费", "衝動消費"),
        ("每周", "每週"),
        ("周到", "周到"),
        ("修复", "修復"),
        ("书面答复", "書面答覆"),
        ("里程", "里程"),
    ],
)
def test_pinned_conversions(simplified: str, traditional: str) -> None:
    assert converter().convert(simplified) == traditional
