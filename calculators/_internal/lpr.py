"""The one-year Loan Prime Rate (贷款市场报价利率) history shipped with the package."""

from __future__ import annotations

import pkgutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

__all__ = ["LPR_AS_OF", "LPR_START", "LprFixing", "latest_lpr", "lpr_history", "lpr_on"]

#: The last fixing confirmed against the official announcement (see data/lpr_1y.csv).
LPR_AS_OF = date(2026, 3, 20)
#: The reformed LPR was first published on this day.
LPR_START = date(2019, 8, 20)
_LPR_CSV = "data/lpr_1y.csv"
_LPR_COLUMNS = ["effective_date", "rate_percent"]


@dataclass(frozen=True)
class LprFixing:
    """A fixing on which the one-year LPR changed; it holds until the next one."""

    effective: date
    rate_percent: Decimal


@cache
def lpr_history() -> tuple[LprFixing, ...]:
    """Every change of the one-year LPR since 2019-08-20, oldest first."""
    return tuple(LprFixing(date.fromisoformat(day), Decimal(rate)) for day, rate in _lpr_rows())


def _lpr_rows() -> list[list[str]]:
    """The data file's rows after its header, each ``[effective_date, rate_percent]``.

    Read without the csv module, which every reader's browser would otherwise download: the
    file is the package's own, two plain columns; any other shape is refused.
    """
    data = pkgutil.get_data("calculators", _LPR_CSV)
    if data is None:
        raise FileNotFoundError(_LPR_CSV)
    header, *lines = data.decode("utf-8").splitlines()
    rows = [line.split(",") for line in lines if line.strip()]
    if header.split(",") != _LPR_COLUMNS or any(len(row) != len(_LPR_COLUMNS) or '"' in "".join(row) for row in rows):
        raise ValueError(f"{_LPR_CSV}: not the two plain columns {','.join(_LPR_COLUMNS)}")
    return rows


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
