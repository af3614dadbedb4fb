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
        # s2tw keeps mainland vocabulary (s2twp would change legal meaning).
        ("不予支持", "不予支持"),
        ("保存证据", "保存證據"),
        # Neighbours that must not be disturbed by the phrases.
        ("恢复利率", "恢復利率"),
        ("收复失地", "收復失地"),
        ("协商还款", "協商還款"),
        ("征信", "徵信"),
    ],
)
def test_pinned_conversions(simplified: str, traditional: str) -> None:
    assert converter().convert(simplified) == traditional
