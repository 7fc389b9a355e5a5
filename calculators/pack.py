"""Negotiation pack (协商材料包): one printable page with the budget summary, the proposed plan
and its schedule, the materials checklist and the letter.

It only composes the other tools: `budget.capacity` for the summary, `plan.make_plan` for the
schedule, `checklist.materials` for the list and `letter.parse`/`letter.compose` for the letter.
The pack's form uses the same field names as those tools' forms.
"""

from __future__ import annotations

from . import budget, checklist, letter, plan
from .inputs import collect, parse_date
from .money import format_amount, parse_amount
from .view import Document, Download, Figure, Link, Notice, Summary, Table, View


def budget_blocks(income, expenses, proposal: letter.Proposal) -> tuple:
    """The budget summary from total monthly income and expenses, or a pointer to the budget tool."""
    if income is None or expenses is None:
        return (
            Notice(
                "info",
                "还没有填收入和必要支出",
                ("填上每月收入和必要支出，材料包里会有一份收支小结，协商时可以直接给对方看。",),
                (Link("还款能力计算", "tools/budget/"),),
            ),
        )
    result = budget.capacity(income, expenses)
    figures = [
        Figure("每月收入", format_amount(result.income)),
        Figure("每月必要支出", format_amount(result.expenses)),
        Figure("扣除必要支出后剩下", format_amount(result.available)),
    ]
    if result.offer is not None:
        figures.append(Figure(f"留出 {result.margin}% 余量后，每月可以还", format_amount(result.offer), emphasis=True))
    blocks = [Summary("一、我的收支情况", tuple(figures))]
    if result.offer is None or proposal.monthly > result.offer:
        blocks.append(
            Notice(
                "warning",
                "方案里的每月金额超过了你留出余量后能还的钱",
                ("发出之前再想一想：答应做不到的金额，很可能再次逾期。",),
                (Link("做一个还得起的计划", "guide/plan/"),),
            )
        )
    return tuple(blocks)


def plan_blocks(proposal: letter.Proposal, start) -> tuple:
    """The proposal as a summary, and its dated schedule when a first payment date is given."""
    figures = []
    if proposal.down_payment:
        figures.append(Figure("首期", format_amount(proposal.down_payment)))
    figures += [
        Figure("每月还款", format_amount(proposal.monthly), emphasis=True),
        Figure("期数", f"{proposal.months} 期", emphasis=True),
        Figure("合计", format_amount(proposal.total)),
    ]
    blocks = [Summary("二、我提出的还款方案", tuple(figures))]
    if start is None:
        blocks.append(Notice("info", "填上第一次还款的日期，这里会列出每一期的日期。", ()))
        return tuple(blocks)
    schedule = plan.make_plan(proposal.total, start, monthly=proposal.monthly, down_payment=proposal.down_payment)
    regular = 0
    rows = []
    for item in schedule.installments:
        if item.kind == "down":
            label = "首期"
        else:
            regular += 1
            label = str(regular)
        rows.append((label, item.due.isoformat(), format_amount(item.amount), format_amount(item.remaining)))
    blocks.append(
        Table(
            "还款计划表",
            ("期数", "日期", "金额", "剩余"),
            tuple(rows),
            footer=("合计", "", format_amount(schedule.total), ""),
            numeric=(2, 3),
        )
    )
    return tuple(blocks)


def tool(fields: dict) -> View:
    """The pack page: budget summary, proposal and schedule, checklist and letter, with the letter as .txt."""
    parsed_letter, start, income, expenses = collect(
        lambda: letter.parse(fields),
        lambda: parse_date(fields.get("start"), "start", "第一次还款的日期", required=False),
        lambda: parse_amount(fields.get("income"), "income", "每月收入", required=False),
        lambda: parse_amount(fields.get("expenses"), "expenses", "每月必要支出", required=False),
    )
    reasons, loans, situations = checklist.parse(fields)
    groups = checklist.materials(reasons, loans, situations)
    text = letter.compose(parsed_letter)
    blocks = (
        budget_blocks(income, expenses, parsed_letter.proposal)
        + plan_blocks(parsed_letter.proposal, start)
        + (Notice("info", "三、材料清单", ("准备好一项，勾一项。复印件记得遮住敏感号码。",)),)
        + checklist.checklist_blocks(groups)
        + letter.notices(parsed_letter)
        + (Document("四、协商还款申请书", text),)
    )
    return View(
        blocks,
        downloads=(Download("下载申请书（.txt）", letter.FILENAME, letter.MIME, text),),
        announce="协商材料包已生成，可以打印或存为 PDF。",
        data={"total": str(parsed_letter.proposal.total)},
    )

