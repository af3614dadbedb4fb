"""Every field of every calculator against hostile input: a result or a named message, never a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import all_calculators, run

NASTY = [
    "", " ", "\t\n", "abc", "-1", "0", "-0", "1e308", "1E5", "1" + "0" * 30, "999", "9" * 400, "NaN", "inf",
    "-Infinity", "１０，０００", "1万", "1.5万", "1,000", "1,00", "0x10", "1_000", "½", "١٢٣", "1900-01-01",
    "2200-12-31", "2024-02-30", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "\x00", "\u202e1",
    "true", "null", "[]", "{}", "%", "元", "万",
]  # fmt: skip
FIELDS = [(calc.name, spec.name) for calc in all_calculators() for spec in calc.fields]


def _check(name: str, result: dict[str, Any], raw: dict[str, str]) -> None:
    calculator = next(calc for calc in all_calculators() if calc.name == name)
    if result["ok"]:
        # Free text the reader typed (a name, a reason) may say anything; computed values may not.
        typed = " ".join(raw.values())
        for output in calculator.outputs:
            text = json.dumps(result["outputs"][output.name], ensure_ascii=False)
            assert "Traceback" not in text
            for token in ("NaN", "Infinity"):
                assert token not in text or (output.kind == "text" and token in typed), (output.name, text)
    else:
        names = {spec.name for spec in calculator.fields}
        assert result["errors"]
        for error in result["errors"]:
            assert error["field"] in names and error["message"], error


@pytest.mark.parametrize(("name", "field"), FIELDS)
@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_listed_nasty_values(name: str, field: str, lang: str) -> None:
    for value in NASTY:
        _check(name, run(name, {field: value}, lang), {field: value})


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([calc.name for calc in all_calculators()]),
    st.dictionaries(
        st.sampled_from(sorted({field for _, field in FIELDS})), st.one_of(st.text(max_size=40), st.sampled_from(NASTY))
    ),
)
def test_any_combination_gives_results_or_named_messages(name: str, raw: dict[str, str]) -> None:
    _check(name, run(name, raw), raw)


@pytest.mark.parametrize("name", [calc.name for calc in all_calculators()])
def test_command_line_refuses_bad_input_with_status_2(name: str) -> None:
    first = next(calc for calc in all_calculators() if calc.name == name).fields[0].name
    done = subprocess.run(
        [sys.executable, "-m", "calculators", name, "--json", json.dumps({first: "<b>1e308</b>"})],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert f"{first}: " in done.stderr
    assert "Traceback" not in done.stderr
