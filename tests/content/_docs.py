"""The guide's pages as the content tests read them: front matter, body and sources section."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DOCS", "PAGES", "URGENT", "Page", "page"]

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
#: Every simplified source page (hand-written ``*.zh-Hant.md`` overrides are not sources).
PAGES = sorted(path for path in DOCS.rglob("*.md") if not path.name.endswith(".zh-Hant.md"))

#: The home page's 紧急情况先看 block (index.md#urgent), a raw admonition so that it can carry its id: its content.
URGENT = re.compile(
    r'^<div class="admonition danger" id="urgent" markdown>\n(.*?)\n</div>\n+', re.DOTALL | re.MULTILINE
)
_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n(.*)$", re.DOTALL)
_SOURCES_HEADING = re.compile(r"^## 依据与来源 \{#sources\}$", re.MULTILINE)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Page:
    """One page: its name under docs/, front matter, the text above its sources section, and that section."""

    name: str
    meta: dict[str, Any]
    body: str
    sources: str

    @property
    def prose(self) -> str:
        """The body without link targets and HTML comments: the words a reader sees."""
        return _LINK_TARGET.sub("]", _COMMENT.sub("", self.body))

    @property
    def prose_lines(self) -> list[str]:
        """The prose, one line at a time, without blank lines."""
        return [line for line in self.prose.splitlines() if line.strip()]

    def section(self, anchor: str) -> str:
        """The raw Markdown under the heading ``{#anchor}``, up to the next heading of its level or above."""
        match = re.search(rf"^(#+) .*\{{#{anchor}\}}$", self.body, re.MULTILINE)
        assert match, f"{self.name}: no #{anchor}"
        rest = self.body[match.end() :]
        end = re.search(rf"^#{{1,{len(match.group(1))}}} ", rest, re.MULTILINE)
        return rest[: end.start()] if end else rest


@cache
def page(path: Path) -> Page:
    """Read a page; a page without front matter or a sources section fails here."""
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    assert match, f"{path.name}: no front matter"
    meta = yaml.safe_load(match.group(1))
    parts = _SOURCES_HEADING.split(match.group(2), maxsplit=1)
    assert len(parts) == 2, f"{path.name}: no 依据与来源 section"
    body, sources = parts
    return Page(str(path.relative_to(DOCS)), meta, body, sources)
