"""Negotiation letter (协商还款申请书): a polite, factual request to repay on new terms.

The letter states the wish to repay, the hardship and its proof, a concrete proposal, and
asks for a written agreement. Everything the reader typed goes into it as plain text.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from . import checklist, rate
from .inputs import InputError, collect, parse_choices, parse_count, parse_date, parse_flag, parse_text
from .money import ZERO, format_amount, parse_amount
from .view import Document, Download, Link, Notice, View

FILENAME = "协商还款申请书.txt"
MIME = "text/plain;charset=utf-8"

REASON_PHRASES = {
    "illness": "我本人或家人生病，看病花了很多钱",
    "job_loss": "我失去了工作，收入中断",
    "pay_cut": "我的收入明显减少",
    "family": "家里发生了突发变故，开支一下子增加",
}


@dataclass(frozen=True)
class Proposal:
    monthly: Decimal
    months: int
    down_payment: Decimal = ZERO
    stated_total: Decimal | None = None

    @property
    def computed_total(self) -> Decimal:
        return self.down_payment + self.monthly * self.months

    @property
    def total(self) -> Decimal:
        """The total the reader offers: the stated total (e.g. from the plan tool) if any, else down + monthly x months."""
        return self.stated_total if self.stated_total is not None else self.computed_total

    @property
    def consistent(self) -> bool:
        """True unless the stated total differs from down + monthly x months by a whole installment or more."""
        return abs(self.total - self.computed_total) < self.monthly


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


def _plan_sentence(proposal: Proposal) -> str:
    down = f"先还首期 {format_amount(proposal.down_payment)}，" if proposal.down_payment else ""
    then = "之后" if proposal.down_payment else ""
    last = "（最后一期按剩余金额结清）" if proposal.total != proposal.computed_total else ""
    return (
        f"{down}{then}每月还款 {format_amount(proposal.monthly)}，共 {proposal.months} 期，"
        f"合计 {format_amount(proposal.total)}{last}。"
    )


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


def parse(fields: dict) -> Letter:
    """The letter's contents from the raw form fields, or InputErrors naming every bad field."""
    reasons = parse_choices(fields.get("reasons"), checklist.REASONS)
    (name, lender, number, owed, since, details, monthly, months, down, total, phone, dated, rate_note) = collect(
        lambda: parse_text(fields.get("name"), "name", "你的姓名", required=True, max_length=40),
        lambda: parse_text(fields.get("lender"), "lender", "平台或银行的名称", required=True, max_length=80),
        lambda: parse_text(fields.get("loan_number"), "loan_number", "合同编号", max_length=60),
        lambda: parse_amount(fields.get("owed"), "owed", "目前欠款金额", allow_zero=False),
        lambda: parse_date(fields.get("overdue_since"), "overdue_since", "开始逾期的日期", required=False),
        lambda: _details(fields.get("details"), reasons),
        lambda: parse_amount(fields.get("monthly"), "monthly", "每月还款金额", allow_zero=False),
        lambda: parse_count(fields.get("months"), "months", "期数", maximum=120),
        lambda: parse_amount(fields.get("down_payment"), "down_payment", "首期款", required=False),
        lambda: parse_amount(fields.get("total"), "total", "合计还款金额", required=False, allow_zero=False),
        lambda: parse_text(fields.get("phone"), "phone", "联系电话", max_length=30),
        lambda: parse_date(fields.get("dated"), "dated", "落款日期", required=False),
        lambda: rate.letter_paragraph_from(fields),
    )
    proposal = Proposal(monthly, months, down or ZERO, total)
    return Letter(
        name=_one_line(name),
        lender=_one_line(lender),
        owed=owed,
        proposal=proposal,
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
        raise InputError("details", "请勾选一个困难原因，或者用一两句话写下具体情况。")
    return details


def notices(letter: Letter) -> tuple:
    """Calm remarks about the proposal, shown beside the letter but not inside it."""
    found = []
    if not letter.proposal.consistent:
        found.append(
            Notice(
                "warning",
                "合计金额和每期金额、期数对不上",
                (
                    f"首期加上每月 {format_amount(letter.proposal.monthly)} 乘以 {letter.proposal.months} 期，"
                    f"是 {format_amount(letter.proposal.computed_total)}，和你填的合计不一样。请核对后再发出。",
                ),
                (Link("还款计划", "tools/plan/"),),
            )
        )
    found.append(
        Notice(
            "info",
            "发出之前",
            (
                "通过官方 App 的在线客服、官方邮箱或网点提交，不要发给催收人员的私人账号。",
                "只承诺你真能做到的金额。自己保存一份，发出的日期记在沟通记录里。",
            ),
            (Link("怎样和平台沟通", "guide/talk/"), Link("沟通记录", "tools/log/")),
        )
    )
    return tuple(found)


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
            "total": str(letter.proposal.total),
        },
    )
