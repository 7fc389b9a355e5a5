"""Negotiation pack (协商材料包): one printable page with the budget summary, the proposed plan
and its schedule, the materials checklist and the letter.

It only composes the other tools: `budget.capacity` for the summary, `letter.parse` (whose
proposal is a `make_plan` schedule) for the plan and the letter, `checklist.materials`
for the list, and the checklist's court notice when the reader has been sued. The pack's form
uses the same field names as those tools' forms.
"""

from __future__ import annotations

from ..core.helplines import crisis_notice
from ..core.inputs import collect, parse_date_near, reference_date
from ..core.money import format_amount, parse_amount
from ..core.schedule import PLAN_YEARS_AHEAD, schedule_table
from ..core.view import Document, Download, Figure, Link, Notice, Summary, View
from ..documents import negotiation_letter
from ..documents.common import TEXT
from ..documents.negotiation_letter import Proposal
from . import budget, checklist, letter, plan

COURT_SITUATIONS = ("sued",)  # checklist situations in which the pack adds the court notice


def budget_blocks(income, expenses, proposal: Proposal) -> tuple:
    """The budget summary from total monthly income and expenses, or a pointer to the budget tool."""
    if income is None or expenses is None:
        return (
            Notice(
                level="info",
                title="还没有填收入和必要支出",
                paragraphs=("填上每月收入和必要支出，材料包里会有一份收支小结，协商时可以直接给对方看。",),
                links=(Link("还款能力计算", "tools/budget/"),),
            ),
        )
    result = budget.capacity(income, expenses)
    blocks = [Summary("一、我的收支情况", tuple(budget.summary_figures(result)))]
    if proposal.monthly > result.kept:
        blocks.append(
            Notice(
                level="warning",
                title="方案里的每月金额超过了你留出余量后能还的钱",
                paragraphs=("发出之前再想一想：答应做不到的金额，很可能再次逾期。",),
                links=(Link("做一个还得起的计划", "guide/plan/"),),
            )
        )
    if result.offer is None:
        blocks.append(budget.no_offer_notice(result))  # the budget tool's own words: why, and what to do instead
    return tuple(blocks)


def plan_blocks(proposal: Proposal, start) -> tuple:
    """The proposal as a summary, and its dated schedule when a first payment date is given.

    Every figure is the schedule's: the count is the number of regular rows in the table.
    """
    schedule = proposal.schedule if start is None else proposal.dated(start)
    figures = []
    if proposal.down_payment:
        figures.append(Figure("首期", format_amount(proposal.down_payment)))
    if proposal.deferral_months:
        what = f"每月 {format_amount(proposal.deferral_amount)}" if proposal.deferral_amount else "不还款"
        figures.append(Figure("缓冲期", f"{proposal.deferral_months} 个月，{what}"))
    figures += [
        Figure("每月还款", format_amount(schedule.monthly), emphasis=True),
        Figure("期数", f"{len(schedule.regular)} 期", emphasis=True),
    ]
    spread = plan.spread_figure(schedule, with_date=start is not None)
    if spread is not None:
        figures.append(spread)
    figures.append(Figure("合计", format_amount(schedule.total)))
    blocks = [Summary("二、我提出的还款方案", tuple(figures))]
    if start is None:
        blocks.append(Notice(level="info", title="填上第一次还款的日期，这里会列出每一期的日期。", paragraphs=()))
        return tuple(blocks)
    blocks.append(schedule_table(schedule))
    return tuple(blocks)


def tool(fields: dict) -> View:
    """The pack page: budget summary, proposal and schedule, checklist and letter, with the letter as .txt."""
    today = reference_date(fields)
    got = collect(
        parsed_letter=lambda: letter.parse(fields),
        start=lambda: parse_date_near(fields.get("start"), "start", "第一次还款的日期", today, future_years=PLAN_YEARS_AHEAD, required=False),
        income=lambda: parse_amount(fields.get("income"), "income", "每月收入", required=False),
        expenses=lambda: parse_amount(fields.get("expenses"), "expenses", "每月必要支出", required=False),
    )
    reasons, loans, situations = checklist.parse(fields)
    groups = checklist.materials(reasons, loans, situations)
    text = negotiation_letter.compose(got.parsed_letter)
    in_court = any(key in situations for key in COURT_SITUATIONS)
    no_offer = got.income is not None and got.expenses is not None and budget.capacity(got.income, got.expenses).offer is None
    help_blocks = (checklist.SUED, checklist.SUED_CRISIS) if in_court else (crisis_notice(),) if no_offer else ()
    blocks = (
        budget_blocks(got.income, got.expenses, got.parsed_letter.proposal)
        + plan_blocks(got.parsed_letter.proposal, got.start)
        + (Notice(level="info", title="三、材料清单", paragraphs=("准备好一项，勾一项。复印件记得遮住敏感号码。",)),)
        + checklist.checklist_blocks(groups)
        + help_blocks
        + letter.notices(got.parsed_letter)
        + (Document("四、协商还款申请书", text),)
    )
    return View(
        blocks,
        downloads=(Download(label="下载申请书（.txt）", filename=negotiation_letter.FILENAME, mime=TEXT, text=text),),
        announce="协商材料包已生成，可以打印或存为 PDF。",
        data={**letter.letter_data(got.parsed_letter), "start": got.start.isoformat() if got.start else ""},
    )
