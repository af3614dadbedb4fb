"""逾期费用估算: what a number of days overdue costs at the contract's daily rate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ._internal.common import money_field
from ._internal.fields import Field, Output
from ._internal.i18n import gettext as _
from ._internal.lpr import LPR_AS_OF, latest_lpr
from ._internal.money import format_percent, round_fen
from ._internal.registry import Calculator

__all__ = ["CALCULATOR", "OverdueInputs", "OverdueResult", "overdue_cost"]

#: The line courts and regulators use for the total cost of financial loans (facts §1.5).
TOTAL_COST_LINE = Decimal(24)
DAYS_PER_YEAR = 365


def overdue_cost(principal: Decimal, daily_rate_percent: Decimal, days: int, compound: bool) -> Decimal:
    """The overdue charge, unrounded.

    Args:
        principal: the overdue amount, in yuan.
        daily_rate_percent: the contract's overdue rate, % per day.
        days: days overdue.
        compound: whether each day's charge itself bears the charge.

    Returns:
        The charge in yuan, before rounding to the fen.
    """
    rate = daily_rate_percent / 100
    if compound:
        return principal * ((1 + rate) ** days - 1)
    return principal * rate * days


def _comparison(annual: Decimal) -> str:
    lpr = latest_lpr()
    four_lpr = lpr.rate_percent * 4

    def side(line: Decimal) -> str:
        if annual > line:
            return _("高于")
        if annual < line:
            return _("低于")
        return _("等于")

    return _(
        "折合单利年化 {annual}%。作为参照：它{vs24} 24%，这是法院和监管对持牌机构借款综合成本常用的一条线；"
        "它{vs4lpr}一年期 LPR 的 4 倍 {four_lpr}%（LPR {lpr}%，{since} 起执行，数据截至 {as_of}），"
        "这是民间借贷的司法保护上限，对银行、消费金融公司和小额贷款公司只是参照线。"
        "这些线不是对你合同的判断，具体以合同和法律规定为准。"
    ).format(
        annual=format_percent(annual),
        vs24=side(TOTAL_COST_LINE),
        vs4lpr=side(four_lpr),
        four_lpr=format_percent(four_lpr),
        lpr=format_percent(lpr.rate_percent),
        since=lpr.effective.isoformat(),
        as_of=LPR_AS_OF.isoformat(),
    )


@dataclass(frozen=True)
class OverdueInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    principal: Decimal
    daily_rate_percent: Decimal
    days: int
    compound: bool


@dataclass(frozen=True)
class OverdueResult:
    """The outputs (see :data:`CALCULATOR`)."""

    penalty: Decimal
    total: Decimal
    annualized_percent: Decimal
    comparison: str


def _compute(values: OverdueInputs) -> OverdueResult:
    penalty = round_fen(overdue_cost(values.principal, values.daily_rate_percent, values.days, values.compound))
    annual = values.daily_rate_percent * DAYS_PER_YEAR
    return OverdueResult(
        penalty=penalty,
        total=values.principal + penalty,
        annualized_percent=annual,
        comparison=_comparison(annual),
    )


CALCULATOR = Calculator(
    name="overdue",
    title="逾期费用估算",
    summary="按你合同里的逾期日利率，估算逾期若干天要多付多少钱。",
    order=10,
    fields=(
        money_field(
            "principal",
            "逾期金额",
            minimum=Decimal("0.01"),
            default="10000",
            help="逾期未还的本金，可写 10000、10,000 或 1万。",
        ),
        Field(
            "daily_rate_percent",
            "逾期日利率",
            "decimal",
            unit="%",
            minimum=Decimal(0),
            maximum=Decimal(1),
            default="0.05",
            places=4,
            help="以你合同或京东金融 App 里写明的罚息、违约金日利率为准，例如 0.05 表示每天 0.05%。",
        ),
        Field(
            "days",
            "逾期天数",
            "integer",
            unit="天",
            minimum=Decimal(1),
            maximum=Decimal(3650),
            default="30",
        ),
        Field(
            "compound",
            "按日复利计算",
            "boolean",
            default="false",
            required=False,
            help="多数合同按单利计算；只有合同写明计收复利时才勾选。",
        ),
    ),
    outputs=(
        Output("penalty", "逾期费用", "money", unit="元"),
        Output("total", "本金加逾期费用", "money", unit="元"),
        Output("annualized_percent", "折合单利年化", "percent", unit="%"),
        Output("comparison", "与参照线对比", "text"),
    ),
    inputs=OverdueInputs,
    results=OverdueResult,
    compute=_compute,
)
