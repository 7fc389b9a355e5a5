"""Calendar export: all-day events, such as an agreed repayment schedule, as an iCalendar (.ics) file, per RFC 5545.

Written by hand rather than with the `icalendar` package, which needs python-dateutil and
tzdata and would have to be shipped to the browser as extra wheels. The format is small:
CRLF line ends, lines folded at 75 octets, TEXT values escaped, all-day events.
Tests parse the output back with `icalendar` on CPython.

`events_ics` writes any all-day events (the court deadline tool uses it), each with display
reminders at 09:00 some days before; `schedule_ics` writes a repayment schedule through it,
one event per installment. The UID of each event is derived from its contents, so downloading
the same schedule again and importing it updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from .money import format_amount

PRODID = "-//xieshang//calculators//ZH"
REMINDER_HOUR = 9
MAX_LINE_OCTETS = 75
FILENAME = "还款日历.ics"
MIME = "text/calendar;charset=utf-8"


def escape_text(text: str) -> str:
    """A TEXT value escaped per RFC 5545 3.3.11: backslash, semicolon, comma and newlines."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """`line` folded into CRLF-joined pieces of at most 75 octets, never splitting a character.

    Continuation lines start with one space, which counts toward their 75 octets.
    """
    pieces, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = MAX_LINE_OCTETS if not pieces else MAX_LINE_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += ch
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date(value: _dt.date) -> str:
    return value.strftime("%Y%m%d")


def _stamp(value: _dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y%m%dT%H%M%SZ")


def reminder_trigger(days_before: int) -> str:
    """The alarm trigger, relative to the start of the all-day event, for 09:00 `days_before` days earlier."""
    offset = _dt.timedelta(days=days_before) - _dt.timedelta(hours=REMINDER_HOUR)
    sign = "-" if offset > _dt.timedelta(0) else ""
    offset = abs(offset)
    days, hours = offset.days, offset.seconds // 3600
    if days and hours:
        return f"{sign}P{days}DT{hours}H"
    if days:
        return f"{sign}P{days}D"
    return f"{sign}PT{hours}H"


def event_uid(*parts) -> str:
    """A stable UID made from `parts`: the same parts give the same UID, so a re-import updates the event."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@xieshang.calculators"


@dataclass(frozen=True, kw_only=True)
class Event:
    """One all-day event: its day, a one-line summary, a longer description, and a display reminder
    at 09:00 for each number of days before it in `reminders` (0 is the day itself)."""

    day: _dt.date
    summary: str
    description: str
    uid: str
    reminders: tuple[int, ...] = (2,)


def events_ics(events, calendar_name: str, *, stamp: _dt.datetime | None = None) -> str:
    """The events as an .ics text: one all-day VEVENT each, with one VALARM per reminder.

    `calendar_name` becomes X-WR-CALNAME. `stamp` is the creation time (DTSTAMP), now in UTC if
    omitted. Lines end with CRLF and are folded at 75 octets; every TEXT value is escaped.
    """
    stamp_text = _stamp(stamp or _dt.datetime.now(_dt.timezone.utc))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{_date(event.day)}",
            f"DTEND;VALUE=DATE:{_date(event.day + _dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            "TRANSP:TRANSPARENT",
        ]
        for days_before in event.reminders:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape_text(event.summary)}",
                f"TRIGGER:{reminder_trigger(days_before)}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def schedule_ics(schedule, title: str, *, reminder_days: int = 2, stamp: _dt.datetime | None = None) -> str:
    """The schedule as an .ics text: one all-day VEVENT per installment, each with a VALARM.

    `schedule` is a sequence of (due date, amount) or (due date, amount, label) in paying order;
    the label (e.g. "首期") defaults to "第 i/n 期". `title` names the debt, e.g. the lender.
    `stamp` is the creation time (DTSTAMP), now in UTC if omitted.
    Lines end with CRLF and are folded at 75 octets.
    """
    count = len(schedule)
    name = " ".join(str(title).split())
    prefix = f"{name} " if name else ""
    description = (
        "按协议，这一期应还 {money}。\n"
        "只通过官方 App 或对公账户还款，还完保存凭证。\n"
        "如果这期还不上，请在还款日之前主动联系对方说明情况。"
    )
    events = []
    for index, item in enumerate(schedule, start=1):
        due, amount = item[0], Decimal(item[1])
        label = item[2] if len(item) > 2 else f"第 {index}/{count} 期"
        money = format_amount(amount)
        events.append(
            Event(
                day=due,
                summary=f"还款：{prefix}{label} {money}",
                description=description.format(money=money),
                uid=event_uid(name, index, due.isoformat(), amount),
                reminders=(reminder_days,),
            )
        )
    return events_ics(events, prefix + "还款计划", stamp=stamp)
