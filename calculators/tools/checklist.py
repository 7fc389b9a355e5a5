"""Materials checklist (材料清单): what to gather before asking a lender to renegotiate.

Five groups: identity and contract; proof of the hardship; income and bank statements;
household expenses; the repayment proposal. Which items appear depends on the hardship
reasons, the kinds of loan and the reader's situation. Every item says where to get it,
and, where it matters, how to cover sensitive numbers on copies.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.cite import cite
from ..core.hardship import REASONS
from ..core.helplines import crisis_notice
from ..core.inputs import parse_choices
from ..core.view import CheckItem, Checklist, Link, Notice, View

LOANS = {
    "online": "网贷",
    "consumer": "消费贷",
    "card": "信用卡",
    "other": "其他借款",
}
SITUATIONS = {
    "not_yet": "还没逾期，但快还不上了",
    "just_overdue": "刚逾期不久",
    "collection": "正在被催收",
    "sued": "已被起诉、收到法院材料或已进入执行",
}

CHECKLIST_GROUP = "materials"


@dataclass(frozen=True, kw_only=True)
class Material:
    """One thing to prepare: `source` says where to get it, `tip` how to handle it (may be empty)."""

    key: str
    text: str
    source: str
    tip: str = ""

    @property
    def detail(self) -> str:
        tip = f" 提示：{self.tip}" if self.tip else ""
        return f"去哪里拿：{self.source}{tip}"


@dataclass(frozen=True, kw_only=True)
class Group:
    key: str
    title: str
    items: tuple[Material, ...]


_ID_TIP = "复印件上写明“仅用于与某某平台协商还款，他用无效”，身份证号可以遮住中间几位；原件自己保管。"
_CARD_TIP = "交给对方的复印件只露出卡号后四位，金额和交易记录不要改动。"

IDENTITY = (
    Material(key="id_card", text="身份证复印件（正反面）", source="自己的身份证，复印或拍照。", tip=_ID_TIP),
    Material(
        key="contract",
        text="借款合同或电子协议",
        source="借款 App 的“借款记录”或“我的合同”里一般可以查看和下载；找不到就向官方客服索要。",
        tip="记下合同编号和放款机构的全称，放款人以合同上写的为准。",
    ),
    Material(
        key="debt_detail",
        text="欠款明细：本金、利息、罚息、违约金各多少",
        source="App 的账单页面截图，或请官方客服列出明细。",
        tip="分开看每一项，协商时才知道可以请求减免哪一部分。",
    ),
)
LOAN_ITEMS = {
    "online": Material(
        key="online_records",
        text="网贷借款记录截图",
        source="借款 App 中每一笔借款的详情页。",
        tip="截图里要能看到放款机构名称、借款日期和金额。",
    ),
    "consumer": Material(
        key="consumer_contract",
        text="消费贷或分期合同",
        source="办理贷款的银行或消费金融公司的 App、网点或官方客服。",
        tip="",
    ),
    "card": Material(
        key="card_statements",
        text="最近几期信用卡账单",
        source="发卡银行的手机银行或信用卡 App 可以查看和下载电子账单。",
        tip=_CARD_TIP,
    ),
    "other": Material(
        key="other_records",
        text="其他借款的凭证：借条、转账记录等",
        source="自己保存的借条，银行或支付软件里的转账记录。",
        tip="",
    ),
}

HARDSHIP = {
    "illness": (
        Material(key="diagnosis", text="医院的诊断证明", source="看病的医院（门诊或住院部）开具，要有医院盖章。", tip="与协商无关的病情细节可以遮住，保留诊断结论、日期和医院名称。"),
        Material(key="hospital_record", text="住院记录或出院小结", source="医院的病案室可以复印。", tip=""),
        Material(key="medical_bills", text="医疗费用单据", source="医院收费处的发票和费用清单，医保结算单。", tip="按时间顺序整理，算出总额，协商时说得清楚。"),
    ),
    "job_loss": (
        Material(key="termination", text="解除或终止劳动合同的证明", source="原来单位的人事部门开具。", tip=""),
        Material(key="unemployment", text="失业登记的证明", source="当地公共就业服务机构或人社部门的政务服务平台。", tip=""),
        Material(key="social_security", text="社保缴费记录（显示停缴）", source="当地社保 App 或政务服务平台查询后截图。", tip="截图上的身份证号可以遮住中间几位。"),
    ),
    "pay_cut": (
        Material(key="payslips", text="收入减少前后几个月的工资条", source="单位财务或人事部门，或工资 App 的记录。", tip=""),
        Material(key="salary_statement", text="工资卡的银行流水（能看出收入变少）", source="手机银行导出电子流水，或到柜台打印。", tip=_CARD_TIP),
        Material(key="employer_letter", text="单位出具的降薪、停工或放假证明", source="单位人事部门，请他们盖章。", tip=""),
    ),
    "family": (
        Material(
            key="family_event",
            text="家庭变故的证明",
            source="按情况准备：家人生病的诊断证明和费用单据，事故的出警记录或保险理赔材料，亲人去世的死亡证明等。",
            tip="与协商无关的细节可以遮住。",
        ),
        Material(key="relationship", text="与这位家人关系的证明", source="户口本、结婚证或出生证明的复印件。", tip=_ID_TIP),
        Material(key="family_costs", text="因为这件事多出来的开支凭证", source="付款记录、收据、发票。", tip=""),
    ),
    "other": (
        Material(
            key="other_proof",
            text="能说明困难原因的书面材料",
            source="例如生意亏损的账目、店铺停业的通知、受灾的证明等，向出具的单位索要或自己整理。",
            tip="",
        ),
        Material(key="statement", text="一份简短的情况说明", source="自己写：发生了什么、从什么时候开始、对收入有什么影响，写上日期并签名。", tip="只写真实情况，不要夸大。"),
    ),
}
NO_REASON = Material(key="hardship_any", text="困难原因的证明", source="在上面勾选你的困难原因，这里会列出对应的材料。", tip="")

INCOME = (
    Material(
        key="income_proof",
        text="现在的收入证明",
        source="有单位的，请人事或财务部门开具；没有固定工作的，自己写一份收入情况说明，列出每月大概收入和来源。",
        tip="",
    ),
    Material(key="bank_statements", text="最近 6 个月的银行流水", source="手机银行导出电子流水，或带身份证到柜台打印。", tip=_CARD_TIP),
)
EXPENSES = (
    Material(
        key="expense_list",
        text="每月必要开支清单",
        source="自己列：房租或房贷、吃饭、水电燃气、交通、通讯、孩子上学、老人赡养、看病吃药。本站的“还款能力计算”可以帮你算。",
        tip="",
    ),
    Material(key="expense_proof", text="主要开支的凭证", source="租房合同、学费或托育费单据、长期用药的单据等。", tip=""),
)
PLAN = (
    Material(
        key="proposal",
        text="写好的还款方案",
        source="本站的“还款计划”算出每月还多少、分几期，“协商还款申请书”可以把它写成一封信。",
        tip="方案按你真能拿出的钱来定，宁可少一点，也不要承诺做不到的数字。",
    ),
    Material(key="all_debts", text="全部欠款的清单", source="把每个平台、每张卡的欠款列在一起，本站的“多个平台一起算”可以帮你整理。", tip=""),
    Material(
        key="credit_report",
        text="个人信用报告",
        source=f"本人每年可以免费查两次（《征信业管理条例》{cite('credit-reporting-17')}）。据公开的查询指南，可以在人民银行征信中心官网、"
        "部分银行的手机银行或云闪付查询，也可以到银行网点查询，以征信中心公布为准。",
        tip="不要下载所谓的“征信 App”，也不要把报告交给声称能“修复征信”的人。",
    ),
)
SITUATION_ITEMS = {
    "not_yet": (
        Material(key="due_dates", text="每笔欠款的下一个还款日和金额", source="各个 App 的账单页或信用卡账单。", tip="最好在还款日之前就联系官方客服说明情况。"),
    ),
    "just_overdue": (
        Material(key="overdue_notice", text="逾期提醒短信或通知的截图", source="手机短信、App 消息中心。", tip="记下逾期开始的日期，写申请书时要用。"),
    ),
    "collection": (
        Material(
            key="collection_records",
            text="催收记录：通话录音、短信、聊天截图",
            source="手机的通话录音和短信；每次联系后在本站的“沟通记录”里记一笔。",
            tip="记下对方的公司名称、姓名或工号，以及对方说过的话。",
        ),
    ),
    "sued": (
        Material(
            key="court_papers",
            text="法院寄来的全部材料（起诉状副本、传票、支付令、应诉通知书等）",
            source="原件自己保管，复印一份备用，写下收到的日期。",
            tip="通过法院官网上公布的电话核实材料是否真实，不要打材料里陌生人留的号码。",
        ),
    ),
}

GROUP_TITLES = (
    ("identity", "一、身份和借款合同"),
    ("hardship", "二、困难原因的证明"),
    ("income", "三、收入证明和银行流水"),
    ("expenses", "四、家庭必要开支"),
    ("plan", "五、还款方案"),
)


def materials(reasons=(), loans=(), situations=()) -> tuple[Group, ...]:
    """The groups of materials for these choices (unknown keys are ignored).

    Always the five groups in order; a sixth, for the reader's situation, when one is chosen.
    Item keys are unique across all groups.
    """
    reasons = tuple(k for k in REASONS if k in reasons)
    loans = tuple(k for k in LOANS if k in loans)
    situations = tuple(k for k in SITUATIONS if k in situations)
    hardship = tuple(item for key in reasons for item in HARDSHIP[key]) or (NO_REASON,)
    contents = {
        "identity": IDENTITY + tuple(LOAN_ITEMS[key] for key in loans),
        "hardship": hardship,
        "income": INCOME,
        "expenses": EXPENSES,
        "plan": PLAN,
    }
    groups = [Group(key=key, title=title, items=contents[key]) for key, title in GROUP_TITLES]
    extra = tuple(item for key in situations for item in SITUATION_ITEMS[key])
    if extra:
        groups.append(Group(key="situation", title="六、按你现在的处境另外准备", items=extra))
    return tuple(groups)


def evidence_names(reasons) -> tuple[str, ...]:
    """The short names of the hardship proofs for these reasons, for a letter to the lender."""
    return tuple(item.text for key in REASONS if key in reasons for item in HARDSHIP[key])


PRIVACY = Notice(
    level="info",
    title="交复印件之前，先保护好自己的信息",
    paragraphs=(
        "身份证号、银行卡号在复印件上只露出头尾几位，原件不要交给任何人。",
        "在每份复印件上写“仅用于与某某平台协商还款，他用无效”和日期。",
        "只给协商需要的材料。银行卡密码和短信验证码，任何时候都不要告诉别人。",
    ),
)

SUED = Notice(
    level="warning",
    title="收到法院材料，不要放着不管",
    paragraphs=(
        f"收到支付令的，要在收到之日起十五日内还款，或者向法院提出书面异议（《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}）。"
        "这十五天不会因为你在和对方协商就停下来，过了期限，对方可以申请强制执行。",
        "对欠款本身有不同意见（金额、利息费用、已还的钱没算进去），就在期限内写成书面异议交给法院。"
        f"只说现在还不起的异议，不影响支付令的效力（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》{cite('civil-procedure-interpretation-436')}）；"
        "这种情况要尽快和对方谈，把谈好的内容写成书面协议。",
        f"收到起诉状副本的，可以在收到之日起十五日内向法院交书面答辩状（《民事诉讼法》{cite('civil-procedure-128')}）；"
        "收到传票的，按传票上写的时间到庭，去不了的提前联系法院。在诉讼中也可以和对方调解。",
        "已经进入执行的，法院要求报告财产时要如实报告，执行和解谈成了要照着做。",
    ),
    links=(
        Link("算一算法院文书的期限", "tools/court-deadlines/"),
        Link("收到法院材料怎么办", "guide/court/"),
        Link("支付令：15 天内要作出选择", "guide/legal-risks/#payment-order"),
        Link("免费法律援助与求助渠道", "help/"),
    ),
)
SUED_CRISIS = crisis_notice("收到法院的材料，心里发慌是正常的。期限要当真，但事情还可以一步一步处理。")


def checklist_blocks(groups: tuple[Group, ...]) -> tuple:
    """The groups as tickable checklists whose tick keys stay the same across recalculation."""
    return tuple(
        Checklist(group.title, tuple(item_to_check(m) for m in group.items), group=CHECKLIST_GROUP) for group in groups
    )


def item_to_check(material: Material) -> CheckItem:
    return CheckItem(key=material.key, text=material.text, detail=material.detail)


def parse(fields: dict) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The ticked reasons, loans and situations; unknown values are dropped, nothing is refused."""
    return (
        parse_choices(fields.get("reasons"), REASONS),
        parse_choices(fields.get("loans"), LOANS),
        parse_choices(fields.get("situation"), SITUATIONS),
    )


def tool(fields: dict) -> View:
    """The checklist page: tailored groups of materials, a privacy notice, and court advice if sued."""
    reasons, loans, situations = parse(fields)
    groups = materials(reasons, loans, situations)
    blocks = (PRIVACY,) + checklist_blocks(groups)
    if "sued" in situations:
        blocks += (SUED, SUED_CRISIS)
    count = sum(len(group.items) for group in groups)
    return View(
        blocks,
        announce=f"材料清单已更新，共 {count} 项。",
        data={"reasons": list(reasons), "loans": list(loans), "situation": list(situations), "count": count},
    )
