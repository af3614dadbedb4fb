"""The reference: a bare page that loads the pinned Pyodide from its pristine npm files and runs one line."""

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
<html lang="en"><meta charset="utf-8"><title>bare loadPyodide()</title>
<p id="out"></p>
<script type="module">
  import { loadPyodide } from "./pyodide/pyodide.mjs";
  const pyodide = await loadPyodide();
  document.getElementById("out").textContent = pyodide.runPython("str(sum(range(10)))");
</script>
</html>
"""


def mounts(work: Path) -> list[Mount]:
    """The reference page (written into ``work``) and the pristine Pyodide beside it."""
    page = work / "reference.html"
    page.write_text(_HTML, encoding="utf-8")
    return [Mount(PAGE, page), Mount(PAGE + "pyodide/", PRISTINE)]


def pristine_file(path: str) -> Path | None:
    """The reference page's Pyodide files, by URL path (without the leading slash)."""
    prefix = PAGE.strip("/") + "/pyodide/"
    return PRISTINE / path[len(prefix) :] if path.startswith(prefix) else None
