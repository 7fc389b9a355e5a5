"""The credit record page: 征信异议申请 for a wrong record, or 不良信息说明 for a true one."""

from __future__ import annotations

from ..core import helplines
from ..core.cite import cite
from ..core.inputs import collect, parse_choice, parse_choices, parse_date, parse_flag, parse_line, parse_text
from ..core.view import Link, Notice, View
from ..documents.common import document_view, one_line
from ..documents.credit_objection import CREDIT_OBJECTION_FILE, CREDIT_STATEMENT_FILE, ERRORS, RECIPIENTS, TRUTH, CreditObjection, CreditStatement, compose_credit_objection, compose_credit_statement

RATE_CHECKER = Link("年化利率计算", "tools/rate/")
LOG = Link("沟通记录", "tools/log/")
LEGAL = helplines.LEGAL_SERVICE


def parse_credit(fields: dict):
    """A CreditObjection for a wrong record, or a CreditStatement for a true one; InputErrors for bad fields."""
    get = fields.get
    truth = parse_choice(get("truth"), "truth", "这条记录的情况", TRUTH)
    common = dict(
        name=lambda: parse_line(get("name"), "name", "你的姓名", required=True, max_length=40),
        lender=lambda: parse_line(get("lender"), "lender", "报送这条信息的机构", required=True),
        account=lambda: parse_line(get("account"), "account", "账户或合同编号", max_length=60),
        phone=lambda: parse_line(get("phone"), "phone", "联系电话", max_length=30),
        dated=lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    if truth == "true":
        got = collect(
            **common,
            record=lambda: parse_text(get("record"), "record", "报告中的记录", max_length=300),
            explanation=lambda: parse_text(get("explanation"), "explanation", "你想说明的情况", required=True, max_length=500),
        )
        return CreditStatement(
            name=got.name,
            lender=got.lender,
            explanation=got.explanation,
            record=one_line(got.record),
            account=got.account,
            phone=got.phone,
            dated=got.dated,
        )
    errors = parse_choices(get("errors"), ERRORS)
    got = collect(
        **common,
        recipient=lambda: parse_choice(get("recipient"), "recipient", "交给谁", RECIPIENTS, default="center"),
        record=lambda: parse_text(get("record"), "record", "报告中的记录", required=True, max_length=300),
        actual=lambda: parse_text(get("actual"), "actual", "实际情况", required=True, max_length=500),
        evidence=lambda: parse_text(get("evidence"), "evidence", "附上的材料", max_length=300),
    )
    return CreditObjection(
        name=got.name,
        recipient=got.recipient,
        lender=got.lender,
        record=one_line(got.record),
        actual=one_line(got.actual),
        errors=errors,
        account=got.account,
        phone=got.phone,
        no_notice=parse_flag(get("no_notice")),
        evidence=one_line(got.evidence),
        dated=got.dated,
    )


NOTICE_RULE = Notice(
    level="info",
    title="报送前没有告诉你？",
    paragraphs=(
        f"放贷机构把你的不良信息报给征信机构之前，应当事先告诉你本人，依法公开的不良信息除外（《征信业管理条例》{cite('credit-reporting-15')}）。",
        f"没有事先告知的，可以向当地人民银行分支机构投诉（{cite('credit-reporting-26')}）；未告知、情节严重的，监管部门可以罚款（{cite('credit-reporting-41')}）。",
        f"{cite('credit-reporting-15')}管的是报送前的告知。逾期本身是不是真的，仍按{cite('credit-reporting-25')}核查。",
    ),
)


SCAM_WARNING = Notice(
    level="danger",
    title="不要付钱给“征信修复”",
    paragraphs=(
        "据报道，人民银行工作人员表示，逾期记录由报送的机构负责，别人没有修改或删除的权限，"
        "所谓“征信修复”“征信洗白”并不存在（淮安日报 2022-01-29 报道）。",
        "据报道，金融监管部门提示过，有人在付费“代理”的唆使下伪造材料、提交不实投诉，最后可能要自己承担法律责任"
        "（国家金融监督管理总局 2024 年风险提示，以官方公布为准）。异议只写真实的情况。",
    ),
    links=(Link("小心骗局和陷阱", "guide/watch-out/"),),
)


def tool(fields: dict) -> View:
    """The credit-record page: an objection for a wrong record, a statement for a true one."""
    paper = parse_credit(fields)
    if isinstance(paper, CreditStatement):
        text = compose_credit_statement(paper)
        notices = (
            Notice(
                level="warning",
                title="真实的逾期，异议删不掉",
                paragraphs=(
                    f"异议只能更正错误和遗漏（《征信业管理条例》{cite('credit-reporting-25')}）。",
                    f"不良信息从不良行为或事件终止之日起保存 5 年，满 5 年删除（{cite('credit-reporting-16')}）。"
                    "据报道，人民银行的说法是逾期信息从还清欠款时起还要保存 5 年（以官方公布为准）。",
                    f"在保存期间，你可以对不良信息作出说明，征信机构应当记载（{cite('credit-reporting-16', '第十六条第二款')}）。这份说明就是为此准备的。",
                    f"协商成功后，留意放贷机构是否按协议报送以后的还款情况。每年可以免费查两次本人信用报告（{cite('credit-reporting-17')}）。",
                ),
                links=(Link("征信记录有错怎么办", "guide/credit-record/"),),
            ),
            *((NOTICE_RULE,) if parse_flag(fields.get("no_notice")) else ()),
            SCAM_WARNING,
        )
        return document_view("不良信息说明", text, CREDIT_STATEMENT_FILE, notices, "说明已生成，可以复制、打印或下载。")
    text = compose_credit_objection(paper)
    notices = (
        Notice(
            level="info",
            title="交了以后会怎样",
            paragraphs=(
                f"可以交给征信中心，也可以交给报送信息的放贷机构（《征信业管理条例》{cite('credit-reporting-25')}）。自己留一份，记下交的日期。",
                f"对方收到后，要对这条信息作存在异议的标注，在 20 日内核查处理，并书面答复你（{cite('credit-reporting-25')}）。",
                "核查后有三种结果：确有错误、遗漏的，予以更正；没有错误的，取消异议标注；仍不能确认的，记载核查情况和异议内容"
                f"（{cite('credit-reporting-25')}）。结果由核查决定，这份申请不保证记录会被改。",
                f"认为权益受到侵害的，可以向当地人民银行分支机构投诉，受理后 30 日内书面答复；也可以直接向法院起诉（{cite('credit-reporting-26')}）。"
                "据报道，12363 受理征信方面的咨询投诉，原则上先向金融机构反映（以官方公布为准）。",
            ),
            links=(Link("征信记录有错怎么办", "guide/credit-record/"), Link("投诉信", "tools/complaint/"), LOG),
        ),
        *((NOTICE_RULE,) if paper.no_notice else ()),
        SCAM_WARNING,
    )
    return document_view("征信异议申请", text, CREDIT_OBJECTION_FILE, notices, "异议申请已生成，可以复制、打印或下载。")

