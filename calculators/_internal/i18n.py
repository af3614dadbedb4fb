"""Runtime translation of the calculators' messages.

Every user-visible string in the package is written in simplified Chinese and
passed through :func:`gettext` when shown.  The build (``mkdocs_guide/calc/messages.py``)
collects every string literal that contains a CJK character, converts it with OpenCC
and ships the result inside the wheel as ``_messages/<lang>.json``; the browser
therefore never needs a converter.  Formatted messages use
``gettext("…{x}…").format(x=…)`` so that the template, not its result, is
looked up.  This module only looks messages up.
"""

from __future__ import annotations

import json
import pkgutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "gettext",
    "has_catalog",
    "set_catalog",
    "use_language",
]

DEFAULT_LANG = "zh"
LANGS = ("zh", "zh-Hant")

_catalogs: dict[str, dict[str, str]] = {}
_active: dict[str, str] = {}


def _load_catalog(lang: str) -> dict[str, str]:
    if lang not in _catalogs:
        try:
            # pkgutil rather than importlib.resources: fewer modules for the browser to download.
            data = pkgutil.get_data("calculators", f"_messages/{lang}.json")
        except (FileNotFoundError, NotADirectoryError):
            data = None
        if data is not None:
            _catalogs[lang] = json.loads(data.decode("utf-8"))
        else:
            # Source checkouts have no catalogue: messages stay simplified (see has_catalog).
            _catalogs[lang] = {}
    return _catalogs[lang]


def has_catalog(lang: str) -> bool:
    """Whether messages can be shown in ``lang``: the default, or a catalogue shipped or set."""
    return lang == DEFAULT_LANG or bool(_load_catalog(lang))


def set_catalog(lang: str, catalog: Mapping[str, str] | None) -> None:
    """Use ``catalog`` (simplified message → ``lang``) for ``lang``; ``None`` forgets it.

    For a source checkout, which has no built catalogue, and for tests.
    """
    if catalog is None:
        _catalogs.pop(lang, None)
    else:
        _catalogs[lang] = dict(catalog)


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
