"""Guided start (我该先做什么): a few tapped answers, then an ordered, personal route.

The reader answers about six questions: did a court paper or a court message arrive (which
papers, on what day); is anyone threatening them or calling the people they know; has anyone
asked for money to a personal account or a fee; how many lenders; do they know their monthly
income and expenses; has a lender offered a plan. The route puts the urgent items first, then
the guide's steps in the site's order, each with its page and its tool.

This module states no law of its own. Court deadlines come from `deadlines` (its kinds, its
parser, its last-day rule and its wording); the scam warning from `scam_check`; the help lines from
`helplines`; the credit-report line from `checklist`. No outcome is promised.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..core import case as model
from ..core import court_days, helplines
from ..core.inputs import parse_choice, parse_choices, reference_date
from ..core.view import Link, Notice, View
from . import checklist, court_deadlines, scam_check

COURT = {
    "none": "没有收到",
    "paper": "收到了法院的文书（纸质的，或者电子送达的）",
    "message": "只收到短信或电话，说我被起诉了，还没见到文书",
}
PRESSURE = {
    "safety": "有人威胁我或家人的人身安全，或者上门纠缠",
    "contacts": "催收的人联系我的家人、同事或通讯录里的人",
}
# The scam signs asked here, keyed as in `scam_check.SIGNS`; `scam_check.ALREADY_KEY` is money already gone.
MONEY = ("personal_account", "deposit", "paid_fix", scam_check.ALREADY_KEY)
LENDERS = {
    "one": "一家",
    "several": "两家或更多",
    "unsure": "说不清欠了几家",
}
BUDGET = {
    "known": "大概知道",
    "unknown": "不清楚",
}
OFFER = {
    "no": "没有",
    "yes": "有，对方给了一个方案",
}

COURT_GUIDE = Link("收到法院材料怎么办", "guide/court/")
COURT_TOOL = Link("法院文书期限", "tools/court-deadlines/")
RIGHTS_GUIDE = Link("催收中你的权利", "guide/rights/")
LOG_TOOL = Link("沟通记录", "tools/log/")
HELP_PAGE = Link("求助电话和免费帮助", "help/")

CRISIS_LEAD = "事情一件一件来。先做上面最急的一件，其他的按下面的顺序慢慢来。"
_CREDIT_REPORT = next(m for m in checklist.PLAN if m.key == "credit_report")


@dataclass(frozen=True, kw_only=True)
class Answers:
    """What the reader tapped. `papers` is court_days.parse's result when a court paper came, else None."""

    court: str
    papers: court_days.Inputs | None
    pressure: tuple[str, ...]
    money: tuple[str, ...]
    lenders: str
    budget: str
    offer: str


@dataclass(frozen=True, kw_only=True)
class Step:
    """One step of the guide: `key` is stable, `links` are its page and its tools."""

    key: str
    title: str
    paragraphs: tuple[str, ...]
    links: tuple[Link, ...]


def parse(fields: dict, today: _dt.date) -> Answers:
    """The reader's answers; unanswered questions take the neutral answer. A court paper needs
    its kinds and its day of receipt, checked by `court_days.parse` (InputErrors naming them)."""
    court = parse_choice(fields.get("court"), "court", "有没有收到法院的文书", COURT, default="none")
    ticked_papers = parse_choices(fields.get("kinds"), court_days.KINDS)
    papers = None
    if court == "paper" or ticked_papers:
        court = "paper"
        papers = court_deadlines.parse(fields, today)
    return Answers(
        court=court,
        papers=papers,
        pressure=parse_choices(fields.get("pressure"), PRESSURE),
        money=parse_choices(fields.get("money"), MONEY),
        lenders=parse_choice(fields.get("lenders"), "lenders", "欠了几家", LENDERS, default="one"),
        budget=parse_choice(fields.get("budget"), "budget", "每月的收入和开支", BUDGET, default="unknown"),
        offer=parse_choice(fields.get("offer"), "offer", "对方有没有给方案", OFFER, default="no"),
    )


def paper_notices(papers: court_days.Inputs, today: _dt.date) -> tuple[Notice, ...]:
    """One notice per paper, earliest last day first: the day from `deadlines`, what to do and its basis as it states them."""
    found = court_days.for_inputs(papers)
    notices = []
    passed = [d for d in found if d.last_day and d.last_day < today]
    if passed:
        notices.append(court_days.passed_notice(passed))
    for deadline in found:
        rule = deadline.rule
        if deadline.last_day:
            when = f"最后一天：{court_days.date_text(deadline.last_day)}，按这台设备的日期{court_days.days_left(deadline.last_day, today)}。"
            if court_days.may_move(deadline.last_day):
                when += "这天是周末，期限可能顺延，但请在这之前办完。"
        else:
            when = "这份文书的期限以文书上写的为准。在“法院文书期限”里填上，可以算出最后一天，导入手机日历。"
        level = "danger" if deadline.last_day is not None and deadline.last_day < today else "warning"
        notices.append(
            Notice(
                level=level,
                title=f"{deadline.label}：{rule.task}",
                paragraphs=(when, "在这之前要做的：" + "".join(rule.todo), f"依据：{rule.basis}。"),
                links=(*rule.links, COURT_TOOL, COURT_GUIDE),
            )
        )
    return tuple(notices)


COURT_MESSAGE = Notice(
    level="warning",
    title="先核实：是不是真的法院",
    paragraphs=(
        "只有短信或电话，还没见到文书的，先别按对方说的转钱，也别不理。",
        "自己查到那家法院公布的电话，打过去问有没有这个案子；不要打短信里留的号码，不要点短信里的链接。"
        + helplines.COURT_SERVICE_TEXT,
        "核实是真的，再按文书上的日期算期限。",
    ),
    links=(COURT_GUIDE, COURT_TOOL, helplines.call_link(helplines.COURT_SERVICE, f"拨打 {helplines.COURT_SERVICE} 诉讼服务热线")),
)
SAFETY = Notice(
    level="danger",
    title="有人威胁你或家人的安全：先打 110",
    paragraphs=(
        f"有人威胁你或家人的人身安全、上门纠缠、限制你的自由，马上拨打 {helplines.POLICE} 报警，不用等别的事办完。",
        "把短信、录音、截图、照片都留好，在“沟通记录”里按时间记下来。",
    ),
    links=(helplines.call_link(helplines.POLICE, f"拨打 {helplines.POLICE} 报警"), RIGHTS_GUIDE, LOG_TOOL),
)
CONTACTS = Notice(
    level="warning",
    title="催收的人联系你认识的人：先留证据",
    paragraphs=(
        "每一次联系都记下来：哪天、几点、哪个号码、找了谁、说了什么。",
        "通过官方客服要求对方停止联系与借款无关的人，能用文字就用文字；也可以写一封“请求停止联系第三人的函”。"
        "对方不改的，可以投诉。这样做是否违法、怎样处理，由有权处理的部门判断。",
    ),
    links=(
        LOG_TOOL,
        Link("给放贷机构或催收方的信", "tools/lender-letters/"),
        RIGHTS_GUIDE,
        Link("投诉找谁", "guide/complaints/"),
    ),
)


def urgent_blocks(answers: Answers, today: _dt.date) -> tuple:
    """The urgent items, most pressing first: money already gone, a threat to safety, court
    deadlines, a court message to verify, other scam signs, calls to the reader's contacts.
    The crisis lines follow once wherever the situation may bring despair: money gone, a threat,
    the people they know being called, a court."""
    blocks = []
    verdict = scam_check.assess(set(answers.money), scam_check.ALREADY_KEY in answers.money)
    scam_blocks = [b for b in scam_check.blocks_for(verdict) if b is not scam_check.ALREADY_CRISIS] if verdict.warning else []
    if verdict.already:
        blocks.extend(scam_blocks[:1])
        scam_blocks = scam_blocks[1:]
    if "safety" in answers.pressure:
        blocks.append(SAFETY)
    if answers.papers is not None:
        blocks.extend(paper_notices(answers.papers, today))
    if answers.court == "message":
        blocks.append(COURT_MESSAGE)
    blocks.extend(scam_blocks)
    if "contacts" in answers.pressure:
        blocks.append(CONTACTS)
    if verdict.already or answers.pressure or answers.court != "none":
        blocks.append(helplines.crisis_notice(CRISIS_LEAD))
    return tuple(blocks)


def steps(answers: Answers) -> tuple[Step, ...]:
    """The guide's steps in the site's order, adapted to the answers (never more than the guide says)."""
    if answers.budget == "known":
        budget = "你大概知道每月的收入和开支：填进“还款能力计算”，看每月最多能拿出多少，这个数是后面一切的底。"
    else:
        budget = "先把每月的收入和必要开支弄清楚：房租、吃饭、交通、孩子和老人。用“还款能力计算”算出每月最多能拿出多少。"
    calm = Step(
        key="calm",
        title="先别急着打电话，算清楚每月能拿出多少",
        paragraphs=("不要关机、换号、不接电话。花一两天把情况理清楚，再去谈。", budget),
        links=(Link("先别急着打电话", "guide/not-yet/"), Link("还款能力计算", "tools/budget/")),
    )
    offer = Step(
        key="offer",
        title="先核对对方给的方案，不用当场答应",
        paragraphs=(
            "把方案里的每一项写下来：每月多少、分几期、减免什么、钱还到哪里。",
            "再看每月的钱你是不是真的付得起，协议里有没有写清楚。还款只还到官方 App 或对公账户。",
        ),
        links=(Link("拿到书面协议，留好证据", "guide/agreement/"), Link("方案核对", "tools/offer-check/")),
    )
    materials_text = ["对方想知道你欠了多少、为什么还不上、打算怎么还。先把手边有的材料整理好，缺的边谈边补。"]
    if answers.lenders == "unsure":
        materials_text.append(f"说不清欠了几家的，先列出全部欠款。{_CREDIT_REPORT.text}：{_CREDIT_REPORT.source}")
    materials = Step(
        key="materials",
        title="准备材料",
        paragraphs=tuple(materials_text),
        links=(Link("准备材料", "guide/materials/"), Link("材料清单", "tools/checklist/")),
    )
    channels = Step(
        key="channels",
        title="找对协商渠道",
        paragraphs=("找放贷机构的官方客服或官方 App 谈，号码自己从官方 App 或借款合同上找。不要付钱给自称能“代理协商”的人。",),
        links=(Link("找对协商渠道", "guide/channels/"), Link("诈骗风险自查", "tools/scam-check/")),
    )
    if answers.lenders == "several":
        plan_text = "欠了好几家：用“多个平台一起算”把每月能拿出的钱分给各家，再给每一家做一份还款计划。"
        plan_links = (Link("做一个还得起的计划", "guide/plan/"), Link("多个平台一起算", "tools/lenders/"), Link("还款计划", "tools/plan/"))
    else:
        plan_text = "按你每月真能拿出的钱定计划，宁可少一点，也不要答应做不到的数字。“还款计划”列出每期的日期和金额。"
        plan_links = (Link("做一个还得起的计划", "guide/plan/"), Link("还款计划", "tools/plan/"))
    plan = Step(key="plan", title="做一个还得起的计划", paragraphs=(plan_text,), links=plan_links)
    talk = Step(
        key="talk",
        title="开口谈，并把每次联系记下来",
        paragraphs=("把方案写成书面申请，说清楚困难和你做得到的还款方式。每一次通话、每一条消息都记下来。",),
        links=(Link("怎样和平台沟通", "guide/talk/"), Link("协商还款申请书", "tools/letter/"), LOG_TOOL),
    )
    agreement = Step(
        key="agreement",
        title="谈好的内容落到纸面上",
        paragraphs=("对方同意了，请对方给书面协议或正式确认，逐项核对后再付第一笔钱。",),
        links=(Link("拿到书面协议，留好证据", "guide/agreement/"), Link("方案核对", "tools/offer-check/")),
    )
    if answers.offer == "yes":
        return (calm, offer, materials, channels, plan, talk)
    return (calm, materials, channels, plan, talk, agreement)


def step_notice(number: int, step: Step, done: str = "") -> Notice:
    """A step; `done` (what the case already shows) marks it done."""
    if done:
        return Notice(level="success", title=f"第 {number} 步（已做）：{step.title}", paragraphs=(done, *step.paragraphs), links=step.links)
    return Notice(level="info", title=f"第 {number} 步：{step.title}", paragraphs=step.paragraphs, links=step.links)


def done_steps(text) -> dict[str, str]:
    """Step key -> what the reader's case (我的情况, the case file's text) already shows as done.
    No case, or one that cannot be read, shows nothing done."""
    try:
        case = model.from_json(text) if text else None
    except model.CaseError:
        case = None
    if case is None:
        return {}
    done = {}
    if case.income is not None and case.expenses is not None:
        done["calm"] = "“我的情况”里已经有每月的收入和必要支出。"
    if case.lenders and all(lender.plan for lender in case.lenders):
        done["plan"] = f"“我的情况”里 {len(case.lenders)} 家都已经有了每月的计划。"
    if case.log:
        done["talk"] = f"沟通记录里已经有 {len(case.log)} 条。"
    return done


def tool(fields: dict) -> View:
    """The route: the urgent items first, then the numbered steps, each linked to its page and tool."""
    today = reference_date(fields)
    answers = parse(fields, today)
    urgent = urgent_blocks(answers, today)
    route = steps(answers)
    blocks = list(urgent)
    if urgent:
        blocks.append(Notice(level="info", title="急事处理好以后，按下面的顺序来", paragraphs=("每一步都链接到讲解的页面和能用的工具。按自己的节奏走，不必一天做完。",)))
    else:
        blocks.append(Notice(level="info", title="按你的回答，没有要马上处理的急事", paragraphs=("下面按顺序走。每一步都链接到讲解的页面和能用的工具。",), links=(HELP_PAGE,)))
    done = done_steps(fields.get("case"))
    blocks.extend(step_notice(number, step, done.get(step.key, "")) for number, step in enumerate(route, 1))
    found = court_days.for_inputs(answers.papers) if answers.papers is not None else ()
    dated = [{"kind": d.rule.kind, "last_day": d.last_day.isoformat() if d.last_day else ""} for d in found]
    urgent_count = sum(1 for b in urgent if isinstance(b, Notice) and b.level in ("danger", "warning"))
    if urgent_count:
        announce = f"先处理 {urgent_count} 件急事，然后按 {len(route)} 个步骤走。"
    else:
        announce = f"没有要马上处理的急事，按 {len(route)} 个步骤走。"
    return View(
        tuple(blocks),
        announce=announce,
        data={"steps": [step.key for step in route], "deadlines": dated, "urgent": urgent_count},
    )
