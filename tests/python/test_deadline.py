"""The deadline calculator: the counting rule against an independent table of the 2025 and 2026 holidays.

The table below is written from the State Council General Office's notices on the 2025 and
2026 public holidays (days off, and the weekend days worked instead), not from the
``chinesecalendar`` data the calculator uses; the rule is re-implemented here over it
with a list of working days and a bisection, not by stepping day by day.
"""

from __future__ import annotations

import bisect
import json
from datetime import date, timedelta

import icalendar
import pytest
from _support import run_cli, run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import get_calculator
from calculators._internal.ics import REMINDERS
from calculators._internal.workdays import holiday_years
from calculators.deadline import DOCUMENTS, find_deadline


def _days(first: str, last: str) -> set[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


#: Days off under the notices for 2025 (国务院办公厅关于2025年部分节假日安排的通知) and 2026.
DAYS_OFF = (
    _days("2025-01-01", "2025-01-01")
    | _days("2025-01-28", "2025-02-04")
    | _days("2025-04-04", "2025-04-06")
    | _days("2025-05-01", "2025-05-05")
    | _days("2025-05-31", "2025-06-02")
    | _days("2025-10-01", "2025-10-08")
    | _days("2026-01-01", "2026-01-03")
    | _days("2026-02-15", "2026-02-23")
    | _days("2026-04-04", "2026-04-06")
    | _days("2026-05-01", "2026-05-05")
    | _days("2026-06-19", "2026-06-21")
    | _days("2026-09-25", "2026-09-27")
    | _days("2026-10-01", "2026-10-07")
)
#: Weekend days worked instead (调休上班).
MAKE_UP_DAYS = {
    date.fromisoformat(day)
    for day in (
        "2025-01-26",
        "2025-02-08",
        "2025-04-27",
        "2025-09-28",
        "2025-10-11",
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    )
}
FIRST, LAST = date(2025, 1, 1), date(2026, 12, 31)
WORKING_DAYS = [
    day
    for day in sorted(_days(FIRST.isoformat(), LAST.isoformat()))
    if day in MAKE_UP_DAYS or (day.weekday() < 5 and day not in DAYS_OFF)
]


def _months_later(day: date, months: int) -> date:
    # The same day of the month, or the month's last day: found by stepping back from the day after.
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    following = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last_of_month = following - timedelta(days=1)
    return min(last_of_month, date(year, month + 1, 1) + timedelta(days=day.day - 1))


def expected_last_day(document: str, served_on: date) -> date:
    """The rule over the table: not the day of service; a rest day moves to the next working day."""
    period = DOCUMENTS[document]  # type: ignore[index]
    if period.unit == "day":
        nominal = served_on + timedelta(days=period.amount)
    else:
        nominal = _months_later(served_on, period.amount)
    return WORKING_DAYS[bisect.bisect_left(WORKING_DAYS, nominal)]


def test_the_table_and_the_shipped_data_agree_on_every_day_of_2025_and_2026() -> None:
    from calculators._internal.workdays import is_rest_day

    for day in _days(FIRST.isoformat(), LAST.isoformat()):
        assert is_rest_day(day) == (day not in WORKING_DAYS), day


@pytest.mark.parametrize(
    ("document", "served_on", "last_day"),
    [
        ("payment_order", "2026-09-28", "2026-10-13"),  # after the National Day holiday, a Tuesday
        ("complaint", "2026-09-18", "2026-10-08"),  # day 15 is 2026-10-03, in the holiday
        ("ruling", "2026-02-05", "2026-02-24"),  # day 10 is 2026-02-15, Spring Festival
        ("judgment", "2025-09-13", "2025-09-28"),  # day 15 is a Sunday worked instead: a working day
        ("complaint", "2026-09-05", "2026-09-20"),  # day 15 is Sunday 2026-09-20, worked instead
        ("payment_order", "2026-09-12", "2026-09-28"),  # day 15 is Sunday 2026-09-27, Mid-autumn
        ("credit_objection", "2026-04-15", "2026-05-06"),  # day 20 is 2026-05-05, Labour Day
        ("arbitration_award", "2026-03-31", "2026-06-30"),  # no 31 June: the month's last day
        ("arbitration_award", "2026-11-30", "2027-03-01"),  # 2027-02-28 is a Sunday
        ("arbitration_award", "2025-11-30", "2026-02-28"),  # a Saturday worked instead
    ],
)
def test_worked_examples(document: str, served_on: str, last_day: str) -> None:
    outputs = run_ok("deadline", {"document": document, "served_on": served_on, "today": served_on})
    assert outputs["last_day"] == last_day
    if date.fromisoformat(last_day) <= LAST:
        assert date.fromisoformat(last_day) == expected_last_day(document, date.fromisoformat(served_on))


@settings(max_examples=400, deadline=None)
@given(
    document=st.sampled_from(sorted(DOCUMENTS)),
    served_on=st.dates(min_value=FIRST - timedelta(days=1), max_value=date(2026, 9, 30)),
    offset=st.integers(min_value=0, max_value=400),
)
def test_the_rule_against_the_independent_table(document: str, served_on: date, offset: int) -> None:
    today = served_on + timedelta(days=offset)  # a paper cannot arrive after today (see below)
    outputs = run_ok("deadline", {"document": document, "served_on": served_on.isoformat(), "today": today.isoformat()})
    last = date.fromisoformat(outputs["last_day"])
    assert last == expected_last_day(document, served_on)
    assert int(outputs["days_left"]) == (last - today).days
    assert (outputs["ics"] is None) == (last < today)
    # Every day from the nominal last day up to the result is a rest day.
    deadline = find_deadline(document, served_on)  # type: ignore[arg-type]
    assert deadline.last_day == last
    assert all(deadline.nominal + timedelta(days=n) not in WORKING_DAYS for n in range((last - deadline.nominal).days))


def test_the_command_line_example() -> None:
    done = run_cli("deadline", "--json", '{"document": "payment_order", "served_on": "2026-09-28"}')
    assert done.returncode == 0, done.stderr
    outputs = json.loads(done.stdout)
    assert (outputs["last_day"], outputs["weekday"]) == ("2026-10-13", "星期二")
    assert "督促程序（第二百二十五条至第二百二十八条）" in outputs["basis"]
    assert "第八十五条，条文序号据公开资料" in outputs["basis"]


def test_served_on_defaults_to_today() -> None:
    today = date.today()
    outputs = run_ok("deadline", {"document": "complaint"})
    assert outputs["counting"].startswith(f"{today.isoformat()} 收到")


def test_holiday_data_says_as_of_when_and_warns_beyond_it() -> None:
    years = holiday_years()
    inside = run_ok("deadline", {"document": "complaint", "served_on": "2026-06-01", "today": "2026-06-01"})
    assert f"数据截至 {years.last} 年" in inside["holiday_data"]
    assert "超出了节假日数据的范围" not in inside["caveats"]
    beyond = run_ok("deadline", {"document": "complaint", "served_on": f"{years.last}-12-25", "today": "2026-12-25"})
    assert f"{years.last + 1} 年的放假和调休安排还没有收进节假日数据" in beyond["caveats"]


@pytest.mark.parametrize(
    ("served_on", "last_day", "holiday"),
    [
        ("2026-12-17", "2027-01-04", "元旦"),  # day 15 is Friday 2027-01-01
        ("2027-04-16", "2027-05-03", "劳动节"),  # day 15 is Saturday 2027-05-01: May 1-2, then Monday
        ("2030-04-17", "2030-05-03", "劳动节"),  # day 15 is Thursday 2030-05-02
        ("2029-09-16", "2029-10-04", "国庆节"),  # day 15 is Monday 2029-10-01; 10-01…10-03 off
    ],
)
def test_beyond_the_data_the_fixed_holidays_are_rest_days(served_on: str, last_day: str, holiday: str) -> None:
    # 《全国年节及纪念日放假办法》 (revised 2024): 元旦 1/1, 劳动节 5/1-5/2, 国庆节 10/1-10/3 on fixed dates.
    outputs = run_ok("deadline", {"document": "payment_order", "served_on": served_on, "today": served_on})
    assert outputs["last_day"] == last_day
    assert f"这一天是{holiday}假期" in outputs["counting"]
    assert "工作日" not in outputs["counting"]
    assert "还没有收进节假日数据" in outputs["caveats"]


@settings(max_examples=200, deadline=None)
@given(
    document=st.sampled_from(sorted(DOCUMENTS)),
    served_on=st.dates(min_value=date(2026, 12, 1), max_value=date(2099, 9, 30)),
)
def test_beyond_the_data_no_day_is_called_a_working_day(document: str, served_on: date) -> None:
    day = served_on.isoformat()
    outputs = run_ok("deadline", {"document": document, "served_on": day, "today": day})
    last = date.fromisoformat(outputs["last_day"])
    if last.year <= holiday_years().last:
        return
    assert last.weekday() < 5 and (last.month, last.day) not in {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}
    assert "工作日" not in outputs["counting"]
    assert "请再核对" in outputs["counting"] or "顺延到之后第一个不放假的日子" in outputs["counting"]
    assert "还没有收进节假日数据" in outputs["caveats"]


def test_what_overrides_the_estimate_is_said() -> None:
    outputs = run_ok("deadline", {"document": "payment_order", "served_on": "2026-09-28"})
    for words in ("邮寄在途", "小额诉讼", "举证期限", "以法院为准", "12368"):
        assert words in outputs["caveats"]


def test_the_credit_periods_are_the_other_sides() -> None:
    for document, days, article in (("credit_objection", 20, "第二十五条"), ("credit_complaint", 30, "第二十六条")):
        outputs = run_ok("deadline", {"document": document, "served_on": "2026-06-01"})
        assert "对方答复的期限，不是你要做事的期限" in outputs["caveats"]
        assert f"《征信业管理条例》{article}" in outputs["basis"] and f"{days}日内" in outputs["basis"]


def test_an_award_before_the_revised_arbitration_law_is_flagged() -> None:
    before = run_ok("deadline", {"document": "arbitration_award", "served_on": "2026-02-27"})
    after = run_ok("deadline", {"document": "arbitration_award", "served_on": "2026-03-02"})
    assert "六个月" in before["caveats"] and "六个月" not in after["caveats"]
    assert "3个月" in after["basis"] and "第" not in after["basis"].split("：")[0].split("》")[-1]


def test_the_calendar_file_parses_back() -> None:
    outputs = run_ok("deadline", {"document": "payment_order", "served_on": "2026-09-28", "today": "2026-09-29"})
    calendar = icalendar.Calendar.from_ical(outputs["ics"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == date(2026, 10, 13)
    assert event.decoded("dtend") == date(2026, 10, 14)
    assert str(event["summary"]) == "支付令：清偿或提出书面异议的最后一天"
    assert "第二百二十五条至第二百二十八条" in str(event["description"])
    triggers = sorted(alarm.decoded("trigger") for alarm in event.walk("VALARM"))
    assert triggers == sorted(REMINDERS)
    # The same deadline always gets the same file (and UID), so a calendar replaces it.
    again = run_ok("deadline", {"document": "payment_order", "served_on": "2026-09-28", "today": "2026-09-29"})
    assert again["ics"] == outputs["ics"]


@pytest.mark.parametrize("value", ["1999-12-31", "2100-01-01", "2026-02-30", "明天"])
def test_dates_out_of_range_are_refused(value: str) -> None:
    errors = run_errors("deadline", {"served_on": value})
    assert errors["served_on"].startswith("收到的日期：")


@settings(max_examples=50, deadline=None)
@given(served_on=st.dates(min_value=date(2000, 1, 2), max_value=date(2099, 12, 31)), ahead=st.integers(1, 800))
def test_a_paper_received_after_today_is_refused(served_on: date, ahead: int) -> None:
    today = max(date(2000, 1, 1), served_on - timedelta(days=ahead))
    errors = run_errors("deadline", {"served_on": served_on.isoformat(), "today": today.isoformat()})
    assert errors["served_on"] == (
        f"收到的日期：{served_on.isoformat()} 在今天（{today.isoformat()}）之后。"
        "请填已经收到的那一天；想按别的日子推算，请同时改“今天的日期”。"
    )
    # The day itself is fine: received today, counted from tomorrow.
    assert run_ok("deadline", {"served_on": today.isoformat(), "today": today.isoformat()})["days_left"] != "0"


def test_the_day_to_enter_is_said_for_each_document() -> None:
    # 《征信业管理条例》第二十五条 counts from the agency's receipt of the objection; 第二十六条 from acceptance.
    help_text = get_calculator("deadline").field("served_on").help
    assert "收到异议的日期" in help_text and "受理的日期" in help_text and "签收或电子送达" in help_text
    for document, start in (("credit_objection", "对方收到异议"), ("credit_complaint", "投诉受理"), ("ruling", "收到")):
        outputs = run_ok("deadline", {"document": document, "served_on": "2026-04-15", "today": "2026-04-15"})
        assert outputs["counting"].startswith(f"2026-04-15 {start}，从第二天起算"), outputs["counting"]


def test_a_judgment_says_small_claims_cannot_be_appealed() -> None:
    # 民事诉讼法第一百六十五条: small claims are final at first instance; the judgment says which.
    judgment = run_ok("deadline", {"document": "judgment", "served_on": "2026-06-01", "today": "2026-06-01"})
    assert (
        "小额诉讼程序、一审终审的，不能上诉" in judgment["caveats"]
        and "第一百六十五条，条文序号据公开资料" in judgment["caveats"]
    )
    ruling = run_ok("deadline", {"document": "ruling", "served_on": "2026-06-01", "today": "2026-06-01"})
    assert "一审终审" not in ruling["caveats"]
