"""The one-year Loan Prime Rate (贷款市场报价利率) history shipped with the package."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

__all__ = ["LPR_AS_OF", "LPR_START", "LprFixing", "latest_lpr", "lpr_history", "lpr_on"]

#: The last fixing confirmed against the official announcement (see data/lpr_1y.csv).
LPR_AS_OF = date(2026, 3, 20)
#: The reformed LPR was first published on this day.
LPR_START = date(2019, 8, 20)


@dataclass(frozen=True)
class LprFixing:
    """A fixing on which the one-year LPR changed; it holds until the next one."""

    effective: date
    rate_percent: Decimal


@cache
def lpr_history() -> tuple[LprFixing, ...]:
    """Every change of the one-year LPR since 2019-08-20, oldest first."""
    text = resources.files("calculators").joinpath("data", "lpr_1y.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return tuple(LprFixing(date.fromisoformat(row["effective_date"]), Decimal(row["rate_percent"])) for row in rows)


def lpr_on(day: date) -> LprFixing | None:
    """The fixing in force on ``day``, or ``None`` before the reformed LPR began."""
    current = None
    for fixing in lpr_history():
        if fixing.effective > day:
            break
        current = fixing
    return current


def latest_lpr() -> LprFixing:
    """The most recent fixing in the shipped data."""
    return lpr_history()[-1]
