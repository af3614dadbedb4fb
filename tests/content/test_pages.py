"""The guide's pages: front matter, sources, seed coverage, and the errors that must not return."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from _docs import DOCS, PAGES

#: Every section of ../shared/seeds/README.md's table, by article and section.
SEED_SECTIONS = {
    "000.background", "000.principles", "000.who", "000.channels", "000.outcomes", "000.process",
    "000.cautions", "000.cases",
    "001.early", "001.middle", "001.late", "001.principles",
    "002.jd-products", "002.causes", "002.consequences", "002.collection-methods", "002.law", "002.coping",
    "003.effects", "003.preparing", "003.steps", "003.follow-up", "003.credit-repair", "003.prevention",
}  # fmt: skip


def _front_matter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.DOTALL)
    assert match, f"{path.name}: no front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(DOCS)))
def test_every_page_has_title_description_date_and_sources(path: Path) -> None:
    meta, body = _front_matter(path)
    assert meta.get("title") and meta.get("description") and meta.get("reviewed")
    assert len(meta["description"]) <= 120
    assert re.search(r"^## 依据与来源 \{#sources\}$", body, re.MULTILINE), "no 依据与来源 section"
    sources = body.split("## 依据与来源", 1)[1]
    assert len(sources.strip().splitlines()) >= 2, "the sources section is empty"


def test_every_seed_section_finds_its_page() -> None:
    covered: dict[str, list[str]] = {}
    for path in PAGES:
        meta, _body = _front_matter(path)
        for section in meta.get("covers") or []:
            covered.setdefault(section, []).append(path.name)
    assert set(covered) - SEED_SECTIONS == set(), "unknown section ids"
    assert SEED_SECTIONS - set(covered) == set(), "seed sections with no page"


def _lines() -> list[tuple[str, str]]:
    return [(path.name, line) for path in PAGES for line in path.read_text(encoding="utf-8").splitlines()]


def _sections() -> list[tuple[str, str]]:
    found = []
    for path in PAGES:
        for section in re.split(r"^(?=#{2,3} )", path.read_text(encoding="utf-8"), flags=re.MULTILINE):
            found.append((path.name, section))
    return found


def test_36_percent_is_only_ever_history() -> None:
    # Within a section, 36% may appear only beside the words that date it.
    for name, section in _sections():
        for line in section.splitlines():
            if re.search(r"36\s*%|百分之三十六", line) and not re.search(r"[？?]", line):  # a question asserts nothing
                assert re.search(r"2015|历史|旧|已不再|不再适用|废止|过去|曾", section), f"{name}: {line}"


def test_contract_law_is_only_named_as_repealed() -> None:
    for name, line in _lines():
        if "《合同法》" in line:
            assert "废止" in line or "失效" in line, f"{name}: {line}"


def test_no_garbled_or_unsourced_claims_from_the_seeds() -> None:
    for name, line in _lines():
        assert "人民合同法" not in line and "更高人民法院" not in line, f"{name}: {line}"
        if re.search(r"3\s*个工作日", line):
            assert re.search(r"没有|无法|未|不", line), f"{name}: {line}"


def test_no_fixed_jd_penalty_rate() -> None:
    for name, line in _lines():
        if re.search(r"(京东|白条|金条).{0,30}(罚息|违约金|逾期利率).{0,30}\d+(\.\d+)?\s*%", line):
            assert re.search(r"据|报道|合同|未证实|无法核实|以.{0,20}为准|假设|例如|比如", line), f"{name}: {line}"


def test_no_hotline_number_for_jd() -> None:
    for name, line in _lines():
        if "京东" in line and re.search(r"95\d{3}|400-?\d{3}-?\d{4}", line):
            assert "征信中心" in line, f"{name}: {line}"


def test_security_law_article_is_the_2026_one() -> None:
    for name, line in _lines():
        if "治安管理处罚法" in line and re.search(r"第四十二条|第42条", line):
            assert re.search(r"第五十条|第50条|旧|原", line), f"{name}: {line}"
