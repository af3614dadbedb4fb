"""我现在该怎么办: a short, ordered list of what to do first, from what has happened.

Safety comes first (threats: 110; a fake "customer service" call: hang up, 110 once money is sent), then
the papers with a legal deadline, each with its last day from :mod:`calculators.deadline`
(the one implementation), then the rest of what happened, then the negotiation path.
Every step says only what the guide says and sources, and links to the guide's section
that explains it (pages by their path below ``docs/``, which the build resolves).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Literal
from urllib.parse import urlencode

from ._internal.common import money_field
from ._internal.fields import Field, Output, field_error
from ._internal.i18n import gettext as _
from ._internal.ics import CALENDAR_MEDIA_TYPE, ICS_PACKAGE, CalendarFile
from ._internal.money import format_plain
from ._internal.registry import Calculator
from ._internal.steps import Step, StepLink
from ._internal.workdays import HOLIDAY_PACKAGE
from .deadline import (
    EARLIEST,
    LATEST,
    Deadline,
    Document,
    calendar_entry,
    check_received,
    find_deadline,
    warnings,
    weekday_name,
)
from .letter import PRODUCTS, Product

__all__ = ["CALCULATOR", "GUIDE_PAGES", "PlanInputs", "PlanResult", "plan_steps"]

CourtPapers = Literal["none", "complaint", "summons", "judgment", "ruling"]
Arbitration = Literal["none", "notice", "award"]
COURT_PAPERS = (
    ("none", "没有收到"),
    # The answer period runs from the complaint's copy (民事诉讼法第一百二十八条); a summons sets a hearing.
    ("complaint", "起诉状副本、应诉通知书"),
    ("summons", "只有传票（开庭传票）"),
    ("judgment", "一审判决书"),
    ("ruling", "一审裁定书"),
)
ARBITRATION = (("none", "没有收到"), ("notice", "仲裁通知（受理、开庭等）"), ("award", "仲裁裁决书"))

#: Every page a step may link to, by its path below docs/ (the build resolves each to its URL).
GUIDE_PAGES = (
    "collection.md",
    "scams.md",
    "stages.md",
    "credit-report.md",
    "negotiate.md",
    "calculators/deadline.md",
    "calculators/budget.md",
    "calculators/letter.md",
)
_DEADLINE_PAGE = "calculators/deadline.md"


@dataclass(frozen=True)
class PlanInputs:
    """The parsed fields (see :data:`CALCULATOR`)."""

    product: Product
    days_overdue: int
    amount: Decimal | None
    threats: bool
    fake_service: bool
    payment_order: bool
    payment_order_on: date | None
    court_papers: CourtPapers
    court_papers_on: date | None
    arbitration: Arbitration
    arbitration_on: date | None
    frozen: bool
    paid_helpers: bool
    credit_error: bool
    credit_objection_on: date | None
    today: date | None


@dataclass(frozen=True)
class PlanResult:
    """The outputs (see :data:`CALCULATOR`)."""

    steps: list[Step]
    note: str
    ics: CalendarFile | None


def _link(label: str, page: str, anchor: str = "", **query: str) -> StepLink:
    return StepLink(label=_(label), page=page, anchor=anchor, query=urlencode(query) if query else "")


def _deadline_link(document: Document, served_on: date | None, today: date | None) -> StepLink:
    query: dict[str, str] = {"document": document}
    if served_on is not None:
        query["served_on"] = served_on.isoformat()
    if today is not None:
        query["today"] = today.isoformat()
    return _link("用期限计算器核对", _DEADLINE_PAGE, **query)


def _when(deadline: Deadline, today: date) -> str:
    """The last day and how far it is, in the reader's script."""
    last = deadline.last_day
    left = (last - today).days
    day = _("{day}（{weekday}）").format(day=last.isoformat(), weekday=weekday_name(last))
    if left > 0:
        return _("按收到的日期推算，最后一天是 {day}，还有 {left} 天。").format(day=day, left=left)
    if left == 0:
        return _("按收到的日期推算，最后一天是今天 {day}。").format(day=day)
    return _("按收到的日期推算，最后一天 {day} 已经过去 {days} 天：尽快联系法院或承办人，问清楚现在的情况。").format(
        day=day, days=-left
    )


def _no_date() -> str:
    return _("填上收到的日期，这里会算出最后一天。")


def _safety(values: PlanInputs) -> list[Step]:
    steps: list[Step] = []
    if values.threats:
        steps.append(
            Step(
                _("人身安全受到威胁：先报警"),
                _(
                    "有人威胁你或家人的人身安全、上门滋扰，立即拨打 110。把通话录音、短信、照片和来电号码保存好，"
                    "之后可以一并投诉。欠钱不等于可以被威胁，催收不得骚扰与债务无关的人。"
                ),
                (
                    _link("遇到威胁、上门和骚扰家人同事", "collection.md", "threats"),
                    _link("怎么保存证据", "collection.md", "evidence"),
                    _link("去哪里投诉", "collection.md", "complain"),
                ),
            )
        )
    if values.fake_service:
        steps.append(
            Step(
                _("“客服”要你注销、转账或共享屏幕：挂断"),
                _(
                    "这是常见的诈骗。直接挂断，不转账、不共享屏幕、不下载对方让装的软件，也不回拨对方的号码；"
                    "自己打开京东金融 App 核实。已经转了钱的，立即拨打 110 报警。"
                ),
                (_link("假冒京东客服的套路", "scams.md", "fake-service"),),
            )
        )
    return steps


def _papers(values: PlanInputs, today: date) -> tuple[list[Step], list[Deadline]]:
    steps: list[Step] = []
    deadlines: list[Deadline] = []
    any_papers = values.payment_order or values.court_papers != "none" or values.arbitration != "none"
    if any_papers:
        steps.append(
            Step(
                _("先核实文书是真的"),
                _(
                    "法院确实会用短信和送达平台送达文书。用 12368 或法院官方网站核对案号和法院，"
                    "不要用短信里给的号码和链接，也不要向个人账户或短信里的链接付款。核实是真的，就别回避，按期限应对。"
                ),
                (
                    _link("怎样核实法院短信、律师函和仲裁通知", "scams.md", "check-legal-papers"),
                    _link("收到法院文书的当天该做什么", "stages.md", "court-papers"),
                ),
            )
        )

    def add(document: Document, served_on: date | None, title: str, text: str, *links: StepLink) -> None:
        if served_on is None:
            when, notes = _no_date(), ""
        else:
            deadline = find_deadline(document, served_on)
            deadlines.append(deadline)
            # The deadline calculator's own warnings, word for word: the plan must not say less.
            when, notes = _when(deadline, today), "".join(warnings(deadline))
        steps.append(
            Step(_(title), when + _(text) + notes, (*links, _deadline_link(document, served_on, values.today)))
        )

    if values.payment_order:
        add(
            "payment_order",
            values.payment_order_on,
            "支付令：15 天内清偿或书面异议",
            "对欠款金额有争议，在期限内向发出支付令的法院提出书面异议；只说还不起、要求延期或分期，不影响支付令的效力。"
            "既不异议也不清偿，对方可以申请强制执行。",
            _link("支付令", "stages.md", "payment-order"),
        )
    if values.court_papers == "complaint":
        add(
            "complaint",
            values.court_papers_on,
            "起诉状：15 天内答辩，按时出庭",
            "可以提交答辩状，逐项核对本金、利息、罚息和违约金；按传票出庭，诉讼中也可以请求调解。",
            _link("诉讼", "stages.md", "lawsuit"),
        )
    elif values.court_papers == "summons":
        steps.append(
            Step(
                _("传票：按传票上的时间出庭"),
                _(
                    "传票写明开庭的时间和地点，按时到庭；不出庭，法院可以缺席判决。有正当理由去不了，尽早联系法院说明。"
                    "同时收到起诉状副本的，答辩期从收到起诉状副本算：在“收到的法院文书”里选“起诉状副本、应诉通知书”，"
                    "这里会算出答辩的最后一天。"
                ),
                (
                    _link("收到法院文书的当天该做什么", "stages.md", "court-papers"),
                    _link("诉讼", "stages.md", "lawsuit"),
                ),
            )
        )
    elif values.court_papers in ("judgment", "ruling"):
        document: Document = "judgment" if values.court_papers == "judgment" else "ruling"
        add(
            document,
            values.court_papers_on,
            "判决书：15 天内决定是否上诉" if document == "judgment" else "裁定书：10 天内决定是否上诉",
            "不服的，在期限内提起上诉；不上诉又不履行，对方可以申请强制执行。",
            _link("诉讼", "stages.md", "lawsuit"),
            _link("强制执行", "stages.md", "enforcement"),
        )
    if values.arbitration == "notice":
        steps.append(
            Step(
                _("仲裁通知：核实，再按通知应对"),
                _(
                    "只有合同约定了仲裁，出借方才能申请仲裁。核实通知是真的以后，按仲裁委员会通知的期限答辩、举证，"
                    "期限以通知为准。"
                ),
                (_link("仲裁", "stages.md", "arbitration"),),
            )
        )
    elif values.arbitration == "award":
        add(
            "arbitration_award",
            values.arbitration_on,
            "仲裁裁决：3 个月内可申请撤销",
            "仲裁一裁终局，申请撤销只限法律规定的情形；裁决可以申请法院强制执行。",
            _link("仲裁", "stages.md", "arbitration"),
        )
    if any_papers:
        steps.append(
            Step(
                _("别让费用越滚越大"),
                _("进入诉讼或仲裁后，诉讼费等费用可能一并由你承担，合同里的提前到期条款也可能让全部欠款一次到期。"),
                (_link("越拖越多的费用", "stages.md", "growing-costs"),),
            )
        )
    return steps, deadlines


def _objection_reply(deadline: Deadline, today: date) -> str:
    """When the other side must answer a credit-report objection, and what to do if it has not."""
    last = deadline.last_day
    left = (last - today).days
    values = {
        "served": deadline.served_on.isoformat(),
        "day": last.isoformat(),
        "weekday": weekday_name(last),
        "left": left,
        "days": -left,
    }
    if left > 0:
        text = _(
            "对方 {served} 收到异议，最晚应当在 {day}（{weekday}）书面答复你，还有 {left} 天；"
            "这是对方的期限，不是你的。到期没有答复，可以向当地人民银行分支机构投诉。"
        )
    elif left == 0:
        text = _(
            "对方 {served} 收到异议，今天 {day}（{weekday}）是对方书面答复的最后一天；这是对方的期限，不是你的。"
            "过了今天还没有答复，可以向当地人民银行分支机构投诉。"
        )
    else:
        text = _(
            "对方 {served} 收到异议，书面答复的最后一天 {day}（{weekday}）已经过去 {days} 天。"
            "还没有收到书面答复的，可以向当地人民银行分支机构投诉。"
        )
    return text.format(**values)


def _other(values: PlanInputs, today: date) -> tuple[list[Step], list[Deadline]]:
    steps: list[Step] = []
    deadlines: list[Deadline] = []
    if values.frozen:
        steps.append(
            Step(
                _("账户被冻结或工资被扣：联系执行法官"),
                _(
                    "打电话给执行法院，问清执行依据和承办法官；可以和申请执行人协商执行和解。"
                    "扣划收入时，应当保留你和你供养的家属的生活必需费用。"
                ),
                (
                    _link("账户被冻结、工资被扣", "stages.md", "frozen"),
                    _link("强制执行", "stages.md", "enforcement"),
                ),
            )
        )
    if values.paid_helpers:
        steps.append(
            Step(
                _("不要付钱给“代理协商”“停息挂账”“征信修复”"),
                _("自己和京东金融协商是免费的。收费代办可能骗钱、泄露你的信息；逾期记录如实报送的，没有人能花钱删掉。"),
                (
                    _link("代理协商、停息挂账", "scams.md", "agents"),
                    _link("“征信修复”是骗局", "credit-report.md", "repair-scams"),
                ),
            )
        )
    if values.credit_error:
        links = [_link("怎样提出征信异议", "credit-report.md", "objection")]
        if values.credit_objection_on is None:
            text = _(
                "向征信中心或报送这条记录的机构提出异议，写清哪一条、错在哪里，附上证据。"
                "对方收到异议后 20 日内应当书面答复；填上对方收到异议的日期，这里会算出答复的最后一天。"
            )
        else:
            deadline = find_deadline("credit_objection", values.credit_objection_on)
            deadlines.append(deadline)
            text = _objection_reply(deadline, today) + "".join(warnings(deadline))
        links.append(_deadline_link("credit_objection", values.credit_objection_on, values.today))
        steps.append(Step(_("征信记录有错：提出异议"), text, tuple(links)))
    return steps, deadlines


def _letter_query(values: PlanInputs) -> dict[str, str]:
    """The letter's prefill: what was typed here, never the letter's default amount in its place."""
    # An amount not typed goes empty, not absent: the letter then states no debt, not its default.
    amount = "" if values.amount is None else format_plain(values.amount)
    query = {"product": values.product, "amount": amount, "days_overdue": str(values.days_overdue)}
    # The plan does not ask what can be paid each month (the budget finds it, and its own link
    # carries it into the letter): the letter leaves the amount to the lender, never its default.
    query["monthly_amount"] = ""
    return query


def _negotiation(values: PlanInputs) -> list[Step]:
    budget = {} if values.amount is None else {"debt": format_plain(values.amount)}
    letter = _letter_query(values)
    overdue = (
        _("已经逾期 {days} 天。").format(days=values.days_overdue)
        if values.days_overdue > 0
        else _("还没有逾期，只是预计还不上。")
    )
    return [
        Step(
            _("算清每月真正还得起多少"),
            overdue + _("先按收入、必需开支和其他月供，算出每月能稳定拿出的钱，再谈方案；不要答应还不起的金额。"),
            (
                _link("先算清楚每月能还多少", "negotiate.md", "budget"),
                _link("打开还款能力评估", "calculators/budget.md", **budget),
            ),
        ),
        Step(
            _("直接和京东金融协商，拿到书面方案"),
            _(
                "通过京东金融 App 的官方客服说明情况和你能还的金额，请对方给出写明每期金额、日期和总费用的书面方案，"
                "保留通话和工单记录。需要书面申请的，可以从还款能力评估的结果直接打开申请书，数字会一并带过去。"
            ),
            (
                _link("协商的步骤", "negotiate.md", "steps"),
                _link("和客服怎么说", "negotiate.md", "script"),
                _link("写一封协商还款申请书", "calculators/letter.md", **letter),
            ),
        ),
    ]


def plan_steps(values: PlanInputs, today: date) -> tuple[list[Step], list[Deadline]]:
    """The steps in order, and the deadlines they computed.

    Args:
        values: the parsed fields.
        today: the day to count from.

    Returns:
        Safety first, then papers with legal deadlines, then the rest, then negotiation.
    """
    papers, court_deadlines = _papers(values, today)
    other, other_deadlines = _other(values, today)
    return _safety(values) + papers + other + _negotiation(values), court_deadlines + other_deadlines


#: The dates a paper or an objection was received, each checked against today.
_RECEIVED = ("payment_order_on", "court_papers_on", "arbitration_on", "credit_objection_on")


def _implied(values: PlanInputs) -> PlanInputs:
    """What a filled date says happened, though its box was left unticked: a deadline is never dropped.

    Raises:
        FieldError: a date whose paper the form cannot tell (court papers of no chosen kind,
            an award's date beside an arbitration notice).
    """
    if values.court_papers_on is not None and values.court_papers == "none":
        raise field_error(CALCULATOR.field("court_papers"), "填了收到法院文书的日期，请在这里选收到的是哪一种文书。")
    if values.arbitration_on is not None and values.arbitration == "notice":
        raise field_error(
            CALCULATOR.field("arbitration"),
            "填了收到仲裁裁决书的日期，收到裁决书的请在这里选“仲裁裁决书”；只收到仲裁通知的，把那个日期留空。",
        )
    return replace(
        values,
        payment_order=values.payment_order or values.payment_order_on is not None,
        arbitration="award" if values.arbitration_on is not None else values.arbitration,
        credit_error=values.credit_error or values.credit_objection_on is not None,
    )


def _compute(values: PlanInputs) -> PlanResult:
    today = values.today or date.today()
    for name in _RECEIVED:
        check_received(CALCULATOR.field(name), getattr(values, name), today)
    steps, deadlines = plan_steps(_implied(values), today)
    coming = [calendar_entry(deadline) for deadline in deadlines if deadline.last_day >= today]
    return PlanResult(
        steps=steps,
        ics=CalendarFile(tuple(coming), today) if coming else None,
        note=_(
            "这份清单按本站各页的内容排列，只是帮你理清先后，不是法律意见。期限是按法律规定推算的，"
            "以法院、仲裁委员会的文书和通知为准。"
        ),
    )


def _date_field(name: str, label: str, help_text: str) -> Field:
    return Field(name, label, "date", minimum=EARLIEST, maximum=LATEST, required=False, help=help_text)


def _event(name: str, label: str, help_text: str = "") -> Field:
    return Field(name, label, "boolean", default="false", required=False, help=help_text)


CALCULATOR = Calculator(
    name="plan",
    title="我现在该怎么办",
    summary="勾选已经发生的事，得到一份按轻重缓急排好的行动清单，附上法定期限的日期和日历提醒。",
    order=1,
    packages=(HOLIDAY_PACKAGE,),
    uses_today=True,
    fields=(
        Field("product", "产品", "choice", default="jintiao", choices=PRODUCTS),
        Field(
            "days_overdue",
            "已逾期天数",
            "integer",
            unit="天",
            minimum=Decimal(0),
            maximum=Decimal(3650),
            default="30",
            help="还没逾期、只是预计还不上时填 0。",
        ),
        money_field("amount", "大概欠多少", required=False, help="App里显示的待还金额，估个整数就行。"),
        _event("threats", "有人威胁人身安全、上门，或骚扰家人、同事"),
        _event("fake_service", "有“京东客服”要我注销、转账或共享屏幕"),
        _event("payment_order", "收到了支付令"),
        _date_field("payment_order_on", "收到支付令的日期", "签收或电子送达的日期。"),
        Field("court_papers", "收到的法院文书", "choice", default="none", choices=COURT_PAPERS),
        _date_field("court_papers_on", "收到法院文书的日期", "起诉状副本、判决书或裁定书签收或电子送达的日期。"),
        Field("arbitration", "收到的仲裁文书", "choice", default="none", choices=ARBITRATION),
        _date_field("arbitration_on", "收到仲裁裁决书的日期", "收到裁决书的日期。"),
        _event("frozen", "账户被冻结或工资被扣"),
        _event("paid_helpers", "有人收费帮我“协商”“停息挂账”或“修复征信”"),
        _event("credit_error", "征信报告里有错误的记录"),
        _date_field(
            "credit_objection_on",
            "对方收到征信异议的日期",
            "已经提出异议时填写：对方收到异议的日期，不是你寄出的日期。",
        ),
        _date_field("today", "今天的日期", "留空就用这台设备的日期。"),
    ),
    outputs=(
        Output("steps", "行动清单", "steps", pages=GUIDE_PAGES),
        Output("note", "说明", "text"),
        Output(
            "ics",
            "下载期限的日历提醒（.ics）",
            "download",
            filename="plan.ics",
            media_type=CALENDAR_MEDIA_TYPE,
            packages=(ICS_PACKAGE,),
        ),
    ),
    inputs=PlanInputs,
    results=PlanResult,
    compute=_compute,
)
