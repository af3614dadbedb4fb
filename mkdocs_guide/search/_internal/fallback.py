"""The links offered under every search result, and alone when nothing matches."""

from __future__ import annotations

import html
from collections.abc import Sequence

__all__ = ["RESULT_LIST", "add_fallback", "fallback_html"]

#: The empty result list of Material's search dialog; the fallback goes right before it.
RESULT_LIST = '<ol class="md-search-result__list" role="presentation"></ol>'


def fallback_html(label: str, links: Sequence[tuple[str, str]]) -> str:
    """The fallback block: ``label`` followed by ``links`` (``(href, text)`` pairs).

    It sits inside Material's result area, between the result count and the list, so the arrow
    keys reach its links; Material takes the area's first child for the count and its last
    for the list, so it must be neither.
    Material's Enter key follows the link with the highest ``data-md-score`` of
    the first element inside each link: these say ``-1``, so Enter opens a real
    result when there is one, and the first fallback link when there is none.
    """
    items = "".join(
        f'<li><a href="{html.escape(href, quote=True)}"><span data-md-score="-1">{html.escape(text)}</span></a></li>'
        for href, text in links
    )
    label = html.escape(label)
    return f'<nav class="guide-search-fallback" aria-label="{label}"><p>{label}</p><ul>{items}</ul></nav>'


def add_fallback(page_html: str, block: str) -> str:
    """``page_html`` with ``block`` before the search dialog's result list.

    Raises:
        ValueError: the page has no such list (Material's search partial changed).
    """
    at = page_html.find(RESULT_LIST)
    if at < 0:
        raise ValueError("the page has no search result list to put the fallback after")
    return page_html[:at] + block + page_html[at:]
