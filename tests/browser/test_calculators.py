"""Every calculator in headless Chromium, in both scripts: a prefilled worked example, then bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from calculators import FieldError, get_calculator, parse_field
from mkdocs_guide.hant.convert import converter

pytestmark = pytest.mark.browser

READY_MS = 60_000

#: name, prefilled query, an output and its expected text, a field and a bad value for it.
CASES = [
    (
        "deadline",
        "document=payment_order&served_on=2026-09-28&today=2026-09-29",
        "last_day",
        "2026-10-13",
        "served_on",
        "2026-02-30",
    ),
    (
        "plan",
        "threats=是&payment_order=是&payment_order_on=2026-09-28&today=2026-09-29",
        "steps",
        "2026-10-13",
        "payment_order_on",
        "1900-01-01",
    ),
    ("overdue", "principal=10000&daily_rate_percent=0.05&days=30", "penalty", "150.00", "days", "0"),
    (
        "instalment",
        "principal=10000&periods=12&method=flat_fee&monthly_fee_percent=0.6",
        "apr_percent",
        "13.03",
        "periods",
        "999",
    ),
    (
        "deferral",
        "principal=15000&annual_rate_percent=18&defer_months=1&interest_during_deferral=true&periods=12"
        "&method=equal_payment",
        "extra_cost",
        "225.00",
        "principal",
        "abc",
    ),
    ("apr", "received=10000&payment=893.33&periods=12&period_unit=month", "apr_percent", "13.03", "received", "-1"),
    (
        "rate_cap",
        "contract_date=2024-01-15&annual_rate_percent=18&lender_kind=licensed",
        "four_lpr_percent",
        "13.80",
        "contract_date",
        "2200-01-01",
    ),
    (
        "budget",
        "income=6000&essential_expenses=3800&other_debt_payments=500&debt=10000&annual_rate_percent=13",
        "sustainable_payment",
        "1360.00",
        "debt",
        "1e308",
    ),
    (
        "letter",
        "product=jintiao&amount=10000&days_overdue=15&proposal=instalments&monthly_amount=900",
        "letter",
        "10000.00",
        "amount",
        "１０万亿",
    ),
]

#: Each case's prefilled query, by calculator.
CASE = {case[0]: case[1] for case in CASES}


@pytest.mark.parametrize("prefix", ["", "/zh-Hant"])
@pytest.mark.parametrize(("name", "query", "output", "expected", "field", "bad"), CASES, ids=[c[0] for c in CASES])
def test_calculator_example_then_bad_input(
    page: Any, site_url: str, prefix: str, name: str, query: str, output: str, expected: str, field: str, bad: str
) -> None:
    page.goto(f"{site_url}{prefix}/calculators/{name}/?{query}")
    root = page.locator(f'[data-calculator="{name}"]')
    # The engine's answer: a guide link's example shows the build's result before it (test_first_paint.py).
    page.locator(f'[data-calculator="{name}"][data-state="result"]').wait_for(timeout=READY_MS)
    root.locator(f'[data-output="{output}"]').filter(has_text=expected).wait_for(timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator(f'[data-calculator="{name}"] [name="{field}"]').fill(bad)
    label = get_calculator(name).field(field).label
    if prefix:
        label = converter().convert(label)
    alert = root.locator('[role="alert"]')
    alert.filter(has_text=f"{label}：").wait_for(timeout=10_000)
    assert root.locator(f'[name="{field}"]').get_attribute("aria-invalid") == "true"
    assert root.locator(f'[data-output="{output}"]').inner_text() == ""


def test_budget_feeds_instalment_and_letter(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/calculators/budget/?{CASE['budget']}")
    link = page.locator('[data-output="next_url_query"] a[data-base="../instalment/"]')
    link.wait_for(timeout=READY_MS)
    link.click()
    page.wait_for_url("**/calculators/instalment/?*")
    page.locator('[data-output="payment"]').filter(has_text="1311.70").wait_for(timeout=READY_MS)


def test_schedule_table_chart_and_csv(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/calculators/instalment/?{CASE['instalment']}")
    rows = page.locator('tbody[data-output="schedule"] tr')
    rows.nth(11).wait_for(timeout=READY_MS)
    assert rows.count() == 12
    assert page.locator('[data-output="chart"] svg').count() == 1
    download = page.locator('a[data-output="csv"]')
    assert download.get_attribute("href").startswith("blob:")
    with page.expect_download() as caught:
        download.click()
    text = Path(caught.value.path()).read_text(encoding="utf-8-sig")
    assert text.count("\n") >= 12 and "893.33" in text


def test_free_text_in_the_letter_stays_text(page: Any, site_url: str) -> None:
    payload = "<img src=x onerror=alert(1)>"
    page.goto(f"{site_url}/calculators/letter/?{CASE['letter']}&reason_detail={payload}")
    letter = page.locator('[data-output="letter"]')
    letter.filter(has_text=payload).wait_for(timeout=READY_MS)
    assert page.locator('[data-output="letter"] img').count() == 0


#: Query-string words for a checkbox, as readers and links write them; Python decides what each means.
CHECKBOX_WORDS = ["是", "否", "ＴＲＵＥ", " Yes ", "\u3000ｙ", "on", "0", "maybe", "①"]


@pytest.mark.parametrize("prefix", ["", "/zh-Hant"])
def test_a_query_word_ticks_the_checkbox_as_python_reads_it(page: Any, site_url: str, prefix: str) -> None:
    # The page's prefill reads the words from data-true-words, which render.py takes from fields.BOOLEAN_WORDS.
    spec = get_calculator("overdue").field("compound")
    for word in CHECKBOX_WORDS if not prefix else ["是", "否"]:
        page.goto(f"{site_url}{prefix}/calculators/overdue/?{urlencode({'compound': word})}")
        # The status line speaks once calculator.js has connected the form, after its prefill.
        page.wait_for_function(
            "document.querySelector('[data-calculator=overdue] [data-status]').textContent !== ''", timeout=READY_MS
        )
        box = page.locator('[data-calculator="overdue"] [name="compound"]')
        try:
            expected = parse_field(spec, word) is True
        except FieldError:
            expected = False  # a word Python refuses never ticks the box
        assert box.is_checked() is expected, word
    page.goto(f"{site_url}{prefix}/calculators/overdue/?principal=10000&daily_rate_percent=0.05&days=30&compound=是")
    page.locator('[data-output="penalty"]').filter(has_text="151.09").wait_for(timeout=READY_MS)


_FOCUS_STYLE = """(element) => {
  const style = getComputedStyle(element);
  return [document.activeElement === element, style.outlineStyle, parseFloat(style.outlineWidth), style.outlineColor];
}"""


@pytest.mark.parametrize("control", ["#calc-overdue-principal", "#calc-overdue-compound"])
def test_keyboard_focus_shows_on_a_calculator_control(page: Any, site_url: str, control: str) -> None:
    # Material sets input { outline: none }: without the calculator's own :focus-visible, Tab hides where it is.
    page.goto(f"{site_url}/calculators/overdue/")
    target = page.locator(control)
    target.wait_for(timeout=READY_MS)
    # Tab onto it from the element before it, as a keyboard reader arrives there.
    page.evaluate(
        """(selector) => {
          const all = [...document.querySelectorAll('input, select, textarea, button, a[href]')];
          const before = all[all.indexOf(document.querySelector(selector)) - 1];
          before.setAttribute('tabindex', '0');
          before.focus();
        }""",
        control,
    )
    for _ in range(5):
        if page.evaluate(f"() => document.activeElement === document.querySelector({control!r})"):
            break
        page.keyboard.press("Tab")
    focused, style, width, color = target.evaluate(_FOCUS_STYLE)
    assert focused
    assert style not in {"none", "hidden"}
    assert width >= 2
    assert color not in {"rgba(0, 0, 0, 0)", "transparent"}


_EMPTY_ROWS = """root => [...root.querySelectorAll(".calculator__value")]
  .filter((row) => row.querySelector("output").textContent === "")
  .map((row) => [row.querySelector("output").dataset.output, row.querySelector("dd").innerText])"""


@pytest.mark.parametrize(("name", "output"), [("rate_cap", "void_above_percent"), ("deadline", "days_left")])
def test_an_empty_result_shows_no_bare_unit(page: Any, site_url: str, name: str, output: str) -> None:
    # At first paint, and once the engine has answered: an output without a number hides its unit (%, 天).
    page.goto(f"{site_url}/calculators/{name}/")
    root = page.locator(f'[data-calculator="{name}"]')
    empty = dict(root.evaluate(_EMPTY_ROWS))
    assert output in empty
    assert {key: text for key, text in empty.items() if text.strip()} == {}
    row = root.locator(".calculator__value").filter(has=page.locator(f'[data-output="{output}"]'))
    assert "%" not in row.inner_text() and "天" not in row.locator("dd").inner_text()
    page.locator(f'[data-calculator="{name}"][data-state="result"]').wait_for(timeout=READY_MS)
    assert {key: text for key, text in dict(root.evaluate(_EMPTY_ROWS)).items() if text.strip()} == {}
