"""The links of the guide's own pages that open a calculator prefilled, read from the Markdown sources (tests).

The build finds them in the pages' HTML (``mkdocs_guide/calc/precompute.py``); the tests read
them here from ``docs/`` on their own, so a link the build missed is a failure, not a gap.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mkdocs_guide.calc.plugin import MARKER

__all__ = ["DOCS", "GuideLink", "guide_links"]

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: A Markdown link to a page with a query string: ``[…](calculators/apr.md?received=…)``.
_LINK = re.compile(r"\]\((?P<path>[^)\s?#]+\.md)\?(?P<query>[^)\s#]+)")


@dataclass(frozen=True)
class GuideLink:
    """A prefilled link: the page it is on, the calculator it opens, and its query string."""

    source: str
    calculator: str
    query: str


@cache
def guide_links() -> tuple[GuideLink, ...]:
    """Every distinct link of ``docs/`` (simplified sources) that opens a calculator page with a query."""
    calculators = {}
    for path in DOCS.rglob("*.md"):
        if match := MARKER.search(path.read_text(encoding="utf-8")):
            calculators[path.relative_to(DOCS).as_posix()] = match.group(1)
    found: dict[tuple[str, str], GuideLink] = {}
    for path in sorted(DOCS.rglob("*.md")):
        if path.name.endswith(".zh-Hant.md"):
            continue
        source = path.relative_to(DOCS).as_posix()
        for match in _LINK.finditer(path.read_text(encoding="utf-8")):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), match.group("path")))
            if target in calculators:
                found.setdefault(
                    (calculators[target], match.group("query")),
                    GuideLink(source, calculators[target], match.group("query")),
                )
    return tuple(found.values())
