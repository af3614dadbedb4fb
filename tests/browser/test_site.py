"""End to end in headless Chromium: the built site served on 127.0.0.1, in both scripts."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from mkdocs_guide.calc.contract import PAGE_SCRIPTS, RUNTIME_DIR, field_ids

pytestmark = pytest.mark.browser

#: Python in the browser: a cold Pyodide start takes seconds on 2 cores.
READY_MS = 60_000
EXAMPLE = "principal=10000&daily_rate_percent=0.05&days=30"


@pytest.mark.parametrize(("path", "lang", "heading"), [("/", "zh", "京东"), ("/zh-Hant/", "zh-Hant", "京東")])
def test_both_scripts_render(page: Any, site_url: str, path: str, lang: str, heading: str) -> None:
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == lang
    assert heading in page.locator("h1").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_language_switch_keeps_the_page(page: Any, site_url: str) -> None:
    page.goto(site_url + "/negotiate/")
    page.locator('a.md-select__link[hreflang="zh-Hant"]').first.dispatch_event("click")
    page.wait_for_url("**/zh-Hant/negotiate/")
    assert "協商" in page.locator("h1").inner_text()
    page.locator('a.md-select__link[hreflang="zh"]').first.dispatch_event("click")
    page.wait_for_url(site_url + "/negotiate/")
    assert "协商" in page.locator("h1").inner_text()


@pytest.mark.parametrize(
    ("path", "query"), [("/", "协商"), ("/zh-Hant/", "協商"), ("/", "征信"), ("/zh-Hant/", "還款")]
)
def test_search_finds_chinese_terms(page: Any, site_url: str, path: str, query: str) -> None:
    page.goto(site_url + path)
    page.locator("label.md-header__button[for=__search]").click()
    # Type once the index is loaded ("键入以开始检索"), as a reader would see it.
    ready = page.locator(".md-search-result__meta").filter(has_text=re.compile("键入|鍵入"))
    ready.wait_for(timeout=30_000)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup, which an IME's commit also sends
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    assert query in page.locator(".md-search-result").inner_text()


@pytest.mark.parametrize(
    ("path", "comparison"),
    [("/calculators/overdue/", "低于 24%"), ("/zh-Hant/calculators/overdue/", "低於 24%")],
)
def test_overdue_example_in_both_scripts(page: Any, site_url: str, path: str, comparison: str) -> None:
    page.goto(f"{site_url}{path}?{EXAMPLE}")
    page.locator('[data-calculator][data-state="result"]').wait_for(timeout=READY_MS)  # the engine's answer
    penalty = page.locator('[data-output="penalty"]')
    penalty.filter(has_text="150.00").wait_for(timeout=10_000)
    assert page.locator('[data-output="total"]').inner_text() == "10150.00"
    assert page.locator('[data-output="annualized_percent"]').inner_text() == "18.25"
    assert comparison in page.locator('[data-output="comparison"]').inner_text()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/calculators/overdue/", "逾期天数：不能小于 1天。"),
        ("/zh-Hant/calculators/overdue/", "逾期天數：不能小於 1天。"),
    ],
)
def test_bad_input_gets_a_field_message(page: Any, site_url: str, path: str, message: str) -> None:
    page.goto(site_url + path)
    page.locator('[data-calculator][data-state="result"]').wait_for(timeout=READY_MS)  # the engine is ready
    page.locator('input[name="days"]').fill("-3")
    alert = page.locator('[data-calculator="overdue"] [role="alert"]')
    alert.filter(has_text=message).wait_for(timeout=5_000)
    assert page.locator('input[name="days"]').get_attribute("aria-invalid") == "true"
    assert page.locator(f"#{field_ids('overdue', 'days').error}").inner_text() == message
    assert page.locator('[data-output="penalty"]').inner_text() == ""


def test_typing_while_python_loads_is_kept(page: Any, site_url: str) -> None:
    page.goto(site_url + "/calculators/overdue/")
    page.locator('input[name="principal"]').fill("2万")  # before the worker can be ready
    page.locator('[data-output="penalty"]').filter(has_text="300.00").wait_for(timeout=READY_MS)
    assert "principal=2" in page.url  # the URL remembers the inputs, so results can be shared


def test_content_pages_do_not_load_pyodide(page: Any, site_url: str, requests_seen: list[str]) -> None:
    start = len(requests_seen)
    page.goto(site_url + "/negotiate/")
    page.wait_for_load_state("networkidle")
    scripts = (f"/{RUNTIME_DIR}/", *PAGE_SCRIPTS)
    assert not [url for url in requests_seen[start:] if any(part in url for part in scripts)]


def test_no_request_left_the_machine(requests_seen: list[str]) -> None:
    # Runs last in this module: every page above was recorded.
    assert requests_seen
    hosts = {urlsplit(url).hostname for url in requests_seen if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
