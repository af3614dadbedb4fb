"""Calculators for readers overdue on JD Finance credit.

Pure Python (standard library only, ``Decimal`` for money) so that the same
code runs in the reader's browser through Pyodide, under CPython in the
tests, and on the command line (``python -m calculators``).
"""

from __future__ import annotations

import json
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
    "normalise_word",
    "parse_field",
    "prepare",
    "run",
    "run_json",
]

__version__ = "0.1.0"


def run_json(name: str, raw_json: str, lang: str = "zh") -> str:
    """:func:`run` with JSON in and out: the browser worker's single call.

    Args:
        name: the calculator's name.
        raw_json: a JSON object of field name → raw text.
        lang: the page's language.

    Returns:
        The result of :func:`run` as a JSON string.
    """
    try:
        raw: Any = json.loads(raw_json)
    except (ValueError, RecursionError):
        raw = None
    if not isinstance(raw, dict):
        raw = {}
    return json.dumps(run(name, raw, lang), ensure_ascii=False)


def prepare(name: str) -> list[str]:
    """Import the packages calculator ``name`` declares (``Calculator.packages``), ahead of its first run.

    The browser worker calls this while it starts: importing them compiles their sources, which
    on a slow phone takes seconds, and a first computation must answer within the page's watchdog.

    Args:
        name: the calculator's name.

    Returns:
        The modules imported, by name.
    """
    from importlib import import_module, metadata

    def canonical(distribution: str) -> str:
        return distribution.lower().replace("_", "-").replace(".", "-")

    wanted = {canonical(package) for package in get_calculator(name).packages}
    modules = sorted(
        module
        for module, distributions in metadata.packages_distributions().items()
        if module.isidentifier() and any(canonical(dist) in wanted for dist in distributions)
    )
    for module in modules:
        import_module(module)
    return modules
