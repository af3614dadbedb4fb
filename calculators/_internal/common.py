"""Inputs and outputs that several calculators share, declared once."""

from __future__ import annotations

from decimal import Decimal

from .fields import Field, Output

__all__ = ["ANNUAL_RATE_OUTPUTS", "annual_rate_field"]

#: The two annual forms of an IRR: nominal (what lenders must disclose) and effective.
ANNUAL_RATE_OUTPUTS = (
    Output("apr_percent", "年化利率（IRR）", "percent", unit="%"),
    Output("effective_annual_percent", "复利年化利率", "percent", unit="%"),
)


def annual_rate_field(default: str, help: str, *, required: bool = True, maximum: int = 100) -> Field:
    """The ``annual_rate_percent`` input: % a year, up to four decimals.

    Args:
        default: the value the form starts with.
        help: the line under the input (a simplified-Chinese literal).
        required: whether it may be left empty.
        maximum: the largest accepted rate, in % a year.
    """
    return Field(
        "annual_rate_percent",
        "年利率",
        "decimal",
        unit="%",
        minimum=Decimal(0),
        maximum=Decimal(maximum),
        default=default,
        required=required,
        places=4,
        help=help,
    )
