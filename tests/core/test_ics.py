"""calendar: a schedule as an RFC 5545 file that a standard parser reads back exactly."""

import datetime as dt
from decimal import Decimal

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.core.ics import escape_text, fold, reminder_trigger, schedule_ics

STAMP = dt.datetime(2026, 5, 1, 8, 30, tzinfo=dt.timezone.utc)
D = Decimal


def events(text: str):
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


def test_seed_example_ten_installments_parse_back():
    schedule = [(dt.date(2026, 1 + k, 15), D("3000.00")) for k in range(10)]
    text = schedule_ics(schedule, "某某平台", stamp=STAMP)
    parsed = events(text)
    assert len(parsed) == 10
    assert [e["dtstart"].dt for e in parsed] == [due for due, _ in schedule]
    assert all(e["dtend"].dt - e["dtstart"].dt == dt.timedelta(days=1) for e in parsed)
    assert str(parsed[0]["summary"]) == "还款：某某平台 第 1/10 期 3,000.00 元"
    assert str(parsed[9]["summary"]) == "还款：某某平台 第 10/10 期 3,000.00 元"
    assert all(e["dtstamp"].dt == STAMP for e in parsed)
    assert len({str(e["uid"]) for e in parsed}) == 10
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["version"]) == "2.0" and str(calendar["prodid"]).startswith("-//")


def test_all_day_events_are_dates_not_datetimes():
    text = schedule_ics([(dt.date(2026, 2, 28), D("1.00"))], "", stamp=STAMP)
    assert "DTSTART;VALUE=DATE:20260228\r\n" in text
    event = events(text)[0]
    assert type(event["dtstart"].dt) is dt.date


def test_each_event_has_a_display_alarm_two_days_before_at_nine():
    text = schedule_ics([(dt.date(2026, 3, 10), D("500"))], "平台", stamp=STAMP)
    (alarm,) = events(text)[0].walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].dt == -dt.timedelta(days=1, hours=15)
    assert dt.datetime(2026, 3, 10) + alarm["trigger"].dt == dt.datetime(2026, 3, 8, 9, 0)
    assert "500.00" in str(alarm["description"])


@pytest.mark.parametrize(
    "days, trigger, delta",
    [
        (0, "PT9H", dt.timedelta(hours=9)),
        (1, "-PT15H", -dt.timedelta(hours=15)),
        (2, "-P1DT15H", -dt.timedelta(days=1, hours=15)),
        (7, "-P6DT15H", -dt.timedelta(days=6, hours=15)),
    ],
)
def test_reminder_trigger_is_nine_in_the_morning(days, trigger, delta):
    assert reminder_trigger(days) == trigger
    text = schedule_ics([(dt.date(2026, 3, 10), D("1"))], "", reminder_days=days, stamp=STAMP)
    assert events(text)[0].walk("VALARM")[0]["trigger"].dt == delta


def test_labels_replace_the_default_numbering():
    schedule = [(dt.date(2026, 1, 1), D("1000"), "首期"), (dt.date(2026, 2, 1), D("3000"), "第 1/1 期")]
    parsed = events(schedule_ics(schedule, "", stamp=STAMP))
    assert [str(e["summary"]) for e in parsed] == ["还款：首期 1,000.00 元", "还款：第 1/1 期 3,000.00 元"]


def test_same_schedule_gives_same_uids_so_reimport_updates():
    schedule = [(dt.date(2026, 1, 1), D("10")), (dt.date(2026, 2, 1), D("10"))]
    first = [str(e["uid"]) for e in events(schedule_ics(schedule, "A", stamp=STAMP))]
    again = [str(e["uid"]) for e in events(schedule_ics(schedule, "A", stamp=STAMP + dt.timedelta(days=3)))]
    other = [str(e["uid"]) for e in events(schedule_ics(schedule, "B", stamp=STAMP))]
    assert first == again and set(first).isdisjoint(other)


def test_escaping_of_special_characters():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("x\r\ny") == "x\\ny"
    title = 'A,B;C\\D "E" <script>'
    text = schedule_ics([(dt.date(2026, 1, 1), D("1"))], title, stamp=STAMP)
    assert str(events(text)[0]["summary"]).startswith(f"还款：{title} ")


def test_newlines_in_the_title_cannot_inject_properties():
    title = "平台\r\nEND:VEVENT\r\nBEGIN:VEVENT\nX-EVIL:1"
    text = schedule_ics([(dt.date(2026, 1, 1), D("1"))], title, stamp=STAMP)
    assert len(events(text)) == 1
    assert "X-EVIL" not in [line.split(":")[0] for line in text.split("\r\n")]


def test_lines_end_in_crlf_and_fit_75_octets():
    title = "很长的平台名称" * 20
    text = schedule_ics([(dt.date(2026, 1, 1), D("99999999.99"))], title, stamp=STAMP)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # something was folded


def test_empty_schedule_is_a_valid_empty_calendar():
    calendar = icalendar.Calendar.from_ical(schedule_ics([], "x", stamp=STAMP))
    assert calendar.walk("VEVENT") == []


def test_default_stamp_is_now_in_utc():
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    stamp = events(schedule_ics([(dt.date(2026, 1, 1), D("1"))], ""))[0]["dtstamp"].dt
    assert before <= stamp <= dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)


@given(st.text(max_size=300))
def test_fold_never_splits_a_character_and_unfolds_to_the_original(line):
    line = line.replace("\r", "").replace("\n", "")
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join([pieces[0]] + [piece[1:] for piece in pieces[1:]]) == line


@given(
    st.text(max_size=80),
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 30)),
            st.decimals(min_value=D("0.01"), max_value=D("100000000"), places=2),
        ),
        max_size=12,
    ),
    st.integers(min_value=0, max_value=30),
)
def test_any_title_and_schedule_parse_back(title, schedule, days):
    text = schedule_ics(schedule, title, reminder_days=days, stamp=STAMP)
    parsed = events(text)
    assert [(e["dtstart"].dt, len(e.walk("VALARM"))) for e in parsed] == [(due, 1) for due, _ in schedule]
    name = " ".join(title.split())
    for event, (_, amount) in zip(parsed, schedule):
        summary = str(event["summary"])
        assert summary.startswith(f"还款：{name} " if name else "还款：")
        assert summary.endswith(f"{amount:,.2f} 元")
        assert event.walk("VALARM")[0]["trigger"].dt == -(dt.timedelta(days=days) - dt.timedelta(hours=9))


def test_events_with_several_reminders_parse_back():
    from calculators.core.ics import Event, event_uid, events_ics

    items = [
        Event(day=dt.date(2026, 5, 21), summary="最后一天：异议,或清偿", description="第一行\n第二行；分号", uid=event_uid("a", 1), reminders=(7, 3, 0)),
        Event(day=dt.date(2026, 6, 2), summary="开庭", description="带上证据", uid=event_uid("a", 2), reminders=()),
    ]
    text = events_ics(items, "法院文书期限", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["x-wr-calname"]) == "法院文书期限"
    first, second = calendar.walk("VEVENT")
    assert first["dtstart"].dt == dt.date(2026, 5, 21) and str(first["summary"]) == "最后一天：异议,或清偿"
    assert str(first["description"]) == "第一行\n第二行；分号"
    assert [a["trigger"].dt for a in first.walk("VALARM")] == [
        -dt.timedelta(days=6, hours=15),
        -dt.timedelta(days=2, hours=15),
        dt.timedelta(hours=9),
    ]
    assert second.walk("VALARM") == [] and str(first["uid"]) != str(second["uid"])
    assert event_uid("a", 1) == event_uid("a", 1) != event_uid("a", 2)
