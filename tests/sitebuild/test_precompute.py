"""Results computed at build time: the form's values as the page script reads them, the guide's
links found in the pages, a calculator that depends on the day left alone, and the built site's
data blocks equal to ``calculators.run`` for every guide link, in both scripts."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import make_dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import markdown  # type: ignore[import-untyped]  # no stubs; used here only
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from calculators import Calculator, Field, Output, all_calculators, get_calculator, run
from calculators._internal import i18n
from mkdocs_guide.calc.messages import message_catalog
from mkdocs_guide.calc.plugin import CalculatorsPlugin
from mkdocs_guide.calc.precompute import form_values, query_links
from mkdocs_guide.hant.convert import converter
from tools.guide_links import guide_links

SCRIPTS = {"": "zh", "zh-Hant/": "zh-Hant"}
_BLOCK = re.compile(r'<script type="application/json" data-precomputed>(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def hant_messages() -> Iterator[None]:
    """The zh-Hant catalogue the wheel ships, for ``calculators.run`` from the source checkout."""
    i18n.set_catalog("zh-Hant", message_catalog())
    yield
    i18n.set_catalog("zh-Hant", None)


# --- the form's values, as calculator.js's prefill and formValues leave them -----------------


def test_without_a_query_the_form_holds_its_defaults() -> None:
    assert form_values(get_calculator("overdue")) == {
        "principal": "10000",
        "daily_rate_percent": "0.05",
        "days": "30",
        "compound": "false",
    }


@pytest.mark.parametrize(
    ("word", "ticked"), [("是", "true"), ("ＴＲＵＥ", "true"), (" yes ", "true"), ("否", "false"), ("maybe", "false")]
)
def test_a_checkbox_is_ticked_by_the_true_words_only(word: str, ticked: str) -> None:
    assert form_values(get_calculator("overdue"), f"compound={word}")["compound"] == ticked


def test_a_select_takes_only_an_option_value() -> None:
    letter = get_calculator("letter")
    assert form_values(letter, "product=baitiao")["product"] == "baitiao"
    assert form_values(letter, "product=%E4%BA%AC%E4%B8%9C%E7%99%BD%E6%9D%A1")["product"] == ""  # its label: none
    assert form_values(letter)["product"] == letter.field("product").default


def test_the_query_is_read_as_urlsearchparams_reads_it() -> None:
    overdue = get_calculator("overdue")
    values = form_values(overdue, "days=31&days=32&principal=1+000&unknown=1&daily_rate_percent=%EF%BC%90.1")
    assert values["days"] == "31"  # the first value of a name
    assert values["principal"] == "1 000"
    assert values["daily_rate_percent"] == "０.1"
    assert set(values) == {spec.name for spec in overdue.fields}


def test_line_breaks_are_kept_by_a_textarea_and_dropped_by_an_input() -> None:
    values = form_values(get_calculator("letter"), "reason_detail=a%0D%0Ab%0Dc&name=%E5%BC%A0%0A%E4%B8%89")
    assert values["reason_detail"] == "a\nb\nc"
    assert values["name"] == "张三"


# --- links found in a page's HTML ----------------------------------------------------------


def test_links_with_a_query_are_resolved_from_the_page() -> None:
    html = (
        '<a href="../calculators/budget/?income=1&amp;debt=2#top">b</a>'
        '<a href="../calculators/budget/">no query</a>'
        '<a href="https://example.org/calculators/budget/?income=1">elsewhere</a>'
        '<a href="./?x=1">here</a><a>no href</a>'
    )
    assert query_links(html, "negotiate/") == [("calculators/budget/", "income=1&debt=2"), ("negotiate/", "x=1")]
    assert query_links('<a href="calculators/apr.html?a=1">x</a>', "") == [("calculators/apr.html", "a=1")]


# --- the plugin, page by page -------------------------------------------------------------


class Site:
    """Pages run through the plugin's events as ``mkdocs build`` runs them, without a build."""

    def __init__(self, tmp_path: Path) -> None:
        self.plugin = CalculatorsPlugin()
        errors, _warnings = self.plugin.load_config({"snapshot": False})
        assert errors == []
        (tmp_path / "docs").mkdir()
        self.config = MkDocsConfig()
        self.config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "s")})
        assert self.config.validate()[0] == []
        self.plugin.on_config(self.config)
        self.plugin.on_pre_build(self.config)
        self.pages: list[Page] = []

    def page(self, src: str, text: str) -> Page:
        """Add a page: its Markdown through the plugin, then Markdown."""
        file = File(src, self.config.docs_dir, self.config.site_dir, use_directory_urls=True)
        page = Page(None, file, self.config)
        converted = self.plugin.on_page_markdown(text, page=page, config=self.config, files=Files([file]))
        page.content = markdown.Markdown(extensions=["md_in_html"]).convert(converted)
        self.pages.append(page)
        return page

    def build(self) -> None:
        """Every page known: the links gathered, the calculator pages given their results."""
        files = Files([page.file for page in self.pages])
        self.plugin.on_env(jinja2.Environment(autoescape=True), config=self.config, files=files)
        for page in self.pages:
            context: Any = {}
            self.plugin.on_page_context(context, page=page, config=self.config, nav=None)  # type: ignore[arg-type]


def _block(html: str) -> list[dict[str, Any]]:
    match = _BLOCK.search(html)
    assert match, "no data block"
    entries: list[dict[str, Any]] = json.loads(match.group(1))
    return entries


def test_the_defaults_and_each_distinct_link_are_computed_once(tmp_path: Path) -> None:
    site = Site(tmp_path)
    calc = site.page("calculators/overdue.md", "<!-- calculator: overdue -->\n")
    site.page(
        "index.md",
        "[a](calculators/overdue/?days=31) [b](calculators/overdue/?days=31&x=1) [c](calculators/overdue/?days=30)\n",
    )
    site.build()
    overdue = get_calculator("overdue")
    assert calc.content is not None
    entries = _block(calc.content)
    assert [entry["values"] for entry in entries] == [form_values(overdue), form_values(overdue, "days=31")]
    assert entries[1]["outputs"] == run("overdue", form_values(overdue, "days=31"))["outputs"]


def test_a_link_that_opens_on_an_error_is_a_warning_and_not_shown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = Site(tmp_path)
    calc = site.page("calculators/overdue.md", "<!-- calculator: overdue -->\n")
    site.page("index.md", "[a](calculators/overdue/?days=0)\n")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        site.build()
    assert calc.content is not None and len(_block(calc.content)) == 1
    message = run("overdue", {"days": "0"})["errors"][0]["message"]
    assert [r.getMessage() for r in caplog.records] == [
        f"index.md: the link to calculators/overdue/?days=0 gives an error: {message}"
    ]


def _today_calculator() -> Calculator[Any, Any]:
    def compute(values: Any) -> Any:
        raise AssertionError("a calculator that uses today is never run at build time")

    fields = (Field("served_on", "送达日期", "date", required=False),)
    outputs = (Output("deadline", "截止日期", "text"),)
    inputs = make_dataclass("TodayInputs", [("served_on", Any)], frozen=True)
    results = make_dataclass("TodayResults", [("deadline", Any)], frozen=True)
    return Calculator("today", "今天", "", fields, outputs, inputs, results, compute, uses_today=True)


def test_a_calculator_that_uses_today_gets_nothing_computed_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = _today_calculator()
    monkeypatch.setattr("mkdocs_guide.calc.plugin.get_calculator", lambda name: today)
    site = Site(tmp_path)
    calc = site.page("calculators/today.md", "<!-- calculator: today -->\n")
    site.page("index.md", "[a](calculators/today/?served_on=2026-01-05)\n")
    site.build()
    assert calc.content is not None
    assert _block(calc.content) == []
    assert re.search(r'<div data-output="deadline" data-kind="text"[^>]*></div>', calc.content)


# --- the built site ------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", SCRIPTS)
def test_every_guide_link_has_calculators_run_result_in_its_page(
    built_site: Path, hant_messages: None, prefix: str
) -> None:
    links = guide_links()
    assert len({link.calculator for link in links}) == len(all_calculators())  # each has some
    for link in links:
        page = built_site / prefix / "calculators" / link.calculator / "index.html"
        entries = _block(page.read_text(encoding="utf-8"))
        if get_calculator(link.calculator).uses_today:  # a result of the build's day is never shown
            assert entries == [], link
            continue
        query = converter().convert(link.query) if prefix else link.query  # the zh-Hant page's link
        values = form_values(get_calculator(link.calculator), query)
        found = [entry for entry in entries if entry["values"] == values]
        assert len(found) == 1, link
        expected = run(link.calculator, values, SCRIPTS[prefix])
        assert expected["ok"], (link, expected)
        assert found[0]["outputs"] == expected["outputs"], link


class _Outputs(HTMLParser):
    """The text of each ``<output>`` and text block, by output name."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        shown_as_text = values.get("data-kind") in {"money", "percent", "number", "text"}
        self._in = values.get("data-output") if shown_as_text else None
        if self._in:
            self.texts[self._in] = ""

    def handle_data(self, data: str) -> None:
        if self._in:
            self.texts[self._in] += data

    def handle_endtag(self, tag: str) -> None:
        self._in = None


@pytest.mark.parametrize("prefix", SCRIPTS)
@pytest.mark.parametrize(
    "calculator", [calc for calc in all_calculators() if not calc.uses_today], ids=lambda calc: calc.name
)
def test_each_built_page_shows_its_defaults_result_in_its_script(
    built_site: Path, hant_messages: None, prefix: str, calculator: Calculator[Any, Any]
) -> None:
    html = (built_site / prefix / "calculators" / calculator.name / "index.html").read_text(encoding="utf-8")
    expected = run(calculator.name, form_values(calculator), SCRIPTS[prefix])
    assert _block(html)[0] == {"values": form_values(calculator), "outputs": expected["outputs"]}
    parser = _Outputs()
    parser.feed(html)
    outputs = expected["outputs"]
    shown = {spec.name: outputs[spec.name] or "" for spec in calculator.outputs if spec.name in parser.texts}
    assert parser.texts == shown and shown


@pytest.mark.parametrize("prefix", SCRIPTS)
def test_search_finds_the_pages_by_their_words_not_by_results(built_site: Path, prefix: str) -> None:
    index = (built_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
    html = (built_site / prefix / "calculators" / "instalment" / "index.html").read_text(encoding="utf-8")
    assert "9166.67" in html  # the defaults' schedule, on the page
    assert "9166.67" not in index
