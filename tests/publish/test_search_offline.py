"""The search question set in the offline bundle, opened from ``file://`` as a reader would.

The bundle inlines each language's index as a script (``search/search_index.js`` and
``zh-Hant/search/search_index.js``) and runs Material's search worker in an iframe;
the same questions must find the same pages as on the served site, in their own script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import publish_builds
import pytest

from tools.search_questions import SCRIPTS, Answer, ask, load_questions, open_search, score

pytestmark = pytest.mark.browser

#: As on the served site (tests/browser/test_search.py).
THRESHOLD = 0.9


@pytest.fixture(scope="module")
def offline_answers(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> list[Answer]:
    folder = publish_builds.offline_bundle(tmp_path_factory.getbasetemp())[1]
    root = folder.as_uri() + "/"
    found: list[Answer] = []
    for script, prefix in SCRIPTS.items():
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.goto(f"{root}{prefix}index.html")
        open_search(page)
        found += [ask(page, q, root, directory_urls=False) for q in load_questions() if q.script == script]
        context.close()
        assert errors == []
    return found


def test_each_language_has_its_own_inlined_index(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = publish_builds.offline_bundle(tmp_path_factory.getbasetemp())[1]
    for prefix in SCRIPTS.values():
        script = (folder / prefix / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = ")
        assert ('"location":"zh-Hant/' in script) is False
    assert Path(folder / "zh-Hant" / "index.html").read_text(encoding="utf-8").count('"base": "."') == 1


def test_questions_find_their_page_from_file(offline_answers: list[Answer]) -> None:
    missed = [f"{a.question.text} → {a.results[:3]}" for a in offline_answers if not a.answered]
    share = sum(a.answered for a in offline_answers) / len(offline_answers)
    assert share >= THRESHOLD, f"{score(offline_answers)} below {THRESHOLD:.0%}; missed:\n" + "\n".join(missed)


def test_no_result_from_the_other_script_from_file(offline_answers: list[Answer]) -> None:
    assert all(a.results for a in offline_answers)
    assert [(a.question.text, a.other_script) for a in offline_answers if a.other_script] == []
    assert all(url.endswith(".html") for a in offline_answers for url in a.results)
