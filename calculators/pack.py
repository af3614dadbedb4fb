"""协商材料包: the budget, the proposed plan and the negotiation letter, from one set of inputs, to print.

Nothing is computed here that another calculator computes: the pack runs the budget's,
the instalment plan's and the letter's own ``compute`` on its inputs, and its fields are
theirs (the same declarations, so the same limits and messages). What it adds is the
choice of the plan: the periods the reader asks for, or else the budget's shortest plan
that fits, or, when none fits, the longest plan for comparison while the letter asks for
a deferral or relief, as the budget advises.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from . import budget, instalment, letter
from ._internal.fields import Field, Output, When, parse_field
from ._internal.finance import Method, Schedule, TooManyPeriods
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_plain
from ._internal.registry import Calculator
from ._internal.schedule_view import SCHEDULE_COLUMNS
from .budget import BudgetInputs, BudgetResult, longest_plan
from .instalment import InstalmentInputs, InstalmentResult
from .letter import Product, Proposal, Reason

__all__ = ["CALCULATOR", "DEFAULT_METHOD", "PackInputs", "PackResult", "prefill_query"]


#: How the pack's plan repays unless the reader says otherwise: the budget plans in equal payments.
DEFAULT_METHOD: Method = "equal_payment"


def _own(spec: Field, **changes: Any) -> Field:
    """Another calculator's field as the pack asks it: the same declaration, always shown unless said."""
    return dataclasses.replace(spec, **{"when": None, **changes})


@dataclass(frozen=True)
class PackInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    income: Decimal
    essential_expenses: Decimal
    other_debt_payments: Decimal
    debt: Decimal
    annual_rate_percent: Decimal
    periods: int | None
    method: Method
    monthly_fee_percent: Decimal | None
    upfront_fee: Decimal | None
    product: Product
    days_overdue: int
    reason: Reason
    reason_detail: str
    name: str
    contact: str


@dataclass(frozen=True)
class PackResult:
    """The outputs (see :data:`CALCULATOR`)."""

    sustainable_payment: Decimal
    periods: int
    payment: Decimal
    total_cost: Decimal
    apr_percent: Decimal
    budget: str
    plan: str
    schedule: Schedule
    letter: str


def _budget_text(values: PackInputs, result: BudgetResult) -> str:
    lines = [
        _("每月收入 {income} 元，必需开支 {expenses} 元，其他债务月供 {other} 元，每月结余 {surplus} 元。").format(
            income=format_money(values.income),
            expenses=format_money(values.essential_expenses),
            other=format_money(values.other_debt_payments),
            surplus=format_money(result.surplus),
        ),
        _("每月能稳定拿出 {safe} 元还这笔欠款（结余的八成，留出余地应付意外开支）。").format(
            safe=format_money(result.sustainable_payment)
        ),
        result.plan,
        result.advice,
    ]
    return "\n".join(lines)


def _plan_text(values: PackInputs, summary: BudgetResult, plan: InstalmentResult, proposal: Proposal) -> str:
    highest = max(row.payment for row in plan.schedule)
    safe = summary.sustainable_payment
    if values.periods is None and summary.min_periods is None:
        asked = dict(letter.PROPOSALS)[proposal]
        fit = _(
            "按预算排不出每期还得起的分期方案；下表是最长的 {periods} 期方案，仅供对照。申请书里申请的是：{asked}。"
        ).format(periods=len(plan.schedule), asked=_(asked))
    elif highest <= safe:
        fit = _("每期不超过你每月能稳定拿出的 {safe} 元。").format(safe=format_money(safe))
    else:
        fit = _("注意：每期最多要还 {highest} 元，超过你每月能稳定拿出的 {safe} 元。不要答应还不起的金额。").format(
            highest=format_money(highest), safe=format_money(safe)
        )
    return plan.note + "\n" + fit


def _letter(values: PackInputs, proposal: Proposal, monthly: Decimal | None, periods: int | None) -> str:
    fields = letter.CALCULATOR.fields
    parsed = {spec.name: parse_field(spec, spec.default) for spec in fields}
    parsed.update(
        kind="negotiation",
        product=values.product,
        amount=values.debt,
        days_overdue=values.days_overdue,
        reason=values.reason,
        reason_detail=values.reason_detail,
        proposal=proposal,
        monthly_amount=monthly,
        periods=periods,
        name=values.name,
        contact=values.contact,
    )
    result: letter.LetterResult = letter.CALCULATOR.evaluate(parsed)
    return result.letter


def _compute(values: PackInputs) -> PackResult:
    debt, rate = values.debt, values.annual_rate_percent
    summary: BudgetResult = budget.CALCULATOR.compute(
        BudgetInputs(
            income=values.income,
            essential_expenses=values.essential_expenses,
            other_debt_payments=values.other_debt_payments,
            debt=debt,
            annual_rate_percent=rate,
        )
    )
    periods = values.periods or summary.min_periods or len(longest_plan(debt, rate))
    plan: InstalmentResult = instalment.CALCULATOR.compute(
        InstalmentInputs(
            principal=debt,
            periods=periods,
            method=values.method,
            annual_rate_percent=rate,
            monthly_fee_percent=values.monthly_fee_percent,
            upfront_fee=values.upfront_fee,
        )
    )
    safe = summary.sustainable_payment
    proposal: Proposal = "instalments"
    monthly: Decimal | None = plan.payment
    asked: int | None = periods
    if values.periods is None and summary.min_periods is None:
        # Nothing fits: as the budget advises, a deferral, or relief with what can be paid.
        proposal, monthly, asked = ("deferral", None, None) if safe <= 0 else ("interest_relief", safe, None)
    return PackResult(
        sustainable_payment=safe,
        periods=periods,
        payment=plan.payment,
        total_cost=plan.total_cost,
        apr_percent=plan.apr_percent,
        budget=_budget_text(values, summary),
        plan=_plan_text(values, summary, plan, proposal),
        schedule=plan.schedule,
        letter=_letter(values, proposal, monthly, asked),
    )


_FLAT_FEE = When("method", ("flat_fee",))

CALCULATOR = Calculator(
    name="pack",
    title="协商材料包",
    summary="填一次收入、开支和欠款，得到每月预算、还款方案和协商申请书，放在一页上打印或存成PDF。",
    order=80,
    fields=(
        *budget.CALCULATOR.fields,
        _own(
            instalment.CALCULATOR.field("periods"),
            required=False,
            default="",
            help="留空时，用预算里每期还得起的最短方案。",
        ),
        _own(instalment.CALCULATOR.field("method"), default=DEFAULT_METHOD),
        _own(instalment.CALCULATOR.field("monthly_fee_percent"), when=_FLAT_FEE),
        _own(instalment.CALCULATOR.field("upfront_fee")),
        *(
            _own(letter.CALCULATOR.field(name))
            for name in ("product", "days_overdue", "reason", "reason_detail", "name", "contact")
        ),
    ),
    outputs=(
        Output("sustainable_payment", "每月能拿出的还款额", "money", unit="元"),
        Output("periods", "方案期数", "number", unit="期"),
        Output("payment", "首期还款", "money", unit="元"),
        Output("total_cost", "总成本（利息和各项费用）", "money", unit="元"),
        Output("apr_percent", "年化利率（IRR）", "percent", unit="%"),
        Output("budget", "每月预算", "text"),
        Output("plan", "还款方案", "text"),
        Output("schedule", "还款计划", "table", columns=SCHEDULE_COLUMNS),
        Output("letter", "协商还款申请书", "text"),
    ),
    inputs=PackInputs,
    results=PackResult,
    compute=_compute,
)


def prefill_query(debt: Decimal, periods: int | None, **more: str) -> str:
    """A query string that opens the pack with ``debt``, ``periods`` and ``more`` filled in.

    The periods are left out when the pack's default plan could not spread ``debt`` over
    them (a debt of a few yuan over many months): the pack would refuse them, and without
    them it proposes the budget's plan.

    Args:
        debt: the amount owed.
        periods: the periods asked for, if any.
        **more: other fields of the pack, as text.
    """
    query: dict[str, str] = {"debt": format_plain(debt)}
    if periods is not None:
        rate_field = CALCULATOR.field("annual_rate_percent")
        rate = parse_field(rate_field, rate_field.default)
        assert isinstance(rate, Decimal)
        try:
            instalment.plan(DEFAULT_METHOD, debt, periods, rate)
        except TooManyPeriods:
            pass
        else:
            query["periods"] = str(periods)
    return urlencode({**query, **more})
