"""``python -m tools.bench``: build, serve each profile, measure, write ``bench-results/``."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from mkdocs_guide.calc.contract import RUNTIME_DIR
from tools.chromium import CHROMIUM_ARGS

from . import ROOT
from . import reference as bare
from .browser import chromium
from .builds import measure_builds
from .pages import Session, calculator_run, content_run, reference_run
from .profiles import DEFAULT_LATENCY_MS, DEFAULT_RATE_MBIT, LOCALHOST, NetworkProfile, phone
from .report import report_markdown, summarise_profile
from .scenarios import CALCULATIONS
from .server import serving
from .sizes import runtime_bytes, site_file

__all__ = ["main"]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="The site's speed in headless Chromium, against bare Pyodide in the same run (bench-results/).",
    )
    parser.add_argument(
        "--profile",
        choices=("localhost", "phone", "both"),
        default="both",
        help="localhost (127.0.0.1 as make serve answers), phone (an emulated mobile link), or both (default)",
    )
    parser.add_argument("--runs", type=int, default=5, help="cold runs of each page per profile (default 5)")
    parser.add_argument(
        "--rate", type=float, default=DEFAULT_RATE_MBIT, help=f"phone downlink, Mbit/s (default {DEFAULT_RATE_MBIT:g})"
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=DEFAULT_LATENCY_MS,
        help=f"phone delay per request, ms (default {DEFAULT_LATENCY_MS:g})",
    )
    parser.add_argument(
        "--calculator",
        action="append",
        choices=sorted(CALCULATIONS),
        help="a calculator page to measure (repeatable; default every one in scenarios.py)",
    )
    parser.add_argument("--no-content", action="store_true", help="skip the content page")
    parser.add_argument(
        "--no-rest",
        action="store_true",
        help="start each visit at once, without waiting for the machine to be at rest (as before 2026-12-07)",
    )
    parser.add_argument("--warm", type=int, default=2, help="warm visits after each cold one (default 2)")
    parser.add_argument("--edits", type=int, default=40, help="changed inputs per calculator run (default 40)")
    parser.add_argument("--build-runs", type=int, default=2, help="runs of each build (default 2)")
    parser.add_argument("--no-build", action="store_true", help="measure --site as it is")
    parser.add_argument("--site", type=Path, help="the built site to measure (default: built here)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.rate <= 0 or args.latency < 0:
        parser.error("--runs must be at least 1, --rate positive and --latency not negative")
    return args


def _profiles(args: argparse.Namespace) -> list[NetworkProfile]:
    chosen = []
    if args.profile in ("localhost", "both"):
        chosen.append(LOCALHOST)
    if args.profile in ("phone", "both"):
        chosen.append(phone(args.rate, args.latency))
    return chosen


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Build, serve, measure, write bench-results/."""
    args = _arguments(argv)
    from playwright.sync_api import sync_playwright

    executable = chromium()
    profiles = _profiles(args)
    calculations = [CALCULATIONS[name] for name in (args.calculator or sorted(CALCULATIONS))]
    results: dict[str, Any] = {
        "runs": args.runs,
        "at_rest": not args.no_rest,
        "links": {profile.name: profile.describe() for profile in profiles},
        "typed": {
            c.calculator: f"`{c.path}`, typed {', '.join(f'{k}={v}' for k, v in c.typed)} → {c.output} {c.expected()}"
            for c in calculations
        },
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        work = Path(temp)
        site = (args.site or work / "site").resolve()
        if not args.no_build:
            print("building…", file=sys.stderr)
            results["builds"] = measure_builds(work, site, args.build_runs)
        elif not (site / "index.html").is_file():
            raise SystemExit(f"{site} holds no built site")
        mounts = bare.mounts(work)
        load_before = round(os.getloadavg()[0], 2)
        runs: dict[str, dict[str, Any]] = {
            p.name: {"reference": [], "calculators": {c.calculator: [] for c in calculations}, "content": []}
            for p in profiles
        }
        with sync_playwright() as playwright, ExitStack() as servers:
            version = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            results["machine"] = {"chromium": version.version}
            version.close()
            sessions = [
                Session(
                    playwright,
                    executable,
                    servers.enter_context(serving(site, mounts, p.link(), p.host)),
                    p,
                    rest=not args.no_rest,
                )
                for p in profiles
            ]
            # Each round runs every page of every profile one after the other, so a busy machine slows them alike.
            for run in range(args.runs):
                for session in sessions:
                    name = session.profile.name
                    print(f"round {run + 1}/{args.runs}, {name}…", file=sys.stderr)
                    runs[name]["reference"].append(reference_run(session, args.warm))
                    for calculation in calculations:
                        runs[name]["calculators"][calculation.calculator].append(
                            calculator_run(session, calculation, args.warm, args.edits)
                        )
                    if not args.no_content:
                        runs[name]["content"].append(content_run(session))
        runtime = site / RUNTIME_DIR
        manifest_path = runtime / "snapshot.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else None
        results["machine"].update(
            {
                "when": time.strftime("%Y-%m-%d %H:%M"),
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "pyodide": json.loads((runtime / "package.json").read_text(encoding="utf-8"))["version"],
                "load_before": load_before,
                "load_after": round(os.getloadavg()[0], 2),
            }
        )
        results["snapshot"] = manifest and {k: manifest[k] for k in ("file", "bytes", "raw_bytes")}
        results["profiles"] = {
            name: summarise_profile(page_runs["reference"], page_runs["calculators"], page_runs["content"])
            for name, page_runs in runs.items()
        }
        first = next(iter(runs.values()))
        fetched = {path for runs_ in first["calculators"].values() for path in runs_[0]["bytes_by_path_to_result"]}
        results["runtime_bytes"] = runtime_bytes(fetched, site_file(site))
        results["reference_runtime_bytes"] = runtime_bytes(
            first["reference"][0]["bytes_by_path_to_result"], bare.pristine_file
        )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown = report_markdown(results)
    (args.out / "bench.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return results


if __name__ == "__main__":
    main()
