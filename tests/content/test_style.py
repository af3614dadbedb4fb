"""How the pages read on a phone: Chinese punctuation, a summary on top, each point made once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _docs import DOCS, PAGES

#: Admonition syntax needs ASCII quotes around its title: ``!!! note "先看要点"``.
_ADMONITION_TITLE = re.compile(r'^(\s*(?:!!!|\?\?\?)\+? *[a-z]+ )"(.*)"\s*$')


def _text_lines(path: Path) -> list[str]:
    """Every line a reader sees, front matter and sources included; admonition titles without their syntax."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        title = _ADMONITION_TITLE.match(line)
        lines.append(title.group(2) if title else re.sub(r"\]\([^)]*\)", "]", line))
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
    assert len(_quotation_faults(bad)) == len(bad)
    assert _ADMONITION_TITLE.match('!!! note "先看要点"')
