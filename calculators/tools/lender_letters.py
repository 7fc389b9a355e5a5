"""The lender letters page: one of three letters to a lender or collector, with what it rests on
and how to send it."""

from __future__ import annotations

from ..core import helplines
from ..core.cite import cite
from ..core.inputs import collect, parse_choice, parse_date, parse_flag, parse_line
from ..core.money import parse_amount
from ..core.view import Link, Notice, View
from ..documents.common import document_view
from ..documents.lender_letters import LETTER_KINDS, LETTER_TITLES, LenderLetter, compose_lender_letter

RATE_CHECKER = Link("年化利率计算", "tools/rate/")
LOG = Link("沟通记录", "tools/log/")
LEGAL = helplines.LEGAL_SERVICE


def parse_lender_letter(fields: dict) -> LenderLetter:
    get = fields.get
    got = collect(
        kind=lambda: parse_choice(get("kind"), "kind", "要写哪一封信", LETTER_KINDS),
        name=lambda: parse_line(get("name"), "name", "你的姓名", required=True, max_length=40),
        recipient=lambda: parse_line(get("recipient"), "recipient", "收信的一方", required=True),
        lender=lambda: parse_line(get("lender"), "lender", "借款的平台或放款机构", required=True),
        loan_number=lambda: parse_line(get("loan_number"), "loan_number", "借款合同编号", max_length=60),
        phone=lambda: parse_line(get("phone"), "phone", "联系电话", max_length=30),
        claimed=lambda: parse_amount(get("claimed"), "claimed", "对方说你欠的金额", required=False, allow_zero=False),
        contacted=lambda: parse_line(get("contacted"), "contacted", "被联系的人", max_length=100),
        contact_date=lambda: parse_date(get("contact_date"), "contact_date", "对方联系的日期", required=False),
        dated=lambda: parse_date(get("dated"), "dated", "落款日期", required=False),
    )
    return LenderLetter(
        kind=got.kind,
        name=got.name,
        recipient=got.recipient,
        lender=got.lender,
        loan_number=got.loan_number,
        phone=got.phone,
        claimed=got.claimed if got.kind in ("assignment", "breakdown") else None,
        contacted=got.contacted if got.kind == "third_parties" else "",
        contact_date=got.contact_date if got.kind in ("assignment", "third_parties") else None,
        dated=got.dated,
        no_personal_account=got.kind == "assignment" and parse_flag(get("no_personal_account")),
    )


LETTER_NOTICES = {
    "assignment": Notice(
        level="info",
        title="债转给了别人，怎么核实",
        paragraphs=(
            f"债权人转让债权，通知了你以后，转让就对你发生效力（《民法典》{cite('civil-code-546')}）。"
            "所以原平台客服一时查不到，也不能就此不管；要看对方的证明，再向原平台的官方渠道核实。",
            f"受委托的催收方以平台名义作出的承诺，在委托权限内才对平台发生效力（《民法典》{cite('civil-code-162')}）。"
            "减免、分期这类重要承诺，要有平台盖章或官方渠道的确认。",
            "让你转账到个人账户、先交保证金或解冻费的，按诈骗对待，不要付钱，可以打 110 报警。",
        ),
        links=(Link("诈骗风险自查", "tools/scam-check/"), Link("找对协商渠道", "guide/channels/")),
    ),
    "breakdown": Notice(
        level="info",
        title="拿到明细以后",
        paragraphs=(
            f"还的钱不够清偿全部债务、双方又没有另外约定的，先抵实现债权的费用，再抵利息，最后抵本金（《民法典》{cite('civil-code-561')}）。"
            "所以协商时，最好书面约定还款先抵哪一部分。",
            f"放款时预先扣除的利息，应当按实际借到的钱计算本金和利息（《民法典》{cite('civil-code-670')}）。",
            "利息和费用折算成年化利率是多少，可以用年化利率计算核一核。",
        ),
        links=(RATE_CHECKER, Link("协商还款申请书", "tools/letter/")),
    ),
    "third_parties": Notice(
        level="info",
        title="这封信的依据和边界",
        paragraphs=(
            "信里引用的是《民法典》和《个人信息保护法》的原文。催收方联系你的家人、同事是否违法，要看具体情况；"
            "但你可以据此要求对方停止，也可以把记录作为投诉的依据。",
            "据第三方转引，信用卡的监管规章要求发卡银行不得对与债务无关的第三人催收（以官方公布为准）。"
            "据报道，中国银行业协会 2026 年的催收工作指引也要求原则上不向无关第三人催收，不透露债务信息"
            "（行业自律规范，以中国银行业协会公布为准）。",
            "有人威胁你或家人的人身安全、上门纠缠的，直接打 110 报警。",
        ),
        links=(Link("投诉信", "tools/complaint/"), Link("催收中你的权利", "guide/rights/")),
    ),
}


SENDING = Notice(
    level="info",
    title="怎样发出",
    paragraphs=(
        "通过对方的官方渠道发：App 里的在线客服、官方邮箱，或者寄到对方公司的地址。不要只发给催收人员的私人账号。",
        "发出前自己留一份，发出的日期和对方的答复记在沟通记录里。",
    ),
    links=(LOG,),
)


def tool(fields: dict) -> View:
    """The letters page: one of three letters, with what it rests on and how to send it."""
    letter = parse_lender_letter(fields)
    text = compose_lender_letter(letter)
    title = LETTER_TITLES[letter.kind]
    return document_view(title, text, f"{title}.txt", (LETTER_NOTICES[letter.kind], SENDING), "信已生成，可以复制、打印或下载。")

