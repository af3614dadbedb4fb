"""法律期限计算: the last day to answer a court paper, appeal, or expect a reply to a credit-report objection.

Counting (民事诉讼法第八十五条; 民法典第二百零一条至第二百零三条): the day the paper
arrived is not counted; a period in months ends on the same day of the month (the month's
last day when it has no such day); a last day that is a rest day moves to the first
working day after it. Rest days are Saturdays, Sundays and the State Council's public
holidays, less its make-up working days (调休), from :mod:`calculators._internal.workdays`.

This is an estimate: time in the post, periods a court sets (small claims, 举证期限) and
the court's own notice decide. Every output says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ._internal.fields import Field, Output, field_error
from ._internal.i18n import gettext as _
from ._internal.ics import CALENDAR_MEDIA_TYPE, ICS_PACKAGE, CalendarEntry, CalendarFile
from ._internal.registry import Calculator
from ._internal.workdays import HOLIDAY_PACKAGE, holiday_name, holiday_years, next_working_day

__all__ = [
    "CALCULATOR",
    "DOCUMENTS",
    "Deadline",
    "DeadlineInputs",
    "DeadlineResult",
    "Document",
    "Period",
    "calendar_entry",
    "check_received",
    "find_deadline",
    "warnings",
]

Document = Literal[
    "payment_order", "complaint", "judgment", "ruling", "arbitration_award", "credit_objection", "credit_complaint"
]
#: How a period is counted: by the Civil Procedure Law (court periods) or the Civil Code (the others).
Counting = Literal["civil_procedure", "civil_code"]


@dataclass(frozen=True)
class Period:
    """A period the law sets, from the day a paper arrives.

    Attributes:
        label: the paper, as the form lists it.
        amount: how many days or months.
        unit: ``"day"`` or ``"month"``.
        law: the law and article that set it.
        duty: what must happen by its last day, and who must act.
        reader_acts: whether the reader must act (``False``: it is the other side's time to reply).
        counting: which law's counting rule applies.
        summary: the calendar event's title.
        start: what happened on the day the period runs from, as the count says it.
    """

    label: str
    amount: int
    unit: Literal["day", "month"]
    law: str
    duty: str
    reader_acts: bool
    counting: Counting
    summary: str
    start: str = "收到"


#: The periods, by the form's value. An article number not read in the official text (the fact
#: sheet's [S] items) is marked 据公开资料 where it is printed, as the pages mark it
#: (tests/content/test_marks.py); the payment order cites the 督促程序 articles' range, which is
#: checked, not the one of them that is only reported.
#: The arbitration law's article number and the year of its revision are not in the checked facts,
#: so the result names the law and the day the revision took effect.
DOCUMENTS: dict[Document, Period] = {
    "payment_order": Period(
        "支付令",
        15,
        "day",
        "《中华人民共和国民事诉讼法》督促程序（第二百二十五条至第二百二十八条）",
        "收到支付令之日起15日内，清偿债务，或者向发出支付令的法院提出书面异议。",
        True,
        "civil_procedure",
        "支付令：清偿或提出书面异议的最后一天",
    ),
    "complaint": Period(
        "起诉状副本、应诉通知书",
        15,
        "day",
        "《中华人民共和国民事诉讼法》第一百二十八条",
        "收到起诉状副本之日起15日内提出答辩状；不提出答辩状，不影响法院审理。",
        True,
        "civil_procedure",
        "起诉状：提交答辩状的最后一天",
    ),
    "judgment": Period(
        "一审判决书",
        15,
        "day",
        "《中华人民共和国民事诉讼法》第一百七十一条",
        "不服一审判决的，判决书送达之日起15日内提起上诉。",
        True,
        "civil_procedure",
        "判决书：提起上诉的最后一天",
    ),
    "ruling": Period(
        "一审裁定书",
        10,
        "day",
        "《中华人民共和国民事诉讼法》第一百七十一条",
        "不服可以上诉的一审裁定的，裁定书送达之日起10日内提起上诉；能否上诉，以裁定书上写明的为准。",
        True,
        "civil_procedure",
        "裁定书：提起上诉的最后一天",
    ),
    "arbitration_award": Period(
        "仲裁裁决书",
        3,
        "month",
        "修订后的《中华人民共和国仲裁法》（2026年3月1日起施行）关于申请撤销裁决的规定",
        "认为裁决有法律规定的可以撤销的情形的，收到裁决书之日起3个月内向法院申请撤销；"
        "裁决是终局的，申请撤销只限法律规定的情形。",
        True,
        "civil_code",
        "仲裁裁决：申请撤销的最后一天",
    ),
    "credit_objection": Period(
        "征信异议（对方答复的期限）",
        20,
        "day",
        "《征信业管理条例》第二十五条",
        "征信机构或者信息提供者收到异议之日起20日内核查、处理，并把结果书面答复异议人。"
        "这是对方的期限，不是你的；到期没有答复，可以向当地人民银行分支机构投诉（第二十六条）。",
        False,
        "civil_code",
        "征信异议：对方应当书面答复的最后一天",
        "对方收到异议",  # 第二十五条: from the day the agency or lender received it, not the day it was sent
    ),
    "credit_complaint": Period(
        "征信投诉（人民银行答复的期限）",
        30,
        "day",
        "《征信业管理条例》第二十六条",
        "受理投诉的人民银行分支机构自受理之日起30日内书面答复投诉人。这是对方的期限，不是你的。",
        False,
        "civil_code",
        "征信投诉：应当书面答复的最后一天",
        "投诉受理",
    ),
}

#: The counting rules, as the basis shows them.
_COUNTING = {
    "civil_procedure": (
        "期间按《中华人民共和国民事诉讼法》关于期间的规定（第八十五条，条文序号据公开资料）计算：期间开始的日不计算在内；"
        "最后一日是法定休假日的，以休假日后的第一日为最后一日；期间不包括在途时间，期满前交邮的不算过期。"
    ),
    "civil_code": (
        "期间按《中华人民共和国民法典》关于期间计算的规定（第二百零一条至第二百零三条，条文序号据公开资料）计算：开始的当日不计入；"
        "按月计算的，到期月的对应日为最后一日，没有对应日的为月末日；最后一日是法定休假日的，顺延到休假日结束的次日。"
    ),
}
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
#: The revised Arbitration Law (3 months to apply to set an award aside) is in force from this day.
ARBITRATION_LAW_REVISED = date(2026, 3, 1)
_SATURDAY = 5
#: The range of dates the form accepts (the holiday data covers fewer years; the result says so).
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def weekday_name(day: date) -> str:
    """``星期一`` … ``星期日``, in the reader's script."""
    name = _WEEKDAYS[day.weekday()]
    return _(name)


def _add_months(day: date, months: int) -> date:
    # 民法典第二百零二条: the same day of the month; the month's last day when it has none.
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadline:
    """A period's last day, and how it was found.

    Attributes:
        document: the paper.
        served_on: the day it arrived (or was accepted).
        nominal: the period's last day before the rest-day rule.
        last_day: the last day after it.
        beyond_data: whether a day of the period falls in a year without holiday data.
    """

    document: Document
    served_on: date
    nominal: date
    last_day: date
    beyond_data: bool

    @property
    def period(self) -> Period:
        """The period's declaration."""
        return DOCUMENTS[self.document]


def find_deadline(document: Document, served_on: date) -> Deadline:
    """The last day of ``document``'s period when it arrived on ``served_on``.

    Args:
        document: the paper (a key of :data:`DOCUMENTS`).
        served_on: the day it arrived; it is not counted.

    Returns:
        The deadline, moved past rest days.
    """
    period = DOCUMENTS[document]
    if period.unit == "day":
        nominal = served_on + timedelta(days=period.amount)
    else:
        nominal = _add_months(served_on, period.amount)
    last_day = next_working_day(nominal)
    years = holiday_years()
    beyond = not (years.covers(served_on + timedelta(days=1)) and years.covers(last_day))
    return Deadline(document, served_on, nominal, last_day, beyond)


def _rest_reason(day: date) -> str:
    name = holiday_name(day)
    if name:
        return _("{holiday}假期").format(holiday=_(name))
    return _("周末休息日")


def _unlisted_years(deadline: Deadline) -> list[int]:
    """The years of the period (from the day after service to the last day) the holiday data lacks."""
    years = holiday_years()
    first = (deadline.served_on + timedelta(days=1)).year  # the day of service is not counted
    return [year for year in range(first, deadline.last_day.year + 1) if not years.first <= year <= years.last]


def _day_kind(deadline: Deadline) -> str:
    """What kind of day the last day is, said as surely as the data allows."""
    nominal, last = deadline.nominal, deadline.last_day
    years = holiday_years()
    if years.covers(nominal) and years.covers(last):
        if last != nominal:
            return _("这一天是{reason}，顺延到之后的第一个工作日 {last}（{weekday}）。").format(
                reason=_rest_reason(nominal), last=last.isoformat(), weekday=weekday_name(last)
            )
        if nominal.weekday() >= _SATURDAY:
            return _("这一天是周末，但按调休安排上班，算工作日。")
        return _("这一天是工作日。")
    # A year without the State Council's schedule: never say "working day" as if it were known.
    if last.year > years.last:
        rule = _("{year} 年的放假安排还没有收进数据，这里按周末和固定日期的法定节日推算").format(year=last.year)
    else:
        rule = _("{year} 年的放假安排不在数据里，这里只按周末推算").format(year=last.year)
    if last != nominal:
        return _("{rule}：这一天是{reason}，顺延到之后第一个不放假的日子 {last}（{weekday}）。").format(
            rule=rule, reason=_rest_reason(nominal), last=last.isoformat(), weekday=weekday_name(last)
        )
    return _("{rule}：这一天不是休息日。当年的放假安排公布后，请再核对。").format(rule=rule)


def counting_text(deadline: Deadline, today: date) -> str:
    """How the last day was found, and how far it is from ``today``, in the reader's script."""
    period = deadline.period
    served, nominal, last = deadline.served_on, deadline.nominal, deadline.last_day
    if period.unit == "day":
        template = _("{served} {start}，从第二天起算，第 {n} 天是 {nominal}（{weekday}）。")
    else:
        template = _("{served} {start}，{n} 个月后的对应日是 {nominal}（{weekday}）。")
    text = template.format(
        served=served.isoformat(),
        start=_(period.start),
        n=period.amount,
        nominal=nominal.isoformat(),
        weekday=weekday_name(nominal),
    )
    text += _day_kind(deadline)
    left = (last - today).days
    if left > 0:
        text += _("从今天（{today}）算，还有 {left} 天。").format(today=today.isoformat(), left=left)
    elif left == 0:
        text += _("今天（{today}）就是最后一天。").format(today=today.isoformat())
    else:
        text += _("到今天（{today}）已经过了 {days} 天。").format(today=today.isoformat(), days=-left)
    return text


def basis_text(period: Period) -> str:
    """The law and article, what must happen, and the counting rule, in the reader's script."""
    counting = _COUNTING[period.counting]  # a declared literal, which the catalogue holds
    return _("{law}：{duty}").format(law=_(period.law), duty=_(period.duty)) + "\n" + _(counting)


def holiday_data_text() -> str:
    """Which years the holiday data covers, and where it comes from."""
    years = holiday_years()
    return _(
        "节假日和调休按国务院办公厅每年的放假通知，数据截至 {last} 年（{first}—{last} 年，chinesecalendar {version}）。"
        "周六、周日按休息日计，调休上班的日子按工作日计。"
    ).format(first=years.first, last=years.last, version=years.version)


def warnings(deadline: Deadline) -> list[str]:
    """What the reader must know about this deadline besides the count, in the reader's script.

    The plan shows these in its steps as the calculator does: one implementation.
    """
    parts: list[str] = []
    years = holiday_years()
    unlisted = _unlisted_years(deadline)
    later = [year for year in unlisted if year > years.last]
    earlier = [year for year in unlisted if year < years.first]
    if later:
        parts.append(
            _(
                "注意：{years} 年的放假和调休安排还没有收进节假日数据（数据截至 {last} 年）。这些年份按周六、周日和"
                "固定日期的法定节日推算：元旦 1 月 1 日，劳动节 5 月 1 日至 2 日，国庆节 10 月 1 日至 3 日"
                "（国务院2024年修订的《全国年节及纪念日放假办法》）；春节、清明节、端午节、中秋节和调休都没有计入。"
                "当年的放假安排由国务院办公厅公布，公布后请再核对。"
            ).format(years="、".join(str(year) for year in later), last=years.last)
            + (_("拿不准时，宁可提前办。") if deadline.period.reader_acts else "")
        )
    if earlier:
        parts.append(
            _(
                "注意：{years} 年不在节假日数据里（数据从 {first} 年起），这些年份只把周六、周日当作休息日，"
                "没有计入放假和调休。请以国务院办公厅当年公布的放假安排为准。"
            ).format(years="、".join(str(year) for year in earlier), first=years.first)
        )
    if deadline.document == "judgment":
        parts.append(
            _(
                "注意：判决书写明适用小额诉讼程序、一审终审的，不能上诉（《中华人民共和国民事诉讼法》第一百六十五条，"
                "条文序号据公开资料）；"
                "能不能上诉、向哪个法院上诉，以判决书和法院的告知为准。"
            )
        )
    if deadline.document == "arbitration_award" and deadline.served_on < ARBITRATION_LAW_REVISED:
        parts.append(
            _(
                "注意：这个日期在修订后的《中华人民共和国仲裁法》施行（2026年3月1日）以前。据公开资料，"
                "修订前的《中华人民共和国仲裁法》第五十九条规定的是收到裁决书之日起六个月内申请撤销；"
                "适用哪一个期限，以法院认定为准。"
            )
        )
    return parts


def caveats_text(deadline: Deadline) -> str:
    """What the estimate cannot know, in the reader's script."""
    period = deadline.period
    parts = warnings(deadline)
    if period.reader_acts:
        parts.append(
            _(
                "这是按法律规定推算的日期，只作提醒。邮寄在途的时间不算在期间内；小额诉讼、法院指定的举证期限等由法院确定的期间，"
                "以及法院文书和通知上写明的日期，都以法院为准。拿不准时，打 12368 或文书上承办人的电话核实，"
                "宁可提前办。"
            )
        )
    else:
        parts.append(
            _(
                "这是对方答复的期限，不是你要做事的期限，只作提醒；对方实际何时答复，以其书面答复为准。"
                "答复期间你的欠款照常计算，别因为等答复而耽误还款或协商。"
            )
        )
    return "\n".join(parts)


def calendar_entry(deadline: Deadline) -> CalendarEntry:
    """The deadline as a calendar event, in the reader's script."""
    period = deadline.period
    description = basis_text(period) + "\n" + caveats_text(deadline)
    key = f"{deadline.document}:{deadline.served_on.isoformat()}"
    return CalendarEntry(key=key, day=deadline.last_day, summary=_(period.summary), description=description)


@dataclass(frozen=True)
class DeadlineInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    document: Document
    served_on: date | None
    today: date | None


@dataclass(frozen=True)
class DeadlineResult:
    """The outputs (see :data:`CALCULATOR`)."""

    last_day: str
    weekday: str
    days_left: int
    counting: str
    basis: str
    caveats: str
    holiday_data: str
    ics: CalendarFile | None


def check_received(spec: Field, received: date | None, today: date) -> None:
    """Refuse a paper received after ``today``: a count from a day still to come is no deadline.

    Raises:
        FieldError: for ``spec``, when ``received`` is after ``today``.
    """
    if received is not None and received > today:
        raise field_error(
            spec,
            "{day} 在今天（{today}）之后。请填已经收到的那一天；想按别的日子推算，请同时改“今天的日期”。",
            day=received.isoformat(),
            today=today.isoformat(),
        )


def _compute(values: DeadlineInputs) -> DeadlineResult:
    today = values.today or date.today()
    check_received(CALCULATOR.field("served_on"), values.served_on, today)
    deadline = find_deadline(values.document, values.served_on or today)
    left = (deadline.last_day - today).days
    return DeadlineResult(
        last_day=deadline.last_day.isoformat(),
        weekday=weekday_name(deadline.last_day),
        days_left=left,
        counting=counting_text(deadline, today),
        basis=basis_text(deadline.period),
        holiday_data=holiday_data_text(),
        caveats=caveats_text(deadline),
        # A calendar file only for a day still to come: reminders for a past day are of no use.
        ics=CalendarFile((calendar_entry(deadline),), today) if left >= 0 else None,
    )


def _date_field(name: str, label: str, help_text: str) -> Field:
    return Field(name, label, "date", minimum=EARLIEST, maximum=LATEST, required=False, help=help_text)


CALCULATOR = Calculator(
    name="deadline",
    title="法律期限计算",
    summary="收到支付令、起诉状、判决书或仲裁裁决后，算出法律规定的最后一天，并下载带提醒的日历文件。",
    order=5,
    packages=(HOLIDAY_PACKAGE,),
    uses_today=True,
    fields=(
        Field(
            "document",
            "收到的文书",
            "choice",
            default="payment_order",
            choices=tuple((key, period.label) for key, period in DOCUMENTS.items()),
        ),
        _date_field(
            "served_on",
            "收到的日期",
            "法院、仲裁文书填签收或电子送达（短信、送达平台）送到的日期；征信异议填征信机构或出借方收到异议的日期，"
            "不是你寄出的日期；征信投诉填人民银行分支机构受理的日期。留空表示今天。",
        ),
        _date_field("today", "今天的日期", "留空就用这台设备的日期；想按别的日子推算剩余天数时再填。"),
    ),
    outputs=(
        Output("last_day", "最后一天", "text"),
        Output("weekday", "星期", "text"),
        Output("days_left", "距今天", "number", unit="天"),
        Output("counting", "怎么算出来的", "text"),
        Output("basis", "法律依据", "text"),
        Output("caveats", "注意", "text"),
        Output("holiday_data", "节假日数据", "text"),
        Output(
            "ics",
            "下载日历提醒（.ics）",
            "download",
            filename="deadline.ics",
            media_type=CALENDAR_MEDIA_TYPE,
            packages=(ICS_PACKAGE,),
        ),
    ),
    inputs=DeadlineInputs,
    results=DeadlineResult,
    compute=_compute,
)
