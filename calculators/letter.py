"""协商还款申请书: a polite, complete letter asking the lender for a repayment plan.

The letter is plain text.  What the reader typed (the reason's details, name
and contact) is inserted as a value into the package's own templates, never
used as a template, and line breaks in it are folded into spaces so it cannot
change the letter's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ._internal.common import MAX_AMOUNT, MAX_MONTHLY_FEE_PERCENT, largest_instalment, money_field, periods_field
from ._internal.fields import Field, Output, field_error
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_percent
from ._internal.registry import Calculator

__all__ = ["CALCULATOR", "LetterInputs", "LetterResult", "write_letter"]

Proposal = Literal["instalments", "deferral", "interest_relief"]
Product = Literal["baitiao", "jintiao", "other"]
Reason = Literal["job_loss", "income_drop", "illness", "family", "business", "other_debts", "other"]
PRODUCTS = (("baitiao", "京东白条"), ("jintiao", "京东金条"), ("other", "京东金融的其他借款产品"))
REASONS = (
    ("job_loss", "失业或收入中断"),
    ("income_drop", "收入减少"),
    ("illness", "本人或家人生病、受伤"),
    ("family", "家庭变故"),
    ("business", "经营困难"),
    ("other_debts", "多笔债务同时到期"),
    ("other", "其他原因"),
)
PROPOSALS = (("instalments", "分期还款"), ("deferral", "延期还款"), ("interest_relief", "减免部分利息或罚息"))


_SENTENCE_ENDS = ("。", "！", "？", ".", "!", "?")


@dataclass(frozen=True)
class LetterInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    product: Product
    amount: Decimal
    days_overdue: int
    reason: Reason
    reason_detail: str
    proposal: Proposal
    monthly_amount: Decimal | None
    periods: int | None
    name: str
    contact: str


@dataclass(frozen=True)
class LetterResult:
    """The outputs (see :data:`CALCULATOR`)."""

    letter: str


def _label(choices: tuple[tuple[str, str], ...], value: str) -> str:
    label = dict(choices)[value]
    return _(label)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _amounts(monthly: Decimal | None, periods: int | None) -> str:
    if monthly is not None and periods is not None:
        return _("本人每月可以归还约 {monthly} 元，分 {periods} 期还清。").format(
            monthly=format_money(monthly), periods=periods
        )
    if monthly is not None:
        return _("本人每月可以归还约 {monthly} 元。").format(monthly=format_money(monthly))
    if periods is not None:
        return _("本人希望分 {periods} 期还清。").format(periods=periods)
    return ""


def _proposal_text(proposal: Proposal, monthly: Decimal | None, periods: int | None) -> str:
    if proposal == "instalments":
        if periods is not None and monthly is not None:
            return _("本人申请将上述欠款分 {periods} 期归还，每期约 {monthly} 元。").format(
                periods=periods, monthly=format_money(monthly)
            )
        if periods is not None:
            return _("本人申请将上述欠款分 {periods} 期归还。").format(periods=periods)
        if monthly is not None:
            return _("本人申请将上述欠款分期归还，每月归还约 {monthly} 元，具体期数请贵方按此金额核定。").format(
                monthly=format_money(monthly)
            )
        return _("本人申请将上述欠款分期归还，具体期数和金额请贵方按本人的还款能力核定。")
    if proposal == "deferral":
        text = _("本人申请将还款时间适当延后，待收入恢复后按约定恢复还款。")
        amounts = _amounts(monthly, periods)
        return text + (_("延期结束后，") + amounts if amounts else "")
    return _("本人申请减免逾期期间产生的部分利息、罚息或违约金，并将尽力归还全部本金。") + _amounts(monthly, periods)


def write_letter(values: LetterInputs) -> str:
    """The letter for parsed field values (see :data:`CALCULATOR`'s fields).

    Args:
        values: the parsed fields.

    Returns:
        The letter as plain text, lines separated by ``\\n``.
    """
    amount, days, monthly, periods = values.amount, values.days_overdue, values.monthly_amount, values.periods
    proposal = values.proposal
    name = _one_line(values.name)
    contact = _one_line(values.contact)
    detail = _one_line(values.reason_detail)
    product = _label(PRODUCTS, values.product)
    blank = "________"

    if days > 0:
        situation = _("本人使用{product}，目前有 {amount} 元欠款未能按时归还，已经逾期 {days} 天。").format(
            product=product, amount=format_money(amount), days=days
        )
    else:
        situation = _("本人使用{product}，目前有 {amount} 元欠款，预计无法按时归还。").format(
            product=product, amount=format_money(amount)
        )
    if values.reason != "other":
        reason = _("主要原因是：{reason}。").format(reason=_label(REASONS, values.reason))
        if detail:
            reason += _("具体情况：{detail}").format(detail=detail)
    elif detail:
        reason = _("主要原因是：{detail}").format(detail=detail)
    else:
        reason = _("主要原因是近期经济状况暂时困难。")
    if detail and not detail.endswith(_SENTENCE_ENDS):
        reason += _("。")
    ability = (
        _(
            "本人核算了每月的收入、必需开支和其他债务的月供，每月能够稳定用于归还这笔欠款的金额约为 {monthly} 元。"
        ).format(monthly=format_money(monthly))
        if monthly is not None
        else _("本人正在核算每月的收入和开支，会尽力安排还款。")
    )
    paragraphs = [
        _("协商还款申请书"),
        "",
        _("尊敬的京东金融客服及出借方："),
        "",
        _("您好！") + situation + _("本人无意逃避债务，现主动提出协商还款申请，恳请予以考虑。"),
        "",
        _("一、逾期原因"),
        reason + _("如有需要，本人可以通过官方渠道提交相关证明材料。"),
        "",
        _("二、还款能力"),
        ability,
        "",
        _("三、申请的还款方案"),
        _proposal_text(proposal, monthly, periods),
        "",
        _("四、本人承诺"),
        _(
            "方案确定后，本人将按期足额还款，并保持联系方式畅通。"
            "恳请贵方审核后通过京东金融App或短信告知结果，并提供书面的还款方案，"
            "写明每期金额、还款日期、总费用和年化利率，以便本人核对和留存。"
        ),
        "",
        _("此致"),
        _("敬礼！"),
        "",
        _("申请人：{name}").format(name=name or blank),
        _("联系方式：{contact}").format(contact=contact or blank),
        _("日期：{blank}").format(blank=blank),
    ]
    return "\n".join(paragraphs) + "\n"


def _monthly_limit(amount: Decimal, periods: int | None) -> Decimal:
    # One instalment repays the whole debt and a month's charges; over several, each is less than the debt.
    return largest_instalment(amount) if periods == 1 else amount


def _compute(values: LetterInputs) -> LetterResult:
    monthly = values.monthly_amount
    if values.proposal == "instalments" and monthly is None and values.periods is None:
        raise field_error(CALCULATOR.field("monthly_amount"), "申请分期时，请填写每月能还的金额或期数。")
    if monthly is not None and monthly > _monthly_limit(values.amount, values.periods):
        if values.periods == 1:
            raise field_error(
                CALCULATOR.field("monthly_amount"),
                "只分 1 期时，还款额不能超过欠款金额加一个月 {percent}% 的利息和费用，即 {limit} 元。",
                percent=format_percent(MAX_MONTHLY_FEE_PERCENT, 0),
                limit=format_money(_monthly_limit(values.amount, 1)),
            )
        raise field_error(CALCULATOR.field("monthly_amount"), "每月还款额不能大于欠款金额。")
    return LetterResult(letter=write_letter(values))


def _personal_text(name: str, label: str, limit: int, help_text: str) -> Field:
    return Field(name, label, "text", required=False, max_length=limit, help=help_text, personal=True)


CALCULATOR = Calculator(
    name="letter",
    title="协商还款申请书",
    summary="填几项情况，生成一封条理清楚、语气平和的协商还款申请书草稿。",
    order=70,
    fields=(
        Field("product", "产品", "choice", default="jintiao", choices=PRODUCTS),
        money_field("amount", "欠款金额", default="10000", help="App里显示的待还金额。"),
        Field(
            "days_overdue",
            "已逾期天数",
            "integer",
            unit="天",
            minimum=Decimal(0),
            maximum=Decimal(3650),
            default="15",
            help="还没逾期、只是预计还不上时填 0。",
        ),
        Field("reason", "逾期原因", "choice", default="job_loss", choices=REASONS),
        _personal_text("reason_detail", "具体情况（可选）", 300, "一两句话说明经过，例如何时失业、何时能恢复收入。"),
        Field("proposal", "申请的方案", "choice", default="instalments", choices=PROPOSALS),
        money_field(
            "monthly_amount",
            "每月能还的金额",
            minimum=Decimal("0.01"),  # a plan for a small debt may ask for a few fen a month
            maximum=largest_instalment(MAX_AMOUNT),  # a one-period plan for the largest debt
            default="900",
            required=False,
            help="可以用还款能力评估算出来；只写你确实还得起的数。",
        ),
        periods_field("希望分的期数（可选）", required=False),
        _personal_text("name", "姓名（可选）", 40, "可以留空，打印后手写。"),
        _personal_text("contact", "联系方式（可选）", 60, "手机号或其他联系方式，可以留空。"),
    ),
    outputs=(Output("letter", "申请书", "text"),),
    inputs=LetterInputs,
    results=LetterResult,
    compute=_compute,
)
