"""``make bench``: the site's speed in headless Chromium, against bare Pyodide in the same run, on two profiles.

Builds the site (timing the build of both scripts beside a plain single-language
build), serves it on 127.0.0.1 with the pristine npm Pyodide files beside it at
``/__reference__/``, and measures each profile with a fresh browser profile for
every cold run:

* ``localhost``: the machine's loopback, answered as ``make serve`` does (today's figures);
* ``phone``: one shared 10 Mbit/s downlink and 60 ms per request, emulated in the
  server for every response (the page's, its workers', the service worker's), answered
  as GitHub Pages does (gzip, ``ETag``, ``max-age=600``, 304s).

On each: the reference (bare ``loadPyodide()`` in a module worker → one line of
Python on the page), each calculator page of :mod:`.scenarios` (numbers typed at
once → the right answer on screen, cold and warm; bytes on the link before it;
whether a result was on screen at first paint; changed input → new result), and a
content page.  Bytes are counted by the server, as its link carried them.  Rounds
interleave the pages, so a busy machine slows them alike; figures are also given
as ratios to the reference's medians in the same profile.  Writes
``bench-results/bench.json`` and ``bench-results/bench.md``.  Standard library and
Playwright only; speed is asserted nowhere (this only reports).

``python -m tools.bench [--profile localhost|phone|both] [--runs 5] [--rate 10] [--latency 60]
[--calculator NAME] [--no-content] [--no-build --site DIR]``

One module a job:

* :mod:`.link`: the emulated link: one shared token bucket, latency per request, bytes counted;
* :mod:`.host`: how a static host answers: gzip, ``ETag``, ``max-age=600``, 304s;
* :mod:`.server`: the site on 127.0.0.1 with files mounted beside it, through a link, as a host or as ``make serve``;
* :mod:`.profiles`: the network profiles (link, host, device);
* :mod:`.reference`: the bare reference page, its module worker and its pristine Pyodide;
* :mod:`.scenarios`: what a reader types on each measured calculator page, and the answer (from Python);
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
