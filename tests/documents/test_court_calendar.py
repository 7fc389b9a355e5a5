"""deadlines: the .ics file read back with icalendar (CPython only: Pyodide has no icalendar offline)."""

import datetime as dt

import icalendar

from calculators.documents.court_calendar import CALENDAR_NAME, FILENAME
from calculators.tools.court_deadlines import tool as answer


def tool(fields, today=None):
    """The tool as the page calls it: the reader's date, when given, in fields["today"]."""
    return answer({**fields, "today": today.isoformat()} if today else fields)

TODAY = dt.date(2026, 5, 8)


def parsed(view):
    (download,) = view.downloads
    assert download.filename == FILENAME and download.mime.startswith("text/calendar")
    return icalendar.Calendar.from_ical(download.text)


def test_payment_order_calendar_has_the_last_day_and_reminders_before_it():
    calendar = parsed(tool({"kinds": ["payment_order"], "received": "2026-05-06"}, today=TODAY))
    assert str(calendar["x-wr-calname"]) == CALENDAR_NAME
    (event,) = calendar.walk("VEVENT")
    assert event["dtstart"].dt == dt.date(2026, 5, 21)
    assert event["dtend"].dt == dt.date(2026, 5, 22)
    assert str(event["summary"]) == "最后一天：清偿，或者向法院提出书面异议（支付令）"
    description = str(event["description"])
    assert "收到支付令的日期：2026-05-06" in description and "收到的当天不算" in description and "12348" in description
    reminders = sorted(dt.datetime(2026, 5, 21) + alarm["trigger"].dt for alarm in event.walk("VALARM"))
    assert reminders == [
        dt.datetime(2026, 5, 14, 9),
        dt.datetime(2026, 5, 18, 9),
        dt.datetime(2026, 5, 20, 9),
        dt.datetime(2026, 5, 21, 9),
    ]


def test_reminders_are_never_before_today_or_on_the_day_of_receipt():
    calendar = parsed(tool({"kinds": ["enforcement_notice"], "received": "2026-05-07", "notice_days": "3"}, today=TODAY))
    (event,) = calendar.walk("VEVENT")
    assert event["dtstart"].dt == dt.date(2026, 5, 10)
    reminders = sorted(dt.datetime(2026, 5, 10) + alarm["trigger"].dt for alarm in event.walk("VALARM"))
    assert reminders == [dt.datetime(2026, 5, 9, 9), dt.datetime(2026, 5, 10, 9)]


def test_several_papers_give_one_event_each_and_the_same_uids_on_a_second_download():
    fields = {"kinds": ["complaint", "summons", "report_order"], "received": "2026-05-01", "hearing": "2026-06-02", "report_days": "10"}
    first = parsed(tool(fields, today=TODAY)).walk("VEVENT")
    again = parsed(tool(fields, today=TODAY)).walk("VEVENT")
    assert [e["dtstart"].dt for e in first] == [dt.date(2026, 5, 11), dt.date(2026, 5, 16), dt.date(2026, 6, 2)]
    assert [str(e["summary"]) for e in first][2] == "开庭：按传票上的时间到庭"
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in again]
    assert len({str(e["uid"]) for e in first}) == 3


def test_passed_deadlines_are_left_out_of_the_calendar():
    view = tool({"kinds": ["payment_order", "summons"], "received": "2026-04-01", "hearing": "2026-05-20"}, today=TODAY)
    (event,) = parsed(view).walk("VEVENT")
    assert event["dtstart"].dt == dt.date(2026, 5, 20)
