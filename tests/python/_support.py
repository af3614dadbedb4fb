"""Helpers shared by the calculators' tests: running them, and inputs for property tests."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from calculators import BOOLEAN_WORDS, Field, get_calculator, run

ROOT = Path(__file__).resolve().parents[2]

#: Values every field is tried with: what readers, links and attackers may send.
NASTY = [
    "", " ", "\t\n", "abc", "-1", "0", "-0", "-0.00", "－0", "1e308", "1E5", "1" + "0" * 30, "999", "9" * 400,
    "NaN", "inf", "-Infinity", "１０，０００", "1万", "1.5万", "1,000", "1,00", "12,345.67", "0x10", "1_000", "½",
    "١٢٣", "1²", "①", "5%", "1.0000000000000000000000000000001", "1900-01-01", "2200-12-31", "2024-02-30",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "\x00", "\u202e1", "\ud800", "true", "null",
    "[]", "{}", "%", "元", "万",
]  # fmt: skip


def run_ok(name: str, raw: dict[str, str]) -> dict[str, Any]:
    """The outputs of a run that must succeed."""
    result = run(name, raw)
    assert result["ok"], result
    outputs: dict[str, Any] = result["outputs"]
    return outputs


def run_errors(name: str, raw: dict[str, str]) -> dict[str, str]:
    """Field name → message of a run that must fail."""
    result = run(name, raw)
    assert not result["ok"], result
    return {error["field"]: error["message"] for error in result["errors"]}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m calculators ARGS…`` in a fresh interpreter from the source checkout."""
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def _plausible(spec: Field) -> st.SearchStrategy[str]:
    """Values near the field's accepted range, so that many examples reach the computation."""
    if spec.kind in ("money", "decimal"):
        low = spec.minimum if isinstance(spec.minimum, Decimal) else Decimal(0)
        high = spec.maximum if isinstance(spec.maximum, Decimal) else Decimal(1_000_000)
        inside = st.decimals(min_value=low, max_value=high, places=2, allow_nan=False, allow_infinity=False)
        edges = st.sampled_from([low, high, low - 1, high + 1, Decimal("0.001")])
        return st.one_of(inside, edges).map(str)
    if spec.kind == "integer":
        first = int(spec.minimum) if isinstance(spec.minimum, Decimal) else 0
        last = int(spec.maximum) if isinstance(spec.maximum, Decimal) else 1000
        return st.integers(min_value=first - 2, max_value=last + 2).map(str)
    if spec.kind == "choice":
        return st.sampled_from([value for value, _label in spec.choices] + [label for _value, label in spec.choices])
    if spec.kind == "date":
        return st.dates(min_value=date(1985, 1, 1), max_value=date(2105, 1, 1)).map(date.isoformat)
    if spec.kind == "boolean":
        return st.sampled_from([*BOOLEAN_WORDS, "maybe", "①"])
    return st.text(max_size=80)


def raw_inputs(name: str) -> st.SearchStrategy[dict[str, str]]:
    """Any mapping of field names (and stray names) to text: arbitrary strings, nasty or plausible values."""
    calculator = get_calculator(name)
    names = [spec.name for spec in calculator.fields]
    anything = st.one_of(st.text(max_size=60), st.sampled_from(NASTY))
    arbitrary = st.dictionaries(st.sampled_from([*names, "unknown"]), anything, max_size=len(names) + 1)
    plausible = st.fixed_dictionaries(
        {},
        # Mostly plausible values (so that most examples reach the computation), sometimes anything.
        optional={spec.name: st.one_of(*[_plausible(spec)] * 3, anything) for spec in calculator.fields},
    )
    return st.one_of(arbitrary, plausible)


def _amount_text(value: Decimal) -> st.SearchStrategy[str]:
    """The ways a reader may write an amount: plain, grouped, full width."""
    plain = format(value, "f")
    grouped = f"{value:,}"
    full_width = grouped.translate({code: code + 0xFEE0 for code in range(0x21, 0x7F)})
    return st.sampled_from([plain, grouped, full_width])


def _valid(spec: Field) -> st.SearchStrategy[str]:
    """Text that the field accepts: any value in its range, written as readers write it."""
    if spec.kind in ("money", "decimal"):
        assert isinstance(spec.minimum, Decimal) and isinstance(spec.maximum, Decimal)
        places = spec.places
        low, high = spec.minimum, min(spec.maximum, Decimal(10) ** 12)
        value = st.one_of(
            st.decimals(min_value=low, max_value=high, places=places),
            st.decimals(min_value=low, max_value=min(high, low + 100), places=places),
            st.sampled_from([low, high]),
        )
        return value.flatmap(_amount_text) if spec.kind == "money" else value.map(lambda v: format(v, "f"))
    if spec.kind == "integer":
        assert isinstance(spec.minimum, Decimal) and isinstance(spec.maximum, Decimal)
        return st.integers(min_value=int(spec.minimum), max_value=int(spec.maximum)).map(str)
    if spec.kind == "choice":
        return st.sampled_from([value for value, _label in spec.choices])
    if spec.kind == "date":
        assert isinstance(spec.minimum, date) and isinstance(spec.maximum, date)
        return st.dates(min_value=spec.minimum, max_value=spec.maximum).map(date.isoformat)
    if spec.kind == "boolean":
        return st.sampled_from(list(BOOLEAN_WORDS))
    if spec.name == "payments":  # apr's list: amounts, or empty to use the payment and periods
        amounts = st.lists(st.decimals(min_value=Decimal(0), max_value=Decimal(1_000_000), places=2), max_size=24)
        separator = st.sampled_from([" ", "\n", "；", "、", ", "])
        return st.one_of(st.just(""), st.tuples(amounts, separator).map(lambda pair: pair[1].join(map(str, pair[0]))))
    return st.text(max_size=min(spec.max_length, 60))


def valid_inputs(name: str) -> st.SearchStrategy[dict[str, str]]:
    """Inputs each field accepts on its own (a field left out takes its default)."""
    calculator = get_calculator(name)
    return st.fixed_dictionaries({}, optional={spec.name: _valid(spec) for spec in calculator.fields})


def shown(outputs: dict[str, Any]) -> str:
    """Every output as the page would receive it, for searching."""
    return json.dumps(outputs, ensure_ascii=False)
