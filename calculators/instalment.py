"""分期方案: the full schedule of an instalment plan, its total cost and its true annual rate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from urllib.parse import urlencode

from ._internal.common import (
    ANNUAL_RATE_OUTPUTS,
    MAX_MONTHLY_FEE_PERCENT,
    annual_rate_field,
    money_field,
    periods_field,
)
from ._internal.fields import Field, FieldError, Output, field_error
from ._internal.finance import (
    Method,
    Schedule,
    TooManyPeriods,
    annual_percents,
    build_schedule,
    falling_payments,
    level_payment,
    most_periods,
    schedule_irr,
    total_payment,
)
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_percent, format_plain
from ._internal.registry import Calculator
from ._internal.schedule_view import balance_svg, schedule_csv, schedule_outputs

__all__ = [
    "CALCULATOR",
    "InstalmentInputs",
    "InstalmentResult",
    "letter_query",
    "period_rate",
    "plan",
    "too_many_periods",
]

MONTHS_PER_YEAR = 12
METHOD_CHOICES = (
    ("equal_payment", "等额本息"),
    ("equal_principal", "等额本金"),
    ("flat_fee", "每期按原始本金收手续费"),
)


def period_rate(method: Method, rate_percent: Decimal) -> Decimal:
    """The rate a period of ``method`` for :func:`build_schedule`; ``rate_percent`` as for :func:`plan`."""
    return rate_percent / 100 if method == "flat_fee" else rate_percent / 100 / MONTHS_PER_YEAR


def plan(method: Method, principal: Decimal, periods: int, rate_percent: Decimal) -> Schedule:
    """The monthly schedule of ``method``.

    Args:
        method: ``equal_payment``, ``equal_principal`` or ``flat_fee``.
        principal: the amount to repay, in yuan.
        periods: the number of monthly payments.
        rate_percent: the annual interest rate in % (the first two methods), or
            the monthly fee in % of the original principal (``flat_fee``).

    Returns:
        The schedule, rounded to the fen, principal parts summing to ``principal``.

    Raises:
        TooManyPeriods: the principal is too small for ``periods`` (see :func:`too_many_periods`).
    """
    return build_schedule(method, principal, periods, period_rate(method, rate_percent))


def too_many_periods(
    spec: Field, method: Method, principal: Decimal, periods: int, rate_percent: Decimal
) -> FieldError:
    """The message for a principal too small to spread over ``periods``, naming the most that fit.

    Args:
        spec: the periods field at fault.
        method: as for :func:`plan`.
        principal: as for :func:`plan`.
        periods: the periods asked for.
        rate_percent: as for :func:`plan`.
    """
    most = most_periods(method, principal, periods, period_rate(method, rate_percent))
    return field_error(
        spec,
        "{principal} 元太少，分不了 {periods} 期：每期凑整到分后，不到最后一期就还完了。最多分 {most} 期。",
        principal=format_money(principal),
        periods=periods,
        most=most,
    )


@dataclass(frozen=True)
class InstalmentInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    principal: Decimal
    periods: int
    method: Method
    annual_rate_percent: Decimal | None
    monthly_fee_percent: Decimal | None
    upfront_fee: Decimal | None


@dataclass(frozen=True)
class InstalmentResult:
    """The outputs (see :data:`CALCULATOR`)."""

    payment: Decimal
    last_payment: Decimal
    total_payment: Decimal
    total_cost: Decimal
    apr_percent: Decimal
    effective_annual_percent: Decimal | None
    note: str
    schedule: Schedule
    chart: str
    csv: str
    next_url_query: str
    pack_url_query: str


def _rate_percent(values: InstalmentInputs) -> Decimal:
    if values.method == "flat_fee":
        if values.monthly_fee_percent is None:
            raise field_error(CALCULATOR.field("monthly_fee_percent"), "按原始本金收手续费时，请填写每月手续费率。")
        return values.monthly_fee_percent
    if values.annual_rate_percent is None:
        raise field_error(CALCULATOR.field("annual_rate_percent"), "等额本息和等额本金需要填写年利率。")
    return values.annual_rate_percent


def _compute(values: InstalmentInputs) -> InstalmentResult:
    principal, periods, method = values.principal, values.periods, values.method
    upfront = values.upfront_fee or Decimal(0)
    if upfront >= principal:
        raise field_error(CALCULATOR.field("upfront_fee"), "预先扣除的费用必须小于分期本金。")
    rate = _rate_percent(values)
    try:
        schedule = plan(method, principal, periods, rate)
    except TooManyPeriods:
        raise too_many_periods(CALCULATOR.field("periods"), method, principal, periods, rate) from None
    paid = total_payment(schedule)
    apr, effective = annual_percents(schedule_irr(principal - upfront, schedule), MONTHS_PER_YEAR)
    first = schedule[0].payment
    # A flat fee is no annual rate: the letter (and the pack it links to) gets none.
    query = letter_query(
        principal, "instalments", [row.payment for row in schedule], None if method == "flat_fee" else rate
    )
    return InstalmentResult(
        payment=first,
        last_payment=schedule[-1].payment,
        total_payment=paid,
        total_cost=paid - principal + upfront,
        apr_percent=apr,
        effective_annual_percent=effective,
        note=_note(principal, periods, first, apr, effective),
        schedule=schedule,
        chart=balance_svg(principal, schedule),
        csv=schedule_csv(schedule),
        next_url_query=query,
        pack_url_query=_pack_query(values),
    )


def letter_query(
    principal: Decimal,
    proposal: Literal["instalments", "deferral"],
    payments: list[Decimal],
    annual_rate_percent: Decimal | None = None,
) -> str:
    """The letter's query for a plan of ``payments`` on ``principal``.

    A level plan (:func:`level_payment`) goes with its one amount a period; a falling one
    (:func:`falling_payments`, 等额本金) with its first instalment as the monthly amount and its
    last as ``last_amount``, so the letter states both. Any other shape (a rounding that makes
    a later instalment larger) leaves the amount empty, and the letter asks for the number of
    periods alone rather than state a first instalment as every one.

    Args:
        principal: the debt.
        proposal: the letter's proposal (``"instalments"`` or ``"deferral"``).
        payments: the plan's instalments, in order; not empty.
        annual_rate_percent: the plan's annual rate, if it has one: the letter passes it on to the
            pack, which then plans the same instalments rather than at its own default rate.
    """
    level, falling = level_payment(payments), falling_payments(payments)
    query: dict[str, str | int] = {"amount": format_plain(principal), "proposal": proposal}
    if falling is not None:
        query |= {"monthly_amount": format_plain(falling[0]), "last_amount": format_plain(falling[1])}
    else:  # empty, not absent: the letter's default is no plan's
        query["monthly_amount"] = "" if level is None else format_plain(level)
    query["periods"] = len(payments)
    if annual_rate_percent is not None:
        query["annual_rate_percent"] = format_plain(annual_rate_percent)
    return urlencode(query)


def _pack_query(values: InstalmentInputs) -> str:
    # The pack runs this calculator on the same plan; what is not given keeps the pack's default,
    # except the budget, which this page does not have (imported here: the pack is composed from this module).
    from .pack import NO_BUDGET

    query: dict[str, str | int] = {"debt": format_plain(values.principal), "periods": values.periods, **NO_BUDGET}
    query["method"] = values.method
    for name in ("annual_rate_percent", "monthly_fee_percent", "upfront_fee"):
        value = getattr(values, name)
        if value is not None:
            query[name] = format_plain(value)
    return urlencode(query)


def _note(principal: Decimal, periods: int, first: Decimal, apr: Decimal, effective: Decimal | None) -> str:
    text = _("{principal} 元分 {periods} 期，首期还 {first} 元。按内部收益率法（IRR）折算，年化利率约 {apr}%").format(
        principal=format_money(principal),
        periods=periods,
        first=format_money(first),
        apr=format_percent(apr),
    )
    if effective is None:
        return text + _("。")
    return text + _("，按复利计约 {effective}%。").format(effective=format_percent(effective))


CALCULATOR = Calculator(
    name="instalment",
    title="分期方案",
    summary="列出分期的每期还款、总成本和真实年化利率，可以比较不同期数和还款方式。",
    order=20,
    fields=(
        money_field("principal", "分期本金", default="10000", help="要分期归还的金额，可写 10000、10,000 或 1万。"),
        periods_field("期数", default="12", help="每月还一期，最多 60 期。"),
        Field(
            "method",
            "还款方式",
            "choice",
            default="flat_fee",
            choices=METHOD_CHOICES,
            help="等额本息每期金额相同；等额本金每期还同样多的本金；按原始本金收手续费常见于分期手续费方案。",
        ),
        annual_rate_field("12", "等额本息、等额本金使用，按合同或方案里写明的年利率填写。", required=False),
        Field(
            "monthly_fee_percent",
            "每月手续费率",
            "decimal",
            unit="%",
            minimum=Decimal(0),
            maximum=MAX_MONTHLY_FEE_PERCENT,
            default="0.6",
            required=False,
            places=4,
            help="按原始本金收手续费时使用，例如 0.6 表示每月收本金的 0.6%。",
        ),
        money_field(
            "upfront_fee",
            "预先扣除的费用",
            minimum=Decimal(0),
            required=False,
            help="放款或办理分期时一次性收取、从到手金额里扣掉的费用；没有就留空。",
        ),
    ),
    outputs=(
        Output("payment", "首期还款", "money", unit="元"),
        Output("last_payment", "末期还款", "money", unit="元"),
        Output("total_payment", "还款总额", "money", unit="元"),
        Output("total_cost", "总成本（利息和各项费用）", "money", unit="元"),
        *ANNUAL_RATE_OUTPUTS,
        Output("note", "说明", "text"),
        *schedule_outputs("还款计划", "instalment-schedule.csv"),
        Output("pack_url_query", "打印", "link", targets=(("pack", "把预算、方案和申请书放在一页打印"),)),
    ),
    inputs=InstalmentInputs,
    results=InstalmentResult,
    compute=_compute,
)
