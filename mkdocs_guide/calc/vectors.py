"""The inputs every calculator is run on in Pyodide: by the build, to trim the standard library, and by the tests.

A vector is one computation as the page's worker makes it: a calculator's name,
the raw texts of some of its fields, and the page's script.  The set is every
calculator's defaults and worked examples (``tests/pyodide/examples.json``) and
:data:`BAD_INPUTS` in each field, in both scripts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculators import all_calculators

__all__ = ["BAD_INPUTS", "LANGS", "vectors"]

#: What readers mistype or paste (and worse), tried in every field of every calculator.
BAD_INPUTS = (
    "",
    "  ",
    "abc",
    "-1",
    "0",
    "1e308",
    "1" + "0" * 30,
    "999",
    "１０，０００",
    "1万",
    "1900-01-01",
    "2200-12-31",
    "<script>alert(1)</script>",
    "\u202e",
    "-0",
    "12,345.67",
    "1.0000000000000000000000000000001",
    "1²",
    "5%",
)
#: The page scripts a calculator answers in.
LANGS = ("zh", "zh-Hant")


def vectors(examples: Path) -> list[dict[str, Any]]:
    """Every vector: ``{"name", "inputs", "lang", "packages", "later"}`` each.

    ``packages`` are those its calculator imports beyond the wheel (``Calculator.packages``),
    which a runner loads as the page's worker does; ``later`` those only some of its outputs
    need (``Calculator.later_packages``), which the worker loads after its first answers.

    Args:
        examples: a JSON object of calculator name → list of worked examples (field → text).
    """
    worked = json.loads(examples.read_text(encoding="utf-8"))
    found = [{"name": name, "inputs": inputs} for name, cases in worked.items() for inputs in cases]
    for calculator in all_calculators():
        found.append({"name": calculator.name, "inputs": {}})
        for spec in calculator.fields:
            found += [{"name": calculator.name, "inputs": {spec.name: bad}} for bad in BAD_INPUTS]
    needs = {
        calc.name: {"packages": list(calc.packages), "later": list(calc.later_packages)} for calc in all_calculators()
    }
    return [{**vector, "lang": lang, **needs[vector["name"]]} for vector in found for lang in LANGS]
