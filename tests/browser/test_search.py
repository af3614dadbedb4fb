"""Search as readers use it: their questions typed into Material's search box on the served site.

The question set is ``search/questions.toml``; ``tools/search_questions.py`` types each one
and reads the result pages.  The offline bundle runs the same set from ``file://``
(``tests/publish/test_search_offline.py``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tools.search_questions import SCRIPTS, Answer, Question, ask, load_questions, open_search, score

pytestmark = pytest.mark.browser

#: Share of questions whose page must be among the first three results (README, Search).
THRESHOLD = 0.9
#: Letters no Chinese question contains, so nothing matches them.
NOTHING = "qqxz"


@pytest.fixture(scope="module")
def answers(browser: Any, site_url: str) -> list[Answer]:
    """Every question, asked from the home page of its script."""
    root = site_url + "/"
    found: list[Answer] = []
    for script, folder in SCRIPTS.items():
        context = browser.new_context(viewport={"width": 360, "height": 800})
        opened = context.new_page()
        opened.goto(root + folder)
        open_search(opened)
        found += [ask(opened, q, root, directory_urls=True) for q in load_questions() if q.script == script]
        context.close()
    return found


def test_question_set_covers_both_scripts() -> None:
    questions = load_questions()
    assert len(questions) >= 20
    assert {q.script for q in questions} == set(SCRIPTS)


def test_questions_find_the_page_that_answers_them(answers: list[Answer]) -> None:
    missed = [f"{a.question.text} → {a.results[:3]} (rank {a.rank})" for a in answers if not a.answered]
    share = sum(a.answered for a in answers) / len(answers)
    assert share >= THRESHOLD, f"{score(answers)} below {THRESHOLD:.0%}; missed:\n" + "\n".join(missed)


def test_no_result_from_the_other_script(answers: list[Answer]) -> None:
    assert all(a.results for a in answers)
    assert [(a.question.text, a.other_script) for a in answers if a.other_script] == []


def test_result_links_carry_no_search_words(answers: list[Answer]) -> None:
    # Search words in a link's query would stay in the history and the service worker's cache.
    assert [url for a in answers for url in a.results if "?" in url] == []


@pytest.mark.parametrize(("script", "text"), [("zh", "催收上门怎么办"), ("zh-Hant", "催收上門怎麼辦")])
def test_results_read_cleanly(page: Any, site_url: str, script: str, text: str) -> None:
    page.goto(f"{site_url}/{SCRIPTS[script]}")
    open_search(page)
    answer = ask(page, Question(script, text, ("collection.md",)), site_url + "/", directory_urls=True)
    assert answer.answered
    shown = page.locator(".md-search-result__list").inner_text()
    assert "*" not in shown  # Material's wildcard, in its "missing terms" line
    assert not page.locator(".md-search-result__terms").first.is_visible()
    assert "最后核对" not in shown and "最後核對" not in shown  # every page's date line
    # Zero-width spaces are kept only between words, where the index needs them.
    punctuation = "[\\s，。、：；！？（）《》“”]"
    assert not re.search(f"\u200b{punctuation}|{punctuation}\u200b|^\u200b", shown, re.MULTILINE)


@pytest.mark.parametrize(
    ("folder", "none", "first_steps", "faq"),
    [("", "没有找到", "现在该做什么", "常见问题"), ("zh-Hant/", "沒有找到", "現在該做什麼", "常見問題")],
)
def test_nothing_found_offers_first_steps_and_faq(
    page: Any, site_url: str, folder: str, none: str, first_steps: str, faq: str
) -> None:
    page.goto(f"{site_url}/{folder}negotiate/")
    open_search(page)
    box = page.locator("input.md-search__input")
    box.fill(NOTHING)
    box.press("End")
    page.locator(".md-search-result__meta").filter(has_text=none).wait_for(timeout=15_000)
    fallback = page.locator(".guide-search-fallback")
    assert fallback.is_visible()
    assert fallback.locator("a").all_inner_texts() == [first_steps, faq]
    assert fallback.locator("a").nth(1).get_attribute("href") == "../faq/"
    box.press("Enter")  # with no result, Enter opens the first fallback link
    page.wait_for_url(f"{site_url}/{folder}#first-steps")
    assert first_steps in page.locator("#first-steps").inner_text()
