"""征信异议申请 for a credit record the reader believes is wrong (《征信业管理条例》第二十五条), or,
for a true overdue, 不良信息说明, a statement to be recorded (第十六条)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..core.cite import cite
from .common import addressed, closing, numbered

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


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
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
    lines = [*addressed("征信异议申请", _addressee(objection), who), "我查询本人信用报告时发现，下面这条信息有错误或遗漏。"]
    lines.append(f"报送机构：{objection.lender}")
    if objection.account:
        lines.append(f"账户或合同编号：{objection.account}")
    lines += [f"报告中的记录：{objection.record}", f"实际情况：{objection.actual}"]
    if objection.errors:
        lines.append("错在哪里：" + "；".join(ERRORS[key] for key in objection.errors) + "。")
    lines += [
        f"依照《征信业管理条例》{cite('credit-reporting-25')}，我对这条信息提出异议，请求：",
        *numbered(
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
        *addressed("关于信用报告中不良信息的说明", RECIPIENTS["center"], who),
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

