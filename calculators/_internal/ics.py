"""Calendar files (.ics, RFC 5545) of deadlines, made with the maintained ``icalendar`` package.

Each deadline is an all-day event with two reminders: at 09:00 three days before and
at 09:00 the day before. ``icalendar`` is imported on first use (see
:mod:`calculators._internal.workdays` for why).

The file holds dates and one UTC time stamp only, never a named time zone, so that it
needs no time-zone database (Pyodide ships none unless ``tzdata`` is loaded): the stamp
is handed to ``icalendar`` as a ``vDatetime``, which it writes as it is.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

__all__ = ["CALENDAR_MEDIA_TYPE", "ICS_PACKAGE", "REMINDERS", "CalendarEntry", "CalendarFile", "calendar_file"]

#: The distribution that writes the files (the name in the Pyodide lock and on PyPI).
ICS_PACKAGE = "icalendar"
#: What the page declares for the download (RFC 5545, section 8.1).
CALENDAR_MEDIA_TYPE = "text/calendar;charset=utf-8"
#: When each reminder fires, from the start of the deadline's day (00:00): 09:00 three days and one day before.
REMINDERS = (-timedelta(days=3) + timedelta(hours=9), -timedelta(days=1) + timedelta(hours=9))
_PRODUCT = "-//jd-overdue-guide//calculators//ZH"
#: Names the events' UIDs: the same deadline always gets the same UID (a calendar replaces it, not doubles it).
_UID_NAMESPACE = uuid.UUID("6f2b8f52-4f1e-4c55-9d7e-3c2a0d2f1b6a")


@dataclass(frozen=True)
class CalendarEntry:
    """One deadline.

    Attributes:
        key: what identifies the deadline (the kind of paper and the day it arrived), for its UID.
        day: its last day.
        summary: the event's title, in the reader's script.
        description: its text, in the reader's script.
    """

    key: str
    day: date
    summary: str
    description: str


@dataclass(frozen=True)
class CalendarFile:
    """A calendar file made only when its text is asked for (a :class:`~.fields.DeferredText`).

    A calculator returns this rather than the text, so that its other results need no
    ``icalendar``: the browser's engine loads that package after its first answer.

    Attributes:
        entries: the deadlines.
        stamp: the day the file is made (see :func:`calendar_file`).
    """

    entries: tuple[CalendarEntry, ...]
    stamp: date

    def text(self) -> str:
        """The file's text (:func:`calendar_file`)."""
        return calendar_file(self.entries, self.stamp)


def calendar_file(entries: Sequence[CalendarEntry], stamp: date) -> str:
    """An iCalendar file with one all-day event, with reminders, per entry.

    Args:
        entries: the deadlines.
        stamp: the day the file is made (its ``DTSTAMP`` is 00:00 UTC that day, so the same
            inputs always give the same file).

    Returns:
        The file's text (CRLF line ends, as RFC 5545 asks).
    """
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    made = icalendar.vDatetime(datetime.combine(stamp, time(0), tzinfo=UTC))
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", f"{uuid.uuid5(_UID_NAMESPACE, entry.key)}@calculators")
        event.add("dtstamp", made)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        for trigger in REMINDERS:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.summary)
            alarm.add("trigger", trigger)
            event.add_component(alarm)
        calendar.add_component(event)
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")
