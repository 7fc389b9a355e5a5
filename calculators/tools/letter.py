"""Negotiation letter (协商还款申请书): a polite, factual request to repay on new terms.

The letter states the wish to repay, the hardship and its proof, a concrete proposal, and
asks for a written agreement. Everything the reader typed goes into it as plain text.

The proposal's figures come from `plan.make_plan`, never from restating what was typed: the
count, each installment and the total in the letter are the schedule's. The reader's total,
when given, is checked against the down payment, deferral, monthly amount and count; a
difference is refused on that field with the computed figure. Without a total, the proposal
repays down payment + deferral + monthly x count, but never more than is owed.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from . import checklist, plan, rate
from ..core.inputs import (
    InputError,
    InputErrors,
    collect,
    parse_choices,
    parse_count,
    parse_date_near,
    parse_flag,
    parse_text,
    reference_date,
)
from ..core.money import ZERO, format_amount, parse_amount
from ..core.view import Document, Download, Link, Notice, View

FILENAME = "协商还款申请书.txt"
MIME = "text/plain;charset=utf-8"
DATED_YEARS_AHEAD = 1  # a letter may carry the day it will be sent, not a date years away

REASON_PHRASES = {
    "illness": "我本人或家人生病，看病花了很多钱",
    "job_loss": "我失去了工作，收入中断",
    "pay_cut": "我的收入明显减少",
    "family": "家里发生了突发变故，开支一下子增加",
}


@dataclass(frozen=True)
class Proposal:
    """The repayment the reader proposes, as the schedule `plan.make_plan` gives for it."""

    schedule: plan.Plan
    deferral_months: int = 0
    deferral_amount: Decimal = ZERO

    @property
    def down_payment(self) -> Decimal:
        return self.schedule.down_payment

    @property
    def monthly(self) -> Decimal:
        return self.schedule.monthly

    @property
    def months(self) -> int:
        return len(self.schedule.regular)

    @property
    def total(self) -> Decimal:
        return self.schedule.total

    def dated(self, start: _dt.date) -> plan.Plan:
        """The same installments, due from `start`."""
        return plan.make_plan(
            self.total,
            start,
            monthly=self.monthly,
            months=self.months,
            down_payment=self.down_payment,
            deferral_months=self.deferral_months,
            deferral_amount=self.deferral_amount,
        )


def proposal(
    owed: Decimal,
    monthly: Decimal,
    months: int,
    *,
    down_payment: Decimal = ZERO,
    total: Decimal | None = None,
    deferral_months: int = 0,
    deferral_amount: Decimal = ZERO,
    start: _dt.date,
) -> Proposal:
    """The proposal's schedule, or InputError(s) naming the field that does not fit.

    Refused: a down payment, monthly amount or total above what is owed; a count that pays
    off the debt sooner or later than stated; a total that differs from what the count and
    amounts give (the message shows the computed figure).
    """
    problems = []
    if down_payment > owed:
        problems.append(InputError("down_payment", "首期款不能比目前欠款还多。"))
    if monthly > owed:
        problems.append(InputError("monthly", "每月还款金额不能比目前欠款还多。"))
    if total is not None and total > owed:
        problems.append(InputError("total", "合计还款金额不能比目前欠款还多。"))
    if problems:
        raise InputErrors(problems)
    first = down_payment + deferral_amount * deferral_months
    stated = first + monthly * months
    amount = total if total is not None else min(owed, stated)
    rest = amount - first
    if rest <= 0:
        field = "total" if total is not None else "months"
        raise InputError(field, "首期和缓冲期的钱已经够还清，不需要再每月还款。请减少首期或缓冲期的金额。")
    if monthly <= rest and not plan.fits(rest, monthly, months):
        needed = plan.installments_needed(rest, monthly)
        last = plan.regular_amounts(rest, monthly, needed)[-1]
        if total is not None:
            message = f"按每月 {format_amount(monthly)}，这个合计要还 {needed} 期（最后一期 {format_amount(last)}）。"
            if stated <= owed:
                message += f"按填的期数算，合计是 {format_amount(stated)}。"
            raise InputError("total", message + "请让期数、每月金额和合计对上；合计也可以空着，自动计算。")
        raise InputError(
            "months",
            f"按每月 {format_amount(monthly)}，{needed} 期就能还清目前的欠款（最后一期 {format_amount(last)}）。请把期数改成 {needed}。",
        )
    schedule = plan.make_plan(
        amount,
        start,
        monthly=monthly,
        months=months,
        down_payment=down_payment,
        deferral_months=deferral_months,
        deferral_amount=deferral_amount,
    )
    return Proposal(schedule, deferral_months, deferral_amount)


@dataclass(frozen=True)
class Letter:
    name: str
    lender: str
    owed: Decimal
    proposal: Proposal
    reasons: tuple[str, ...] = ()
    details: str = ""
    loan_number: str = ""
    overdue_since: _dt.date | None = None
    ask_waiver: bool = False
    phone: str = ""
    dated: _dt.date | None = None
    rate_note: str = ""  # rate.letter_paragraph: the loan's real annual rate and the rules above it


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _date(value: _dt.date) -> str:
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def _reason_sentence(letter: Letter) -> str:
    phrases = [REASON_PHRASES[key] for key in letter.reasons if key in REASON_PHRASES]
    parts = []
    if phrases:
        parts.append(f"因为{'；'.join(phrases)}，我暂时没有能力按原合同足额还款。")
    if letter.details:
        parts.append(f"具体情况是：{letter.details}")
    elif not phrases:
        parts.append("因为遇到了特殊困难，我暂时没有能力按原合同足额还款。")
    return "\n".join(parts)


def installments_phrase(schedule: plan.Plan) -> str:
    """The regular installments in words: '每月还款 3,000.00 元，共 10 期' and, when they differ, how."""
    regular = schedule.regular
    runs = plan.groups(regular)
    count = len(regular)
    if len(runs) == 1:
        return f"每月还款 {format_amount(schedule.monthly)}，共 {count} 期"
    (first_count, first_amount), (rest_count, rest_amount) = runs
    if rest_count == 1:
        return f"每月还款 {format_amount(first_amount)}，共 {count} 期，最后一期 {format_amount(rest_amount)}"
    return f"共 {count} 期，前 {first_count} 期每期 {format_amount(first_amount)}，后 {rest_count} 期每期 {format_amount(rest_amount)}"


def _plan_sentence(proposal: Proposal) -> str:
    parts = []
    if proposal.down_payment:
        parts.append(f"先还首期 {format_amount(proposal.down_payment)}")
    if proposal.deferral_months:
        if proposal.deferral_amount:
            parts.append(f"接下来 {proposal.deferral_months} 个月为缓冲期，每月还 {format_amount(proposal.deferral_amount)}")
        else:
            parts.append(f"接下来 {proposal.deferral_months} 个月为缓冲期，暂不还款")
    regular = installments_phrase(proposal.schedule)
    parts.append(f"之后{regular}" if parts else regular)
    return "，".join(parts) + f"，合计 {format_amount(proposal.total)}。"


def compose(letter: Letter) -> str:
    """The full letter as plain text with '\\n' line breaks, ready to copy, print or save."""
    proposal = letter.proposal
    number = f"，借款合同编号 {letter.loan_number}" if letter.loan_number else ""
    since = f"，自 {_date(letter.overdue_since)} 起没能按时还款" if letter.overdue_since else ""
    evidence = checklist.evidence_names(letter.reasons)
    if evidence:
        proof = f"我可以提供这些证明材料：{'；'.join(evidence)}。"
    else:
        proof = "相关的证明材料，我可以按贵司的要求提供。"
    relief = ""
    if proposal.total < letter.owed:
        relief = (
            f"这个方案比目前的欠款少 {format_amount(letter.owed - proposal.total)}，"
            "恳请贵司考虑减免相应的逾期利息、罚息或违约金。"
        )
    elif letter.ask_waiver:
        relief = "恳请贵司考虑减免部分逾期利息、罚息或违约金。"
    contact = f"我的联系电话是 {letter.phone}。" if letter.phone else ""
    lines = [
        "协商还款申请书",
        "",
        f"{letter.lender}：",
        "",
        f"我是借款人{letter.name}{number}。这笔借款目前欠款 {format_amount(letter.owed)}{since}。"
        "我没有逃避这笔债务的打算，希望和贵司商量一个我做得到的方式，把欠款还清。",
        "",
        "一、还款困难的原因",
        _reason_sentence(letter),
        proof,
        "",
        "二、我的还款方案",
        f"我按自己每月的实际收入和必要开支算过，能做到的是：{_plan_sentence(proposal)}",
    ]
    if relief:
        lines.append(relief)
    lines += ["以后收入有变化，我会主动告诉贵司；需要的话，我也可以定期提供收入证明。"]
    if letter.rate_note:
        lines += ["", "三、关于利息和费用", letter.rate_note]
    lines += [
        "",
        "四、请求" if letter.rate_note else "三、请求",
        "如果贵司同意这个方案，或者提出别的方案，请给我一份书面协议或可以保存的电子确认，"
        "写明每期的金额和日期、还款账户、费用减免、违约责任和生效条件。"
        "我只通过贵司的官方 App 或对公账户还款。",
        "",
        f"{contact}感谢贵司的考虑。",
        "",
        "此致",
        "敬礼",
        "",
        f"申请人：{letter.name}",
        f"日期：{_date(letter.dated) if letter.dated else '      年    月    日'}",
    ]
    return "\n".join(lines) + "\n"


def parse(fields: dict, start: _dt.date | None = None) -> Letter:
    """The letter's contents from the raw form fields, or InputErrors naming every bad field.

    The proposal's schedule is due from `start`, or from the same day next month.
    """
    today = reference_date(fields)
    reasons = parse_choices(fields.get("reasons"), checklist.REASONS)
    (name, lender, number, owed, since, details, monthly, months, down, total, deferral_months, deferral_amount, phone, dated, rate_note) = collect(
        lambda: parse_text(fields.get("name"), "name", "你的姓名", required=True, max_length=40),
        lambda: parse_text(fields.get("lender"), "lender", "平台或银行的名称", required=True, max_length=80),
        lambda: parse_text(fields.get("loan_number"), "loan_number", "合同编号", max_length=60),
        lambda: parse_amount(fields.get("owed"), "owed", "目前欠款金额", allow_zero=False),
        lambda: parse_date_near(fields.get("overdue_since"), "overdue_since", "开始逾期的日期", today, required=False),
        lambda: _details(fields.get("details"), reasons),
        lambda: parse_amount(fields.get("monthly"), "monthly", "每月还款金额", allow_zero=False),
        lambda: parse_count(fields.get("months"), "months", "期数", maximum=plan.MAX_INSTALLMENTS),
        lambda: parse_amount(fields.get("down_payment"), "down_payment", "首期款", required=False) or ZERO,
        lambda: parse_amount(fields.get("total"), "total", "合计还款金额", required=False, allow_zero=False),
        lambda: parse_count(
            fields.get("deferral_months"), "deferral_months", "缓冲期月数", minimum=0, maximum=plan.MAX_DEFERRAL_MONTHS, required=False
        )
        or 0,
        lambda: parse_amount(fields.get("deferral_amount"), "deferral_amount", "缓冲期每月金额", required=False) or ZERO,
        lambda: parse_text(fields.get("phone"), "phone", "联系电话", max_length=30),
        lambda: parse_date_near(fields.get("dated"), "dated", "落款日期", today, future_years=DATED_YEARS_AHEAD, required=False),
        lambda: rate.letter_paragraph_from(fields),
    )
    offered = proposal(
        owed,
        monthly,
        months,
        down_payment=down,
        total=total,
        deferral_months=deferral_months,
        deferral_amount=deferral_amount,
        start=start or plan.default_start(today),
    )
    return Letter(
        name=_one_line(name),
        lender=_one_line(lender),
        owed=owed,
        proposal=offered,
        reasons=reasons,
        details=details,
        loan_number=_one_line(number),
        overdue_since=since,
        ask_waiver=parse_flag(fields.get("ask_waiver")),
        phone=_one_line(phone),
        dated=dated,
        rate_note=rate_note,
    )


def _details(raw, reasons) -> str:
    details = parse_text(raw, "details", "具体情况", max_length=500)
    if not details and not reasons:
        raise InputError("details", "请勾选一个困难原因，或者用一两句话写下具体情况。", label="困难原因或具体情况", missing=True)
    return details


def notices(letter: Letter) -> tuple:
    """Calm remarks about the proposal, shown beside the letter but not inside it."""
    return (
        Notice(
            "info",
            "发出之前",
            (
                "通过官方 App 的在线客服、官方邮箱或网点提交，不要发给催收人员的私人账号。",
                "只承诺你真能做到的金额。自己保存一份，发出的日期记在沟通记录里。",
            ),
            (Link("怎样和平台沟通", "guide/talk/"), Link("沟通记录", "tools/log/")),
        ),
    )


def tool(fields: dict) -> View:
    """The letter page: the finished letter, remarks on the proposal, and a .txt download."""
    letter = parse(fields)
    text = compose(letter)
    return View(
        (Document("协商还款申请书", text),) + notices(letter),
        downloads=(Download("下载文本文件（.txt）", FILENAME, MIME, text),),
        announce="申请书已生成，可以复制、打印或下载。",
        data={
            "name": letter.name,
            "lender": letter.lender,
            "loan_number": letter.loan_number,
            "owed": str(letter.owed),
            "overdue_since": letter.overdue_since.isoformat() if letter.overdue_since else "",
            "monthly": str(letter.proposal.monthly),
            "months": letter.proposal.months,
            "down_payment": str(letter.proposal.down_payment) if letter.proposal.down_payment else "",
            "deferral_months": letter.proposal.deferral_months,
            "deferral_amount": str(letter.proposal.deferral_amount),
            "total": str(letter.proposal.total),
            "schedule": plan.schedule_data(letter.proposal.schedule),
        },
    )
