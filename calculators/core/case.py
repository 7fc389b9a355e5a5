"""The case (我的情况): one small, versioned model of a reader's situation, and its file format.

A `Case` holds what the tools need once: the reader (name and phone, both optional), monthly
income and expenses, the lenders (kind, loan number, what is owed split where known, dates,
what they demand, the plan chosen for each), the court papers received, the contact log and
the hardship reasons. Every part is a frozen dataclass; money is `Decimal` to the fen, dates
are `datetime.date`.

`to_json(case)` writes the file; `from_json(text)` reads one back, strictly. The file is a JSON
object `{"format": "xieshang-case", "version": 2, ...}`. Reading refuses, with a calm Chinese
`CaseError` and nothing half-read: more than `MAX_BYTES`; text that is not UTF-8 JSON; another
format or a newer version; nesting deeper than the model has; `__proto__`, `constructor` or
`prototype` keys, repeated keys and any key the model does not have; amounts that are not
strings of yuan with two decimals (a number is refused, as is a string where a whole number
belongs); amounts beyond `money.MAX_AMOUNT`; dates that are not real `YYYY-MM-DD` days between
2000 and 2100; more lenders, papers or log rows than the tools take; control characters in
text; text that looks like HTML (`<` then a letter, `/`, `!` or `?`: a tag, a comment, a
declaration): no tool writes such text into a case, so a file holding it was made elsewhere.

For any valid case, `from_json(to_json(case)) == case`. An older version is brought up to date
by `migrate`, one version at a time (`MIGRATIONS`); version 1 is the first.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from . import court_days, money
from .contact_log import CHANNELS as LOG_CHANNELS
from .contact_log import MAX_ENTRIES as MAX_LOG
from .hardship import REASONS as HARDSHIP_REASONS
from .inputs import MAX_INPUT_LENGTH, MAX_TEXT_LENGTH, InputError, parse_date
from .lender_kinds import LENDERS, MAX_LENDERS, MAX_MONTHS
from .lender_kinds import MAX_NAME_LENGTH as MAX_NAME

FORMAT = "xieshang-case"
VERSION = 2  # version 2 added each lender's "rate" (the rate checker's result)
# About 3 MB. The file limit, not the tools' limits, was moved (from 1 MB): a case at the tools'
# limits (50 lenders, 500 contact-log rows with the log tool's longest texts, 1,300 characters
# each, up to 4 bytes each in UTF-8) is about 2.7 MB, and it must export and import. Lowering
# the log's text limits instead would make the log tool refuse entries it takes today.
MAX_BYTES = 3_000_000
MAX_MB = 3
MAX_DEPTH = 4  # the file, a list, a lender, its owed or plan: deeper is not a case
MAX_PAPERS = 50
LENDER_KINDS = tuple(LENDERS)  # bank, consumer_finance, small_loan, private, unknown
PAPER_KINDS = tuple(court_days.KINDS)
REASONS = tuple(HARDSHIP_REASONS)
CHANNELS = tuple(LOG_CHANNELS)
NESTED = "文件的结构不对（嵌套太深），没有导入。"
FORBIDDEN_KEYS = frozenset({"__proto__", "constructor", "prototype"})

_AMOUNT = re.compile(r"(0|[1-9]\d{0,8})\.\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_HTML = re.compile(r"<[A-Za-z/!?]")


class CaseError(ValueError):
    """A file was refused. `message` is calm Chinese for the reader and never repeats the file's
    content; `path` says where (e.g. 'lenders[2].owed.total'), for whoever fixes it."""

    def __init__(self, message: str, path: str = ""):
        super().__init__(message, path)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


# ---------------------------------------------------------------- the model


@dataclass(frozen=True)
class Reader:
    name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Owed:
    """What one lender says is owed; each part None where unknown."""

    total: Decimal | None = None
    principal: Decimal | None = None
    interest: Decimal | None = None
    fees: Decimal | None = None


@dataclass(frozen=True)
class Plan:
    """The plan the reader chose for one lender."""

    monthly: Decimal
    months: int | None = None
    start: _dt.date | None = None


@dataclass(frozen=True)
class Rate:
    """The rate checker's result for one lender: the real annual rate (percent, simple interest,
    on the money received) and, where the tool gave one, the four-times-LPR line it was checked
    against (percent)."""

    apr: Decimal
    limit: Decimal | None = None


@dataclass(frozen=True)
class Lender:
    name: str
    kind: str = "unknown"
    loan_number: str = ""
    owed: Owed = field(default_factory=Owed)
    overdue_since: _dt.date | None = None
    contract_date: _dt.date | None = None
    monthly_demand: Decimal | None = None
    plan: Plan | None = None
    rate: Rate | None = None


@dataclass(frozen=True)
class Paper:
    """A court paper and the day it was received."""

    kind: str
    received: _dt.date


@dataclass(frozen=True)
class LogRow:
    """One contact, with the fields of the communication log."""

    date: _dt.date
    time: str = ""
    channel: str = "phone"
    who: str = ""
    said: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class Case:
    reader: Reader = field(default_factory=Reader)
    income: Decimal | None = None
    expenses: Decimal | None = None
    lenders: tuple[Lender, ...] = ()
    papers: tuple[Paper, ...] = ()
    log: tuple[LogRow, ...] = ()
    reasons: tuple[str, ...] = ()


# ---------------------------------------------------------------- writing


def _amount(value: Decimal | None):
    """'3000.00' for an amount exact to the fen; anything else as it is, for `from_json` to refuse."""
    if not isinstance(value, Decimal):
        return value
    try:
        exact = value.quantize(money.FEN)
    except ArithmeticError:  # too many digits to quantize: far beyond MAX_AMOUNT
        return format(value, "f")
    return format(exact if exact == value else value, "f")


def _day(value: _dt.date | None):
    return value.isoformat() if isinstance(value, _dt.date) else value


def to_data(case: Case) -> dict:
    """The case as plain JSON values, in the file's layout."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "reader": {"name": case.reader.name, "phone": case.reader.phone},
        "income": _amount(case.income),
        "expenses": _amount(case.expenses),
        "lenders": [
            {
                "name": lender.name,
                "kind": lender.kind,
                "loan_number": lender.loan_number,
                "owed": {part: _amount(getattr(lender.owed, part)) for part in ("total", "principal", "interest", "fees")},
                "overdue_since": _day(lender.overdue_since),
                "contract_date": _day(lender.contract_date),
                "monthly_demand": _amount(lender.monthly_demand),
                "plan": None
                if lender.plan is None
                else {"monthly": _amount(lender.plan.monthly), "months": lender.plan.months, "start": _day(lender.plan.start)},
                "rate": None if lender.rate is None else {"apr": _amount(lender.rate.apr), "limit": _amount(lender.rate.limit)},
            }
            for lender in case.lenders
        ],
        "papers": [{"kind": paper.kind, "received": paper.received.isoformat()} for paper in case.papers],
        "log": [
            {"date": row.date.isoformat(), "time": row.time, "channel": row.channel, "who": row.who, "said": row.said, "evidence": row.evidence}
            for row in case.log
        ],
        "reasons": list(case.reasons),
    }


def to_json(case: Case) -> str:
    """The case as the file's text. Raises CaseError for a case that `from_json` would refuse
    (so no file is written that cannot be read back)."""
    try:
        text = json.dumps(to_data(case), ensure_ascii=False, indent=1)
    except (TypeError, ValueError, AttributeError):
        raise CaseError("这份记录里有不能保存的内容。") from None
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise CaseError(f"这份记录太大了（超过 {MAX_MB} MB），存不成一个文件。请把沟通记录里很长的文字删短一些再试。")
    if from_json(text) != case:
        raise CaseError("这份记录里有不能保存的内容。")  # pragma: no cover - from_json raises first
    return text


# ---------------------------------------------------------------- reading


_ESCAPE = re.compile(r"\\.", re.S)
_STRING = re.compile(r'"[^"]*"')
_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth(text: str) -> int:
    """The deepest nesting of objects and arrays in JSON text, brackets inside strings skipped.

    Counted before parsing, in linear time: a deeply nested file would exhaust the parser's stack
    (in the browser, Pyodide's WebAssembly stack, which Python cannot catch)."""
    brackets = _BRACKETS.sub("", _STRING.sub("", _ESCAPE.sub("", text)))
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _pairs(pairs):
    keys = [key for key, _ in pairs]
    bad = FORBIDDEN_KEYS.intersection(keys)
    if bad:
        raise CaseError("文件里有不允许的内容，没有导入。")
    if len(set(keys)) != len(keys):
        raise CaseError("文件里有重复的项目，没有导入。")
    return dict(pairs)


def _refuse_constant(name):
    raise CaseError("文件里有不是数字的数值，没有导入。")


def _refuse_float(text):
    raise CaseError("文件里有小数形式的数值，本站的文件不会这样写，没有导入。")


def _load(raw, limit: int = MAX_BYTES) -> dict:
    if isinstance(raw, (bytes, bytearray)):
        if len(raw) > limit:
            raise CaseError(f"文件太大了（超过 {MAX_MB} MB），不是本站导出的记录，没有导入。")
        try:
            raw = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CaseError("这个文件不是本站导出的记录（无法读取文字），没有导入。") from None
    if not isinstance(raw, str):
        raise CaseError("这个文件不是本站导出的记录，没有导入。")
    if len(raw) > limit or len(raw.encode("utf-8", "surrogatepass")) > limit:
        raise CaseError(f"文件太大了（超过 {MAX_MB} MB），不是本站导出的记录，没有导入。")
    if _depth(raw) > MAX_DEPTH:
        raise CaseError(NESTED)
    try:
        data = json.loads(raw, object_pairs_hook=_pairs, parse_constant=_refuse_constant, parse_float=_refuse_float)
    except CaseError:
        raise
    except RecursionError:  # pragma: no cover - _depth refuses such a file first
        raise CaseError(NESTED) from None
    except ValueError:
        raise CaseError("文件不完整或已损坏，没有导入。") from None
    if not isinstance(data, dict):
        raise CaseError("这个文件不是本站导出的记录，没有导入。")
    return data


class _Reader:
    """Strict readers of one JSON value each; every refusal names the path."""

    @staticmethod
    def obj(value, path: str, keys: tuple[str, ...], required: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            raise CaseError("文件的结构不对，没有导入。", path)
        extra = set(value) - set(keys)
        if extra:
            raise CaseError("文件里有本站不认识的项目，没有导入。", path)
        for key in required:
            if key not in value:
                raise CaseError("文件里缺了必需的项目，没有导入。", f"{path}.{key}")
        return value

    @staticmethod
    def items(value, path: str, maximum: int, noun: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise CaseError("文件的结构不对，没有导入。", path)
        if len(value) > maximum:
            raise CaseError(f"文件里有 {len(value)} {noun}，本站最多只能处理 {maximum} {noun}，没有导入。", path)
        return value

    @staticmethod
    def text(value, path: str, maximum: int) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise CaseError("文件里有一项应当是文字，却不是，没有导入。", path)
        if len(value) > maximum:
            raise CaseError(f"文件里有一段文字超过了 {maximum} 个字，没有导入。", path)
        if not value.isprintable() and any(ch not in "\n\t" and unicodedata.category(ch)[0] == "C" for ch in value):
            raise CaseError("文件里有不可见的控制字符，没有导入。", path)
        if _HTML.search(value):
            raise CaseError("文件里有网页代码（尖括号标记），本站的记录不会有这种内容，没有导入。", path)
        return value

    @staticmethod
    def choice(value, path: str, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            raise CaseError("文件里有一项选择本站不认识，没有导入。", path)
        return value

    @staticmethod
    def amount(value, path: str) -> Decimal | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _AMOUNT.fullmatch(value):
            raise CaseError("文件里的金额格式不对（应当写成 \"3000.00\" 这样的文字），没有导入。", path)
        try:
            return money.parse_amount(value, path, "金额")
        except InputError as error:
            raise CaseError(f"文件里的金额不对：{error.message}", path) from None

    @staticmethod
    def count(value, path: str, maximum: int) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise CaseError("文件里有一项应当是整数，却不是，没有导入。", path)
        if not 1 <= value <= maximum:
            raise CaseError(f"文件里有一个期数不在 1 到 {maximum} 之间，没有导入。", path)
        return value

    @staticmethod
    def date(value, path: str, *, required: bool = False) -> _dt.date | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise CaseError("文件里的日期格式不对（应当写成 2026-12-01），没有导入。", path)
        try:
            return parse_date(value, path, "日期")
        except InputError as error:
            raise CaseError(f"文件里的日期不对：{error.message}", path) from None


def migrate(data: dict) -> dict:
    """The file's data brought up to VERSION, one step at a time. A newer or unknown version is refused."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CaseError("文件没有有效的版本号，不是本站导出的记录，没有导入。", "version")
    if version > VERSION:
        raise CaseError("这个文件来自更新版本的本站，没有导入。请先刷新本站，用最新的版本再导入。", "version")
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data


def _one_to_two(data: dict) -> dict:
    """Version 2 added each lender's "rate", which a version-1 file simply lacks (None)."""
    return {**data, "version": 2}


# Version n -> a function taking a version-n file's data to version n + 1. Version 1 is the first.
MIGRATIONS: dict = {1: _one_to_two}

_LENDER_KEYS = ("name", "kind", "loan_number", "owed", "overdue_since", "contract_date", "monthly_demand", "plan", "rate")
_TOP_KEYS = ("format", "version", "reader", "income", "expenses", "lenders", "papers", "log", "reasons")


def _owed(value, path: str) -> Owed:
    if value is None:
        return Owed()
    value = _Reader.obj(value, path, ("total", "principal", "interest", "fees"))
    owed = Owed(**{part: _Reader.amount(value.get(part), f"{path}.{part}") for part in ("total", "principal", "interest", "fees")})
    parts = (owed.principal, owed.interest, owed.fees)
    if owed.total is not None and None not in parts and sum(parts) != owed.total:
        raise CaseError("文件里一家的本金、利息和费用加起来不等于欠款总额，没有导入。", path)
    return owed


def _plan(value, path: str) -> Plan | None:
    if value is None:
        return None
    value = _Reader.obj(value, path, ("monthly", "months", "start"), required=("monthly",))
    monthly = _Reader.amount(value["monthly"], f"{path}.monthly")
    if monthly is None or monthly <= 0:
        raise CaseError("文件里一家的每月还款额要大于 0，没有导入。", f"{path}.monthly")
    return Plan(monthly=monthly, months=_Reader.count(value.get("months"), f"{path}.months", MAX_MONTHS), start=_Reader.date(value.get("start"), f"{path}.start"))


def _rate(value, path: str) -> Rate | None:
    if value is None:
        return None
    value = _Reader.obj(value, path, ("apr", "limit"), required=("apr",))
    apr = _Reader.amount(value["apr"], f"{path}.apr")
    if apr is None:
        raise CaseError("文件里的利率格式不对，没有导入。", f"{path}.apr")
    return Rate(apr, _Reader.amount(value.get("limit"), f"{path}.limit"))


def _lender(value, path: str) -> Lender:
    value = _Reader.obj(value, path, _LENDER_KEYS, required=("name",))
    name = _Reader.text(value["name"], f"{path}.name", MAX_NAME)
    return Lender(
        name=name,
        kind=_Reader.choice(value.get("kind", "unknown"), f"{path}.kind", LENDER_KINDS),
        loan_number=_Reader.text(value.get("loan_number"), f"{path}.loan_number", MAX_INPUT_LENGTH),
        owed=_owed(value.get("owed"), f"{path}.owed"),
        overdue_since=_Reader.date(value.get("overdue_since"), f"{path}.overdue_since"),
        contract_date=_Reader.date(value.get("contract_date"), f"{path}.contract_date"),
        monthly_demand=_Reader.amount(value.get("monthly_demand"), f"{path}.monthly_demand"),
        plan=_plan(value.get("plan"), f"{path}.plan"),
        rate=_rate(value.get("rate"), f"{path}.rate"),
    )


def _paper(value, path: str) -> Paper:
    value = _Reader.obj(value, path, ("kind", "received"), required=("kind", "received"))
    return Paper(_Reader.choice(value["kind"], f"{path}.kind", PAPER_KINDS), _Reader.date(value["received"], f"{path}.received", required=True))


def _row(value, path: str) -> LogRow:
    value = _Reader.obj(value, path, ("date", "time", "channel", "who", "said", "evidence"), required=("date",))
    time = _Reader.text(value.get("time"), f"{path}.time", 5)
    if time and not _TIME.fullmatch(time):
        raise CaseError("文件里的时间格式不对（应当写成 09:30），没有导入。", f"{path}.time")
    return LogRow(
        date=_Reader.date(value["date"], f"{path}.date", required=True),
        time=time,
        channel=_Reader.choice(value.get("channel", "phone"), f"{path}.channel", CHANNELS),
        who=_Reader.text(value.get("who"), f"{path}.who", 100),
        said=_Reader.text(value.get("said"), f"{path}.said", 1000),
        evidence=_Reader.text(value.get("evidence"), f"{path}.evidence", 200),
    )


def from_data(data: dict) -> Case:
    """A Case from the file's parsed data, or CaseError."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CaseError("这个文件不是本站导出的“我的情况”记录，没有导入。", "format")
    data = _Reader.obj(migrate(data), "", _TOP_KEYS, required=("format", "version"))
    reader = _Reader.obj({} if data.get("reader") is None else data["reader"], "reader", ("name", "phone"))
    reasons = _Reader.items(data.get("reasons"), "reasons", len(REASONS), "个困难原因")
    picked = tuple(_Reader.choice(reason, f"reasons[{i}]", REASONS) for i, reason in enumerate(reasons))
    if len(set(picked)) != len(picked):
        raise CaseError("文件里有重复的困难原因，没有导入。", "reasons")
    return Case(
        reader=Reader(_Reader.text(reader.get("name"), "reader.name", MAX_NAME), _Reader.text(reader.get("phone"), "reader.phone", 30)),
        income=_Reader.amount(data.get("income"), "income"),
        expenses=_Reader.amount(data.get("expenses"), "expenses"),
        lenders=tuple(_lender(v, f"lenders[{i}]") for i, v in enumerate(_Reader.items(data.get("lenders"), "lenders", MAX_LENDERS, "家放贷机构"))),
        papers=tuple(_paper(v, f"papers[{i}]") for i, v in enumerate(_Reader.items(data.get("papers"), "papers", MAX_PAPERS, "份文书"))),
        log=tuple(_row(v, f"log[{i}]") for i, v in enumerate(_Reader.items(data.get("log"), "log", MAX_LOG, "条沟通记录"))),
        reasons=picked,
    )


def from_json(raw) -> Case:
    """The case in a file's text (str or UTF-8 bytes), or CaseError and nothing else."""
    return from_data(_load(raw))


# ---------------------------------------------------------------- a file locked with a passphrase

LOCKED_FORMAT = "xieshang-case-locked"
LOCKED_VERSION = 1
KDF = "PBKDF2-SHA256"
CIPHER = "AES-GCM"
ITERATIONS = 600_000  # what this site writes
MIN_ITERATIONS = 100_000  # fewer: not a file of this site (and too weak)
MAX_ITERATIONS = 2_000_000  # more: a hostile file could keep the phone busy for minutes
MAX_LOCKED_BYTES = MAX_BYTES * 4 // 3 + 1_000  # the case's text, encrypted, in base64, with the envelope
_B64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_LOCKED_KEYS = ("format", "version", "kdf", "cipher", "iterations", "salt", "iv", "data")


@dataclass(frozen=True, kw_only=True)
class Locked:
    """A case file locked with a passphrase: the browser derives the key with PBKDF2-SHA256
    (`iterations`, `salt`) and decrypts `data` with AES-GCM (`iv`); all three are base64 text.
    What it decrypts to is read with `from_json`, like any file."""

    iterations: int
    salt: str
    iv: str
    data: str


def _b64(value, path: str, size: int | None = None, maximum: int = MAX_LOCKED_BYTES) -> str:
    if not isinstance(value, str) or len(value) > maximum or not _B64.fullmatch(value) or not value:
        raise CaseError("加密文件的内容不对，可能不完整或已损坏，没有导入。", path)
    if size is not None and len(value) != 4 * ((size + 2) // 3):
        raise CaseError("加密文件的内容不对，可能不完整或已损坏，没有导入。", path)
    return value


def from_locked_data(data: dict) -> Locked:
    """The parameters of a locked file's parsed data, or CaseError."""
    data = _Reader.obj(data, "", _LOCKED_KEYS, required=_LOCKED_KEYS)
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CaseError("文件没有有效的版本号，不是本站导出的记录，没有导入。", "version")
    if version > LOCKED_VERSION:
        raise CaseError("这个文件来自更新版本的本站，没有导入。请先刷新本站，用最新的版本再导入。", "version")
    if data["kdf"] != KDF or data["cipher"] != CIPHER:
        raise CaseError("这个加密文件用的加密方式本站不认识，没有导入。", "kdf")
    iterations = data["iterations"]
    if isinstance(iterations, bool) or not isinstance(iterations, int) or not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise CaseError("这个加密文件的参数不对，不是本站导出的记录，没有导入。", "iterations")
    return Locked(iterations=iterations, salt=_b64(data["salt"], "salt", 16), iv=_b64(data["iv"], "iv", 12), data=_b64(data["data"], "data"))


def open_file(raw) -> Case | Locked:
    """What a file holds: a Case, or the parameters to unlock a locked one; CaseError for anything else."""
    data = _load(raw, MAX_LOCKED_BYTES)
    if data.get("format") == LOCKED_FORMAT:
        return from_locked_data(data)
    size = len(raw) if isinstance(raw, (bytes, bytearray)) else len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise CaseError(f"文件太大了（超过 {MAX_MB} MB），不是本站导出的记录，没有导入。")
    return from_data(data)

