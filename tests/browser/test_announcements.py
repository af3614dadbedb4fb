"""A calculator's error region is written when its messages change, not at every answer.

The engine answers each keystroke (calculator.js waits 10 ms); were the ``role="alert"`` element
rewritten with the same text each time, a screen reader would announce it again at every key.
"""

from __future__ import annotations

from typing import Any

import pytest

from calculators import run
from mkdocs_guide.hant.convert import converter

pytestmark = pytest.mark.browser

READY_MS = 60_000

#: Counts, on the calculator's root: the alert's mutations (its children, text, attributes), and
#: the engine's answers (each sets data-state, which a MutationObserver sees even when unchanged).
_OBSERVE = """root => {
  window.__seen = {alert: 0, answers: 0};
  const all = {childList: true, subtree: true, characterData: true, attributes: true};
  new MutationObserver((records) => { window.__seen.alert += records.length; })
    .observe(root.querySelector('[role=alert]'), all);
  new MutationObserver((records) => {
    window.__seen.answers += records.filter((record) => record.attributeName === 'data-state').length;
  }).observe(root, {attributes: true});
}"""


def _message(values: dict[str, str], hant: bool) -> str:
    result = run("overdue", values, "zh")
    assert not result["ok"]
    [error] = result["errors"]
    message: str = error["message"]
    return converter().convert(message) if hant else message


def _type_and_wait_for_the_answer(page: Any, text: str) -> None:
    before = page.evaluate("window.__seen.answers")
    page.keyboard.type(text)
    # A function, not an expression: the page's CSP refuses eval, which Playwright uses for one.
    page.wait_for_function("(before) => window.__seen.answers > before", arg=before, timeout=10_000)
    page.wait_for_timeout(100)  # any later answer of the same keystrokes


@pytest.mark.parametrize("prefix", ["", "/zh-Hant"])
def test_the_alert_changes_only_with_its_message(page: Any, site_url: str, prefix: str) -> None:
    page.goto(f"{site_url}{prefix}/calculators/overdue/")
    root = page.locator('[data-calculator="overdue"]')
    page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)  # the engine's
    alert = root.locator('[role="alert"]')
    root.evaluate(_OBSERVE)
    values = {"principal": "x", "daily_rate_percent": "0.05", "days": "30"}
    not_a_number = _message(values, bool(prefix))
    box = root.locator('[name="principal"]')
    box.focus()
    page.keyboard.press("Control+A")
    _type_and_wait_for_the_answer(page, "x")
    assert alert.is_visible()
    assert not_a_number in alert.inner_text()
    written = page.evaluate("window.__seen.alert")
    assert written > 0

    # More keystrokes, each answered with the same message: the alert is left alone.
    for key in "yz1":
        _type_and_wait_for_the_answer(page, key)
    assert page.evaluate("window.__seen.answers") >= 4
    assert page.evaluate("window.__seen.alert") == written
    assert not_a_number in alert.inner_text()

    # Another message: written, so announced.
    too_small = _message({**values, "principal": "-5"}, bool(prefix))
    assert too_small != not_a_number
    page.keyboard.press("Control+A")
    _type_and_wait_for_the_answer(page, "-5")
    alert.filter(has_text=too_small).wait_for(timeout=10_000)
    assert page.evaluate("window.__seen.alert") > written
    assert not_a_number not in alert.inner_text()

    # A valid amount clears it.
    page.keyboard.press("Control+A")
    _type_and_wait_for_the_answer(page, "10000")
    assert alert.is_hidden()
    assert box.get_attribute("aria-invalid") is None
