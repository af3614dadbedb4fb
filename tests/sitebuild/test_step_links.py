"""Every guide section and calculator the plan's steps can link to exists in the built site, in both scripts.

The steps name pages by their path below ``docs/``; the build writes each declared page's URL
into the list's ``data-pages`` (per script and URL style), and the page script builds the
links from it. Here the links are built the same way and followed into the built files.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from calculators import get_calculator, run

#: Sections agreed in wave 2 that the content branch (i11-content) creates. Until it lands they
#: may be missing; every other section must exist. Empty this set once they are on main.
PENDING = {
    ("scams.md", "check-legal-papers"),
    ("stages.md", "court-papers"),
    ("stages.md", "frozen"),
    ("stages.md", "growing-costs"),
    ("collection.md", "threats"),
}
_PAGES = re.compile(r'data-output="steps"[^>]*data-pages="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


def _every_link() -> set[tuple[str, str, str]]:
    """(page, anchor, query) of every link the plan makes, over each event on and off, with and without dates."""
    calculator = get_calculator("plan")
    choices = {spec.name: [value for value, _label in spec.choices] for spec in calculator.fields if spec.choices}
    flags = [spec.name for spec in calculator.fields if spec.kind == "boolean"]
    dated = {spec.name: "2026-09-28" for spec in calculator.fields if spec.kind == "date" and spec.name != "today"}
    found: set[tuple[str, str, str]] = set()
    for court, arbitration, with_dates in itertools.product(choices["court_papers"], choices["arbitration"], (0, 1)):
        raw = {flag: "是" for flag in flags} | {"court_papers": court, "arbitration": arbitration, "amount": "1万"}
        if with_dates:
            # A date needs its paper: a court-paper date with no kind chosen, or an award's date beside
            # a notice, is refused (calculators/plan.py); and no paper arrives after today.
            refused = {("court_papers_on", court == "none"), ("arbitration_on", arbitration == "notice")}
            raw |= {name: day for name, day in dated.items() if (name, True) not in refused}
            raw["today"] = "2026-09-29"
        result = run("plan", raw)
        assert result["ok"], result
        for step in result["outputs"]["steps"]:
            found |= {(link["page"], link["anchor"], link["query"]) for link in step["links"]}
    return found


LINKS = sorted(_every_link())


def _file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_every_step_link_leads_to_an_existing_page_and_section(built_site: Path, prefix: str) -> None:
    page = f"/{prefix}calculators/plan/"
    text = _file(built_site, page).read_text(encoding="utf-8")
    pages: dict[str, str] = json.loads(html.unescape(_PAGES.search(text)[1]))  # type: ignore[index]
    missing: set[tuple[str, str]] = set()
    for target, anchor, query in LINKS:
        url = urljoin(page, pages[target] + (f"?{query}" if query else ""))
        assert url.startswith(f"/{prefix}"), (target, url)  # the reader stays in their script
        built = _file(built_site, url)
        assert built.is_file(), (target, url)
        if anchor and anchor not in _ID.findall(built.read_text(encoding="utf-8")):
            missing.add((target, anchor))
    assert missing <= PENDING, sorted(missing - PENDING)


def test_the_links_cover_every_declared_page() -> None:
    declared = next(spec for spec in get_calculator("plan").outputs if spec.kind == "steps").pages
    assert {target for target, _anchor, _query in LINKS} == set(declared)
