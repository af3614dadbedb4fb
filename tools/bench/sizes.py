"""The bytes a first visit downloads for Python, raw and as a host compressing with gzip or brotli sends them."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs_guide.calc.contract import ASSETS_DIR, RUNTIME_DIR

from . import ROOT

__all__ = ["compressed_sizes", "runtime_bytes", "site_file"]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def runtime_bytes(paths: Iterable[str], locate: Callable[[str], Path | None]) -> dict[str, Any]:
    """What a first visit fetched for Python, by file: raw, and as a compressing host sends it.

    Args:
        paths: the URL paths the visit fetched (the server's log).
        locate: the local file behind a URL path, or None for what is not Python's.
    """
    files = set()
    for url_path in paths:
        path = locate(url_path)
        if path is not None and path.is_file():
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
    """The site's Python runtime files (and the worker), by URL path (``/pyodide/…``)."""
    python = (f"/{RUNTIME_DIR}/", f"/{ASSETS_DIR}/worker.mjs")
    return lambda path: site / path.lstrip("/") if path.startswith(python) else None
