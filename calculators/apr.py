"""真实年化利率: the annual rate of what was received against what is repaid, by IRR."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Literal
from urllib.parse import urlencode

from ._internal.common import ANNUAL_RATE_OUTPUTS, money_field
from ._internal.fields import MULTIPLIERS, Field, FieldError, Output, field_error, fold_number, parse_field
from ._internal.finance import annual_percents, irr
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_percent, format_plain
from ._internal.registry import Calculator

__all__ = ["CALCULATOR", "PERIODS_PER_YEAR", "AprInputs", "AprResult", "parse_payments"]

PeriodUnit = Literal["month", "week", "day"]
#: How many periods of each unit make a year (the multiplier of the nominal rate).
PERIODS_PER_YEAR: dict[str, int] = {"month": 12, "week": 52, "day": 365}
MAX_PAYMENTS = 360
#: What always separates payments: white space (new lines included), semicolons, 顿号.
_BREAKS = re.compile(r"[\s;、]+")
#: A whole item grouped in thousands: 1,500 / 12,345.67 / 1,000,000元.
_GROUPED = re.compile(rf"[+-]?[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]*)?[{MULTIPLIERS}]?" + "元?")
#: The start of what could be the next thousands group after a comma: three digits, then no digit.
_GROUP_AFTER = re.compile(r"[0-9]{3}(?![0-9])")
_GROUP_BEFORE = re.compile(r"[+-]?[0-9]{1,3}")
#: "00", "05": what is left of "1,00" or "1,05" split at the comma; no one writes an amount so.
_LEADING_ZERO = re.compile(r"[+-]?0[0-9]")
_ITEM = money_field("payments", "还款列表", minimum=Decimal(0))


def _item_error(index: int) -> FieldError:
    return field_error(
        CALCULATOR.field("payments"), "第 {index} 笔不是有效的金额（0 到 1亿元，最多两位小数）。", index=index
    )


def _ambiguous(text: str) -> FieldError:
    return field_error(
        CALCULATOR.field("payments"),
        "“{text}”里的逗号既可能是千位分隔符，也可能分开两笔。请用空格、换行或分号分开各笔。",
        text=text,
    )


def _items(text: str) -> list[str]:
    # A comma beside a break ("1,500, 2,000") separates: thousands groups never touch white space.
    chunks = [chunk for chunk in (part.strip(",") for part in _BREAKS.split(fold_number(text))) if chunk]
    items: list[str] = []
    for chunk in chunks:
        pieces = [piece for piece in chunk.split(",") if piece]
        # With another separator in the list, a grouped number is one number; alone, it is one
        # only if no comma in it can end a payment: every group after it starts with 0 (1,000,000;
        # 1,050), and "000" or "050" is no amount anyone writes.
        if _GROUPED.fullmatch(chunk) and (len(chunks) > 1 or all(p.startswith("0") for p in pieces[1:])):
            items.append(chunk)
            continue
        for before, after in pairwise(pieces):
            if _GROUP_BEFORE.fullmatch(before) and _GROUP_AFTER.match(after):
                raise _ambiguous(chunk)
        items.extend(pieces)
    return items


def parse_payments(text: str) -> list[Decimal]:
    """The amounts of an editable list of payments.

    Payments are separated by white space or new lines, semicolons (; ；), 顿号 (、) or
    commas (, ，). A comma inside a number grouped in thousands (1,500, 12,345.67) is
    part of that number when the list also uses another separator (``"12,345.67
    1,500"``), or when no payment could end at it (``"1,000,000"``: no one writes
    "000"). A comma that could be read either way (``"1,500"`` alone: 1500, or 1 and
    500?) is refused with a message asking for another separator, never guessed.

    Args:
        text: the reader's list, e.g. ``"893.33, 893.33\\n893.37"``.

    Returns:
        The amounts in order; empty for an empty list.

    Raises:
        FieldError: an item is not an amount from 0 to 1亿, a comma is ambiguous, or
            there are more than :data:`MAX_PAYMENTS` items.
    """
    items = _items(text)
    if len(items) > MAX_PAYMENTS:
        raise field_error(CALCULATOR.field("payments"), "最多 {limit} 笔还款。", limit=MAX_PAYMENTS)
    amounts = []
    for index, item in enumerate(items, start=1):
        if _LEADING_ZERO.match(item):
            raise _item_error(index)
        try:
            value = parse_field(_ITEM, item)
        except FieldError:
            raise _item_error(index) from None
        if isinstance(value, Decimal):
            amounts.append(value)
    return amounts


@dataclass(frozen=True)
class AprInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    received: Decimal
    payment: Decimal | None
    periods: int | None
    period_unit: PeriodUnit
    payments: str


@dataclass(frozen=True)
class AprResult:
    """The outputs (see :data:`CALCULATOR`)."""

    irr_percent: Decimal
    apr_percent: Decimal
    effective_annual_percent: Decimal | None
    total_repaid: Decimal
    total_cost: Decimal
    sentence: str
    next_url_query: str


def _payments(values: AprInputs) -> tuple[list[Decimal], bool]:
    listed = parse_payments(values.payments)
    if listed:
        if sum(listed, Decimal(0)) <= 0:
            raise field_error(CALCULATOR.field("payments"), "至少要有一笔大于 0 的还款。")
        return listed, False
    if values.payment is None:
        raise field_error(CALCULATOR.field("payment"), "请填写每期还款额，或在还款列表里逐笔填写。")
    if values.payment <= 0:
        raise field_error(CALCULATOR.field("payment"), "每期还款额要大于 0。")
    if values.periods is None:
        raise field_error(CALCULATOR.field("periods"), "请填写期数，或在还款列表里逐笔填写。")
    return [values.payment] * values.periods, True


def _sentence(
    received: Decimal,
    payments: list[Decimal],
    equal: bool,
    unit: PeriodUnit,
    apr: Decimal,
    effective: Decimal | None,
) -> str:
    periods = len(payments)
    total = sum(payments, Decimal(0))
    cost = total - received
    if cost <= 0:
        return _("到手 {received} 元，一共还 {total} 元，没有多还，折算的年化利率为 {apr}%。").format(
            received=format_money(received), total=format_money(total), apr=format_percent(apr)
        )
    every = {"month": _("每月"), "week": _("每周"), "day": _("每天")}[unit]
    rate_name = {"month": _("月费率"), "week": _("周费率"), "day": _("日费率")}[unit]
    if equal:
        head = _("到手 {received} 元，{every}还 {payment} 元，共 {periods} 期，一共多还 {cost} 元，").format(
            received=format_money(received),
            every=every,
            payment=format_money(payments[0]),
            periods=periods,
            cost=format_money(cost),
        )
    else:
        head = _("到手 {received} 元，分 {periods} 期一共还 {total} 元，多还 {cost} 元，").format(
            received=format_money(received), periods=periods, total=format_money(total), cost=format_money(cost)
        )
    flat = cost / periods / received * 100
    body = _("看起来像{rate_name} {flat}% 的 {periods} 期分期，年化约 {apr}%").format(
        rate_name=rate_name, flat=format_percent(flat), periods=periods, apr=format_percent(apr)
    )
    if effective is None:
        tail = _("（按内部收益率法折算）。")
    else:
        tail = _("（按内部收益率法折算；按复利计约 {effective}%）。").format(effective=format_percent(effective))
    return head + body + tail


def _compute(values: AprInputs) -> AprResult:
    received = values.received
    payments, equal = _payments(values)
    rate = irr(received, payments)
    apr, effective = annual_percents(rate, PERIODS_PER_YEAR[values.period_unit])
    total = sum(payments, Decimal(0))
    # The rate as shown (two decimals), never below 0: rate_cap compares it with the lines.
    shown = max(Decimal(format_percent(apr)), Decimal(0))
    return AprResult(
        irr_percent=rate * 100,
        apr_percent=apr,
        effective_annual_percent=effective,
        total_repaid=total,
        total_cost=total - received,
        sentence=_sentence(received, payments, equal, values.period_unit, apr, effective),
        next_url_query=urlencode({"annual_rate_percent": format_plain(shown)}),
    )


CALCULATOR = Calculator(
    name="apr",
    title="真实年化利率",
    summary="按实际到手金额和每期还款，用内部收益率法算出真实的年化利率。",
    order=40,
    fields=(
        money_field(
            "received",
            "实际到手金额",
            default="10000",
            help="真正拿到手的钱：放款时预先扣掉的手续费、服务费要减掉。",
        ),
        money_field(
            "payment",
            "每期还款额",
            minimum=Decimal(0),
            default="893.33",
            required=False,
            help="每期还款相同时填写；各期不同请用下面的还款列表。",
        ),
        Field(
            "periods",
            "期数",
            "integer",
            unit="期",
            minimum=Decimal(1),
            maximum=Decimal(MAX_PAYMENTS),
            default="12",
            required=False,
        ),
        Field(
            "period_unit",
            "每期的长度",
            "choice",
            default="month",
            choices=(("month", "一个月"), ("week", "一周"), ("day", "一天")),
        ),
        Field(
            "payments",
            "还款列表",
            "text",
            required=False,
            max_length=5000,
            help="各期金额不同时，按顺序逐笔填写，用空格、换行、分号或逗号分开；"
            "金额带千位逗号（如 12,345.67）时，各笔请用空格或换行分开。填了就不再用每期还款额和期数。",
        ),
    ),
    outputs=(
        Output("irr_percent", "每期利率（IRR）", "percent", unit="%"),
        *ANNUAL_RATE_OUTPUTS,
        Output("total_repaid", "还款总额", "money", unit="元"),
        Output("total_cost", "多还的钱", "money", unit="元"),
        Output("sentence", "一句话结论", "text"),
        Output("next_url_query", "下一步", "link", targets=(("rate_cap", "把这个年化利率和参照线对比"),)),
    ),
    inputs=AprInputs,
    results=AprResult,
    compute=_compute,
)
