"""还款能力评估: what the reader can pay each month, and the shortest plan that fits it.

The debt-to-income ratio is every monthly debt payment over income: the
other debts' payments plus this debt's plan (or, when no plan fits, the
payment of its longest plan, the lowest there is).

The sustainable payment keeps a safety margin: only :data:`SAFE_SHARE` (80 %)
of the monthly surplus, rounded down to the yuan (to the fen when that share is
under 1 yuan), so that one unexpected bill does not break the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from urllib.parse import urlencode

from ._internal.common import MAX_PERIODS, annual_rate_field, money_field
from ._internal.fields import Output
from ._internal.finance import Method, Schedule, TooManyPeriods, annuity_payment, most_periods, total_interest
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_plain, round_fen
from ._internal.registry import Calculator
from .instalment import period_rate, plan

__all__ = [
    "CALCULATOR",
    "SAFE_SHARE",
    "BudgetInputs",
    "BudgetResult",
    "longest_plan",
    "shortest_plan",
    "sustainable_payment",
]

#: The share of the monthly surplus proposed as the payment (the rest is the safety margin).
SAFE_SHARE = Decimal("0.8")


def sustainable_payment(surplus: Decimal) -> Decimal:
    """80 % of a positive monthly surplus, rounded down to the yuan; 0 otherwise.

    A share under 1 yuan is rounded down to the fen instead: 1.20 元 to spare leaves 0.96, enough
    for a plan of a small debt (1 元 over 2 months asks 0.51), never 0 and then "每期也要 0.02 元"
    as if that were too much. Only a surplus whose share is under a fen (0.01) leaves 0.
    """
    if surplus <= 0:
        return Decimal(0)
    share = surplus * SAFE_SHARE
    return share.quantize(Decimal(1) if share >= 1 else Decimal("0.01"), rounding=ROUND_DOWN)


def shortest_plan(
    debt: Decimal, rate_percent: Decimal, limit: Decimal, method: Method = "equal_payment"
) -> Schedule | None:
    """The plan of ``method`` with the fewest periods (up to :data:`MAX_PERIODS`) whose payments all fit ``limit``.

    Args:
        debt: the amount owed, in yuan.
        rate_percent: the annual interest rate in %, or the monthly fee in % (``flat_fee``; see :func:`plan`).
        limit: the most the reader can pay in a month.
        method: the repayment method.

    Returns:
        The schedule, or ``None`` if even 60 periods ask for more than ``limit`` in some month.
    """
    if limit <= 0:
        return None
    monthly_rate = period_rate(method, rate_percent)
    for periods in range(1, MAX_PERIODS + 1):
        if method == "equal_payment" and round_fen(annuity_payment(debt, periods, monthly_rate)) > limit:
            continue  # the level payment alone is too high: no need to build the schedule
        try:
            schedule = plan(method, debt, periods, rate_percent)
        except TooManyPeriods:
            continue
        if max(row.payment for row in schedule) <= limit:
            return schedule
    return None


def longest_plan(debt: Decimal, rate_percent: Decimal, method: Method = "equal_payment") -> Schedule:
    """The plan of ``method`` with the most periods: :data:`MAX_PERIODS`, or fewer for a debt too small for them.

    Args:
        debt: the amount owed, in yuan.
        rate_percent: as for :func:`shortest_plan`.
        method: the repayment method.
    """
    periods = most_periods(method, debt, MAX_PERIODS, period_rate(method, rate_percent))
    return plan(method, debt, periods, rate_percent)


def _advice(surplus: Decimal, safe: Decimal, found: Schedule | None, longest: Schedule) -> str:
    if surplus <= 0:
        return _(
            "按你填的数字，每月收入还不够支付必需开支和其他债务的月供，暂时拿不出钱还这笔欠款。"
            "可以如实向出借方说明，先申请延期或暂缓，同时想办法增加收入、减少开支，必要时把其他债务一起重新规划。"
            "不要为了还款去借新的网贷。"
        )
    if safe <= 0:
        # A share under a fen leaves nothing after the margin: never "超过了你每月能稳定拿出的 0.00 元".
        # Any plan asks a fen or more, above that share.
        return _(
            "按你填的数字，每月结余只有 {surplus} 元，留出应付意外开支的余地后，几乎拿不出钱还这笔欠款；"
            "即使分 {periods} 期，每期也要 {longest} 元。"
            "可以如实向出借方说明，先申请延期或暂缓，同时想办法增加收入、减少开支，必要时把其他债务一起重新规划。"
            "不要答应自己还不起的金额，也不要为了还款去借新的网贷。"
        ).format(surplus=format_money(surplus), periods=len(longest), longest=format_money(longest[0].payment))
    if found is None:
        # The longest plan's highest instalment is above ``safe`` (else it would fit): that is the one named.
        return _(
            "即使分 {periods} 期，每期也要 {longest} 元，超过了你每月能稳定拿出的 {safe} 元。"
            "可以在协商时说明实际能力，请求减免部分利息或罚息、先延期一段时间，或把其他债务一起重新规划；"
            "不要答应自己还不起的金额。"
        ).format(
            periods=len(longest), longest=format_money(max(row.payment for row in longest)), safe=format_money(safe)
        )
    periods = len(found)
    text = _(
        "可以提出：分 {periods} 期等额本息归还，每期约 {payment} 元，不超过你每月能稳定拿出的 {safe} 元。"
        "如果出借方给出的方案每期更高，可以请求延长期数；期数越长，总利息越多。"
    ).format(periods=periods, payment=format_money(found[0].payment), safe=format_money(safe))
    return text


@dataclass(frozen=True)
class BudgetInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    income: Decimal
    essential_expenses: Decimal
    other_debt_payments: Decimal
    debt: Decimal
    annual_rate_percent: Decimal


@dataclass(frozen=True)
class BudgetResult:
    """The outputs (see :data:`CALCULATOR`)."""

    surplus: Decimal
    sustainable_payment: Decimal
    min_periods: int | None
    payment: Decimal | None
    plan: str
    debt_to_income_percent: Decimal | None
    advice: str
    next_url_query: str
    letter_url_query: str
    pack_url_query: str


def _compute(values: BudgetInputs) -> BudgetResult:
    income, other, debt, rate = values.income, values.other_debt_payments, values.debt, values.annual_rate_percent
    surplus = income - values.essential_expenses - other
    safe = sustainable_payment(surplus)
    found = shortest_plan(debt, rate, safe)
    longest = longest_plan(debt, rate)
    if surplus <= 0:
        plan_text = _("每月没有结余，暂时排不出分期方案。")
        monthly = other + longest[0].payment
    elif safe <= 0:
        plan_text = _("每月结余只有 {surplus} 元，留出余地后拿不出能稳定还款的钱，暂时排不出分期方案。").format(
            surplus=format_money(surplus)
        )
        monthly = other + longest[0].payment
    elif found is None:
        plan_text = _("{periods} 期以内没有每期不超过 {safe} 元的等额本息方案。").format(
            periods=MAX_PERIODS, safe=format_money(safe)
        )
        monthly = other + longest[0].payment
    else:
        plan_text = _("分 {periods} 期等额本息，每期约 {payment} 元，利息合计 {interest} 元。").format(
            periods=len(found), payment=format_money(found[0].payment), interest=format_money(total_interest(found))
        )
        monthly = other + found[0].payment
    # The instalment page shows the plan found, or the longest one for comparison.
    query: dict[str, str | int] = {
        "principal": format_plain(debt),
        "periods": len(found if found is not None else longest),
        "method": "equal_payment",
        "annual_rate_percent": format_plain(rate),
    }
    # The letter asks for the plan found; when none fits, for relief or a deferral without a number of
    # periods (the longest plan's would not repay the debt at what the reader can pay).
    letter: dict[str, str | int] = {
        "amount": format_plain(debt),
        "proposal": "instalments" if found is not None else ("deferral" if safe <= 0 else "interest_relief"),
        # Empty, not left out, when nothing can be paid: the letter's own default must not stand in for it.
        "monthly_amount": format_plain(found[0].payment if found is not None else safe) if safe > 0 else "",
    }
    if found is not None:
        letter["periods"] = len(found)
    return BudgetResult(
        surplus=surplus,
        sustainable_payment=safe,
        min_periods=len(found) if found is not None else None,
        payment=found[0].payment if found is not None else None,
        plan=plan_text,
        debt_to_income_percent=monthly / income * 100 if income > 0 else None,
        advice=_advice(surplus, safe, found, longest),
        next_url_query=urlencode(query),
        letter_url_query=urlencode(letter),
        # The pack finds the same plan from the same numbers.
        pack_url_query=urlencode(
            {
                "income": format_plain(income),
                "essential_expenses": format_plain(values.essential_expenses),
                "other_debt_payments": format_plain(other),
                "debt": format_plain(debt),
                "annual_rate_percent": format_plain(rate),
            }
        ),
    )


CALCULATOR = Calculator(
    name="budget",
    title="还款能力评估",
    summary="按每月收入、开支和其他月供，算出你能稳定拿出多少钱还款，以及最少要分几期。",
    order=60,
    fields=(
        money_field(
            "income",
            "每月收入",
            minimum=Decimal(0),
            default="6000",
            help="税后、稳定的月收入；收入不固定时按较低的月份填写。",
        ),
        money_field(
            "essential_expenses",
            "每月必需开支",
            minimum=Decimal(0),
            default="3800",
            help="房租、吃饭、交通、看病、赡养等省不掉的开支。",
        ),
        money_field(
            "other_debt_payments",
            "其他债务的月供",
            minimum=Decimal(0),
            default="500",
            help="信用卡、房贷车贷、其他网贷每月要还的钱；没有就填 0。",
        ),
        money_field("debt", "这笔欠款", default="10000", help="要协商归还的京东白条或金条欠款。"),
        annual_rate_field("13", "用来估算分期利息；不清楚时可以先按合同或App里显示的年化利率填写。"),
    ),
    outputs=(
        Output("surplus", "每月结余", "money", unit="元"),
        Output("sustainable_payment", "每月可持续还款额", "money", unit="元"),
        Output("min_periods", "最少分期期数", "number", unit="期"),
        Output("payment", "该方案每期还款", "money", unit="元"),
        Output("plan", "方案", "text"),
        Output("debt_to_income_percent", "月供占收入比例（含这笔欠款）", "percent", unit="%"),
        Output("advice", "协商建议", "text"),
        Output(
            "next_url_query",
            "下一步",
            "link",
            targets=(("instalment", "按这个月供查看分期方案"),),
        ),
        Output("letter_url_query", "下一步", "link", targets=(("letter", "用这个月供写协商申请书"),)),
        Output("pack_url_query", "打印", "link", targets=(("pack", "把预算、方案和申请书放在一页打印"),)),
    ),
    inputs=BudgetInputs,
    results=BudgetResult,
    compute=_compute,
)
