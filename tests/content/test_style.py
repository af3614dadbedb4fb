"""How the pages read on a phone: Chinese punctuation, a summary on top, each point made once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _docs import DOCS, PAGES, URGENT, page

#: Admonition syntax needs ASCII quotes around its title: ``!!! note "先看要点"``.
_ADMONITION_TITLE = re.compile(r'^(\s*(?:!!!|\?\?\?)\+? *[a-z]+ )"(.*)"\s*$')


#: A raw HTML tag (the home page's urgent block is a ``<div>``): markup, not text.
_HTML_TAG = re.compile(r"</?[a-z][^>]*>")


def _text_lines(path: Path) -> list[str]:
    """Every line a reader sees, front matter and sources included; admonition titles without their syntax."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        title = _ADMONITION_TITLE.match(line)
        lines.append(title.group(2) if title else _HTML_TAG.sub("", re.sub(r"\]\([^)]*\)", "]", line)))
    return lines


def _quotation_faults(lines: list[str]) -> list[str]:
    # GB/T 15834-2011: “…” for quotations in horizontal text; no ASCII, full-width or corner quotes.
    faults = []
    for line in lines:
        if re.search(r"[\"＂「」『』]", line):
            faults.append(f"not “…”: {line}")
        depth = 0
        for mark in re.findall(r"[“”]", line):
            depth += 1 if mark == "“" else -1
            if depth not in (0, 1):
                break
        if depth:
            faults.append(f"unbalanced: {line}")
    return faults


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(DOCS)))
def test_chinese_text_uses_chinese_quotation_marks(path: Path) -> None:
    assert _quotation_faults(_text_lines(path)) == []


def test_the_quotation_check_finds_wrong_marks() -> None:
    good = ["催收说“马上起诉”，见[防骗](scams.md)", "先说结论"]
    bad = ['催收说"马上起诉"', "催收说「马上起诉」", "催收说“马上起诉", "催收说”马上起诉“", "“一”“二”“三”“"]
    assert _quotation_faults(good) == []
    assert _quotation_faults([_HTML_TAG.sub("", '<p class="x">“急”</p>')]) == []
    assert len(_quotation_faults(bad)) == len(bad)
    assert _ADMONITION_TITLE.match('!!! note "先看要点"')


#: Reference pages are read by looking things up, not top to bottom: no summary needed.
REFERENCE_PAGES = {"glossary.md", "sources.md", "faq.md", "about.md", "cases.md"}
#: A page longer than this (lines of Markdown, front matter and sources included) opens with a summary.
LONG = 60


def _long_guide_pages() -> list[Path]:
    return [
        path
        for path in PAGES
        if path.parent == DOCS
        and path.name not in REFERENCE_PAGES
        and (path.name == "index.md" or len(path.read_text(encoding="utf-8").splitlines()) > LONG)
    ]


def test_the_long_pages_are_the_guide_pages() -> None:
    assert {path.name for path in _long_guide_pages()} >= {"index.md", "negotiate.md", "stages.md", "rates.md"}


@pytest.mark.parametrize("path", _long_guide_pages(), ids=lambda path: path.name)
def test_a_long_page_opens_with_a_few_lines_on_what_to_do(path: Path) -> None:
    # On the home page the urgent block may come before the summary (test_urgent.py checks it).
    body = URGENT.sub("", page(path).body, count=1) if path.name == "index.md" else page(path).body
    blocks = body.split("\n# ", 1)[1].split("\n", 1)[1].strip("\n").split("\n\n")
    # The summary comes first, or right after one short paragraph (the home page says what the site is first).
    opening = [block for block in blocks[:2] if block.startswith('!!! note "先看要点"\n')]
    assert opening, "the summary is the first thing under the title"
    assert opening[0] == blocks[0] or len(blocks[0]) <= 120
    summary = opening[0].splitlines()[1:]
    assert 1 <= len(summary) <= 5 and all(line.startswith("    ") for line in summary)
    assert sum(len(line.strip()) for line in summary) <= 260, "a few lines, not a section"


def _prose_outside(pattern: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in PAGES:
        for line in page(path).prose_lines:
            if re.search(pattern, line) and not line.startswith("|"):
                found.setdefault(page(path).name, []).append(line)
    return found


def test_negotiating_directly_is_free_is_said_once() -> None:
    said = _prose_outside(r"(协商|谈).{0,8}(免费|不收费|不花钱|不要钱)")
    assert list(said) == ["negotiate.md"] and len(said["negotiate.md"]) == 1, said


def test_the_monthly_fee_example_is_explained_once() -> None:
    # 0.6 %/month on a 12-period plan is about 13 %/year, not 7.2 %: explained in rates.md#apr, linked elsewhere.
    explained = _prose_outside(r"7\.2\s*%")
    assert list(explained) == ["rates.md"], explained
    example = r"0\.6\s*%.*\b13(\.\d+)?\s*%|\b13(\.\d+)?\s*%.*0\.6\s*%"
    for name, lines in _prose_outside(example).items():
        if name not in {"rates.md", "negotiate.md"}:  # the negotiation page's worked example uses the figures
            for line in lines:
                assert "rates.md#apr" in _raw_line(name, line), f"{name}: link to the explanation: {line}"


def _raw_line(name: str, prose_line: str) -> str:
    """The Markdown line (with link targets) a prose line came from."""
    for line in (DOCS / name).read_text(encoding="utf-8").splitlines():
        if re.sub(r"\]\([^)]*\)", "]", line) == prose_line:
            return line
    raise AssertionError(f"{name}: {prose_line} not found")


@pytest.mark.parametrize("stiff", ["办不到的事的钱", "乘以12的两倍", "天然留有记录"])
def test_stiff_phrasing_stays_rewritten(stiff: str) -> None:
    assert _prose_outside(re.escape(stiff)) == {}
