"""The court deadlines as a calendar file (法院文书期限.ics): one all-day event per dated deadline
that has not passed, with reminders 7, 3 and 1 days before and on the day, at 09:00."""

from __future__ import annotations

import datetime as _dt

from ..core import ics
from ..core.court_days import LEGAL, Deadline, may_move_text

FILENAME = "法院文书期限.ics"
CALENDAR_NAME = "法院文书期限"
REMINDER_DAYS = (7, 3, 1, 0)  # days before the last day, each at 09:00; only those after receipt and not past


def _event(deadline: Deadline, received: _dt.date, today: _dt.date) -> ics.Event:
    rule, day = deadline.rule, deadline.last_day
    if rule.kind == "summons":
        summary = "开庭：按传票上的时间到庭"
        description = (
            "开庭的时间和地点以传票为准。带上身份证件、传票、证据和你的还款方案。\n"
            "确实去不了的，提前联系法院说明。\n"
            f"免费法律咨询：{LEGAL}。"
        )
    else:
        summary = f"最后一天：{rule.task}（{deadline.label}）"
        description = (
            f"收到{deadline.label}的日期：{received.isoformat()}。收到的当天不算，这是算出来的最后一天。\n"
            + (may_move_text(day) or "遇到周末或法定节假日可能顺延，但请不要等到这一天，提前办完。")
            + "\n"
            f"依据：{rule.basis}。\n"
            f"免费法律咨询：{LEGAL}。"
        )
    first = max(received + _dt.timedelta(days=1), today)
    reminders = tuple(n for n in REMINDER_DAYS if day - _dt.timedelta(days=n) >= first)
    uid = ics.event_uid("deadline", rule.kind, received.isoformat(), day.isoformat())
    return ics.Event(day=day, summary=summary, description=description, uid=uid, reminders=reminders or (0,))


def calendar_text(found, received: _dt.date, today: _dt.date, *, stamp: _dt.datetime | None = None) -> str:
    """The dated deadlines that have not passed, as .ics text with reminders before each."""
    events = [_event(d, received, today) for d in found if d.last_day and d.last_day >= today]
    return ics.events_ics(events, CALENDAR_NAME, stamp=stamp)

