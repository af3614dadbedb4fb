"""延期还款: what deferring repayment for some months costs, against repaying by instalments now.

The model: during the deferral no principal is repaid.  If interest keeps
accruing, each deferral month's interest (on the unchanged principal) is due
that month; the instalments then start.  A second figure shows the payment if
the deferral's interest were instead added to the principal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ._internal.common import annual_rate_field, money_field, periods_field
from ._internal.fields import Field, Output
from ._internal.finance import Instalment, Schedule, TooManyPeriods, total_interest, total_payment
from ._internal.i18n import gettext as _
from ._internal.money import format_money, round_fen
from ._internal.registry import Calculator
from ._internal.schedule_view import balance_svg, schedule_csv, schedule_outputs
from .instalment import MONTHS_PER_YEAR, letter_query, plan, too_many_periods

__all__ = ["CALCULATOR", "DeferralInputs", "DeferralResult", "deferred_schedule"]

DeferralMethod = Literal["equal_payment", "equal_principal"]


def deferred_schedule(
    principal: Decimal,
    annual_rate_percent: Decimal,
    defer_months: int,
    accrues: bool,
    periods: int,
    method: DeferralMethod,
) -> Schedule:
    """The whole schedule: the deferral months, then the instalments.

    Args:
        principal: the amount owed, in yuan.
        annual_rate_percent: the annual interest rate, in %.
        defer_months: months without any principal repayment.
        accrues: whether interest is charged during the deferral (then it is
            due month by month); otherwise the deferral is interest-free.
        periods: the number of monthly instalments after the deferral.
        method: ``equal_payment`` or ``equal_principal``.

    Returns:
        ``defer_months + periods`` rows, numbered from 1.

    Raises:
        TooManyPeriods: the principal is too small for ``periods`` instalments.
    """
    monthly_interest = round_fen(principal * annual_rate_percent / 100 / MONTHS_PER_YEAR) if accrues else Decimal(0)
    deferral = tuple(
        Instalment(month, monthly_interest, Decimal(0), monthly_interest, principal)
        for month in range(1, defer_months + 1)
    )
    after = tuple(
        Instalment(row.period + defer_months, row.payment, row.principal, row.interest, row.balance)
        for row in plan(method, principal, periods, annual_rate_percent)
    )
    return deferral + after


def _comparison(months: int, periods: int, deferred_cost: Decimal, now_cost: Decimal, accrues: bool) -> str:
    text = _(
        "先延期 {months} 个月再分 {periods} 期，利息合计 {deferred} 元；现在就分 {periods} 期，利息合计 {now} 元。"
    ).format(
        months=months,
        periods=periods,
        deferred=format_money(deferred_cost),
        now=format_money(now_cost),
    )
    if deferred_cost > now_cost:
        return text + _("延期多付 {extra} 元，换来 {months} 个月不用还本金。").format(
            extra=format_money(deferred_cost - now_cost), months=months
        )
    if not accrues:
        text += _("延期期间不计息，")
    return text + _("两者的利息相同，只是晚 {months} 个月开始还本金。").format(months=months)


@dataclass(frozen=True)
class DeferralInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    principal: Decimal
    annual_rate_percent: Decimal
    defer_months: int
    interest_during_deferral: bool
    periods: int
    method: DeferralMethod


@dataclass(frozen=True)
class DeferralResult:
    """The outputs (see :data:`CALCULATOR`)."""

    deferral_interest: Decimal
    payment: Decimal
    capitalised_payment: Decimal | None
    total_payment: Decimal
    total_cost: Decimal
    now_payment: Decimal
    now_total_cost: Decimal
    extra_cost: Decimal
    comparison: str
    schedule: Schedule
    chart: str
    csv: str
    next_url_query: str


def _capitalised_payment(values: DeferralInputs, deferral_interest: Decimal) -> Decimal | None:
    # The first payment if the deferral's interest were added to the principal; shown only when
    # interest accrues, and left out in the rare case that the larger sum rounds into too few periods.
    if not values.interest_during_deferral:
        return None
    try:
        return plan(values.method, values.principal + deferral_interest, values.periods, values.annual_rate_percent)[
            0
        ].payment
    except TooManyPeriods:
        return None


def _compute(values: DeferralInputs) -> DeferralResult:
    principal, rate, months, periods = values.principal, values.annual_rate_percent, values.defer_months, values.periods
    try:
        schedule = deferred_schedule(principal, rate, months, values.interest_during_deferral, periods, values.method)
    except TooManyPeriods:
        raise too_many_periods(CALCULATOR.field("periods"), values.method, principal, periods, rate) from None
    now = plan(values.method, principal, periods, rate)
    deferral_interest = sum((row.interest for row in schedule[:months]), Decimal(0))
    deferred_cost = total_interest(schedule)
    now_cost = total_interest(now)
    first = schedule[months].payment
    query = letter_query(principal, "deferral", [row.payment for row in schedule[months:]], rate)
    return DeferralResult(
        deferral_interest=deferral_interest,
        payment=first,
        capitalised_payment=_capitalised_payment(values, deferral_interest),
        total_payment=total_payment(schedule),
        total_cost=deferred_cost,
        now_payment=now[0].payment,
        now_total_cost=now_cost,
        extra_cost=deferred_cost - now_cost,
        comparison=_comparison(months, periods, deferred_cost, now_cost, values.interest_during_deferral),
        schedule=schedule,
        chart=balance_svg(principal, schedule),
        csv=schedule_csv(schedule),
        next_url_query=query,
    )


CALCULATOR = Calculator(
    name="deferral",
    title="延期还款",
    summary="比较先延期几个月再分期和现在就分期，各要多付多少利息。",
    order=30,
    fields=(
        money_field("principal", "欠款本金", default="15000", help="还没还的本金，可写 15000、15,000 或 1.5万。"),
        annual_rate_field("18", "按合同或方案里写明的年利率填写。"),
        Field(
            "defer_months",
            "延期月数",
            "integer",
            unit="个月",
            minimum=Decimal(1),
            maximum=Decimal(24),
            default="1",
        ),
        Field(
            "interest_during_deferral",
            "延期期间照常计息",
            "boolean",
            default="true",
            required=False,
            help="勾选：延期期间每月照付利息、不还本金；不勾选：延期期间不计息。以出借方给的方案为准。",
        ),
        periods_field("延期后分期期数", default="12", help="延期结束后每月还一期，最多 60 期。"),
        Field(
            "method",
            "还款方式",
            "choice",
            default="equal_payment",
            choices=(("equal_payment", "等额本息"), ("equal_principal", "等额本金")),
        ),
    ),
    outputs=(
        Output("deferral_interest", "延期期间的利息", "money", unit="元"),
        Output("payment", "延期后首期还款", "money", unit="元"),
        Output("capitalised_payment", "若延期利息并入本金，延期后首期还款", "money", unit="元"),
        Output("total_payment", "还款总额（先延期）", "money", unit="元"),
        Output("total_cost", "利息合计（先延期）", "money", unit="元"),
        Output("now_payment", "现在就分期的首期还款", "money", unit="元"),
        Output("now_total_cost", "利息合计（现在就分期）", "money", unit="元"),
        Output("extra_cost", "延期多付的利息", "money", unit="元"),
        Output("comparison", "对比", "text"),
        *schedule_outputs("还款计划（先延期）", "deferral-schedule.csv"),
    ),
    inputs=DeferralInputs,
    results=DeferralResult,
    compute=_compute,
)
