"""真实年化利率: the annual rate of what was received against what is repaid, by IRR."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Literal
from urllib.parse import urlencode

from ._internal.common import ANNUAL_RATE_OUTPUTS
from ._internal.fields import Field, FieldError, Output, field_error, parse_field
from ._internal.finance import annual_percents, irr
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_percent, format_plain
from ._internal.registry import Calculator, Values

__all__ = ["CALCULATOR", "PERIODS_PER_YEAR", "parse_payments"]

PeriodUnit = Literal["month", "week", "day"]
#: How many periods of each unit make a year (the multiplier of the nominal rate).
PERIODS_PER_YEAR: dict[str, int] = {"month": 12, "week": 52, "day": 365}
MAX_PAYMENTS = 360
MAX_AMOUNT = Decimal(100_000_000)
_SEPARATORS = re.compile(r"[,;、\s]+")
# "1,000" split at the comma leaves "000": a thousands separator, not two payments.
_LEADING_ZERO = re.compile(r"0\d+(\.\d*)?")
_ITEM = Field("payments", "还款列表", "money", unit="元", minimum=Decimal(0), maximum=MAX_AMOUNT)


def parse_payments(text: str) -> list[Decimal]:
    """The amounts of an editable list, separated by commas, semicolons, 顿号, spaces or new lines.

    Args:
        text: the reader's list, e.g. ``"893.33, 893.33\\n893.37"``.

    Returns:
        The amounts in order; empty for an empty list.

    Raises:
        FieldError: an item is not an amount from 0 to 1亿, or there are more
            than :data:`MAX_PAYMENTS` items.
    """
    items = [item for item in _SEPARATORS.split(unicodedata.normalize("NFKC", text)) if item]
    if len(items) > MAX_PAYMENTS:
        raise field_error(CALCULATOR.field("payments"), "最多 {limit} 笔还款。", limit=MAX_PAYMENTS)
    amounts = []
    for index, item in enumerate(items, start=1):
        try:
            if _LEADING_ZERO.fullmatch(item):
                raise FieldError(_ITEM.name, item)
            value = parse_field(_ITEM, item)
        except FieldError:
            raise field_error(
                CALCULATOR.field("payments"),
                "第 {index} 笔不是有效的金额（0 到 1亿元，最多两位小数；金额内不要用逗号分隔千位）。",
                index=index,
            ) from None
        if isinstance(value, Decimal):
            amounts.append(value)
    return amounts


def _payments(values: Values) -> tuple[list[Decimal], bool]:
    listed = parse_payments(values["payments"])
    if listed:
        if sum(listed, Decimal(0)) <= 0:
            raise field_error(CALCULATOR.field("payments"), "至少要有一笔大于 0 的还款。")
        return listed, False
    payment: Decimal | None = values["payment"]
    periods: int | None = values["periods"]
    if payment is None:
        raise field_error(CALCULATOR.field("payment"), "请填写每期还款额，或在还款列表里逐笔填写。")
    if payment <= 0:
        raise field_error(CALCULATOR.field("payment"), "每期还款额要大于 0。")
    if periods is None:
        raise field_error(CALCULATOR.field("periods"), "请填写期数，或在还款列表里逐笔填写。")
    return [payment] * periods, True


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


def _compute(values: Values) -> Values:
    received: Decimal = values["received"]
    unit: PeriodUnit = values["period_unit"]
    payments, equal = _payments(values)
    rate = irr(received, payments)
    apr, effective = annual_percents(rate, PERIODS_PER_YEAR[unit])
    total = sum(payments, Decimal(0))
    return {
        "irr_percent": rate * 100,
        "apr_percent": apr,
        "effective_annual_percent": effective,
        "total_repaid": total,
        "total_cost": total - received,
        "sentence": _sentence(received, payments, equal, unit, apr, effective),
        "next_url_query": urlencode(
            {"annual_rate_percent": format_plain(max(Decimal(format_percent(apr)), Decimal(0)))}
        ),
    }


CALCULATOR = Calculator(
    name="apr",
    title="真实年化利率",
    summary="按实际到手金额和每期还款，用内部收益率法算出真实的年化利率。",
    order=40,
    fields=(
        Field(
            "received",
            "实际到手金额",
            "money",
            unit="元",
            minimum=Decimal(1),
            maximum=MAX_AMOUNT,
            default="10000",
            help="真正拿到手的钱：放款时预先扣掉的手续费、服务费要减掉。",
        ),
        Field(
            "payment",
            "每期还款额",
            "money",
            unit="元",
            minimum=Decimal(0),
            maximum=MAX_AMOUNT,
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
            choices=(("month", "月"), ("week", "周"), ("day", "天")),
        ),
        Field(
            "payments",
            "还款列表",
            "text",
            required=False,
            max_length=5000,
            help="各期金额不同时，按顺序逐笔填写，用空格、逗号或换行分开；填了就不再用每期还款额和期数。",
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
    compute=_compute,
)
