"""申请书与投诉信: the letters a reader overdue on JD Finance credit may need, one writer for all.

The ``kind`` field picks the letter: a negotiation request (the default), a request for the
loan's documents, a complaint about collection conduct, or a credit-report objection. Each
field declares the kinds it belongs to (``when``); the others ignore it and the page hides it.

Every letter is plain text, complete from the defaults: what the reader has not filled in
shows as a visible placeholder such as 【姓名】. What the reader typed is inserted as a value
into the package's own templates, never used as a template. One-line fields have their line
breaks folded into spaces and are otherwise kept exactly as typed; list fields (incidents,
evidence) keep one item per line as typed, each numbered, so nothing the reader types can
start a line of the letter's own layout.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Literal

from ._internal.common import (
    MAX_AMOUNT,
    MAX_MONTHLY_FEE_PERCENT,
    annual_rate_field,
    largest_instalment,
    largest_total,
    money_field,
    periods_field,
)
from ._internal.fields import Field, Output, When, field_error
from ._internal.finance import Method, level_payment
from ._internal.i18n import gettext as _
from ._internal.money import format_money, format_percent, format_plain
from ._internal.registry import Calculator

__all__ = [
    "CALCULATOR",
    "KINDS",
    "LetterInputs",
    "LetterResult",
    "negotiation_letter",
    "plan_request",
    "request_text",
    "write_letter",
]

Kind = Literal["negotiation", "documents", "complaint", "credit_objection"]
Proposal = Literal["instalments", "deferral", "interest_relief"]
Product = Literal["baitiao", "jintiao", "other"]
Reason = Literal["job_loss", "income_drop", "illness", "family", "business", "other_debts", "other"]
ComplaintTo = Literal["lender", "nfra", "local"]
ObjectionTo = Literal["center", "lender"]
ErrorType = Literal["paid", "amount", "not_mine", "other"]

KINDS = (
    ("negotiation", "协商还款申请书"),
    ("documents", "索取借款资料的申请"),
    ("complaint", "违规催收投诉信"),
    ("credit_objection", "征信异议申请"),
)
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
COMPLAINT_TO = (
    ("lender", "京东金融App客服或出借方"),
    ("nfra", "国家金融监督管理总局（12378）"),
    ("local", "地方金融管理部门"),
)
OBJECTION_TO = (("center", "中国人民银行征信中心"), ("lender", "报送这条记录的机构（出借方）"))
ERROR_TYPES = (
    ("paid", "已经按时或按约定还款，却显示逾期"),
    ("amount", "金额或日期与还款凭证不符"),
    ("not_mine", "不是本人申请的借款"),
    ("other", "其他错误或遗漏"),
)
#: The most items a list field (one per line) may hold: a letter is read, not scrolled.
MAX_LINES = 20

_NEGOTIATION = When("kind", ("negotiation",))
_DOCUMENTS = When("kind", ("documents",))
_COMPLAINT = When("kind", ("complaint",))
_OBJECTION = When("kind", ("credit_objection",))
_NAMES_A_LENDER = When("kind", ("documents", "complaint", "credit_objection"))
_HAS_EVIDENCE = When("kind", ("complaint", "credit_objection"))

_SENTENCE_ENDS = ("。", "！", "？", ".", "!", "?", "…")
#: Closing quotes and brackets a sentence may end inside, and the pauses a full stop replaces.
_CLOSERS = "”’」』）)\"'"
_PAUSES = "，、；：,;:"


@dataclass(frozen=True)
class LetterInputs:
    """The parsed fields (see :data:`CALCULATOR`); a field another kind uses holds its default."""

    kind: Kind
    product: Product
    lender: str
    amount: Decimal | None
    days_overdue: int
    reason: Reason
    reason_detail: str
    proposal: Proposal
    monthly_amount: Decimal | None
    last_amount: Decimal | None
    periods: int | None
    annual_rate_percent: Decimal | None
    claimant: str
    paid_off: bool
    complaint_to: ComplaintTo
    collector_company: str
    collector: str
    third_parties: bool
    night_calls: bool
    repeated_calls: bool
    threats: bool
    impersonation: bool
    incidents: str
    objection_to: ObjectionTo
    record: str
    error_type: ErrorType
    objection_detail: str
    evidence: str
    name: str
    contact: str


@dataclass(frozen=True)
class LetterResult:
    """The outputs (see :data:`CALCULATOR`)."""

    letter: str
    pack_url_query: str | None


def _label(choices: tuple[tuple[str, str], ...], value: str) -> str:
    label = dict(choices)[value]
    return _(label)


def _one_line(text: str | None) -> str:
    """One-line text as typed: each line break, with the spaces around it, becomes one space; nothing else changes."""
    return " ".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _lines(text: str) -> list[str]:
    """A list field's items: one per line as typed (outer spaces trimmed), blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _numbered(items: list[str], placeholder: str = "") -> list[str]:
    """``1. item`` lines; the placeholder stands alone when there are no items."""
    return [f"{number}. {item}" for number, item in enumerate(items or [placeholder], start=1)]


def _or(text: str, placeholder: str) -> str:
    return _one_line(text) or placeholder


def _sentence(text: str) -> str:
    """``text`` ended as a sentence: kept if it ends one (inside quotes too), a trailing pause becomes 。."""
    if text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS):
        return text
    return text.rstrip(_PAUSES) + _("。")


def _signature(values: LetterInputs, signer: str) -> list[str]:
    return [
        "",
        _("此致"),
        _("敬礼！"),
        "",
        signer + _or(values.name, _("【姓名】")),
        _("联系方式：") + _or(values.contact, _("【联系方式】")),
        _("日期：【日期】"),
    ]


def _falling_plan(periods: int, first: Decimal, last: Decimal) -> str:
    """The request for instalments falling from ``first`` to ``last`` over ``periods`` (the letter's and the pack's)."""
    # "含尾差": the last takes the rounding and may be a few fen above the one before; only it is not said to fall.
    return _(
        "本人申请将上述欠款分 {periods} 期归还，首期约 {first} 元，以后逐期减少，最后一期含尾差，约 {last} 元。"
    ).format(periods=periods, first=format_money(first), last=format_money(last))


def _amounts(monthly: Decimal | None, periods: int | None, last: Decimal | None = None) -> str:
    if last is not None and monthly is not None and periods is not None:
        return _("本人可以分 {periods} 期还清，首期约 {first} 元，以后逐期减少，最后一期含尾差，约 {last} 元。").format(
            periods=periods, first=format_money(monthly), last=format_money(last)
        )
    if monthly is not None and periods is not None:
        return _("本人每月可以归还约 {monthly} 元，分 {periods} 期还清。").format(
            monthly=format_money(monthly), periods=periods
        )
    if monthly is not None:
        return _("本人每月可以归还约 {monthly} 元。").format(monthly=format_money(monthly))
    if periods is not None:
        return _("本人希望分 {periods} 期还清。").format(periods=periods)
    return ""


def _proposal_text(
    proposal: Proposal, monthly: Decimal | None, periods: int | None, last: Decimal | None = None
) -> str:
    """The request; ``last`` is a falling plan's last instalment (``monthly`` its first), checked by the caller."""
    if proposal == "instalments":
        if last is not None and monthly is not None and periods is not None:
            return _falling_plan(periods, monthly, last)
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
        amounts = _amounts(monthly, periods, last)
        return text + (_("延期结束后，") + amounts if amounts else "")
    return _("本人申请减免逾期期间产生的部分利息、罚息或违约金，并将尽力归还全部本金。") + _amounts(
        monthly, periods, last
    )


def plan_request(payments: Sequence[Decimal]) -> str:
    """The request for a plan of these instalments, with its real figures.

    Level instalments (the last differing by the rounding) are asked for as one amount, as the
    letter does; falling ones by their first and last; any other shape by its first and last.

    Args:
        payments: each period's instalment, in order.
    """
    periods, first, last = len(payments), payments[0], payments[-1]
    if level_payment(payments) is not None:
        return _proposal_text("instalments", first, periods)
    if first == max(payments):
        return _falling_plan(periods, first, last)
    return _(
        "本人申请将上述欠款分 {periods} 期归还，首期约 {first} 元，最多一期约 {highest} 元，最后一期约 {last} 元。"
    ).format(periods=periods, first=format_money(first), highest=format_money(max(payments)), last=format_money(last))


def request_text(proposal: Proposal, monthly: Decimal | None, periods: int | None, last: Decimal | None = None) -> str:
    """The negotiation letter's request: ``proposal`` with the monthly amount and periods given.

    Args:
        proposal: what is asked for.
        monthly: the amount a month, if any (a falling plan's first instalment when ``last`` is given).
        periods: the number of periods, if any.
        last: a falling plan's last instalment (:func:`~calculators._internal.finance.falling_payments`),
            stated with ``monthly`` and ``periods`` as the letter states it; ``None`` for any other plan.
    """
    return _proposal_text(proposal, monthly, periods, last)


def _last_of_falling(values: LetterInputs) -> Decimal | None:
    """A falling plan's last instalment, or ``None`` for level ones (a last equal to the first is level)."""
    last = values.last_amount
    return last if last is not None and last != values.monthly_amount else None


def _negotiation(values: LetterInputs) -> list[str]:
    request = _proposal_text(values.proposal, values.monthly_amount, values.periods, _last_of_falling(values))
    return _negotiation_lines(values, values.monthly_amount, request)


def negotiation_letter(values: LetterInputs, ability: Decimal | None, request: str) -> str:
    """The negotiation letter stating ``ability`` and asking ``request`` (the pack's, from its own plan).

    Args:
        values: the parsed fields (those of the situation, the reason and the signature are read).
        ability: what the reader can pay each month, if known (0: nothing to spare).
        request: the request, from :func:`request_text` or :func:`plan_request`.

    Returns:
        The letter as plain text, as :func:`write_letter` writes it.
    """
    return "\n".join(_negotiation_lines(values, ability, request)) + "\n"


def _negotiation_lines(values: LetterInputs, ability: Decimal | None, request: str) -> list[str]:
    amount, days = values.amount, values.days_overdue
    detail = _one_line(values.reason_detail)
    product = _label(PRODUCTS, values.product)
    # Without an amount the letter states none: never the form's default as the reader's debt.
    if days > 0:
        situation = (
            _("本人使用{product}，目前有欠款未能按时归还，已经逾期 {days} 天。")
            if amount is None
            else _("本人使用{product}，目前有 {amount} 元欠款未能按时归还，已经逾期 {days} 天。")
        )
    else:
        situation = (
            _("本人使用{product}，目前有欠款，预计无法按时归还。")
            if amount is None
            else _("本人使用{product}，目前有 {amount} 元欠款，预计无法按时归还。")
        )
    situation = situation.format(product=product, amount=format_money(amount) if amount is not None else "", days=days)
    if values.reason != "other":
        reason = _("主要原因是：{reason}。").format(reason=_label(REASONS, values.reason))
        if detail:
            reason += _sentence(_("具体情况：{detail}").format(detail=detail))
    elif detail:
        reason = _sentence(_("主要原因是：{detail}").format(detail=detail))
    else:
        reason = _("主要原因是近期经济状况暂时困难。")
    can_pay = (
        _(
            "本人核算了每月的收入、必需开支和其他债务的月供，每月能够稳定用于归还这笔欠款的金额约为 {monthly} 元。"
        ).format(monthly=format_money(ability))
        if ability
        else _("本人正在核算每月的收入和开支，会尽力安排还款。")
    )
    return [
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
        can_pay,
        "",
        _("三、申请的还款方案"),
        request,
        "",
        _("四、本人承诺"),
        _(
            "方案确定后，本人将按期足额还款，并保持联系方式畅通。"
            "恳请贵方审核后通过京东金融App或短信告知结果，并提供书面的还款方案，"
            "写明每期金额、还款日期、总费用和年化利率，以便本人核对和留存。"
        ),
        *_signature(values, _("申请人：")),
    ]


def _documents(values: LetterInputs) -> list[str]:
    product = _label(PRODUCTS, values.product)
    lender = _or(values.lender, _("【出借方名称】"))
    claimant = _one_line(values.claimant)
    if claimant:
        assignment = _(
            "近期，{claimant}自称已受让这笔债权并向本人催收，请告知这笔债权是否已经转让；"
            "如已转让，请提供债权转让通知，写明受让方名称和转让日期；"
        ).format(claimant=claimant)
    else:
        assignment = _("如这笔债权已转让给第三方，请提供债权转让通知，写明受让方名称和转让日期；")
    settlement = (
        _("本人已还清这笔借款，请出具结清证明。") if values.paid_off else _("本人还清这笔借款后，请出具结清证明。")
    )
    items = [
        _("本人签署的借款合同及相关协议的全部条款，以及签署日期；"),
        _("还款明细：每期应还和实还的金额、日期；"),
        _("计息明细：利率、计息方式，以及利息、罚息、违约金和各项费用的计算过程；"),
        _("截至目前的欠款总额，分别列明本金、利息、罚息（或违约金）和其他费用；"),
        assignment,
        settlement,
    ]
    return [
        _("查阅、复制借款资料的申请"),
        "",
        _("致：{lender}、京东金融客服").format(lender=lender),
        "",
        _(
            "本人是{product}的用户，在贵方有一笔借款。为核对欠款金额、安排还款，"
            "依据《个人信息保护法》关于个人有权向个人信息处理者查阅、复制其个人信息的规定，"
            "申请查阅、复制与这笔借款有关的以下资料："
        ).format(product=product),
        *_numbered(items),
        "",
        _(
            "根据《民法典》关于债权转让的规定，债权人转让债权，未通知债务人的，该转让对债务人不发生效力。"
            "在收到转让通知之前，本人只与贵方联系还款事宜。"
        ),
        "",
        _(
            "请通过京东金融App、电子邮件或书面方式及时提供上述资料。"
            "本人提出申请是为了核对欠款、按实际情况协商还款，并非拒绝还款。"
        ),
        *_signature(values, _("申请人：")),
    ]


#: Each conduct a complaint can name: (field, what happened, the rule it breaks).
_CONDUCT = (
    ("third_parties", "联系本人的家人、同事或通讯录中的其他人，透露本人的欠款"),
    ("night_calls", "在22:00至次日8:00之间打电话催收"),
    ("repeated_calls", "一天之内反复拨打电话或发送信息"),
    ("threats", "威胁、辱骂或恐吓本人"),
    ("impersonation", "冒充公安、法院、政府工作人员或律师"),
)


def _addressee(values: LetterInputs, lender: str) -> str:
    if values.complaint_to == "lender":
        return _("致：京东金融客服及{lender}的投诉受理部门").format(lender=lender)
    if values.complaint_to == "nfra":
        return _("致：国家金融监督管理总局当地监管分局（消费者投诉维权热线12378）")
    return _("致：{lender}注册地的地方金融管理部门").format(lender=lender)


def _rules(values: LetterInputs) -> list[str]:
    rules = []
    if values.third_parties:
        rules.append(
            _(
                "《个人信息保护法》第十条：任何组织、个人不得非法使用、加工、传输他人个人信息，不得非法提供或者公开他人个人信息；"
            )
        )
    if values.threats or values.repeated_calls:
        rules.append(
            _(
                "《治安管理处罚法》第五十条：多次发送侮辱、恐吓等信息，"
                "或者采取滋扰、纠缠、跟踪等方法干扰他人正常生活的，应受处罚；"
            )
        )
    rules.append(
        _(
            "《银行保险机构消费者权益保护管理办法》（出借方为银行、消费金融公司等机构时适用）：催收不得冒充他人身份，"
            "不得使用暴力、恐吓、欺诈等手段；委托第三方催收前应告知债务人；"
        )
    )
    rules.append(
        _("中国互联网金融协会《互联网金融贷后催收业务指引》等行业规范对催收的时间、频次和联系对象所作的要求。")
    )
    return rules


def _complaint(values: LetterInputs) -> list[str]:
    product = _label(PRODUCTS, values.product)
    lender = _or(values.lender, _("【出借方名称】"))
    who = _("被投诉机构：{lender}（产品：{product}）").format(lender=lender, product=product)
    company, collector = _one_line(values.collector_company), _one_line(values.collector)
    if company:
        who += _("；催收公司：{company}").format(company=company)
    if collector:
        who += _("；催收人员：{collector}").format(collector=collector)
    conduct = [_(text) for name, text in _CONDUCT if getattr(values, name)]
    facts = [
        _(
            "本人使用{product}，有一笔欠款逾期未还。本人不否认欠款，愿意通过正规渠道协商还款；"
            "但近期的催收方式超出了正常范围，经过如下："
        ).format(product=product),
        *_numbered(_lines(values.incidents), _("【日期和时间】【来电号码】【对方说了或做了什么】")),
    ]
    if conduct:
        facts.append(_("上述催收存在以下情形：{conduct}。").format(conduct=_("；").join(conduct)))
    asks = [_("核实上述情况，要求催收方立即纠正违规行为；")]
    if values.third_parties:
        asks.append(_("立即停止联系本人的家人、同事等第三方，不再向任何第三方透露本人的欠款情况；"))
    asks += [
        _("今后只以合法、文明的方式联系本人；本人愿意通过官方渠道协商还款；"),
        _("在规定期限内将核查和处理结果书面答复本人。"),
    ]
    return [
        _("关于违规催收的投诉"),
        "",
        _addressee(values, lender),
        "",
        _("投诉人：{name}，联系方式：{contact}").format(
            name=_or(values.name, _("【姓名】")), contact=_or(values.contact, _("【联系方式】"))
        ),
        who,
        "",
        _("一、事实经过"),
        *facts,
        "",
        _("二、证据"),
        _("本人保存了以下证据，可以随时提供："),
        *_numbered(_lines(values.evidence), _("【通话录音、通话记录截图、短信截图等】")),
        "",
        _("三、依据"),
        _("本人认为上述行为不符合以下规定："),
        *_numbered(_rules(values)),
        "",
        _("四、投诉请求"),
        *_numbered(asks),
        *_signature(values, _("投诉人：")),
    ]


def _error_text(error_type: ErrorType) -> str:
    if error_type == "paid":
        return _("本人已经按时（或按与出借方约定的方案）还款，但这条记录仍显示逾期。")
    if error_type == "amount":
        return _("这条记录显示的金额或日期，与本人持有的还款凭证不一致。")
    if error_type == "not_mine":
        return _("这笔借款不是本人申请的，本人从未签署相关合同，可能是他人冒用本人身份办理。")
    return _("这条记录存在错误或遗漏。")


def _credit_objection(values: LetterInputs) -> list[str]:
    product = _label(PRODUCTS, values.product)
    lender = _or(values.lender, _("【报送机构名称】"))
    addressee = _("中国人民银行征信中心") if values.objection_to == "center" else lender
    return [
        _("征信异议申请"),
        "",
        _("致：{addressee}").format(addressee=addressee),
        "",
        _("申请人：{name}，身份证件号码：【身份证件号码】，联系方式：{contact}").format(
            name=_or(values.name, _("【姓名】")), contact=_or(values.contact, _("【联系方式】"))
        ),
        "",
        _("本人查询个人信用报告时发现，以下记录与事实不符："),
        _("有异议的记录：{record}").format(
            record=_or(values.record, _("【报告上的机构名称、账户、日期和显示的状态或金额】"))
        ),
        _("报送机构：{lender}（产品：{product}）").format(lender=lender, product=product),
        "",
        _("一、错误之处"),
        _error_text(values.error_type)
        + _sentence(
            _("具体情况：{detail}").format(
                detail=_or(values.objection_detail, _("【说明错在哪里，例如实际还款的日期和金额】"))
            )
        ),
        "",
        _("二、证明材料"),
        *_numbered(_lines(values.evidence), _("【还款凭证、协商还款协议、沟通记录截图等】")),
        "",
        _("三、申请事项"),
        _(
            "依据《征信业管理条例》第二十五条，信息主体认为信息存在错误、遗漏的，有权向征信机构或者信息提供者提出异议，"
            "要求更正。本人申请："
        ),
        *_numbered(
            [
                _("对上述记录作出存在异议的标注；"),
                _("自收到本申请之日起20日内进行核查和处理，并将结果书面答复本人；"),
                _("经核查确有错误、遗漏的，予以更正。"),
            ]
        ),
        "",
        _(
            "本人了解：提出异议不收取任何费用，本人没有委托任何机构或个人代办；"
            "真实、准确的记录不会因为提出异议而被删除，本申请只针对上述与事实不符的记录。"
        ),
        *_signature(values, _("申请人：")),
    ]


_WRITERS = {
    "negotiation": _negotiation,
    "documents": _documents,
    "complaint": _complaint,
    "credit_objection": _credit_objection,
}


def write_letter(values: LetterInputs) -> str:
    """The letter of ``values.kind`` for parsed field values (see :data:`CALCULATOR`'s fields).

    Args:
        values: the parsed fields; those of other kinds are not read.

    Returns:
        The letter as plain text, lines separated by ``\\n``.
    """
    return "\n".join(_WRITERS[values.kind](values)) + "\n"


#: What rounding to the fen may take off each instalment of a plan that repays the debt.
_ROUNDING = Decimal("0.01")


def _check_falling(values: LetterInputs) -> None:
    """A last instalment must end a plan that falls from the monthly amount over the periods given."""
    monthly, last, periods = values.monthly_amount, values.last_amount, values.periods
    if last is None:
        return
    spec = CALCULATOR.field("last_amount")
    if monthly is None:
        raise field_error(
            CALCULATOR.field("monthly_amount"),
            "填了最后一期的金额时，这里要填首期的金额（每期递减的方案里最多的一期）。",
        )
    if last > monthly:
        raise field_error(
            spec,
            "最后一期 {last} 元多于首期 {first} 元。每期递减的方案，最后一期最少；每期金额相同时这一项留空。",
            last=format_money(last),
            first=format_money(monthly),
        )
    if last == monthly:
        return  # level: the letter asks for one amount a period
    if periods is None:
        raise field_error(CALCULATOR.field("periods"), "每期递减的方案要填期数。")
    if periods == 1:
        raise field_error(spec, "只分 1 期时没有递减，最后一期就是首期；这一项留空。")


def _check_negotiation(values: LetterInputs) -> None:
    _check_falling(values)
    monthly, periods, amount = values.monthly_amount, values.periods, values.amount
    spec = CALCULATOR.field("monthly_amount")
    if monthly is None or amount is None:
        return
    last = _last_of_falling(values)
    if last is not None and periods is not None:
        _check_falling_total(values.proposal, monthly, last, periods, amount)
        return
    if periods is None:
        if monthly > amount:
            raise field_error(spec, "每月还款额不能大于欠款金额。")
        return
    # The letter says the debt is repaid in these instalments: their sum must repay it (unless what
    # is asked is relief, which is to repay less), and never many times over.
    total = monthly * periods
    if values.proposal != "interest_relief" and total < amount - _ROUNDING * periods:
        raise field_error(
            spec,
            "每月 {monthly} 元、分 {periods} 期，合计 {total} 元，不够还清 {amount} 元欠款。请核对每月金额和期数。",
            monthly=format_money(monthly),
            periods=periods,
            total=format_money(total),
            amount=format_money(amount),
        )
    limit = largest_total(amount, periods)
    if total > limit:
        if periods == 1:
            raise field_error(
                spec,
                "只分 1 期时，还款额不能超过欠款金额加一个月 {percent}% 的利息和费用，即 {limit} 元。",
                percent=format_percent(MAX_MONTHLY_FEE_PERCENT, 0),
                limit=format_money(limit),
            )
        raise field_error(
            spec,
            "每月 {monthly} 元、分 {periods} 期，合计 {total} 元，"
            "超过了欠款 {amount} 元加上每期 {percent}% 的利息和费用（合计 {limit} 元）。请核对每月金额和期数。",
            monthly=format_money(monthly),
            periods=periods,
            total=format_money(total),
            amount=format_money(amount),
            percent=format_percent(MAX_MONTHLY_FEE_PERCENT, 0),
            limit=format_money(limit),
        )


def _check_falling_total(proposal: Proposal, first: Decimal, last: Decimal, periods: int, amount: Decimal) -> None:
    """Instalments falling from ``first`` to ``last`` must be able to repay ``amount``, and not many times over.

    Only the first and last are known: the plan adds up to at most ``first`` every period but the
    last, so that must repay the debt. The first instalment is a plan's largest, so ``periods``
    times it is at most :func:`largest_total` (every plan the calculators make charges at most
    10 % of the debt a period, on a principal part of a ``periods``-th of it): a first instalment
    above that share is no plan's, whatever the last (150 元 first on a 100 元 debt). Every plan
    the calculators make lies between.
    """
    spec = CALCULATOR.field("monthly_amount")
    most = first * (periods - 1) + last
    if proposal != "interest_relief" and most < amount - _ROUNDING * periods:
        raise field_error(
            spec,
            "首期 {first} 元、最后一期 {last} 元、分 {periods} 期，合计最多 {total} 元，不够还清 {amount} 元欠款。"
            "请核对首期、最后一期和期数。",
            first=format_money(first),
            last=format_money(last),
            periods=periods,
            total=format_money(most),
            amount=format_money(amount),
        )
    # first × periods is at least what the plan adds up to (the last is below the first), so
    # this bound also refuses every plan whose least total exceeds largest_total.
    largest_first = (largest_total(amount, periods) / periods).quantize(_ROUNDING, rounding=ROUND_DOWN)
    if first > largest_first:
        raise field_error(
            spec,
            "首期 {first} 元超过了 {amount} 元欠款分 {periods} 期的任何方案的首期："
            "即使每期收欠款 {percent}% 的利息和费用，首期最多约 {most} 元。请核对首期和期数。",
            first=format_money(first),
            amount=format_money(amount),
            periods=periods,
            percent=format_percent(MAX_MONTHLY_FEE_PERCENT, 0),
            most=format_money(largest_first),
        )


def _check_lines(values: LetterInputs, names: tuple[str, ...]) -> None:
    for name in names:
        if len(_lines(getattr(values, name))) > MAX_LINES:
            raise field_error(CALCULATOR.field(name), "每行写一项，最多 {limit} 行。", limit=MAX_LINES)


def _pack_query(values: LetterInputs) -> str | None:
    if values.kind != "negotiation" or values.amount is None:
        return None
    # Imported here: the pack is composed from this module's declarations.
    from .pack import DEFAULT_METHOD, prefill_query

    more = {"product": values.product, "days_overdue": str(values.days_overdue), "reason": values.reason}
    if values.monthly_amount is not None:
        more["monthly_amount"] = format_plain(values.monthly_amount)
    # The plan's own rate, when the page that opened the letter gave it: the pack plans the same
    # instalments, not others at its default rate (which may ask more than the letter says).
    if values.annual_rate_percent is not None:
        more["annual_rate_percent"] = format_plain(values.annual_rate_percent)
    # A falling plan is planned by the pack in falling instalments too (等额本金), so its letter asks alike.
    method: Method = "equal_principal" if _last_of_falling(values) is not None else DEFAULT_METHOD
    return prefill_query(values.amount, values.periods, method, proposal=values.proposal, **more)


def _compute(values: LetterInputs) -> LetterResult:
    if values.kind == "negotiation":
        _check_negotiation(values)
    elif values.kind == "complaint":
        _check_lines(values, ("incidents", "evidence"))
    elif values.kind == "credit_objection":
        _check_lines(values, ("evidence",))
    return LetterResult(letter=write_letter(values), pack_url_query=_pack_query(values))


def _text(
    name: str, label: str, limit: int, help_text: str, when: When | None = None, *, personal: bool = True
) -> Field:
    return Field(name, label, "text", required=False, max_length=limit, help=help_text, personal=personal, when=when)


def _flag(name: str, label: str) -> Field:
    return Field(name, label, "boolean", default="", when=_COMPLAINT)


CALCULATOR = Calculator(
    name="letter",
    title="申请书与投诉信",
    summary="选一种信：协商还款申请、索取借款资料、投诉违规催收或征信异议申请，填几项情况，生成条理清楚的草稿。",
    order=70,
    fields=(
        Field(
            "kind",
            "要写的信",
            "choice",
            default="negotiation",
            choices=KINDS,
            help="换一种信，下面只显示这种信要填的项目。",
        ),
        Field("product", "产品", "choice", default="jintiao", choices=PRODUCTS),
        _text(
            "lender",
            "出借方",
            60,
            "借款合同或App借款详情里写的出借机构，例如某银行、消费金融公司或小额贷款公司。",
            _NAMES_A_LENDER,
            personal=False,
        ),
        money_field(
            "amount",
            "欠款金额",
            default="10000",
            help="App里显示的待还金额；留空则申请书不写金额。",
            required=False,
            when=_NEGOTIATION,
        ),
        Field(
            "days_overdue",
            "已逾期天数",
            "integer",
            unit="天",
            minimum=Decimal(0),
            maximum=Decimal(3650),
            default="15",
            help="还没逾期、只是预计还不上时填 0。",
            when=_NEGOTIATION,
        ),
        Field("reason", "逾期原因", "choice", default="job_loss", choices=REASONS, when=_NEGOTIATION),
        _text("reason_detail", "具体情况", 300, "一两句话说明经过，例如何时失业、何时能恢复收入。", _NEGOTIATION),
        Field("proposal", "申请的方案", "choice", default="instalments", choices=PROPOSALS, when=_NEGOTIATION),
        money_field(
            "monthly_amount",
            "每月能还的金额",
            minimum=Decimal("0.01"),  # a plan for a small debt may ask for a few fen a month
            maximum=largest_instalment(MAX_AMOUNT),  # a one-period plan for the largest debt
            default="900",
            required=False,
            help="可以用还款能力评估算出来；只写你确实还得起的数。每期递减的方案填首期的金额。",
            when=_NEGOTIATION,
        ),
        dataclasses.replace(
            money_field(
                "last_amount",
                "最后一期的金额",
                minimum=Decimal("0.01"),
                maximum=largest_instalment(MAX_AMOUNT),
                required=False,
                help="等额本金这样每期递减的方案才填：上一项填首期，这里填最后一期。每期金额相同就留空。",
                when=_NEGOTIATION,
            ),
            # Given alone (a hand-written link), the form's default 900 must not stand in for its first.
            completes="monthly_amount",
        ),
        periods_field("希望分的期数", required=False, when=_NEGOTIATION),
        dataclasses.replace(
            annual_rate_field(
                "",
                "从分期方案或延期还款页打开时带过来。申请书里不写，只让打印的材料包按同样的利率排方案；"
                "留空时材料包按它的默认利率估算。",
                required=False,
                label="方案的年利率",
            ),
            when=_NEGOTIATION,
        ),
        _text(
            "claimant",
            "自称接手这笔债的机构",
            60,
            "有第三方自称已受让这笔债权、向你催收时填写；没有就留空。",
            _DOCUMENTS,
            personal=False,
        ),
        Field(
            "paid_off",
            "这笔借款已经还清",
            "boolean",
            default="",
            help="勾选后，申请书请出借方出具结清证明。",
            when=_DOCUMENTS,
        ),
        Field(
            "complaint_to",
            "投诉给谁",
            "choice",
            default="lender",
            choices=COMPLAINT_TO,
            help="先找App客服；出借方是银行或消费金融公司的找12378，小额贷款公司找地方金融管理部门。",
            when=_COMPLAINT,
        ),
        _text("collector_company", "催收公司", 60, "对方说出的公司名称。", _COMPLAINT, personal=False),
        _text("collector", "催收人员的姓名或工号", 40, "对方自称的姓名或工号。", _COMPLAINT),
        _flag("third_parties", "联系了我的家人、同事或通讯录里的人"),
        _flag("night_calls", "在22:00至次日8:00之间打电话"),
        _flag("repeated_calls", "一天之内反复打电话或发信息"),
        _flag("threats", "威胁、辱骂或恐吓"),
        _flag("impersonation", "冒充公安、法院、政府工作人员或律师"),
        Field(
            "incidents",
            "经过（每行一件事）",
            "text",
            required=False,
            max_length=1000,
            help="每行写一件事：日期和时间、来电号码、对方说了或做了什么。",
            personal=True,
            when=_COMPLAINT,
        ),
        Field(
            "objection_to",
            "异议交给谁",
            "choice",
            default="center",
            choices=OBJECTION_TO,
            help="两处都可以提；交给征信中心时，可以在其网站或线下查询点提交。",
            when=_OBJECTION,
        ),
        _text("record", "有异议的记录", 200, "照信用报告写：机构名称、账户、日期和显示的状态或金额。", _OBJECTION),
        Field("error_type", "错在哪里", "choice", default="paid", choices=ERROR_TYPES, when=_OBJECTION),
        _text("objection_detail", "具体情况", 300, "例如实际还款的日期和金额。", _OBJECTION),
        _text(
            "evidence",
            "保存的证据（每行一项）",
            500,
            "例如：通话录音 3 段；短信截图 5 张；还款凭证。",
            _HAS_EVIDENCE,
        ),
        _text("name", "姓名", 40, "可以留空，打印后手写。"),
        _text("contact", "联系方式", 60, "手机号或其他联系方式，可以留空。"),
    ),
    outputs=(
        Output("letter", "信的内容", "text"),
        Output("pack_url_query", "打印", "link", targets=(("pack", "把预算、方案和申请书放在一页打印"),)),
    ),
    inputs=LetterInputs,
    results=LetterResult,
    compute=_compute,
)
