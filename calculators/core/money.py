"""Amounts of money: parsing what people type, exact arithmetic to the fen, Chinese formatting.

Accepted: 3000, 3,000, 3000.5, ３０００, 3千, 1.2万, 1.2万元, 1.2w, ¥3000, ￥3,000, 3000元, 3000块,
with spaces or invisible characters (a zero-width space pasted from a chat app) anywhere.
Refused, with a message naming the field: empty, negative, text, NaN or infinity, more than two
decimals once units are applied, and anything above MAX_AMOUNT.

MAX_AMOUNT is 1 亿元 (100,000,000.00). No monthly income, expense or personal consumer debt
that this site deals with comes near it, so a larger number is a typo or hostile input, and
refusing it keeps every schedule small and fast.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from .inputs import MAX_INPUT_LENGTH, InputError, missing, normalise

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("100000000.00")

_UNITS = {"": 1, "百": 100, "千": 1000, "k": 1000, "万": 10000, "w": 10000, "亿": 100000000}
_PREFIX = re.compile(r"^(?:¥|rmb|cny|人民币)")
_SUFFIX = re.compile(r"(?:元整|元|块钱|块|rmb|cny)$")
_NUMBER = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<unit>[百千k万w亿]?)")


def parse_amount(raw, field: str, label: str, *, required: bool = True, allow_zero: bool = True) -> Decimal | None:
    """The amount in yuan as a Decimal with exactly two places, or InputError for `field`.

    An empty optional field gives None.
    """
    if isinstance(raw, Decimal) and raw.is_finite() and abs(raw.adjusted()) < MAX_INPUT_LENGTH:
        raw = format(raw, "f")  # 1E+3 -> 1000, so typed callers can pass Decimals
    text = re.sub(r"\s+", "", normalise(raw)).lower().replace("￥", "¥")
    if not text:
        if required:
            raise missing(field, label)
        return None
    if len(text) > MAX_INPUT_LENGTH:
        raise InputError(field, f"{label}太长了，请只填一个金额，例如 3000。")
    text = _SUFFIX.sub("", _PREFIX.sub("", text))
    if text.startswith(("-", "−", "负")):
        raise InputError(field, f"{label}不能是负数。")
    text = text.lstrip("+")
    match = _NUMBER.fullmatch(text)
    if not match:
        raise InputError(field, f"{label}请填数字，例如 3000、3,000 或 1.2万。")
    try:
        number = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise InputError(field, f"{label}请填数字，例如 3000。") from None
    with localcontext() as context:
        context.prec = 4 * MAX_INPUT_LENGTH  # every accepted text fits: the product is exact
        value = number * _UNITS[match["unit"]]
        if value > MAX_AMOUNT:
            raise InputError(field, f"{label}太大了，本站只计算 1 亿元以内的金额，请检查是否多写了 0。")
        if value != value.quantize(FEN, rounding=ROUND_HALF_UP):
            raise InputError(field, f"{label}最多精确到分（小数点后两位）。")
    value = value.quantize(FEN)
    if value == 0 and not allow_zero:
        raise InputError(field, f"{label}要大于 0。")
    return value


def to_fen(value: Decimal) -> Decimal:
    """`value` rounded half-up to the fen."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def format_amount(value: Decimal, *, unit: bool = True) -> str:
    """'3,000.00 元' style: thousands separators, two decimals, a minus sign when negative."""
    text = f"{to_fen(value):,.2f}"
    return f"{text} 元" if unit else text


def format_plain(value: Decimal) -> str:
    """'3000.00': the amount as a plain number, for CSV files and form fields."""
    return f"{to_fen(value):.2f}"
