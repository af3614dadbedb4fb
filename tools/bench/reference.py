"""The reference: bare Pyodide from its pristine npm files, started in a module worker, running one line.

Navigation → ``loadPyodide()`` in a module Web Worker → one line of Python → its
result on the page.  A worker, like the calculators' own, so that the same things
slow both (CDP's CPU throttling and Material's scripts act on the main thread only).
"""

from __future__ import annotations

from pathlib import Path

from . import ROOT
from .server import Mount

__all__ = ["PAGE", "PRISTINE", "RESULT", "mounts", "pristine_file"]

#: The URL path of the reference page.
PAGE = "/__reference__/"
#: The npm package's files, as installed (the site ships copies).
PRISTINE = ROOT / "node_modules" / "pyodide"
#: What the page shows once Python has run: (selector, text).
RESULT = ("#out", "45")
_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>bare loadPyodide() in a module worker</title>
<link rel="icon" href="data:,">
<p id="out"></p>
<script type="module">
  const worker = new Worker("./worker.mjs", { type: "module" });
  worker.onmessage = ({ data }) => { document.getElementById("out").textContent = data; };
</script>
</html>
"""
_WORKER = """import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide();
postMessage(pyodide.runPython("str(sum(range(10)))"));
"""


def mounts(work: Path) -> list[Mount]:
    """The reference page and its worker (written into ``work``), and the pristine Pyodide beside them."""
    folder = work / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(_HTML, encoding="utf-8")
    (folder / "worker.mjs").write_text(_WORKER, encoding="utf-8")
    return [Mount(PAGE, folder), Mount(PAGE + "pyodide/", PRISTINE)]


def pristine_file(path: str) -> Path | None:
    """The reference page's Pyodide files, by URL path."""
    prefix = PAGE + "pyodide/"
    return PRISTINE / path[len(prefix) :] if path.startswith(prefix) else None
