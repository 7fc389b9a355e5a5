"""Court deadlines (法院文书期限): the last day for each court paper a reader received.

The rules and the days are core/court_days.py; this module reads the form and shows the result,
with the calendar file from documents/court_calendar.py.
"""

from __future__ import annotations

import datetime as _dt

from ..core import helplines, ics
from ..core.court_days import COUNTING, CRISIS_LEAD, KINDS, MAX_COURT_DAYS, Deadline, Inputs, date_text, days_left, for_inputs, may_move_text, passed_notice
from ..core.inputs import InputError, collect, parse_choices, parse_count, parse_date, parse_flag, reference_date
from ..core.view import Download, Figure, Notice, Summary, Table, View
from ..documents import court_calendar

def parse(fields: dict, today: _dt.date) -> Inputs:
    """The reader's answers, or InputErrors naming every bad field."""
    kinds = parse_choices(fields.get("kinds"), KINDS)

    def need_kinds():
        if not kinds:
            raise InputError("kinds", "请勾选你收到的文书，可以多选。")

    def received_date():
        value = parse_date(fields.get("received"), "received", "收到文书的日期")
        if value > today + _dt.timedelta(days=1):
            raise InputError("received", "收到的日期晚于今天，请核对。")
        return value

    got = collect(
        need_kinds=need_kinds,
        received=received_date,
        hearing=lambda: parse_date(fields.get("hearing"), "hearing", "开庭日期", required=False),
        notice_days=lambda: parse_count(fields.get("notice_days"), "notice_days", "执行通知书上的天数", maximum=MAX_COURT_DAYS, required=False),
        report_days=lambda: parse_count(fields.get("report_days"), "report_days", "报告财产令上的天数", maximum=MAX_COURT_DAYS, required=False),
    )
    if "summons" in kinds and got.hearing is not None and got.hearing < got.received:
        raise InputError("hearing", "开庭日期早于收到文书的日期，请核对传票。")
    return Inputs(kinds=kinds, received=got.received, hearing=got.hearing, notice_days=got.notice_days, report_days=got.report_days, small_claims=parse_flag(fields.get("small_claims")))


def deadline_notice(deadline: Deadline, today: _dt.date) -> Notice:
    rule = deadline.rule
    if deadline.last_day:
        when = f"最后一天：{date_text(deadline.last_day)}。" + may_move_text(deadline.last_day)
    else:
        when = f"{deadline.note}。"
    passed = deadline.last_day is not None and deadline.last_day < today
    paragraphs = (
        when,
        *rule.meaning,
        "在这之前要做的：" + "".join(rule.todo),
        "如果什么都不做：" + "".join(rule.if_nothing),
    )
    level = "danger" if passed else "warning"
    return Notice(level=level, title=f"{deadline.label}：{rule.task}", paragraphs=paragraphs, links=rule.links)


def tool(fields: dict) -> View:
    """The deadline page: every last day, what it means, what to do, help lines and an .ics file.
    Days left are counted from `today`, or else the reader's date sent by the page."""
    today = reference_date(fields)
    inputs = parse(fields, today)
    found = for_inputs(inputs)
    dated = [d for d in found if d.last_day]
    figures = [Figure("收到文书的日期", date_text(inputs.received))]
    if dated:
        first = dated[0]
        figures.append(Figure("最早的期限", date_text(first.last_day), emphasis=True))
        figures.append(Figure("按这台设备的日期", days_left(first.last_day, today), emphasis=True))
    blocks = [Summary("你的期限", tuple(figures))]
    blocks.append(
        Table(
            caption="每份文书的最后一天",
            headers=("文书", "最后一天", "要做的事"),
            rows=tuple((d.label, date_text(d.last_day) if d.last_day else d.note, d.rule.task) for d in found),
        )
    )
    passed = [d for d in dated if d.last_day < today]
    if passed:
        blocks.append(passed_notice(passed))
    blocks.append(COUNTING)
    blocks.extend(deadline_notice(d, today) for d in found)
    blocks.append(helplines.legal_help_notice("这里只算期限，不能替你判断案子。期限以文书和法院的说明为准；算出来的日子和文书写的不一样时，以文书为准，并问一问法院。"))
    blocks.append(helplines.crisis_notice(CRISIS_LEAD))
    upcoming = [d for d in dated if d.last_day >= today]
    downloads = ()
    if upcoming:
        text = court_calendar.calendar_text(found, inputs.received, today)
        downloads = (Download(label="下载期限提醒（.ics，导入手机日历）", filename=court_calendar.FILENAME, mime=ics.MIME, text=text),)
    if dated:
        first = dated[0]
        announce = f"最早的期限是 {date_text(first.last_day)}：{first.rule.task}。"
    else:
        announce = "期限以文书上写的日期为准，请看下面的说明。"
    return View(
        tuple(blocks),
        downloads=downloads,
        announce=announce,
        data={
            "received": inputs.received.isoformat(),
            "deadlines": [{"kind": d.rule.kind, "last_day": d.last_day.isoformat() if d.last_day else ""} for d in found],
        },
    )
