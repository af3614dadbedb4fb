"""Every law, article, notice and service number a page names in its body is in that page's own sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _docs import DOCS, PAGES, page

#: Laws and regulations the guide names without 《》 as well; (short key, the ways pages write it).
BARE_NAMES = {
    "民法典": ("民法典",),
    "刑法": ("刑法",),
    "民事诉讼法": ("民事诉讼法", "民诉法"),
    "治安管理处罚法": ("治安管理处罚法",),
    "个人信息保护法": ("个人信息保护法",),
    "征信业管理条例": ("征信业管理条例", "条例"),
    "仲裁法": ("仲裁法",),
    "法律援助法": ("法律援助法",),
    "消费者权益保护法": ("消费者权益保护法", "消法"),
    "民事诉讼法司法解释": ("民事诉讼法司法解释", "民诉法解释", "关于适用〈中华人民共和国民事诉讼法〉的解释"),
    "诉讼费用交纳办法": ("诉讼费用交纳办法",),
}
_TITLE = re.compile(r"《([^》]+)》")
#: Document numbers of judicial interpretations and notices: 法释〔2020〕17号, 中国人民银行公告〔2021〕第3号.
_DOC_NUMBER = re.compile(r"(?:法释|法发|银保监规|银发|公告)〔\d{4}〕第?\d+号")
_BARE = re.compile(
    "|".join(sorted((re.escape(n) for names in BARE_NAMES.values() for n in names), key=len, reverse=True))
)
_NUMERAL = "0-9一二三四五六七八九十百千零〇两"
_ARTICLE = re.compile(
    rf"第(?P<first>[{_NUMERAL}]+(?:\s*[、，,–—~-]\s*[{_NUMERAL}]+)*)条(?P<zhi>之[一二三四五六七八九])?"
    rf"(?:(?:至|到|—|–)第(?P<last>[{_NUMERAL}]+)条)?"
)
#: Public service numbers (the guide never gives a lender's hotline).
_SERVICE_NUMBER = re.compile(
    r"(?<![\d.,/\-])(12378|12363|12348|12368|12315|12345|96110|110|400-810-8866)(?![\d.,%\-])(?!\s*元)"
)
_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_UNITS = {"十": 10, "百": 100, "千": 1000}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (digit or 1) * _UNITS[char]
            digit = 0
    return total + digit


def _articles(match: re.Match[str]) -> set[str]:
    """第五百八十五条 → {"585"}; 第225–228条 → 225…228; 第二百九十三条之一 → {"293-1"}; 第16、17条 → both."""
    found: set[str] = set()
    for item in re.split(r"\s*[、，,]\s*", match["first"]):
        ends = re.split(r"\s*[–—~-]\s*", item)
        start, stop = _number(ends[0]), _number(ends[-1])
        found.update(str(n) for n in range(start, stop + 1))
    if match["last"]:
        found.update(str(n) for n in range(_number(match["first"]), _number(match["last"]) + 1))
    if match["zhi"]:
        found = {f"{n}-{_number(match['zhi'][1:])}" for n in found}
    return found


def _law(name: str) -> str:
    """One key per law however a page writes it: 《中华人民共和国民法典》, 《民法典》, 民法典 → 民法典."""
    name = name.removeprefix("中华人民共和国").removeprefix("最高人民法院").removeprefix("最高法")
    for key, names in BARE_NAMES.items():
        if name in names:
            return key
    return name


def _laws_in(text: str) -> list[tuple[int, str]]:
    found = [(m.start(), _law(m.group(1))) for m in _TITLE.finditer(text)]
    found += [(m.start(), m.group(0)) for m in _DOC_NUMBER.finditer(text)]
    inside = [range(m.start(), m.end()) for m in _TITLE.finditer(text)]
    found += [(m.start(), _law(m.group(0))) for m in _BARE.finditer(text) if not any(m.start() in r for r in inside)]
    return sorted(found)


def _cited(line: str) -> list[tuple[str | None, set[str]]]:
    """Each article a line names, with the law named closest before it in the same sentence (None if none)."""
    laws = _laws_in(line)
    cited: list[tuple[str | None, set[str]]] = []
    for match in _ARTICLE.finditer(line):
        before = [(at, law) for at, law in laws if at < match.start() and "。" not in line[at : match.start()]]
        cited.append((before[-1][1] if before else None, _articles(match)))
    return cited


def _index(sources: str) -> tuple[set[str], set[str], dict[str, set[str]]]:
    """What a sources section names: laws, every article number, and articles by the laws on the same line."""
    laws = {law for _at, law in _laws_in(sources)}
    numbers: set[str] = set()
    by_law: dict[str, set[str]] = {}
    for line in sources.splitlines():
        on_line = {law for _at, law in _laws_in(line)}
        for match in _ARTICLE.finditer(line):
            for law in on_line:
                by_law.setdefault(law, set()).update(_articles(match))
            numbers |= _articles(match)
    return laws, numbers, by_law


def _missing(path: Path) -> list[str]:
    this = page(path)
    # sources.md is the site's whole list: its body is its sources.
    listed = this.body + this.sources if this.name == "sources.md" else this.sources
    laws, numbers, by_law = _index(listed)
    missing: list[str] = []
    for line in this.prose_lines:
        missing += [f"{law}: {line.strip()}" for _at, law in _laws_in(line) if law not in laws]
        for law, articles in _cited(line):
            expected = by_law.get(law, set()) if law in laws else numbers
            missing += [f"{law or ''}第{a}条: {line.strip()}" for a in sorted(articles - expected)]
        numbers_listed = set(_SERVICE_NUMBER.findall(listed))
        missing += [f"{n}: {line.strip()}" for n in _SERVICE_NUMBER.findall(line) if n not in numbers_listed]
    return missing


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(DOCS)))
def test_what_a_page_names_is_in_its_own_sources(path: Path) -> None:
    assert _missing(path) == []


@pytest.mark.parametrize(
    ("text", "articles"),
    [
        ("《民法典》第五百八十五条", {("民法典", frozenset({"585"}))}),
        ("《中华人民共和国刑法》第二百九十三条之一", {("刑法", frozenset({"293-1"}))}),
        ("《民事诉讼法》（2023年修正）第225–228条", {("民事诉讼法", frozenset({"225", "226", "227", "228"}))}),
        ("民事诉讼法第二百二十五条至第二百二十八条", {("民事诉讼法", frozenset({"225", "226", "227", "228"}))}),
        ("条例第16条", {("征信业管理条例", frozenset({"16"}))}),
        ("法释〔2020〕17号第25、28、29条", {("法释〔2020〕17号", frozenset({"25", "28", "29"}))}),
        ("第一百条", {(None, frozenset({"100"}))}),
        ("《刑法》规定。第十条", {(None, frozenset({"10"}))}),
    ],
)
def test_article_references_are_read_as_written(text: str, articles: set[tuple[str | None, frozenset[str]]]) -> None:
    assert {(law, frozenset(found)) for law, found in _cited(text)} == articles


def test_a_missing_source_is_found() -> None:
    assert _SERVICE_NUMBER.findall("拨打110报警，或96110；1100 元、110%不算") == ["110", "96110"]
    assert "110" not in _SERVICE_NUMBER.findall("96110为反诈专线")
    laws, numbers, by_law = _index("- 《民法典》第585条。\n- 12378（据报道）")
    assert laws == {"民法典"} and numbers == {"585"} and by_law == {"民法典": {"585"}}
