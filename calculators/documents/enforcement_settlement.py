"""执行和解申请: a repayment proposal to the applicant, through the enforcement court (《民事诉讼法》
第二百四十一条). Every figure comes from the schedule (`core.schedule.make_plan`) or from what the
reader typed; a stance appears only when the reader ticked it."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from ..core.cite import cite
from ..core.money import format_amount
from ..core.schedule import Plan, labels
from .common import closing, date_text

SETTLEMENT_FILE = "执行和解申请.txt"


@dataclass(frozen=True, kw_only=True)
class Settlement:
    name: str
    applicant: str
    court: str
    schedule: Plan
    case_number: str = ""
    phone: str = ""
    owed: Decimal | None = None  # the amount on the enforcement notice, as the reader typed it
    details: str = ""
    dated: _dt.date | None = None
    cannot_pay_at_once: bool = False  # the reader ticked: say that they cannot pay it all at once
    official_account: bool = False  # the reader ticked: say that they pay only to the court's or a company account


def _plan_sentence(schedule: Plan) -> str:
    parts = []
    if schedule.down_payment:
        first = schedule.installments[0]
        parts.append(f"{date_text(first.due)} 支付首期 {format_amount(schedule.down_payment)}")
    regular = schedule.regular
    if regular:
        start = f"自 {date_text(regular[0].due)} 起" if not schedule.down_payment else "之后"
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
            for label, item in zip(labels(schedule, counted=True), schedule.installments)
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

