"""An article number is stated as fact only when it was read in the official text; any other carries a mark.

The guide's fact sheet marks each fact [C] (read in the official text) or [S] (reported); an
article number that is not [C] — 民事诉讼法第八十五条 ([C] for the rule, [S] for its number),
第一百六十五条, 民法典第二百零一条至第二百零三条, the old 仲裁法第五十九条 … — is printed with a
mark in the same sentence: 据公开资料 (the pages' 条文序号据公开资料), 据公开报道, 据报道, or 未核对.

Checked here: every text the calculators can print (each string literal of ``calculators/``
that holds an article number) and every page of ``docs/``. In a table with a 标记 column (the sources
page's), a row's mark is that column: a row marked [据报道] / [未证实] / 未核对 is marked as a whole, and a
row marked only [官方] must name verified numbers.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from _docs import DOCS, ROOT, page
from _docs import PAGES as _PAGES
from test_sources import _ARTICLE, _articles, _laws_in


def _range(first: int, last: int) -> set[str]:
    return {str(n) for n in range(first, last + 1)}


#: Article numbers read in the official text: the fact sheet's [C] items and its law/articles.md extract.
VERIFIED: dict[str, set[str]] = {
    "法释〔2020〕17号": {"1", "25", "28", "29", "31"},
    "法释〔2015〕18号": {"26", "31"},
    "民法典": {"188", "189", "192", "195", "585", "676", "680"},
    # 2023 text: answer 128, appeal 171, enforcement 250 and 266 (the payment order: RANGES).
    "民事诉讼法": {"128", "171", "250", "266"},
    "征信业管理条例": {"16", "17", "25", "26"},
    "刑法": {"238", "253-1", "293", "293-1"},
    "治安管理处罚法": {"50", "42"},  # 50 of the text in force from 2026-01-01; 42 of the 2012 text
    "个人信息保护法": {"10"},
    # The fact sheet's §8.2 [C]; the site's sources page lists these articles as [官方].
    "法释〔2017〕7号": {"1", "10"},
    "法释〔2015〕17号": {"1", "3"},
}
#: Ranges read as a whole: 督促程序 225–228 sets the payment order's 15 days, but which one of them
#: does is reported only ([S]), so a single number in it needs a mark.
RANGES: dict[str, list[set[str]]] = {"民事诉讼法": [_range(225, 228)]}
#: The marks the pages use for a number not read in the official text (据公开报道 as the fact sheet words it).
MARK = re.compile(r"据公开资料|据公开报道|据报道|未核对|未证实")
#: A mark in its own parenthesis after the last article's: 第十三条（…）、第十五条（…）（据公开资料）.
_TRAILING = re.compile(rf"^（[^（）]*）（[^（）]*(?:{MARK.pattern})[^（）]*）")
#: What may stand between two articles that share one parenthesis: 第二百零一条、第二百零二条（…）.
_JOINED = re.compile(r"^\s*(?:[、，,和及与]|以及)?\s*$")

#: Every page (docs/*.md and docs/calculators/*.md).
PAGES = tuple(str(path.relative_to(DOCS)) for path in _PAGES)
#: A Markdown table's rule row, under its header: |---|---|.
_RULE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _lines(text: str) -> list[str]:
    """The text to check, one line at a time: a table row with a 标记 column is read by that column.

    A row whose 标记 cell holds a mark is marked as a whole and left out; in any other row of such a
    table the 标记 cell (e.g. [官方]) is dropped and the rest checked as one line.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    checked: list[str] = []
    column: int | None = None
    for at, line in enumerate(lines):
        if not line.lstrip().startswith("|"):
            column = None
            checked.append(line)
        elif _RULE.match(line.strip()):
            header = _cells(lines[at - 1]) if at else []
            column = header.index("标记") if "标记" in header else None
        elif column is None or column >= len(cells := _cells(line)):
            checked.append(line)
        elif not MARK.search(cells[column]):
            checked.append(" | ".join(cells[:column] + cells[column + 1 :]))
    return checked


def unmarked(text: str) -> list[tuple[str | None, str]]:
    """(law, article) for each article in ``text`` neither verified for its law nor marked in its sentence.

    The law is the one named closest before the article in the same sentence (``None`` if none: then
    the number must be verified for some law). A mark counts for the articles it follows up to the
    previous article not joined to them, or for every article after it in the sentence when it opens it
    (据公开资料，修订前的《仲裁法》第五十九条…), or for the whole sentence in its own parenthesis
    after the last article's (…第三十八条（申请执行费）（据公开资料）).
    """
    found: list[tuple[str | None, str]] = []
    for sentence in re.split(r"[。\n]", text):
        laws = _laws_in(sentence)
        matches = list(_ARTICLE.finditer(sentence))
        for i, match in enumerate(matches):
            law = next((name for at, name in reversed(laws) if at < match.start()), None)
            # The group of articles joined to this one, and the text after the group up to the next article.
            last = i
            while last + 1 < len(matches) and _JOINED.match(sentence[matches[last].end() : matches[last + 1].start()]):
                last += 1
            after = sentence[matches[last].end() : matches[last + 1].start() if last + 1 < len(matches) else None]
            marked = bool(
                MARK.search(after)
                or MARK.search(sentence[: matches[0].start()])
                or _TRAILING.match(sentence[matches[-1].end() :])
            )
            verified = VERIFIED.get(law, set()) if law else set().union(*VERIFIED.values())
            cited = _articles(match)
            if marked or (law and cited in RANGES.get(law, [])):
                continue
            found += [(law, a) for a in sorted(cited) if a not in verified]
    return found


def _printed(path: Path) -> list[str]:
    """The string literals of a calculator module that a reader can see: not its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


CALCULATORS = sorted((ROOT / "calculators").glob("*.py"))


@pytest.mark.parametrize("path", CALCULATORS, ids=lambda path: path.name)
def test_every_article_number_a_calculator_prints_is_verified_or_marked(path: Path) -> None:
    found = {(path.name, law or "", article) for text in _printed(path) for law, article in unmarked(text)}
    assert found == set()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_marks_article_numbers_not_read_in_the_official_text(name: str) -> None:
    this = page(DOCS / name)
    assert [(line, found) for line in _lines(this.prose + this.sources) if (found := unmarked(line))] == []


@pytest.mark.parametrize(
    ("table", "lines"),
    [
        # The mark column marks the whole row, whatever else the row names.
        (
            "| 名称与条文 | 标记 |\n|---|---|\n| 《刑法》第193条（贷款诈骗罪）、第313条 | [据报道] |",
            ["| 名称与条文 | 标记 |"],
        ),
        ("| 名称 | 标记 |\n|---|---|\n| 《民事诉讼法》第85条 | 规则[官方]，条文序号[据报道] |", ["| 名称 | 标记 |"]),
        # A row marked [官方] is checked without its mark.
        (
            "| 名称与条文 | 标记 |\n|---|---|\n| 《刑法》第193条 | [官方] |",
            ["| 名称与条文 | 标记 |", "《刑法》第193条"],
        ),
        # A table without a 标记 column is read as it stands.
        ("| 文书 | 依据 |\n|---|---|\n| 判决书 | 第165条 |", ["| 文书 | 依据 |", "| 判决书 | 第165条 |"]),
        # The column ends with its table.
        (
            "| 标记 | 含义 |\n|:--|---|\n| [据报道] | 转载 |\n《刑法》第193条（据报道）",
            ["| 标记 | 含义 |", "《刑法》第193条（据报道）"],
        ),
    ],
    ids=["reported row", "reported number", "official row", "no mark column", "after the table"],
)
def test_a_table_row_is_read_by_its_mark_column(table: str, lines: list[str]) -> None:
    assert _lines(table) == lines


def test_an_official_row_with_an_unverified_number_is_found() -> None:
    rows = (
        "| 名称与条文 | 日期 | 标记 | 用在 |\n|---|---|---|---|\n| 《刑法》第193条、第293条 | — | [官方] | [常见问题] |"
    )
    assert [found for line in _lines(rows) if (found := unmarked(line))] == [[("刑法", "193")]]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("《中华人民共和国民事诉讼法》第二百二十七条", [("民事诉讼法", "227")]),
        ("《中华人民共和国民事诉讼法》督促程序（第二百二十五条至第二百二十八条）", []),
        ("按《民事诉讼法》第八十五条，收到文书的当天不算", [("民事诉讼法", "85")]),
        ("按《民事诉讼法》关于期间的规定（第八十五条，条文序号据公开资料），收到文书的当天不算", []),
        ("《民法典》第二百零一条、第二百零二条、第二百零三条（条文序号据公开资料）。", []),
        ("《民事诉讼法》第八十五条（据公开资料）、第一百六十五条（小额诉讼）", [("民事诉讼法", "165")]),
        ("《民事诉讼法》第225–228条", []),
        ("《诉讼费用交纳办法》第十三条（分段）、第十五条（减半）（据公开资料）。", []),
        ("《诉讼费用交纳办法》第十三条（分段）、第十五条（据公开资料）。", [("诉讼费用交纳办法", "13")]),
        ("据公开资料，修订前的《中华人民共和国仲裁法》第五十九条规定的是六个月", []),
        ("法释〔2020〕17号：上限（第二十五条），费用合计（第二十八条、第二十九条）。", []),
        ("《刑法》规定。第十条", []),  # no law in the sentence: 10 is verified for one law
        ("《仲裁法》（修订）。第五十九条", [(None, "59")]),
    ],
)
def test_an_unmarked_number_is_found(text: str, found: list[tuple[str | None, str]]) -> None:
    assert unmarked(text) == found
