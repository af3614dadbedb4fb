"""Every prefilled calculator link in the guide works; the calculator pages show what the code computes."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import pytest
from _support import ROOT

from calculators import all_calculators, run

DOCS = ROOT / "docs"
NAMES = {calculator.name for calculator in all_calculators()}
#: ``[text](calculators/NAME.md?query)`` from guide pages, ``[text](NAME.md?query)`` within docs/calculators.
LINK = re.compile(r"\]\((?:\.\./)?(?:calculators/)?([a-z_]+)\.md\?([^)#\s]+)\)")
#: A computed figure in a table cell: two decimals, followed by 元 or %.
FIGURE = re.compile(r"(\d+\.\d{2})\s*(?:元|%)")
#: A quotation of a computed text in a table cell: “…”, with …… where it leaves words out.
QUOTE = re.compile(r"“([^”]+)”")


def _links() -> list[tuple[str, str, str, str]]:
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        if path.name.endswith(".zh-Hant.md"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for name, query in LINK.findall(line):
                if name in NAMES:
                    found.append((str(path.relative_to(DOCS)), name, query, line))
    return found


LINKS = _links()


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [] if value is None else [str(value)]


def test_the_calculator_pages_have_examples() -> None:
    pages = {page for page, _name, _query, _line in LINKS if page.startswith("calculators/")}
    for name in NAMES - {"overdue"}:
        assert f"calculators/{name}.md" in pages, name
        text = (DOCS / "calculators" / f"{name}.md").read_text(encoding="utf-8")
        assert f"<!-- calculator: {name} -->" in text
        assert "## 算例 {#examples}" in text
        assert text.rstrip().split("\n## ")[-1].startswith("依据与来源 {#sources}")


@pytest.mark.parametrize(("page", "name", "query", "line"), LINKS, ids=[f"{p}:{n}" for p, n, _q, _l in LINKS])
def test_prefilled_link_runs(page: str, name: str, query: str, line: str) -> None:
    raw = dict(parse_qsl(query, keep_blank_values=True))
    fields = {spec.name for spec in next(c for c in all_calculators() if c.name == name).fields}
    assert set(raw) <= fields, f"{page}: unknown fields {set(raw) - fields}"
    result = run(name, raw)
    assert result["ok"], (page, result)
    if page == f"calculators/{name}.md" and line.startswith("|"):
        produced = " ".join(_strings(result["outputs"]))
        for figure in FIGURE.findall(line):
            assert figure in produced, f"{page}: {figure} is not in the results of {query}"
        for quote in QUOTE.findall(line):
            for part in filter(None, quote.split("……")):
                assert part in produced, f"{page}: “{part}” is not in the results of {query}"
