"""Three letters to a lender or collector: proof of an assignment (《民法典》第五百四十六条), a
written breakdown of the debt, and a request to stop contacting third parties (《民法典》第一千零三十三条、
第一千零三十四条, 《个人信息保护法》第六条)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from ..core.cite import cite
from ..core.money import format_amount
from .common import addressed, closing, date_text, numbered

LETTER_KINDS = {
    "assignment": "请求出示债权转让证明",
    "breakdown": "请求提供欠款明细",
    "third_parties": "请求停止联系第三人",
}


LETTER_TITLES = {
    "assignment": "请求出示债权转让证明的函",
    "breakdown": "请求提供欠款明细的函",
    "third_parties": "请求停止联系第三人的函",
}


@dataclass(frozen=True, kw_only=True)
class LenderLetter:
    kind: str
    name: str
    recipient: str
    lender: str
    loan_number: str = ""
    phone: str = ""
    claimed: Decimal | None = None  # assignment and breakdown only
    contacted: str = ""  # third_parties only
    contact_date: _dt.date | None = None  # assignment and third_parties
    dated: _dt.date | None = None
    no_personal_account: bool = False  # assignment only: the reader ticked "no payment to a personal account"


def _contact_me(letter: LenderLetter) -> str:
    how = f"通过电话 {letter.phone} 或书面方式" if letter.phone else "通过书面方式"
    return f"有关这笔借款的事，请{how}直接联系我本人。"


def _letter_body(letter: LenderLetter) -> list[str]:
    number = f"，借款合同编号 {letter.loan_number}" if letter.loan_number else ""
    when = f"{date_text(letter.contact_date)}，" if letter.contact_date else ""
    claimed = format_amount(letter.claimed) if letter.claimed is not None else ""
    if letter.kind == "assignment":
        body = [
            f"我是{letter.name}{number}。{when}你方联系我，称我在{letter.lender}的借款已经转让给你方，或者由你方负责收取。"
            + (f"你方说我欠 {claimed}。" if claimed else ""),
            f"《民法典》{cite('civil-code-546')}规定，债权人转让债权，未通知债务人的，该转让对债务人不发生效力。"
            "为了核实，请你方以书面形式提供：",
            *numbered(
                (
                    "债权转让通知，或者其他能证明这笔债权已经转让给你方的书面材料；",
                    "如果你方是受委托收款或催收，请提供委托方出具的委托证明，写明委托的范围和期限；",
                    "你方主张的欠款金额，以及其中本金、利息和各项费用分别是多少。",
                )
            ),
            f"收到材料后，我会向{letter.lender}核实。"
            + ("核实之前，我不会向任何个人账户付款。" if letter.no_personal_account else ""),
        ]
    elif letter.kind == "breakdown":
        body = [
            f"我是{letter.lender}的借款人{letter.name}{number}。"
            + (f"你方告诉我目前欠款 {claimed}。" if claimed else "")
            + "为了核对欠款、商量还款，请你方以书面形式提供这笔借款的明细：",
            *numbered(
                (
                    "合同约定的借款本金，以及实际放款到我账户的金额和日期；",
                    "目前还没有归还的本金；",
                    "利息：约定的利率、计息的起止日期和金额；",
                    "罚息、逾期利息和违约金：各自的计算标准、起止日期和金额；",
                    "其他每一项费用：名称、收取依据和金额；",
                    "我已经还过的每一笔款项：日期、金额，以及每一笔抵充了哪一部分；",
                    "以上各项相加得出的欠款总额。",
                )
            ),
        ]
    else:
        told = f"{when}你方就我的欠款联系了{letter.contacted}。" if letter.contacted else ""
        body = [
            f"我是{letter.lender}的借款人{letter.name}{number}。{told}",
            "这笔借款的事由我本人处理。请你方停止就这笔借款联系我的家人、朋友、同事和通讯录里的其他人，"
            "也不要向他们透露我的借款信息。",
            f"《民法典》{cite('civil-code-1033')}规定，除法律另有规定或者权利人明确同意外，任何组织或者个人不得以电话、短信、"
            f"即时通讯工具等方式侵扰他人的私人生活安宁；{cite('civil-code-1034')}规定，自然人的个人信息受法律保护。"
            f"《个人信息保护法》{cite('personal-information-law-6')}要求，处理个人信息应当与处理目的直接相关，采取对个人权益影响最小的方式；"
            "收集个人信息，应当限于实现处理目的的最小范围。",
            "我会保存往来的记录。",
        ]
    return body + [_contact_me(letter)]


def compose_lender_letter(letter: LenderLetter) -> str:
    lines = [
        *addressed(LETTER_TITLES[letter.kind], letter.recipient),
        *_letter_body(letter),
        *closing("敬礼", letter.name, letter.dated),
    ]
    return "\n".join(lines) + "\n"

