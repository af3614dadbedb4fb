"""Runtime translation of the calculators' messages.

Every user-visible string in the package is written in simplified Chinese and
passed through :func:`gettext` when shown.  The build collects every string
literal that contains a CJK character (:func:`extract_messages`), converts it
with OpenCC and ships the result inside the wheel as ``_messages/<lang>.json``;
the browser therefore never needs a converter.  Formatted messages use
``gettext("…{x}…").format(x=…)`` so that the template, not its result, is
looked up.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "extract_messages",
    "gettext",
    "use_language",
]

DEFAULT_LANG = "zh"
LANGS = ("zh", "zh-Hant")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_catalogs: dict[str, dict[str, str]] = {}
_active: dict[str, str] = {}


def _load_catalog(lang: str) -> dict[str, str]:
    if lang not in _catalogs:
        path = resources.files("calculators").joinpath("_messages", f"{lang}.json")
        try:
            _catalogs[lang] = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError):
            # Source checkouts have no catalog: messages stay simplified.
            _catalogs[lang] = {}
    return _catalogs[lang]


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Translate messages into ``lang`` inside the ``with`` block.

    Args:
        lang: ``"zh"`` or ``"zh-Hant"``; anything else means simplified.
    """
    global _active
    previous = _active
    _active = {} if lang == DEFAULT_LANG else _load_catalog(lang)
    try:
        yield
    finally:
        _active = previous


def gettext(message: str) -> str:
    """Return ``message`` in the active language."""
    return _active.get(message, message)


def extract_messages(package_dir: Path) -> list[str]:
    """Every string literal with a CJK character in the package's modules.

    Args:
        package_dir: the ``calculators`` folder.

    Returns:
        The sorted, de-duplicated literals.
    """
    found: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CJK.search(node.value):
                found.add(node.value)
    return sorted(found)
