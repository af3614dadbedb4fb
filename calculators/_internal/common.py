"""Inputs, outputs and limits that several calculators share, declared once."""

from __future__ import annotations

from decimal import Decimal

from .fields import Field, Output, When
from .money import round_fen

__all__ = [
    "ANNUAL_RATE_OUTPUTS",
    "MAX_AMOUNT",
    "MAX_MONTHLY_FEE_PERCENT",
    "MAX_PERIODS",
    "MAX_RATE_PERCENT",
    "annual_rate_field",
    "largest_instalment",
    "largest_total",
    "money_field",
    "periods_field",
]

#: The largest amount of money any calculator accepts: 1亿元.
MAX_AMOUNT = Decimal(100_000_000)
#: The most monthly instalments a plan may have.
MAX_PERIODS = 60
#: The largest monthly fee (% of the original principal) a plan may charge.
MAX_MONTHLY_FEE_PERCENT = Decimal(10)
#: The largest annual rate (%) ``rate_cap`` accepts: above the highest ``apr`` can report (one
#: yuan received, 360 daily payments of 1亿: about 3.65e12 %), so every rate it finds can be
#: compared with the lines.
MAX_RATE_PERCENT = Decimal(10) ** 13


def largest_instalment(amount: Decimal) -> Decimal:
    """The most one instalment of a plan for ``amount`` can ask: all of it, plus a month's charges.

    A one-period plan repays the whole debt with a month's interest or fee on top; at the
    highest rates accepted (:data:`MAX_MONTHLY_FEE_PERCENT` a month, or 100 % a year) that
    is at most 10 % more. Plans of more periods ask less than the debt each month.
    """
    return round_fen(amount * (1 + MAX_MONTHLY_FEE_PERCENT / 100))


def largest_total(amount: Decimal, periods: int) -> Decimal:
    """The most ``periods`` instalments of a plan for ``amount`` can add up to, each as large as the first.

    Every plan the calculators make charges at most :data:`MAX_MONTHLY_FEE_PERCENT` of the
    original amount a period (100 % a year is less than 10 % a month, on a balance no larger),
    and its first instalment is its largest; each instalment's two parts are rounded to the fen.
    So ``periods`` times the first instalment is at most the amount, that charge every period,
    and two fen a period.
    """
    return round_fen(amount * (1 + MAX_MONTHLY_FEE_PERCENT / 100 * periods)) + Decimal("0.02") * periods


#: The two annual forms of an IRR: nominal (what lenders must disclose) and effective.
ANNUAL_RATE_OUTPUTS = (
    Output("apr_percent", "年化利率（IRR）", "percent", unit="%"),
    Output("effective_annual_percent", "复利年化利率", "percent", unit="%"),
)


def money_field(
    name: str,
    label: str,
    *,
    default: str = "",
    help: str = "",
    minimum: Decimal = Decimal(1),
    maximum: Decimal = MAX_AMOUNT,
    required: bool = True,
    when: When | None = None,
) -> Field:
    """An amount of money in yuan, by default from 1 to :data:`MAX_AMOUNT`, with two decimals.

    Args:
        name: the field's name.
        label: what the reader sees (a simplified-Chinese literal).
        default: the value the form starts with.
        help: the line under the input (a simplified-Chinese literal).
        minimum: the smallest accepted amount.
        maximum: the largest accepted amount.
        required: whether it may be left empty.
        when: the values of another field for which it applies (``None``: always).
    """
    return Field(
        name,
        label,
        "money",
        unit="元",
        minimum=minimum,
        maximum=maximum,
        default=default,
        help=help,
        required=required,
        when=when,
    )


def periods_field(
    label: str, *, default: str = "", help: str = "", required: bool = True, when: When | None = None
) -> Field:
    """The ``periods`` input: monthly instalments, from 1 to :data:`MAX_PERIODS`.

    Args:
        label: what the reader sees (a simplified-Chinese literal).
        default: the value the form starts with.
        help: the line under the input (a simplified-Chinese literal).
        required: whether it may be left empty.
        when: the values of another field for which it applies (``None``: always).
    """
    return Field(
        "periods",
        label,
        "integer",
        unit="期",
        minimum=Decimal(1),
        maximum=Decimal(MAX_PERIODS),
        default=default,
        help=help,
        required=required,
        when=when,
    )


def annual_rate_field(
    default: str, help: str, *, required: bool = True, maximum: Decimal = Decimal(100), label: str = "年利率"
) -> Field:
    """The ``annual_rate_percent`` input: % a year, up to four decimals.

    Args:
        default: the value the form starts with.
        help: the line under the input (a simplified-Chinese literal).
        required: whether it may be left empty.
        maximum: the largest accepted rate, in % a year.
        label: what the reader sees (a simplified-Chinese literal).
    """
    return Field(
        "annual_rate_percent",
        label,
        "decimal",
        unit="%",
        minimum=Decimal(0),
        maximum=maximum,
        default=default,
        required=required,
        places=4,
        help=help,
    )
