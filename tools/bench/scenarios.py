"""What a reader does on each measured calculator page: the numbers typed, and the output that answers.

The expected answers come from the calculators themselves, run here under CPython,
so a scenario names only what is typed.  Measuring another calculator page (one
that loads extra packages, say) is one more :class:`Calculation` in
:data:`CALCULATIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import cycle, islice
from typing import Any

__all__ = ["CALCULATIONS", "DEADLINE", "OVERDUE", "Calculation"]

#: Where the build puts each calculator's page (docs/calculators/NAME.md), in simplified Chinese.
_PAGES = "/calculators/"
_FRIDAY = 4


@dataclass(frozen=True)
class Calculation:
    """A calculator page, the numbers a reader types into its empty-query form, and the output that answers.

    Attributes:
        calculator: the calculator's name; its page is ``/calculators/NAME/``.
        typed: (field, text) typed at once into the form, in order, replacing the defaults.
        output: the output whose text shows the answer.
        edit_field: the field changed again and again to time changed input → new result.
        edit_values: what is typed there in turn, cycled; each answer must differ from the one before.
        later_output: a download answered after the first result (``Output.packages``), whose
            file is timed too; empty if none.
    """

    calculator: str
    typed: tuple[tuple[str, str], ...]
    output: str
    edit_field: str
    edit_values: tuple[str, ...]
    later_output: str = ""

    @property
    def path(self) -> str:
        """The page's URL path, with no query (nothing prefilled)."""
        return f"{_PAGES}{self.calculator}/"

    @property
    def root(self) -> str:
        """CSS selector of the calculator on its page."""
        return f'[data-calculator="{self.calculator}"]'

    def output_selector(self, name: str) -> str:
        """CSS selector of an output's element."""
        return f'{self.root} [data-output="{name}"]'

    @property
    def selector(self) -> str:
        """CSS selector of the answering output."""
        return self.output_selector(self.output)

    @property
    def later_selector(self) -> str:
        """CSS selector of :attr:`later_output`'s link, or empty."""
        return self.output_selector(self.later_output) if self.later_output else ""

    def field(self, name: str) -> str:
        """CSS selector of a field's control."""
        return f'{self.root} [name="{name}"]'

    def expected(self, changed: Mapping[str, str] | None = None) -> str:
        """The answer's text for the typed numbers (and ``changed`` fields), as the page shows it."""
        from calculators import get_calculator, run

        values: dict[str, Any] = {spec.name: spec.default for spec in get_calculator(self.calculator).fields}
        values.update(dict(self.typed))
        values.update(changed or {})
        result = run(self.calculator, values, "zh")
        if not result["ok"]:
            raise ValueError(f"{self.calculator}: the scenario's numbers are refused: {result['errors']}")
        return str(result["outputs"][self.output])

    def edits(self, count: int) -> list[tuple[str, str]]:
        """``count`` (value, answer) pairs typed into :attr:`edit_field` one after another."""
        return [(value, self.expected({self.edit_field: value})) for value in islice(cycle(self.edit_values), count)]


#: The overdue calculator: 20000 元 for 45 days at the default 0.05 % a day.
OVERDUE = Calculation(
    calculator="overdue",
    typed=(("principal", "20000"), ("days", "45")),
    output="penalty",
    edit_field="days",
    edit_values=tuple(str(days) for days in range(46, 76)),
)

#: The deadline calculator, which loads packages from the lock (chinesecalendar for its first
#: answer, icalendar for its calendar file after it): a payment order (the default) served on
#: Thursday 2026-11-26, counted on 2026-11-30, so its last day is still to come and has a file.
#: (Until 2026-12-07: served on 2026-09-28, counted on 2026-12-31, a past day without one.)
DEADLINE = Calculation(
    calculator="deadline",
    typed=(("served_on", "2026-11-26"), ("today", "2026-11-30")),
    output="last_day",
    later_output="ics",
    edit_field="served_on",
    # Served Monday to Thursday in November: each last day a distinct weekday, none moved.
    edit_values=tuple(f"2026-11-{day:02d}" for day in range(1, 31) if date(2026, 11, day).weekday() < _FRIDAY),
)

#: Every measured calculator page, by name (``--calculator NAME`` picks some).
CALCULATIONS = {calculation.calculator: calculation for calculation in (OVERDUE, DEADLINE)}
