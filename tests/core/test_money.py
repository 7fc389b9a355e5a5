"""money: what people type becomes an exact amount, or a calm message naming the field."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.core import money
from calculators.core.inputs import InputError
from calculators.core.money import MAX_AMOUNT, format_amount, format_plain, parse_amount, to_fen
from strategies import field_value


def parse(raw, **options):
    return parse_amount(raw, "income", "每月收入", **options)


def refusal(raw, **options) -> InputError:
    with pytest.raises(InputError) as caught:
        parse(raw, **options)
    return caught.value


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("3000", "3000.00"),
        ("3,000", "3000.00"),
        ("3000.5", "3000.50"),
        ("3000.55", "3000.55"),
        ("３０００", "3000.00"),
        ("３，０００", "3000.00"),
        ("3千", "3000.00"),
        ("1.2万", "12000.00"),
        ("1.2万元", "12000.00"),
        ("1.2w", "12000.00"),
        ("¥3000", "3000.00"),
        ("￥3,000", "3000.00"),
        ("3000元", "3000.00"),
        ("3000块", "3000.00"),
        ("  3000  ", "3000.00"),
        ("\t3 000\n", "3000.00"),
        ("1,234,567.89", "1234567.89"),
        ("0", "0.00"),
        (".5", "0.50"),
        ("1亿", "100000000.00"),
        (3000, "3000.00"),
        (Decimal("1E+3"), "1000.00"),
        (Decimal("3000.500"), "3000.50"),
    ],
)
def test_accepted_forms(raw, expected):
    value = parse(raw)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    "raw, words",
    [
        ("-5", "不能是负数"),
        ("-3,000", "不能是负数"),
        ("负100", "不能是负数"),
        ("", "请填写每月收入"),
        ("   ", "请填写每月收入"),
        (None, "请填写每月收入"),
        ("abc", "请填数字"),
        ("三千", "请填数字"),
        ("3,00", "请填数字"),
        ("NaN", "请填数字"),
        ("nan", "请填数字"),
        ("Infinity", "请填数字"),
        ("inf", "请填数字"),
        ("1e5", "请填数字"),
        ("3000.555", "最多精确到分"),
        ("1.2345678万", "最多精确到分"),
        ("1.00000000000000000000000000001", "最多精确到分"),
        ("100000000.01", "太大"),
        ("1.1亿", "太大"),
        ("9" * 40, "太大"),
        ("1" * 61, "太长"),
        (Decimal("1E+999999"), "请填数字"),
        (Decimal("1E-999999"), "请填数字"),
    ],
)
def test_refusals_name_the_field(raw, words):
    error = refusal(raw)
    assert error.field == "income"
    assert words in error.message
    assert "每月收入" in error.message


def test_upper_bound_is_one_yi_and_the_docstring_says_why():
    assert MAX_AMOUNT == Decimal("100000000.00")
    assert parse("100000000") == MAX_AMOUNT
    assert "1 亿" in refusal("100000001").message
    assert "1 亿" in money.__doc__ and "typo" in money.__doc__


def test_empty_optional_field_is_none_and_zero_can_be_refused():
    assert parse("", required=False) is None
    assert parse("0", required=False) == Decimal("0.00")
    assert "大于 0" in refusal("0", allow_zero=False).message


def test_format_amount_the_chinese_way():
    assert format_amount(Decimal("3000")) == "3,000.00 元"
    assert format_amount(Decimal("1234567.891")) == "1,234,567.89 元"
    assert format_amount(Decimal("0.005")) == "0.01 元"
    assert format_amount(Decimal("-12.5")) == "-12.50 元"
    assert format_amount(Decimal("3000"), unit=False) == "3,000.00"
    assert format_plain(Decimal("3000")) == "3000.00"
    assert to_fen(Decimal("2.675")) == Decimal("2.68")


@given(field_value)
def test_any_input_gives_an_amount_or_a_message(raw):
    try:
        value = parse(raw)
    except InputError as error:
        assert error.field == "income" and error.message
    else:
        assert Decimal("0") <= value <= MAX_AMOUNT
        assert value == value.quantize(Decimal("0.01"))


@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2))
def test_formatted_amounts_parse_back(value):
    assert parse(format_amount(value)) == value
    assert parse(format_plain(value)) == value
