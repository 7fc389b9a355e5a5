"""offer: the agreement points and the affordability band for every combination of answers."""

import datetime as dt
import itertools
from decimal import Decimal

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.core.inputs import InputError, InputErrors
from calculators.tools.offer_check import ASK, BREACH, CHANNELS, EFFECTIVE, OK, RISK, WRITTEN, Offer, band, points, schedule, tool as _tool
from calculators.core.render import to_html
from calculators.core.view import Notice, Summary, Table
from strategies import amount_text, count_text, date_text, field_value, fields_for
from html_parts import Parsed

D = Decimal


def tool(fields):
    """The tool as the page calls it: with the reader's date (a fixed day, so the tests do not age)."""
    return _tool({"today": "2026-11-30", **fields} if isinstance(fields, dict) else fields)
HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>']


def assert_inert(html):
    parsed = Parsed(html)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    assert not any("javascript:" in (value or "").lower() for _, value in parsed.attrs)
    return "".join(parsed.text)


@pytest.mark.parametrize(
    "monthly, capacity, expected",
    [
        ("2700", "2700", "affordable"),
        ("1", "2700", "affordable"),
        ("2700.01", "2700", "tight"),
        ("2970", "2700", "tight"),
        ("2970.01", "2700", "over"),
        ("3000", "2700", "over"),
        ("0.01", "0", "over"),
    ],
)
def test_band_boundaries(monthly, capacity, expected):
    assert band(D(monthly), D(capacity)) == expected
    view = tool({"monthly": monthly, "installments": "10", "capacity": capacity})
    assert view.data["band"] == expected
    summary = next(b for b in view.blocks if isinstance(b, Summary))
    assert summary.figures[-1].value == {"affordable": "还得起", "tight": "偏紧", "over": "很可能再次逾期"}[expected]


def test_every_combination_of_answers():
    for channel, written, breach, effective, capacity in itertools.product(CHANNELS, WRITTEN, BREACH, EFFECTIVE, ["", "2700"]):
        fields = {
            "monthly": "3000",
            "installments": "10",
            "channel": channel,
            "written": written,
            "breach": breach,
            "effective": effective,
            "capacity": capacity,
        }
        view = tool(fields)
        table = next(b for b in view.blocks if isinstance(b, Table))
        statuses = {row[0]: row[2] for row in table.rows}
        assert len(table.rows) == 6
        assert statuses["3. 还款方式"] == {"corporate": OK, "app": OK, "personal": RISK, "unknown": ASK}[channel]
        assert statuses["书面协议"] == {"yes": OK, "no": RISK, "unknown": ASK}[written]
        assert statuses["4. 违约责任"] == {"yes": OK, "no": RISK, "unknown": ASK}[breach]
        assert statuses["5. 生效条件"] == (ASK if effective == "unknown" else OK)
        assert statuses["1. 还款金额"] == statuses["2. 还款期限"] == (OK if written == "yes" else ASK)
        risks = [s for s in statuses.values() if s == RISK]
        assert view.data["risks"] == len(risks)
        danger = [b for b in view.blocks if isinstance(b, Notice) and b.title.startswith("有 ")]
        assert bool(danger) == bool(risks)
        if danger:
            assert danger[0].title == f"有 {len(risks)} 处风险，先别付款"
        assert view.data["band"] == ("over" if capacity else "")
        text = assert_inert(to_html(view))
        if channel == "personal":
            assert "很可能是诈骗" in text


def test_offer_total_and_waiver_shown():
    view = tool({"monthly": "2,000", "installments": "12期", "down_payment": "1000", "waived": "3000"})
    assert view.data["total"] == "25000.00"
    table = next(b for b in view.blocks if isinstance(b, Table))
    assert "首期 1,000.00 元，每期 2,000.00 元，合计 25,000.00 元，减免 3,000.00 元" in table.rows[1][1]
    assert "也可以再问一问" not in table.rows[1][3]


def test_without_capacity_points_to_the_budget_tool():
    view = tool({"monthly": "100", "installments": "3"})
    hint = [b for b in view.blocks if isinstance(b, Notice) and "还款能力" in b.title]
    assert hint and hint[0].links[0].path == "tools/budget/"


def test_down_payment_above_capacity_is_flagged():
    view = tool({"monthly": "100", "installments": "3", "down_payment": "5000", "capacity": "1000"})
    assert any("首期款比你一个月的安全还款额还多" in p for b in view.blocks if isinstance(b, Notice) for p in b.paragraphs)


def test_schedule_adds_up_and_the_calendar_matches_it():
    fields = {"monthly": "3000", "installments": "10", "down_payment": "1000", "first_due": "2026-01-31", "lender": "某某平台"}
    view = tool(fields)
    table = next(b for b in view.blocks if isinstance(b, Table) and b.caption.startswith("按这个方案"))
    assert [row[0] for row in table.rows] == ["首期"] + [f"第 {n}/10 期" for n in range(1, 11)]
    assert [row[1] for row in table.rows][:4] == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
    rows = schedule(Offer(monthly=D("3000"), installments=10, down_payment=D("1000")), dt.date(2026, 1, 31))
    assert sum(item.amount for item in rows) == D("31000")
    (download,) = view.downloads
    assert download.filename.endswith(".ics") and download.mime.startswith("text/calendar")
    events = icalendar.Calendar.from_ical(download.text).walk("VEVENT")
    assert [(e["dtstart"].dt, str(e["summary"])) for e in events] == [
        (item.due, f"还款：某某平台 {label} {item.amount:,.2f} 元") for label, item in zip([r[0] for r in table.rows], rows)
    ]


def test_no_first_date_no_download():
    assert tool({"monthly": "3000", "installments": "10"}).downloads == ()


def test_bad_input_names_every_field():
    with pytest.raises(InputErrors) as caught:
        tool({"monthly": "abc", "installments": "0", "channel": "bank", "first_due": "2026-02-30", "capacity": "-1"})
    fields = {e.field for e in caught.value.errors}
    assert fields == {"monthly", "installments", "channel", "first_due", "capacity"}
    with pytest.raises(InputError) as one:
        tool({"monthly": "1亿", "installments": "2"})
    assert one.value.field == "monthly"


def test_hostile_text_is_inert_in_the_page_and_the_calendar():
    for text in HOSTILE:
        view = tool({"monthly": "100", "installments": "2", "lender": text, "first_due": "2026-01-01"})
        assert_inert(to_html(view))
        response = bridge.call("offer_check", {"monthly": text, "installments": text, "channel": text, "written": text})
        assert not response["ok"] and {e["field"] for e in response["errors"]} == {"monthly", "installments", "channel", "written"}
        assert all(text not in e["message"] for e in response["errors"])
        summary = str(icalendar.Calendar.from_ical(view.downloads[0].text).walk("VEVENT")[0]["summary"])
        assert summary.startswith("还款：" + " ".join(text.split()))


def test_bridge_round_trip():
    response = bridge.call("offer_check", {"monthly": "3000", "installments": "10", "capacity": "3000", "first_due": "2026-06-01"})
    assert response["ok"] and response["data"]["band"] == "affordable"
    assert response["downloads"][0]["filename"].endswith(".ics")


def test_points_always_six():
    assert len(points(Offer(monthly=D("1"), installments=1))) == 6


@given(
    fields_for(
        monthly=st.one_of(amount_text, field_value),
        installments=count_text,
        down_payment=st.one_of(amount_text, field_value),
        waived=field_value,
        capacity=st.one_of(amount_text, field_value),
        channel=st.one_of(st.sampled_from(list(CHANNELS)), field_value),
        written=st.one_of(st.sampled_from(list(WRITTEN)), field_value),
        breach=field_value,
        effective=field_value,
        first_due=date_text,
        lender=field_value,
    )
)
def test_any_fields_give_a_view_or_input_errors(fields):
    try:
        view = tool(fields)
    except (InputError, InputErrors):
        return
    assert_inert(to_html(view))
    for download in view.downloads:
        events = icalendar.Calendar.from_ical(download.text).walk("VEVENT")
        assert sum(D(str(e["summary"]).rsplit(" ", 2)[-2].replace(",", "")) for e in events) == D(view.data["total"])
