"""协商材料包: the budget, the proposed plan and the negotiation letter, from one set of inputs, to print.

Nothing is computed here that another calculator computes: the pack runs the budget's,
the instalment plan's and the letter's own ``compute`` on its inputs, and its fields are
theirs (the same declarations, so the same limits and messages). What it adds is the
choice of the plan: the periods the reader asks for, or else the shortest plan that fits
what the reader can pay, or, when none fits, the longest plan for comparison while the
letter asks for a deferral or relief, as the budget advises.

What the reader can pay is the monthly amount they typed, or else the budget's; with
neither (the income, expenses and other payments all left empty, as the instalment and
letter pages' links leave them) the pack says so and estimates nothing: its own defaults
never stand in for the reader's numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlencode

from . import budget, instalment, letter
from ._internal.fields import Field, Output, When, field_error, parse_field
from ._internal.finance import Method, Schedule, TooManyPeriods, falling_payments
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_plain
from ._internal.registry import Calculator
from ._internal.schedule_view import SCHEDULE_COLUMNS
from .budget import BudgetInputs, BudgetResult, longest_plan, shortest_plan
from .instalment import InstalmentInputs, InstalmentResult
from .letter import LetterInputs, Product, Proposal, Reason

__all__ = ["CALCULATOR", "DEFAULT_METHOD", "NO_BUDGET", "PackInputs", "PackResult", "prefill_query"]


#: How the pack's plan repays unless the reader says otherwise: the budget plans in equal payments.
DEFAULT_METHOD: Method = "equal_payment"
#: The budget's own fields (the debt and the rate are the plan's too), all empty: "no budget given".
_BUDGET_ONLY = ("income", "essential_expenses", "other_debt_payments")
#: A link's query for a pack opened without a budget: empty, not left out, so no default stands in.
NO_BUDGET = {name: "" for name in _BUDGET_ONLY}

PackProposal = Literal["auto", "instalments", "deferral", "interest_relief"]


def _own(spec: Field, **changes: Any) -> Field:
    """Another calculator's field as the pack asks it: the same declaration, always shown unless said."""
    return dataclasses.replace(spec, **{"when": None, **changes})


@dataclass(frozen=True)
class PackInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    income: Decimal | None
    essential_expenses: Decimal | None
    other_debt_payments: Decimal | None
    debt: Decimal
    annual_rate_percent: Decimal
    monthly_amount: Decimal | None
    periods: int | None
    method: Method
    monthly_fee_percent: Decimal | None
    upfront_fee: Decimal | None
    proposal: PackProposal
    product: Product
    days_overdue: int
    reason: Reason
    reason_detail: str
    name: str
    contact: str


@dataclass(frozen=True)
class PackResult:
    """The outputs (see :data:`CALCULATOR`)."""

    sustainable_payment: Decimal | None
    periods: int
    payment: Decimal
    total_cost: Decimal
    apr_percent: Decimal
    budget: str
    budget_url_query: str | None
    plan: str
    schedule: Schedule
    letter: str


def _budget(values: PackInputs) -> BudgetResult | None:
    """The budget's result, or ``None`` when none of its own fields is filled in."""
    given = [getattr(values, name) for name in _BUDGET_ONLY]
    if all(value is None for value in given):
        return None
    for name, value in zip(_BUDGET_ONLY, given, strict=True):
        if value is None:
            raise field_error(
                CALCULATOR.field(name),
                "做预算时，收入、必需开支和其他债务的月供都要填（没有就填 0）；不做预算时三项都留空。",
            )
    income, expenses, other = (value for value in given if value is not None)
    result: BudgetResult = budget.CALCULATOR.compute(
        BudgetInputs(
            income=income,
            essential_expenses=expenses,
            other_debt_payments=other,
            debt=values.debt,
            annual_rate_percent=values.annual_rate_percent,
        )
    )
    return result


def _budget_text(values: PackInputs, summary: BudgetResult | None) -> str:
    typed = values.monthly_amount
    if summary is None:
        lines = [_("没有填写每月收入、必需开支和其他债务的月供，这一部分空着：材料包不替你估计这些数字。")]
        if typed is not None:
            lines.append(
                _("你填的每月能还的金额是 {typed} 元，方案和申请书按这个数。").format(typed=format_money(typed))
            )
        lines.append(_("想先算清每月能稳定拿出多少，可以在上面填写这三项，或者先用还款能力评估算一算。"))
        return "\n".join(lines)
    lines = [
        _("每月收入 {income} 元，必需开支 {expenses} 元，其他债务月供 {other} 元，每月结余 {surplus} 元。").format(
            income=format_money(values.income or Decimal(0)),
            expenses=format_money(values.essential_expenses or Decimal(0)),
            other=format_money(values.other_debt_payments or Decimal(0)),
            surplus=format_money(summary.surplus),
        ),
        # Nothing to spare (no surplus, or under 1 yuan after the margin): the plan line below says so,
        # never "每月能稳定拿出 0.00 元".
        *(
            [
                _("每月能稳定拿出 {safe} 元还这笔欠款（结余的八成，留出余地应付意外开支）。").format(
                    safe=format_money(summary.sustainable_payment)
                )
            ]
            if summary.sustainable_payment > 0
            else []
        ),
        summary.plan,
        summary.advice,
    ]
    if typed is not None:
        lines.append(_("你另外填了每月能还的金额 {typed} 元，方案和申请书按这个数。").format(typed=format_money(typed)))
    return "\n".join(lines)


def _asked(proposal: Proposal) -> str:
    label = dict(letter.PROPOSALS)[proposal]
    return _("申请书里申请的是：{asked}。").format(asked=_(label))


def _plan_text(
    values: PackInputs,
    ability: Decimal | None,
    fit: Schedule | None,
    plan: InstalmentResult,
    proposal: Proposal,
    surplus: Decimal | None = None,
) -> str:
    highest = max(row.payment for row in plan.schedule)
    periods = len(plan.schedule)
    if ability is None:
        fits = (
            _("没有填写每月能还多少，无法核对这个方案每期是否还得起；答应之前，先算清每月能拿出的钱。")
            if values.periods is not None
            else _("没有填写期数，也没有填写每月能还多少；下表是最长的 {periods} 期方案，仅供对照。").format(
                periods=periods
            )
        )
    elif ability <= 0 and surplus is not None and surplus > 0:
        # A surplus too small to leave a fen after the margin: said as the budget line above says it.
        fits = _(
            "按你填的收入和开支，每月结余只有 {surplus} 元，留出余地后拿不出能稳定还款的钱，"
            "排不出还得起的分期方案；下表的 {periods} 期方案仅供对照。"
        ).format(surplus=format_money(surplus), periods=periods)
        fits += _("不要答应还不起的金额。")
    elif ability <= 0:
        # The budget leaves nothing to spare: no "0.00 元" to compare the plan with.
        fits = _(
            "按你填的收入和开支，每月没有能稳定拿出来还款的钱，排不出还得起的分期方案；"
            "下表的 {periods} 期方案仅供对照。"
        ).format(periods=periods)
        fits += _("不要答应还不起的金额。")
    elif values.periods is None and fit is None:
        fits = _("按你每月能拿出的 {safe} 元排不出还得起的分期方案；下表是最长的 {periods} 期方案，仅供对照。").format(
            safe=format_money(ability), periods=periods
        )
    elif highest <= ability:
        fits = _("每期不超过你每月能稳定拿出的 {safe} 元。").format(safe=format_money(ability))
    else:
        fits = _("注意：每期最多要还 {highest} 元，超过你每月能稳定拿出的 {safe} 元。").format(
            highest=format_money(highest), safe=format_money(ability)
        )
        if proposal == "instalments":
            fits += _("申请书没有写这个方案的金额，只按你每月能拿出的钱申请分期。")
        fits += _("不要答应还不起的金额。")
    return "\n".join([plan.note, fits, *([_asked(proposal)] if proposal != "instalments" else [])])


def _request(proposal: Proposal, ability: Decimal | None, payments: Sequence[Decimal], periods: int | None) -> str:
    """What the letter asks: the plan's own figures only when the reader can pay them."""
    affordable = ability is None or max(payments) <= ability
    can_pay = ability if ability else None
    if proposal == "instalments":
        return letter.plan_request(payments) if affordable else letter.request_text(proposal, can_pay, None)
    falling = falling_payments(payments)
    if affordable and can_pay is not None and periods is not None and falling is not None:
        # A falling plan (等额本金) by its own first and last, as the letter states it: never its first as every one.
        first, last = falling
        return letter.request_text(proposal, first, periods, last)
    return letter.request_text(proposal, can_pay, periods if affordable and can_pay is not None else None)


def _letter(values: PackInputs, ability: Decimal | None, request: str) -> str:
    fields = letter.CALCULATOR.fields
    parsed: dict[str, Any] = {spec.name: parse_field(spec, spec.default) for spec in fields}
    parsed.update(
        kind="negotiation",
        product=values.product,
        amount=values.debt,
        days_overdue=values.days_overdue,
        reason=values.reason,
        reason_detail=values.reason_detail,
        name=values.name,
        contact=values.contact,
    )
    return letter.negotiation_letter(LetterInputs(**parsed), ability, request)


def _compute(values: PackInputs) -> PackResult:
    debt, rate = values.debt, values.annual_rate_percent
    summary = _budget(values)
    ability = values.monthly_amount
    if ability is None and summary is not None:
        ability = summary.sustainable_payment
    # The search uses the plan's own method and rate; without a fee, flat_fee is refused below.
    plan_rate = values.monthly_fee_percent if values.method == "flat_fee" else rate
    fit = (
        shortest_plan(debt, plan_rate, ability, values.method)
        if ability is not None and plan_rate is not None
        else None
    )
    periods = values.periods or (
        len(fit) if fit is not None else len(longest_plan(debt, plan_rate or Decimal(0), values.method))
    )
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
    proposal: Proposal
    if values.proposal != "auto":
        proposal = values.proposal
    elif ability is None or fit is not None:
        proposal = "instalments"
    else:
        # Nothing fits: as the budget advises, a deferral, or relief with what can be paid.
        proposal = "deferral" if ability <= 0 else "interest_relief"
    payments = [row.payment for row in plan.schedule]
    return PackResult(
        sustainable_payment=ability,
        periods=periods,
        payment=plan.payment,
        total_cost=plan.total_cost,
        apr_percent=plan.apr_percent,
        budget=_budget_text(values, summary),
        budget_url_query=(
            urlencode({"debt": format_plain(debt), "annual_rate_percent": format_plain(rate)})
            if summary is None
            else None
        ),
        plan=_plan_text(values, ability, fit, plan, proposal, summary.surplus if summary is not None else None),
        schedule=plan.schedule,
        letter=_letter(values, ability, _request(proposal, ability, payments, values.periods)),
    )


_FLAT_FEE = When("method", ("flat_fee",))
_BUDGET_HELP = "三项都留空时，材料包不做预算，只按下面填的每月能还的金额核对方案。"

CALCULATOR = Calculator(
    name="pack",
    title="协商材料包",
    summary="填一次收入、开支和欠款，得到每月预算、还款方案和协商申请书，放在一页上打印或存成PDF。",
    order=80,
    fields=(
        *(
            _own(spec, required=False, help=_BUDGET_HELP) if spec.name in _BUDGET_ONLY else spec
            for spec in budget.CALCULATOR.fields
        ),
        _own(
            letter.CALCULATOR.field("monthly_amount"),
            default="",
            help="留空时，按上面的收入和开支算（结余的八成）；只写你确实还得起的数。",
        ),
        _own(
            instalment.CALCULATOR.field("periods"),
            required=False,
            default="",
            help="留空时，用每期还得起的最短方案。",
        ),
        _own(instalment.CALCULATOR.field("method"), default=DEFAULT_METHOD),
        _own(instalment.CALCULATOR.field("monthly_fee_percent"), when=_FLAT_FEE),
        _own(instalment.CALCULATOR.field("upfront_fee")),
        _own(
            letter.CALCULATOR.field("proposal"),
            default="auto",
            choices=(("auto", "按还款能力选择"), *letter.PROPOSALS),
            help="按还款能力选择：排得出还得起的方案就申请分期，排不出就申请减免或延期。",
        ),
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
        Output("budget_url_query", "预算", "link", targets=(("budget", "先算清每月能还多少"),)),
        Output("plan", "还款方案", "text"),
        Output("schedule", "还款计划", "table", columns=SCHEDULE_COLUMNS),
        Output("letter", "协商还款申请书", "text"),
    ),
    inputs=PackInputs,
    results=PackResult,
    compute=_compute,
)


def prefill_query(debt: Decimal, periods: int | None, method: Method = DEFAULT_METHOD, **more: str) -> str:
    """A query string that opens the pack with ``debt``, ``periods`` and ``more`` filled in, and no budget.

    The budget's own fields are left empty (:data:`NO_BUDGET`): the page that links has no
    budget, and the pack's defaults must not stand in for one. The periods are left out when
    the pack's plan of ``method`` at the rate given (else its default) could not spread ``debt``
    over them (a debt of a few yuan over many months): the pack would refuse them, and without
    them it proposes the budget's plan.

    Args:
        debt: the amount owed.
        periods: the periods asked for, if any.
        method: how the pack's plan repays (given in the query unless it is :data:`DEFAULT_METHOD`).
        **more: other fields of the pack, as text.
    """
    query: dict[str, str] = {"debt": format_plain(debt), **NO_BUDGET}
    if method != DEFAULT_METHOD:
        query["method"] = method
    if periods is not None:
        rate_field = CALCULATOR.field("annual_rate_percent")
        rate = parse_field(rate_field, more.get("annual_rate_percent", rate_field.default))
        assert isinstance(rate, Decimal)
        try:
            instalment.plan(method, debt, periods, rate)
        except TooManyPeriods:
            pass
        else:
            query["periods"] = str(periods)
    return urlencode({**query, **more})
