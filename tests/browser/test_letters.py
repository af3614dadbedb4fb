"""The letters and the pack in headless Chromium, in both scripts: each kind's fields, its text, the print view."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import pytest

from calculators import get_calculator, run
from calculators.letter import KINDS
from mkdocs_guide.hant.convert import converter

pytestmark = pytest.mark.browser

READY_MS = 60_000
PREFIXES = ["", "/zh-Hant"]
PACK = "income=6000&essential_expenses=3800&other_debt_payments=1000&debt=10000&annual_rate_percent=13"
BUDGET = PACK


def _script(prefix: str, text: str) -> str:
    return converter().convert(text) if prefix else text


def _shown_fields(page: Any) -> set[str]:
    """The letter's fields a reader can see and reach; checks that none of the others can take focus."""
    found: dict[str, bool] = page.evaluate(
        """() => Object.fromEntries(
          [...document.querySelectorAll('[data-calculator=letter] [data-field]')].map((field) => {
            const control = field.querySelector('input, select, textarea');
            control.focus();
            const reachable = document.activeElement === control;
            control.blur();
            return [field.dataset.field, field.checkVisibility() && reachable];
          }))"""
    )
    return {name for name, shown in found.items() if shown}


def _applies(kind: str) -> set[str]:
    return {spec.name for spec in get_calculator("letter").fields if spec.when is None or kind in spec.when.values}


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("kind", [value for value, _label in KINDS])
def test_each_kind_shows_its_fields_and_writes_its_letter(page: Any, site_url: str, prefix: str, kind: str) -> None:
    # A bad value in a field of another kind is hidden and ignored: it does not block the letter.
    other = "incidents" if kind != "complaint" else "amount"
    page.goto(f"{site_url}{prefix}/calculators/letter/?kind={kind}&{other}=%3Cb%3E")
    root = page.locator('[data-calculator="letter"]')
    expected = run("letter", {"kind": kind})["outputs"]["letter"]
    title = _script(prefix, expected.split("\n", 1)[0])
    root.locator('[data-output="letter"]').filter(has_text=title).wait_for(timeout=READY_MS)
    assert root.get_attribute("data-state") == "result"
    assert _shown_fields(page) == _applies(kind)
    shown = root.locator('[data-output="letter"]').inner_text()
    assert _script(prefix, "【姓名】") in shown
    if not prefix:
        assert shown.strip() == expected.strip()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_switching_kind_shows_other_fields_and_a_new_letter(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/calculators/letter/")
    root = page.locator('[data-calculator="letter"]')
    letter = root.locator('[data-output="letter"]')
    letter.filter(has_text="协商还款申请书").wait_for(timeout=READY_MS)
    assert _shown_fields(page) == _applies("negotiation")
    root.locator('[name="kind"]').select_option("complaint")
    letter.filter(has_text="关于违规催收的投诉").wait_for(timeout=10_000)
    assert _shown_fields(page) == _applies("complaint")
    # Incidents one per line, kept as typed and as text.
    root.locator('[name="incidents"]').fill("2026-11-20 22:40 打给我母亲\n\n<img src=x onerror=alert(1)>")
    root.locator('[name="third_parties"]').check()
    # Two edits, two computations: the letter of the first may show before the second's.
    letter.filter(has_text="2. <img src=x onerror=alert(1)>").filter(
        has_text="立即停止联系本人的家人、同事等第三方"
    ).wait_for(timeout=10_000)
    text = letter.inner_text()
    assert "1. 2026-11-20 22:40 打给我母亲\n2. <img src=x onerror=alert(1)>" in text
    assert root.locator("img").count() == 0
    # The kind's own check, as a named field error; nothing of the other kinds is blamed.
    root.locator('[name="incidents"]').fill("\n".join(str(n) for n in range(25)))
    alert = root.locator('[role="alert"]')
    alert.filter(has_text="经过（每行一件事）：").wait_for(timeout=10_000)
    assert root.locator('[name="incidents"]').get_attribute("aria-invalid") == "true"
    assert alert.locator("li").count() == 1
    root.locator('[name="kind"]').select_option("credit_objection")
    letter.filter(has_text="《征信业管理条例》第二十五条").wait_for(timeout=10_000)
    assert alert.is_hidden()
    assert "kind=credit_objection" in page.url


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_kinds_field_error_in_both_scripts(page: Any, site_url: str, prefix: str) -> None:
    page.goto(f"{site_url}{prefix}/calculators/letter/?kind=credit_objection&error_type=nonsense")
    root = page.locator('[data-calculator="letter"]')
    label = _script(prefix, get_calculator("letter").field("error_type").label)
    root.locator('[role="alert"]').filter(has_text=f"{label}：").wait_for(timeout=READY_MS)
    assert root.locator('[data-output="letter"]').inner_text() == ""


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_pack_page(page: Any, site_url: str, prefix: str) -> None:
    page.goto(f"{site_url}{prefix}/calculators/pack/?{PACK}")
    root = page.locator('[data-calculator="pack"]')
    root.locator('[data-output="payment"]').filter(has_text="893.17").wait_for(timeout=READY_MS)
    assert root.locator('tbody[data-output="schedule"] tr').count() == 12
    assert _script(prefix, "每月结余 1200.00 元") in root.locator('[data-output="budget"]').inner_text()
    letter = root.locator('[data-output="letter"]').inner_text()
    assert _script(prefix, "本人申请将上述欠款分 12 期归还，每期约 893.17 元。") in letter
    assert root.locator('[data-output="apr_percent"]').inner_text() == "13.00"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The flat fee's field shows only for that method.
    fee = root.locator('[data-field="monthly_fee_percent"]')
    assert fee.is_hidden()
    root.locator('[name="method"]').select_option("flat_fee")
    assert fee.is_visible()
    root.locator('[data-output="payment"]').filter(has_text="893.33").wait_for(timeout=10_000)


@pytest.mark.parametrize(
    ("name", "query"), [("budget", BUDGET), ("instalment", "principal=10000&periods=1"), ("letter", "")]
)
def test_budget_instalment_and_letter_open_the_pack_with_their_numbers(
    page: Any, site_url: str, name: str, query: str
) -> None:
    page.goto(f"{site_url}/calculators/{name}/?{query}")
    link = page.locator('[data-output="pack_url_query"] a[data-base="../pack/"]')
    link.wait_for(timeout=READY_MS)
    expected = run(name, dict(item.split("=") for item in query.split("&") if item))["outputs"]["pack_url_query"]
    assert link.get_attribute("href") == f"../pack/?{expected}"
    link.click()
    page.wait_for_url("**/calculators/pack/?*")
    page.locator('[data-calculator="pack"][data-state="result"]').wait_for(timeout=READY_MS)
    assert page.locator('[data-calculator="pack"] [role="alert"]').is_hidden()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_falling_plan_opens_the_letter_with_its_first_and_last_payment(page: Any, site_url: str, prefix: str) -> None:
    plan = "principal=10000&periods=12&method=equal_principal&annual_rate_percent=13"
    page.goto(f"{site_url}{prefix}/calculators/instalment/?{plan}")
    link = page.locator('[data-output="next_url_query"] a[data-base="../letter/"]')
    link.wait_for(timeout=READY_MS)
    query = run("instalment", dict(parse_qsl(plan)))["outputs"]["next_url_query"]
    assert link.get_attribute("href") == f"../letter/?{query}"
    link.click()
    page.wait_for_url("**/calculators/letter/?*")
    root = page.locator('[data-calculator="letter"]')
    values = dict(parse_qsl(query, keep_blank_values=True))
    assert root.locator('[name="last_amount"]').input_value() == values["last_amount"]
    expected = run("letter", values)["outputs"]["letter"]
    falling = next(line for line in expected.split("\n") if "最后一期含尾差" in line)
    letter = root.locator('[data-output="letter"]')
    letter.filter(has_text=_script(prefix, falling)).wait_for(timeout=READY_MS)
    # A last payment above the first contradicts a falling plan: refused, naming the field, no letter.
    root.locator('[name="last_amount"]').fill("950")
    label = _script(prefix, get_calculator("letter").field("last_amount").label)
    root.locator('[role="alert"]').filter(has_text=f"{label}：").wait_for(timeout=READY_MS)
    assert root.locator('[name="last_amount"]').get_attribute("aria-invalid") == "true"
    assert letter.inner_text() == ""


#: What the printed pack must show, and what of the site it must not.
PRINTED = ['[data-output="budget"]', 'tbody[data-output="schedule"]', '[data-output="letter"]']
NOT_PRINTED = [
    ".md-header",
    ".md-sidebar--primary",
    '.md-header label[for="__search"]',  # the search button (the search dialog opens from it on a phone)
    ".md-footer",
    "form.calculator__form",
    "p.calculator__actions",
]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_printed_pack(page: Any, site_url: str, prefix: str) -> None:
    page.goto(f"{site_url}{prefix}/calculators/pack/?{PACK}")
    root = page.locator('[data-calculator="pack"]')
    root.locator('[data-output="payment"]').filter(has_text="893.17").wait_for(timeout=READY_MS)
    # The navigation drawer is hidden while closed at this width (guide.css): open, as a reader may print it.
    page.locator(".md-header [data-drawer]").click()
    for selector in NOT_PRINTED:
        assert page.locator(selector).first.is_visible(), f"{selector} is on screen before printing"
    page.emulate_media(media="print")
    for selector in [*NOT_PRINTED, ".md-search"]:
        assert page.locator(selector).first.is_hidden(), f"{selector} would be printed"
    for selector in PRINTED:
        assert page.locator(selector).is_visible(), f"{selector} would not be printed"
    assert page.locator("h1").is_visible()
    # The guide's prose around the pack stays on screen only.
    assert page.locator("#examples").is_hidden()
    # Nothing is cut off on a phone-sized page.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_pack_prints_to_pdf_on_a4_and_phone_sized_pages(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/calculators/pack/?{PACK}")
    page.locator('[data-output="payment"]').filter(has_text="893.17").wait_for(timeout=READY_MS)
    a4 = page.pdf(format="A4")
    phone = page.pdf(width="90mm", height="180mm")
    for pdf in (a4, phone):
        assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    # The letter starts a page of its own; the phone-sized pages are more.
    assert _pages(phone) > _pages(a4) >= 2


def _pages(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it: one ``/Type /Page`` object each, besides ``/Pages``."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_the_printed_letter_is_the_letter_alone(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/calculators/letter/?kind=documents")
    letter = page.locator('[data-output="letter"]')
    letter.filter(has_text="查阅、复制借款资料的申请").wait_for(timeout=READY_MS)
    page.emulate_media(media="print")
    assert letter.is_visible()
    for selector in ["h1", "form.calculator__form", ".md-header", ".md-sidebar--primary", "#kinds"]:
        assert page.locator(selector).first.is_hidden(), selector


@pytest.mark.parametrize(
    ("scripts", "dialog"),
    [(True, True), (False, True), (True, False)],
    ids=["calculator.js blocked", "scripts off", "a browser without method=dialog"],
)
def test_enter_without_the_page_script_puts_nothing_typed_in_the_url(
    browser: Any, site_url: str, scripts: bool, dialog: bool
) -> None:
    # calculator.js blocked (or failed, or scripts off): pressing Enter submits the form natively,
    # which must never put the fields (a name, a phone number) into the URL, the history or logs.
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, service_workers="block", java_script_enabled=scripts
    )
    try:
        context.route("**/calculator.js", lambda route: route.abort())
        opened = context.new_page()
        opened.goto(f"{site_url}/calculators/letter/")
        root = opened.locator('[data-calculator="letter"]')
        assert root.get_attribute("data-state") is None  # the page script did not run
        if not dialog:
            # A browser older than method="dialog" reads the form's method as GET.
            opened.evaluate("document.querySelector('.calculator__form').removeAttribute('method')")
        root.locator('[data-field="name"] input').fill("张三")
        contact = root.locator('[data-field="contact"] input')
        contact.fill("13800001234")
        contact.press("Enter")
        opened.wait_for_timeout(1000)
        opened.wait_for_load_state()
        assert opened.url == f"{site_url}/calculators/letter/"
        assert contact.input_value() == "13800001234"  # the page stayed, with what was typed
    finally:
        context.close()
