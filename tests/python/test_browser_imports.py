"""What the calculators import: every module is bytes in a reader's browser (README, Benchmark).

The build ships a standard library cut down to what the calculators import
(mkdocs_guide/calc/stdlib.py), and a first answer gets only what every
calculator's first answer imports.  These modules were left out of that on
purpose, replaced by a few lines of the package's own, which must do exactly
the same.
"""

from __future__ import annotations

import csv
import html
import io
import json
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from calculators._internal.lpr import _LPR_CSV, lpr_history
from calculators._internal.schedule_view import escape

#: Each for a few characters or lines of work, and large in the browser (html.entities above all).
_AVOIDED = ("html", "csv", "importlib.resources")

_RUN_ALL = """
import json, sys
from calculators import all_calculators, run
for calculator in all_calculators():
    if calculator.all_packages:
        continue  # their packages import more, on their own pages
    for lang in ("zh", "zh-Hant"):
        run(calculator.name, {}, lang)
print(json.dumps(sorted(name for name in %r if name in sys.modules)))
"""


def test_calculators_without_packages_import_none_of_the_avoided_modules() -> None:
    # A fresh interpreter: this test process has imported them itself.
    done = subprocess.run(
        [sys.executable, "-c", _RUN_ALL % (_AVOIDED,)], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout) == []


@given(st.text())
def test_escape_is_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text, quote=True)


def test_lpr_file_is_read_as_csv_reads_it() -> None:
    import pkgutil

    data = pkgutil.get_data("calculators", _LPR_CSV)
    assert data is not None
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert [(str(f.effective), str(f.rate_percent)) for f in lpr_history()] == [
        (row["effective_date"], row["rate_percent"]) for row in rows
    ]
