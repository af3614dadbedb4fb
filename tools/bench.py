"""``make bench``: the site's speed in headless Chromium, against bare Pyodide in the same run.

Builds the site (timing the build of both scripts beside a plain single-language
build), serves it on 127.0.0.1 with the pristine npm Pyodide files beside it at
``/__reference__/``, and measures with a fresh browser profile for every cold run:

* a content page: DOMContentLoaded, load, bytes, and that no ``/pyodide/`` byte is among them;
* a calculator page: navigation → first correct result, cold and warm, and its bytes;
* a changed input → its new result (median and worst of many);
* the reference: a bare page that only does ``loadPyodide()`` and runs one line of Python.

Rounds interleave the reference and the site, so a busy machine slows both alike;
calculator figures are also given as a ratio to the reference's median.
Writes ``bench-results/bench.json`` and ``bench-results/bench.md``.  Standard
library and Playwright only; speed is asserted nowhere (this only reports).

``python -m tools.bench [--runs 5] [--no-build --site DIR]``
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tools.chromium import CHROMIUM_ARGS, chromium_executable

ROOT = Path(__file__).resolve().parent.parent
PRISTINE = ROOT / "node_modules" / "pyodide"
REFERENCE = "/__reference__/"
CONTENT_PAGE = "/negotiate/"
CALCULATOR_PAGE = "/calculators/overdue/?principal=10000&daily_rate_percent=0.05&days=30"
#: The overdue calculator's penalty: principal × 0.05 % × days.
FIRST_RESULT = ('[data-calculator="overdue"] [data-output="penalty"]', "150.00")
REFERENCE_RESULT = ("#out", "45")
TIMEOUT_MS = 180_000
#: A bare page: load the pinned Pyodide from its pristine files, run one line.
REFERENCE_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>bare loadPyodide()</title>
<p id="out"></p>
<script type="module">
  import { loadPyodide } from "./pyodide/pyodide.mjs";
  const pyodide = await loadPyodide();
  document.getElementById("out").textContent = pyodide.runPython("str(sum(range(10)))");
</script>
</html>
"""
#: Installed before any page script: resolves window.__benchDone with performance.now()
#: (time since navigation start) when SELECTOR first shows TEXT.
WATCH = """
window.__benchDone = new Promise((resolve) => {
  const [selector, text] = %s;
  const check = () => {
    const element = document.querySelector(selector);
    if (element && element.textContent.trim() === text) { observer.disconnect(); resolve(performance.now()); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
});
"""
#: In a page with a result: change the days N times, each time timing input → new result.
EDITS = """
async (count) => {
  const root = document.querySelector('[data-calculator="overdue"]');
  const input = root.querySelector('[name="days"]');
  const output = root.querySelector('[data-output="penalty"]');
  const times = [];
  for (let i = 0; i < count; i++) {
    const days = 31 + (i % 300);
    const expected = (5 * days).toFixed(2);
    const shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (output.textContent.trim() === expected) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(output, { subtree: true, childList: true, characterData: true });
    });
    const start = performance.now();
    input.value = String(days);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await shown) - start);
    await new Promise((resolve) => setTimeout(resolve, 50));  // a reader's next keystroke
  }
  return times;
}
"""


# --------------------------------------------------------------------------- figures


def summary(values: list[float], digits: int = 1) -> dict[str, float]:
    """min, median and max (and the count) of some measurements."""
    return {
        "n": len(values),
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- builds


def _plugin_block(text: str, name: str) -> tuple[int, int] | None:
    """Line range of ``- NAME`` (with its options) in mkdocs.yml's plugins list."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        match = re.match(rf"^(\s*)- {re.escape(name)}(:.*)?$", line)
        if match:
            indent = len(match.group(1))
            end = start + 1
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
                end += 1
            return start, end
    return None


def variant_config(text: str, *, drop: tuple[str, ...] = (), calculators: dict[str, str] | None = None) -> str:
    """mkdocs.yml without some plugins and with options for the calculators plugin."""
    for name in drop:
        found = _plugin_block(text, name)
        if found:
            lines = text.splitlines()
            text = "\n".join(lines[: found[0]] + lines[found[1] :]) + "\n"
    if calculators:
        found = _plugin_block(text, "calculators")
        assert found, "mkdocs.yml lists no calculators plugin"
        lines = text.splitlines()
        indent = lines[found[0]][: len(lines[found[0]]) - len(lines[found[0]].lstrip())]
        options = [f"{indent}    {key}: {value}" for key, value in calculators.items()]
        head = lines[found[0]].rstrip(":") + ":"
        kept = [line for line in lines[found[0] + 1 : found[1]] if line.strip().split(":")[0] not in calculators]
        text = "\n".join([*lines[: found[0]], head, *options, *kept, *lines[found[1] :]]) + "\n"
    return text


@contextmanager
def temporary_config(text: str) -> Iterator[Path]:
    """A config file beside mkdocs.yml (its relative paths stay right), removed afterwards."""
    path = ROOT / f".bench-mkdocs-{os.getpid()}.yml"
    path.write_text(text, encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def timed_build(site_dir: Path, config: Path | None = None) -> float:
    """Seconds for ``mkdocs build --strict`` into ``site_dir``, as a maintainer runs it."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs), "build", "--strict", "--clean", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    return elapsed


def measure_builds(work: Path, site: Path, runs: int) -> dict[str, Any]:
    """Build times: both scripts (snapshot cached and made afresh) and one script, plain."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    both = [timed_build(site) for _ in range(runs)]
    cache = work / "empty-snapshot-cache"
    with temporary_config(variant_config(text, calculators={"snapshot_cache": str(cache)})) as config:
        fresh = timed_build(work / "fresh-snapshot", config)
    with temporary_config(variant_config(text, drop=("i18n", "hant"))) as config:
        single = [timed_build(work / "single", config) for _ in range(runs)]
    with temporary_config(variant_config(text, drop=("i18n", "hant"), calculators={"enabled": "false"})) as config:
        plain = [timed_build(work / "plain", config) for _ in range(runs)]
    return {
        "both_scripts_s": summary(both, 2),
        "both_scripts_snapshot_made_s": round(fresh, 2),
        "single_language_s": summary(single, 2),
        "single_language_no_calculators_s": summary(plain, 2),
    }


# --------------------------------------------------------------------------- serving


class BenchHandler:
    """Builds the request handler: the site, plus the reference page and pristine Pyodide."""

    @staticmethod
    def make(site: Path, reference_page: Path, long_lived: bool) -> Callable[..., http.server.BaseHTTPRequestHandler]:
        """A handler class for ``site`` (``long_lived``: cache /pyodide/ files for a year)."""
        from mkdocs_guide.serve import SiteHandler

        class Handler(SiteHandler):
            def translate_path(self, path: str) -> str:
                clean = path.split("?", 1)[0].split("#", 1)[0]
                if clean.startswith(REFERENCE + "pyodide/"):
                    return str(PRISTINE / clean[len(REFERENCE + "pyodide/") :])
                if clean in (REFERENCE, REFERENCE + "index.html"):
                    return str(reference_page)
                return super().translate_path(path)

            def site_headers(self) -> list[tuple[str, str]]:
                # The bare reference page is no page of the site: the site's policy would refuse its script.
                return [] if getattr(self, "path", "").startswith(REFERENCE) else super().site_headers()

            def end_headers(self) -> None:
                if long_lived and "/pyodide/" in self.path:
                    # What a host could send for versioned files: no revalidation at all.
                    self.send_header("Cache-Control", "public, max-age=31536000, immutable")
                    http.server.SimpleHTTPRequestHandler.end_headers(self)
                else:
                    super().end_headers()

        return functools.partial(Handler, directory=str(site))


@contextmanager
def serving(site: Path, reference_page: Path, long_lived: bool = False) -> Iterator[str]:
    """The site on 127.0.0.1 (a free port) through mkdocs_guide.serve's make_server."""
    from mkdocs_guide.serve import make_server

    server = make_server(site, port=0)
    server.RequestHandlerClass = BenchHandler.make(site, reference_page, long_lived)

    def quiet(request: Any, client_address: Any) -> None:
        """Say nothing: a browser closed mid-download resets its connections."""

    server.handle_error = quiet  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- browser


class Profile:
    """A fresh Chromium profile (its own disk cache): cold first, then warm."""

    def __init__(self, playwright: Any, executable: str) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="bench-profile-", ignore_cleanup_errors=True)
        self.context = playwright.chromium.launch_persistent_context(
            self._dir.name,
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        self.requests: list[Any] = []
        self.context.on("requestfinished", lambda request: self.requests.append(request))
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()

    def watch(self, selector: str, text: str) -> None:
        """Time when ``selector`` first shows ``text`` on the next navigations."""
        self.context.add_init_script(WATCH % json.dumps([selector, text]))

    def take_requests(self) -> list[dict[str, Any]]:
        """The requests finished since the last call, with their sizes."""
        taken, self.requests = self.requests, []
        rows = []
        for request in taken:
            response = request.response()
            sizes = request.sizes()
            rows.append(
                {
                    "url": request.url,
                    "status": response.status if response else None,
                    "service_worker": bool(response and response.from_service_worker),
                    "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                    "start": request.timing["startTime"],
                }
            )
        return rows

    def close(self) -> None:
        """Close the browser and remove the profile."""
        self.context.close()
        self._dir.cleanup()


def transferred(rows: list[dict[str, Any]]) -> int:
    """Bytes that came over the network (not from the service worker's cache)."""
    return sum(row["bytes"] for row in rows if not row["service_worker"] and row["bytes"] > 0)


def time_to_result(profile: Profile, url: str) -> float:
    """Navigate and return ms from navigation start to the watched result."""
    profile.page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    return float(profile.page.evaluate("window.__benchDone"))


def content_run(playwright: Any, executable: str, base: str) -> dict[str, Any]:
    """A content page in a fresh profile: navigation timing and every byte it fetched."""
    profile = Profile(playwright, executable)
    try:
        profile.page.goto(base + CONTENT_PAGE, wait_until="load", timeout=TIMEOUT_MS)
        profile.page.wait_for_timeout(2_000)  # whatever starts after load (search index, service worker)
        timing = profile.page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
        rows = profile.take_requests()
    finally:
        profile.close()
    return {
        "dom_content_loaded_ms": timing["domContentLoadedEventEnd"],
        "load_ms": timing["loadEventEnd"],
        "bytes": transferred(rows),
        "pyodide_requests": [row["url"] for row in rows if "/pyodide/" in row["url"]],
    }


def calculator_run(playwright: Any, executable: str, base: str, warm_runs: int, edits: int) -> dict[str, Any]:
    """The calculator page in a fresh profile: cold, then warm, then changed inputs."""
    profile = Profile(playwright, executable)
    try:
        profile.watch(*FIRST_RESULT)
        cold = time_to_result(profile, base + CALCULATOR_PAGE)
        result_at = profile.page.evaluate("performance.timeOrigin") + cold
        engine = profile.page.locator('[data-calculator="overdue"]').get_attribute("data-engine")
        profile.page.wait_for_timeout(3_000)  # let the page settle (the service worker keeps the runtime)
        cold_rows = profile.take_requests()
        warm = []
        for _ in range(warm_runs):
            warm.append(time_to_result(profile, base + CALCULATOR_PAGE))
        profile.page.wait_for_timeout(500)
        warm_rows = profile.take_requests()
        changes = profile.page.evaluate(EDITS, edits) if edits else []
    finally:
        profile.close()
    return {
        "cold_ms": cold,
        "warm_ms": warm,
        "engine": engine,
        "cold_bytes": transferred(cold_rows),
        # What the reader waited for; the rest is the service worker keeping files for offline use.
        "cold_bytes_to_result": transferred([row for row in cold_rows if row["start"] <= result_at]),
        "cold_requests": [row for row in cold_rows if row["start"] <= result_at],
        "warm_bytes_per_visit": transferred(warm_rows) / max(warm_runs, 1),
        "change_ms": changes,
    }


def reference_run(playwright: Any, executable: str, base: str, warm_runs: int) -> dict[str, Any]:
    """The bare loadPyodide() page in a fresh profile: cold, then warm."""
    profile = Profile(playwright, executable)
    try:
        profile.watch(*REFERENCE_RESULT)
        cold = time_to_result(profile, base + REFERENCE)
        cold_rows = profile.take_requests()
        warm = [time_to_result(profile, base + REFERENCE) for _ in range(warm_runs)]
    finally:
        profile.close()
    return {"cold_ms": cold, "warm_ms": warm, "cold_bytes": transferred(cold_rows), "cold_requests": cold_rows}


# --------------------------------------------------------------------------- sizes


def compressed_sizes(files: list[Path], cache_file: Path) -> dict[str, dict[str, int]]:
    """Raw, gzip -9 and brotli -11 sizes (by Node's zlib), cached by content hash."""
    cache: dict[str, dict[str, int]] = {}
    if cache_file.is_file():
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    wanted = {str(path): _sha256(path) for path in files}
    missing = [path for path, digest in wanted.items() if digest not in cache]
    if missing:
        script = (
            "const fs = require('fs'), z = require('zlib'); const out = {};"
            "for (const f of JSON.parse(process.argv[1])) { const d = fs.readFileSync(f);"
            " out[f] = {raw: d.length, gzip: z.gzipSync(d, {level: 9}).length,"
            " brotli: z.brotliCompressSync(d, {params: {[z.constants.BROTLI_PARAM_QUALITY]: 11,"
            " [z.constants.BROTLI_PARAM_SIZE_HINT]: d.length}}).length}; }"
            "process.stdout.write(JSON.stringify(out));"
        )
        node = shutil.which("node") or "node"
        done = subprocess.run([node, "-e", script, json.dumps(missing)], capture_output=True, text=True, check=True)
        for path, sizes in json.loads(done.stdout).items():
            cache[wanted[path]] = sizes
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache, indent=1), encoding="utf-8")
    return {Path(path).name: cache[digest] for path, digest in wanted.items()}


def runtime_bytes(rows: list[dict[str, Any]], locate: Callable[[str], Path | None]) -> dict[str, Any]:
    """What a first visit fetched for Python, by file: raw, and as a compressing host sends it.

    Args:
        rows: the visit's requests (``Profile.take_requests``).
        locate: the local file behind a URL path, or None for what is not Python's.
    """
    files = set()
    for row in rows:
        path = locate(row["url"].split("?", 1)[0].split("/", 3)[-1])
        if path is not None and path.is_file() and row["bytes"] > 0:
            files.add(path)
    sizes = compressed_sizes(sorted(files), ROOT / "build" / "bench-sizes.json")
    total = {
        "raw": sum(s["raw"] for s in sizes.values()),
        # The snapshot is already gzip: a host compressing again gains nothing.
        "host_gzip": sum(s["raw"] if n.endswith(".gz") else s["gzip"] for n, s in sizes.items()),
        "host_brotli": sum(s["raw"] if n.endswith(".gz") else s["brotli"] for n, s in sizes.items()),
    }
    return {"files": sizes, "total": total}


def site_file(site: Path) -> Callable[[str], Path | None]:
    """The site's Python runtime files (and the worker), by URL path."""
    return lambda path: site / path if path.startswith("pyodide/") or path.endswith("worker.mjs") else None


def pristine_file(path: str) -> Path | None:
    """The reference page's Pyodide files, by URL path."""
    prefix = REFERENCE.strip("/") + "/pyodide/"
    return PRISTINE / path[len(prefix) :] if path.startswith(prefix) else None


# --------------------------------------------------------------------------- report


def ratio(value: float, reference: float) -> float:
    """``value / reference``, rounded for the table."""
    return round(value / reference, 2)


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


# --------------------------------------------------------------------------- main


def chromium() -> str:
    """Debian's Chromium (Playwright cannot download its own here)."""
    executable = chromium_executable()
    if executable is None:
        raise SystemExit("Chromium is not installed: apt-get install chromium")
    return executable


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Build, serve, measure, write bench-results/."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs of each page (default 5)")
    parser.add_argument("--warm", type=int, default=2, help="warm visits after each cold one (default 2)")
    parser.add_argument("--edits", type=int, default=40, help="changed inputs per calculator run (default 40)")
    parser.add_argument("--build-runs", type=int, default=2, help="runs of each build (default 2)")
    parser.add_argument("--no-build", action="store_true", help="measure --site as it is")
    parser.add_argument("--site", type=Path, help="the built site to measure (default: built here)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args(argv)

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
        reference_page = work / "reference.html"
        reference_page.write_text(REFERENCE_HTML, encoding="utf-8")
        load_before = round(os.getloadavg()[0], 2)
        content: list[dict[str, Any]] = []
        calculator: list[dict[str, Any]] = []
        reference: list[dict[str, Any]] = []
        long_lived: list[float] = []
        with sync_playwright() as playwright:
            version = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            results["machine"] = {"chromium": version.version}
            version.close()
            with serving(site, reference_page) as base:
                for run in range(args.runs):
                    print(f"round {run + 1}/{args.runs}…", file=sys.stderr)
                    reference.append(reference_run(playwright, executable, base, args.warm))
                    calculator.append(calculator_run(playwright, executable, base, args.warm, args.edits))
                    content.append(content_run(playwright, executable, base))
            with serving(site, reference_page, long_lived=True) as base:
                for _ in range(args.runs):
                    long_lived += calculator_run(playwright, executable, base, args.warm, 0)["warm_ms"]
        manifest_path = site / "pyodide" / "snapshot.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else None
        results["machine"].update(
            {
                "when": time.strftime("%Y-%m-%d %H:%M"),
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "pyodide": json.loads((site / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"],
                "load_before": load_before,
                "load_after": round(os.getloadavg()[0], 2),
            }
        )
        results["snapshot"] = manifest and {k: manifest[k] for k in ("file", "bytes", "raw_bytes")}
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
        results["runtime_bytes"] = runtime_bytes(calculator[0]["cold_requests"], site_file(site))
        results["reference_runtime_bytes"] = runtime_bytes(reference[0]["cold_requests"], pristine_file)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    markdown = report_markdown(results)
    (args.out / "bench.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return results


if __name__ == "__main__":
    main()
