"""协商还款申请书: the negotiation letter, a polite, factual request to repay on new terms.

The letter states the wish to repay, the hardship and its proof, a concrete proposal, and asks
for a written agreement. Everything the reader typed goes into it as plain text. The proposal's
figures are its schedule's (`core.schedule.make_plan`), never a restatement of what was typed;
tools/letter.py reads the form and checks that the figures fit.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from ..core.money import ZERO, format_amount
from ..core.schedule import Plan, groups, make_plan
from .common import addressed, closing, date_text

FILENAME = "协商还款申请书.txt"

REASON_PHRASES = {
    "illness": "我本人或家人生病，看病花了很多钱",
    "job_loss": "我失去了工作，收入中断",
    "pay_cut": "我的收入明显减少",
    "family": "家里发生了突发变故，开支一下子增加",
}


@dataclass(frozen=True, kw_only=True)
class Proposal:
    """The repayment the reader proposes, as the schedule `make_plan` gives for it."""

    schedule: Plan
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

    def dated(self, start: _dt.date) -> Plan:
        """The same installments, due from `start` (make_plan made them once, so it never refuses them)."""
        return make_plan(
            self.total,
            start,
            monthly=self.monthly,
            months=self.months,
            down_payment=self.down_payment,
            deferral_months=self.deferral_months,
            deferral_amount=self.deferral_amount,
        )


@dataclass(frozen=True, kw_only=True)
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
    rate_note: str = ""  # documents.rate_paragraph: the loan's real annual rate and the rules above it
    evidence: tuple[str, ...] = ()  # the short names of the hardship proofs the reader can give


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


def installments_phrase(schedule: Plan) -> str:
    """The regular installments in words: '每月还款 3,000.00 元，共 10 期' and, when they differ, how."""
    regular = schedule.regular
    runs = groups(regular)
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
    since = f"，自 {date_text(letter.overdue_since)} 起没能按时还款" if letter.overdue_since else ""
    evidence = letter.evidence
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
        *addressed("协商还款申请书", letter.lender),
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
        *closing("敬礼", f"申请人：{letter.name}", letter.dated, self_prepared=False),
    ]
    return "\n".join(lines) + "\n"

