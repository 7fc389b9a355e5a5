"""inputs: counts, dates, text, choices, flags and rows, each refused with a message naming its field."""

import datetime as dt

import pytest
from hypothesis import given

from calculators.inputs import (
    InputError,
    InputErrors,
    collect,
    normalise,
    parse_choice,
    parse_choices,
    parse_count,
    parse_date,
    parse_flag,
    parse_text,
    rows,
)
from strategies import count_text, date_text, field_value


def refused(function, *args, **options) -> InputError:
    with pytest.raises(InputError) as caught:
        function(*args, **options)
    return caught.value


@pytest.mark.parametrize("raw, expected", [("12", 12), ("１２", 12), ("12期", 12), ("6个月", 6), (" 3 ", 3), (24, 24), ("1,0", 10)])
def test_count_accepts(raw, expected):
    assert parse_count(raw, "months", "期数") == expected


@pytest.mark.parametrize(
    "raw, words", [("", "请填写期数"), ("-1", "不能是负数"), ("1.5", "整数"), ("abc", "整数"), ("0", "至少是 1"), ("121", "最多是 120"), ("9" * 61, "太长")]
)
def test_count_refuses(raw, words):
    error = refused(parse_count, raw, "months", "期数")
    assert error.field == "months" and words in error.message


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
    assert rows([{"a": 1}, "x", {"b": 2}]) == [{"a": 1}, {"b": 2}]
    assert rows("nope") == [] and len(rows([{}] * 80)) == 50


def test_normalise_and_collect():
    assert normalise("　３０００　") == "3000"
    assert normalise(None) == "" and normalise(False) == ""
    assert collect(lambda: 1, lambda: 2) == [1, 2]
    with pytest.raises(InputErrors) as caught:
        collect(lambda: parse_count("x", "a", "甲"), lambda: 2, lambda: parse_count("", "b", "乙"))
    assert [e.field for e in caught.value.errors] == ["a", "b"]


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
