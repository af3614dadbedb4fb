"""分期方案: the full schedule of an instalment plan, its total cost and its true annual rate."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from ._internal.common import ANNUAL_RATE_OUTPUTS, annual_rate_field
from ._internal.fields import Field, Output, field_error
from ._internal.finance import Method, Schedule, annual_percents, build_schedule, schedule_irr, total_payment
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_percent, format_plain
from ._internal.registry import Calculator, Values
from ._internal.schedule_view import balance_svg, schedule_csv, schedule_outputs, schedule_rows

__all__ = ["CALCULATOR", "plan"]

MONTHS_PER_YEAR = 12
METHOD_CHOICES = (
    ("equal_payment", "等额本息"),
    ("equal_principal", "等额本金"),
    ("flat_fee", "每期按原始本金收手续费"),
)


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
    """
    if method == "flat_fee":
        return build_schedule(method, principal, periods, rate_percent / 100)
    return build_schedule(method, principal, periods, rate_percent / 100 / MONTHS_PER_YEAR)


def _rate_percent(values: Values) -> Decimal:
    method: Method = values["method"]
    name = "monthly_fee_percent" if method == "flat_fee" else "annual_rate_percent"
    rate: Decimal | None = values[name]
    if rate is None:
        if method == "flat_fee":
            raise field_error(CALCULATOR.field(name), "按原始本金收手续费时，请填写每月手续费率。")
        raise field_error(CALCULATOR.field(name), "等额本息和等额本金需要填写年利率。")
    return rate


def _compute(values: Values) -> Values:
    principal: Decimal = values["principal"]
    periods: int = values["periods"]
    method: Method = values["method"]
    upfront: Decimal = values["upfront_fee"] or Decimal(0)
    if upfront >= principal:
        raise field_error(CALCULATOR.field("upfront_fee"), "预先扣除的费用必须小于分期本金。")
    schedule = plan(method, principal, periods, _rate_percent(values))
    paid = total_payment(schedule)
    apr, effective = annual_percents(schedule_irr(principal - upfront, schedule), MONTHS_PER_YEAR)
    first = schedule[0].payment
    query = urlencode(
        {
            "amount": format_plain(principal),
            "proposal": "instalments",
            "monthly_amount": format_plain(first),
            "periods": periods,
        }
    )
    return {
        "payment": first,
        "last_payment": schedule[-1].payment,
        "total_payment": paid,
        "total_cost": paid - principal + upfront,
        "apr_percent": apr,
        "effective_annual_percent": effective,
        "note": _note(principal, periods, first, apr, effective),
        "schedule": schedule_rows(schedule),
        "chart": balance_svg(principal, schedule),
        "csv": schedule_csv(schedule),
        "next_url_query": query,
    }


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
        Field(
            "principal",
            "分期本金",
            "money",
            unit="元",
            minimum=Decimal(1),
            maximum=Decimal(100_000_000),
            default="10000",
            help="要分期归还的金额，可写 10000、10,000 或 1万。",
        ),
        Field(
            "periods",
            "期数",
            "integer",
            unit="期",
            minimum=Decimal(1),
            maximum=Decimal(60),
            default="12",
            help="每月还一期，最多 60 期。",
        ),
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
            maximum=Decimal(10),
            default="0.6",
            required=False,
            places=4,
            help="按原始本金收手续费时使用，例如 0.6 表示每月收本金的 0.6%。",
        ),
        Field(
            "upfront_fee",
            "预先扣除的费用",
            "money",
            unit="元",
            minimum=Decimal(0),
            maximum=Decimal(100_000_000),
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
    ),
    compute=_compute,
)
