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

from calculators import Field, get_calculator, run

ROOT = Path(__file__).resolve().parents[2]


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


def run_cli(name: str, raw: dict[str, str]) -> dict[str, Any]:
    """``python -m calculators NAME --json …`` in a fresh interpreter; its parsed output."""
    completed = subprocess.run(
        [sys.executable, "-m", "calculators", name, "--json", json.dumps(raw, ensure_ascii=False)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    outputs: dict[str, Any] = json.loads(completed.stdout)
    return outputs


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
        return st.sampled_from(["true", "false", "1", "0", "是", "否", "", "maybe"])
    return st.text(max_size=80)


def raw_inputs(name: str) -> st.SearchStrategy[dict[str, str]]:
    """Any mapping of field names (and stray names) to text: arbitrary strings or plausible values."""
    calculator = get_calculator(name)
    names = [spec.name for spec in calculator.fields]
    arbitrary = st.dictionaries(st.sampled_from([*names, "unknown"]), st.text(max_size=60), max_size=len(names) + 1)
    plausible = st.fixed_dictionaries(
        {},
        # Mostly plausible values (so that most examples reach the computation), sometimes any text.
        optional={spec.name: st.one_of(*[_plausible(spec)] * 3, st.text(max_size=20)) for spec in calculator.fields},
    )
    return st.one_of(arbitrary, plausible)


def check_any_result(name: str, raw: dict[str, str]) -> dict[str, Any]:
    """Run ``name`` on ``raw`` and check the result's shape: outputs, or errors naming real fields."""
    result = run(name, raw)
    calculator = get_calculator(name)
    if result["ok"]:
        assert set(result["outputs"]) == {spec.name for spec in calculator.outputs}
    else:
        fields = {spec.name for spec in calculator.fields}
        assert result["errors"]
        for error in result["errors"]:
            assert error["field"] in fields
            label = calculator.field(error["field"]).label
            assert error["message"].startswith(label + "："), error
    json.dumps(result, ensure_ascii=False)
    return result
