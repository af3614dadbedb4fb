"""Calculators for readers overdue on JD Finance credit.

Pure Python (standard library only, ``Decimal`` for money) so that the same
code runs in the reader's browser through Pyodide, under CPython in the
tests, and on the command line (``python -m calculators``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ._internal.fields import BOOLEAN_WORDS, Field, FieldError, Output, normalise_word, parse_field
from ._internal.registry import Calculator, Result, all_calculators, get_calculator, run

__all__ = [
    "BOOLEAN_WORDS",
    "Calculator",
    "Field",
    "FieldError",
    "Output",
    "Result",
    "all_calculators",
    "get_calculator",
    "modules_of",
    "normalise_word",
    "parse_field",
    "prepare",
    "run",
    "run_json",
]

__version__ = "0.1.0"


def run_json(name: str, raw_json: str, lang: str = "zh", without: Iterable[str] = ()) -> str:
    """:func:`run` with JSON in and out: the browser worker's single call.

    Args:
        name: the calculator's name.
        raw_json: a JSON object of field name → raw text.
        lang: the page's language.
        without: the packages the worker has not loaded yet (see :func:`run`).

    Returns:
        The result of :func:`run` as a JSON string.
    """
    try:
        raw: Any = json.loads(raw_json)
    except (ValueError, RecursionError):
        raw = None
    if not isinstance(raw, dict):
        raw = {}
    return json.dumps(run(name, raw, lang, [str(package) for package in without]), ensure_ascii=False)


def prepare(name: str) -> list[str]:
    """Import the packages calculator ``name`` declares, its outputs' included, ahead of their first use.

    The browser worker calls this once it has loaded them: importing them compiles their sources,
    which on a slow phone takes seconds, and a computation must answer within the page's watchdog.
    (It reads the packages' metadata, whose modules the first answers must not need.)

    Args:
        name: the calculator's name.

    Returns:
        The modules imported, by name.

    Raises:
        ModuleNotFoundError: a declared package is not installed (its wheel did not load).
    """
    from importlib import import_module

    modules = modules_of(get_calculator(name).all_packages)
    for module in modules:
        import_module(module)
    return modules


def modules_of(distributions: Iterable[str]) -> list[str]:
    """The top-level modules the installed ``distributions`` provide, sorted.

    Raises:
        ModuleNotFoundError: one of them is not installed (its wheel did not load).
    """
    from importlib import metadata

    def canonical(distribution: str) -> str:
        return distribution.lower().replace("_", "-").replace(".", "-")

    wanted = {canonical(distribution) for distribution in distributions}
    found = metadata.packages_distributions()
    owners = {module: {canonical(dist) for dist in dists} for module, dists in found.items()}
    if absent := sorted(wanted.difference(*owners.values())):
        raise ModuleNotFoundError(f"not installed: {', '.join(absent)}")
    return sorted(module for module, dists in owners.items() if module.isidentifier() and dists & wanted)
