"""A result at first paint, in headless Chromium, in both scripts: without a byte of the engine.

Each calculator page shows the result the build computed for its defaults, and each link of the
guide's own pages shows the one computed for it, with every request under the runtime's folder
aborted; the status says the engine is needed only to change the numbers.  Anything else shows
nothing computed ahead.  Once the engine answers, the results on screen are the same, and so is
what the page shows before its script runs.

Each engine start costs seconds, so the engine answers here for each calculator's defaults and
its first guide link; that every link's precomputed data is ``calculators.run``'s result is
checked in-process (tests/sitebuild/test_precompute.py), and that Pyodide gives CPython's
results by tests/pyodide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from calculators import Calculator, all_calculators, get_calculator
from mkdocs_guide.calc.contract import ASSETS_DIR, PAGE_SCRIPT, RUNTIME_DIR
from mkdocs_guide.calc.precompute import form_values, precompute
from mkdocs_guide.calc.render import UI_TEXT
from mkdocs_guide.hant.convert import converter
from tools.guide_links import GuideLink, guide_links

pytestmark = pytest.mark.browser

READY_MS = 90_000
SCRIPTS = {"": "zh", "/zh-Hant": "zh-Hant"}

#: What a calculator shows, by output: its text, rows, links, chart, and whether it is hidden. The
#: text of a link or a download is its label, the page's own; its href is checked instead.
SNAPSHOT = """root => Object.fromEntries([...root.querySelectorAll("[data-output]")].map(element => {
    const kind = element.dataset.kind;
    const shown = {hidden: element.hidden};
    if (kind !== "link" && kind !== "download") shown.text = element.textContent;
    if (kind === "table") shown.rows = [...element.rows].map(tr => [...tr.cells].map(td => td.textContent));
    if (kind === "link") shown.hrefs = [...element.querySelectorAll("a")].map(a => a.getAttribute("href"));
    if (kind === "download") shown.href = Boolean(element.getAttribute("href"));
    if (kind === "svg") {
        const svg = element.querySelector("svg");
        shown.svg = svg && [svg.namespaceURI, svg.getAttribute("aria-label"), svg.childElementCount];
    }
    return [element.dataset.output, shown];
}))"""


def _expected(calc: Calculator[Any, Any], outputs: dict[str, Any] | None) -> dict[str, Any]:
    """What :data:`SNAPSHOT` reads when a calculator shows ``outputs`` (``None``: nothing)."""
    expected: dict[str, Any] = {}
    for spec in calc.outputs:
        value = (outputs or {}).get(spec.name)
        shown: dict[str, Any] = {"hidden": False, "text": "" if value is None else str(value)}
        if spec.kind == "table":
            shown["rows"] = [[row[key] for key, _label in spec.columns] for row in value or []]
            shown["text"] = "".join("".join(row) for row in shown["rows"])
        elif spec.kind == "link":
            query = f"?{value}" if value else ""
            shown = {"hidden": not value, "hrefs": [f"../{target}/{query}" for target, _label in spec.targets]}
        elif spec.kind == "download":
            shown = {"hidden": not value, "href": bool(value)}
        elif spec.kind == "svg":
            svg = ElementTree.fromstring(value) if value else None
            shown["text"] = "".join(svg.itertext()) if svg is not None else ""
            shown["svg"] = [_SVG_NS, svg.get("aria-label"), len(svg)] if svg is not None else None
        expected[spec.name] = shown
    return expected


_SVG_NS = "http://www.w3.org/2000/svg"


def _text(prefix: str, key: str) -> str:
    return converter().convert(UI_TEXT[key]) if prefix else UI_TEXT[key]


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    # Routed requests must reach the routes: the service worker would answer them unseen.
    opened = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="block")
    yield opened
    opened.close()


@dataclass
class NoEngine:
    """A browser context in which every request for the runtime is aborted.

    Attributes:
        context: the context.
        asked: the URLs the page asked for under the runtime's folder.
        runtime: the names of the runtime's files.
    """

    context: Any
    asked: list[str]
    runtime: set[str]

    def unexpected(self, errors: list[str]) -> list[str]:
        """``errors`` but those naming a file of the runtime (the page reports its failure itself)."""
        return [error for error in errors if not any(name in error for name in self.runtime)]


@pytest.fixture
def no_engine(context: Any, built_site: Path) -> NoEngine:
    blocked = NoEngine(context, [], {path.name for path in (built_site / RUNTIME_DIR).iterdir()})

    def abort(route: Any) -> None:
        blocked.asked.append(route.request.url)
        route.abort()

    context.route(f"**/{RUNTIME_DIR}/**", abort)
    return blocked


def _open(page: Any, url: str) -> Any:
    """``page`` at ``url``: its calculator's root."""
    page.goto(url)
    return page.locator("[data-calculator]")


def _errors(page: Any) -> list[str]:
    """The list the page's uncaught errors are added to."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _url(site_url: str, prefix: str, name: str, query: str = "") -> str:
    return f"{site_url}{prefix}/calculators/{name}/" + (f"?{query}" if query else "")


#: The calculators whose pages get results computed ahead (the others' results depend on the day).
AHEAD = [calculator for calculator in all_calculators() if not calculator.uses_today]


def _links(calculator: Calculator[Any, Any]) -> list[GuideLink]:
    return [link for link in guide_links() if link.calculator == calculator.name]


def _status(root: Any) -> str:
    text: str = root.locator("[data-status]").text_content()
    return text


@pytest.mark.parametrize("prefix", SCRIPTS)
@pytest.mark.parametrize("calculator", AHEAD, ids=lambda calc: calc.name)
def test_the_defaults_and_each_guide_link_show_their_result_without_the_engine(
    no_engine: NoEngine, site_url: str, prefix: str, calculator: Calculator[Any, Any]
) -> None:
    lang = SCRIPTS[prefix]
    page = no_engine.context.new_page()
    errors = _errors(page)
    # A zh-Hant page links with its query converted (claimant=某資產管理公司), as a reader would open it.
    convert = converter().convert if lang == "zh-Hant" else str
    for query in ["", *(convert(link.query) for link in _links(calculator))]:
        root = _open(page, _url(site_url, prefix, calculator.name, query))
        root.locator("[data-retry]").wait_for(timeout=READY_MS)  # the engine has failed
        found = precompute(calculator, form_values(calculator, query), lang).result
        assert found["ok"], (query, found)
        assert root.evaluate(SNAPSHOT) == _expected(calculator, found["outputs"]), query
        assert _status(root) == _text(prefix, "precomputed-failed"), query
    assert no_engine.asked, "the engine was not even asked for: the test proves nothing"
    assert no_engine.unexpected(errors) == []


@pytest.mark.parametrize("prefix", SCRIPTS)
@pytest.mark.parametrize("calculator", [c for c in all_calculators() if c.uses_today], ids=lambda calc: calc.name)
def test_a_calculator_that_uses_today_shows_nothing_computed_ahead(
    no_engine: NoEngine, site_url: str, prefix: str, calculator: Calculator[Any, Any]
) -> None:
    page = no_engine.context.new_page()
    errors = _errors(page)
    root = _open(page, _url(site_url, prefix, calculator.name))
    root.locator("[data-retry]").wait_for(timeout=READY_MS)
    assert root.evaluate(SNAPSHOT) == _expected(calculator, None)
    blocks = root.locator("[data-precomputed]").evaluate_all("blocks => blocks.flatMap(b => JSON.parse(b.textContent))")
    assert blocks == []
    assert _status(root) == _text(prefix, "failed")
    assert no_engine.unexpected(errors) == []


@pytest.mark.parametrize("prefix", SCRIPTS)
def test_a_query_not_computed_ahead_shows_nothing_computed_ahead(
    no_engine: NoEngine, site_url: str, prefix: str
) -> None:
    overdue = get_calculator("overdue")
    page = no_engine.context.new_page()
    errors = _errors(page)
    root = _open(page, _url(site_url, prefix, "overdue", "principal=12345&days=30"))
    root.locator("[data-retry]").wait_for(timeout=READY_MS)
    assert root.evaluate(SNAPSHOT) == _expected(overdue, None)
    assert root.get_attribute("data-state") == "failed"
    assert _status(root) == _text(prefix, "failed")
    assert no_engine.unexpected(errors) == []


@pytest.mark.parametrize("prefix", SCRIPTS)
def test_changed_numbers_clear_the_result_computed_ahead(no_engine: NoEngine, site_url: str, prefix: str) -> None:
    overdue = get_calculator("overdue")
    page = no_engine.context.new_page()
    errors = _errors(page)
    root = _open(page, _url(site_url, prefix, "overdue"))
    root.locator("[data-retry]").wait_for(timeout=READY_MS)
    default = root.evaluate(SNAPSHOT)
    page.fill('[name="principal"]', "20000")
    root.locator('[data-output="penalty"]:empty').wait_for(state="attached", timeout=10_000)
    assert root.evaluate(SNAPSHOT) == _expected(overdue, None)
    assert _status(root) == _text(prefix, "failed")
    page.fill('[name="principal"]', "10000")  # the defaults again: computed ahead
    root.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=10_000)
    assert root.evaluate(SNAPSHOT) == default
    assert _status(root) == _text(prefix, "precomputed-failed")
    assert no_engine.unexpected(errors) == []


class HeldEngine:
    """Holds every request for the runtime until :meth:`release`, so the page is seen before the engine."""

    def __init__(self, context: Any) -> None:
        self.held: list[Any] = []
        self.released = False
        context.route(f"**/{RUNTIME_DIR}/**", self._route)

    def _route(self, route: Any) -> None:
        if self.released:
            route.fallback()
        else:
            self.held.append(route)

    def hold(self) -> None:
        """Hold the requests of the next page."""
        self.held = []
        self.released = False

    def release(self) -> None:
        """Let the held requests and every later one through."""
        self.released = True
        for route in self.held:
            route.fallback()


def _precomputed_then_computed(page: Any, engine: HeldEngine, url: str, prefix: str) -> tuple[Any, Any]:
    """What the page shows from the build before the engine, then once the engine has answered."""
    engine.hold()
    root = _open(page, url)
    root.locator("[data-status]").filter(has_text=_text(prefix, "precomputed")).wait_for(timeout=READY_MS)
    assert root.get_attribute("data-state") == "precomputed"
    while not engine.held:  # the worker has asked for the runtime (pytest-timeout bounds the wait)
        page.wait_for_timeout(100)
    before = root.evaluate(SNAPSHOT)
    engine.release()
    page.locator('[data-calculator][data-state="result"]').wait_for(timeout=READY_MS)
    assert _status(root) == _text(prefix, "ready")
    return before, root.evaluate(SNAPSHOT)


@pytest.mark.parametrize("prefix", SCRIPTS)
@pytest.mark.parametrize("calculator", AHEAD, ids=lambda calc: calc.name)
def test_the_engine_answers_with_the_results_shown_ahead(
    context: Any, site_url: str, prefix: str, calculator: Calculator[Any, Any]
) -> None:
    page = context.new_page()
    errors = _errors(page)
    url = _url(site_url, prefix, calculator.name)
    # The first paint: the page as the build wrote it, before (here: without) its script.
    no_script: Callable[[Any], None] = lambda route: route.abort()  # noqa: E731
    context.route(f"**/{ASSETS_DIR}/{PAGE_SCRIPT}", no_script)
    painted = _open(page, url).evaluate(SNAPSHOT)
    context.unroute(f"**/{ASSETS_DIR}/{PAGE_SCRIPT}", no_script)
    engine = HeldEngine(context)
    shown, computed = _precomputed_then_computed(page, engine, url, prefix)
    # The build's CSV is a data: URL, the script's a blob: URL of the same text (SNAPSHOT: has one).
    assert painted == shown == computed
    for link in _links(calculator)[:1]:
        linked = _url(site_url, prefix, link.calculator, link.query)
        shown, computed = _precomputed_then_computed(page, engine, linked, prefix)
        assert shown == computed, link
    assert errors == []
