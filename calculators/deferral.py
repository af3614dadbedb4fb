"""延期还款: what deferring repayment for some months costs, against repaying by instalments now.

The model: during the deferral no principal is repaid.  If interest keeps
accruing, each deferral month's interest (on the unchanged principal) is due
that month; the instalments then start.  A second figure shows the payment if
the deferral's interest were instead added to the principal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal
from urllib.parse import urlencode

from ._internal.common import annual_rate_field
from ._internal.fields import Field, Output
from ._internal.finance import Instalment, Schedule, total_interest, total_payment
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_plain, round_fen
from ._internal.registry import Calculator, Values
from ._internal.schedule_view import balance_svg, schedule_csv, schedule_outputs, schedule_rows
from .instalment import MONTHS_PER_YEAR, plan

__all__ = ["CALCULATOR", "deferred_schedule"]

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


def _compute(values: Values) -> Values:
    principal: Decimal = values["principal"]
    rate: Decimal = values["annual_rate_percent"]
    months: int = values["defer_months"]
    accrues: bool = values["interest_during_deferral"]
    periods: int = values["periods"]
    method: DeferralMethod = values["method"]
    schedule = deferred_schedule(principal, rate, months, accrues, periods, method)
    now = plan(method, principal, periods, rate)
    deferral_interest = sum((row.interest for row in schedule[:months]), Decimal(0))
    deferred_cost = total_interest(schedule)
    now_cost = total_interest(now)
    first = schedule[months].payment
    capitalised = plan(method, principal + deferral_interest, periods, rate)[0].payment if accrues else None
    query = urlencode(
        {
            "amount": format_plain(principal),
            "proposal": "deferral",
            "monthly_amount": format_plain(first),
            "periods": periods,
        }
    )
    return {
        "deferral_interest": deferral_interest,
        "payment": first,
        "capitalised_payment": capitalised,
        "total_payment": total_payment(schedule),
        "total_cost": deferred_cost,
        "now_payment": now[0].payment,
        "now_total_cost": now_cost,
        "extra_cost": deferred_cost - now_cost,
        "comparison": _comparison(months, periods, deferred_cost, now_cost, accrues),
        "schedule": schedule_rows(schedule),
        "chart": balance_svg(principal, schedule),
        "csv": schedule_csv(schedule),
        "next_url_query": query,
    }


CALCULATOR = Calculator(
    name="deferral",
    title="延期还款",
    summary="比较先延期几个月再分期和现在就分期，各要多付多少利息。",
    order=30,
    fields=(
        Field(
            "principal",
            "欠款本金",
            "money",
            unit="元",
            minimum=Decimal(1),
            maximum=Decimal(100_000_000),
            default="15000",
            help="还没还的本金，可写 15000、15,000 或 1.5万。",
        ),
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
        Field(
            "periods",
            "延期后分期期数",
            "integer",
            unit="期",
            minimum=Decimal(1),
            maximum=Decimal(60),
            default="12",
            help="延期结束后每月还一期，最多 60 期。",
        ),
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
    compute=_compute,
)
