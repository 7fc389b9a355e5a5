"""支付令异议书: an objection to a payment order, on the debt itself (《民诉法解释》第四百三十六条:
pleading only that one cannot pay does not affect the order). It holds only what the reader typed,
the law's own words and the request; each ground appears only when the reader ticked it."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from ..core.cite import cite
from ..core.money import format_amount
from .common import closing, date_text, numbered

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


@dataclass(frozen=True, kw_only=True)
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
    received = f"我于 {date_text(objection.received)} 收到贵院发出的支付令。" if objection.received else "我收到了贵院发出的支付令。"
    lines += [
        "",
        "异议请求：",
        "请求贵院依法审查本异议，裁定终结督促程序。",
        "",
        "事实和理由：",
        received + "我对支付令所列的债务本身有异议，理由如下：",
        *numbered(_ground_sentence(key, objection) for key in objection.grounds),
    ]
    if objection.details:
        lines.append(f"补充说明：{objection.details}")
    if objection.evidence:
        lines.append(f"我可以提供的证据：{objection.evidence}")
    lines += closing(objection.court, f"异议人：{objection.name}", objection.dated)
    return "\n".join(lines) + "\n"

