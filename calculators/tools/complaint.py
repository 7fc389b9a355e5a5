"""Complaints (投诉): where to complain, in what order, and a complaint letter built from the log.

Routing by who lent the money and what went wrong:
- banks (credit cards included) and consumer-finance companies: the financial regulator's 12378
  line (grade B: only secondary sources, so it is hedged);
- credit-record problems: an objection first (《征信业管理条例》第二十五条), then a complaint to the
  local branch of the People's Bank, which answers in writing within 30 days (第二十六条, A), and
  its 12363 line (B, hedged);
- small-loan companies: supervised by local financial authorities (批复第一条, A). The fact
  sheet gives no number (grade C), so none is given: the reader is told to find their
  province's authority;
- private or unlicensed lenders: 110 for threats and harassment, the local financial authority for
  illegal lending (no national number: none is given), 12348 for legal questions (fact 10.5, B);
- not known: find out who lent the money first (the contract names the lender), meanwhile 110 and 12348;
- threats to safety: 110.
Order of steps: the lender's own complaint channel first, keeping the ticket number; then the
regulator; then mediation; then court confirmation of a mediated agreement
(《民事诉讼法》第二百零五条、第二百零六条, A).

The letter's evidence list is the communication log's entries, parsed by `log.parse`, at most
MAX_ENTRIES of them (the page's `data-max-rows` says the same number).
"""

from __future__ import annotations

from ..core import helplines
from ..core.cite import cite
from ..core.contact_log import Entry
from ..core.inputs import InputError, collect, parse_choice, parse_choices, parse_date, parse_text
from ..core.view import BulletList, Document, Download, Link, Notice, View
from ..documents.common import TEXT as MIME
from ..documents.common import one_line
from ..documents.complaint import FILENAME, Complaint, compose
from . import log

MAX_ENTRIES = 30


LENDER_KINDS = {
    "bank": "银行（包括信用卡）",
    "consumer_finance": "消费金融公司",
    "small_loan": "小额贷款公司（包括网络小贷）",
    "private": "个人，或没有放贷资格的公司",
    "unknown": "不清楚，只知道是哪个 App",
}


PROBLEMS = {
    "collection": "催收方式不当（辱骂、频繁骚扰、联系家人同事等）",
    "fees": "利息、费用或扣款有问题",
    "credit": "征信记录有问题",
    "service": "申请协商或投诉后没有回应",
    "threats": "威胁人身安全、上门纠缠、限制自由",
}


ADDRESSEES = {"lender": "放贷机构", "regulator": "监管部门"}


POLICE_NOTICE = Notice(
    level="danger",
    title="有人威胁你的安全，先报警",
    paragraphs=(
        f"遇到威胁人身安全、上门纠缠、限制人身自由的，马上打 {helplines.POLICE} 报警。这一步不用等投诉的结果。",
        "把短信、通话录音、聊天截图和上门的照片、视频留好，记下时间和对方的身份。",
    ),
    links=(helplines.call_link(helplines.POLICE, f"拨打 {helplines.POLICE} 报警"), Link("催收中你的权利", "guide/rights/")),
)


def parse_entries(raw, today=None) -> tuple[Entry, ...]:
    """The log rows through `log.parse` (dates checked against the reader's `today`); more than
    MAX_ENTRIES rows is refused, never cut silently."""
    if isinstance(raw, (list, tuple)) and len(raw) > MAX_ENTRIES:
        raise InputError("entries", f"沟通记录最多 {MAX_ENTRIES} 条。请只留下最要紧的几条，其余的作为附件另外提供。")
    return log.parse({"entries": raw, "today": today})


def parse(fields: dict) -> Complaint:
    """The complaint from the raw form fields, or InputErrors naming every bad field."""
    get = fields.get
    problems = parse_choices(get("problems"), PROBLEMS)

    def need_problems():
        if not problems:
            raise InputError("problems", "请勾选你要投诉的问题，可以多选。")

    got = collect(
        need_problems=need_problems,
        kind=lambda: parse_choice(get("lender_kind"), "lender_kind", "放款机构的类型", LENDER_KINDS),
        addressee=lambda: parse_choice(get("addressee"), "addressee", "投诉信交给谁", ADDRESSEES, default="lender"),
        name=lambda: parse_text(get("name"), "name", "你的姓名", required=True, max_length=40),
        lender=lambda: parse_text(get("lender"), "lender", "被投诉机构的名称", required=True, max_length=80),
        number=lambda: parse_text(get("loan_number"), "loan_number", "借款合同编号", max_length=60),
        phone=lambda: parse_text(get("phone"), "phone", "联系电话", max_length=30),
        facts=lambda: parse_text(get("facts"), "facts", "事情经过", required=True, max_length=1500),
        requests=lambda: parse_text(get("requests"), "requests", "你的请求", required=True, max_length=500),
        ticket=lambda: parse_text(get("ticket"), "ticket", "投诉编号（工单号）", max_length=60),
        lender_date=lambda: parse_date(get("lender_date"), "lender_date", "向机构投诉的日期", required=False),
        reply=lambda: parse_text(get("lender_reply"), "lender_reply", "机构的答复", max_length=500),
        dated=lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
        entries=lambda: parse_entries(get("entries"), get("today")),
    )
    return Complaint(
        name=one_line(got.name),
        lender=one_line(got.lender),
        lender_kind=got.kind,
        problems=problems,
        facts=got.facts,
        requests=got.requests,
        entries=got.entries,
        addressee=got.addressee,
        loan_number=one_line(got.number),
        phone=one_line(got.phone),
        ticket=one_line(got.ticket),
        lender_date=got.lender_date,
        lender_reply=one_line(got.reply),
        dated=got.dated,
    )


def regulator_step(kind: str) -> str:
    """Where a complaint about this kind of lender goes after the lender itself, hedged as its grade needs."""
    if kind in ("bank", "consumer_finance"):
        return "向金融监管部门投诉：" + helplines.COMPLAINT_LINE_TEXT
    if kind == "small_loan":
        return (
            f"小额贷款公司由地方金融监管部门监管（《最高人民法院关于新民间借贷司法解释适用范围问题的批复》{cite('private-lending-reply-1')}）。"
            "各省的部门名称和投诉方式不同，本站不列号码：请到你所在省份地方金融管理部门的官方网站查找投诉渠道。"
        )
    if kind == "private":
        return (
            f"放款人是个人或没有放贷资格的公司的：威胁人身安全、骚扰你或家人的，拨 {helplines.POLICE} 报警；"
            "涉嫌非法放贷的，可以向当地的地方金融管理部门反映（各地部门名称和方式不同，本站不列号码，以当地公布为准）；"
            f"法律上的问题，可以打 {helplines.LEGAL_SERVICE} 公共法律服务热线免费咨询（据报道，各地安排以当地公布为准）。"
        )
    return (
        "先弄清楚钱是谁借给你的：看借款合同上写的出借人或放款机构。App 只是入口，背后可能是银行、消费金融公司、"
        "小额贷款公司，也可能是个人或没有放贷资格的公司。弄清以后，按它的类型回到上面重新选择。"
        f"弄清之前，遇到威胁、骚扰的，拨 {helplines.POLICE}；法律上的问题，可以打 {helplines.LEGAL_SERVICE} 免费咨询"
        "（据报道，各地安排以当地公布为准）。"
    )


def steps(complaint: Complaint) -> tuple[str, ...]:
    """The order of steps, with what the reader has already done marked."""
    first = "先向放贷机构本身投诉：通过官方 App 的客服或官方电话，说清楚问题和你的请求，记下投诉编号（工单号）和日期。"
    if complaint.complained_to_lender:
        first = "你已经向放贷机构投诉过" + (f"，工单号 {complaint.ticket}" if complaint.ticket else "") + "。把工单号和对方的答复写进给监管部门的投诉信。"
    found = [first, regulator_step(complaint.lender_kind)]
    if "credit" in complaint.problems:
        found.append(
            f"征信记录的问题：先向征信中心或报送的机构提出异议，对方要在 20 日内核查并书面答复（《征信业管理条例》{cite('credit-reporting-25')}）；"
            f"认为权益受到侵害的，可以向当地人民银行分支机构投诉，受理后 30 日内书面答复（{cite('credit-reporting-26')}）。"
            "据报道，12363 是人民银行的金融消费权益保护咨询投诉电话，原则上先向金融机构投诉（以官方公布为准）。"
        )
    found.append("还谈不拢的，可以问问监管部门或当地法院的诉讼服务中心，有没有可以调解金融纠纷的组织。调解是双方自愿的。")
    found.append(
        f"经依法设立的调解组织调解达成的协议，双方可以在协议生效之日起 30 日内共同向法院申请司法确认（《民事诉讼法》{cite('civil-procedure-205')}）。"
        f"法院裁定协议有效后，一方不履行的，对方可以申请法院执行（{cite('civil-procedure-206')}）。这对双方都有约束，所以只答应你做得到的。"
    )
    return tuple(found)


def tool(fields: dict) -> View:
    """The complaint page: where to complain and in what order, and the letter with the log as evidence."""
    complaint = parse(fields)
    text = compose(complaint)
    blocks = []
    if "threats" in complaint.problems:
        blocks.append(POLICE_NOTICE)
    blocks.append(BulletList("按这个顺序来", steps(complaint), ordered=True))
    blocks.append(Document("投诉信", text))
    remarks = [
        "只写亲身经历的真实情况。据报道，金融监管部门提示过，有人在付费“代理”的唆使下编造情节、提交不实投诉，"
        "最后可能要自己承担法律责任（以官方公布为准）。",
        "投诉、异议、协商，本人都可以免费去办，不需要花钱请人代理。",
    ]
    if not complaint.entries:
        remarks.append("还没有填沟通记录。把每次联系的日期、方式、对方和内容填在上面，它们会成为投诉信里的证据清单。")
    blocks.append(Notice(level="info", title="发出之前", paragraphs=tuple(remarks), links=(Link("沟通记录", "tools/log/"), Link("投诉找谁", "guide/complaints/"))))
    return View(
        tuple(blocks),
        downloads=(Download(label="下载文本文件（.txt）", filename=FILENAME, mime=MIME, text=text),),
        announce=f"投诉信已生成，证据清单有 {len(complaint.entries)} 条沟通记录。",
        data={"entries": len(complaint.entries)},
    )

