"""The enforcement settlement page (执行和解申请): the proposal with its schedule from
`core.schedule.make_plan`, and what a settlement binds."""

from __future__ import annotations

from decimal import Decimal

from ..core import court_days, helplines
from ..core.cite import cite
from ..core.inputs import collect, parse_date, parse_flag, parse_line, parse_text
from ..core.money import format_amount, parse_amount
from ..core.schedule import PlanError, labels, make_plan
from ..core.view import Link, Notice, Table, View
from ..documents.common import document_view
from ..documents.enforcement_settlement import SETTLEMENT_FILE, Settlement, compose_settlement
from . import plan

RATE_CHECKER = Link("年化利率计算", "tools/rate/")
LOG = Link("沟通记录", "tools/log/")
LEGAL = helplines.LEGAL_SERVICE


def parse_settlement(fields: dict) -> Settlement:
    get = fields.get
    got = collect(
        name=lambda: parse_line(get("name"), "name", "你的姓名", required=True, max_length=40),
        applicant=lambda: parse_line(get("applicant"), "applicant", "申请执行人", required=True),
        court=lambda: parse_line(get("court"), "court", "执行法院", required=True),
        case_number=lambda: parse_line(get("case_number"), "case_number", "执行案号", max_length=60),
        phone=lambda: parse_line(get("phone"), "phone", "联系电话", max_length=30),
        owed=lambda: parse_amount(get("owed"), "owed", "执行通知书上的金额", required=False, allow_zero=False),
        total=lambda: parse_amount(get("total"), "total", "方案合计还款金额", allow_zero=False),
        down=lambda: parse_amount(get("down_payment"), "down_payment", "首期金额", required=False),
        monthly=lambda: parse_amount(get("monthly"), "monthly", "每月还款金额", allow_zero=False),
        start=lambda: parse_date(get("start"), "start", "第一次付款的日期"),
        details=lambda: parse_text(get("details"), "details", "你的情况", max_length=500),
        dated=lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    try:
        schedule = make_plan(got.total, got.start, monthly=got.monthly, down_payment=got.down or Decimal("0.00"))
    except PlanError as error:
        raise plan.refused(error) from None  # the plan tool's words; this form's fields have the same names
    return Settlement(
        name=got.name,
        applicant=got.applicant,
        court=got.court,
        schedule=schedule,
        case_number=got.case_number,
        phone=got.phone,
        owed=got.owed,
        details=got.details,
        dated=got.dated,
        cannot_pay_at_once=parse_flag(get("cannot_pay_at_once")),
        official_account=parse_flag(get("official_account")),
    )


def tool(fields: dict) -> View:
    """The settlement page: the proposal with its schedule from make_plan, and what a settlement binds."""
    settlement = parse_settlement(fields)
    text = compose_settlement(settlement)
    schedule = settlement.schedule
    table = Table(
        caption="方案里的每一期",
        headers=("期数", "日期", "金额"),
        rows=tuple(
            (label, item.due.isoformat(), format_amount(item.amount))
            for label, item in zip(labels(schedule, counted=True), schedule.installments)
        ),
        footer=("合计", "", format_amount(schedule.total)),
        numeric=(2,),
    )
    notices = (
        Notice(
            level="warning",
            title="和解要双方自愿，谈成了就要做到",
            paragraphs=(
                "这是一份提议，申请执行人可以不同意。谈的同时，执行通知书和报告财产令的期限照常计算；"
                f"要求报告财产的，照常如实报告（《民事诉讼法》{cite('civil-procedure-252', '第二百五十二条')}）。",
                f"达成和解后不履行的，法院可以根据对方的申请，恢复执行原来的判决（{cite('civil-procedure-241')}）。"
                "判决等文书确定的义务还没有履行完，又无正当理由拒不履行执行和解协议的，可能被列入失信被执行人名单"
                f"（《最高人民法院关于公布失信被执行人名单信息的若干规定》2017 年修正，{cite('dishonest-list-2017', '第一条第（六）项')}）。"
                f"确实没有钱还，本身不是列入的理由（同一规定{cite('dishonest-list-2017-3', '第三条')}）；但答应了的和解协议没有正当理由不做到，"
                "是单独的一项理由。",
                "所以每月的金额，只写你扣掉必要开支后真能拿出的数。",
            ),
            links=(Link("还款能力计算", "tools/budget/"), Link("还款计划", "tools/plan/"), Link("法院文书期限", "tools/court-deadlines/")),
        ),
        Notice(
            level="info",
            title="怎样交",
            paragraphs=(
                "交给执行法院的承办法官，请法院转交申请执行人；也可以同时用对方的官方渠道发一份。自己留一份，记下交的日期。",
                "谈成后，协议要写清每期的日期和金额、付款账户，以及双方签名或盖章。",
            ),
            links=(LOG,),
        ),
        helplines.legal_help_notice(),
        helplines.crisis_notice(court_days.CRISIS_LEAD),
    )
    return document_view("执行和解申请（还款方案）", text, SETTLEMENT_FILE, notices, "和解申请已生成，可以复制、打印或下载。", (table,))

