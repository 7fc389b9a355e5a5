"""Turning what a reader typed into clean values, or a Chinese message for that field."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

MAX_TEXT_LENGTH = 2000
MAX_INPUT_LENGTH = 60


class InputError(Exception):
    """One field's input was refused; `message` is calm Chinese for the reader.

    A plain exception, not a frozen dataclass: Python sets attributes such as
    __traceback__ on exceptions as they propagate.
    """

    def __init__(self, field: str, message: str):
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def __eq__(self, other) -> bool:
        return isinstance(other, InputError) and (self.field, self.message) == (other.field, other.message)

    __hash__ = Exception.__hash__


class InputErrors(Exception):
    """Several fields were refused at once."""

    def __init__(self, errors):
        self.errors = tuple(errors)
        super().__init__(self.errors)


def collect(*checks):
    """Run zero-argument callables; return their results, or raise InputErrors with every failure."""
    results, errors = [], []
    for check in checks:
        try:
            results.append(check())
        except InputError as error:
            errors.append(error)
            results.append(None)
        except InputErrors as many:
            errors.extend(many.errors)
            results.append(None)
    if errors:
        raise InputErrors(tuple(errors))
    return results


def normalise(raw, form: str = "NFKC") -> str:
    """Normalised text (NFKC unless `form` says otherwise) with surrounding white space removed ('' for None)."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "1" if raw else ""
    return unicodedata.normalize(form, str(raw)).strip()


def parse_text(raw, field: str, label: str, *, required: bool = False, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Plain text with control characters removed; the caller escapes it on output.

    NFC, not NFKC: the text is shown and printed, so full-width Chinese punctuation (，：（）)
    stays as the reader typed it instead of turning into ASCII.
    """
    text = "".join(ch for ch in normalise(raw, "NFC") if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    if required and not text:
        raise InputError(field, f"请填写{label}。")
    if len(text) > max_length:
        raise InputError(field, f"{label}太长了，请控制在 {max_length} 个字以内。")
    return text


def parse_count(raw, field: str, label: str, *, minimum: int = 1, maximum: int = 120, required: bool = True) -> int | None:
    """A whole number such as a number of months, between minimum and maximum."""
    text = normalise(raw).replace(",", "")
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(个月|期|个|月|次|人|年)$", "", text)
    if not text:
        if required:
            raise InputError(field, f"请填写{label}。")
        return None
    if len(text) > MAX_INPUT_LENGTH:
        raise InputError(field, f"{label}太长了，请只填一个整数。")
    if text.startswith(("-", "−", "负")):
        raise InputError(field, f"{label}不能是负数。")
    if not re.fullmatch(r"\d+", text):
        raise InputError(field, f"{label}请填一个整数，例如 12。")
    value = int(text)
    if value < minimum:
        raise InputError(field, f"{label}至少是 {minimum}。")
    if value > maximum:
        raise InputError(field, f"{label}最多是 {maximum}。")
    return value


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_date(raw, field: str, label: str, *, required: bool = True) -> _dt.date | None:
    """A calendar date written as 2026-12-01, 2026/12/1 or 2026年12月1日, between 2000 and 2100."""
    text = normalise(raw)
    if not text:
        if required:
            raise InputError(field, f"请填写{label}。")
        return None
    match = _DATE.fullmatch(text) if len(text) <= MAX_INPUT_LENGTH else None
    if not match:
        raise InputError(field, f"{label}请写成 2026-12-01 这样的格式。")
    year, month, day = (int(part) for part in match.groups())
    try:
        value = _dt.date(year, month, day)
    except ValueError:
        raise InputError(field, f"{label}不是一个真实存在的日期。") from None
    if not 2000 <= value.year <= 2100:
        raise InputError(field, f"{label}的年份请在 2000 到 2100 之间。")
    return value


def parse_choice(raw, field: str, label: str, choices, *, default=None):
    """One of the allowed choice keys; `default` when empty."""
    text = normalise(raw)
    if not text and default is not None:
        return default
    if text not in choices:
        raise InputError(field, f"请选择{label}。")
    return text


def parse_flag(raw) -> bool:
    """A checkbox value: true for checked, anything else false."""
    if isinstance(raw, bool):
        return raw
    return normalise(raw).lower() in {"1", "true", "on", "yes", "是"}


def parse_choices(raw, choices) -> tuple[str, ...]:
    """The allowed keys among several ticked boxes, in the order of `choices`, without repeats."""
    if raw is None:
        return ()
    values = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
    picked = {normalise(v) for v in values if isinstance(v, str)}
    return tuple(choice for choice in choices if choice in picked)


def rows(raw) -> list[dict]:
    """The rows of a repeated group (a list of field mappings); anything else counts as no rows."""
    if not isinstance(raw, (list, tuple)):
        return []
    return [row for row in raw if isinstance(row, dict)][:50]
