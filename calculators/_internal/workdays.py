"""Mainland China's working days: weekends, public holidays and make-up working days (调休).

The holidays and make-up working days are the State Council's yearly notices as the
maintained ``chinesecalendar`` package records them. It is imported on first use, not
with this module: every calculator module is imported when the calculators start, and
only the pages whose calculators declare the package (``Calculator.packages``) load it
in the browser.

After the years the package covers, the State Council has not yet published the year's
schedule: weekends and the holidays on fixed dates of 《全国年节及纪念日放假办法》 (as the State
Council revised it in 2024, in force from 2025) are rest days, and the holidays on lunar dates
and the make-up working days are unknown. Before them, only weekends are. :func:`holiday_years`
tells the caller which years those are, so that it can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from types import ModuleType

__all__ = [
    "FIXED_HOLIDAYS_FROM",
    "HOLIDAY_PACKAGE",
    "HolidayYears",
    "holiday_name",
    "holiday_years",
    "is_rest_day",
    "next_working_day",
]

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
#: The holidays on fixed dates (month, day) of 《全国年节及纪念日放假办法》 as revised in 2024:
#: 元旦 1 day, 劳动节 2 days, 国庆节 3 days (by ``chinesecalendar``'s names).
_FIXED_HOLIDAYS = {
    (1, 1): "New Year's Day",
    (5, 1): "Labour Day",
    (5, 2): "Labour Day",
    (10, 1): "National Day",
    (10, 2): "National Day",
    (10, 3): "National Day",
}
#: The first year the 2024 revision's fixed holidays apply to.
FIXED_HOLIDAYS_FROM = 2025
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


def _fixed_holiday(day: date) -> str | None:
    """The holiday on a fixed date ``day`` is, for a year after the data (``chinesecalendar``'s name)."""
    if day.year > holiday_years().last and day.year >= FIXED_HOLIDAYS_FROM:
        return _FIXED_HOLIDAYS.get((day.month, day.day))
    return None


def is_rest_day(day: date) -> bool:
    """Whether ``day`` is a rest day in mainland China.

    Within the data's years: a public holiday, or a Saturday or Sunday that is not a
    make-up working day. After them: a Saturday, a Sunday or a holiday on a fixed date
    (the year's lunar holidays and make-up working days are not known). Before them: a
    Saturday or Sunday.
    """
    if not holiday_years().covers(day):
        return day.weekday() >= _SATURDAY or _fixed_holiday(day) is not None
    return not bool(_calendar().is_workday(day))


def holiday_name(day: date) -> str | None:
    """The public holiday ``day`` belongs to, in simplified Chinese (``国庆节``), or ``None``.

    A holiday the names do not know yet (a new special day) is ``None``: the day is still a rest day.
    After the data's years, only the holidays on fixed dates are known.
    """
    if not holiday_years().covers(day):
        fixed = _fixed_holiday(day)
        return None if fixed is None else _HOLIDAY_NAMES[fixed]
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
