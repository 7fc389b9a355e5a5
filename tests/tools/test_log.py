"""log: contacts in date order, a printable table and a CSV file that reads back to the same cells."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.core.inputs import InputError, InputErrors
from calculators.core.contact_log import CHANNELS, Entry
from calculators.core.inputs import parse_time
from calculators.documents.communication_log import BOM, HEADERS, inert_cell, to_csv
from calculators.tools.log import MAX_ENTRIES, parse, tool as _tool
from calculators.core.render import to_html
from calculators.core.view import Table
from strategies import date_text, field_value, json_values
from html_parts import Parsed

HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)"]

def tool(fields):
    """The tool as the page calls it: with the reader's date (a fixed day, so the tests do not age)."""
    return _tool({"today": "2026-11-30", **fields} if isinstance(fields, dict) else fields)



def read_csv(text):
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


def realistic():
    return {
        "entries": [
            {"date": "2026-05-03", "time": "10:05", "channel": "app", "who": "在线客服 工号 A1029", "said": "受理了协商申请，\n三个工作日内回复。", "evidence": "截图在相册“协商”"},
            {"date": "2026年5月1日", "time": "9点", "channel": "phone", "who": "李某", "said": "说可以分 12 期", "evidence": "录音 0501.m4a"},
            {"date": "", "time": "", "channel": "phone", "who": "", "said": "", "evidence": ""},
        ]
    }


def test_realistic_log_is_sorted_and_exported():
    view = tool(realistic())
    (table, _) = view.blocks
    assert isinstance(table, Table) and table.headers == HEADERS
    assert [row[:3] for row in table.rows] == [("2026-05-01", "09:00", "电话"), ("2026-05-03", "10:05", "官方 App 或在线客服")]
    (download,) = view.downloads
    assert download.filename.endswith(".csv") and download.mime.startswith("text/csv")
    rows = read_csv(download.text)
    assert rows[0] == list(HEADERS)
    assert rows[1:] == [list(row) for row in table.rows]
    assert "\r\n" in download.text
    assert view.data["entries"] == len(view.data["rows"]) == 2


def test_no_rows_gives_a_hint_and_no_download():
    for fields in ({}, {"entries": []}, {"entries": [{}]}, {"entries": "x"}):
        view = tool(fields)
        assert view.downloads == () and view.data == {"entries": 0, "rows": []}


def test_same_day_rows_without_a_time_come_first():
    entries = parse({"entries": [{"date": "2026-01-02", "time": "08:00", "who": "b"}, {"date": "2026-01-02", "who": "a"}]})
    assert [e.who for e in entries] == ["a", "b"]


@pytest.mark.parametrize(
    "raw, expected",
    [("14:30", dt.time(14, 30)), ("14：30", dt.time(14, 30)), ("9点", dt.time(9, 0)), ("9点5分", dt.time(9, 5)), ("0:00", dt.time(0, 0)), ("", None)],
)
def test_times(raw, expected):
    assert parse_time(raw, "t", "时间") == expected


@pytest.mark.parametrize("raw", ["25:00", "12:60", "noon", "下午三点", "1" * 30])
def test_bad_times(raw):
    with pytest.raises(InputError):
        parse_time(raw, "t", "时间")


def test_errors_name_the_row_and_field():
    with pytest.raises(InputErrors) as caught:
        tool({"entries": [{"date": "2026-01-01", "who": "ok"}, {"who": "no date", "time": "99:99"}, {"said": "x", "date": "2026-13-01", "channel": "fax"}]})
    assert {e.field for e in caught.value.errors} == {"entries.1.date", "entries.1.time", "entries.2.date", "entries.2.channel"}
    messages = {e.field: e.message for e in caught.value.errors}
    assert messages["entries.1.date"] == "请填写第 2 条记录的日期。" and messages["entries.2.channel"] == "请选择第 3 条记录的联系方式。"
    assert not any("fax" in m or "99:99" in m for m in messages.values())


TODAY = "2026-11-30"


def run(fields: dict) -> dict:
    return json.loads(bridge.run(json.dumps({"tool": "log", "fields": {"today": TODAY, **fields}}, ensure_ascii=False)))


def test_defect_1_every_entry_is_kept_up_to_the_maximum_and_more_are_refused():
    """Issue 10, defect 1: 60 log entries gave 共 50 条."""
    entries = [{"date": "2026-05-01", "who": f"第{i}人"} for i in range(60)]
    response = run({"entries": entries})
    assert response["data"]["entries"] == len(response["data"]["rows"]) == 60 and "共 60 条" in response["announce"]
    assert len(re.findall(r"<tr[\s>]", response["html"])) == 61
    full = run({"entries": [{"date": "2026-05-01", "who": "甲"}] * MAX_ENTRIES})
    assert full["data"]["entries"] == MAX_ENTRIES
    over = run({"entries": [{"date": "2026-05-01", "who": "甲"}] * (MAX_ENTRIES + 1)})
    assert over["ok"] is False and over["errors"][0]["field"] == f"entries.{MAX_ENTRIES}.date"
    assert f"最多可以填 {MAX_ENTRIES} 条记录" in over["errors"][0]["message"]


def test_defect_12_a_contact_cannot_be_in_the_future_or_ten_years_back():
    """Issue 10, defect 12 (log side): implausible dates were accepted."""
    response = run({"entries": [{"date": "2099-01-01", "who": "甲"}, {"date": "2010-01-01", "who": "乙"}, {"date": "2026-11-30", "who": "丙"}]})
    errors = {e["field"]: e["message"] for e in response["errors"]}
    assert set(errors) == {"entries.0.date", "entries.1.date"}
    assert "不能晚于今天" in errors["entries.0.date"] and "10 年以前" in errors["entries.1.date"]


def test_formula_cells_get_an_apostrophe():
    assert [inert_cell(t) for t in ["=1+1", "+1", "-1", "@x", "\tx", "ok", "'x"]] == ["'=1+1", "'+1", "'-1", "'@x", "'\tx", "ok", "'x"]


def test_hostile_text_is_inert_in_table_and_csv():
    rows = [{"date": "2026-01-01", "who": text, "said": text, "evidence": text} for text in HOSTILE]
    view = tool({"entries": rows})
    html = to_html(view)
    parsed = Parsed(html)
    assert "<script" not in html and "<img" not in html
    assert set(parsed.tags) <= {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "p", "ul", "li", "a"}
    assert not any(name.startswith("on") or "javascript:" in (value or "") for name, value in parsed.attrs)
    assert all(text in "".join(parsed.text) for text in HOSTILE)
    for row, text in zip(read_csv(view.downloads[0].text)[1:], HOSTILE):
        assert row[3] == inert_cell(text)
        assert not row[3].startswith(("=", "+", "-", "@"))


def test_bridge_round_trip():
    response = bridge.call("log", realistic())
    assert response["ok"] and response["downloads"][0]["text"].startswith(BOM)


row_text = st.text(max_size=40)
rows_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "date": st.dates(min_value=dt.date(2016, 11, 30), max_value=dt.date(2026, 11, 30)).map(str),
            "time": st.one_of(st.just(""), st.times().map(lambda t: t.strftime("%H:%M"))),
            "channel": st.sampled_from(list(CHANNELS)),
            "who": row_text,
            "said": row_text,
            "evidence": row_text,
        }
    ),
    min_size=1,
    max_size=8,
)


@given(rows_strategy)
def test_csv_reads_back_to_the_table(rows):
    view = tool({"entries": rows, "today": TODAY})
    (table, _) = view.blocks
    back = read_csv(view.downloads[0].text)
    assert back[0] == list(HEADERS)
    assert back[1:] == [[inert_cell(cell) for cell in row] for row in table.rows]
    assert len(table.rows) == len(rows)
    assert [row[0] for row in table.rows] == sorted(row[0] for row in table.rows)


@given(st.lists(st.dictionaries(st.sampled_from(["date", "time", "channel", "who", "said", "evidence"]), st.one_of(field_value, date_text, json_values)), max_size=5))
def test_any_rows_give_a_view_or_input_errors(rows):
    try:
        view = tool({"entries": rows})
    except (InputError, InputErrors):
        return
    html = to_html(view)
    assert "<script" not in html and "<img" not in html
    for download in view.downloads:
        assert len(read_csv(download.text)) == view.data["entries"] + 1


def test_entry_cells():
    entry = Entry(date=dt.date(2026, 1, 1), time=None, channel="visit", who="张", said="说", evidence="无")
    assert entry.cells() == ("2026-01-01", "", "当面或上门", "张", "说", "无")
    assert read_csv(to_csv([entry]))[1] == list(entry.cells())


def test_result_rows_give_back_the_form_rows_that_made_them():
    # The complaint letter's evidence list prefills from these (data-prefill-rows="log.rows").
    typed = [
        {"date": "2026-05-03", "time": "10:05", "channel": "app", "who": "工号 A1029", "said": "答应三天内回复", "evidence": "录音 0503.m4a"},
        {"date": "2026-05-01", "time": "", "channel": "phone", "who": "李某", "said": "", "evidence": ""},
    ]
    rows = run({"entries": typed})["data"]["rows"]
    assert rows == [typed[1], typed[0]]  # in date order, as the table shows them
    assert run({"entries": rows})["data"]["rows"] == rows
