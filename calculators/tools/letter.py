"""The negotiation letter page (协商还款申请书): reads the form, checks the proposal, and shows the
letter written by documents/negotiation_letter.py.

The proposal's figures come from `make_plan`, never from restating what was typed: the
count, each installment and the total in the letter are the schedule's. The reader's total,
when given, is checked against the down payment, deferral, monthly amount and count; a
difference is refused on that field with the computed figure. Without a total, the proposal
repays down payment + deferral + monthly x count, but never more than is owed.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from . import checklist, plan
from ..core.schedule import MAX_DEFERRAL_MONTHS, MAX_INSTALLMENTS, PlanError, default_start, make_plan, schedule_data
from ..core.inputs import (
    InputError,
    InputErrors,
    collect,
    parse_choices,
    parse_count,
    parse_date_near,
    parse_choice,
    parse_flag,
    parse_percent,
    parse_text,
    reference_date,
)
from ..core.irr import HUNDRED
from ..core.lender_kinds import LENDERS
from ..core.money import ZERO, format_amount, parse_amount
from ..core.view import Document, Download, Link, Notice, View
from ..documents.common import TEXT as MIME
from ..documents.common import one_line
from ..documents.negotiation_letter import FILENAME, Letter, Proposal, compose
from ..documents.rate_paragraph import letter_paragraph

DATED_YEARS_AHEAD = 1  # a letter may carry the day it will be sent, not a date years away


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

    Refused: a down payment, monthly amount or total above what is owed; a down payment and
    deferral that already pay it all; whatever make_plan refuses, among them a count that pays
    off the debt sooner or later than stated and a total that differs from what the count and
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
    try:
        schedule = make_plan(
            amount,
            start,
            monthly=monthly,
            months=months,
            down_payment=down_payment,
            deferral_months=deferral_months,
            deferral_amount=deferral_amount,
        )
    except PlanError as error:
        raise _refused(error, total=total, stated=stated, owed=owed) from None
    return Proposal(schedule=schedule, deferral_months=deferral_months, deferral_amount=deferral_amount)


def _refused(error: PlanError, *, total: Decimal | None, stated: Decimal, owed: Decimal) -> InputError:
    """The letter's words for a proposal make_plan refused: a count that does not fit is said on the
    total when one was typed (with the total the count gives, when that is within what is owed),
    else on the count; anything else in the plan tool's words."""
    if (error.key, error.reason) != ("count", "mismatch"):
        return plan.refused(error)
    pays, last = f"按每月 {format_amount(error.instalment)}", format_amount(error.last)
    if total is not None:
        message = f"{pays}，这个合计要还 {error.needed} 期（最后一期 {last}）。"
        if stated <= owed:
            message += f"按填的期数算，合计是 {format_amount(stated)}。"
        return InputError("total", message + "请让期数、每月金额和合计对上；合计也可以空着，自动计算。")
    return InputError("months", f"{pays}，{error.needed} 期就能还清目前的欠款（最后一期 {last}）。请把期数改成 {error.needed}。")


def parse(fields: dict, start: _dt.date | None = None) -> Letter:
    """The letter's contents from the raw form fields, or InputErrors naming every bad field.

    The proposal's schedule is due from `start`, or from the same day next month.
    """
    today = reference_date(fields)
    reasons = parse_choices(fields.get("reasons"), checklist.REASONS)
    got = collect(
        name=lambda: parse_text(fields.get("name"), "name", "你的姓名", required=True, max_length=40),
        lender=lambda: parse_text(fields.get("lender"), "lender", "平台或银行的名称", required=True, max_length=80),
        number=lambda: parse_text(fields.get("loan_number"), "loan_number", "合同编号", max_length=60),
        owed=lambda: parse_amount(fields.get("owed"), "owed", "目前欠款金额", allow_zero=False),
        since=lambda: parse_date_near(fields.get("overdue_since"), "overdue_since", "开始逾期的日期", today, required=False),
        details=lambda: _details(fields.get("details"), reasons),
        monthly=lambda: parse_amount(fields.get("monthly"), "monthly", "每月还款金额", allow_zero=False),
        months=lambda: parse_count(fields.get("months"), "months", "期数", maximum=MAX_INSTALLMENTS),
        down=lambda: parse_amount(fields.get("down_payment"), "down_payment", "首期款", required=False) or ZERO,
        total=lambda: parse_amount(fields.get("total"), "total", "合计还款金额", required=False, allow_zero=False),
        deferral_months=lambda: parse_count(
            fields.get("deferral_months"), "deferral_months", "缓冲期月数", minimum=0, maximum=MAX_DEFERRAL_MONTHS, required=False
        )
        or 0,
        deferral_amount=lambda: parse_amount(fields.get("deferral_amount"), "deferral_amount", "缓冲期每月金额", required=False) or ZERO,
        phone=lambda: parse_text(fields.get("phone"), "phone", "联系电话", max_length=30),
        dated=lambda: parse_date_near(fields.get("dated"), "dated", "落款日期", today, future_years=DATED_YEARS_AHEAD, required=False),
        rate_note=lambda: letter_paragraph_from(fields),
    )
    offered = proposal(
        got.owed,
        got.monthly,
        got.months,
        down_payment=got.down,
        total=got.total,
        deferral_months=got.deferral_months,
        deferral_amount=got.deferral_amount,
        start=start or default_start(today),
    )
    return Letter(
        name=one_line(got.name),
        lender=one_line(got.lender),
        owed=got.owed,
        proposal=offered,
        reasons=reasons,
        details=got.details,
        loan_number=one_line(got.number),
        overdue_since=got.since,
        ask_waiver=parse_flag(fields.get("ask_waiver")),
        phone=one_line(got.phone),
        dated=got.dated,
        rate_note=got.rate_note,
        evidence=checklist.evidence_names(reasons),
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
            level="info",
            title="发出之前",
            paragraphs=(
                "通过官方 App 的在线客服、官方邮箱或网点提交，不要发给催收人员的私人账号。",
                "只承诺你真能做到的金额。自己保存一份，发出的日期记在沟通记录里。",
            ),
            links=(Link("怎样和平台沟通", "guide/talk/"), Link("沟通记录", "tools/log/")),
        ),
    )


def letter_data(letter: Letter) -> dict:
    """The letter's facts as plain JSON values: what other tools prefill from and what
    `tools.case.store` keeps for the chosen lender."""
    return {
        "name": letter.name,
        "lender": letter.lender,
        "loan_number": letter.loan_number,
        "owed": str(letter.owed),
        "overdue_since": letter.overdue_since.isoformat() if letter.overdue_since else "",
        "phone": letter.phone,
        "reasons": list(letter.reasons),
        "monthly": str(letter.proposal.monthly),
        "months": letter.proposal.months,
        "down_payment": str(letter.proposal.down_payment) if letter.proposal.down_payment else "",
        "deferral_months": letter.proposal.deferral_months,
        "deferral_amount": str(letter.proposal.deferral_amount),
        "total": str(letter.proposal.total),
        "schedule": schedule_data(letter.proposal.schedule),
    }


def tool(fields: dict) -> View:
    """The letter page: the finished letter, remarks on the proposal, and a .txt download."""
    letter = parse(fields)
    text = compose(letter)
    return View(
        (Document("协商还款申请书", text),) + notices(letter),
        downloads=(Download(label="下载文本文件（.txt）", filename=FILENAME, mime=MIME, text=text),),
        announce="申请书已生成，可以复制、打印或下载。",
        data=letter_data(letter),
    )


LETTER_FIELDS = ("rate_paragraph", "rate_apr", "rate_limit", "rate_deducted", "rate_excess")


def letter_paragraph_from(fields: dict) -> str:
    """The paragraph from the letter form's rate_* fields: '' unless asked for; when a limit is given,
    refused unless the rate is above it or an excess was found."""
    if not isinstance(fields, dict) or not parse_flag(fields.get("rate_paragraph")):
        return ""
    got = collect(
        apr=lambda: parse_percent(fields.get("rate_apr"), "rate_apr", "实际年化利率", maximum=Decimal(10**15), required=True),
        limit=lambda: parse_percent(fields.get("rate_limit"), "rate_limit", "四倍 LPR 上限", maximum=HUNDRED),
        deducted=lambda: parse_amount(fields.get("rate_deducted"), "rate_deducted", "预先扣掉的钱", required=False),
        excess=lambda: parse_amount(fields.get("rate_excess"), "rate_excess", "超出上限的金额", required=False),
        lender=lambda: parse_choice(fields.get("rate_lender"), "rate_lender", "放款人", LENDERS, default="unknown"),
    )
    if got.limit is not None and got.apr <= got.limit and not (got.excess and got.excess > 0):
        raise InputError("rate_apr", f"实际年化利率 {got.apr:.2f}% 没有超过上限 {got.limit:.2f}%，不需要这一段。可以取消勾选。")
    return letter_paragraph(got.apr, limit=got.limit, deducted=got.deducted, excess=got.excess, lender=got.lender)

