"""The traditional-script conversion: OpenCC s2tw plus the reviewed phrase file."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mkdocs_guide.hant.convert import converter

DOCS = Path(__file__).resolve().parents[2] / "docs"
THEME_STRINGS = DOCS.parent / "overrides" / "partials" / "languages" / "zh-Hant.html"


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
        ("判决书或裁定书签收或电子送达的日期", "判決書或裁定書簽收或電子送達的日期"),
        ("到手金额里扣掉的费用", "到手金額裡扣掉的費用"),
        ("还款前卡里有钱", "還款前卡裡有錢"),
        ("而不是只靠网上的说法", "而不是只靠網上的說法"),
        ("清单只帮你排先后", "清單只幫你排先後"),
        # 公布/發布 as the Ministry of Education writes them (OpenCC alone gives 公佈/發佈).
        ("京东公开发布的", "京東公開發布的"),
        ("由全国银行间同业拆借中心受权公布", "由全國銀行間同業拆借中心受權公布"),
        ("通过官方公布的电话核实", "通過官方公布的電話核實"),
        ("联合发布风险提示", "聯合發布風險提示"),
        ("施行日或发布日", "施行日或發布日"),
        ("通过媒体公布不履行信息", "通過媒體公布不履行信息"),
        ("宣布", "宣布"),
        ("颁布", "頒布"),
        # Titles of documents keep their wording as issued; only the glyphs change.
        ("关于公布失信被执行人名单信息的若干规定", "關於公布失信被執行人名單信息的若干規定"),
        ("《征信业管理条例》", "《徵信業管理條例》"),
        ("《个人信息保护法》", "《個人信息保護法》"),
        ("《互联网金融贷后催收业务指引》", "《互聯網金融貸後催收業務指引》"),
        ("《党和国家机构改革方案》", "《黨和國家機構改革方案》"),
        ("周费率", "週費率"),
        ("1 周后还 1100 元", "1 週後還 1100 元"),
        ("按月、按周、按天", "按月、按週、按天"),
        ("如果把这 225 元并进本金一起分期", "如果把這 225 元併進本金一起分期"),
        ("把延期期间的利息并进本金", "把延期期間的利息併進本金"),
        ("还款会怎样冲抵", "還款會怎樣沖抵"),
        ("是真的就不要回避", "是真的就不要迴避"),
        # s2tw keeps mainland vocabulary (s2twp would change legal meaning).
        ("不予支持", "不予支持"),
        ("保存证据", "保存證據"),
        # Neighbours that must not be disturbed by the phrases.
        ("恢复利率", "恢復利率"),
        ("收复失地", "收復失地"),
        ("已经还了的不能要回", "已經還了的不能要回"),
        ("协商还款", "協商還款"),
        ("征信", "徵信"),
        ("签约日", "簽約日"),
        ("标签", "標籤"),
        ("书签", "書籤"),
        ("签收", "簽收"),
        ("这只是参照", "這只是參照"),
        ("若延期利息并入本金", "若延期利息併入本金"),
        ("并请求减免", "並請求減免"),
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


@cache
def _back_to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("tw2s")


def _titles() -> list[str]:
    found = set()
    for path in DOCS.rglob("*.md"):
        if not path.name.endswith(".zh-Hant.md"):
            found.update(re.findall(r"《[^》]+》", path.read_text(encoding="utf-8")))
    return sorted(found)


@pytest.mark.parametrize("title", _titles())
def test_titles_of_documents_keep_their_wording(title: str) -> None:
    # Glyphs change, words do not: converting back gives the title as issued, and 佈 is not the standard form.
    traditional = converter().convert(title)
    assert "佈" not in traditional
    assert _back_to_simplified().convert(traditional) == title


def _theme_strings() -> list[str]:
    text = THEME_STRINGS.read_text(encoding="utf-8")
    values = re.findall(r'^\s*"[\w.]+": "(.*)",?$', text, re.MULTILINE)
    return [value for value in values if re.search(r"[\u4e00-\u9fff]", value)]


def test_theme_strings_are_found() -> None:
    assert "頁首" in _theme_strings()
    assert len(_theme_strings()) > 40


@pytest.mark.parametrize("value", _theme_strings())
def test_theme_strings_are_in_the_forms_the_site_writes(value: str) -> None:
    # The theme's zh-Hant labels (aria-label="頁腳", "分鐘閱讀") are not converted at build time:
    # they must already be what the converter writes, with no simplified glyph (頁脚) or variant (閲).
    assert converter().convert(value) == value
    assert converter().convert(_back_to_simplified().convert(value)) == value


def test_the_apr_pages_week_reads_as_a_week_in_traditional(built_site: Path) -> None:
    page = (built_site / "zh-Hant" / "calculators" / "apr" / "index.html").read_text(encoding="utf-8")
    assert '<option value="week">一週</option>' in page
