"""case_page: the 我的情况 page's tool reads files through the case model and shows a case."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge, case_page
from calculators import case as model
from calculators.inputs import InputError
from calculators.render import to_html
from test_case import locked, seed_case

TODAY = "2026-12-01"


def show(case) -> str:
    return to_html(case_page.tool({"case": model.to_json(case), "today": TODAY}))


def test_opening_a_file_gives_the_case_written_afresh():
    text = json.dumps(model.to_data(seed_case()))  # ASCII-escaped, one line: not the site's own layout
    view = case_page.tool({"action": "open", "text": text})
    assert view.data["case"] == model.to_json(seed_case()) != text


def test_opening_a_locked_file_gives_what_unlocks_it_and_its_inside_must_be_a_case():
    view = case_page.tool({"action": "open", "text": locked()})
    assert view.data == {"locked": {"iterations": 600_000, "salt": "A" * 22 + "==", "iv": "B" * 16, "data": "c2VjcmV0IGNhc2U="}}
    with pytest.raises(InputError) as caught:
        case_page.tool({"action": "open", "text": locked(), "inner": True})
    assert caught.value.field == "file" and "不是本站" in caught.value.message


@pytest.mark.parametrize("text", ['{"format": "xieshang-case", "version": 1, "__proto__": {}}', "[" * 10_000, '{"format": "xieshang-case", "version": 1, "income": 5000}',
                                  '{"format": "xieshang-case", "version": 9}', '{"format": "xieshang-case", "ver', "", None, 5])
def test_a_bad_file_is_refused_on_the_file_field_through_the_bridge(text):
    answer = bridge.call("case", {"action": "open", "text": text})
    assert answer["ok"] is False and answer["errors"][0]["field"] == "file" and answer["message"]


def test_the_summary_shows_who_is_owed_what_against_what_the_reader_can_pay():
    html = show(seed_case())
    for text in ("王小明", "借呗", "微粒贷", "3,000.00", "500.00 元 × 20 期", "60,000.00", "支付令", "2026-12-13", "还有 12 天", "答应三天内回复", "12356", "12348"):
        assert text in html, text
    assert "超过了每月能拿出来的钱" not in html


def test_a_plan_beyond_the_reader_s_means_is_said_plainly():
    over = model.Case(income=D("3000.00"), expenses=D("2800.00"), lenders=(model.Lender("甲", plan=model.Plan(D("500.00"))),))
    assert "超过了每月能拿出来的钱" in show(over)


def test_no_case_says_how_to_get_one():
    assert "还没有" in to_html(case_page.tool({}))


def test_the_summary_keeps_the_newest_contacts_and_says_where_the_rest_are():
    rows = tuple(model.LogRow(dt.date(2026, 1, 1) + dt.timedelta(days=i), said=f"第{i}次") for i in range(20))
    html = show(model.Case(log=rows))
    assert "第19次" in html and "第12次" in html and "第11次" not in html and "共 20 条" in html


def test_the_download_is_the_summary_as_text():
    (download,) = case_page.tool({"case": model.to_json(seed_case()), "today": TODAY}).downloads
    assert download.filename.endswith(".txt") and "借呗" in download.text and "<" not in download.text


@given(st.text(max_size=300))
def test_any_kept_text_gives_a_summary_or_a_refusal(text):
    try:
        case_page.tool({"case": text, "today": TODAY})
    except InputError as error:
        assert error.field == "case" and error.message
