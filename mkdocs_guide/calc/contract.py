"""What the build, the page scripts and the tests agree on, each defined once.

The build renders these facts into each calculator's HTML as data attributes
(:func:`~mkdocs_guide.calc.render.render_calculator`); ``calculator.js`` reads
them there and hands the worker what it needs, so neither script restates a
path, an id or a step.  The tests and the benchmark import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ASSETS_DIR",
    "PAGE_SCRIPT",
    "PAGE_SCRIPTS",
    "PROGRESS_STEPS",
    "RUNTIME_DIR",
    "START_MODULE",
    "WORKER_MODULE",
    "FieldIds",
    "field_ids",
]

#: Site folder (from the site root) of the page scripts.
ASSETS_DIR = "assets/calculators"
#: The page's script in :data:`ASSETS_DIR`, which a calculator's HTML loads.
PAGE_SCRIPT = "calculator.js"
#: The module it imports: which start the engine takes, and when.
START_MODULE = "start.mjs"
#: The Web Worker's module, which it starts beside it.
WORKER_MODULE = "worker.mjs"
#: Every page script in :data:`ASSETS_DIR`.
PAGE_SCRIPTS = (PAGE_SCRIPT, START_MODULE, WORKER_MODULE)
#: Site folder (from the site root) of Pyodide, the lock file, the calculators wheel and the snapshot.
RUNTIME_DIR = "pyodide"
#: The steps of loading the engine, in order, as the worker reports them (``{type: "progress", step}``).
#: The plain start has both; the snapshot start only the first, and the second when the
#: page's calculators import packages beyond the wheel (``Calculator.packages``).
PROGRESS_STEPS = ("runtime", "package")


@dataclass(frozen=True)
class FieldIds:
    """The element ids of one field of a calculator's form.

    Attributes:
        control: the input, select or textarea (the label's ``for``).
        help: the line of help under it.
        error: where the field's error message appears.
    """

    control: str
    help: str
    error: str

    @property
    def described_by(self) -> str:
        """The control's ``aria-describedby``: its help, then its error."""
        return f"{self.help} {self.error}"


def field_ids(calculator: str, field: str) -> FieldIds:
    """The ids of a field, unique on a page that shows several calculators.

    Args:
        calculator: the calculator's name.
        field: the field's name.

    Returns:
        The control's, the help's and the error's ids.
    """
    control = f"calc-{calculator}-{field}"
    return FieldIds(control=control, help=f"{control}-help", error=f"{control}-error")
