"""The calculators in real Pyodide (Node + the pinned npm package), compared with CPython.

The vectors are every calculator's defaults and worked examples, plus a set of
bad inputs for every field, in both scripts (:mod:`mkdocs_guide.calc.vectors`);
CPython's answers are the reference.  Pyodide loads the wheel through the built
site's lock file, with the site's trimmed standard library.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calculators import run
from calculators._internal import i18n
from mkdocs_guide.calc.contract import RUNTIME_DIR
from mkdocs_guide.calc.vectors import vectors

pytestmark = pytest.mark.pyodide

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def _vectors() -> list[dict[str, Any]]:
    # The build's own set (it trims the standard library by what these import).
    return vectors(HERE / "examples.json")


@pytest.fixture(scope="module", params=["plain", "snapshot"])
def pyodide_results(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[str, Any]:
    """Every vector through the plain load and through the build's memory snapshot."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the Pyodide tests"
    vectors = _vectors()
    path = tmp_path_factory.mktemp("vectors") / "vectors.json"
    path.write_text(json.dumps(vectors), encoding="utf-8")  # ASCII: a vector may hold a lone surrogate
    done = subprocess.run(
        [node, str(HERE / "run_vectors.mjs"), str(built_site / RUNTIME_DIR), str(path), request.param],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {"vectors": vectors, **json.loads(done.stdout)}


def test_pyodide_is_the_pinned_python(pyodide_results: dict[str, Any]) -> None:
    assert pyodide_results["python"].startswith("3.14.")


def test_the_standard_library_is_trimmed(pyodide_results: dict[str, Any]) -> None:
    # The vectors below pass with it; a module it left out is an ImportError, never a number.
    assert pyodide_results["missing"] is True


def test_pyodide_and_cpython_agree_on_every_vector(pyodide_results: dict[str, Any], built_site: Path) -> None:
    # CPython reads the same zh-Hant catalogue the wheel carries.
    import zipfile

    wheel = next((built_site / RUNTIME_DIR).glob("calculators-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        i18n.set_catalog("zh-Hant", json.loads(archive.read("calculators/_messages/zh-Hant.json")))
    try:
        expected = [run(v["name"], v["inputs"], v["lang"]) for v in pyodide_results["vectors"]]
    finally:
        i18n.set_catalog("zh-Hant", None)
    mismatches = [
        (vector, got, want)
        for vector, got, want in zip(pyodide_results["vectors"], pyodide_results["results"], expected, strict=True)
        if got != want
    ]
    assert mismatches == []
    assert len(expected) > 100


def test_first_answers_agree_and_need_no_later_package(pyodide_results: dict[str, Any], built_site: Path) -> None:
    # As the worker answers before its later packages are in: the same as CPython without them,
    # with the first zip of the standard library only, and without importing them.
    import zipfile

    wheel = next((built_site / RUNTIME_DIR).glob("calculators-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        i18n.set_catalog("zh-Hant", json.loads(archive.read("calculators/_messages/zh-Hant.json")))
    try:
        pairs = [
            (got, run(vector["name"], vector["inputs"], vector["lang"], vector["later"]))
            for vector, got in zip(pyodide_results["vectors"], pyodide_results["first"], strict=True)
            if vector["later"]
        ]
    finally:
        i18n.set_catalog("zh-Hant", None)
    assert [got for got, want in pairs if got != want] == []
    assert sum("pending" in got for got, _want in pairs) > 10
    assert pyodide_results["importedFirst"] == ["chinese_calendar"]


def test_examples_give_results_in_pyodide(pyodide_results: dict[str, Any]) -> None:
    by_vector = zip(pyodide_results["vectors"], pyodide_results["results"], strict=True)
    overdue = next(result for vector, result in by_vector if vector["name"] == "overdue" and vector["inputs"])
    assert overdue == {"ok": True, "outputs": overdue["outputs"]}
    assert overdue["outputs"]["penalty"] == "150.00"


def test_bad_input_is_a_message_in_the_page_script(pyodide_results: dict[str, Any]) -> None:
    for vector, result in zip(pyodide_results["vectors"], pyodide_results["results"], strict=True):
        if vector["name"] == "overdue" and vector["inputs"] == {"principal": ""}:
            message = result["errors"][0]["message"]
            assert message == (
                "逾期金額：請填寫這一項。" if vector["lang"] == "zh-Hant" else "逾期金额：请填写这一项。"
            )


def test_calendar_files_are_made_without_a_time_zone_database(pyodide_results: dict[str, Any]) -> None:
    # The deadline vectors wrote .ics files in Pyodide; tzdata is in neither start (runtime.NOT_SHIPPED).
    assert {"icalendar", "chinese_calendar"} <= set(pyodide_results["prepared"])
    assert "icalendar" in pyodide_results["loaded"]
    assert "tzdata" not in pyodide_results["loaded"]
    by_vector = zip(pyodide_results["vectors"], pyodide_results["results"], strict=True)
    files = [result["outputs"]["ics"] for vector, result in by_vector if vector["name"] == "deadline" and result["ok"]]
    assert any(text and text.startswith("BEGIN:VCALENDAR") for text in files)
