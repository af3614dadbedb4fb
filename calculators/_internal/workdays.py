"""Mainland China's working days: weekends, public holidays and make-up working days (调休).

The holidays and make-up working days are the State Council's yearly notices as the
maintained ``chinesecalendar`` package records them. It is imported on first use, not
with this module: every calculator module is imported when the calculators start, and
only the pages whose calculators declare the package (``Calculator.packages``) load it
in the browser.

Outside the years the package covers, only weekends are known to be rest days;
:func:`holiday_years` tells the caller which years those are, so that it can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from types import ModuleType

__all__ = ["HOLIDAY_PACKAGE", "HolidayYears", "holiday_name", "holiday_years", "is_rest_day", "next_working_day"]

#: The distribution that holds the holiday data (the name in the Pyodide lock and on PyPI).
HOLIDAY_PACKAGE = "chinesecalendar"
_SATURDAY = 5
#: The holidays' names, by the value ``chinesecalendar`` gives them (translated where shown).
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
#: The longest run of rest days the notices have made (a 9-day Spring Festival), with room to spare.
_LONGEST_REST = 31


def _calendar() -> ModuleType:
    import chinese_calendar

    module: ModuleType = chinese_calendar
    return module


@dataclass(frozen=True)
class HolidayYears:
    """The years the holiday data covers, and the data's version.

    Attributes:
        first: the first year with the State Council's holidays.
        last: the last one.
        version: the ``chinesecalendar`` version.
    """

    first: int
    last: int
    version: str

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls in a year of the data."""
        return self.first <= day.year <= self.last


@cache
def holiday_years() -> HolidayYears:
    """The years ``chinesecalendar`` has the State Council's holidays for."""
    calendar = _calendar()
    days = calendar.holidays.keys()
    return HolidayYears(min(days).year, max(days).year, str(calendar.__version__))


def is_rest_day(day: date) -> bool:
    """Whether ``day`` is a rest day in mainland China.

    Within the data's years: a public holiday, or a Saturday or Sunday that is not a
    make-up working day. Outside them: a Saturday or Sunday.
    """
    if not holiday_years().covers(day):
        return day.weekday() >= _SATURDAY
    return not bool(_calendar().is_workday(day))


def holiday_name(day: date) -> str | None:
    """The public holiday ``day`` belongs to, in simplified Chinese (``国庆节``), or ``None``.

    A holiday the names do not know yet (a new special day) is ``None``: the day is still a rest day.
    """
    if not holiday_years().covers(day):
        return None
    on_holiday, holiday = _calendar().get_holiday_detail(day)
    if not on_holiday or holiday is None:
        return None
    return _HOLIDAY_NAMES.get(str(holiday))


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    for offset in range(_LONGEST_REST + 1):
        candidate = day + timedelta(days=offset)
        if not is_rest_day(candidate):
            return candidate
    raise AssertionError(f"no working day within {_LONGEST_REST} days of {day}")  # the data never has one
