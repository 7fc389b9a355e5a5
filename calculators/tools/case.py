"""The 我的情况 page's tool: read a case file, and show a case on one page.

`tool(fields)` answers two requests from the page (`fields["action"]`):
- "open": `fields["text"]` is a file the reader chose. The answer's data is `{"case": text}`,
  the case written afresh by `case.to_json` (the one form the page keeps), or, for a file locked
  with a passphrase, `{"locked": {"iterations", "salt", "iv", "data"}}` for the browser to unlock;
  what that decrypts to comes back with `"inner": true`, and must then be a plain case file.
- "store": a tool's result put into the case (`store`): `fields["case"]` the kept case text (or
  ""), `fields["from"]` the tool, `fields["data"]` its last result data, `fields["lender"]` the
  index of the lender it is about ("" or "new" for a new one). The answer's data is `{"case": text}`.
- anything else: `fields["case"]` is the kept case text; the answer shows it: who is owed what,
  the monthly plan per lender and in total against what the reader can pay, the court papers and
  their last days, the latest contacts, what to do next and the help lines.
A refused file raises InputError on the "file" field with the case model's calm message.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from decimal import Decimal, InvalidOperation

from ..core import case as model
from ..core import court_days, helplines
from ..core.contact_log import CHANNELS
from ..core.inputs import InputError, reference_date
from ..core.lender_kinds import LENDERS
from ..core.money import format_amount
from ..core.view import BulletList, Download, Figure, Link, Notice, Summary, Table, View

LATEST_CONTACTS = 5  # the summary shows the newest ones; the file keeps them all
SAID_SHOWN = 40  # characters of what was said, in the summary (the file keeps it all)
# The one-lender tools the summary links to for each lender, filled with that lender's figures.
# The lender is chosen by the address's fragment (#lender=<index>), never a query string: a
# fragment never leaves the browser, so no server log holds it (case-link.mjs reads it).
LENDER_TOOLS = (("还款计划", "tools/plan/"), ("协商信", "tools/letter/"), ("材料包", "tools/pack/"), ("给平台的信", "tools/lender-letters/"))
EMPTY = View(
    blocks=(Notice(level="info", title="还没有“我的情况”", paragraphs=("可以从另一台设备导出的文件导入；也可以在各个工具里算出结果后，点“存入我的情况”。",)),),
    announce="还没有记录。",
)


def _open(fields: dict) -> View:
    text = fields.get("text")
    try:
        opened = model.from_json(text) if fields.get("inner") is True else model.open_file(text)
    except model.CaseError as error:
        raise InputError("file", error.message) from None
    if isinstance(opened, model.Locked):
        return View(announce="这个文件加了密码。", data={"locked": vars(opened)})
    return View(announce="文件读好了。", data={"case": model.to_json(opened)})


def _amount(value) -> Decimal | None:
    """An amount from a tool's result data ("3000.00"), or None when there is none."""
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise InputError("case", "这个结果里有不能存入的金额。") from None
    return amount if amount.is_finite() else None


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _lender_index(raw, lenders) -> int | None:
    """The chosen lender's index, or None for a new one."""
    try:
        index = int(str(raw))
    except ValueError:
        return None
    return index if 0 <= index < len(lenders) else None


def store(case: model.Case, tool: str, data: dict, lender=None) -> model.Case:
    """The case with one tool's result put in: budget (income, expenses), lenders (each lender's
    name, what is owed, and its share as the proposed monthly amount), plan (the chosen lender's
    plan), letter and pack (the reader, the reasons, the chosen lender's facts and plan), rate
    (the chosen lender's real annual rate and the line it was checked against), log (the whole
    contact log, replacing the case's),
    deadlines (the papers, with the day they came). Other parts stay as they are."""
    if not isinstance(data, dict):
        raise InputError("case", "还没有可以存入的结果。")
    replace = dataclasses.replace
    if tool == "budget":
        return replace(case, income=_amount(data.get("income")), expenses=_amount(data.get("expenses")))
    if tool == "lenders":
        lenders = list(case.lenders)
        for offer in data.get("offers") or ():
            if not isinstance(offer, dict):
                continue
            name = str(offer.get("name") or "")
            plan = model.Plan(_amount(offer.get("monthly"))) if _amount(offer.get("monthly")) else None
            owed = _amount(offer.get("amount"))
            found = next((i for i, known in enumerate(lenders) if known.name == name), None)
            if found is None:
                lenders.append(model.Lender(name, owed=model.Owed(owed), plan=plan))
            else:
                known = lenders[found]
                lenders[found] = replace(known, owed=known.owed if known.owed != model.Owed() else model.Owed(owed), plan=plan or known.plan)
        return replace(case, lenders=tuple(lenders))
    if tool == "plan":
        monthly = _amount(data.get("monthly"))
        start = data.get("start")
        plan = model.Plan(monthly=monthly, months=_count(data.get("months")), start=_dt.date.fromisoformat(start) if isinstance(start, str) and start else None) if monthly else None
        lenders = list(case.lenders)
        index = _lender_index(lender, lenders)
        if index is None:
            lenders.append(model.Lender("", owed=model.Owed(_amount(data.get("total"))), plan=plan))
        else:
            known = lenders[index]
            owed = known.owed if known.owed != model.Owed() else model.Owed(_amount(data.get("total")))
            lenders[index] = dataclasses.replace(known, owed=owed, plan=plan)
        return replace(case, lenders=tuple(lenders))
    if tool == "rate":
        return _store_rate(case, data, lender)
    if tool == "log":
        return dataclasses.replace(case, log=tuple(_log_row(row) for row in data.get("rows") or () if isinstance(row, dict)))
    if tool in ("letter", "pack"):
        return _store_letter(case, data, lender)
    if tool == "court_deadlines":
        received = data.get("received")
        if not isinstance(received, str) or not received:
            raise InputError("case", "还没有可以存入的结果。")
        day = _dt.date.fromisoformat(received)
        papers = list(case.papers)
        for found in data.get("deadlines") or ():
            paper = model.Paper(str(found.get("kind")) if isinstance(found, dict) else "", day)
            if paper not in papers:
                papers.append(paper)
        return replace(case, papers=tuple(papers))
    raise InputError("case", "这个工具的结果还不能存入“我的情况”。")


def _day_or_none(value) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _store_letter(case: model.Case, data: dict, lender) -> model.Case:
    """The case with a letter's or a pack's facts kept: the reader's name and phone, the reasons,
    and for the chosen lender (a new one when none is chosen) its name, loan number, what is owed,
    since when, and the proposed plan. What the result does not say stays as it was."""
    replace = dataclasses.replace
    lenders = list(case.lenders)
    index = _lender_index(lender, lenders)
    known = lenders[index] if index is not None else model.Lender(str(data.get("lender") or ""))
    owed = _amount(data.get("owed"))
    monthly = _amount(data.get("monthly"))
    start = _day_or_none(data.get("start")) or (known.plan.start if known.plan else None)
    updated = replace(
        known,
        name=str(data.get("lender") or known.name),
        loan_number=str(data.get("loan_number") or known.loan_number),
        owed=known.owed if owed is None or owed == owed_total(known) else model.Owed(owed),
        overdue_since=_day_or_none(data.get("overdue_since")) or known.overdue_since,
        plan=model.Plan(monthly=monthly, months=_count(data.get("months")), start=start) if monthly else known.plan,
    )
    if index is None:
        lenders.append(updated)
    else:
        lenders[index] = updated
    reader = replace(case.reader, name=str(data.get("name") or case.reader.name), phone=str(data.get("phone") or case.reader.phone))
    chosen = data.get("reasons") if isinstance(data.get("reasons"), list) else []
    reasons = tuple(key for key in model.REASONS if key in chosen) or case.reasons
    return replace(case, reader=reader, lenders=tuple(lenders), reasons=reasons)


def _log_row(row: dict) -> model.LogRow:
    """One row of the communication log's result as a contact of the case (the log tool's result
    is the whole log, so it replaces the case's)."""
    return model.LogRow(
        date=_dt.date.fromisoformat(str(row.get("date"))),
        time=str(row.get("time") or ""),
        channel=str(row.get("channel") or "phone"),
        who=str(row.get("who") or ""),
        said=str(row.get("said") or ""),
        evidence=str(row.get("evidence") or ""),
    )


def _store_rate(case: model.Case, data: dict, lender) -> model.Case:
    """The case with the rate checker's result kept with the chosen lender (a new one when none
    is chosen): its real annual rate, the four-times-LPR line where the tool gave one, and the
    kind of lender the reader chose there unless that was 还不清楚."""
    apr = _amount(data.get("apr"))
    if apr is None:
        raise InputError("case", "还没有可以存入的结果。")
    lenders = list(case.lenders)
    index = _lender_index(lender, lenders)
    known = lenders[index] if index is not None else model.Lender("")
    kind = data.get("lender")
    updated = dataclasses.replace(
        known,
        rate=model.Rate(apr, _amount(data.get("limit"))),
        kind=kind if kind in model.LENDER_KINDS and kind != "unknown" else known.kind,
    )
    if index is None:
        lenders.append(updated)
    else:
        lenders[index] = updated
    return dataclasses.replace(case, lenders=tuple(lenders))


def _store(fields: dict) -> View:
    text = fields.get("case")
    try:
        case = model.from_json(text) if text else model.Case()
        stored = store(case, str(fields.get("from", "")), fields.get("data"), fields.get("lender"))
        written = model.to_json(stored)
    except model.CaseError as error:
        raise InputError("case", f"没能存入“我的情况”：{error.message.replace('没有导入', '没有存入')}") from None
    except (ValueError, TypeError, ArithmeticError):
        raise InputError("case", "这个结果里有不能存入的内容，没有存入。") from None
    return View(announce="已存入“我的情况”。", data={"case": written})


def owed_total(lender: model.Lender) -> Decimal | None:
    """What one lender says is owed: the total, or the sum of the known parts."""
    if lender.owed.total is not None:
        return lender.owed.total
    parts = [p for p in (lender.owed.principal, lender.owed.interest, lender.owed.fees) if p is not None]
    return sum(parts, Decimal("0.00")) if parts else None


def _short(text: str) -> str:
    return text if len(text) <= SAID_SHOWN else text[:SAID_SHOWN] + "…"


def _money(value: Decimal | None) -> str:
    return format_amount(value) if value is not None else "不清楚"


def _day(value: _dt.date | None) -> str:
    return value.isoformat() if value else "—"


def summary(case: model.Case, today: _dt.date) -> View:
    """The case on one page, in the order a volunteer reads it."""
    blocks = []
    owed = [owed_total(lender) for lender in case.lenders]
    planned = [lender.plan.monthly for lender in case.lenders if lender.plan]
    plan_total = sum(planned, Decimal("0.00"))
    capacity = case.income - case.expenses if case.income is not None and case.expenses is not None else None
    figures = [
        Figure("每月收入", _money(case.income)),
        Figure("每月必要支出", _money(case.expenses)),
        Figure("每月最多能拿出来还款", _money(capacity) if capacity is None or capacity >= 0 else "没有（支出比收入多）", emphasis=True),
        Figure("各家计划每月合计", format_amount(plan_total) if planned else "还没有计划"),
    ]
    if case.lenders:
        figures.append(Figure("欠款合计（已知的）", format_amount(sum((o for o in owed if o is not None), Decimal("0.00")))))
    who = "、".join(part for part in (case.reader.name, case.reader.phone) if part)
    blocks.append(Summary(f"我的情况{'：' + who if who else ''}", tuple(figures)))
    if capacity is not None and planned and plan_total > max(capacity, Decimal("0")):
        blocks.append(Notice(level="warning", title="计划的月供合计超过了每月能拿出来的钱", paragraphs=(
            f"各家计划每月合计 {format_amount(plan_total)}，每月最多能拿出来 {_money(max(capacity, Decimal('0')))}。"
            "先保住吃饭、住房、看病和上班的钱，再按比例调低每家的月供，和对方重新商量。",
        )))
    if case.lenders:
        rows = tuple(
            (
                lender.name or f"第 {i} 家",
                LENDERS[lender.kind],
                _money(total),
                _day(lender.overdue_since),
                _money(lender.monthly_demand) if lender.monthly_demand is not None else "—",
                format_amount(lender.plan.monthly) + (f" × {lender.plan.months} 期" if lender.plan.months else "") if lender.plan else "—",
            )
            for i, (lender, total) in enumerate(zip(case.lenders, owed), start=1)
        )
        blocks.append(Table(caption="欠谁多少，每月打算还多少", headers=("平台或机构", "类型", "欠款", "逾期开始", "对方要求每月", "我的计划每月"), rows=rows,
                            footer=("合计", "", format_amount(sum((o for o in owed if o is not None), Decimal("0.00"))), "", "",
                                    format_amount(plan_total) if planned else "—"), numeric=(2, 4, 5)))
    rated = [lender for lender in case.lenders if lender.rate]
    if rated:
        blocks.append(Table(caption="借款的实际年化利率（借款实际年化利率工具算的）", headers=("平台或机构", "实际年化利率", "四倍 LPR 上限", "和上限比"), rows=tuple(
            (
                lender.name or "没写名称的一家",
                f"{lender.rate.apr}%",
                f"{lender.rate.limit}%" if lender.rate.limit is not None else "—",
                "—" if lender.rate.limit is None else ("超过上限" if lender.rate.apr > lender.rate.limit else "没有超过"),
            )
            for lender in rated
        ), numeric=(1, 2)))
    links = lender_links(case.lenders) if case.lenders else None
    if links:
        blocks.append(links)  # on screen only: the download and the printout leave the links out
    if case.papers:
        rows = []
        for paper in case.papers:
            (found,) = court_days.deadlines((paper.kind,), paper.received)
            last = court_days.date_text(found.last_day) if found.last_day else found.note
            left = ""
            if found.last_day:
                days = (found.last_day - today).days
                left = "已经过了" if days < 0 else ("就是今天" if days == 0 else f"还有 {days} 天")
            rows.append((found.label, paper.received.isoformat(), last, left or "—"))
        blocks.append(Table(caption="收到的法院文书和最后期限", headers=("文书", "收到日期", "最后一天", "离今天"), rows=tuple(rows)))
    if case.log:
        newest = sorted(case.log, key=lambda row: (row.date, row.time), reverse=True)[:LATEST_CONTACTS]
        rows = tuple((row.date.isoformat() + (f" {row.time}" if row.time else ""), CHANNELS[row.channel], row.who or "—", _short(row.said) or "—") for row in newest)
        caption = "最近的沟通" + (f"（共 {len(case.log)} 条，这里是最新的 {LATEST_CONTACTS} 条，全部在导出的文件里）" if len(case.log) > LATEST_CONTACTS else "")
        blocks.append(Table(caption=caption, headers=("时间", "方式", "对方", "说了什么"), rows=rows))
    steps = []
    if case.papers:
        steps.append(f"先办法院文书：在最后一天之前按文书的要求去做，拿不准就打 {helplines.LEGAL_SERVICE} 或问法院。")
    if case.lenders and not planned:
        steps.append("算一算每家每月能还多少（几家欠款分配），再给每家订一个计划。")
    if planned:
        steps.append("按计划给每家写协商信，留好寄出和沟通的记录。")
    steps.append("每次和对方联系，都记进沟通记录。")
    blocks.append(BulletList("接下来", tuple(steps), ordered=True))
    blocks.append(helplines.crisis_notice())
    return View(
        blocks=tuple(blocks),
        downloads=(Download(label="下载这页摘要（文字）", filename="我的情况摘要.txt", mime="text/plain;charset=utf-8", text=summary_text(b for b in blocks if b is not links)),),
        announce="“我的情况”已显示。",
    )


def lender_links(lenders) -> Notice:
    """For each lender, one link per one-lender tool, opening it filled with that lender's figures."""
    return Notice(
        level="info",
        title="给每一家做计划和文书",
        paragraphs=("点一下，就打开那个工具，已经按这一家的数字填好、算好。发出之前请核对一遍。",),
        links=tuple(
            Link(f"{lender.name or f'第 {i + 1} 家'}：{what}", f"{path}#lender={i}")
            for i, lender in enumerate(lenders)
            for what, path in LENDER_TOOLS
        ),
    )


def summary_text(blocks) -> str:
    """The summary's blocks as plain text, for the download."""
    lines = []
    for block in blocks:
        if isinstance(block, Summary):
            lines += [block.title, *(f"{f.label}：{f.value}" for f in block.figures)]
        elif isinstance(block, Table):
            lines += [block.caption, "　".join(block.headers), *("　".join(row) for row in block.rows)]
            if block.footer:
                lines.append("　".join(cell for cell in block.footer if cell))
        elif isinstance(block, BulletList):
            lines += [block.title, *(f"{i}. {item}" for i, item in enumerate(block.items, start=1))]
        elif isinstance(block, Notice):
            lines += [block.title, *block.paragraphs]
        lines.append("")
    return "\n".join(lines)


def tool(fields: dict) -> View:
    if fields.get("action") == "open":
        return _open(fields)
    if fields.get("action") == "store":
        return _store(fields)
    text = fields.get("case")
    if not text:
        return EMPTY
    try:
        case = model.from_json(text)
    except model.CaseError as error:
        raise InputError("case", error.message) from None
    return summary(case, reference_date(fields))
