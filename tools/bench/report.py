"""The runs summed up (min, median, max) into ``bench.json``'s figures, and those as Markdown tables."""

from __future__ import annotations

import statistics
from typing import Any

__all__ = ["ratio", "report_markdown", "summarise_runs", "summary"]


def summary(values: list[float], digits: int = 1) -> dict[str, float]:
    """min, median and max (and the count) of some measurements."""
    return {
        "n": len(values),
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
    }


def ratio(value: float, reference: float) -> float:
    """``value / reference``, rounded for the table."""
    return round(value / reference, 2)


def summarise_runs(
    reference: list[dict[str, Any]],
    calculator: list[dict[str, Any]],
    content: list[dict[str, Any]],
    long_lived: list[float],
) -> dict[str, Any]:
    """The figures of every run of each page (``pages.*_run``), and the warm visits with long-lived caching."""
    results: dict[str, Any] = {}
    results["reference"] = {
        "cold_ms": summary([r["cold_ms"] for r in reference]),
        "warm_ms": summary([t for r in reference for t in r["warm_ms"]]),
        "cold_bytes": summary([r["cold_bytes"] for r in reference]),
    }
    results["calculator"] = {
        "cold_ms": summary([r["cold_ms"] for r in calculator]),
        "warm_ms": summary([t for r in calculator for t in r["warm_ms"]]),
        "warm_long_lived_ms": summary(long_lived),
        "change_ms": summary([t for r in calculator for t in r["change_ms"]]),
        "cold_bytes": summary([r["cold_bytes"] for r in calculator]),
        "cold_bytes_to_result": summary([r["cold_bytes_to_result"] for r in calculator]),
        "warm_bytes_per_visit": summary([r["warm_bytes_per_visit"] for r in calculator]),
        "engines": [r["engine"] for r in calculator],
    }
    results["calculator"]["ratio_cold"] = ratio(
        results["calculator"]["cold_ms"]["median"], results["reference"]["cold_ms"]["median"]
    )
    results["calculator"]["ratio_warm"] = ratio(
        results["calculator"]["warm_ms"]["median"], results["reference"]["warm_ms"]["median"]
    )
    results["content"] = {
        "dom_content_loaded_ms": summary([r["dom_content_loaded_ms"] for r in content]),
        "load_ms": summary([r["load_ms"] for r in content]),
        "bytes": summary([r["bytes"] for r in content]),
        "pyodide_requests": sum(len(r["pyodide_requests"]) for r in content),
    }
    return results


def report_markdown(results: dict[str, Any]) -> str:
    """The results as a Markdown table (ms unless stated)."""
    ref = results["reference"]
    lines = [
        "# Benchmark",
        "",
        f"{results['machine']['when']} · {results['machine']['cpus']} CPUs · Chromium {results['machine']['chromium']}"
        f" · Pyodide {results['machine']['pyodide']} · {results['runs']} cold runs"
        f" · load average {results['machine']['load_before']} → {results['machine']['load_after']}",
        "",
        "| figure | min | median | max | median ÷ reference |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]

    def row(label: str, figures: dict[str, float], reference: dict[str, float] | None = None, unit: str = "") -> None:
        share = f"{ratio(figures['median'], reference['median'])}" if reference else ""
        lines.append(
            f"| {label} | {figures['min']}{unit} | {figures['median']}{unit} | {figures['max']}{unit} | {share} |"
        )

    row("reference: bare loadPyodide() → 1 line of Python, cold", ref["cold_ms"])
    row("reference: bare loadPyodide() → 1 line of Python, warm", ref["warm_ms"])
    calc = results["calculator"]
    row("calculator: navigation → first result, cold", calc["cold_ms"], ref["cold_ms"])
    row("calculator: navigation → first result, warm", calc["warm_ms"], ref["warm_ms"])
    row("calculator: changed input → new result", calc["change_ms"])
    if "warm_long_lived_ms" in calc:
        row("calculator: warm, /pyodide/ cached for a year", calc["warm_long_lived_ms"], ref["warm_ms"])
    content = results["content"]
    row("content page: DOMContentLoaded, cold", content["dom_content_loaded_ms"])
    row("content page: load, cold", content["load_ms"])
    lines += [
        "",
        f"Engine used by the calculator runs: {', '.join(sorted(set(calc['engines'])))}.",
        f"Changed input → result: median {calc['change_ms']['median']} ms,"
        f" worst {calc['change_ms']['max']} ms over {calc['change_ms']['n']} edits.",
        "",
        "| bytes (first visit, as served locally) | median |",
        "| --- | ---: |",
        f"| content page, everything | {content['bytes']['median']:,.0f} |",
        f"| content page, requests to /pyodide/ (all runs) | {content['pyodide_requests']} |",
        f"| calculator page, until the first result | {calc['cold_bytes_to_result']['median']:,.0f} |",
        f"| calculator page, everything (with what is kept for offline use) | {calc['cold_bytes']['median']:,.0f} |",
        f"| calculator page, each warm visit | {calc['warm_bytes_per_visit']['median']:,.0f} |",
        f"| reference page, everything | {ref['cold_bytes']['median']:,.0f} |",
        "",
        "| runtime file a calculator's first visit fetches | raw | gzip -9 | brotli -11 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, sizes in results["runtime_bytes"]["files"].items():
        lines.append(f"| {name} | {sizes['raw']:,} | {sizes['gzip']:,} | {sizes['brotli']:,} |")
    total = results["runtime_bytes"]["total"]
    bare = results["reference_runtime_bytes"]["total"]
    lines += [
        f"| **total** (host compressing with gzip / brotli) | {total['raw']:,} | {total['host_gzip']:,}"
        f" | {total['host_brotli']:,} |",
        f"| bare loadPyodide(), for comparison | {bare['raw']:,} | {bare['host_gzip']:,} | {bare['host_brotli']:,} |",
    ]
    if "builds" in results:
        builds = results["builds"]
        lines += [
            "",
            "| build (s) | min | median | max |",
            "| --- | ---: | ---: | ---: |",
        ]
        for label, key in [
            ("both scripts (snapshot from the cache, as `make build`)", "both_scripts_s"),
            ("one script (no i18n/hant plugins)", "single_language_s"),
            ("one script, no calculators (a plain Material build)", "single_language_no_calculators_s"),
        ]:
            b = builds[key]
            lines.append(f"| {label} | {b['min']:.2f} | {b['median']:.2f} | {b['max']:.2f} |")
        lines.append(
            f"| both scripts, snapshot made afresh (once) | | {builds['both_scripts_snapshot_made_s']:.2f} | |"
        )
    return "\n".join(lines) + "\n"
