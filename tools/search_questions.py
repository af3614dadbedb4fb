"""The search question set (``search/questions.toml``), typed into Material's search box in Chromium.

Used by the browser tests (served site and offline bundle) and, as a command, to print the
score and every question's rank for the README::

    .venv/bin/python -m tools.search_questions site        # the built site, served on 127.0.0.1
"""

from __future__ import annotations

import re
import sys
import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "PLACEHOLDER",
    "QUESTIONS",
    "SCRIPTS",
    "Answer",
    "Question",
    "ask",
    "load_questions",
    "open_search",
    "page_url",
    "score",
]

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "search" / "questions.toml"
#: The two scripts and the folder each is built into below the site root.
SCRIPTS = {"zh": "", "zh-Hant": "zh-Hant/"}
#: What Material's result line says while nothing is typed, in either script.
PLACEHOLDER = re.compile("键入|鍵入")
#: How many results a reader looks at.
TOP = 3


@dataclass(frozen=True)
class Question:
    """One reader's question and the pages (source files under docs/) that answer it."""

    script: str
    text: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """What the search box showed for a question: the result pages, in order, as site-relative URLs."""

    question: Question
    results: tuple[str, ...]
    wanted: tuple[str, ...]

    @property
    def rank(self) -> int | None:
        """1-based rank of the best expected page among the results (``None``: not found)."""
        ranks = [self.results.index(url) + 1 for url in self.wanted if url in self.results]
        return min(ranks) if ranks else None

    @property
    def answered(self) -> bool:
        """An expected page is among the first three results."""
        return self.rank is not None and self.rank <= TOP

    @property
    def other_script(self) -> list[str]:
        """Results from the other script's site."""
        folder = SCRIPTS[self.question.script]
        others = [other for other in SCRIPTS.values() if other and other != folder]
        if folder:
            return [url for url in self.results if not url.startswith(folder)]
        return [url for url in self.results if url.startswith(tuple(others))]


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    """Every question of the set, checked."""
    questions = []
    for entry in tomllib.loads(path.read_text(encoding="utf-8"))["question"]:
        if entry["script"] not in SCRIPTS or not entry["expect"]:
            raise ValueError(f"{path}: bad question {entry!r}")
        questions.append(Question(entry["script"], entry["q"], tuple(entry["expect"])))
    return questions


def page_url(source: str, script: str, *, directory_urls: bool) -> str:
    """The built page of ``source`` (``faq.md``) in ``script``, relative to the site root."""
    stem = source.removesuffix(".md")
    if directory_urls:
        path = "" if stem == "index" else stem.removesuffix("index") + ("" if stem.endswith("index") else "/")
    else:
        path = f"{stem}.html"
    return SCRIPTS[script] + path


def open_search(page: Any) -> None:
    """Open the search dialog of the loaded page and wait until its index is ready."""
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search-result__meta").filter(has_text=PLACEHOLDER).wait_for(timeout=60_000)


def ask(page: Any, question: Question, root: str, *, directory_urls: bool) -> Answer:
    """Type ``question`` into the open search box of ``page`` and read the result pages.

    The box is emptied first (the result line then asks for input again), so the
    results read afterwards are this question's, not the previous one's.

    Args:
        page: a Playwright page of the question's script with the search dialog open.
        question: what to type.
        root: the site root's URL, ending in ``/``.
        directory_urls: whether the build has ``faq/`` (served) or ``faq.html`` (offline) URLs.
    """
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")  # Material reads the box on keyup, which an IME's commit also sends
    meta.filter(has_text=PLACEHOLDER).wait_for(timeout=15_000)
    box.fill(question.text)
    box.press("End")
    meta.filter(has_not_text=PLACEHOLDER).wait_for(timeout=15_000)
    links = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    hrefs = [str(href) for href in links.evaluate_all("links => links.map(link => link.href)")]
    results = tuple(dict.fromkeys(href.split("#")[0].removeprefix(root) for href in hrefs))
    wanted = tuple(page_url(source, question.script, directory_urls=directory_urls) for source in question.expect)
    return Answer(question, results, wanted)


def score(answers: Sequence[Answer]) -> str:
    """``answered/asked (percent)``."""
    answered = sum(answer.answered for answer in answers)
    return f"{answered}/{len(answers)} ({answered / len(answers):.0%})"


def _main(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    from mkdocs_guide.serve import make_server
    from tools.chromium import CHROMIUM_ARGS, chromium_executable

    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    answers: list[Answer] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for script, folder in SCRIPTS.items():
            page = browser.new_page(viewport={"width": 360, "height": 800})
            page.goto(root + folder)
            open_search(page)
            for question in (q for q in load_questions() if q.script == script):
                answer = ask(page, question, root, directory_urls=True)
                answers.append(answer)
                mark = "ok " if answer.answered else "MISS"
                print(f"{mark} {answer.rank or '-':>2} {script:7} {question.text}  → {', '.join(answer.results[:3])}")
        browser.close()
    server.shutdown()
    other = sum(bool(answer.other_script) for answer in answers)
    print(f"expected page among the first {TOP}: {score(answers)}; with a result in the other script: {other}")


if __name__ == "__main__":
    _main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
