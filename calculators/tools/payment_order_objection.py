"""The payment order objection page (支付令异议书): the objection, or, for a reader who only cannot
pay now, why it would not help; with the 15-day deadline."""

from __future__ import annotations

import datetime as _dt

from ..core import court_days, helplines
from ..core.cite import cite
from ..core.inputs import InputError, collect, parse_choice, parse_choices, parse_date, parse_line, parse_text, reference_date
from ..core.money import parse_amount
from ..core.view import Link, Notice, View
from ..documents.common import document_view, one_line
from ..documents.payment_order_objection import GROUNDS, OBJECTION_FILE, STANCES, Objection, compose_objection

RATE_CHECKER = Link("年化利率计算", "tools/rate/")
LOG = Link("沟通记录", "tools/log/")
LEGAL = helplines.LEGAL_SERVICE


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

    got = collect(
        need_grounds=need_grounds,
        name=lambda: parse_line(get("name"), "name", "你的姓名", required=True, max_length=40),
        court=lambda: parse_line(get("court"), "court", "发出支付令的法院", required=True),
        creditor=lambda: parse_line(get("creditor"), "creditor", "申请支付令的一方（债权人）", required=True),
        case_number=lambda: parse_line(get("case_number"), "case_number", "支付令上的案号", max_length=60),
        phone=lambda: parse_line(get("phone"), "phone", "联系电话", max_length=30),
        address=lambda: parse_line(get("address"), "address", "住址", max_length=120),
        received=lambda: parse_date(get("received"), "received", "收到支付令的日期", required=False),
        claimed=lambda: parse_amount(get("claimed"), "claimed", "支付令要求支付的金额", required=False, allow_zero=False),
        actual=lambda: parse_amount(get("actual_received"), "actual_received", "实际到手的金额", required=False, allow_zero=False),
        repaid=lambda: parse_amount(get("repaid"), "repaid", "已经还过的金额", required=False, allow_zero=False),
        details=details,
        evidence=lambda: parse_text(get("evidence"), "evidence", "可以提供的证据", max_length=500),
        dated=lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    return Objection(
        name=got.name,
        court=got.court,
        creditor=got.creditor,
        grounds=grounds,
        case_number=got.case_number,
        phone=got.phone,
        address=got.address,
        received=got.received,
        claimed=got.claimed if "amount" in grounds else None,
        actual_received=got.actual if "upfront" in grounds else None,
        repaid=got.repaid if "repaid" in grounds else None,
        details=got.details,
        evidence=one_line(got.evidence),
        dated=got.dated,
    )


def _payment_order_deadline(received: _dt.date | None, today: _dt.date) -> Notice:
    if received is None:
        return Notice(
            level="warning",
            title="异议要在收到支付令之日起 15 日内交到法院",
            paragraphs=(f"填上收到支付令的日期，这里会算出最后一天。收到的当天不算（《民事诉讼法》{cite('civil-procedure-85')}）。",),
            links=(Link("法院文书期限", "tools/court-deadlines/"),),
        )
    day = court_days.last_day(received, court_days.STATUTORY_DAYS)
    when = f"{day.isoformat()}（{court_days.weekday(day)}）"
    if day < today:
        return Notice(
            level="danger",
            title=f"按这台设备的日期，15 日已经在 {when} 过了",
            paragraphs=(
                f"超过法定期间提出的异议，视为没有提出（《民诉法解释》{cite('civil-procedure-interpretation-431')}）。先核对收到的日期是否填对。",
                f"因正当理由耽误期限的，可以在障碍消除后 10 日内申请顺延，是否准许由法院决定（《民事诉讼法》{cite('civil-procedure-86')}）。"
                f"请尽快联系发支付令的法院，或者打 {LEGAL} 问下一步怎么办。",
            ),
        )
    return Notice(
        level="warning",
        title=f"异议最晚要在 {when}交到法院",
        paragraphs=(
            f"这是按收到的日期算出的第 15 天，收到的当天不算（《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}、{cite('civil-procedure-85')}）。"
            "遇到周末或节假日可能顺延，但请不要等，提前交。",
            f"书面材料在期满前交邮的，不算过期（{cite('civil-procedure-85')}）。用能查到寄出日期的方式寄，保存好凭证。",
        ),
        links=(Link("法院文书期限", "tools/court-deadlines/"),),
    )


def _cannot_paydocument_view(received: _dt.date | None, today: _dt.date) -> View:
    blocks = (
        Notice(
            level="warning",
            title="只是还不起，书面异议挡不住支付令",
            paragraphs=(
                "债务人对债务本身没有异议，只是说缺乏清偿能力、请求延期或者换一种还法的，不影响支付令的效力"
                f"（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。所以这里不生成异议书。",
                "在期限内能做的：清偿；或者尽快和债权人商量分期，把谈好的内容写成书面协议。"
                "谈的同时，15 日照常计算，不会停下。",
                f"期限内既不异议又不清偿的，债权人可以向法院申请执行（《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}）。",
                "如果其实对金额、利息费用、预先扣款或已还款有不同意见，请在上面改选第一项。",
            ),
            links=(Link("协商还款申请书", "tools/letter/"), Link("还款计划", "tools/plan/"), Link("收到法院材料怎么办", "guide/court/")),
        ),
        _payment_order_deadline(received, today),
        helplines.legal_help_notice(),
        helplines.crisis_notice(court_days.CRISIS_LEAD),
    )
    return View(blocks, announce="只是还不起，不能作为支付令异议的理由。请看下面的说明和期限。")


def tool(fields: dict) -> View:
    """The objection page: the objection, or, for a reader who only cannot pay now, why it would not help.
    Whether the 15 days have passed is judged on `today`, or else the reader's date sent by the page."""
    today = reference_date(fields)
    stance = parse_choice(fields.get("stance"), "stance", "你的情况", STANCES)
    if stance == "cannot_pay":
        received = parse_date(fields.get("received"), "received", "收到支付令的日期", required=False)
        return _cannot_paydocument_view(received, today)
    objection = parse_objection(fields)
    text = compose_objection(objection)
    notices = (
        _payment_order_deadline(objection.received, today),
        Notice(
            level="info",
            title="怎样交，交了以后",
            paragraphs=(
                f"交到发出支付令的那家法院，要书面的；口头异议无效（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。"
                "签名后复印一份自己留着，请法院在你的副本上注明收到日期，或者保存邮寄凭证。",
                "只写真实的情况，附上能证明的材料：借款合同、放款和还款的银行流水、还款截图。",
                f"法院经审查认为异议成立的，裁定终结督促程序，支付令失效，一般转入诉讼（《民事诉讼法》{cite('civil-procedure-225', '第二百二十八条')}）；"
                f"认为不成立的，裁定驳回（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。结果由法院决定，谁也保证不了。",
                "利息和费用是否过高，可以先用年化利率计算核一核。",
            ),
            links=(RATE_CHECKER, Link("收到法院材料怎么办", "guide/court/")),
        ),
        helplines.legal_help_notice(),
        helplines.crisis_notice(court_days.CRISIS_LEAD),
    )
    return document_view("支付令异议书", text, OBJECTION_FILE, notices, "异议书已生成，可以复制、打印或下载。")

