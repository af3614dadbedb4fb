"""The two calculators that load packages beyond the wheel, in Chromium: both scripts, both starts.

``deadline`` and ``plan`` compute with chinesecalendar, which the page's worker loads after
Pyodide starts (from the memory snapshot with the site's lock, or the plain way); their calendar
file needs icalendar, which it loads after the first answer. The file is downloaded and read
back with icalendar; the plan's links are followed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from playwright.sync_api import expect

from calculators import run
from mkdocs_guide.calc.contract import RUNTIME_DIR
from mkdocs_guide.calc.render import UI_TEXT
from mkdocs_guide.calc.stdlib import STDLIB_MANIFEST

pytestmark = pytest.mark.browser

READY_MS = 90_000
DEADLINE = "document=payment_order&served_on=2026-09-28&today=2026-09-29"
PLAN = "threats=是&fake_service=是&payment_order=是&payment_order_on=2026-09-28&frozen=是&today=2026-09-29"


@pytest.fixture
def context(browser: Any, link_as: Callable[[Any], None]) -> Iterator[Any]:
    # Service workers blocked: the routes below must see every request.
    opened = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="block", accept_downloads=True)
    link_as(opened)  # a fast link: start.mjs takes the snapshot (the plain start is tested by blocking it)
    yield opened
    opened.close()


def _open(context: Any, url: str, output: str, text: str) -> Any:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.locator(f'[data-output="{output}"]').filter(has_text=text).first.wait_for(timeout=READY_MS)
    assert errors == []
    return page


def _deadline(context: Any, site_url: str) -> tuple[Any, Any]:
    """The deadline page for DEADLINE once its dates are shown: the page, and the calculator's root."""
    page = _open(context, f"{site_url}/calculators/deadline/?{DEADLINE}", "last_day", "2026-10-13")
    return page, page.locator('[data-calculator="deadline"]')


def _calendar(page: Any, selector: str) -> Any:
    link = page.locator(selector)
    # Answered after the rest, once icalendar is in.
    expect(link).to_have_attribute("href", re.compile("^blob:"), timeout=READY_MS)
    expect(page.locator('[data-pending-note="ics"]')).to_be_hidden()
    with page.expect_download() as caught:
        link.click()
    return icalendar.Calendar.from_ical(Path(caught.value.path()).read_bytes())


@pytest.mark.parametrize("prefix", ["", "/zh-Hant"])
@pytest.mark.parametrize("start", ["snapshot", "plain"])
def test_deadline_in_both_scripts_and_both_starts(context: Any, site_url: str, prefix: str, start: str) -> None:
    if start == "plain":
        context.route("**/*.snapshot.gz", lambda route: route.abort())
    packages: list[str] = []
    context.on("request", lambda request: packages.append(request.url) if request.url.endswith(".whl") else None)
    page = _open(context, f"{site_url}{prefix}/calculators/deadline/?{DEADLINE}", "last_day", "2026-10-13")
    root = page.locator('[data-calculator="deadline"]')
    assert root.get_attribute("data-engine") == start
    assert root.locator('[data-output="days_left"]').inner_text() == "14"
    basis = root.locator('[data-output="basis"]').inner_text()
    assert ("民事訴訟法" if prefix else "民事诉讼法") in basis
    wheels = {url.rsplit("/", 1)[1].split("-")[0] for url in packages}
    assert wheels >= {"icalendar", "chinesecalendar", "python_dateutil"}
    assert "tzdata" not in wheels
    calendar = _calendar(page, '[data-output="ics"]')
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart") == date(2026, 10, 13)
    assert len(list(event.walk("VALARM"))) == 2
    expected = run("deadline", {"document": "payment_order", "served_on": "2026-09-28", "today": "2026-09-29"})
    if not prefix:
        assert (
            str(event["summary"])
            == icalendar.Calendar.from_ical(expected["outputs"]["ics"]).walk("VEVENT")[0]["summary"]
        )


def test_a_page_without_such_calculators_loads_no_package(context: Any, site_url: str, built_site: Path) -> None:
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    query = "principal=10000&daily_rate_percent=0.05&days=30"
    page = _open(context, f"{site_url}/calculators/overdue/?{query}", "penalty", "150")
    # The build's result may be on screen before the engine starts: wait until it has.
    expect(page.locator('[data-calculator="overdue"]')).to_have_attribute("data-engine", "snapshot", timeout=READY_MS)
    extra = json.loads((built_site / RUNTIME_DIR / STDLIB_MANIFEST).read_text(encoding="utf-8"))["extra"]["file"]
    needless = (".whl", "pyodide-lock.json", extra)
    assert not [url for url in fetched if url.endswith(needless)]


@pytest.mark.parametrize("start", ["snapshot", "plain"])
def test_the_first_answer_waits_for_no_icalendar_byte(context: Any, site_url: str, start: str) -> None:
    # icalendar's wheel held back: the dates come, the calendar file is said to be on its way,
    # and it comes, for the dates last typed, once the wheel does.
    if start == "plain":
        context.route("**/*.snapshot.gz", lambda route: route.abort())
    held: list[Any] = []
    context.route("**/icalendar-*.whl", lambda route: held.append(route))
    page, root = _deadline(context, site_url)
    assert root.get_attribute("data-engine") == start
    note = root.locator('[data-pending-note="ics"]')
    expect(note).to_be_visible()
    expect(note).to_have_text(UI_TEXT["pending"])
    assert root.locator('[data-output="ics"]').is_hidden()
    for _ in range(100):  # the worker asks for icalendar after its first answer
        if held:
            break
        page.wait_for_timeout(100)
    assert held
    # An edit meanwhile is answered at once, its file pending too.
    root.locator('[name="served_on"]').fill("2026-09-29")
    root.locator('[data-output="last_day"]').filter(has_text="2026-10-14").wait_for(timeout=10_000)
    expect(note).to_be_visible()
    held[0].continue_()
    calendar = _calendar(page, '[data-output="ics"]')
    assert next(iter(calendar.walk("VEVENT"))).decoded("dtstart") == date(2026, 10, 14)
    assert root.get_attribute("data-state") == "result"


def _later_file(built_site: Path, what: str) -> str:
    """A pattern for the file the later packages come in: icalendar's wheel, or the second zip."""
    if what.startswith("icalendar"):
        return "icalendar-*.whl"
    extra: str = json.loads((built_site / RUNTIME_DIR / STDLIB_MANIFEST).read_text(encoding="utf-8"))["extra"]["file"]
    return extra


#: Appended to the worker's module (its `respond` is a module binding): a second answer, the one
#: made once the later packages are in, fails as a bug in making the file would.
SECOND_ANSWER_FAILS = """
const respondAtFirst = respond;
respond = (runJson, data, again = false) =>
  respondAtFirst(again ? () => { throw new Error("the file could not be made"); } : runJson, data, again);
"""
#: ... or a computation asked for while the later packages load takes 10 s (their import on a slow phone).
SLOW_WHILE_LOADING = """
const respondAtFirst = respond;
respond = (runJson, data, again = false) => {
  if (lacking.length && data.values?.served_on === "2026-09-27") {
    const until = Date.now() + 10_000;
    while (Date.now() < until);
  }
  return respondAtFirst(runJson, data, again);
};
"""

#: ... or the worker gives up a stalled download of the later packages after the given ms, not two minutes.
LATER_LIMIT_SCALED = """
const setTimeoutAtFirst = setTimeout;
globalThis.setTimeout = (then, ms, ...rest) => setTimeoutAtFirst(then, ms === LATER_LIMIT_MS ? %d : ms, ...rest);
"""
#: ... or another calculator on the page whose packages do not import (no page has two with later
#: packages: one that does not exist stands for it, and `prepare` fails for it alone).
ANOTHER_UNPREPARED = """
const completeLaterAtFirst = completeLater;
completeLater = (pyodide, indexURL, later, stdlib, warm, runJson) =>
  completeLaterAtFirst(pyodide, indexURL, later, stdlib, ["no-such-calculator", ...warm], runJson);
"""
#: The scaled limit for each stalled file. One limit covers the wheels and then the zip: for the
#: zip's wait to be the one given up, the wheels must be loaded well within it.
STALL_LIMIT_MS = {"icalendar wheel": 1_000, "second zip": 8_000}


def test_a_second_answer_that_fails_leaves_the_first(
    context: Any, site_url: str, worker_with: Callable[[Any, str], None]
) -> None:
    worker_with(context, SECOND_ANSWER_FAILS)
    _page, root = _deadline(context, site_url)
    expect(root.locator('[data-pending-note="ics"]')).to_have_text(UI_TEXT["pending-failed"], timeout=READY_MS)
    assert root.get_attribute("data-state") == "result"
    assert root.locator('[data-output="days_left"]').inner_text() == "14"
    assert root.locator('[data-output="ics"]').is_hidden()


def test_a_computation_while_the_later_packages_load_gets_a_starts_time(
    context: Any, site_url: str, worker_with: Callable[[Any, str], None]
) -> None:
    # The page's 8 s watchdog would replace the worker; while it loads them, it allows 20 s.
    worker_with(context, SLOW_WHILE_LOADING)
    held: list[Any] = []
    context.route("**/icalendar-*.whl", lambda route: held.append(route))
    page, root = _deadline(context, site_url)
    expect(root.locator('[data-pending-note="ics"]')).to_be_visible()
    root.locator('[name="served_on"]').fill("2026-09-27")
    root.locator('[data-output="last_day"]').filter(has_text="2026-10-12").wait_for(timeout=25_000)
    assert root.get_attribute("data-state") == "result"
    for route in held:
        route.continue_()
    _calendar(page, '[data-output="ics"]')


def test_another_calculators_packages_that_do_not_import_leave_this_ones_file(
    context: Any, site_url: str, worker_with: Callable[[Any, str], None]
) -> None:
    worker_with(context, ANOTHER_UNPREPARED)
    page, root = _deadline(context, site_url)
    assert next(iter(_calendar(page, '[data-output="ics"]').walk("VEVENT"))).decoded("dtstart") == date(2026, 10, 13)
    # Still answered whole after an edit: this calculator lacks nothing.
    root.locator('[name="served_on"]').fill("2026-09-29")
    root.locator('[data-output="last_day"]').filter(has_text="2026-10-14").wait_for(timeout=10_000)
    assert next(iter(_calendar(page, '[data-output="ics"]').walk("VEVENT"))).decoded("dtstart") == date(2026, 10, 14)


@pytest.mark.parametrize("stalled", ["icalendar wheel", "second zip"])
def test_a_stalled_download_of_the_later_packages_is_given_up(
    context: Any, site_url: str, built_site: Path, worker_with: Callable[[Any, str], None], stalled: str
) -> None:
    # A wheel or the zip that never comes, nor fails: the note says the file failed, and the
    # dates stand and still answer.
    limit = STALL_LIMIT_MS[stalled]
    worker_with(context, LATER_LIMIT_SCALED % limit)
    held: list[Any] = []
    context.route(f"**/{_later_file(built_site, stalled)}", lambda route: held.append(route))
    wheels: list[str] = []
    context.on("requestfinished", lambda request: wheels.extend([request.url] if request.url.endswith(".whl") else []))
    _page, root = _deadline(context, site_url)
    note = root.locator('[data-pending-note="ics"]')
    expect(note).to_have_text(UI_TEXT["pending-failed"], timeout=READY_MS)
    assert held  # asked for, and never answered
    if stalled == "second zip":
        assert any("/icalendar-" in url for url in wheels)  # the wheels came: the zip's wait was given up
    assert root.get_attribute("data-state") == "result"
    root.locator('[name="served_on"]').fill("2026-09-29")
    root.locator('[data-output="last_day"]').filter(has_text="2026-10-14").wait_for(timeout=10_000)
    expect(note).to_have_text(UI_TEXT["pending-failed"])
    assert root.locator('[data-output="ics"]').is_hidden()


@pytest.mark.parametrize("missing", ["icalendar wheel", "second zip, snapshot", "second zip, plain"])
def test_what_only_the_calendar_file_needs_missing_leaves_the_dates(
    context: Any, site_url: str, built_site: Path, missing: str
) -> None:
    # Never a number lost for a file: the dates stand, and the note says the file failed.
    if missing.endswith("plain"):
        context.route("**/*.snapshot.gz", lambda route: route.abort())
    context.route(f"**/{_later_file(built_site, missing)}", lambda route: route.fulfill(status=404, body="gone"))
    _page, root = _deadline(context, site_url)
    expect(root.locator('[data-pending-note="ics"]')).to_have_text(UI_TEXT["pending-failed"], timeout=READY_MS)
    assert root.locator('[data-output="ics"]').is_hidden()
    assert root.get_attribute("data-state") == "result"
    assert root.locator('[data-output="days_left"]').inner_text() == "14"
    # Another computation still answers, with the file still pending.
    root.locator('[name="served_on"]').fill("2026-09-29")
    root.locator('[data-output="last_day"]').filter(has_text="2026-10-14").wait_for(timeout=10_000)
    expect(root.locator('[data-pending-note="ics"]')).to_have_text(UI_TEXT["pending-failed"])


@pytest.mark.parametrize("prefix", ["", "/zh-Hant"])
def test_plan_lists_steps_with_links_a_calendar_and_a_print_button(context: Any, site_url: str, prefix: str) -> None:
    page = _open(context, f"{site_url}{prefix}/calculators/plan/?{PLAN}", "steps", "2026-10-13")
    items = page.locator('[data-output="steps"] > li')
    assert "110" in items.nth(0).inner_text()
    assert "110" in items.nth(1).inner_text() and "96110" not in items.nth(1).inner_text()
    hrefs = [link.get_attribute("href") for link in page.locator('[data-output="steps"] a').all()]
    assert hrefs and all(href.startswith("../") for href in hrefs), hrefs
    assert "../../scams/#fake-service" in hrefs
    calendar = _calendar(page, '[data-output="ics"]')
    assert [event.decoded("dtstart") for event in calendar.walk("VEVENT")] == [date(2026, 10, 13)]
    assert page.locator('[data-calculator="plan"] [data-print]').is_visible()
    # The step's link opens the deadline calculator prefilled, in the same script.
    page.locator('[data-output="steps"] a[href^="../deadline/?"]').first.click()
    page.wait_for_url(f"**{prefix}/calculators/deadline/?*")
    page.locator('[data-output="last_day"]').filter(has_text="2026-10-13").wait_for(timeout=READY_MS)


def test_the_printed_plan_shows_the_steps_not_the_buttons(context: Any, site_url: str) -> None:
    page = _open(context, f"{site_url}/calculators/plan/?{PLAN}", "steps", "2026-10-13")
    page.emulate_media(media="print")
    assert page.locator('[data-output="steps"]').is_visible()
    for hidden in ("[data-print]", ".md-header", ".calculator__actions", ".md-sidebar--primary"):
        assert not page.locator(hidden).first.is_visible(), hidden
