"""Turning what a reader typed into clean values, or a Chinese message for that field.

A refused field raises `InputError(field, message)`. The message names the field (and, for a
repeated row, the row number) and never repeats what the reader typed. When a required field
is simply empty, the error says so (`missing=True`, with the field's `label`), so the page can
list what is still missing.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from decimal import Decimal

MAX_TEXT_LENGTH = 2000
MAX_INPUT_LENGTH = 60
PLAUSIBLE_YEARS = 10  # dates further back (or, for plans, further ahead) are typos in the year


class InputError(Exception):
    """One field's input was refused; `message` is calm Chinese for the reader.

    `missing` is True when a required field was left empty; `label` is then the field's
    Chinese name, for a "still missing: ..." line. A plain exception, not a frozen dataclass:
    Python sets attributes such as __traceback__ on exceptions as they propagate.
    """

    def __init__(self, field: str, message: str, *, label: str = "", missing: bool = False):
        super().__init__(field, message)
        self.field = field
        self.message = message
        self.label = label
        self.missing = missing

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


def missing(field: str, label: str) -> InputError:
    """The error for a required field left empty: '请填写<label>。', marked missing."""
    return InputError(field, f"请填写{label}。", label=label, missing=True)


class Collected:
    """What `collect` gathered, read by name (`got.owed`); read-only."""

    __slots__ = ("_values",)

    def __init__(self, values: dict):
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str):
        try:
            return object.__getattribute__(self, "_values")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"Collected is read-only: {name}")

    def __repr__(self) -> str:
        return f"Collected({self._values!r})"


def _run(checks) -> tuple[list, list]:
    """Each check's result (None when it failed) and every InputError raised, in order."""
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
    return results, errors


def collect(**checks) -> Collected:
    """Run the named zero-argument callables in the order given; return their results by name
    (`collect(owed=lambda: ...).owed`), or raise InputErrors with every failure, in that order."""
    results, errors = _run(checks.values())
    if errors:
        raise InputErrors(tuple(errors))
    return Collected(zip(checks, results))


def collect_each(checks) -> list:
    """Run a list of zero-argument callables (one per row, say); return their results in order,
    or raise InputErrors with every failure, in that order."""
    results, errors = _run(checks)
    if errors:
        raise InputErrors(tuple(errors))
    return results


def _visible(text: str) -> str:
    """`text` without invisible format characters (zero-width spaces and joiners, BOM, direction marks)."""
    if text.isascii():  # no format character is ASCII: the common case stays fast
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def normalise(raw, form: str = "NFKC") -> str:
    """Normalised text (NFKC unless `form` says otherwise) without invisible characters or surrounding white space ('' for None)."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "1" if raw else ""
    return _visible(unicodedata.normalize(form, str(raw))).strip()


def parse_text(raw, field: str, label: str, *, required: bool = False, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Plain text with control characters removed; the caller escapes it on output.

    NFC, not NFKC: the text is shown and printed, so full-width Chinese punctuation (，：（）)
    stays as the reader typed it instead of turning into ASCII.
    """
    text = "" if raw is None else "1" if raw is True else "" if raw is False else unicodedata.normalize("NFC", str(raw))
    if not text.isprintable():  # control and invisible characters go; line breaks and tabs stay
        text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = text.strip()
    if required and not text:
        raise missing(field, label)
    if len(text) > max_length:
        raise InputError(field, f"{label}太长了，请控制在 {max_length} 个字以内。")
    return text


_COUNT_SUFFIX = re.compile(r"(个月|期|个|月|次|人)$")


def parse_line(raw, field: str, label: str, *, required: bool = False, max_length: int = 80) -> str:
    """One line of text (a name, an addressee, a case number): line breaks and runs of spaces become
    one space, so a field cannot fake a new paragraph in a document."""
    return " ".join(parse_text(raw, field, label, required=required, max_length=max_length).split())


def parse_count(raw, field: str, label: str, *, minimum: int = 1, maximum: int = 120, required: bool = True) -> int | None:
    """A whole number such as a number of months, between minimum and maximum.

    '12', '１２', '12期' and '6个月' are understood. Ambiguous forms are refused with the expected
    form: '3年' (years or installments?), '1,2' and '1,0' (a decimal comma or a typo?), '1.5'.
    """
    text = re.sub(r"\s+", "", normalise(raw))
    text = _COUNT_SUFFIX.sub("", text)
    if not text:
        if required:
            raise missing(field, label)
        return None
    if len(text) > MAX_INPUT_LENGTH:
        raise InputError(field, f"{label}太长了，请只填一个整数。")
    if text.startswith(("-", "−", "负")):
        raise InputError(field, f"{label}不能是负数。")
    if text.endswith("年"):
        raise InputError(field, f"{label}请按月数填一个整数，例如 36；1 年按 12 个月算。")
    if "," in text:
        raise InputError(field, f"{label}请只填一个整数，不要加逗号，例如 12。")
    if not re.fullmatch(r"\d+", text):
        raise InputError(field, f"{label}请填一个整数，例如 12。")
    value = int(text)
    if value < minimum:
        raise InputError(field, f"{label}至少是 {minimum}。")
    if value > maximum:
        raise InputError(field, f"{label}最多是 {maximum}。")
    return value


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(text: str) -> _dt.date | None:
    """The date for exactly 'YYYY-MM-DD' with a real day, else None (the general path decides)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isdigit():
        return None
    try:
        return _dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
    except ValueError:
        return None


def parse_date(raw, field: str, label: str, *, required: bool = True) -> _dt.date | None:
    """A calendar date written as 2026-12-01, 2026/12/1 or 2026年12月1日, between 2000 and 2100."""
    text = normalise(raw)
    if not text:
        if required:
            raise missing(field, label)
        return None
    value = _iso_date(text)  # what a date input sends: the fast path
    if value is None:
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


def parse_date_near(
    raw, field: str, label: str, today: _dt.date, *, future_years: int = 0, required: bool = True
) -> _dt.date | None:
    """A date no more than ten years before `today` and no more than `future_years` after it.

    With future_years=0 only a date that has already come is accepted (the day a debt became
    overdue, a contact with a lender). The message gives the reason for a refusal.
    """
    value = parse_date(raw, field, label, required=required)
    if value is None:
        return None
    earliest, latest = _window(today, future_years)
    if value > latest:
        if future_years == 0:
            raise InputError(field, f"{label}不能晚于今天（{today.isoformat()}）：这里只填已经发生的事的日期。")
        raise InputError(field, f"{label}比今天晚了 {future_years} 年以上，请检查年份是否写错。")
    if value < earliest:
        raise InputError(field, f"{label}是 {PLAUSIBLE_YEARS} 年以前的日期，请检查年份是否写错。")
    return value


@functools.lru_cache(maxsize=8)
def _window(today: _dt.date, future_years: int) -> tuple[_dt.date, _dt.date]:
    return years_before(today, PLAUSIBLE_YEARS), years_after(today, future_years)


def years_before(day: _dt.date, years: int) -> _dt.date:
    """The same day `years` years earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: _dt.date, years: int) -> _dt.date:
    """The same day `years` years later (28 February for 29 February)."""
    return years_before(day, -years)


def reference_date(fields) -> _dt.date:
    """Today for this call: the reader's local date sent by the page as fields["today"]
    ('YYYY-MM-DD'), or the system's date when it is missing or malformed."""
    raw = fields.get("today") if isinstance(fields, dict) else None
    if isinstance(raw, str) and _ISO_DATE.fullmatch(raw):
        try:
            value = _dt.date.fromisoformat(raw)
        except ValueError:
            value = None
        if value is not None and 2000 <= value.year <= 2100:
            return value
    return _dt.date.today()


def parse_choice(raw, field: str, label: str, choices, *, default=None):
    """One of the allowed choice keys; `default` when empty."""
    text = normalise(raw)
    if not text and default is not None:
        return default
    if text not in choices:
        raise InputError(field, f"请选择{label}。", label=label, missing=not text)
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


def rows(raw, group: str, maximum: int, noun: str, first_field: str) -> list[dict]:
    """The rows of the repeated group `group` (a list of field mappings; anything else counts as none).

    More than `maximum` rows are refused, never cut: the error is on `first_field` of the first
    row past the maximum (e.g. 'lenders.50.amount') and says '最多可以填 <maximum> <noun>'.
    """
    if not isinstance(raw, (list, tuple)):
        return []
    found = [row for row in raw if isinstance(row, dict)]
    if len(found) > maximum:
        raise InputError(
            f"{group}.{maximum}.{first_field}",
            f"最多可以填 {maximum} {noun}，现在有 {len(found)} {noun}。请删掉多出的几行再算。",
        )
    return found


_PERCENT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?")


def parse_percent(raw, field: str, label: str, *, maximum: Decimal, required: bool = False) -> Decimal | None:
    """A percentage such as 3.45, 3.45% or 3.45％ (the number of percent), up to `maximum`.

    Empty: None, or, when `required`, the missing-field error (so the page lists it as missing)."""
    text = re.sub(r"\s+", "", normalise(raw)).rstrip("%")
    if not text:
        if required:
            raise missing(field, label)
        return None
    if len(text) > MAX_INPUT_LENGTH:
        raise InputError(field, f"{label}太长了，请只填一个数，例如 3.45。")
    if text.startswith(("-", "−", "负")):
        raise InputError(field, f"{label}不能是负数。")
    match = _PERCENT.fullmatch(text)
    if not match or not (match[1] or match[2]) or len(match[2] or "") > 5:
        raise InputError(field, f"{label}请填一个数，例如 3.45（表示 3.45%）。")
    value = Decimal(text.replace(",", ""))
    if value > maximum:
        raise InputError(field, f"{label}最多填 {maximum:,}。请检查单位：这里填百分数，3.45 表示 3.45%。")
    return value


_TIME = re.compile(r"(\d{1,2})\s*[:点时]\s*(\d{1,2})?\s*分?")


def parse_time(raw, field: str, label: str) -> _dt.time | None:
    """A time of day such as 14:30, 14点30分 or 9点; None when empty."""
    text = normalise(raw)
    if not text:
        return None
    match = _TIME.fullmatch(text) if len(text) <= 20 else None
    if not match:
        raise InputError(field, f"{label}请写成 14:30 这样的格式。")
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        raise InputError(field, f"{label}不是一个真实的时间。")
    return _dt.time(hour, minute)

