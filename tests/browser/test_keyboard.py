"""Keyboard use at phone width: what Tab reaches before the content, and the navigation drawer.

Below 76.25em Material moves the closed drawer off screen and makes the closed search dialog
transparent; both held links that Tab reached (30 to 40 invisible stops before the content).
guide.css hides them; guide.js replaces the header's menu label (a ``<label for="__drawer">``,
which Tab does not reach) with a button.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PREFIXES = ["", "/zh-Hant"]
#: A page in a section (the drawer opens on its section) and the home page.
PAGES = ["/negotiate/", "/"]
#: Tab presses from the top to the content: the skip link, the menu button, the language button
#: and its two links, the search box, then the content (7 at 360 px).
MOST_STOPS = 10

#: The focused element: where it is, and whether it can be seen (on screen, not transparent or
#: hidden); Material fades some in (the skip link, the search box), so the tests wait for it.
_FOCUSED = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  const seen = box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth
    && box.bottom > 0 && box.top < innerHeight
    && element.checkVisibility({opacityProperty: true, visibilityProperty: true});
  return {
    seen,
    content: Boolean(element.closest('.md-content')),
    drawer: Boolean(element.closest('.md-sidebar--primary')),
    opener: element.matches('.md-header [data-drawer]'),
    href: element.getAttribute('href'),
    text: (element.textContent || element.getAttribute('aria-label') || element.tagName).trim().slice(0, 40),
  };
}"""


def _focused(page: Any) -> dict[str, Any]:
    """The focused element, once any fade-in is over (at most 1 s)."""
    for _ in range(10):
        focused: dict[str, Any] = page.evaluate(_FOCUSED)
        if focused["seen"]:
            return focused
        page.wait_for_timeout(100)
    return focused


def _drawer_open(page: Any) -> bool:
    return bool(page.evaluate("document.getElementById('__drawer').checked"))


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_the_content_through_visible_stops(page: Any, site_url: str, prefix: str, path: str) -> None:
    page.goto(site_url + prefix + path)
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = _focused(page)
        stops.append(focused)
        assert focused["seen"], f"Tab stop {len(stops)} cannot be seen: {focused} (after {stops[:-1]})"
        if focused["content"]:
            break
    assert stops[-1]["content"], "Tab never reached the content"
    assert len(stops) <= MOST_STOPS, stops


def _tab_to_the_menu_button(page: Any) -> None:
    for _ in range(MOST_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED)["opener"]:
            return
    pytest.fail("Tab does not reach the menu button")


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("key", ["Enter", " "])
def test_the_drawer_opens_and_its_links_are_reached_by_keyboard(
    page: Any, site_url: str, prefix: str, key: str
) -> None:
    page.goto(f"{site_url}{prefix}/negotiate/")
    opener = page.locator(".md-header [data-drawer]")
    nav_name = page.locator(".md-nav--primary").get_attribute("aria-label")
    assert opener.evaluate("e => e.tagName") == "BUTTON"
    assert opener.get_attribute("aria-label") == nav_name
    _tab_to_the_menu_button(page)
    assert opener.get_attribute("aria-expanded") == "false"
    page.keyboard.press(key)
    assert _drawer_open(page)
    assert opener.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)  # the drawer's slide
    reached = []
    for _ in range(80):
        focused = page.evaluate(_FOCUSED)
        if not focused["drawer"]:
            break
        reached.append(focused["href"])
        page.keyboard.press("Tab")
    # Every link of the drawer that is displayed (Material leaves out the current page's), in
    # order; Tab out of it closes it.
    links = page.locator(".md-sidebar--primary a[href]").evaluate_all(
        "links => links.filter((a) => a.checkVisibility()).map((a) => a.getAttribute('href'))"
    )
    assert reached == links
    assert "../collection/" in reached
    assert not _drawer_open(page)
    assert page.evaluate(_FOCUSED)["content"]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_escape_closes_the_drawer_and_a_link_in_it_is_followed(page: Any, site_url: str, prefix: str) -> None:
    page.goto(f"{site_url}{prefix}/negotiate/")
    _tab_to_the_menu_button(page)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    assert not _drawer_open(page)
    assert page.evaluate(_FOCUSED)["opener"]
    page.wait_for_timeout(300)  # hidden once its closing slide is over
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    page.keyboard.press("Enter")
    assert _drawer_open(page)
    link = page.locator('.md-sidebar--primary a[href="../collection/"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/collection/")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_drawer_opens_and_closes_by_touch(browser: Any, site_url: str, prefix: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{prefix}/negotiate/")
        page.locator(".md-header [data-drawer]").tap()
        assert _drawer_open(page)
        link = page.locator('.md-sidebar--primary a[href="../collection/"]')
        link.wait_for(state="visible")
        page.wait_for_timeout(300)
        page.locator("label.md-overlay").tap(position={"x": 340, "y": 400})
        assert not _drawer_open(page)
        page.locator(".md-header [data-drawer]").tap()
        page.wait_for_timeout(300)
        link.tap()
        page.wait_for_url(f"**{prefix}/collection/")
    finally:
        context.close()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_desktop_navigation_stays_and_tab_meets_no_hidden_stop(browser: Any, site_url: str, prefix: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{site_url}{prefix}/negotiate/")
        assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).visibility") == "visible"
        assert page.locator('.md-sidebar--primary a[href="../collection/"]').is_visible()
        assert not page.locator(".md-header [data-drawer]").is_visible()
        # Tab walks the visible navigation, and no stop is hidden (the closed search's results were).
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = _focused(page)
            assert focused["seen"], focused
            if focused["content"]:
                break
        else:
            pytest.fail("Tab never reached the content")
    finally:
        context.close()
