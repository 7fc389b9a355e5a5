"""Court deadlines (法院文书期限), the rules: the last day for each court paper a reader received.

The form is read by tools/court_deadlines.py, the calendar file written by
documents/court_calendar.py; the payment order objection and the start route use the same days.

The reader ticks what arrived (起诉状副本或应诉通知书, 传票, 判决书, 裁定书, 保全裁定书,
执行裁定书, 执行异议裁定书, 支付令, 执行通知书, 报告财产令) and the day it was received. Rules, all from texts checked word for word:

- Counting (《民事诉讼法》第八十五条, 《民诉法解释》第一百二十五条): the day of receipt is
  not counted; a period of N days ends N days later. If the last day is a statutory holiday,
  the period ends on the first day after it. Future holiday calendars are unknown here, so
  the tool shows the computed day, says a weekend or holiday may move it later, and tells
  the reader to act before it.
- The day of receipt is the day written on the proof of service (第八十七条, 第八十八条), the
  day an electronic service reached the reader (第九十条), or the day on a postal receipt
  (第九十一条).
- 起诉状副本／应诉通知书: a written defence within 15 days (第一百二十八条); a jurisdiction
  objection within the same period (第一百三十条). In simple and small-claims cases, when the
  defendant asks to answer in writing, the court may set the defence period with the defendant's
  consent (《民诉法解释》第二百六十六条 for simple procedure; 第二百七十五条 for small claims, at
  most 15 days).
- 传票: the hearing day written on it; absent without good reason, judgment may be given in
  absence (第一百四十七条).
- 判决书: appeal within 15 days of service (第一百七十一条), except small claims, which are
  final at first instance (第一百六十五条); unappealed judgments take effect (第一百五十八条).
- 裁定书: appeal within 10 days of service (第一百七十一条第二款), only for the rulings the law
  lets be appealed (不予受理, 管辖权异议, 驳回起诉: 第一百五十七条); small-claims rulings on those
  take effect at once (《民诉法解释》第二百七十六条、第二百七十七条).
- 保全裁定书 (查封, 冻结, 扣押 before judgment or before suit: 第一百零三条, 第一百零四条; no 执 in
  the case number): no appeal; reconsideration once, within 5 days of receipt (第一百一十一条,
  《民诉法解释》第一百七十一条), and the ruling is carried out meanwhile.
- 执行裁定书 (freezing, seizing, transferring property in enforcement, 第二百五十三条; 执 in the
  case number): an enforcement act, not a preservation ruling. A written objection (执行异议) to
  the enforcing court, decided within 15 days; no number of days for raising it is written, so
  there is no computed day (第二百三十六条).
- 执行异议裁定书 (the ruling on that objection): reconsideration by the next-higher court within
  10 days of service (第二百三十六条).
- 支付令: pay or object in writing within 15 days (第二百二十七条); only saying one cannot pay
  does not affect the order (《民诉法解释》第四百三十六条); a late objection counts as none
  (第四百三十一条).
- 执行通知书 and 报告财产令: the period the court sets in the paper (第八十五条 counts it the
  same way), when the reader types it in; the duty to report property (第二百五十二条) and,
  for breaking it, possibly the dishonest list (2017 规定第一条第（四）项: only with an obligation
  unperformed; having no money is not itself a ground, 第三条, but breaking the duty is).

Every result says where free legal help is and carries the crisis notice. No outcome is promised.
"""


from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from . import helplines
from .cite import cite
from .view import Link, Notice

TYPE_CHECKING = False  # no runtime import of typing (start-up time in the browser); checkers read the block below
if TYPE_CHECKING:
    from typing import Literal

    PaperKind = Literal[
        "complaint", "summons", "judgment", "ruling", "preservation_ruling", "enforcement_ruling",
        "objection_ruling", "payment_order", "enforcement_notice", "report_order",
    ]

KINDS: dict[PaperKind, str] = {
    "complaint": "起诉状副本或应诉通知书",
    "summons": "传票",
    "judgment": "判决书",
    "ruling": "裁定书",
    "preservation_ruling": "保全裁定书（查封、冻结、扣押财产）",
    "enforcement_ruling": "执行裁定书（执行中冻结、划拨、查封、扣押财产）",
    "objection_ruling": "执行异议裁定书（对你的书面执行异议作出的裁定）",
    "payment_order": "支付令",
    "enforcement_notice": "执行通知书",
    "report_order": "报告财产令",
}
STATUTORY_DAYS = 15  # 第一百二十八条, 第一百七十一条第一款, 第二百二十七条
RULING_APPEAL_DAYS = 10  # 第一百七十一条第二款
RECONSIDERATION_DAYS = 5  # 保全裁定的复议: 《民诉法解释》第一百七十一条
OBJECTION_REVIEW_DAYS = 10  # 执行异议裁定的复议: 第二百三十六条
MAX_COURT_DAYS = 90  # a longer period typed for a court-set deadline is almost surely a mistake
REMINDER_DAYS = (7, 3, 1, 0)  # days before the last day, each at 09:00; only those after receipt and not past
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
# Statutory holidays on fixed dates, as reported (fact 10.7, grade B: 全国年节及纪念日放假办法, 2024 revision,
# in force 2025-01-01). The lunar holidays and the yearly adjusted working days are not known here.
FIXED_HOLIDAYS = {(1, 1): "元旦", (5, 1): "劳动节", (5, 2): "劳动节", (10, 1): "国庆节", (10, 2): "国庆节", (10, 3): "国庆节"}
HOLIDAY_HEDGE = "据报道，按 2025 年起施行的放假办法，以国务院办公厅公布的安排为准"
SOURCES = Link("这些规定的出处", "about/sources/")
LEGAL = helplines.LEGAL_SERVICE


@dataclass(frozen=True, kw_only=True)
class Rule:
    """What one kind of court paper asks of the reader, in plain words, with its legal basis."""

    kind: PaperKind | Literal["judgment_small_claims", "ruling_small_claims"]
    task: str  # what to do by the last day, one short phrase
    basis: str
    meaning: tuple[str, ...]
    todo: tuple[str, ...]
    if_nothing: tuple[str, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Deadline:
    rule: Rule
    last_day: _dt.date | None  # None when the paper itself carries the date, or there is none
    note: str = ""  # why there is no computed day

    @property
    def label(self) -> str:
        return KINDS[self.rule.kind]


RULES = {
    "complaint": Rule(
        kind="complaint",
        task="交答辩状；对管辖有异议的，也在这段时间里提出",
        basis=f"《民事诉讼法》{cite('civil-procedure-128')}、{cite('civil-procedure-130')}",
        meaning=(
            "法院把原告的起诉状副本送给你，是让你回应。你可以在收到之日起 15 日内交书面答辩状，"
            f"写明你认可什么、不认可什么、理由和证据（《民事诉讼法》{cite('civil-procedure-128')}）。",
            f"认为这个案子不该由这家法院审理的，管辖异议要在交答辩状的期间内提出（{cite('civil-procedure-130')}）。",
            f"简易程序的案件，你要求书面答辩的，法院可以征得你同意后另定答辩期间（《民诉法解释》{cite('civil-procedure-interpretation-275', '第二百六十六条')}）；"
            f"小额诉讼的案件也是这样，但最长 15 日（{cite('civil-procedure-interpretation-275', '第二百七十五条')}）。应诉通知书上写了期限的，以它为准。",
        ),
        todo=(
            "逐项核对起诉状里的数字：本金、利息、罚息、违约金、各项费用，以及你已经还过的钱。",
            f"答辩状写明你的姓名、性别、年龄、民族、职业、工作单位、住所和联系方式（{cite('civil-procedure-128')}），"
            "再写你不同意的地方和依据。愿意调解的，也可以写上你的困难和你做得到的还款方案。",
            "交到发文书的法院，自己留一份副本，记下交的日期。",
        ),
        if_nothing=(
            f"不交答辩状，法院照样审理（{cite('civil-procedure-128', '第一百二十八条第二款')}）。你少了一次把意见和证据写清楚的机会。",
        ),
    ),
    "summons": Rule(
        kind="summons",
        task="按传票上的时间到庭",
        basis=f"《民事诉讼法》{cite('civil-procedure-147')}",
        meaning=(
            "传票写明了开庭的时间和地点。这个日子是法院定的，不是从收到之日算出来的。",
        ),
        todo=(
            "按时到庭，带上身份证件、传票、你的证据，以及你做得到的还款方案。",
            f"确实有正当理由去不了的，尽早联系法院说明；是否延期开庭由法院决定（{cite('civil-procedure-149')}）。",
        ),
        if_nothing=(
            f"被告经传票传唤，无正当理由拒不到庭的，法院可以缺席判决（{cite('civil-procedure-147')}）。"
            "也就是说，判决可能在你没有说话的情况下作出。",
        ),
    ),
    "judgment": Rule(
        kind="judgment",
        task="决定是否上诉",
        basis=f"《民事诉讼法》{cite('civil-procedure-171', '第一百七十一条')}、{cite('civil-procedure-158')}",
        meaning=(
            f"不服第一审判决的，可以在判决书送达之日起 15 日内向上一级法院上诉（《民事诉讼法》{cite('civil-procedure-171', '第一百七十一条')}），"
            f"上诉状通过原审法院递交（{cite('civil-procedure-171', '第一百七十三条')}）。",
            f"小额诉讼的案件实行一审终审，不能上诉（{cite('civil-procedure-165')}）。拿不准是不是小额诉讼的，问法院或 {LEGAL}。",
        ),
        todo=(
            "先看判决主文：要付多少，哪天之前付。",
            "不服的，在期限内递交上诉状，写明请求和理由。上诉不一定能改变结果。",
            "接受判决、但一次付不起的，尽早主动联系对方，商量怎样履行，谈好的内容要落在纸面上。",
        ),
        if_nothing=(
            f"超过上诉期没有上诉的判决，发生法律效力（{cite('civil-procedure-158')}）。"
            f"到期不履行的，对方可以申请法院执行（{cite('civil-procedure-247')}），"
            f"迟延履行期间的债务利息要加倍支付（{cite('civil-procedure-264')}）。",
        ),
    ),
    "judgment_small_claims": Rule(
        kind="judgment",
        task="按判决写的期限履行",
        basis=f"《民事诉讼法》{cite('civil-procedure-165')}、{cite('civil-procedure-158')}",
        meaning=(
            f"小额诉讼的案件实行一审终审，不能上诉（《民事诉讼法》{cite('civil-procedure-165')}）。"
            f"依法不准上诉的判决，是发生法律效力的判决（{cite('civil-procedure-158')}）。",
        ),
        todo=(
            "先看判决主文：要付多少，哪天之前付。一次付不起的，尽早主动联系对方商量，谈好的内容要落在纸面上。",
            f"认为案子不该按小额诉讼审理的，问发判决的法院或 {LEGAL} 还有什么途径。",
        ),
        if_nothing=(
            f"到期不履行的，对方可以申请法院执行（{cite('civil-procedure-247')}），迟延履行期间的债务利息要加倍支付（{cite('civil-procedure-264')}）。",
        ),
    ),
    "ruling": Rule(
        kind="ruling",
        task="决定是否上诉",
        basis=f"《民事诉讼法》{cite('civil-procedure-171', '第一百七十一条第二款')}、{cite('civil-procedure-157')}、{cite('civil-procedure-158')}",
        meaning=(
            "裁定书和判决书不一样：看文书最上面的标题，写的是“民事裁定书”。"
            "不服第一审裁定的，可以在裁定书送达之日起 10 日内向上一级法院上诉，比判决的 15 日短 5 天"
            f"（《民事诉讼法》{cite('civil-procedure-171', '第一百七十一条第二款')}）。上诉状通过原审法院递交（{cite('civil-procedure-171', '第一百七十三条')}）。",
            f"不是每一种裁定都能上诉。能上诉的只有不予受理、对管辖权异议的裁定和驳回起诉（{cite('civil-procedure-157')}）。"
            "裁定书的末尾一般写明能不能上诉、多少日内；写明不能上诉的，以裁定书为准。",
            "写着查封、冻结、扣押财产的裁定不能上诉，要看是哪一种："
            "判决之前作出、案号里没有“执”字的，是保全裁定，请改勾“保全裁定书”；"
            "案号里有“执”字、标题是“执行裁定书”的，是执行中的裁定，请改勾“执行裁定书”。",
        ),
        todo=(
            "先看裁定书的主文：法院裁定了什么，比如驳回了你的管辖异议。",
            "不服、又属于能上诉的裁定的，在期限内递交上诉状，写明请求和理由。上诉不一定能改变结果。",
            f"拿不准能不能上诉的，问发裁定的法院或 {LEGAL}。",
        ),
        if_nothing=(
            f"超过上诉期没有上诉的裁定，发生法律效力（{cite('civil-procedure-158')}）。"
            "案子里别的期限照常计算：该答辩的答辩，该到庭的到庭。",
        ),
    ),
    "ruling_small_claims": Rule(
        kind="ruling",
        task="按裁定办，其他期限照常",
        basis=f"《民事诉讼法》{cite('civil-procedure-165')}；《民诉法解释》{cite('civil-procedure-interpretation-276', '第二百七十六条')}、{cite('civil-procedure-interpretation-276', '第二百七十七条')}",
        meaning=(
            f"小额诉讼的案件实行一审终审（《民事诉讼法》{cite('civil-procedure-165')}）。"
            f"对管辖异议作出的裁定、驳回起诉的裁定，一经作出就生效，不能上诉（《民诉法解释》{cite('civil-procedure-interpretation-276', '第二百七十六条')}、{cite('civil-procedure-interpretation-276', '第二百七十七条')}）。",
        ),
        todo=(
            "先看裁定书的主文：法院裁定了什么。",
            f"认为案子不该按小额诉讼审理的，问发裁定的法院或 {LEGAL} 还有什么途径。",
        ),
        if_nothing=(
            "案子里别的期限照常计算：该答辩的答辩，该到庭的到庭。",
        ),
    ),
    "preservation_ruling": Rule(
        kind="preservation_ruling",
        task="不服的，申请复议",
        basis=f"《民事诉讼法》{cite('civil-procedure-111')}；《民诉法解释》{cite('civil-procedure-interpretation-171')}",
        meaning=(
            "保全裁定是法院在案子判决之前（有时在起诉之前），先查封、冻结或者扣押财产"
            f"（《民事诉讼法》{cite('civil-procedure-103', '第一百零三条')}、{cite('civil-procedure-103', '第一百零四条')}）。标题一般也写“民事裁定书”，案号里没有“执”字。",
            "案号里有“执”字、标题是“执行裁定书”的，是判决等文书生效以后、执行中的裁定，不是保全裁定，"
            "不适用这里的 5 日，请改勾“执行裁定书”。",
            "保全裁定不能上诉。不服的，可以自收到裁定书之日起 5 日内，向作出裁定的法院申请复议一次"
            f"（《民事诉讼法》{cite('civil-procedure-111')}，《民诉法解释》{cite('civil-procedure-interpretation-171')}）。",
        ),
        todo=(
            "先看裁定书：冻结了哪个账户、查封扣押了什么、以多少钱为限。",
            "认为裁定不当的，在期限内向作出裁定的法院交书面复议申请，写明理由。是否改变由法院决定。",
            f"拿不准怎么写的，问发裁定的法院或 {LEGAL}。",
        ),
        if_nothing=(
            f"复议期间，裁定照常执行（{cite('civil-procedure-111')}）。不申请复议，裁定也照常有效。"
            "保全不等于判决，案子照常审理，别的期限照常计算。",
        ),
    ),
    "enforcement_ruling": Rule(
        kind="enforcement_ruling",
        task="认为执行行为违法的，向执行法院提出书面异议",
        basis=f"《民事诉讼法》{cite('civil-procedure-253', '第二百五十三条')}、{cite('civil-procedure-236')}",
        meaning=(
            "执行裁定书是案子进入执行以后，法院为执行判决等文书作出的裁定：案号里有“执”字，标题一般写“执行裁定书”，"
            f"主文写着冻结、划拨哪个账户，查封、扣押或者变价什么财产（《民事诉讼法》{cite('civil-procedure-253', '第二百五十三条')}）。",
            "它不是保全裁定，不适用保全裁定 5 日内复议的规定，也不能上诉。认为执行行为违反法律规定的，"
            f"可以向负责执行的法院提出书面异议，法院自收到之日起 15 日内审查，作出裁定（{cite('civil-procedure-236')}）。",
            f"对法院就你的异议作出的裁定不服的，可以自那份裁定送达之日起 10 日内向上一级法院申请复议（{cite('civil-procedure-236')}）。"
            "收到那份裁定后，勾“执行异议裁定书”，算出最后一天。",
        ),
        todo=(
            "先看裁定书：冻结、划拨了哪个账户，查封、扣押了什么，以多少钱为限，再和判决等文书确定的数额对一对。",
            "这一条没有写提出异议要在多少天内，但执行照常进行。认为执行行为违法的，请尽早把书面异议交到负责执行的法院，"
            "写明理由，自己留一份副本，记下交的日期。",
            f"一次付不起的，也可以尽快联系执行法官说明情况。拿不准是不是执行中的裁定、异议怎么写的，问执行法院或 {LEGAL}。",
        ),
        if_nothing=(
            "不提出异议，执行照常进行：冻结的钱可能被划拨，查封、扣押的财产可能被变价。"
            f"法院要给你和你扶养的家人留下生活必需的费用和物品（{cite('civil-procedure-253', '第二百五十三条')}至{cite('civil-procedure-253', '第二百五十五条')}）。",
        ),
        links=(Link("执行和解还款方案", "tools/enforcement-settlement/"),),
    ),
    "objection_ruling": Rule(
        kind="objection_ruling",
        task="不服的，向上一级法院申请复议",
        basis=f"《民事诉讼法》{cite('civil-procedure-236')}",
        meaning=(
            "你对执行行为提出书面异议后，法院审查后作出裁定：理由成立的，撤销或者改正；理由不成立的，驳回"
            f"（《民事诉讼法》{cite('civil-procedure-236')}）。",
            f"对这份裁定不服的，可以自裁定送达之日起 10 日内向上一级法院申请复议（{cite('civil-procedure-236')}）。",
        ),
        todo=(
            "先看裁定书的主文：你的异议是被支持了，还是被驳回了。",
            "不服的，在期限内写好复议申请，写明请求和理由。复议不一定能改变结果。",
            f"拿不准复议申请交到哪里、怎么写的，问执行法院或 {LEGAL}。",
        ),
        if_nothing=(
            "过了 10 日没有申请复议，执行照常进行。",
        ),
    ),
    "payment_order": Rule(
        kind="payment_order",
        task="清偿，或者向法院提出书面异议",
        basis=f"《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}；《民诉法解释》{cite('civil-procedure-interpretation-431')}、{cite('civil-procedure-interpretation-436')}",
        meaning=(
            f"支付令要求你在收到之日起 15 日内清偿，或者向发出支付令的法院提出书面异议（《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}）。"
            f"口头异议无效（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。",
            f"只说现在还不起、请求晚点还或分期还，不算有效的异议，支付令照样有效（《民诉法解释》{cite('civil-procedure-interpretation-436')}）。"
            "异议要针对债务本身，比如金额不对、利息费用有问题、放款时预先扣了钱、已经还的钱没算进去。",
        ),
        todo=(
            "对债务本身有不同意见的，在期限内把书面异议交到法院，写明理由。可以用本站的支付令异议书工具。",
            "对债务没有异议、只是暂时还不起的，书面异议挡不住支付令。请尽快和债权人商量，"
            "谈好的内容写成书面协议。这 15 天不会因为你们正在商量而停下。",
        ),
        if_nothing=(
            f"期限内既不提出异议、又不清偿的，债权人可以向法院申请执行（《民事诉讼法》{cite('civil-procedure-225', '第二百二十七条')}）。"
            f"过了期限再提异议，视为没有提出（《民诉法解释》{cite('civil-procedure-interpretation-431')}）。",
        ),
        links=(Link("支付令异议书", "tools/payment-order-objection/"), Link("协商还款申请书", "tools/letter/")),
    ),
    "enforcement_notice": Rule(
        kind="enforcement_notice",
        task="按执行通知书履行",
        basis=f"《民事诉讼法》{cite('civil-procedure-252', '第二百五十一条')}、{cite('civil-procedure-252', '第二百五十二条')}",
        meaning=(
            "执行通知书说明，对方已经申请执行，或者案件已经移送执行。"
            f"执行员发出执行通知后，可以立即采取强制执行措施（《民事诉讼法》{cite('civil-procedure-252', '第二百五十一条')}）。",
            f"通知书里写着履行的期限，那是法院指定的期间，同样从收到的第二天算起（{cite('civil-procedure-85')}）。",
        ),
        todo=(
            "按通知书写的期限履行。一次付不起的，尽快联系执行法官说明情况，"
            f"也可以向申请执行人提出执行和解方案（{cite('civil-procedure-241')}）。",
            f"没有按执行通知履行的，要如实报告你现在的财产，以及收到执行通知之日前一年的财产情况（{cite('civil-procedure-252', '第二百五十二条')}）。",
        ),
        if_nothing=(
            "法院可以冻结、划拨存款，扣留、提取收入，查封、拍卖财产，但要给你和你扶养的家人留下生活必需的费用和物品"
            f"（{cite('civil-procedure-253', '第二百五十三条')}至{cite('civil-procedure-253', '第二百五十五条')}）。",
            f"没有按执行通知书指定的期间履行的，法院可以限制高消费（据转载，见 2015 年修正后的《最高人民法院关于限制被执行人高消费及有关消费的若干规定》{cite('high-consumption-2015', '第一条', hedge=False)}，以最高人民法院公布的文本为准）；"
            f"迟延履行期间的债务利息要加倍支付（《民事诉讼法》{cite('civil-procedure-264')}）。",
        ),
        links=(Link("执行和解还款方案", "tools/enforcement-settlement/"),),
    ),
    "report_order": Rule(
        kind="report_order",
        task="如实报告财产",
        basis=f"《民事诉讼法》{cite('civil-procedure-252', '第二百五十二条')}；失信被执行人名单规定（2017 年修正）{cite('dishonest-list-2017')}",
        meaning=(
            f"报告财产令要求你如实报告现在的财产，以及收到执行通知之日前一年的财产情况（《民事诉讼法》{cite('civil-procedure-252', '第二百五十二条')}）。",
            f"令上写着报告的期限，那是法院指定的期间，同样从收到的第二天算起（{cite('civil-procedure-85')}）。",
        ),
        todo=(
            "按要求的格式逐项如实填写：存款、收入、房产、车辆和其他财产，以及这段时间里的变动。",
            "没有财产的，也如实写明。确实没钱，不等于不报告；如实报告本身就是在履行这项义务。",
            f"不清楚怎么填的，问执行法官、法院诉讼服务中心或 {LEGAL}。",
        ),
        if_nothing=(
            f"拒绝报告或者虚假报告的，法院可以罚款、拘留（《民事诉讼法》{cite('civil-procedure-252', '第二百五十二条')}）。",
            "判决等文书确定的义务还没有履行完，又违反财产报告制度的，可能被列入失信被执行人名单"
            f"（《最高人民法院关于公布失信被执行人名单信息的若干规定》2017 年修正，{cite('dishonest-list-2017', '第一条第（四）项')}）。",
            f"确实没有钱还，本身不是列入的理由：法院不得按“有履行能力而拒不履行”把你列入（同一规定{cite('dishonest-list-2017-3', '第三条')}）。"
            "但如实报告财产是另一项义务，不报告或者报假，有没有钱都可能因此被列入。",
        ),
    ),
}

COUNTING = Notice(
    level="info",
    title="期限是怎么算的",
    paragraphs=(
        f"收到文书的当天不算，从第二天算起（《民事诉讼法》{cite('civil-procedure-85')}，《民诉法解释》{cite('civil-procedure-interpretation-125')}）。"
        "比如 15 日的期限，收到那天加上 15 天，就是最后一天。",
        "“收到的日期”是送达回证上签收的日期；家人代收的，是家人签收的日期；"
        "电子送达的，是信息到达你手机或邮箱的日期；邮寄的，是回执上的收件日期"
        f"（{cite('civil-procedure-87', '第八十七条')}、{cite('civil-procedure-87', '第八十八条')}、{cite('civil-procedure-87', '第九十条')}、{cite('civil-procedure-87', '第九十一条')}）。拿不准的，按最早的那一天算。",
        f"最后一天是法定休假日的，顺延到休假日后的第一天（{cite('civil-procedure-85')}）。"
        "这里无法知道以后的放假安排，所以只显示算出来的日子。遇到周末或节假日，期限可能往后顺延，"
        "但请不要指望顺延，在算出来的日子之前办完。",
        f"书面材料在期满前交邮的，不算过期（{cite('civil-procedure-85')}）。用能查到寄出日期的方式寄，保存好凭证。",
    ),
    links=(SOURCES,),
)

CRISIS_LEAD = "收到法院的文书，害怕、发慌都很正常。期限已经算出来了，一件一件来，不用一个人扛。"


def last_day(received: _dt.date, days: int) -> _dt.date:
    """The last day of a period of `days` days from `received`, the day of receipt not counted (第八十五条)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return received + _dt.timedelta(days=days)


def weekday(day: _dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def may_move(day: _dt.date) -> bool:
    """True for a Saturday or Sunday: a day on which the period may be extended (holidays are unknown here)."""
    return day.weekday() >= 5


def holiday(day: _dt.date) -> str:
    """The name of the fixed-date statutory holiday on `day` (元旦, 劳动节, 国庆节), or '' (fact 10.7, grade B)."""
    return FIXED_HOLIDAYS.get((day.month, day.day), "")


def day_off(day: _dt.date) -> str:
    """Why the period might end later than `day`, in a few words: '元旦', '星期六', or '' for a working day."""
    return holiday(day) or (weekday(day) if may_move(day) else "")


def deadlines(
    kinds,
    received: _dt.date,
    *,
    hearing: _dt.date | None = None,
    notice_days: int | None = None,
    report_days: int | None = None,
    small_claims: bool = False,
) -> tuple[Deadline, ...]:
    """One Deadline per ticked kind, dated ones first in date order, then those the paper itself dates."""
    found = []
    for kind in KINDS:
        if kind not in kinds:
            continue
        rule = RULES[kind]
        if kind in ("complaint", "payment_order"):
            found.append(Deadline(rule, last_day(received, STATUTORY_DAYS)))
        elif kind == "judgment":
            if small_claims:
                found.append(Deadline(rule=RULES["judgment_small_claims"], last_day=None, note="小额诉讼一审终审，不能上诉；付款期限看判决书"))
            else:
                found.append(Deadline(rule, last_day(received, STATUTORY_DAYS)))
        elif kind == "ruling":
            if small_claims:
                found.append(Deadline(rule=RULES["ruling_small_claims"], last_day=None, note="小额诉讼的这类裁定一经作出即生效；看裁定书写的内容"))
            else:
                found.append(Deadline(rule, last_day(received, RULING_APPEAL_DAYS)))
        elif kind == "preservation_ruling":
            found.append(Deadline(rule, last_day(received, RECONSIDERATION_DAYS)))
        elif kind == "enforcement_ruling":
            found.append(Deadline(rule=rule, last_day=None, note="法律没有写提出执行异议的天数；执行照常进行，请尽早提出"))
        elif kind == "objection_ruling":
            found.append(Deadline(rule, last_day(received, OBJECTION_REVIEW_DAYS)))
        elif kind == "summons":
            found.append(Deadline(rule=rule, last_day=hearing, note="" if hearing else "看传票上写的开庭时间"))
        else:
            days = notice_days if kind == "enforcement_notice" else report_days
            if days:
                found.append(Deadline(rule, last_day(received, days)))
            else:
                found.append(Deadline(rule=rule, last_day=None, note="看文书上写的期限，把天数填在上面"))
    dated = sorted((d for d in found if d.last_day), key=lambda d: d.last_day)
    return tuple(dated) + tuple(d for d in found if not d.last_day)


@dataclass(frozen=True, kw_only=True)
class Inputs:
    """The reader's answers about the papers received (parsed by tools/court_deadlines.py)."""

    kinds: tuple[PaperKind, ...]
    received: _dt.date
    hearing: _dt.date | None
    notice_days: int | None
    report_days: int | None
    small_claims: bool


def days_left(day: _dt.date, today: _dt.date) -> str:
    """'还有 3 天', '今天就是最后一天' or '已经过了 2 天', counted from `today`."""
    days = (day - today).days
    if days > 0:
        return f"还有 {days} 天"
    if days == 0:
        return "今天就是最后一天"
    return f"已经过了 {-days} 天"


def may_move_text(day: _dt.date) -> str:
    """The sentence beside a last day that falls on a weekend or a fixed-date holiday, or ''."""
    name = holiday(day)
    if name:
        return f"这天是{name}（{HOLIDAY_HEDGE}），期限可能顺延，但请不要指望顺延，在这之前办完。"
    if may_move(day):
        return f"这天是{weekday(day)}，期限可能顺延，但请不要指望顺延，在这之前办完。"
    return ""


def passed_notice(passed) -> Notice:
    """The warning for deadlines already past: check the date, ask for an extension (第八十六条), get help."""
    names = "、".join(d.label for d in passed)
    paragraphs = [
        f"按这台设备的日期，{names}的期限已经过了。先核对收到的日期是否填对。",
        "因为不可抗拒的事由或者其他正当理由耽误了期限的，可以在障碍消除后的 10 日内申请顺延，"
        f"是否准许由法院决定（《民事诉讼法》{cite('civil-procedure-86')}）。",
        f"请尽快联系发文书的法院，或者打 {LEGAL} 问下一步怎么办。",
    ]
    return Notice(level="danger", title="有期限已经过了", paragraphs=tuple(paragraphs))


def for_inputs(inputs: Inputs) -> tuple[Deadline, ...]:
    """The deadlines of the papers in parsed `inputs` (dated ones first, in date order)."""
    return deadlines(
        inputs.kinds,
        inputs.received,
        hearing=inputs.hearing,
        notice_days=inputs.notice_days,
        report_days=inputs.report_days,
        small_claims=inputs.small_claims,
    )


def date_text(day: _dt.date) -> str:
    """'2027-01-01（星期五，元旦）': the weekday, and a fixed-date holiday by name."""
    name = holiday(day)
    return f"{day.isoformat()}（{weekday(day)}{'，' + name if name else ''}）"

