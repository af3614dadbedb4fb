"""The benchmark's scenarios and report, on made-up runs (no browser)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from tools.bench.link import Exchange, Traffic
from tools.bench.pages import engine_answered
from tools.bench.report import report_markdown, summarise_profile
from tools.bench.rest import BUSY_SHARE, TIMEOUT_S, WINDOW_S
from tools.bench.scenarios import CALCULATIONS, OVERDUE


def test_the_overdue_scenario_expects_what_python_computes() -> None:
    assert OVERDUE.path == "/calculators/overdue/"
    assert OVERDUE.expected() == "450.00"  # 20000 × 0.05 % × 45 days
    edits = OVERDUE.edits(35)
    assert edits[0] == ("46", "460.00")
    answers = [OVERDUE.expected()] + [answer for _, answer in edits]
    assert all(before != after for before, after in pairwise(answers))


def test_every_scenario_types_fields_its_calculator_has() -> None:
    from calculators import get_calculator

    for name, calculation in CALCULATIONS.items():
        fields = {spec.name for spec in get_calculator(name).fields}
        assert {field for field, _ in calculation.typed} <= fields
        assert calculation.edit_field in fields
        assert calculation.expected()
        # Every value typed in turn is accepted, and each answer differs from the one before.
        answers = [answer for _value, answer in calculation.edits(len(calculation.edit_values) + 1)]
        assert all(before != after for before, after in pairwise(answers)), name


def test_a_later_output_is_a_download_its_scenario_makes() -> None:
    from calculators import get_calculator, run

    for name, calculation in CALCULATIONS.items():
        if not calculation.later_output:
            continue
        spec = next(spec for spec in get_calculator(name).outputs if spec.name == calculation.later_output)
        assert spec.kind == "download" and spec.packages
        values = {field.name: field.default for field in get_calculator(name).fields} | dict(calculation.typed)
        assert run(name, values)["outputs"][calculation.later_output], f"{name}: the typed numbers make no file"


def test_only_a_delivered_wasm_counts_as_the_engine_answering() -> None:
    head = Exchange("HEAD", "/pyodide/pyodide.asm.wasm", 200, 0.1, 0.2, 300)
    page = Exchange("GET", "/calculators/overdue/", 200, 0.0, 0.3, 9000)
    manifest = Exchange("GET", "/pyodide/snapshot.json", 200, 0.1, 0.4, 900)
    wasm = Exchange("GET", "/pyodide/pyodide.asm.wasm", 200, 0.2, 3.0, 3_550_000)
    traffic = Traffic(exchanges=(head, page, manifest, wasm))
    assert not engine_answered(traffic, before=2.9)
    assert engine_answered(traffic, before=3.0)


def _calculator_run(cold: float, shown: str, primed: bool = True) -> dict[str, Any]:
    return {
        "cold_ms": cold,
        "warm_ms": [cold / 2, cold / 2],
        "reopened_ms": [cold * 0.6, cold * 0.6],
        "primed": primed,
        "engine": "snapshot",
        "cold_bytes_to_result": 13_000_000,
        "cold_link_done_ms": cold - 1000,
        "cold_bytes": 13_200_000,
        "cold_requests_to_result": 20,
        "bytes_by_path_to_result": {"/pyodide/pyodide.asm.wasm": 3_550_000},
        "warm_bytes_per_visit": 900.0,
        "change_ms": [15.0, 20.0],
        "first_paint": {
            "moment": "domcontentloaded",
            "text": shown,
            "result": bool(shown),
            "engine_requests_before": 0,
            "fcp_ms": 700.0,
        },
        "rests": [0.5, 0.25, 0.75],
    }


def _results(figures: dict[str, Any], runs: int, at_rest: bool = True) -> dict[str, Any]:
    """A whole run's results around one phone profile's figures, as ``__main__`` writes them."""
    machine = {"when": "now", "cpus": 2, "chromium": "156", "pyodide": "314.0.7", "load_before": 1, "load_after": 2}
    return {
        "runs": runs,
        "at_rest": at_rest,
        "machine": machine,
        "links": {"phone": "phone: a link"},
        "typed": {"overdue": "typed"},
        "profiles": {"phone": figures},
    }


def test_the_report_gives_ratios_to_the_reference_in_the_same_profile() -> None:
    reference = [
        {
            "cold_ms": ms,
            "warm_ms": [ms / 2],
            "cold_bytes_to_result": 6_500_000,
            "cold_link_done_ms": ms - 4000,
            "cold_bytes": 6_500_000,
            "bytes_by_path_to_result": {"/__reference__/pyodide/pyodide.asm.wasm": 3_550_000},
            "rests": [0.25, None],
        }
        for ms in (9000.0, 10000.0, 11000.0)
    ]
    calculator = [
        _calculator_run(ms, text, primed)
        for ms, text, primed in ((12000.0, "", True), (13000.0, "150.00", True), (14000.0, "", False))
    ]
    for run, later in zip(calculator, (300.0, None, 500.0), strict=True):
        run["cold_later_ms"] = later
    content = [
        {"dom_content_loaded_ms": 500.0, "load_ms": 600.0, "bytes": 200_000, "pyodide_requests": [], "rests": [1.0]}
    ]
    figures = summarise_profile(reference, {"overdue": calculator}, content)
    overdue = figures["calculators"]["overdue"]
    assert overdue["ratios"]["cold_ms"] == 1.3
    assert overdue["ratios"]["cold_bytes_to_result"] == 2.0
    assert overdue["ratios"]["warm_to_cold"] == 0.5
    assert overdue["ratios"]["reopened_to_cold"] == 0.6
    assert overdue["ratios"]["link_done_ms"] == 2.0  # 12 000 ÷ 6 000
    assert overdue["first_paint"]["with_result"] == 1
    markdown = report_markdown(_results(figures, runs=3))
    assert (
        "| overdue: typed numbers → first result, cold | 12,000 ms / **13,000 ms** / 14,000 ms | **1.3** |" in markdown
    )
    assert "1 of 3" in markdown
    assert (
        "| overdue: typed numbers → first result, opened again in its own tab (as many as warm)"
        " | 7,200 ms / **7,800 ms** / 8,400 ms |" in markdown
    )
    assert "| overdue: warm visits after the first one ran Pyodide's kept modules (runs) | 2 of 3 |" in markdown
    # A run whose file never came counts in no figure of it.
    assert (
        "| overdue: the file answered later (a download), after the first result, cold | 300 ms / **400 ms** / 500 ms |"
        in markdown
    )
    assert "`/pyodide/pyodide.asm.wasm` | 3.55 MB" in markdown
    # 6 reference visits (3 at rest), 9 of the calculator's, 1 of the content page's.
    assert figures["rests"]["visits"] == 16 and figures["rests"]["at_rest"] == 13
    assert "phone: 13 of 16 visits started with the machine at rest" in markdown
    assert "median wait 0.50 s, longest 1.00 s, the window included." in markdown
    # --no-rest: nothing waited, and the report does not call that "not at rest".
    unwaited = report_markdown(_results(figures, runs=3, at_rest=False))
    assert "phone: every visit started at once, without waiting for the machine to be at rest." in unwaited
    assert "visits started with the machine at rest" not in unwaited


def test_a_run_without_warm_visits_reports_none() -> None:
    # --warm 0: no warm figures, and no ratio made of nothing.
    reference = [
        {
            "cold_ms": 9000.0,
            "warm_ms": [],
            "cold_bytes_to_result": 6_500_000,
            "cold_link_done_ms": 5000.0,
            "cold_bytes": 6_500_000,
            "bytes_by_path_to_result": {},
            "rests": [None],
        }
    ]
    calculator = [{**_calculator_run(12000.0, ""), "warm_ms": [], "reopened_ms": [], "rests": [None]}]
    figures = summarise_profile(reference, {"overdue": calculator}, [])
    overdue = figures["calculators"]["overdue"]
    assert overdue["warm_ms"] is None and overdue["reopened_ms"] is None and overdue["warm_bytes_per_visit"] is None
    assert overdue["ratios"]["warm_ms"] is None and overdue["ratios"]["warm_to_cold"] is None
    assert figures["reference"]["warm_ms"] is None
    markdown = report_markdown(_results(figures, runs=1))
    assert "| overdue: warm ÷ cold (medians) |  |" in markdown
    at_rest = (
        f"phone: 0 of 2 visits started with the machine at rest (CPUs under {BUSY_SHARE:.0%} of one"
        f" for {WINDOW_S:g} s, waited up to {TIMEOUT_S:g} s)."
    )
    assert at_rest in markdown
