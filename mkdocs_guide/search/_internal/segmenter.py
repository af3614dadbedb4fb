"""jieba's model in the script being indexed.

Material's search plugin cuts Chinese text with jieba's default tokenizer, whose
dictionary is simplified.  On traditional text it then knows few words and cuts
many into characters (註銷 → 註 | 銷), though the traditional pages are the simplified
ones converted.  So the traditional build is cut with jieba's dictionary converted
by the same converter as the pages, and the HMM jieba guesses unknown words with
gives each character's converted forms the character's odds: each page then splits
as its simplified source does.  The converted dictionary is written once per
converter and jieba version, and each model is loaded once per process.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jieba
import jieba.finalseg

__all__ = ["Emissions", "Model", "converted_emissions", "converted_model", "use_model"]

_SOURCE = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
_PREFIX = "jieba-dict-"


def _dictionary_text(lines: list[str]) -> str:
    # Two words can convert to one (jieba's dictionary holds some traditional forms
    # besides their simplified ones: 间 and 間). jieba gives a word the frequency of its
    # last line and counts every line in the total, so each line stays, and each word's
    # most frequent line (the simplified source's) goes last: the odds are then the
    # simplified text's exactly, which matters where two cuts are nearly tied (银行间).
    best: dict[str, int] = {}
    for number, line in enumerate(lines):
        word, frequency = line.split(" ")[:2]
        if word not in best or int(frequency) > int(lines[best[word]].split(" ")[1]):
            best[word] = number
    last = set(best.values())
    ordered = [line for number, line in enumerate(lines) if number not in last]
    ordered += [lines[number] for number in sorted(last)]
    return "".join(line + "\n" for line in ordered)


def _character_forms(source: str, converted: str) -> set[tuple[str, str]]:
    # Every (character, converted form) pair the dictionary's words show: a character
    # converts by context (签名 → 簽名, 标签 → 標籤), so one character has several forms.
    pairs: set[tuple[str, str]] = set()
    for line, converted_line in zip(source.splitlines(), converted.splitlines(), strict=True):
        word, converted_word = line.split(" ", 1)[0], converted_line.split(" ", 1)[0]
        if len(word) == len(converted_word):
            pairs.update((a, b) for a, b in zip(word, converted_word, strict=True) if a != b)
    return pairs


def _cached_dictionary(text: str, cache_dir: Path) -> Path:
    # Named by what it holds, so a changed converter can never leave a stale file (and
    # jieba's own cache of it, which trusts the path and mtime) in use.
    target = cache_dir / f"{_PREFIX}{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"
    if not target.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
        # The files of earlier converters, and jieba's caches of them, are of no more use.
        for old in [*cache_dir.glob(f"{_PREFIX}*.txt"), *cache_dir.glob("jieba.u*.cache")]:
            if old != target:
                old.unlink(missing_ok=True)
    return target


#: What jieba's HMM knows of each character (per state, log odds), as jieba ships it.
Emissions = dict[str, dict[str, float]]
_OWN_EMISSIONS: Emissions = jieba.finalseg.emit_P


def converted_emissions(forms: set[tuple[str, str]]) -> Emissions:
    """jieba's HMM odds with each character's converted forms as likely as the character.

    Traditional forms are rare in jieba's training text (還 is 12 orders of magnitude
    less likely than 还 on its own), so without this the HMM joins traditional
    characters that it splits in simplified text.

    Args:
        forms: (character, converted form) pairs.
    """
    converted: Emissions = {}
    for state, odds in _OWN_EMISSIONS.items():
        table = dict(odds)
        for character, form in forms:
            if character in odds:
                table[form] = max(table.get(form, odds[character]), odds[character])
        converted[state] = table
    return converted


@dataclass(frozen=True)
class Model:
    """What jieba cuts one script with: a dictionary file and the HMM's odds (``None``: jieba's own)."""

    dictionary: Path | None = None
    emissions: Emissions | None = field(default=None, compare=False)


@cache
def converted_model(convert: Callable[[str], str], cache_dir: Path) -> Model:
    """jieba's dictionary and HMM with every word converted by ``convert`` (once per process).

    Args:
        convert: the converter the pages are written with.
        cache_dir: where the converted dictionary, and jieba's cache of it, are kept between builds.
    """
    source = _SOURCE.read_text(encoding="utf-8")
    # Words are one per line and no phrase spans a newline, so one call converts them all.
    converted = convert(source)
    return Model(
        _cached_dictionary(_dictionary_text(converted.splitlines()), cache_dir),
        converted_emissions(_character_forms(source, converted)),
    )


#: jieba's loaded dictionary (words, total) per dictionary and user dictionary: switching the
#: script back and forth (both languages on every build of ``mkdocs serve``) then loads nothing.
_loaded: dict[tuple[str | None, Path | None], tuple[dict[str, int], int]] = {}


def use_model(model: Model, user_dictionary: Path | None) -> None:
    """Make jieba's default tokenizer cut with ``model`` and the user's words (``None``: none).

    Not safe while another thread cuts: jieba reads the words and the HMM's odds unlocked.
    """
    tokenizer = jieba.dt
    wanted = jieba.DEFAULT_DICT if model.dictionary is None else os.path.abspath(model.dictionary)
    # The HMM reads its odds from this module global at every cut.
    jieba.finalseg.emit_P = _OWN_EMISSIONS if model.emissions is None else model.emissions
    key = (wanted, user_dictionary)
    if key not in _loaded:
        # jieba's set_dictionary takes a path only; its own dictionary is the None default.
        tokenizer.dictionary = wanted
        tokenizer.tmp_dir = None if model.dictionary is None else str(model.dictionary.parent)
        tokenizer.initialized = False
        tokenizer.initialize()
        if user_dictionary is not None:
            tokenizer.load_userdict(str(user_dictionary))
        _loaded[key] = (tokenizer.FREQ, tokenizer.total)
    tokenizer.dictionary = wanted
    tokenizer.FREQ, tokenizer.total = _loaded[key]
    tokenizer.initialized = True
