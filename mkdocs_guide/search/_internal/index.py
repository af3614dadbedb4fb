"""One search index per language, made from the single index Material and i18n write.

mkdocs-static-i18n gathers every language's entries into ``search/search_index.json``
at the site root, and Material fetches the index from beside the page's ``base``,
so a reader would search both scripts at once.  These functions split that index by
language folder, make each entry's location relative to its folder, and add the
hidden fields the guide ranks with.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jieba

from .synonyms import Synonyms

__all__ = ["ZWSP", "Doc", "add_synonyms", "split_by_folder", "tidy", "words", "write_index"]

#: What Material puts between the words jieba finds.
ZWSP = "\u200b"
#: An index entry: location, title, text, tags… as Material's search plugin writes it.
Doc = dict[str, Any]


def split_by_folder(docs: Iterable[Doc], folders: Iterable[str]) -> dict[str, list[Doc]]:
    """The entries of each language folder (``""`` for the root), locations made relative to it.

    Args:
        docs: the entries of the combined index, in order (a page before its sections).
        folders: every language's folder below the root, ``""`` or ending in ``/``.
    """
    prefixes = sorted((folder for folder in folders if folder), key=len, reverse=True)
    split: dict[str, list[Doc]] = {folder: [] for folder in folders}
    for doc in docs:
        folder = next((prefix for prefix in prefixes if doc["location"].startswith(prefix)), "")
        split[folder].append({**doc, "location": doc["location"][len(folder) :]})
    return split


def tidy(text: str, separator: re.Pattern[str]) -> str:
    """``text`` without the zero-width spaces that split nothing.

    Material sets every jieba word apart with zero-width spaces, also beside
    punctuation and markup, where the separator splits anyway; those are dropped,
    so snippets carry fewer invisible characters and the index is smaller.  The
    tokens the search worker makes are unchanged.
    """
    kept: list[str] = []
    for at, char in enumerate(text):
        if char == ZWSP:
            before = kept[-1] if kept else ""
            after = text[at + 1] if at + 1 < len(text) else ""
            if not before or not after or before in "<>" or after in "<>":
                continue
            if separator.fullmatch(before) or separator.fullmatch(after):
                continue
        kept.append(char)
    return "".join(kept)


def add_synonyms(doc: Doc, synonyms: Synonyms, field: str) -> None:
    """Give ``doc`` the readers' words for each guide word in its title or text."""
    plain = (doc.get("title", "") + " " + doc.get("text", "")).replace(ZWSP, "")
    words = [reader for word, readers in synonyms.items() if word in plain for reader in readers]
    if words:
        doc[field] = " ".join(dict.fromkeys(words))


def words(text: str, separator: re.Pattern[str]) -> list[str]:
    """The words of ``text`` as jieba splits it, without punctuation and spaces."""
    return [word for word in jieba.cut(text) if word.strip() and not separator.fullmatch(word)]


def write_index(folder: Path, index: Mapping[str, Any], *, script: bool) -> None:
    """Write ``search/search_index.json`` below ``folder`` (and ``search_index.js`` for ``file://``).

    The JSON keeps characters as they are (half the size of ``\\u`` escapes); the
    script, which Material's offline bundle loads with a ``<script>`` tag, keeps
    the escapes, so it reads the same whatever encoding a browser assumes.
    """
    target = folder / "search"
    target.mkdir(parents=True, exist_ok=True)
    (target / "search_index.json").write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    if script:
        (target / "search_index.js").write_text(
            "var __index = " + json.dumps(index, separators=(",", ":")), encoding="utf-8"
        )
