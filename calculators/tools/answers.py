"""Documents that answer a court, the credit bureau or a lender, written from plain fields.

Four tools, one per page:
- `payment_objection_tool`: 支付令异议书, offered only to a reader who disputes the debt itself
  (《民诉法解释》第四百三十六条: only pleading inability to pay does not affect the order);
- `settlement_tool`: 执行和解申请, a repayment proposal to the applicant through the court, its
  schedule built by `plan.make_plan` (《民事诉讼法》第二百四十一条);
- `credit_objection_tool`: 征信异议申请 for a record the reader believes is wrong
  (《征信业管理条例》第二十五条), or, for a true overdue, a statement to be recorded (第十六条);
- `lender_letter_tool`: three letters to a lender or collector: proof of assignment
  (《民法典》第五百四十六条), a written breakdown of the debt, and a request to stop contacting
  third parties (《民法典》第一千零三十三条、第一千零三十四条, 《个人信息保护法》第六条).

Promises, for every document: it holds only what the reader typed, the law's own words, and
requests; a stance (我目前没有能力一次付清, 我不会向个人账户付款) appears only when the reader
ticked the box that says it; a field appears only in the place it belongs; it ends with a line saying the reader
prepared it with free tools; it is shown as a `Document` and offered as a `.txt` download.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from . import court_deadlines as deadlines, plan

from ..core import helplines
from ..core.cite import cite
from ..core.inputs import InputError, collect, parse_choice, parse_choices, parse_date, parse_flag, parse_text, reference_date
from ..core.money import format_amount, parse_amount
from ..core.view import Document, Download, Link, Notice, Table, View

MIME = "text/plain;charset=utf-8"
SELF_PREPARED = "（本文书由我本人借助免费的公益工具自行准备。）"
BLANK_DATE = "      年    月    日"
RATE_CHECKER = Link("年化利率计算", "tools/rate/")
LOG = Link("沟通记录", "tools/log/")
LEGAL = helplines.LEGAL_SERVICE


def _date(value: _dt.date) -> str:
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def _dated(value: _dt.date | None) -> str:
    return f"日期：{_date(value) if value else BLANK_DATE}"


def closing(salutation: str, signature: str, dated: _dt.date | None) -> list[str]:
    """The end of every document: 此致, the salutation, the signature, the date (blank to write by hand), the self-prepared line."""
    return ["", "此致", salutation, "", signature, _dated(dated), "", SELF_PREPARED]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _line(raw, field: str, label: str, *, required: bool = False, max_length: int = 80) -> str:
    """One line of text: line breaks and runs of spaces become one space, so a field cannot fake a new paragraph."""
    return _one_line(parse_text(raw, field, label, required=required, max_length=max_length))


def _numbered(items) -> list[str]:
    return [f"{i}. {item}" for i, item in enumerate(items, start=1)]


def _view(title: str, text: str, filename: str, notices, announce: str, blocks_after=()) -> View:
    return View(
        (Document(title, text), *blocks_after, *notices),
        downloads=(Download("下载文本文件（.txt）", filename, MIME, text),),
        announce=announce,
    )


# ---------------------------------------------------------------- 支付令异议书

STANCES = {
    "dispute": "我对债务本身有不同意见",
    "cannot_pay": "我对债务没有异议，只是现在还不起",
}
GROUNDS = {
    "not_mine": "这笔钱不是我借的",
    "amount": "要求支付的金额不对",
    "interest_fees": "利息、罚息、违约金或其他费用过高，或者合同里没有约定",
    "upfront": "放款时预先扣了利息或费用（砍头息）",
    "repaid": "已经还过的钱没有算进去",
    "other": "对债务本身的其他异议（写在补充说明里）",
}
OBJECTION_FILE = "支付令异议书.txt"


@dataclass(frozen=True)
class Objection:
    name: str
    court: str
    creditor: str
    grounds: tuple[str, ...]
    case_number: str = ""
    phone: str = ""
    address: str = ""
    received: _dt.date | None = None
    claimed: Decimal | None = None  # used only with the "amount" ground
    actual_received: Decimal | None = None  # used only with "upfront"
    repaid: Decimal | None = None  # used only with "repaid"
    details: str = ""
    evidence: str = ""
    dated: _dt.date | None = None


def _ground_sentence(key: str, objection: Objection) -> str:
    if key == "not_mine":
        return "我没有向申请人借过这笔钱。"
    if key == "amount":
        if objection.claimed is not None:
            return f"支付令要求我支付 {format_amount(objection.claimed)}，这个金额与我实际欠的不符。"
        return "支付令要求支付的金额与我实际欠的不符。"
    if key == "interest_fees":
        return "支付令所列的利息、罚息、违约金或其他费用过高，或者没有合同约定。"
    if key == "upfront":
        got = f"，我实际收到的是 {format_amount(objection.actual_received)}" if objection.actual_received is not None else ""
        return (
            f"放款时，借款中预先扣除了利息或费用{got}。《民法典》{cite('civil-code-670')}规定，借款的利息不得预先在本金中扣除；"
            "利息预先在本金中扣除的，应当按照实际借款数额返还借款并计算利息。"
        )
    if key == "repaid":
        if objection.repaid is not None:
            return f"我已经还过的款项（共 {format_amount(objection.repaid)}）没有从支付令要求的金额中扣除。"
        return "我已经还过的款项没有从支付令要求的金额中扣除。"
    return "我对债务本身还有其他异议，见下面的补充说明。"


def compose_objection(objection: Objection) -> str:
    """The objection as plain text, ready to print, sign and hand in to the court."""
    who = f"异议人：{objection.name}"
    if objection.phone:
        who += f"，联系电话：{objection.phone}"
    if objection.address:
        who += f"，住址：{objection.address}"
    lines = ["支付令异议书", "", who, f"支付令申请人：{objection.creditor}"]
    if objection.case_number:
        lines.append(f"支付令案号：{objection.case_number}")
    received = f"我于 {_date(objection.received)} 收到贵院发出的支付令。" if objection.received else "我收到了贵院发出的支付令。"
    lines += [
        "",
        "异议请求：",
        "请求贵院依法审查本异议，裁定终结督促程序。",
        "",
        "事实和理由：",
        received + "我对支付令所列的债务本身有异议，理由如下：",
        *_numbered(_ground_sentence(key, objection) for key in objection.grounds),
    ]
    if objection.details:
        lines.append(f"补充说明：{objection.details}")
    if objection.evidence:
        lines.append(f"我可以提供的证据：{objection.evidence}")
    lines += closing(objection.court, f"异议人：{objection.name}", objection.dated)
    return "\n".join(lines) + "\n"


def parse_objection(fields: dict) -> Objection:
    get = fields.get
    grounds = parse_choices(get("grounds"), GROUNDS)

    def need_grounds():
        if not grounds:
            raise InputError("grounds", "请勾选你对债务本身不同意的地方。只是暂时还不起，不能作为异议的理由。")

    def details():
        text = parse_text(get("details"), "details", "补充说明", max_length=1000)
        if "other" in grounds and not text:
            raise InputError("details", "勾选了“其他异议”，请在补充说明里写清楚是什么。")
        return text

    (_, name, court, creditor, case_number, phone, address, received, claimed, actual, repaid, more, evidence, dated) = collect(
        need_grounds,
        lambda: _line(get("name"), "name", "你的姓名", required=True, max_length=40),
        lambda: _line(get("court"), "court", "发出支付令的法院", required=True),
        lambda: _line(get("creditor"), "creditor", "申请支付令的一方（债权人）", required=True),
        lambda: _line(get("case_number"), "case_number", "支付令上的案号", max_length=60),
        lambda: _line(get("phone"), "phone", "联系电话", max_length=30),
        lambda: _line(get("address"), "address", "住址", max_length=120),
        lambda: parse_date(get("received"), "received", "收到支付令的日期", required=False),
        lambda: parse_amount(get("claimed"), "claimed", "支付令要求支付的金额", required=False, allow_zero=False),
        lambda: parse_amount(get("actual_received"), "actual_received", "实际到手的金额", required=False, allow_zero=False),
        lambda: parse_amount(get("repaid"), "repaid", "已经还过的金额", required=False, allow_zero=False),
        details,
        lambda: parse_text(get("evidence"), "evidence", "可以提供的证据", max_length=500),
        lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    return Objection(
        name=name,
        court=court,
        creditor=creditor,
        grounds=grounds,
        case_number=case_number,
        phone=phone,
        address=address,
        received=received,
        claimed=claimed if "amount" in grounds else None,
        actual_received=actual if "upfront" in grounds else None,
        repaid=repaid if "repaid" in grounds else None,
        details=more,
        evidence=_one_line(evidence),
        dated=dated,
    )


def _payment_order_deadline(received: _dt.date | None, today: _dt.date) -> Notice:
    if received is None:
        return Notice(
            "warning",
            "异议要在收到支付令之日起 15 日内交到法院",
            (f"填上收到支付令的日期，这里会算出最后一天。收到的当天不算（《民事诉讼法》{cite('civil-procedure-85')}）。",),
            (Link("法院文书期限", "tools/court-deadlines/"),),
        )
    day = deadlines.last_day(received, deadlines.STATUTORY_DAYS)
    when = f"{day.isoformat()}（{deadlines.weekday(day)}）"
    if day < today:
        return Notice(
            "danger",
            f"按这台设备的日期，15 日已经在 {when} 过了",
            (
                f"超过法定期间提出的异议，视为没有提出（《民诉法解释》{cite('civil-procedure-interpretation-431')}）。先核对收到的日期是否填对。",
                f"因正当理由耽误期限的，可以在障碍消除后 10 日内申请顺延，是否准许由法院决定（《民事诉讼法》{cite('civil-procedure-86')}）。"
                f"请尽快联系发支付令的法院，或者打 {LEGAL} 问下一步怎么办。",
            ),
        )
    return Notice(
        "warning",
        f"异议最晚要在 {when}交到法院",
        (
            f"这是按收到的日期算出的第 15 天，收到的当天不算（《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}、{cite('civil-procedure-85')}）。"
            "遇到周末或节假日可能顺延，但请不要等，提前交。",
            f"书面材料在期满前交邮的，不算过期（{cite('civil-procedure-85')}）。用能查到寄出日期的方式寄，保存好凭证。",
        ),
        (Link("法院文书期限", "tools/court-deadlines/"),),
    )


def _cannot_pay_view(received: _dt.date | None, today: _dt.date) -> View:
    blocks = (
        Notice(
            "warning",
            "只是还不起，书面异议挡不住支付令",
            (
                "债务人对债务本身没有异议，只是说缺乏清偿能力、请求延期或者换一种还法的，不影响支付令的效力"
                f"（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。所以这里不生成异议书。",
                "在期限内能做的：清偿；或者尽快和债权人商量分期，把谈好的内容写成书面协议。"
                "谈的同时，15 日照常计算，不会停下。",
                f"期限内既不异议又不清偿的，债权人可以向法院申请执行（《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}）。",
                "如果其实对金额、利息费用、预先扣款或已还款有不同意见，请在上面改选第一项。",
            ),
            (Link("协商还款申请书", "tools/letter/"), Link("还款计划", "tools/plan/"), Link("收到法院材料怎么办", "guide/court/")),
        ),
        _payment_order_deadline(received, today),
        helplines.legal_help_notice(),
        helplines.crisis_notice(deadlines.CRISIS_LEAD),
    )
    return View(blocks, announce="只是还不起，不能作为支付令异议的理由。请看下面的说明和期限。")


def payment_objection_tool(fields: dict, today: _dt.date | None = None) -> View:
    """The objection page: the objection, or, for a reader who only cannot pay now, why it would not help.
    Whether the 15 days have passed is judged on `today`, or else the reader's date sent by the page."""
    today = today or reference_date(fields)
    stance = parse_choice(fields.get("stance"), "stance", "你的情况", STANCES)
    if stance == "cannot_pay":
        received = parse_date(fields.get("received"), "received", "收到支付令的日期", required=False)
        return _cannot_pay_view(received, today)
    objection = parse_objection(fields)
    text = compose_objection(objection)
    notices = (
        _payment_order_deadline(objection.received, today),
        Notice(
            "info",
            "怎样交，交了以后",
            (
                f"交到发出支付令的那家法院，要书面的；口头异议无效（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。"
                "签名后复印一份自己留着，请法院在你的副本上注明收到日期，或者保存邮寄凭证。",
                "只写真实的情况，附上能证明的材料：借款合同、放款和还款的银行流水、还款截图。",
                f"法院经审查认为异议成立的，裁定终结督促程序，支付令失效，一般转入诉讼（《民事诉讼法》{cite('civil-procedure-225', '第二百二十八条')}）；"
                f"认为不成立的，裁定驳回（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。结果由法院决定，谁也保证不了。",
                "利息和费用是否过高，可以先用年化利率计算核一核。",
            ),
            (RATE_CHECKER, Link("收到法院材料怎么办", "guide/court/")),
        ),
        helplines.legal_help_notice(),
        helplines.crisis_notice(deadlines.CRISIS_LEAD),
    )
    return _view("支付令异议书", text, OBJECTION_FILE, notices, "异议书已生成，可以复制、打印或下载。")


# ---------------------------------------------------------------- 执行和解申请

SETTLEMENT_FILE = "执行和解申请.txt"


@dataclass(frozen=True)
class Settlement:
    name: str
    applicant: str
    court: str
    schedule: plan.Plan
    case_number: str = ""
    phone: str = ""
    owed: Decimal | None = None  # the amount on the enforcement notice, as the reader typed it
    details: str = ""
    dated: _dt.date | None = None
    cannot_pay_at_once: bool = False  # the reader ticked: say that they cannot pay it all at once
    official_account: bool = False  # the reader ticked: say that they pay only to the court's or a company account


def _plan_sentence(schedule: plan.Plan) -> str:
    parts = []
    if schedule.down_payment:
        first = schedule.installments[0]
        parts.append(f"{_date(first.due)} 支付首期 {format_amount(schedule.down_payment)}")
    regular = schedule.regular
    if regular:
        start = f"自 {_date(regular[0].due)} 起" if not schedule.down_payment else "之后"
        parts.append(f"{start}每月支付 {format_amount(schedule.monthly)}，共 {len(regular)} 期")
        if regular[-1].amount != schedule.monthly:
            parts.append(f"最后一期 {format_amount(regular[-1].amount)}")
    parts.append(f"合计 {format_amount(schedule.total)}")
    return "，".join(parts) + "。"


def compose_settlement(settlement: Settlement) -> str:
    """The proposal as plain text; every figure in it comes from the schedule or from what the reader typed."""
    schedule = settlement.schedule
    who = f"被执行人：{settlement.name}"
    if settlement.phone:
        who += f"，联系电话：{settlement.phone}"
    lines = ["执行和解申请（还款方案）", "", who, f"申请执行人：{settlement.applicant}"]
    if settlement.case_number:
        lines.append(f"执行案号：{settlement.case_number}")
    opening = ""
    if settlement.owed is not None:
        opening = f"执行通知书上写的执行金额是 {format_amount(settlement.owed)}。"
    lines += [
        "",
        f"{settlement.court}：",
        f"请将本申请转交申请执行人{settlement.applicant}。",
        "",
    ]
    if settlement.cannot_pay_at_once:
        lines.append(opening + "我愿意履行，但目前没有能力一次付清。")
    elif opening:
        lines.append(opening)
    if settlement.details:
        lines.append(f"我的情况是：{settlement.details}")
    lines += [
        "我提出下面的还款方案，请申请执行人考虑：",
        _plan_sentence(schedule),
        "每一期的日期和金额：",
        *(
            f"{label}　{item.due.isoformat()}　{format_amount(item.amount)}"
            for label, item in zip(plan.labels(schedule, counted=True), schedule.installments)
        ),
    ]
    if settlement.owed is not None and schedule.total < settlement.owed:
        lines.append(f"这个方案合计比执行金额少 {format_amount(settlement.owed - schedule.total)}，恳请申请执行人同意减免这一部分。")
    lines += [
        "申请执行人同意的，请双方签订书面和解协议，并请执行员将协议内容记入笔录，由双方签名或者盖章"
        f"（《民事诉讼法》{cite('civil-procedure-241')}）。",
    ]
    if settlement.official_account:
        lines.append("我只向法院指定的账户或申请执行人的对公账户付款，并保存每一笔付款凭证。")
    lines += closing(settlement.court, f"被执行人：{settlement.name}", settlement.dated)
    return "\n".join(lines) + "\n"


def parse_settlement(fields: dict) -> Settlement:
    get = fields.get
    (name, applicant, court, case_number, phone, owed, total, down, monthly, start, details, dated) = collect(
        lambda: _line(get("name"), "name", "你的姓名", required=True, max_length=40),
        lambda: _line(get("applicant"), "applicant", "申请执行人", required=True),
        lambda: _line(get("court"), "court", "执行法院", required=True),
        lambda: _line(get("case_number"), "case_number", "执行案号", max_length=60),
        lambda: _line(get("phone"), "phone", "联系电话", max_length=30),
        lambda: parse_amount(get("owed"), "owed", "执行通知书上的金额", required=False, allow_zero=False),
        lambda: parse_amount(get("total"), "total", "方案合计还款金额", allow_zero=False),
        lambda: parse_amount(get("down_payment"), "down_payment", "首期金额", required=False),
        lambda: parse_amount(get("monthly"), "monthly", "每月还款金额", allow_zero=False),
        lambda: parse_date(get("start"), "start", "第一次付款的日期"),
        lambda: parse_text(get("details"), "details", "你的情况", max_length=500),
        lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    schedule = plan.make_plan(total, start, monthly=monthly, down_payment=down or Decimal("0.00"))
    return Settlement(
        name,
        applicant,
        court,
        schedule,
        case_number,
        phone,
        owed,
        details,
        dated,
        cannot_pay_at_once=parse_flag(get("cannot_pay_at_once")),
        official_account=parse_flag(get("official_account")),
    )


def settlement_tool(fields: dict, today: _dt.date | None = None) -> View:
    """The settlement page: the proposal with its schedule from plan.make_plan, and what a settlement binds."""
    settlement = parse_settlement(fields)
    text = compose_settlement(settlement)
    schedule = settlement.schedule
    table = Table(
        "方案里的每一期",
        ("期数", "日期", "金额"),
        tuple(
            (label, item.due.isoformat(), format_amount(item.amount))
            for label, item in zip(plan.labels(schedule, counted=True), schedule.installments)
        ),
        footer=("合计", "", format_amount(schedule.total)),
        numeric=(2,),
    )
    notices = (
        Notice(
            "warning",
            "和解要双方自愿，谈成了就要做到",
            (
                "这是一份提议，申请执行人可以不同意。谈的同时，执行通知书和报告财产令的期限照常计算；"
                f"要求报告财产的，照常如实报告（《民事诉讼法》{cite('civil-procedure-252', '第二百五十二条')}）。",
                f"达成和解后不履行的，法院可以根据对方的申请，恢复执行原来的判决（{cite('civil-procedure-241')}）。"
                "判决等文书确定的义务还没有履行完，又无正当理由拒不履行执行和解协议的，可能被列入失信被执行人名单"
                f"（《最高人民法院关于公布失信被执行人名单信息的若干规定》2017 年修正，{cite('dishonest-list-2017', '第一条第（六）项')}）。"
                f"确实没有钱还，本身不是列入的理由（同一规定{cite('dishonest-list-2017-3', '第三条')}）；但答应了的和解协议没有正当理由不做到，"
                "是单独的一项理由。",
                "所以每月的金额，只写你扣掉必要开支后真能拿出的数。",
            ),
            (Link("还款能力计算", "tools/budget/"), Link("还款计划", "tools/plan/"), Link("法院文书期限", "tools/court-deadlines/")),
        ),
        Notice(
            "info",
            "怎样交",
            (
                "交给执行法院的承办法官，请法院转交申请执行人；也可以同时用对方的官方渠道发一份。自己留一份，记下交的日期。",
                "谈成后，协议要写清每期的日期和金额、付款账户，以及双方签名或盖章。",
            ),
            (LOG,),
        ),
        helplines.legal_help_notice(),
        helplines.crisis_notice(deadlines.CRISIS_LEAD),
    )
    return _view("执行和解申请（还款方案）", text, SETTLEMENT_FILE, notices, "和解申请已生成，可以复制、打印或下载。", (table,))


# ---------------------------------------------------------------- 征信异议申请 / 不良信息说明

TRUTH = {
    "wrong": "这条记录有错误或遗漏",
    "true": "逾期是真的，我想补充一段说明",
}
RECIPIENTS = {
    "center": "中国人民银行征信中心",
    "lender": "报送这条信息的放贷机构",
}
ERRORS = {
    "not_mine": "这笔借款或信用卡不是我本人申请或使用的",
    "amount": "记录的金额与实际不符",
    "dates": "记录的逾期时间或逾期期数与实际不符",
    "paid": "这笔欠款已经还清，记录却仍显示未结清",
    "agreement": "我按和放贷机构的书面协议按时还款，记录却显示逾期",
}
CREDIT_OBJECTION_FILE = "征信异议申请.txt"
CREDIT_STATEMENT_FILE = "不良信息说明.txt"


@dataclass(frozen=True)
class CreditObjection:
    name: str
    recipient: str  # a RECIPIENTS key
    lender: str
    record: str
    actual: str
    errors: tuple[str, ...] = ()
    account: str = ""
    phone: str = ""
    no_notice: bool = False
    evidence: str = ""
    dated: _dt.date | None = None


@dataclass(frozen=True)
class CreditStatement:
    name: str
    lender: str
    explanation: str
    record: str = ""
    account: str = ""
    phone: str = ""
    dated: _dt.date | None = None


def _addressee(objection: CreditObjection) -> str:
    return RECIPIENTS["center"] if objection.recipient == "center" else objection.lender


def compose_credit_objection(objection: CreditObjection) -> str:
    who = f"申请人：{objection.name}"
    if objection.phone:
        who += f"，联系电话：{objection.phone}"
    lines = ["征信异议申请", "", who, "", f"{_addressee(objection)}：", "", "我查询本人信用报告时发现，下面这条信息有错误或遗漏。"]
    lines.append(f"报送机构：{objection.lender}")
    if objection.account:
        lines.append(f"账户或合同编号：{objection.account}")
    lines += [f"报告中的记录：{objection.record}", f"实际情况：{objection.actual}"]
    if objection.errors:
        lines.append("错在哪里：" + "；".join(ERRORS[key] for key in objection.errors) + "。")
    lines += [
        f"依照《征信业管理条例》{cite('credit-reporting-25')}，我对这条信息提出异议，请求：",
        *_numbered(
            (
                "对这条信息作出存在异议的标注；",
                "自收到本异议之日起 20 日内核查处理，并将结果书面答复我；",
                "经核查确有错误、遗漏的，予以更正。",
            )
        ),
    ]
    if objection.no_notice:
        lines.append(
            "另外，这条不良信息报送之前，我没有收到事先告知。"
            f"请一并说明是否已依照《征信业管理条例》{cite('credit-reporting-15')}事先告知本人。"
        )
    if objection.evidence:
        lines.append(f"我附上的材料：{objection.evidence}")
    lines += closing("敬礼", f"申请人：{objection.name}", objection.dated)
    return "\n".join(lines) + "\n"


def compose_credit_statement(statement: CreditStatement) -> str:
    who = f"申请人：{statement.name}"
    if statement.phone:
        who += f"，联系电话：{statement.phone}"
    account = f"账户或合同编号为 {statement.account} 的" if statement.account else ""
    lines = [
        "关于信用报告中不良信息的说明",
        "",
        who,
        "",
        f"{RECIPIENTS['center']}：",
        "",
        f"我的信用报告中，{statement.lender}报送的{account}逾期信息属实。",
    ]
    if statement.record:
        lines.append(f"报告中的记录：{statement.record}")
    lines += [
        "对这条信息，我想说明如下：",
        statement.explanation,
        f"依照《征信业管理条例》{cite('credit-reporting-16', '第十六条第二款')}，在不良信息保存期限内，信息主体可以对不良信息作出说明，"
        "征信机构应当予以记载。请将本说明予以记载。",
        *closing("敬礼", f"申请人：{statement.name}", statement.dated),
    ]
    return "\n".join(lines) + "\n"


def parse_credit(fields: dict):
    """A CreditObjection for a wrong record, or a CreditStatement for a true one; InputErrors for bad fields."""
    get = fields.get
    truth = parse_choice(get("truth"), "truth", "这条记录的情况", TRUTH)
    common = (
        lambda: _line(get("name"), "name", "你的姓名", required=True, max_length=40),
        lambda: _line(get("lender"), "lender", "报送这条信息的机构", required=True),
        lambda: _line(get("account"), "account", "账户或合同编号", max_length=60),
        lambda: _line(get("phone"), "phone", "联系电话", max_length=30),
        lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    if truth == "true":
        name, lender, account, phone, dated, record, explanation = collect(
            *common,
            lambda: parse_text(get("record"), "record", "报告中的记录", max_length=300),
            lambda: parse_text(get("explanation"), "explanation", "你想说明的情况", required=True, max_length=500),
        )
        return CreditStatement(name, lender, explanation, _one_line(record), account, phone, dated)
    errors = parse_choices(get("errors"), ERRORS)
    name, lender, account, phone, dated, recipient, record, actual, evidence = collect(
        *common,
        lambda: parse_choice(get("recipient"), "recipient", "交给谁", RECIPIENTS, default="center"),
        lambda: parse_text(get("record"), "record", "报告中的记录", required=True, max_length=300),
        lambda: parse_text(get("actual"), "actual", "实际情况", required=True, max_length=500),
        lambda: parse_text(get("evidence"), "evidence", "附上的材料", max_length=300),
    )
    return CreditObjection(
        name=name,
        recipient=recipient,
        lender=lender,
        record=_one_line(record),
        actual=_one_line(actual),
        errors=errors,
        account=account,
        phone=phone,
        no_notice=parse_flag(get("no_notice")),
        evidence=_one_line(evidence),
        dated=dated,
    )


NOTICE_RULE = Notice(
    "info",
    "报送前没有告诉你？",
    (
        f"放贷机构把你的不良信息报给征信机构之前，应当事先告诉你本人，依法公开的不良信息除外（《征信业管理条例》{cite('credit-reporting-15')}）。",
        f"没有事先告知的，可以向当地人民银行分支机构投诉（{cite('credit-reporting-26')}）；未告知、情节严重的，监管部门可以罚款（{cite('credit-reporting-41')}）。",
        f"{cite('credit-reporting-15')}管的是报送前的告知。逾期本身是不是真的，仍按{cite('credit-reporting-25')}核查。",
    ),
)
SCAM_WARNING = Notice(
    "danger",
    "不要付钱给“征信修复”",
    (
        "据报道，人民银行工作人员表示，逾期记录由报送的机构负责，别人没有修改或删除的权限，"
        "所谓“征信修复”“征信洗白”并不存在（淮安日报 2022-01-29 报道）。",
        "据报道，金融监管部门提示过，有人在付费“代理”的唆使下伪造材料、提交不实投诉，最后可能要自己承担法律责任"
        "（国家金融监督管理总局 2024 年风险提示，以官方公布为准）。异议只写真实的情况。",
    ),
    (Link("小心骗局和陷阱", "guide/watch-out/"),),
)


def credit_objection_tool(fields: dict, today: _dt.date | None = None) -> View:
    """The credit-record page: an objection for a wrong record, a statement for a true one."""
    paper = parse_credit(fields)
    if isinstance(paper, CreditStatement):
        text = compose_credit_statement(paper)
        notices = (
            Notice(
                "warning",
                "真实的逾期，异议删不掉",
                (
                    f"异议只能更正错误和遗漏（《征信业管理条例》{cite('credit-reporting-25')}）。",
                    f"不良信息从不良行为或事件终止之日起保存 5 年，满 5 年删除（{cite('credit-reporting-16')}）。"
                    "据报道，人民银行的说法是逾期信息从还清欠款时起还要保存 5 年（以官方公布为准）。",
                    f"在保存期间，你可以对不良信息作出说明，征信机构应当记载（{cite('credit-reporting-16', '第十六条第二款')}）。这份说明就是为此准备的。",
                    f"协商成功后，留意放贷机构是否按协议报送以后的还款情况。每年可以免费查两次本人信用报告（{cite('credit-reporting-17')}）。",
                ),
                (Link("征信记录有错怎么办", "guide/credit-record/"),),
            ),
            *((NOTICE_RULE,) if parse_flag(fields.get("no_notice")) else ()),
            SCAM_WARNING,
        )
        return _view("不良信息说明", text, CREDIT_STATEMENT_FILE, notices, "说明已生成，可以复制、打印或下载。")
    text = compose_credit_objection(paper)
    notices = (
        Notice(
            "info",
            "交了以后会怎样",
            (
                f"可以交给征信中心，也可以交给报送信息的放贷机构（《征信业管理条例》{cite('credit-reporting-25')}）。自己留一份，记下交的日期。",
                f"对方收到后，要对这条信息作存在异议的标注，在 20 日内核查处理，并书面答复你（{cite('credit-reporting-25')}）。",
                "核查后有三种结果：确有错误、遗漏的，予以更正；没有错误的，取消异议标注；仍不能确认的，记载核查情况和异议内容"
                f"（{cite('credit-reporting-25')}）。结果由核查决定，这份申请不保证记录会被改。",
                f"认为权益受到侵害的，可以向当地人民银行分支机构投诉，受理后 30 日内书面答复；也可以直接向法院起诉（{cite('credit-reporting-26')}）。"
                "据报道，12363 受理征信方面的咨询投诉，原则上先向金融机构反映（以官方公布为准）。",
            ),
            (Link("征信记录有错怎么办", "guide/credit-record/"), Link("投诉信", "tools/complaint/"), LOG),
        ),
        *((NOTICE_RULE,) if paper.no_notice else ()),
        SCAM_WARNING,
    )
    return _view("征信异议申请", text, CREDIT_OBJECTION_FILE, notices, "异议申请已生成，可以复制、打印或下载。")


# ---------------------------------------------------------------- 给放贷机构或催收方的信

LETTER_KINDS = {
    "assignment": "请求出示债权转让证明",
    "breakdown": "请求提供欠款明细",
    "third_parties": "请求停止联系第三人",
}
LETTER_TITLES = {
    "assignment": "请求出示债权转让证明的函",
    "breakdown": "请求提供欠款明细的函",
    "third_parties": "请求停止联系第三人的函",
}


@dataclass(frozen=True)
class LenderLetter:
    kind: str
    name: str
    recipient: str
    lender: str
    loan_number: str = ""
    phone: str = ""
    claimed: Decimal | None = None  # assignment and breakdown only
    contacted: str = ""  # third_parties only
    contact_date: _dt.date | None = None  # assignment and third_parties
    dated: _dt.date | None = None
    no_personal_account: bool = False  # assignment only: the reader ticked "no payment to a personal account"


def _contact_me(letter: LenderLetter) -> str:
    how = f"通过电话 {letter.phone} 或书面方式" if letter.phone else "通过书面方式"
    return f"有关这笔借款的事，请{how}直接联系我本人。"


def _letter_body(letter: LenderLetter) -> list[str]:
    number = f"，借款合同编号 {letter.loan_number}" if letter.loan_number else ""
    when = f"{_date(letter.contact_date)}，" if letter.contact_date else ""
    claimed = format_amount(letter.claimed) if letter.claimed is not None else ""
    if letter.kind == "assignment":
        body = [
            f"我是{letter.name}{number}。{when}你方联系我，称我在{letter.lender}的借款已经转让给你方，或者由你方负责收取。"
            + (f"你方说我欠 {claimed}。" if claimed else ""),
            f"《民法典》{cite('civil-code-546')}规定，债权人转让债权，未通知债务人的，该转让对债务人不发生效力。"
            "为了核实，请你方以书面形式提供：",
            *_numbered(
                (
                    "债权转让通知，或者其他能证明这笔债权已经转让给你方的书面材料；",
                    "如果你方是受委托收款或催收，请提供委托方出具的委托证明，写明委托的范围和期限；",
                    "你方主张的欠款金额，以及其中本金、利息和各项费用分别是多少。",
                )
            ),
            f"收到材料后，我会向{letter.lender}核实。"
            + ("核实之前，我不会向任何个人账户付款。" if letter.no_personal_account else ""),
        ]
    elif letter.kind == "breakdown":
        body = [
            f"我是{letter.lender}的借款人{letter.name}{number}。"
            + (f"你方告诉我目前欠款 {claimed}。" if claimed else "")
            + "为了核对欠款、商量还款，请你方以书面形式提供这笔借款的明细：",
            *_numbered(
                (
                    "合同约定的借款本金，以及实际放款到我账户的金额和日期；",
                    "目前还没有归还的本金；",
                    "利息：约定的利率、计息的起止日期和金额；",
                    "罚息、逾期利息和违约金：各自的计算标准、起止日期和金额；",
                    "其他每一项费用：名称、收取依据和金额；",
                    "我已经还过的每一笔款项：日期、金额，以及每一笔抵充了哪一部分；",
                    "以上各项相加得出的欠款总额。",
                )
            ),
        ]
    else:
        told = f"{when}你方就我的欠款联系了{letter.contacted}。" if letter.contacted else ""
        body = [
            f"我是{letter.lender}的借款人{letter.name}{number}。{told}",
            "这笔借款的事由我本人处理。请你方停止就这笔借款联系我的家人、朋友、同事和通讯录里的其他人，"
            "也不要向他们透露我的借款信息。",
            f"《民法典》{cite('civil-code-1033')}规定，除法律另有规定或者权利人明确同意外，任何组织或者个人不得以电话、短信、"
            f"即时通讯工具等方式侵扰他人的私人生活安宁；{cite('civil-code-1034')}规定，自然人的个人信息受法律保护。"
            f"《个人信息保护法》{cite('personal-information-law-6')}要求，处理个人信息应当与处理目的直接相关，采取对个人权益影响最小的方式；"
            "收集个人信息，应当限于实现处理目的的最小范围。",
            "我会保存往来的记录。",
        ]
    return body + [_contact_me(letter)]


def compose_lender_letter(letter: LenderLetter) -> str:
    lines = [
        LETTER_TITLES[letter.kind],
        "",
        f"{letter.recipient}：",
        "",
        *_letter_body(letter),
        *closing("敬礼", letter.name, letter.dated),
    ]
    return "\n".join(lines) + "\n"


def parse_lender_letter(fields: dict) -> LenderLetter:
    get = fields.get
    (kind, name, recipient, lender, loan_number, phone, claimed, contacted, contact_date, dated) = collect(
        lambda: parse_choice(get("kind"), "kind", "要写哪一封信", LETTER_KINDS),
        lambda: _line(get("name"), "name", "你的姓名", required=True, max_length=40),
        lambda: _line(get("recipient"), "recipient", "收信的一方", required=True),
        lambda: _line(get("lender"), "lender", "借款的平台或放款机构", required=True),
        lambda: _line(get("loan_number"), "loan_number", "借款合同编号", max_length=60),
        lambda: _line(get("phone"), "phone", "联系电话", max_length=30),
        lambda: parse_amount(get("claimed"), "claimed", "对方说你欠的金额", required=False, allow_zero=False),
        lambda: _line(get("contacted"), "contacted", "被联系的人", max_length=100),
        lambda: parse_date(get("contact_date"), "contact_date", "对方联系的日期", required=False),
        lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    return LenderLetter(
        kind=kind,
        name=name,
        recipient=recipient,
        lender=lender,
        loan_number=loan_number,
        phone=phone,
        claimed=claimed if kind in ("assignment", "breakdown") else None,
        contacted=contacted if kind == "third_parties" else "",
        contact_date=contact_date if kind in ("assignment", "third_parties") else None,
        dated=dated,
        no_personal_account=kind == "assignment" and parse_flag(get("no_personal_account")),
    )


LETTER_NOTICES = {
    "assignment": Notice(
        "info",
        "债转给了别人，怎么核实",
        (
            f"债权人转让债权，通知了你以后，转让就对你发生效力（《民法典》{cite('civil-code-546')}）。"
            "所以原平台客服一时查不到，也不能就此不管；要看对方的证明，再向原平台的官方渠道核实。",
            f"受委托的催收方以平台名义作出的承诺，在委托权限内才对平台发生效力（《民法典》{cite('civil-code-162')}）。"
            "减免、分期这类重要承诺，要有平台盖章或官方渠道的确认。",
            "让你转账到个人账户、先交保证金或解冻费的，按诈骗对待，不要付钱，可以打 110 报警。",
        ),
        (Link("诈骗风险自查", "tools/scam-check/"), Link("找对协商渠道", "guide/channels/")),
    ),
    "breakdown": Notice(
        "info",
        "拿到明细以后",
        (
            f"还的钱不够清偿全部债务、双方又没有另外约定的，先抵实现债权的费用，再抵利息，最后抵本金（《民法典》{cite('civil-code-561')}）。"
            "所以协商时，最好书面约定还款先抵哪一部分。",
            f"放款时预先扣除的利息，应当按实际借到的钱计算本金和利息（《民法典》{cite('civil-code-670')}）。",
            "利息和费用折算成年化利率是多少，可以用年化利率计算核一核。",
        ),
        (RATE_CHECKER, Link("协商还款申请书", "tools/letter/")),
    ),
    "third_parties": Notice(
        "info",
        "这封信的依据和边界",
        (
            "信里引用的是《民法典》和《个人信息保护法》的原文。催收方联系你的家人、同事是否违法，要看具体情况；"
            "但你可以据此要求对方停止，也可以把记录作为投诉的依据。",
            "据第三方转引，信用卡的监管规章要求发卡银行不得对与债务无关的第三人催收（以官方公布为准）。"
            "据报道，中国银行业协会 2026 年的催收工作指引也要求原则上不向无关第三人催收，不透露债务信息"
            "（行业自律规范，以中国银行业协会公布为准）。",
            "有人威胁你或家人的人身安全、上门纠缠的，直接打 110 报警。",
        ),
        (Link("投诉信", "tools/complaint/"), Link("催收中你的权利", "guide/rights/")),
    ),
}
SENDING = Notice(
    "info",
    "怎样发出",
    (
        "通过对方的官方渠道发：App 里的在线客服、官方邮箱，或者寄到对方公司的地址。不要只发给催收人员的私人账号。",
        "发出前自己留一份，发出的日期和对方的答复记在沟通记录里。",
    ),
    (LOG,),
)


def lender_letter_tool(fields: dict, today: _dt.date | None = None) -> View:
    """The letters page: one of three letters, with what it rests on and how to send it."""
    letter = parse_lender_letter(fields)
    text = compose_lender_letter(letter)
    title = LETTER_TITLES[letter.kind]
    return _view(title, text, f"{title}.txt", (LETTER_NOTICES[letter.kind], SENDING), "信已生成，可以复制、打印或下载。")
