"""Keyboard use at phone width: what Tab reaches before the content, and the navigation drawer.

Below 76.25em Material moves the closed drawer off screen and makes the closed search dialog
transparent; both held links that Tab reached (30 to 40 invisible stops before the content).
guide.css hides them; guide.js replaces the header's menu label (a ``<label for="__drawer">``,
which Tab does not reach) with a button. In the open drawer, guide.css hides the panels not on top
(39 stops on /negotiate/, 36 of them unseen, before), and guide.js makes the labels that open and
close the panels (section names, "←" titles) buttons. The header's buttons have a clear focus ring.
The drawer is not blank from 60em with the table of contents' toggle left checked, aria-expanded
follows the toggles the browser restores on Back, focus survives the width crossing 76.25em, and
guide.js runs without MediaQueryList.addEventListener (Safari before 14).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PREFIXES = ["", "/zh-Hant"]
#: A page in a section (the drawer opens on its section) and the home page.
PAGES = ["/negotiate/", "/"]
#: Tab presses from the top to the content: the skip link, the menu button, the language button
#: and its two links, the search box, then the content (7 at 360 px).
MOST_STOPS = 7

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


@contextmanager
def _new_page(browser: Any, width: int, height: int = 800, **options: Any) -> Iterator[Any]:
    """A page in a browser context of its own (``width`` × ``height``, and ``options``), closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


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
    _wait_for_visibility(page, ".md-sidebar--primary", "visible")  # the drawer's slide
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    # Every link of the drawer that can be seen (its first level's are under the open section's
    # panel; Material leaves out the current page's), in order; Tab out of it closes it.
    links = page.locator(".md-sidebar--primary a[href]").evaluate_all(
        "links => links.filter((a) => a.checkVisibility({visibilityProperty: true, opacityProperty: true}))"
        ".map((a) => a.getAttribute('href'))"
    )
    reached = []
    for _ in range(80):
        focused = page.evaluate(_FOCUSED)
        if not focused["drawer"]:
            break
        reached.append(focused["href"])
        page.keyboard.press("Tab")
    reached = [href for href in reached if href]  # and the labels that open the panels
    assert reached == links
    assert "../collection/" in reached
    assert not _drawer_open(page)
    assert page.evaluate(_FOCUSED)["content"]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_escape_closes_the_drawer_and_a_link_in_it_is_followed(page: Any, site_url: str, prefix: str) -> None:
    page.goto(f"{site_url}{prefix}/negotiate/")
    _tab_to_the_menu_button(page)
    page.keyboard.press("Enter")
    _wait_for_visibility(page, ".md-sidebar--primary", "visible")
    page.keyboard.press("Escape")
    assert not _drawer_open(page)
    assert page.evaluate(_FOCUSED)["opener"]
    _wait_for_visibility(page, ".md-sidebar--primary", "hidden")  # once its closing slide is over
    page.keyboard.press("Enter")
    assert _drawer_open(page)
    link = page.locator('.md-sidebar--primary a[href="../collection/"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/collection/")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_drawer_opens_and_closes_by_touch(browser: Any, site_url: str, prefix: str) -> None:
    with _new_page(browser, 360, has_touch=True, is_mobile=True) as page:
        page.goto(f"{site_url}{prefix}/negotiate/")
        page.locator(".md-header [data-drawer]").tap()
        assert _drawer_open(page)
        link = page.locator('.md-sidebar--primary a[href="../collection/"]')
        link.wait_for(state="visible")
        page.locator("label.md-overlay").tap(position={"x": 340, "y": 400})
        assert not _drawer_open(page)
        _wait_for_visibility(page, ".md-sidebar--primary", "hidden")
        page.locator(".md-header [data-drawer]").tap()
        link.wait_for(state="visible")
        link.tap()
        page.wait_for_url(f"**{prefix}/collection/")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_desktop_navigation_stays_and_tab_meets_no_hidden_stop(browser: Any, site_url: str, prefix: str) -> None:
    with _new_page(browser, 1280) as page:
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


# The open drawer at phone width: each section, and the current page's table of contents, is a
# panel over the one before, opened and closed by labels that guide.js makes buttons; guide.css
# hides what is not on top.

#: Whether the focused element is the one at its own centre (not under a panel that covers it).
_ON_TOP = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return Boolean(top) && (element.contains(top) || top.contains(element));
}"""


def _shown(page: Any) -> dict[str, Any]:
    """The focused element, which must be seen and on top (once any slide is over, at most 1 s)."""
    for _ in range(10):
        focused = _focused(page)
        focused["top"] = focused["seen"] and page.evaluate(_ON_TOP)
        if focused["top"]:
            break
        page.wait_for_timeout(100)
    focused["for"] = page.evaluate("document.activeElement.getAttribute('for')")
    focused["expanded"] = page.evaluate("document.activeElement.getAttribute('aria-expanded')")
    assert focused["seen"] and focused["top"], f"the focused element cannot be seen: {focused}"
    return focused


def _open_the_drawer_by_keyboard(page: Any) -> dict[str, Any]:
    _tab_to_the_menu_button(page)
    page.keyboard.press("Enter")
    assert _drawer_open(page)
    return _shown(page)


def _tab_to(page: Any, test: Any, most: int = 30) -> list[dict[str, Any]]:
    """Tab until ``test(focused)``; every stop on the way seen and on top."""
    stops = []
    for _ in range(most):
        page.keyboard.press("Tab")
        stops.append(_shown(page))
        if test(stops[-1]):
            return stops
    pytest.fail(f"Tab did not get there: {stops}")


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("path", PAGES)
def test_every_stop_of_the_open_drawer_can_be_seen(page: Any, site_url: str, prefix: str, path: str) -> None:
    page.goto(site_url + prefix + path)
    stops = [_open_the_drawer_by_keyboard(page)]
    while True:
        page.keyboard.press("Tab")
        if not page.evaluate(_FOCUSED)["drawer"]:
            break
        stops.append(_shown(page))
        assert len(stops) < 40, stops
    # On a page in a section the drawer opens on that section's panel, focus on its title.
    if path == "/negotiate/":
        assert stops[0]["for"] not in {None, "__drawer"} and stops[0]["expanded"] == "true", stops
        assert "../collection/" in [stop["href"] for stop in stops]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("key", ["Enter", " "])
def test_a_section_is_opened_followed_and_left_by_keyboard(page: Any, site_url: str, prefix: str, key: str) -> None:
    page.goto(f"{site_url}{prefix}/negotiate/")
    title = _open_the_drawer_by_keyboard(page)  # the panel of 解决问题, its title focused
    section = title["for"]
    # The title goes back a level: to the section's name, in the drawer's first level.
    page.keyboard.press(key)
    back = _shown(page)
    assert back["for"] == section and back["expanded"] == "false" and back["drawer"], back
    # The next section (计算器) opens: focus on its title.
    name = _tab_to(page, lambda focused: bool(focused["for"]))[-1]
    assert name["for"] != section and name["expanded"] == "false"
    page.keyboard.press(key)
    opened = _shown(page)
    assert opened["for"] == name["for"] and opened["expanded"] == "true", opened
    assert page.locator(f'.md-nav__link[for="{name["for"]}"]').get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    # A link in it is followed.
    _tab_to(page, lambda focused: focused["href"] == "../calculators/deadline/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/calculators/deadline/")
    # There the drawer opens on that section, and goes back to the first level.
    reopened = _open_the_drawer_by_keyboard(page)
    assert reopened["text"] == opened["text"] and reopened["expanded"] == "true", reopened
    page.keyboard.press(key)
    assert _shown(page)["for"] == name["for"]
    page.keyboard.press("Shift+Tab")
    assert _shown(page)["for"] == section


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_table_of_contents_in_the_drawer_opens_and_closes_by_keyboard(
    page: Any, site_url: str, prefix: str
) -> None:
    page.goto(f"{site_url}{prefix}/negotiate/")
    _open_the_drawer_by_keyboard(page)
    current = _tab_to(page, lambda focused: focused["for"] == "__toc")[-1]
    assert current["expanded"] == "false"
    page.keyboard.press("Enter")
    contents = _shown(page)
    assert contents["for"] == "__toc" and contents["expanded"] == "true", contents
    _tab_to(page, lambda focused: focused["href"] == "#materials")
    page.keyboard.press("Shift+Tab")
    while page.evaluate(_FOCUSED)["href"]:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    back = _shown(page)
    assert back["for"] == "__toc" and back["expanded"] == "false" and back["text"] == current["text"], back


@pytest.mark.parametrize("prefix", PREFIXES)
def test_desktop_section_names_are_headings_not_tab_stops(browser: Any, site_url: str, prefix: str) -> None:
    """At 1280 px the navigation is a sidebar: Tab meets its links only, as Material made them."""
    with _new_page(browser, 360) as page:
        page.goto(f"{site_url}{prefix}/negotiate/")
        page.set_viewport_size({"width": 1280, "height": 800})  # a phone turned into a wide screen
        assert page.locator(".md-sidebar--primary button").count() == 0  # Material's labels again
        labels = page.locator(".md-sidebar--primary label")
        assert labels.evaluate_all("ls => ls.filter((l) => l.tabIndex >= 0 && l.hasAttribute('tabindex')).length") == 0
        assert labels.evaluate_all("ls => ls.filter((l) => l.matches('[role], [aria-expanded]')).length") == 0
        reached = []
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = _focused(page)
            assert focused["seen"], focused
            if focused["content"]:
                break
            if focused["drawer"]:
                reached.append(focused["href"])
        links = page.locator(".md-sidebar--primary a[href]").evaluate_all(
            "links => links.filter((a) => a.checkVisibility({visibilityProperty: true}))"
            ".map((a) => a.getAttribute('href'))"
        )
        assert reached == links and "../collection/" in reached


def _luminance(rgb: str) -> float:
    channels = [float(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


_RING = """e => { const s = getComputedStyle(e);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, shadow: s.boxShadow,
          header: getComputedStyle(e.closest('.md-header')).backgroundColor}; }"""


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(
    ("button", "width"),
    [(".md-header [data-drawer]", 360), (".md-select > .md-header__button", 360), (".md-header .md-logo", 1280)],
    ids=["menu", "language", "logo"],
)
def test_header_buttons_show_a_clear_focus_ring(
    browser: Any, site_url: str, prefix: str, button: str, width: int
) -> None:
    """Focused by Tab, each header button has a solid ring of 2 px or more, 3:1 against the header."""
    with _new_page(browser, width) as page:
        page.goto(f"{site_url}{prefix}/negotiate/")
        target = page.locator(button)
        before = target.evaluate(_RING)
        for _ in range(MOST_STOPS):
            page.keyboard.press("Tab")
            if target.evaluate("e => e === document.activeElement"):
                break
        else:
            pytest.fail(f"Tab does not reach {button}")
        ring = target.evaluate(_RING)
        assert (ring["style"], ring["width"], ring["color"]) != (before["style"], before["width"], before["color"])
        assert ring["style"] == "solid" and ring["width"] >= 2, ring
        assert _contrast(ring["color"], ring["header"]) >= 3, ring


AXE_RUN = (
    "axe.run(document.querySelector('.md-sidebar--primary'),"
    " {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'], resultTypes: ['violations']})"
)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_open_drawer_passes_axe(browser: Any, site_url: str, prefix: str) -> None:
    """The drawer's panels, each on top in turn with an item focused (test_trust checks it closed)."""
    # axe is injected as a script, which the page's own CSP would refuse.
    with _new_page(browser, 360, bypass_csp=True) as page:
        page.goto(f"{site_url}{prefix}/negotiate/")
        _open_the_drawer_by_keyboard(page)
        page.add_script_tag(path=str(Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"))
        found = []
        for step in ["Tab", "Tab", "Shift+Tab", "Shift+Tab", "Enter", "Tab", "Enter"]:
            page.keyboard.press(step)
            _shown(page)
            # axe measures colours: once the panels' slides and fades are over.
            page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
            for violation in page.evaluate(AXE_RUN)["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                found.append(f"after {step}: {violation['impact']} {violation['id']} {targets}")
        assert found == [], "\n".join(found)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_section_opens_and_closes_by_touch(browser: Any, site_url: str, prefix: str) -> None:
    with _new_page(browser, 360, has_touch=True, is_mobile=True) as page:
        page.goto(f"{site_url}{prefix}/negotiate/")
        page.locator(".md-header [data-drawer]").tap()
        _wait_for_visibility(page, "#__nav_3 ~ .md-nav", "visible")
        page.locator('.md-nav__title[for="__nav_3"]').tap()  # back
        name = page.locator('.md-nav__link[for="__nav_4"]')
        _wait_for_visibility(page, ".md-nav--primary", "visible")
        _wait_for_visibility(page, "#__nav_3 ~ .md-nav", "hidden")
        name.tap()
        assert name.get_attribute("aria-expanded") == "true"
        link = page.locator('.md-sidebar--primary a[href="../calculators/deadline/"]')
        _wait_for_visibility(page, "#__nav_4 ~ .md-nav", "visible")
        _wait_for_visibility(page, ".md-nav--primary", "hidden")
        link.tap()
        page.wait_for_url(f"**{prefix}/calculators/deadline/")


#: The drawer's links and buttons that can be seen (laid out, not hidden, not transparent).
_VISIBLE_STOPS = """() => [...document.querySelectorAll('.md-sidebar--primary a[href], .md-sidebar--primary button')]
  .filter((e) => e.checkVisibility({visibilityProperty: true, opacityProperty: true})).length"""


def _wait_for_visibility(page: Any, selector: str, visibility: str) -> None:
    """Until the element's computed visibility is ``visibility`` (guide.css hides it after a slide)."""
    page.wait_for_function(
        "([selector, visibility]) => getComputedStyle(document.querySelector(selector)).visibility === visibility",
        arg=[selector, visibility],
        timeout=2000,
    )


@pytest.mark.parametrize("by", ["touch", "keyboard"])
@pytest.mark.parametrize("width", [960, 1024, 1219])
def test_the_drawer_is_not_blank_wider_after_the_contents_were_left_open(
    browser: Any, site_url: str, width: int, by: str
) -> None:
    """At 768 px a heading tapped in the drawer's table of contents closes the drawer and leaves the
    contents' toggle checked; from 60em Material leaves the contents out of the drawer (they are in
    the right sidebar), so they must not hide the section's panel there."""
    with _new_page(browser, 768, height=1024, has_touch=True, is_mobile=True) as page:
        page.goto(f"{site_url}/negotiate/")
        page.locator(".md-header [data-drawer]").tap()
        contents = page.locator('.md-nav--primary button.md-nav__link[for="__toc"]')
        contents.wait_for(state="visible")
        _wait_for_visibility(page, "#__nav_3 ~ .md-nav", "visible")
        contents.tap()
        heading = page.locator('.md-sidebar--primary a[href="#materials"]')
        heading.wait_for(state="visible")
        _wait_for_visibility(page, "#__toc ~ .md-nav", "visible")
        heading.tap()
        page.wait_for_function("() => !document.getElementById('__drawer').checked")  # Material closes it
        assert page.evaluate("document.getElementById('__toc').checked")
        page.set_viewport_size({"width": width, "height": 768})
        _wait_for_visibility(page, ".md-sidebar--primary", "hidden")
        opener = page.locator(".md-header [data-drawer]")
        if by == "touch":
            opener.tap()
        else:
            opener.focus()
            page.keyboard.press("Enter")
        assert _drawer_open(page)
        # The section's panel is on top, its links seen.
        _wait_for_visibility(page, "#__nav_3 ~ .md-nav", "visible")
        page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
        assert page.evaluate(_VISIBLE_STOPS) > 0
        assert page.locator('.md-sidebar--primary a[href="../collection/"]').evaluate(
            "a => a.checkVisibility({visibilityProperty: true, opacityProperty: true})"
        )
        if by == "keyboard":
            title = _shown(page)
            assert title["for"] == "__nav_3" and title["expanded"] == "true", title


def test_aria_expanded_follows_the_toggles_restored_by_back(page: Any, site_url: str) -> None:
    """Back reloads the page (no back-forward cache here), and the browser restores the sections'
    toggles after guide.js ran, without a change event: every button still tells its own."""
    page.goto(f"{site_url}/negotiate/")
    page.evaluate("window.loadedOnce = true")
    page.locator(".md-header [data-drawer]").click()
    back = page.locator('.md-nav__title[for="__nav_3"]')
    _wait_for_visibility(page, "#__nav_3 ~ .md-nav", "visible")
    back.click()
    name = page.locator('.md-nav__link[for="__nav_4"]')
    _wait_for_visibility(page, ".md-nav--primary", "visible")
    name.click()
    _wait_for_visibility(page, "#__nav_4 ~ .md-nav", "visible")
    page.locator('.md-sidebar--primary a[href="../calculators/deadline/"]').click()
    page.wait_for_url("**/calculators/deadline/")
    page.go_back()
    page.wait_for_url("**/negotiate/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.loadedOnce") is None  # reloaded, not restored from the cache
    # The restored state, as the reader left it: 解决问题 closed, 计算器 open.
    assert page.evaluate(
        "[document.getElementById('__nav_3').checked, document.getElementById('__nav_4').checked]"
    ) == [
        False,
        True,
    ]
    wrong = page.evaluate(
        """() => [...document.querySelectorAll('.md-nav--primary button[for]')]
          .map((b) => [b.getAttribute('for'), b.getAttribute('aria-expanded'),
                       String(document.getElementById(b.getAttribute('for')).checked)])
          .filter(([, expanded, checked]) => expanded !== checked)"""
    )
    assert wrong == []


def test_focus_stays_in_the_navigation_when_the_width_crosses_76em(page: Any, site_url: str) -> None:
    """A tablet turned: the drawer's button focused becomes Material's label, which takes no focus:
    the section's first link takes it, not the page's body."""
    page.set_viewport_size({"width": 960, "height": 800})
    page.goto(f"{site_url}/negotiate/")
    page.locator(".md-header [data-drawer]").focus()
    page.keyboard.press("Enter")
    assert _shown(page)["for"] == "__nav_3"
    page.keyboard.press("Enter")  # back to the first level: the section's name, a heading wider
    back = _shown(page)
    assert back["for"] == "__nav_3" and back["expanded"] == "false", back
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("() => !matchMedia('(max-width: 76.234375em)').matches")
    focused = page.evaluate(_FOCUSED)
    assert focused["drawer"] and focused["href"], focused


def test_the_drawer_works_without_media_query_list_add_event_listener(browser: Any, site_url: str) -> None:
    """Safari before 14 has MediaQueryList.addListener only: guide.js goes on (the menu button)."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    # Inherited from EventTarget: shadowed on MediaQueryList's prototype.
    context.add_init_script("Object.defineProperty(MediaQueryList.prototype, 'addEventListener', {value: undefined})")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{site_url}/negotiate/")
        assert page.locator(".md-header [data-drawer]").evaluate("e => e.tagName") == "BUTTON"
        page.set_viewport_size({"width": 1280, "height": 800})
        page.wait_for_function("() => document.querySelectorAll('.md-sidebar--primary button').length === 0")
        assert errors == []
    finally:
        context.close()
