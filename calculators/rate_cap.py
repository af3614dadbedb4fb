"""利率上限对照: which rate rule applies to a contract, its lines, and where a rate stands against them.

Sources (facts §1): 法释〔2015〕18号 Arts. 26, 31 (24 % / 36 %) for contracts
formed before 2020-08-20, with the transition of 法释〔2020〕17号 Art. 31;
法释〔2020〕17号 Art. 25 (4 × the one-year LPR when the contract was formed)
from 2020-08-20; Art. 1 para. 2 and 法释〔2020〕27号 (licensed lenders are
outside that interpretation, so its cap is only a reference line for them);
法发〔2017〕22号 and regulators' guidance (24 % total cost for financial loans).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ._internal.common import MAX_RATE_PERCENT, annual_rate_field
from ._internal.fields import Field, Output
from ._internal.i18n import gettext as _
from ._internal.lpr import LPR_AS_OF, latest_lpr, lpr_on
from ._internal.money import format_percent, format_plain
from ._internal.registry import Calculator

__all__ = [
    "CALCULATOR",
    "RULE_2015_START",
    "RULE_2020_START",
    "Lines",
    "RateCapInputs",
    "RateCapResult",
    "lines_for",
]

LenderKind = Literal["private", "licensed"]
#: 法释〔2015〕18号 came into force on this day.
RULE_2015_START = date(2015, 9, 1)
#: From this day the cap is 4 × the one-year LPR (法释〔2020〕17号).
RULE_2020_START = date(2020, 8, 20)
PROTECTED_2015 = Decimal(24)
VOID_2015 = Decimal(36)
#: The line courts and regulators use for the total cost of financial loans (facts §1.5).
FINANCIAL_LINE = Decimal(24)


@dataclass(frozen=True)
class Lines:
    """The rule of a contract and the LPR it refers to.

    Attributes:
        rule: ``"2015"`` (contract before 2020-08-20) or ``"lpr"``.
        lpr_percent: the one-year LPR used, in %.
        lpr_date: the day that LPR took effect, or ``None`` when the reader gave it.
        cap_percent: the line for the contract's own rule: 24 or 4 × LPR.
        void_above_percent: 36 under the 2015 rule, else ``None``.
        four_lpr_percent: 4 × ``lpr_percent``.
    """

    rule: Literal["2015", "lpr"]
    lpr_percent: Decimal
    lpr_date: date | None
    cap_percent: Decimal
    void_above_percent: Decimal | None
    four_lpr_percent: Decimal


def lines_for(contract_date: date, lpr_override: Decimal | None = None) -> Lines:
    """The lines that apply to a contract formed on ``contract_date``.

    Before 2020-08-20 the contract's own rule is the 2015 one; the LPR shown is
    then the latest fixing, the standard for interest from 2020-08-20 if the
    case were brought now.  From 2020-08-20 it is the fixing in force on the
    contract date (the latest one for dates after the shipped data).

    Args:
        contract_date: the day the contract was formed.
        lpr_override: the reader's own LPR in %, replacing the table.

    Returns:
        The rule and its lines.
    """
    fixing = latest_lpr() if contract_date < RULE_2020_START else (lpr_on(contract_date) or latest_lpr())
    lpr = fixing.rate_percent if lpr_override is None else lpr_override
    lpr_date = fixing.effective if lpr_override is None else None
    four = lpr * 4
    if contract_date < RULE_2020_START:
        return Lines("2015", lpr, lpr_date, PROTECTED_2015, VOID_2015, four)
    return Lines("lpr", lpr, lpr_date, four, None, four)


def _side(rate: Decimal, line: Decimal) -> str:
    if rate > line:
        return _("高于")
    if rate < line:
        return _("低于")
    return _("等于")


def _rule_text(contract_date: date, lines: Lines, overridden: bool) -> str:
    if lines.rule == "lpr":
        text = _(
            "合同成立于 2020-08-20 或之后，适用法释〔2020〕17号：约定利率以合同成立时一年期 LPR 的 4 倍为限"
            "（第二十五条），逾期利率和违约金等费用合计也以此为限（第二十八条、第二十九条）。"
        )
        if contract_date > LPR_AS_OF and not overridden:
            text += _("签约日晚于本站 LPR 数据的截止日，暂按最近一次报价计算，请核对当时的公告，或在上面填写 LPR。")
        return text
    text = _(
        "合同成立于 2020-08-20 之前，先看 2015 年规则（法释〔2015〕18号第二十六条、第三十一条）："
        "年利率 24% 以内受保护，超过 36% 的部分约定无效，24% 到 36% 之间已经自愿支付的不能要回。"
        "按法释〔2020〕17号第三十一条的过渡规定，2020-08-20 以后才受理的案件，"
        "合同成立至 2020-08-19 的利息可以按 2015 年规则计算，2020-08-20 以后的利息适用起诉时 LPR 4 倍的标准；"
        "下面的 LPR 按最近一次报价，假设现在起诉。"
    )
    if contract_date < RULE_2015_START:
        text += _(
            "合同成立于 2015-09-01（2015 年规则施行日）之前，当时适用更早的规定，本计算器没有收录，下面只作参照。"
        )
    return text


def _rate_shown(rate: Decimal, lines: Lines) -> str:
    """The reader's rate to 2 decimals, or as typed where 2 would show it equal to a line it is not."""
    compared = (lines.cap_percent, lines.four_lpr_percent, FINANCIAL_LINE, VOID_2015)
    shown = format_percent(rate)
    if any(line != rate and format_percent(line) == shown for line in compared):
        return format_plain(rate)
    return shown


def _verdict(rate: Decimal, kind: LenderKind, lines: Lines) -> str:
    values = {
        "rate": _rate_shown(rate, lines),
        "cap": format_percent(lines.cap_percent),
        "four": format_percent(lines.four_lpr_percent),
        "vs_cap": _side(rate, lines.cap_percent),
        "vs_four": _side(rate, lines.four_lpr_percent),
        "vs24": _side(rate, FINANCIAL_LINE),
        "vs36": _side(rate, VOID_2015),
    }
    if kind == "licensed":
        if lines.rule == "lpr":
            head = _("你的年化 {rate}% {vs_four}合同成立时一年期 LPR 的 4 倍 {four}%，{vs24} 24%。").format(**values)
        else:
            head = _("你的年化 {rate}% {vs24} 24%，{vs36} 36%（2015 年规则的两条线）。").format(**values)
        return head + _(
            "出借方是持牌金融机构（银行、消费金融公司、小额贷款公司等）时，民间借贷司法解释不适用"
            "（法释〔2020〕17号第一条第二款、法释〔2020〕27号），4 倍 LPR 只是一条参照线；"
            "法院和监管对金融借款常用的是综合年化成本 24% 这条线。"
            "利率高于参照线不等于借款无效，也不是不还款的理由；如果利息和各项费用合计超过 24%，"
            "可以在协商时提出，必要时咨询律师或法律援助。"
        )
    if lines.rule == "lpr":
        if rate > lines.cap_percent:
            return _(
                "你的年化 {rate}% 高于合同成立时一年期 LPR 的 4 倍 {cap}%：出借人请求超过 {cap}% 的那部分利息，"
                "法院不予支持（法释〔2020〕17号第二十五条）；{cap}% 以内的部分仍应归还。"
            ).format(**values)
        return _("你的年化 {rate}% 不超过合同成立时一年期 LPR 的 4 倍 {cap}%，在司法保护的范围内。").format(**values)
    if rate > VOID_2015:
        text = _("你的年化 {rate}% 超过 36%：按 2015 年规则，超过 36% 的部分约定无效，已经付了的可以请求返还。").format(
            **values
        )
    elif rate > PROTECTED_2015:
        text = _(
            "你的年化 {rate}% 在 24% 到 36% 之间：按 2015 年规则，超过 24% 的部分出借人起诉时法院不予支持，"
            "但已经自愿支付的不能要回。"
        ).format(**values)
    else:
        text = _("你的年化 {rate}% 不超过 24%，按 2015 年规则受法律保护。").format(**values)
    return text + _("2020-08-20 以后的利息，假设现在起诉，以 4 倍 LPR {four}% 为限，你的利率{vs_four}它。").format(
        **values
    )


@dataclass(frozen=True)
class RateCapInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    contract_date: date
    annual_rate_percent: Decimal
    lender_kind: LenderKind
    lpr_percent: Decimal | None


@dataclass(frozen=True)
class RateCapResult:
    """The outputs (see :data:`CALCULATOR`)."""

    rule: str
    lpr_percent: Decimal
    lpr_date: str
    data_as_of: str
    cap_percent: Decimal
    void_above_percent: Decimal | None
    four_lpr_percent: Decimal
    financial_line_percent: Decimal
    verdict: str


def _compute(values: RateCapInputs) -> RateCapResult:
    override = values.lpr_percent
    lines = lines_for(values.contract_date, override)
    return RateCapResult(
        rule=_rule_text(values.contract_date, lines, override is not None),
        lpr_percent=lines.lpr_percent,
        lpr_date=_("你填写的数值") if lines.lpr_date is None else lines.lpr_date.isoformat(),
        data_as_of=LPR_AS_OF.isoformat(),
        cap_percent=lines.cap_percent,
        void_above_percent=lines.void_above_percent,
        four_lpr_percent=lines.four_lpr_percent,
        financial_line_percent=FINANCIAL_LINE,
        verdict=_verdict(values.annual_rate_percent, values.lender_kind, lines),
    )


CALCULATOR = Calculator(
    name="rate_cap",
    title="利率上限对照",
    summary="按签约日期和出借方类型，查出适用的利率规则、当时的 LPR 和上限，看你的利率处在什么位置。",
    order=50,
    fields=(
        Field(
            "contract_date",
            "合同成立日期",
            "date",
            minimum=date(1990, 1, 1),
            maximum=date(2100, 12, 31),
            default="2024-01-15",
            help="借款合同签订（成立）的日期，例如 2024-01-15。2020-08-20 之前和之后适用的规则不同。",
        ),
        annual_rate_field(
            "18",
            "合同或App里写明的年化利率；只有月费率、日利率时，可以先用真实年化利率计算器换算。",
            maximum=MAX_RATE_PERCENT,
            label="年化利率",
        ),
        Field(
            "lender_kind",
            "出借方类型",
            "choice",
            default="licensed",
            choices=(
                ("private", "个人或非金融企业（民间借贷）"),
                ("licensed", "持牌金融机构（银行、消费金融公司、小额贷款公司等）"),
            ),
            help="京东白条、金条的出借方是持牌机构，具体以合同写明的出借方为准。",
        ),
        Field(
            "lpr_percent",
            "一年期 LPR",
            "decimal",
            unit="%",
            minimum=Decimal("0.01"),
            maximum=Decimal(20),
            required=False,
            places=4,
            help="留空则按本站数据查签约日的 LPR；想用别的数值时填写。",
        ),
    ),
    outputs=(
        Output("rule", "适用的规则", "text"),
        Output("lpr_percent", "一年期 LPR", "percent", unit="%"),
        Output("lpr_date", "LPR 起始日", "text"),
        Output("data_as_of", "LPR 数据截至", "text"),
        Output("cap_percent", "民间借贷的司法保护上限", "percent", unit="%"),
        Output("void_above_percent", "超过即无效的线（2015 年规则）", "percent", unit="%"),
        Output("four_lpr_percent", "LPR 的 4 倍", "percent", unit="%"),
        Output("financial_line_percent", "金融借款常用的参照线", "percent", unit="%"),
        Output("verdict", "你的利率处在什么位置", "text"),
    ),
    inputs=RateCapInputs,
    results=RateCapResult,
    compute=_compute,
)
