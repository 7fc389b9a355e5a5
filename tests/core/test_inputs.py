"""inputs: counts, dates, text, choices, flags and rows, each refused with a message naming its field."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.core.inputs import (
    InputError,
    InputErrors,
    collect,
    collect_each,
    normalise,
    parse_choice,
    parse_choices,
    parse_count,
    parse_date,
    parse_date_near,
    parse_flag,
    parse_text,
    reference_date,
    rows,
    years_before,
)
from calculators import bridge
from calculators.core.money import parse_amount
from strategies import count_text, date_text, field_value


def refused(function, *args, **options) -> InputError:
    with pytest.raises(InputError) as caught:
        function(*args, **options)
    return caught.value


@pytest.mark.parametrize(
    "raw, expected", [("12", 12), ("１２", 12), ("12期", 12), ("6个月", 6), (" 3 ", 3), (24, 24), ("1\u200b2", 12), ("\ufeff12\u200d", 12)]
)
def test_count_accepts(raw, expected):
    assert parse_count(raw, "months", "期数") == expected


@pytest.mark.parametrize(
    "raw, words",
    [
        ("", "请填写期数"),
        ("-1", "不能是负数"),
        ("1.5", "整数"),
        ("abc", "整数"),
        ("0", "至少是 1"),
        ("121", "最多是 120"),
        ("9" * 61, "太长"),
        ("3年", "例如 36"),
        ("1,2", "不要加逗号，例如 12"),
        ("1,0", "不要加逗号"),
        ("1，2", "不要加逗号"),
    ],
)
def test_count_refuses(raw, words):
    error = refused(parse_count, raw, "months", "期数")
    assert error.field == "months" and words in error.message
    assert error.missing == (raw == "")


def test_count_optional_and_bounds():
    assert parse_count("", "m", "期数", required=False) is None
    assert parse_count("0", "m", "期数", minimum=0) == 0
    assert parse_count("360", "m", "期数", maximum=360) == 360


@pytest.mark.parametrize(
    "raw, expected",
    [("2026-12-01", dt.date(2026, 12, 1)), ("2026/2/3", dt.date(2026, 2, 3)), ("2026年12月1日", dt.date(2026, 12, 1)), ("2026.1.31", dt.date(2026, 1, 31))],
)
def test_date_accepts(raw, expected):
    assert parse_date(raw, "start", "开始日期") == expected


@pytest.mark.parametrize(
    "raw, words", [("", "请填写开始日期"), ("明天", "2026-12-01"), ("2026-02-30", "不是一个真实存在的日期"), ("1999-01-01", "2000 到 2100"), ("2026-13-01", "不是一个真实存在的日期")]
)
def test_date_refuses(raw, words):
    error = refused(parse_date, raw, "start", "开始日期")
    assert error.field == "start" and words in error.message


def test_text_drops_control_characters_and_limits_length():
    assert parse_text(" 借呗\x00\x1b ", "name", "平台名称") == "借呗"
    assert parse_text("a\nb", "name", "名称") == "a\nb"
    assert "请填写" in refused(parse_text, "", "name", "平台名称", required=True).message
    assert "10 个字" in refused(parse_text, "x" * 11, "name", "平台名称", max_length=10).message


def test_choice_flag_choices_rows():
    assert parse_choice("months", "mode", "计算方式", ("monthly", "months")) == "months"
    assert parse_choice("", "mode", "计算方式", ("monthly", "months"), default="monthly") == "monthly"
    assert refused(parse_choice, "x", "mode", "计算方式", ("monthly",)).field == "mode"
    assert parse_flag(True) and parse_flag("on") and parse_flag("是")
    assert not parse_flag("") and not parse_flag(None) and not parse_flag("off")
    assert parse_choices(["b", "a", "x", "a"], ("a", "b", "c")) == ("a", "b")
    assert parse_choices("c", ("a", "b", "c")) == ("c",)
    assert parse_choices(5, ("a",)) == ()
    assert rows([{"a": 1}, "x", {"b": 2}], "g", 5, "行", "a") == [{"a": 1}, {"b": 2}]
    assert rows("nope", "g", 5, "行", "a") == [] and len(rows([{}] * 80, "g", 80, "行", "a")) == 80


def test_normalise_and_collect():
    assert normalise("　３０００　") == "3000"
    assert normalise(None) == "" and normalise(False) == ""
    got = collect(one=lambda: 1, two=lambda: 2)
    assert (got.one, got.two) == (1, 2)
    with pytest.raises(AttributeError):
        got.three
    with pytest.raises(AttributeError):
        got.one = 3
    with pytest.raises(InputErrors) as caught:
        collect(b=lambda: parse_count("x", "a", "甲"), two=lambda: 2, a=lambda: parse_count("", "b", "乙"))
    assert [e.field for e in caught.value.errors] == ["a", "b"]  # in the order given, whatever the names
    assert collect_each([lambda: 1, lambda: 2]) == [1, 2]
    with pytest.raises(InputErrors) as caught:
        collect_each([lambda: parse_count("", "b", "乙"), lambda: 2, lambda: parse_count("x", "a", "甲")])
    assert [e.field for e in caught.value.errors] == ["b", "a"]


@given(count_text)
def test_any_count_gives_a_number_in_range_or_a_message(raw):
    try:
        value = parse_count(raw, "months", "期数", maximum=360)
    except InputError as error:
        assert error.field == "months" and error.message
    else:
        assert 1 <= value <= 360


@given(date_text)
def test_any_date_gives_a_date_in_range_or_a_message(raw):
    try:
        value = parse_date(raw, "start", "开始日期")
    except InputError as error:
        assert error.field == "start" and error.message
    else:
        assert 2000 <= value.year <= 2100


@given(field_value)
def test_any_text_gives_clean_text_or_a_message(raw):
    try:
        text = parse_text(raw, "name", "平台名称", max_length=40)
    except InputError as error:
        assert error.field == "name"
    else:
        assert len(text) <= 40 and "\x00" not in text


# --- issue 10: limits, invisible characters, plausible dates, today, missing fields ----------


def test_rows_past_the_maximum_are_refused_never_dropped():
    error = refused(rows, [{}] * 51, "lenders", 50, "个平台", "amount")
    assert error.field == "lenders.50.amount"
    assert "最多可以填 50 个平台" in error.message and "51" in error.message
    assert len(rows([{}] * 50, "lenders", 50, "个平台", "amount")) == 50


@pytest.mark.parametrize("raw", ["3000\u200b", "\u200b3000", "3\u200b000", "\ufeff3000", "3000\u2060", "\u200e3000\u200f"])
def test_invisible_characters_are_stripped_before_amounts(raw):
    assert parse_amount(raw, "income", "每月收入") == 3000


TODAY = dt.date(2026, 11, 30)


def test_past_dates_refuse_the_future_and_more_than_ten_years_back():
    assert parse_date_near("2026-11-30", "d", "开始逾期的日期", TODAY) == TODAY
    assert parse_date_near("2016-11-30", "d", "开始逾期的日期", TODAY) == dt.date(2016, 11, 30)
    future = refused(parse_date_near, "2026-12-01", "d", "开始逾期的日期", TODAY)
    assert "不能晚于今天" in future.message and "2026-11-30" in future.message
    old = refused(parse_date_near, "2016-11-29", "d", "开始逾期的日期", TODAY)
    assert "10 年以前" in old.message and "检查年份" in old.message
    assert parse_date_near("", "d", "开始逾期的日期", TODAY, required=False) is None


def test_plan_dates_may_be_ahead_but_not_by_more_than_the_allowance():
    assert parse_date_near("2036-11-30", "start", "开始日期", TODAY, future_years=10) == dt.date(2036, 11, 30)
    error = refused(parse_date_near, "2036-12-01", "start", "开始日期", TODAY, future_years=10)
    assert "晚了 10 年以上" in error.message
    assert years_before(dt.date(2028, 2, 29), 10) == dt.date(2018, 2, 28)


def test_reference_date_reads_the_pages_today_or_falls_back():
    assert reference_date({"today": "2026-11-30"}) == TODAY
    for bad in ({}, {"today": ""}, {"today": "2026-13-01"}, {"today": "30/11/2026"}, {"today": 5}, {"today": "1900-01-01"}, None):
        assert reference_date(bad) == dt.date.today()


def test_required_empty_fields_are_marked_missing_with_their_label():
    for check in (
        lambda: parse_count("", "months", "期数"),
        lambda: parse_date("", "months", "期数"),
        lambda: parse_text(" ", "months", "期数", required=True),
        lambda: parse_amount("", "months", "期数"),
    ):
        with pytest.raises(InputError) as caught:
            check()
        assert caught.value.missing and caught.value.label == "期数"
    assert not refused(parse_count, "x", "months", "期数").missing


def test_the_bridge_lists_missing_fields_by_name():
    response = json.loads(bridge.run(json.dumps({"tool": "letter", "fields": {"owed": "-5", "months": "x"}})))
    assert response["ok"] is False
    assert response["missing"] == ["name", "lender", "details", "monthly"]
    done = json.loads(bridge.run(json.dumps({"tool": "budget", "fields": {"income": "abc"}})))
    assert done["missing"] == []


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_past_dates_are_never_after_today_nor_ten_years_back(value, today):
    try:
        parsed = parse_date_near(value.isoformat(), "d", "日期", today)
    except InputError as error:
        assert error.field == "d" and value.isoformat() not in error.message.replace(today.isoformat(), "")
    else:
        assert years_before(today, 10) <= parsed <= today


def test_parse_percent_reads_percentages_and_an_empty_required_one_is_missing():
    from decimal import Decimal

    from calculators.core.inputs import parse_percent

    assert parse_percent(" 3.45％ ", "lpr", "一年期 LPR", maximum=Decimal(20)) == Decimal("3.45")
    assert parse_percent("", "lpr", "一年期 LPR", maximum=Decimal(20)) is None
    with pytest.raises(InputError) as refused:
        parse_percent("", "rate_apr", "实际年化利率", maximum=Decimal(100), required=True)
    assert refused.value.missing and refused.value.field == "rate_apr" and refused.value.message == "请填写实际年化利率。"
    response = bridge.call("letter", {"rate_paragraph": True, "today": "2026-11-30"})
    assert "rate_apr" in [error["field"] for error in response["errors"]] and "rate_apr" in response["missing"]
