"""Results computed at build time, so a calculator page shows a worked answer before the engine.

The build runs the engine's own Python (:func:`calculators.run`, under CPython) on the
values a calculator's form will hold and post: its defaults, and those a prefilled link of
the guide's own pages gives it (``calculators/NAME/?…``).  :func:`form_values` reads a query
string as ``calculator.js``'s prefill and ``formValues`` do, so a result computed here is
the one the engine gives on that page; the page script shows it only while the form holds
exactly these values.  A calculator declared ``uses_today`` gets nothing computed ahead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from calculators import Calculator, Field, Result, normalise_word, parse_field, run
from calculators._internal.i18n import DEFAULT_LANG, has_catalog, set_catalog

from .messages import message_catalog
from .render import TRUE_WORDS, is_textarea

__all__ = ["Precomputed", "form_values", "precompute", "query_links"]


@dataclass(frozen=True)
class Precomputed:
    """A result the build computed for a calculator's form.

    Attributes:
        values: field name → the text the form holds, as the page posts it to the engine.
        result: :func:`calculators.run` on those values in the page's script.
    """

    values: Mapping[str, str]
    result: Result

    def entry(self) -> dict[str, Any]:
        """What the page's data block holds for it: the values and the outputs."""
        return {"values": dict(self.values), "outputs": self.result["outputs"]}


#: The words that tick a checkbox, as the page script reads them from ``data-true-words``.
_TRUE = frozenset(TRUE_WORDS.split(" "))


def _control_value(spec: Field, given: str | None) -> str:
    """What the field's control holds: rendered with the default, then ``given`` set by the prefill."""
    if spec.kind == "boolean":
        ticked = parse_field(spec, spec.default) is True if given is None else normalise_word(given) in _TRUE
        return "true" if ticked else "false"
    if spec.kind == "choice":
        options = [value for value, _label in spec.choices]
        if given is None:  # a select without a selected option shows its first
            return spec.default if spec.default in options else (options[0] if options else "")
        return given if given in options else ""  # select.value = unknown selects nothing
    text = spec.default if given is None else given
    if is_textarea(spec):
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\r", "").replace("\n", "")  # a one-line input drops line breaks


def form_values(calc: Calculator[Any, Any], query: str = "") -> dict[str, str]:
    """The values a calculator's form posts after the page script's prefill from ``query``.

    Args:
        calc: the calculator.
        query: a URL's query string (without ``?``), as ``URLSearchParams`` reads it: the first
            value of each name counts, names that are not fields are ignored.

    Returns:
        Field name → text, for every field.
    """
    given: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
        given.setdefault(name, value)
    return {spec.name: _control_value(spec, given.get(spec.name)) for spec in calc.fields}


@cache
def _catalog() -> dict[str, str]:
    return message_catalog()


@contextmanager
def _messages(lang: str) -> Iterator[None]:
    # A source checkout has no built catalogue: lend the one the wheel ships, for this run only.
    if lang == DEFAULT_LANG or has_catalog(lang):
        yield
        return
    set_catalog(lang, _catalog())
    try:
        yield
    finally:
        set_catalog(lang, None)


def precompute(calc: Calculator[Any, Any], values: Mapping[str, str], lang: str) -> Precomputed:
    """Run a calculator on a form's values, as the engine would on the page.

    Args:
        calc: the calculator.
        values: from :func:`form_values`.
        lang: the page's language, ``"zh"`` or ``"zh-Hant"``.

    Returns:
        The values and the result (with messages for the reader if it is not ``ok``).
    """
    with _messages(lang):
        return Precomputed(values=dict(values), result=run(calc.name, values, lang))


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


#: Stands for the site's root while links are resolved; no link leaves the site through it.
_ROOT = "https://site.invalid/"


def query_links(html: str, page_url: str) -> list[tuple[str, str]]:
    """The links of a page's HTML that open a page of the site with a query string.

    Args:
        html: the page's content.
        page_url: the page's URL from the site's root (``negotiate/``, ``calculators/apr.html``).

    Returns:
        ``(URL of the linked page from the site's root, query string)`` pairs, in page order.
    """
    parser = _Hrefs()
    parser.feed(html)
    parser.close()
    found = []
    for href in parser.hrefs:
        url = urlsplit(urljoin(_ROOT + page_url, href))
        if url.query and f"{url.scheme}://{url.netloc}/" == _ROOT:
            found.append((url.path.removeprefix("/"), url.query))
    return found
