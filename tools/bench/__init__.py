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

One module a job:

* :mod:`.server`: the site on 127.0.0.1, with extra files mounted beside it;
* :mod:`.reference`: the bare ``loadPyodide()`` page and its pristine Pyodide;
* :mod:`.browser`: a fresh Chromium profile on a :class:`~.browser.Device`, and timing a result;
* :mod:`.pages`: what is measured on each page (one function a run);
* :mod:`.sizes`: bytes a first visit downloads, raw and as a compressing host sends them;
* :mod:`.builds`: build times;
* :mod:`.report`: the runs summed up, and the Markdown tables;
* :mod:`.__main__`: the command line.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT"]

#: The project's root (mkdocs.yml, node_modules/).
ROOT = Path(__file__).resolve().parents[2]
