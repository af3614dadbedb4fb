"""The runs summed up (min, median, max) into ``bench.json``'s figures, and those as Markdown tables."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from .rest import BUSY_SHARE, TIMEOUT_S, WINDOW_S

__all__ = ["ratio", "report_markdown", "summarise_profile", "summary"]


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


def _summary_of_measured(values: list[float | None]) -> dict[str, float] | None:
    """:func:`summary` of the values measured (None where a run had none), or None."""
    measured = [value for value in values if value is not None]
    return summary(measured) if measured else None


def _median_by_path(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Each path's median bytes over the runs (0 in a run that did not fetch it), largest first."""
    paths = {path for run in runs for path in run["bytes_by_path_to_result"]}
    medians = {path: statistics.median(run["bytes_by_path_to_result"].get(path, 0) for run in runs) for path in paths}
    return dict(sorted(medians.items(), key=lambda item: -item[1]))


def _calculator(runs: list[dict[str, Any]], reference: dict[str, Any]) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "cold_ms": summary([r["cold_ms"] for r in runs]),
        "warm_ms": _summary_of_measured([t for r in runs for t in r["warm_ms"]]),
        "reopened_ms": _summary_of_measured([t for r in runs for t in r["reopened_ms"]]),
        "cold_bytes_to_result": summary([r["cold_bytes_to_result"] for r in runs], 0),
        "cold_later_ms": _summary_of_measured([r.get("cold_later_ms") for r in runs]),
        "cold_link_done_ms": _summary_of_measured([r["cold_link_done_ms"] for r in runs]),
        "cold_bytes": summary([r["cold_bytes"] for r in runs], 0),
        "warm_bytes_per_visit": summary([r["warm_bytes_per_visit"] for r in runs], 0) if runs[0]["warm_ms"] else None,
        "cold_requests_to_result": summary([r["cold_requests_to_result"] for r in runs], 0),
        "bytes_by_path_to_result": _median_by_path(runs),
        "engines": [r["engine"] for r in runs],
        "primed_of_runs": f"{sum(r['primed'] for r in runs)} of {len(runs)}",
        "first_paint": {
            "runs": len(runs),
            "with_result": sum(r["first_paint"]["result"] for r in runs),
            "texts": sorted({r["first_paint"]["text"] for r in runs}),
            "moments": sorted({r["first_paint"]["moment"] for r in runs}),
            "engine_requests_before": [r["first_paint"]["engine_requests_before"] for r in runs],
        },
    }
    figures["first_paint"]["with_result_of_runs"] = f"{figures['first_paint']['with_result']} of {len(runs)}"
    fcp = [r["first_paint"]["fcp_ms"] for r in runs if r["first_paint"]["fcp_ms"] is not None]
    figures["first_paint"]["fcp_ms"] = summary(fcp) if fcp else None
    changes = [t for r in runs for t in r["change_ms"]]
    if changes:
        figures["change_ms"] = summary(changes)
    figures["ratios"] = {
        "cold_ms": ratio(figures["cold_ms"]["median"], reference["cold_ms"]["median"]),
        "warm_ms": ratio(figures["warm_ms"]["median"], reference["warm_ms"]["median"])
        if figures["warm_ms"] and reference["warm_ms"]
        else None,
        "cold_bytes_to_result": ratio(
            figures["cold_bytes_to_result"]["median"], reference["cold_bytes_to_result"]["median"]
        ),
        "link_done_ms": ratio(figures["cold_link_done_ms"]["median"], reference["cold_link_done_ms"]["median"])
        if figures["cold_link_done_ms"] and reference["cold_link_done_ms"]
        else None,
        "warm_to_cold": ratio(figures["warm_ms"]["median"], figures["cold_ms"]["median"])
        if figures["warm_ms"]
        else None,
        "reopened_to_cold": ratio(figures["reopened_ms"]["median"], figures["cold_ms"]["median"])
        if figures["reopened_ms"]
        else None,
    }
    return figures


def _rests(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """How many of the runs' visits started with the machine at rest (:mod:`.rest`), and the waits."""
    waits = [wait for run in runs for wait in run["rests"]]
    rested = [wait for wait in waits if wait is not None]
    return {"visits": len(waits), "at_rest": len(rested), "wait_s": summary(rested, 2) if rested else None}


def summarise_profile(
    reference: list[dict[str, Any]],
    calculators: dict[str, list[dict[str, Any]]],
    content: list[dict[str, Any]],
) -> dict[str, Any]:
    """One profile's figures from every run of each page (``pages.*_run``); ratios to the reference's medians."""
    ref: dict[str, Any] = {
        "cold_ms": summary([r["cold_ms"] for r in reference]),
        "cold_bytes_to_result": summary([r["cold_bytes_to_result"] for r in reference], 0),
        "cold_link_done_ms": _summary_of_measured([r["cold_link_done_ms"] for r in reference]),
        "cold_bytes": summary([r["cold_bytes"] for r in reference], 0),
        "bytes_by_path_to_result": _median_by_path(reference),
    }
    ref["warm_ms"] = _summary_of_measured([t for r in reference for t in r["warm_ms"]])
    results: dict[str, Any] = {
        "reference": ref,
        "calculators": {name: _calculator(runs, ref) for name, runs in calculators.items()},
        "rests": _rests([*reference, *(run for runs in calculators.values() for run in runs), *content]),
    }
    if content:
        results["content"] = {
            "dom_content_loaded_ms": summary([r["dom_content_loaded_ms"] for r in content]),
            "load_ms": summary([r["load_ms"] for r in content]),
            "bytes": summary([r["bytes"] for r in content], 0),
            "pyodide_requests": sum(len(r["pyodide_requests"]) for r in content),
        }
    return results


def _ms(value: float) -> str:
    return f"{value:,.0f} ms"


def _bytes(value: float) -> str:
    return f"{value / 1e6:.2f} MB" if value >= 100_000 else f"{value / 1e3:.1f} kB"


def _spread(figures: dict[str, float], unit: Callable[[float], str]) -> str:
    return f"{unit(figures['min'])} / **{unit(figures['median'])}** / {unit(figures['max'])}"


#: The rows of the main table: label, where the figure is in a profile's results, its unit, where its ratio is.
_Row = tuple[str, tuple[str, ...], Callable[[float], str], tuple[str, ...] | None]
_REFERENCE_ROWS: list[_Row] = [
    ("reference (bare Pyodide, module worker) → 1 line of Python, cold", ("reference", "cold_ms"), _ms, None),
    ("reference: warm (2nd, 3rd visit, each in a new tab)", ("reference", "warm_ms"), _ms, None),
    ("reference: bytes on the link before its result, cold", ("reference", "cold_bytes_to_result"), _bytes, None),
    ("reference: its last byte before the result crossed, cold", ("reference", "cold_link_done_ms"), _ms, None),
]
#: The same for each calculator, under ("calculators", NAME).
_CALCULATOR_ROWS: list[_Row] = [
    ("typed numbers → first result, cold", ("cold_ms",), _ms, ("ratios", "cold_ms")),
    (
        "typed numbers → first result, warm (2nd, 3rd visit, each in a new tab)",
        ("warm_ms",),
        _ms,
        ("ratios", "warm_ms"),
    ),
    ("warm ÷ cold (medians)", ("ratios", "warm_to_cold"), _ms, None),
    (
        "typed numbers → first result, opened again in its own tab (as many as warm)",
        ("reopened_ms",),
        _ms,
        None,
    ),
    ("opened again in its own tab ÷ cold (medians)", ("ratios", "reopened_to_cold"), _ms, None),
    ("the file answered later (a download), after the first result, cold", ("cold_later_ms",), _ms, None),
    ("warm visits after the first one ran Pyodide's kept modules (runs)", ("primed_of_runs",), _ms, None),
    (
        "bytes on the link before the first result, cold",
        ("cold_bytes_to_result",),
        _bytes,
        ("ratios", "cold_bytes_to_result"),
    ),
    (
        "the last byte before the first result crossed, cold (the link's share)",
        ("cold_link_done_ms",),
        _ms,
        ("ratios", "link_done_ms"),
    ),
    ("bytes of the whole first visit (with what the service worker keeps)", ("cold_bytes",), _bytes, None),
    ("bytes per warm visit (those opened again included)", ("warm_bytes_per_visit",), _bytes, None),
    (
        "a result on screen at first paint, before any engine byte (runs)",
        ("first_paint", "with_result_of_runs"),
        _ms,
        None,
    ),
    ("first contentful paint, cold", ("first_paint", "fcp_ms"), _ms, None),
    ("changed input → new result", ("change_ms",), _ms, None),
]
_CONTENT_ROWS: list[_Row] = [
    ("content page: DOMContentLoaded, cold", ("content", "dom_content_loaded_ms"), _ms, None),
    ("content page: load, cold", ("content", "load_ms"), _ms, None),
    ("content page: bytes on the link", ("content", "bytes"), _bytes, None),
    ("content page: requests to /pyodide/ (all runs)", ("content", "pyodide_requests"), _ms, None),
]


def _at(figures: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(figures, dict) or key not in figures:
            return None
        figures = figures[key]
    return figures


def _cell(value: Any, unit: Callable[[float], str]) -> str:
    """A summary as min / median / max in its unit; any other figure as it is; nothing if not measured."""
    if value is None:
        return ""
    if isinstance(value, dict) and "median" in value:
        return _spread(value, unit)
    return str(value)


def _table(results: dict[str, Any]) -> list[str]:
    """The figures of every profile side by side."""
    names = list(results["profiles"])
    profiles = [results["profiles"][name] for name in names]
    lines = [
        "| figure (min / **median** / max) | " + " | ".join(f"{name} | ÷ reference" for name in names) + " |",
        "| --- |" + " ---: | ---: |" * len(names),
    ]
    rows = list(_REFERENCE_ROWS)
    for calc in sorted({calc for profile in profiles for calc in profile["calculators"]}):
        rows += [
            (f"{calc}: {label}", ("calculators", calc, *where), unit, share and ("calculators", calc, *share))
            for label, where, unit, share in _CALCULATOR_ROWS
        ]
    rows += _CONTENT_ROWS
    for label, where, unit, share in rows:
        cells = []
        for profile in profiles:
            shared = _at(profile, share) if share else None
            cells.append(f"{_cell(_at(profile, where), unit)} | {'' if shared is None else f'**{shared}**'}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _by_path(results: dict[str, Any]) -> list[str]:
    """Bytes on the link before the first result, by file, each calculator and the reference, every profile."""
    names = list(results["profiles"])
    lines = [
        "",
        "Bytes on the link before the first result, by file (medians of the cold runs; 0.1 MB and over):",
        "",
        "| page | file | " + " | ".join(names) + " |",
        "| --- | --- |" + " ---: |" * len(names),
    ]
    pages: dict[str, list[dict[str, float]]] = {"reference": []}
    for name in names:
        profile = results["profiles"][name]
        pages["reference"].append(profile["reference"]["bytes_by_path_to_result"])
        for calc, figures in profile["calculators"].items():
            pages.setdefault(calc, []).append(figures["bytes_by_path_to_result"])
    for page, by_profile in pages.items():
        paths = sorted({path for sizes in by_profile for path, size in sizes.items() if size >= 100_000})
        paths.sort(key=lambda path: -max(sizes.get(path, 0) for sizes in by_profile))
        for path in paths:
            lines.append(f"| {page} | `{path}` | " + " | ".join(_bytes(s.get(path, 0)) for s in by_profile) + " |")
    return lines


def report_markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    machine = results["machine"]
    lines = [
        "# Benchmark",
        "",
        f"{machine['when']} · {machine['cpus']} CPUs · Chromium {machine['chromium']} · Pyodide {machine['pyodide']}"
        f" · {results['runs']} cold runs per profile · load average {machine['load_before']} → {machine['load_after']}",
        "",
    ]
    for description in results["links"].values():
        lines.append(f"- {description}")
    for name, typed in results["typed"].items():
        lines.append(f"- {name}: {typed}")
    lines += ["", *_table(results)]
    for name, profile in results["profiles"].items():
        for calc, figures in profile["calculators"].items():
            lines.append(
                f"\n{name}, {calc}: engine {', '.join(sorted({str(e) for e in figures['engines']}))};"
                f" shown at DOMContentLoaded or first input: {figures['first_paint']['texts']}"
                f" ({', '.join(figures['first_paint']['moments'])});"
                f" engine requests by then: {figures['first_paint']['engine_requests_before']}."
            )
    for name, profile in results["profiles"].items():
        rests = profile.get("rests")
        if not results["at_rest"]:
            lines.append(f"\n{name}: every visit started at once, without waiting for the machine to be at rest.")
        elif rests and rests["visits"]:
            wait = rests["wait_s"]
            lines.append(
                f"\n{name}: {rests['at_rest']} of {rests['visits']} visits started with the machine at rest"
                f" (CPUs under {BUSY_SHARE:.0%} of one for {WINDOW_S:g} s, waited up to {TIMEOUT_S:g} s)"
                + (
                    f"; median wait {wait['median']:.2f} s, longest {wait['max']:.2f} s, the window included."
                    if wait
                    else "."
                )
            )
    lines += _by_path(results)
    if "runtime_bytes" in results:
        lines += [
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
            f"| bare loadPyodide(), for comparison | {bare['raw']:,} | {bare['host_gzip']:,}"
            f" | {bare['host_brotli']:,} |",
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
