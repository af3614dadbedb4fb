"""An article number is stated as fact only when it was read in the official text; any other carries a mark.

The guide's fact sheet marks each fact [C] (read in the official text) or [S] (reported); an
article number that is not [C] — 民事诉讼法第八十五条 ([C] for the rule, [S] for its number),
第一百六十五条, 民法典第二百零一条至第二百零三条, the old 仲裁法第五十九条 … — is printed with a
mark where it stands: 据公开资料 (the pages' 条文序号据公开资料), 据公开报道, 据报道, or 未核对 — in its
own clause (a mark across a ；, or opening another clause, marks that one: 据报道，京东会起诉；《刑法》第…条
is unmarked). A number is verified only for its law: the one named before it in its sentence or a clear
antecedent (the one law named earlier in its paragraph, or in the line ending in ： that introduces its
list or table); a bare number with no law is marked whatever law it could be read for.

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


#: Where a clause ends: a mark on one side of it does not reach an article on the other.
_CLAUSE_END = "；;|"
#: Where a comma-part ends inside a clause (据公开资料，修订前的《仲裁法》第五十九条…: the mark is its own part).
_PART_END = "，,：:"
#: The parentheses right after an article: its notes (第八十五条（据公开资料）、…).
_OWN_NOTES = re.compile(r"^(?:\s*（[^（）]*）)+")
#: A part that is only a mark, opening the part after it: 据公开资料，… / 条文序号据公开资料，….
_BARE_MARK = re.compile(rf"^\s*(?:条文序号|序号|以下)?\s*(?:{MARK.pattern})\s*$")


def _split(text: str, ends: str) -> list[tuple[int, int]]:
    """The spans of ``text`` between the characters ``ends`` outside parentheses."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for at, char in enumerate(text):
        if char in "（(《":
            depth += 1
        elif char in "）)》":
            depth = max(depth - 1, 0)
        if depth == 0 and char in ends:
            spans.append((start, at))
            start = at + 1
    return [*spans, (start, len(text))]


def _law_for(text: str, sentence: tuple[int, int], at: int, lead_in: str) -> str | None:
    """The law an article at ``at`` belongs to: the one named closest before it in its sentence, or else
    a clear antecedent: the only law the earlier sentences of ``text`` name, or if they name none, the
    only law ``lead_in`` names; ``None`` if there is none."""
    laws = _laws_in(text)
    here = [name for where, name in laws if sentence[0] <= where < at]
    if here:
        return here[-1]
    before = {name for where, name in laws if where < sentence[0]} or {name for _at, name in _laws_in(lead_in)}
    return before.pop() if len(before) == 1 else None


#: A list item or a table row: read after the line that introduces its list or table.
_ITEM = re.compile(r"^\s*(?:(?:[-*+]|\d+\.)\s|\|)")


def _with_lead_ins(lines: list[str]) -> list[tuple[str, str]]:
    """Each line with its lead-in: for a list item or table row, the line before its list or table when
    that line ends in ：, which introduces it (借款合同受《民法典》约束……： / - 第676条：…); else nothing."""
    paired: list[tuple[str, str]] = []
    lead_in = ""
    for line in lines:
        if not _ITEM.match(line):
            lead_in = line if line.rstrip().endswith(("：", ":")) and not line.startswith("#") else ""
            paired.append(("", line))
        else:
            paired.append((lead_in, line))
    return paired


def unmarked(text: str, lead_in: str = "") -> list[tuple[str | None, str]]:
    """(law, article) for each article in ``text`` neither verified for its law nor marked where it stands.

    The law is the one named closest before the article in its sentence, or the only law named in the
    sentences before it, or else in ``lead_in`` (the text that introduces this one: a list's or table's
    line ending in ：, the law a calculator prints before it) — a clear antecedent; a number with none is
    not verified for any law, and must be marked.

    A mark reaches no article across a clause boundary (；, a table cell's |). Within its clause, a mark
    counts for the articles it follows up to the previous article not joined to them (第八十五条（据公开资料）);
    before an article, it counts when it stands in the article's own part of the clause or is a part of
    its own right before it (据公开资料，修订前的《仲裁法》第五十九条…), not across another part (据报道，
    京东会起诉，《刑法》第…条); in its own parenthesis after the clause's last article's, it counts for the
    clause (…第十三条（分段）、第十五条（减半）（据公开资料）).
    """
    found: list[tuple[str | None, str]] = []
    at = 0
    for piece in re.split(r"([。\n])", text):
        sentence, at = (at, at + len(piece)), at + len(piece)
        if piece in "。\n":
            continue
        for start, stop in _split(piece, _CLAUSE_END):
            clause = piece[start:stop]
            matches = list(_ARTICLE.finditer(clause))
            trailing = bool(matches and _TRAILING.match(clause[matches[-1].end() :]))
            for i, match in enumerate(matches):
                law = _law_for(text, sentence, sentence[0] + start + match.start(), lead_in)
                # The group of articles joined to this one: the text after it up to the next article,
                # and the text before it back to the previous article.
                first, last = i, i
                while first and _JOINED.match(clause[matches[first - 1].end() : matches[first].start()]):
                    first -= 1
                while last + 1 < len(matches) and _JOINED.match(
                    clause[matches[last].end() : matches[last + 1].start()]
                ):
                    last += 1
                after = clause[matches[last].end() : matches[last + 1].start() if last + 1 < len(matches) else None]
                lead = clause[matches[first - 1].end() if first else 0 : matches[first].start()]
                if first:  # the previous article's own parentheses are its, not this one's
                    lead = _OWN_NOTES.sub("", lead)
                parts = [lead[a:b] for a, b in _split(lead, _PART_END)]
                leading = bool(MARK.search(parts[-1]) or (len(parts) > 1 and _BARE_MARK.match(parts[-2])))
                cited = _articles(match)
                if MARK.search(after) or leading or trailing or (law and cited in RANGES.get(law, [])):
                    continue
                verified = VERIFIED.get(law, set()) if law else set()
                found += [(law, a) for a in sorted(cited) if a not in verified]
    return found


def _printed(path: Path) -> list[tuple[str, str]]:
    """The string literals of a calculator module that a reader can see (not its docstrings), each with its
    lead-in: the string arguments before it in the same call (Period's law, printed as {law}：{duty})."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    lead_ins: dict[int, str] = {}
    for call in ast.walk(tree):
        if isinstance(call, ast.Call):
            strings = [arg for arg in call.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            lead_ins.update({id(arg): " ".join(str(s.value) for s in strings[:at]) for at, arg in enumerate(strings)})
    return [
        (lead_ins.get(id(node), ""), node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


CALCULATORS = sorted((ROOT / "calculators").glob("*.py"))


@pytest.mark.parametrize("path", CALCULATORS, ids=lambda path: path.name)
def test_every_article_number_a_calculator_prints_is_verified_or_marked(path: Path) -> None:
    found = {
        (path.name, law or "", article) for lead_in, text in _printed(path) for law, article in unmarked(text, lead_in)
    }
    assert found == set()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_marks_article_numbers_not_read_in_the_official_text(name: str) -> None:
    this = page(DOCS / name)
    lines = _with_lead_ins(_lines(this.prose + this.sources))
    assert [(line, found) for lead_in, line in lines if (found := unmarked(line, lead_in))] == []


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
        # A mark before the article counts only when it opens the article's own part of the clause.
        ("据报道，京东会起诉；《刑法》第一百九十三条规定了贷款诈骗罪", [("刑法", "193")]),
        ("京东会起诉（据报道）；《刑法》第一百九十三条规定了贷款诈骗罪", [("刑法", "193")]),
        ("据报道，京东会起诉，《刑法》第一百九十三条规定了贷款诈骗罪", [("刑法", "193")]),
        ("据报道京东会起诉。《刑法》第一百九十三条规定了贷款诈骗罪", [("刑法", "193")]),
        ("《刑法》第一百九十三条规定了贷款诈骗罪", [("刑法", "193")]),
        ("据公开资料，《刑法》第一百九十三条规定了贷款诈骗罪", []),
        ("据公开资料《刑法》第一百九十三条规定了贷款诈骗罪", []),
        ("京东会起诉；据公开资料，《刑法》第一百九十三条、第三百一十三条", []),
        ("据公开资料，《刑法》第一百九十三条规定了贷款诈骗罪，第三百一十三条规定了拒执罪", [("刑法", "313")]),
        # … and one after it only within its clause.
        ("《刑法》第一百九十三条规定了贷款诈骗罪；京东会起诉（据报道）", [("刑法", "193")]),
        ("《刑法》第一百九十三条（贷款诈骗罪）；第三百一十三条（据公开资料）", [("刑法", "193")]),
        ("| 《刑法》第193条 | 据报道京东会起诉 |", [("刑法", "193")]),
        # A number is verified for the law it belongs to: named in its sentence, or the one law named before.
        ("《刑法》规定。第十条", [("刑法", "10")]),
        ("《仲裁法》（修订）。第五十九条", [("仲裁法", "59")]),
        ("《民法典》第五百八十五条。第六百七十六条", []),
        ("第十条", [(None, "10")]),  # verified for 个人信息保护法, but no law is named
        ("规定见第二十五条", [(None, "25")]),
        ("《民法典》和《刑法》都有规定。第十条", [(None, "10")]),
        ("第十条（据公开资料）", []),
    ],
)
def test_an_unmarked_number_is_found(text: str, found: list[tuple[str | None, str]]) -> None:
    assert unmarked(text) == found


@pytest.mark.parametrize(
    ("lead_in", "text", "found"),
    [
        ("借款合同受《民法典》约束：", "- 第676条：逾期利息", []),
        ("借款合同受《民法典》约束：", "- 第193条：逾期利息", [("民法典", "193")]),
        ("", "- 第676条：逾期利息", [(None, "676")]),
        ("《民法典》和《刑法》：", "- 第676条", [(None, "676")]),
        ("借款合同受《民法典》约束：", "- 《个人信息保护法》规定。第676条", [("个人信息保护法", "676")]),
    ],
)
def test_a_lead_in_names_the_law_of_a_bare_number(lead_in: str, text: str, found: list[tuple[str, str]]) -> None:
    assert unmarked(text, lead_in) == found


def test_a_list_or_table_is_read_after_the_line_that_introduces_it() -> None:
    lines = _lines(
        "借款合同受《民法典》约束：\n\n- 第676条\n- 第585条\n\n| 条文 | 内容 |\n|---|---|\n| 第25条 | 上限 |\n"
        "## 标题：\n- 第10条\n法释〔2020〕17号的规定\n\n- 第25条"
    )
    assert _with_lead_ins(lines) == [
        ("", "借款合同受《民法典》约束："),
        ("借款合同受《民法典》约束：", "- 第676条"),
        ("借款合同受《民法典》约束：", "- 第585条"),
        ("借款合同受《民法典》约束：", "| 条文 | 内容 |"),
        ("借款合同受《民法典》约束：", "| 第25条 | 上限 |"),
        ("", "## 标题："),
        ("", "- 第10条"),
        ("", "法释〔2020〕17号的规定"),
        ("", "- 第25条"),
    ]
    found = [(line, f) for lead_in, line in _with_lead_ins(lines) if (f := unmarked(line, lead_in))]
    assert found == [
        ("| 第25条 | 上限 |", [("民法典", "25")]),
        ("- 第10条", [(None, "10")]),
        ("- 第25条", [(None, "25")]),
    ]


def test_a_calculator_literal_is_read_after_the_law_printed_before_it(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '"""Doc: 第99条."""\n'
        'P = Period("异议", 20, "《征信业管理条例》第二十五条", "投诉（第二十六条）")\n'
        'X = "（第二十六条）"\n',
        encoding="utf-8",
    )
    printed = _printed(module)
    assert ("异议 《征信业管理条例》第二十五条", "投诉（第二十六条）") in printed and ("", "（第二十六条）") in printed
    assert not any("第99条" in text for _lead_in, text in printed)
    assert {text: unmarked(text, lead_in) for lead_in, text in printed if "第二十六条" in text} == {
        "投诉（第二十六条）": [],
        "（第二十六条）": [(None, "26")],
    }
