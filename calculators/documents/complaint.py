"""投诉信: the complaint letter, to the lender or to a regulator. Its evidence list is the
communication log's entries in date order; an entry's empty cells are left out, never invented."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..core.contact_log import CHANNELS, Entry
from .common import addressed, closing, date_text, one_line

FILENAME = "投诉信.txt"

PROBLEM_PHRASES = {
    "collection": "催收方式不当",
    "fees": "利息、费用或扣款有问题",
    "credit": "征信记录有问题",
    "service": "协商申请或投诉没有得到回应",
    "threats": "受到威胁或纠缠",
}


@dataclass(frozen=True, kw_only=True)
class Complaint:
    name: str
    lender: str
    lender_kind: str
    problems: tuple[str, ...]
    facts: str
    requests: str
    entries: tuple[Entry, ...] = ()
    addressee: str = "lender"
    loan_number: str = ""
    phone: str = ""
    ticket: str = ""
    lender_date: _dt.date | None = None
    lender_reply: str = ""
    dated: _dt.date | None = None

    @property
    def complained_to_lender(self) -> bool:
        return bool(self.ticket or self.lender_date or self.lender_reply)


def entry_line(entry: Entry) -> str:
    """One log entry as one line of the evidence list; empty cells are left out, never invented."""
    when = entry.date.isoformat() + (f" {entry.time.strftime('%H:%M')}" if entry.time else "")
    parts = [when, CHANNELS[entry.channel]]
    if entry.who:
        parts.append(f"对方：{entry.who}")
    if entry.said:
        parts.append(f"内容：{one_line(entry.said)}")
    if entry.evidence:
        parts.append(f"证据：{entry.evidence}")
    return "，".join(parts) + "。"


def compose(complaint: Complaint) -> str:
    """The complaint letter as plain text; its evidence list is the log's entries in date order."""
    who = f"投诉人：{complaint.name}"
    if complaint.phone:
        who += f"，联系电话：{complaint.phone}"
    target = f"被投诉机构：{complaint.lender}"
    if complaint.loan_number:
        target += f"（借款合同编号 {complaint.loan_number}）"
    to = complaint.lender if complaint.addressee == "lender" else "受理投诉的部门"
    sections = [
        ("投诉事项", ["；".join(PROBLEM_PHRASES[key] for key in complaint.problems) + "。"]),
        ("事情经过", [complaint.facts]),
    ]
    if complaint.entries:
        sections.append(("沟通记录（证据清单）", [f"{i}. {entry_line(e)}" for i, e in enumerate(complaint.entries, start=1)]))
    if complaint.complained_to_lender:
        done = "我已经"
        if complaint.lender_date:
            done += f"于 {date_text(complaint.lender_date)} "
        done += f"向{complaint.lender}投诉"
        if complaint.ticket:
            done += f"，投诉编号（工单号）：{complaint.ticket}"
        done += "。"
        lines = [done]
        if complaint.lender_reply:
            lines.append(f"对方的答复：{complaint.lender_reply}")
        sections.append(("向机构投诉的情况", lines))
    sections.append(("我的请求", [complaint.requests]))
    numbers = "一二三四五六"
    lines = addressed("投诉信", to, who, target)
    for number, (heading, body) in zip(numbers, sections):
        lines.append(f"{number}、{heading}")
        lines.extend(body)
        lines.append("")
    lines.append("以上内容是我根据亲身经历如实填写的。")
    lines += closing("敬礼", f"投诉人：{complaint.name}", complaint.dated)
    return "\n".join(lines) + "\n"

