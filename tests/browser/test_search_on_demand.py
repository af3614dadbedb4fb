"""The search index is fetched when the reader opens search, not with every page.

Material asks for ``search/search_index.json`` as its bundle starts; ``search-on-demand.js``
holds that request back until the reader opens search, so a reader who only reads (or uses a
calculator) never downloads it.  A question typed before the index has arrived is answered
once it is in.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tools.search_questions import PLACEHOLDER, SCRIPTS

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"
PAGES = ("rates/", "calculators/overdue/")
#: A question per script, and the page that answers it.
QUESTIONS = {"zh": "催收上门怎么办", "zh-Hant": "催收上門怎麼辦"}
ANSWER = "collection/"


def _open_search(page: Any) -> None:
    page.locator("label.md-header__button[for=__search]").click()


def _assert_answered(page: Any, root: str) -> None:
    """Wait for the results; the page that answers the question is among the first three."""
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=60_000)
    links = results.evaluate_all("links => links.map(link => link.href)")
    assert any(link.startswith(root + ANSWER) for link in links[:3]), links


def _index_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if url.split("?")[0].endswith(INDEX)]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_index_fetched_only_when_search_opens(
    page: Any, site_url: str, requests_seen: list[str], script: str, path: str
) -> None:
    folder = SCRIPTS[script]
    index = f"{site_url}/{folder}{INDEX}"
    seen_before = len(requests_seen)
    asked: list[str] = []  # the page's own requests (the service worker's are in requests_seen)
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{site_url}/{folder}{path}", wait_until="networkidle")
    assert page.locator("html.js").count() == 1  # Material's bundle has run
    assert _index_requests(requests_seen[seen_before:]) == []

    with page.expect_response(index) as response:
        _open_search(page)
    assert response.value.ok
    page.locator(".md-search-result__meta").filter(has_text=PLACEHOLDER).wait_for(timeout=60_000)
    assert _index_requests(asked) == [index]


@pytest.mark.parametrize("script", SCRIPTS)
def test_question_typed_before_the_index_arrives_is_answered(page: Any, site_url: str, script: str) -> None:
    folder = SCRIPTS[script]
    held: list[Any] = []
    # The context sees the request whether the page or its service worker sends it.
    page.context.route(f"{site_url}/{folder}{INDEX}", lambda route: held.append(route))
    page.goto(f"{site_url}/{folder}", wait_until="networkidle")
    assert held == []
    _open_search(page)
    deadline = time.monotonic() + 30
    while not held:
        assert time.monotonic() < deadline, "opening search asked for no index"
        page.wait_for_timeout(100)
    box = page.locator("input.md-search__input")
    box.fill(QUESTIONS[script])
    box.press("End")  # Material reads the box on keyup
    assert page.locator(".md-search-result__item").count() == 0
    held[0].continue_()
    _assert_answered(page, f"{site_url}/{folder}")


def test_keyboard_shortcut_fetches_the_index(page: Any, site_url: str) -> None:
    index = f"{site_url}/{INDEX}"
    page.goto(f"{site_url}/rates/", wait_until="networkidle")
    # Material's bundle has run (it marks the page so) and listens for the shortcut.
    page.locator("html.js").wait_for(state="attached", timeout=60_000)
    with page.expect_response(index, timeout=60_000):
        page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.locator(".md-search-result__meta").filter(has_text=PLACEHOLDER).wait_for(timeout=60_000)


@pytest.mark.parametrize("script", SCRIPTS)
def test_search_link_is_answered(page: Any, site_url: str, script: str) -> None:
    # Material opens search with the question of a ?q= link as its bundle starts.
    folder = SCRIPTS[script]
    page.goto(f"{site_url}/{folder}?q={QUESTIONS[script]}")
    _assert_answered(page, f"{site_url}/{folder}")
