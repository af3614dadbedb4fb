"""The words readers type for the guide's words, read from a TOML file.

The file has one table per scope.  ``[all]`` is written in simplified script and
applies to every language (converted for the generated traditional one); a table
named after a language (``[zh-Hant]``) applies to that language only, in its own
script, for words only its readers use (聯徵, 簡訊, 追數).  Each key is a word
the guide uses; its value, the words readers type for it::

    [all]
    "催收" = ["骚扰", "追债"]

    [zh-Hant]
    "徵信" = ["聯徵"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path

__all__ = ["ALL", "Synonyms", "load_synonyms", "load_words", "synonyms_for"]

#: The table that applies to every language.
ALL = "all"

#: A guide word → the reader's words for it.
Synonyms = Mapping[str, tuple[str, ...]]


def load_synonyms(path: Path) -> dict[str, Synonyms]:
    """Every table of the file, checked.

    Raises:
        ValueError: a value is not a list of non-empty words.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables: dict[str, Synonyms] = {}
    for scope, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"{path}: '{scope}' must be a table of word = [words]")
        words: dict[str, tuple[str, ...]] = {}
        for word, readers in table.items():
            if not isinstance(readers, list) or not all(isinstance(r, str) and r.strip() for r in readers):
                raise ValueError(f"{path}: [{scope}] {word!r} must be a list of words")
            words[word] = tuple(reader.strip() for reader in readers)
        tables[scope] = words
    return tables


def synonyms_for(tables: Mapping[str, Synonyms], language: str, convert: Callable[[str], str] | None) -> Synonyms:
    """The synonyms of one language: ``[all]`` (converted by ``convert``, if given) and its own table."""
    convert = convert or (lambda text: text)
    merged: dict[str, tuple[str, ...]] = {}
    for scope, table in ((ALL, tables.get(ALL, {})), (language, tables.get(language, {}))):
        for word, readers in table.items():
            key = convert(word) if scope == ALL else word
            words = tuple(convert(reader) for reader in readers) if scope == ALL else readers
            merged[key] = tuple(dict.fromkeys((*merged.get(key, ()), *words)))
    return merged


def load_words(path: Path) -> tuple[str, ...]:
    """The words of a plain list: separated by white space, ``#`` starts a comment."""
    lines = (line.partition("#")[0] for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(word for line in lines for word in line.split()))
