"""``python -m tools.bench``: build, serve, measure, write ``bench-results/``."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs_guide.calc.contract import RUNTIME_DIR
from tools.chromium import CHROMIUM_ARGS

from . import ROOT
from . import reference as bare
from .browser import chromium
from .builds import measure_builds
from .pages import calculator_run, content_run, reference_run
from .report import report_markdown, summarise_runs
from .server import immutable, serving
from .sizes import runtime_bytes, site_file

__all__ = ["main"]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="The site's speed in headless Chromium, against bare Pyodide in the same run (bench-results/).",
    )
    parser.add_argument("--runs", type=int, default=5, help="cold runs of each page (default 5)")
    parser.add_argument("--warm", type=int, default=2, help="warm visits after each cold one (default 2)")
    parser.add_argument("--edits", type=int, default=40, help="changed inputs per calculator run (default 40)")
    parser.add_argument("--build-runs", type=int, default=2, help="runs of each build (default 2)")
    parser.add_argument("--no-build", action="store_true", help="measure --site as it is")
    parser.add_argument("--site", type=Path, help="the built site to measure (default: built here)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Build, serve, measure, write bench-results/."""
    args = _arguments(argv)
    from playwright.sync_api import sync_playwright

    executable = chromium()
    results: dict[str, Any] = {"runs": args.runs}
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
        content: list[dict[str, Any]] = []
        calculator: list[dict[str, Any]] = []
        reference: list[dict[str, Any]] = []
        long_lived: list[float] = []
        with sync_playwright() as playwright:
            version = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            results["machine"] = {"chromium": version.version}
            version.close()
            # Each round runs the three pages one after the other, so a busy machine slows them alike.
            with serving(site, mounts) as base:
                for run in range(args.runs):
                    print(f"round {run + 1}/{args.runs}…", file=sys.stderr)
                    reference.append(reference_run(playwright, executable, base, args.warm))
                    calculator.append(calculator_run(playwright, executable, base, args.warm, args.edits))
                    content.append(content_run(playwright, executable, base))
            with serving(site, mounts, headers=immutable(RUNTIME_DIR)) as base:
                for _ in range(args.runs):
                    long_lived += calculator_run(playwright, executable, base, args.warm, 0)["warm_ms"]
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
        results.update(summarise_runs(reference, calculator, content, long_lived))
        results["runtime_bytes"] = runtime_bytes(calculator[0]["cold_requests"], site_file(site))
        results["reference_runtime_bytes"] = runtime_bytes(reference[0]["cold_requests"], bare.pristine_file)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    markdown = report_markdown(results)
    (args.out / "bench.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return results


if __name__ == "__main__":
    main()
