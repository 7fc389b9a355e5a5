"""The real cost of a loan (借款实际年化利率): the annual rate by the internal-rate-of-return method,
and how it compares with the legal and regulatory lines for the kind of lender.

Cash flows. The borrower receives money once, on the contract date, and then makes payments.
The rate r per time unit solves, exactly in Decimal,

    received = sum over payments of  amount / (1 + r) ** t,

where t is the payment's time after the money arrived, counted in whole time units. With every
payment after that day and positive, the right-hand side falls strictly as r grows, so there is
exactly one r > -1: positive when more is paid back than received, zero when the same, negative
(a rebate) when less. It is found by Newton's method kept inside a bracket that provably holds
the root, with bisection whenever a Newton step would leave it.

Day-count convention (also explained on the page):
- Time is counted from the contract date (the day the money arrived), in the longest unit of
  which every payment is a whole number: in calendar months when every payment falls on the
  contract date's day of a month (or on a shorter month's last day), otherwise in days. Monthly
  installments give one month; payments every 7 or 14 days give 7 or 14 days; a single
  repayment gives its whole term; irregular dates give one day.
- Equal installments without dates are taken to follow their schedule (month, 14, 7 or 1 day).
- k, the number of units in a year: 12 / months or 365 / days (a year counts as 365 days, leap
  years included: actual/365 fixed). So r x k over a single repayment is the plain simple rate
  cost / received x 365 / days.
- Annual rate, two forms: simple r × k (the lower one; with the walk below, it is what is held
  against the limits) and compound (1 + r) ** k - 1.
- Two bases: the money actually received (民法典第六百七十条; 民间借贷规定第二十六条) and the
  principal written in the contract (the disclosure basis of 人民银行公告〔2021〕第3号, grade B).
- Annual rates are reported in percent, rounded half up to two decimals (rates per period to
  four, so a 日息 can be compared); a compound rate above
  1,000,000% is reported as above that.

The four-times-LPR check for a private or unlicensed lender walks through the payments with
simple interest at the cap on the unpaid principal (interest is not added to the principal),
each payment settling accrued interest first and principal next (民法典第五百六十一条's default
order), starting from the money received (第二十六条). What is paid after principal and capped
interest are settled is above what the rule supports.

Also here, for the letter, pack and offer-check tools: `letter_paragraph` (and
`letter_paragraph_from`) and `offer_warning` (and `offer_warning_from`).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext

from ..core import helplines, lpr_data
from ..core.cite import cite
from ..core.inputs import MAX_INPUT_LENGTH, InputError, InputErrors, collect, normalise, parse_choice, parse_count, parse_date, parse_flag
from ..core.money import ZERO, format_amount, format_plain, parse_amount
from .plan import due_date
from ..core.view import Figure, Link, Notice, Summary, Table, View

MODES = ("equal", "table")
LENDERS = {
    "bank": "银行",
    "consumer_finance": "消费金融公司",
    "small_loan": "小额贷款公司（含网络小贷）",
    "private": "个人，或没有放贷资格的公司",
    "unknown": "还不清楚",
}
LICENSED = ("bank", "consumer_finance", "small_loan")
MAX_PAYMENTS = 360
MAX_LPR = Decimal("20")
DISPLAY_CAP = Decimal("1000000")  # percent: above it a compound rate is shown as "above 1,000,000%"
REPORTED_LINE = Decimal("24")  # percent: the reported regulatory line (grade B), never a court rule
NEW_RULES_FROM = _dt.date(2020, 8, 20)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Wide exponents: (1 + r) ** t for a 30-year daily table must neither overflow nor underflow.
_CONTEXT = Context(prec=50, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP)
_TOLERANCE = Decimal("1e-28")
_MARGIN = Decimal("1e-25")

CHECKED = _dt.date.fromisoformat(lpr_data.CHECKED)
LPR_HISTORY = tuple((_dt.date.fromisoformat(day), Decimal(percent)) for day, percent in lpr_data.ONE_YEAR)
LPR_HEDGE = f"本站数据核对到 {lpr_data.CHECKED}，根据转引和公开报道整理，以中国人民银行、全国银行间同业拆借中心公布为准"
FINAL_WORD = "以上按本工具的计算，最终以法院认定为准。"


# ---------------------------------------------------------------- the numbers


@dataclass(frozen=True)
class Unit:
    """A time unit: `size` calendar months (kind "month") or `size` days (kind "day")."""

    kind: str
    size: int

    @property
    def per_year(self) -> Decimal:
        """k, the number of units in a year of 12 months or 365 days."""
        return Decimal(12 if self.kind == "month" else 365) / self.size

    @property
    def k_text(self) -> str:
        year = "12" if self.kind == "month" else "365"
        return year if self.size == 1 else f"{year} ÷ {self.size}"

    @property
    def span(self) -> str:
        """'一个月', '3 个月', '一天', '一周', '两周', '10 天'."""
        if self.kind == "month":
            return "一个月" if self.size == 1 else f"{self.size} 个月"
        return {1: "一天", 7: "一周", 14: "两周"}.get(self.size, f"{self.size} 天")

    @property
    def every(self) -> str:
        """'每月', '每 3 个月', '每天', '每周', '每两周', '每 10 天'."""
        if self.kind == "month":
            return "每月" if self.size == 1 else f"每 {self.size} 个月"
        return {1: "每天", 7: "每周", 14: "每两周"}.get(self.size, f"每 {self.size} 天")


# What the reader can choose for equal installments.
PERIODS = {"month": ("每月", Unit("month", 1)), "biweek": ("每两周", Unit("day", 14)), "week": ("每周", Unit("day", 7)), "day": ("每天", Unit("day", 1))}


@dataclass(frozen=True)
class Loan:
    """What was received and what is paid back, on one time axis.

    `payments` are (t, amount) with whole t >= 1 time units after the money arrived, t strictly
    increasing, amounts >= 0 and not all 0, counted in `unit`.
    """

    principal: Decimal
    received: Decimal
    unit: Unit
    payments: tuple[tuple[int, Decimal], ...]

    @property
    def per_year(self) -> Decimal:
        return self.unit.per_year

    @property
    def total_paid(self) -> Decimal:
        return sum((amount for _, amount in self.payments), ZERO)

    @property
    def deducted(self) -> Decimal:
        return self.principal - self.received

    @property
    def cost(self) -> Decimal:
        """What the loan costs in yuan: everything paid back less the money received."""
        return self.total_paid - self.received


@dataclass(frozen=True)
class Rate:
    """A rate per time unit and its two annual forms, as fractions (0.12 is 12%)."""

    per_unit: Decimal
    per_year: Decimal

    @property
    def simple(self) -> Decimal:
        with localcontext(_CONTEXT):
            return self.per_unit * self.per_year

    @property
    def compound(self) -> Decimal:
        with localcontext(_CONTEXT):
            return (1 + self.per_unit) ** self.per_year - 1


def _npv(rate: Decimal, received: Decimal, payments) -> tuple[Decimal, Decimal]:
    """Present value of the payments less the money received at `rate`, and its derivative."""
    v = 1 / (1 + rate)
    value, weighted = -received, Decimal(0)
    powers, discount, previous = {}, Decimal(1), 0
    for t, amount in payments:
        step = t - previous
        if step not in powers:
            powers[step] = v**step
        discount *= powers[step]
        term = amount * discount
        value += term
        weighted += t * term
        previous = t
    return value, -weighted * v


def periodic_rate(received: Decimal, payments) -> Decimal:
    """The one rate r > -1 per time unit at which the payments are worth exactly `received`.

    `payments` as in Loan. Accurate to far better than 1e-20; exact 0 when the payments add up
    to what was received. Raises ValueError for flows without a rate (nothing received or paid).
    """
    total = sum((amount for _, amount in payments), ZERO)
    payments = tuple(sorted(payments))
    if received <= 0 or total <= 0 or any(t < 1 for t, _ in payments):
        raise ValueError("no rate: something must be received, and something paid after it")
    if total == received:
        return Decimal(0)
    with localcontext(_CONTEXT):
        # At the root, received = total * (1+r)^-s for some s between the first and last t, so
        # (total/received)^(1/t) - 1 at those two t bracket it (widened a hair for rounding).
        log_ratio = (Decimal(total) / Decimal(received)).ln()
        ends = sorted(((log_ratio / t).exp() - 1) for t in (payments[0][0], payments[-1][0]))
        lo, hi = (1 + ends[0]) * (1 - _MARGIN) - 1, (1 + ends[1]) * (1 + _MARGIN) - 1
        checked = False
        # Start where one payment of the whole total at the amount-weighted mean time would put it.
        mean_t = sum(t * amount for t, amount in payments) / total
        x = (log_ratio / mean_t).exp() - 1
        if not lo < x < hi:
            x = (lo + hi) / 2
        for _ in range(400):
            value, slope = _npv(x, received, payments)
            if value == 0:
                break
            if value > 0:
                lo = x
            else:
                hi = x
            candidate = x - value / slope if slope else lo
            if not lo < candidate < hi:  # Newton would leave the bracket: bisect, on ends known to hold the root
                if not checked:
                    lo, hi = _checked_bracket(lo, hi, received, payments)
                    checked = True
                candidate = (lo + hi) / 2
            if abs(candidate - x) <= _TOLERANCE * (1 + abs(x)):
                x = candidate
                break
            x = candidate
        return +x


def _checked_bracket(lo: Decimal, hi: Decimal, received: Decimal, payments) -> tuple[Decimal, Decimal]:
    """(lo, hi) widened until the present value is >= 0 at lo and <= 0 at hi (it falls as the rate grows)."""
    margin = _MARGIN
    while _npv(lo, received, payments)[0] < 0 and margin < Decimal("0.1"):
        margin *= 1000
        lo = (1 + lo) * (1 - margin) - 1
    margin = _MARGIN
    while _npv(hi, received, payments)[0] > 0 and margin < Decimal("1e30"):
        margin *= 1000
        hi = (1 + hi) * (1 + margin) - 1
    return lo, hi


def rates(loan: Loan) -> tuple[Rate, Rate]:
    """(on the money received, on the contract principal)."""
    return (
        Rate(periodic_rate(loan.received, loan.payments), loan.per_year),
        Rate(periodic_rate(loan.principal, loan.payments), loan.per_year),
    )


def percent(fraction: Decimal, places: int = 2) -> Decimal:
    """A fraction as a percentage rounded half up to `places` decimals (two for annual rates)."""
    with localcontext(_CONTEXT):
        return (fraction * HUNDRED).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_percent(fraction: Decimal, places: int = 2) -> str:
    """'35.12%'; above 1,000,000% only says so, because such a figure no longer means anything."""
    with localcontext(_CONTEXT):
        if fraction * HUNDRED > DISPLAY_CAP:
            return f"超过 {DISPLAY_CAP:,.0f}%"
    return f"{percent(fraction, places):,.{places}f}%"


def beside(fraction: Decimal, line: Decimal) -> str:
    """The rate `fraction` as a percentage to show beside `line` (a percentage): two decimals, or as
    many more (up to six) as it takes for a rate that differs from the line not to look equal to it;
    略高于／略低于 the line when even six do not tell them apart."""
    value = fraction * HUNDRED
    for places in (2, 4, 6):
        if percent(fraction, places) != line or value == line:
            return format_percent(fraction, places)
    return f"略{'高' if value > line else '低'}于 {line:,.2f}%"


# ---------------------------------------------------------------- dates and schedules


def step_date(start: _dt.date, unit: Unit, k: int) -> _dt.date:
    """The k-th date of a schedule that starts at `start` with one `unit` a step (k = 0 is `start`)."""
    if unit.kind == "month":
        return due_date(start, k * unit.size)
    return start + _dt.timedelta(days=k * unit.size)


def time_axis(start: _dt.date, dates) -> tuple[Unit, tuple[int, ...]]:
    """The longest unit of which every date is a whole number after `start`, and each date's count of it.

    In calendar months when every date falls on the contract day of a month (or a shorter
    month's last day), otherwise in days. Dates must be after `start`.
    """
    months = []
    for day in dates:
        k = (day.year - start.year) * 12 + day.month - start.month
        if k < 1 or due_date(start, k) != day:
            break
        months.append(k)
    else:
        size = math.gcd(*months)
        return Unit("month", size), tuple(k // size for k in months)
    days = [(day - start).days for day in dates]
    size = math.gcd(*days)
    return Unit("day", size), tuple(d // size for d in days)


def lpr_on(day: _dt.date) -> tuple[_dt.date, Decimal] | None:
    """The one-year LPR in force on `day` (published on or before it) from the site's data, or None before 2019-08-20."""
    found = None
    for published, value in LPR_HISTORY:
        if published <= day:
            found = (published, value)
    return found


@dataclass(frozen=True)
class CapCheck:
    """The payments held against a simple annual cap on the money received."""

    cap: Decimal  # percent per year
    supported: Decimal  # what the cap supports: principal plus capped interest, paid or still owed at the last payment
    excess: Decimal  # paid or demanded above that
    owed_principal: Decimal  # principal still unpaid after the last payment
    owed_interest: Decimal  # capped interest still unpaid after the last payment


def cap_check(loan: Loan, cap_percent: Decimal) -> CapCheck:
    """The payments against simple interest at `cap_percent` a year on the unpaid principal.

    The principal is the money received; each payment settles interest accrued so far first,
    then principal; interest is never added to the principal. Amounts rounded to the fen.
    """
    with localcontext(_CONTEXT):
        per_unit = cap_percent / HUNDRED / loan.per_year
        principal, interest, excess, previous = Decimal(loan.received), Decimal(0), Decimal(0), 0
        for t, amount in loan.payments:
            interest += principal * per_unit * (t - previous)
            previous = t
            to_interest = min(amount, interest)
            interest -= to_interest
            to_principal = min(amount - to_interest, principal)
            principal -= to_principal
            excess += amount - to_interest - to_principal
        excess, principal, interest = (x.quantize(CENT, rounding=ROUND_HALF_UP) for x in (excess, principal, interest))
    return CapCheck(
        cap=cap_percent,
        supported=loan.total_paid - excess + principal + interest,
        excess=excess,
        owed_principal=principal,
        owed_interest=interest,
    )


# ---------------------------------------------------------------- reading the form


_PERCENT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?")


def parse_percent(raw, field: str, label: str, *, maximum: Decimal, required: bool = False) -> Decimal | None:
    """A percentage such as 3.45, 3.45% or 3.45％ (the number of percent), up to `maximum`."""
    text = re.sub(r"\s+", "", normalise(raw)).rstrip("%")
    if not text:
        if required:
            raise InputError(field, f"请填写{label}。")
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


@dataclass(frozen=True)
class Case:
    """One loan as the reader described it, ready to compute."""

    loan: Loan
    lender: str
    mode: str
    period: str
    count: int  # number of payment dates
    contract_date: _dt.date | None
    last_date: _dt.date | None
    first_period_assumed: bool  # equal installments with only a first due date: the first period taken as regular
    reader_lpr: Decimal | None


def _received(principal, received, deducted) -> Decimal:
    if received is not None and deducted is not None and received + deducted != principal:
        raise InputError(
            "received",
            f"到账 {format_amount(received)} 加上预先扣掉的 {format_amount(deducted)}，"
            f"不等于合同本金 {format_amount(principal)}。请核对，或只填其中一项。",
        )
    if deducted is not None:
        if deducted >= principal:
            raise InputError("deducted", "预先扣掉的钱不能等于或超过合同本金：那样你什么也没拿到，算不出利率。")
        return principal - deducted
    if received is not None:
        if received == 0:
            raise InputError("received", "到账的钱是 0，算不出利率。请填实际打到你账户上的金额。")
        if received > principal:
            raise InputError("received", "到账的钱比合同本金还多，请核对这两个数。")
        return received
    return principal


def _table(raw) -> list:
    """The filled rows of the payment table as (index, date, amount); errors name the row's field."""
    rows = [row for row in raw if isinstance(row, dict)] if isinstance(raw, (list, tuple)) else []
    if len(rows) > MAX_PAYMENTS:
        raise InputError(
            f"payments.{MAX_PAYMENTS}.amount",
            f"本工具最多计算 {MAX_PAYMENTS} 笔还款。请把同一天的几笔合并，或删去多出的行。",
        )
    filled, errors = [], []
    for index, row in enumerate(rows):
        date, amount = row.get("date"), row.get("amount")
        if not normalise(date) and not normalise(amount):
            continue  # an empty row
        parsed = [index, None, None]
        for slot, parse_one in ((1, lambda: parse_date(date, f"payments.{index}.date", "还款日期")),
                                (2, lambda: parse_amount(amount, f"payments.{index}.amount", "还款金额"))):
            try:
                parsed[slot] = parse_one()
            except InputError as error:
                errors.append(error)
        filled.append(tuple(parsed))
    if errors:
        raise InputErrors(errors)
    return filled


def parse(fields: dict) -> Case:
    """The loan from the raw form fields, or InputError/InputErrors naming every bad field."""
    if not isinstance(fields, dict):
        fields = {}
    get = fields.get
    mode = parse_choice(get("mode"), "mode", "还款方式", MODES, default="equal")
    equal = mode == "equal"
    (principal, received, deducted, fee, lender, contract_date, reader_lpr, period, installment, count, first_due, rows) = collect(
        lambda: parse_amount(get("principal"), "principal", "合同上写的借款本金", allow_zero=False),
        lambda: parse_amount(get("received"), "received", "实际到账的钱", required=False),
        lambda: parse_amount(get("deducted"), "deducted", "放款时预先扣掉的钱", required=False),
        lambda: parse_amount(get("fee"), "fee", "每期另外收的费用", required=False) or ZERO,
        lambda: parse_choice(get("lender"), "lender", "放款人是谁", LENDERS, default="unknown"),
        lambda: parse_date(get("contract_date"), "contract_date", "合同日期", required=not equal),
        lambda: parse_percent(get("lpr"), "lpr", "一年期 LPR", maximum=MAX_LPR),
        lambda: parse_choice(get("period"), "period", "多久还一次", PERIODS, default="month") if equal else "month",
        lambda: parse_amount(get("installment"), "installment", "每期还款额", allow_zero=False) if equal else None,
        lambda: parse_count(get("count"), "count", "期数", maximum=MAX_PAYMENTS) if equal else None,
        lambda: parse_date(get("first_due"), "first_due", "第一期还款日", required=False) if equal else None,
        lambda: _table(get("payments")) if not equal else [],
    )
    money = _received(principal, received, deducted)
    if equal:
        dates, axis, assumed = _equal_schedule(contract_date, first_due, period, count)
        amounts = [installment + fee] * count
    else:
        if not rows:
            raise InputError("payments.0.amount", "请在还款表里至少填一笔还款：日期和金额。")
        for index, day, _ in rows:
            if day <= contract_date:
                raise InputError(f"payments.{index}.date", "还款日期要晚于合同日期（放款那天）。")
        merged = {}
        for _, day, amount in rows:
            merged[day] = merged.get(day, ZERO) + amount + fee
        dates = sorted(merged)
        amounts = [merged[day] for day in dates]
        axis, assumed = time_axis(contract_date, dates), False
    unit, ts = axis
    payments = tuple((t, amount) for t, amount in zip(ts, amounts))
    if sum(amounts, ZERO) == 0:
        raise InputError("payments.0.amount", "还款金额加起来是 0，算不出利率。")
    loan = Loan(principal=principal, received=money, unit=unit, payments=payments)
    return Case(
        loan=loan,
        lender=lender,
        mode=mode,
        period=period,
        count=len(payments),
        contract_date=contract_date,
        last_date=dates[-1] if dates else None,
        first_period_assumed=assumed,
        reader_lpr=reader_lpr,
    )


def _equal_schedule(contract_date, first_due, period, count):
    """Dates (or [] when none are known), the time axis, and whether the first period was assumed regular."""
    unit = PERIODS[period][1]
    regular = (unit, tuple(range(1, count + 1)))
    if contract_date is not None and first_due is not None:
        if first_due <= contract_date:
            raise InputError("first_due", "第一期还款日要晚于合同日期（放款那天）。")
        if first_due == step_date(contract_date, unit, 1):  # the regular schedule, anchored on the contract day
            return [step_date(contract_date, unit, k) for k in range(1, count + 1)], regular, False
        dates = [step_date(first_due, unit, k) for k in range(count)]
        return dates, time_axis(contract_date, dates), False
    if contract_date is not None:
        return [step_date(contract_date, unit, k) for k in range(1, count + 1)], regular, False
    if first_due is not None:
        return [step_date(first_due, unit, k) for k in range(count)], regular, True
    return [], regular, False


# ---------------------------------------------------------------- the page's result


@dataclass(frozen=True)
class Limit:
    """The four-times-LPR line for a contract date, and where its LPR came from."""

    lpr: Decimal
    published: _dt.date | None  # None when the reader typed the LPR
    after_checked: bool  # the contract date is later than the last checked LPR

    @property
    def cap(self) -> Decimal:
        return self.lpr * 4

    def describe(self) -> str:
        if self.published is None:
            return f"你填写的一年期 LPR {self.lpr:.2f}% 的四倍"
        return f"合同成立时一年期 LPR {self.lpr:.2f}%（{self.published.isoformat()} 公布；{LPR_HEDGE}）的四倍"


def before_new_rules(case: Case) -> bool:
    """True for a contract made before 2020-08-20: its interest falls in two periods (民间借贷规定第三十一条
    第二款), so no single four-times-LPR line and no excess may be stated."""
    return case.contract_date is not None and case.contract_date < NEW_RULES_FROM


def four_lpr(case: Case) -> Limit | None:
    """The four-times-LPR line for the case: the reader's LPR if typed, else the site's data; None without a
    date, and None for a contract made before 2020-08-20 (see `before_new_rules`)."""
    if before_new_rules(case):
        return None
    if case.reader_lpr is not None:
        return Limit(case.reader_lpr, None, False)
    if case.contract_date is None:
        return None
    found = lpr_on(case.contract_date)
    if found is None:
        return None
    return Limit(found[1], found[0], case.contract_date > CHECKED)


def tool(fields: dict) -> View:
    """The rate page: the annual rate in two forms on two bases, the limits, and what to do next."""
    case = parse(fields)
    loan = case.loan
    on_received, on_principal = rates(loan)
    limit = four_lpr(case)
    shown = percent(on_received.simple)
    blocks = [_summary(case, on_received), _rates_table(case, on_received, on_principal)]
    blocks.extend(_cost_notices(loan, on_received, on_principal))
    blocks.append(_method_notice(case))
    check = None
    if limit is not None and case.lender in ("private", "unknown"):
        check = cap_check(loan, limit.cap)
    # Simple interest paid late can exceed the cap while the IRR's simple form does not: trust the walk too.
    # The unrounded rate is compared: 12.0005% rounds to 12.00% but is above a 12.00% line.
    above = limit is not None and (on_received.simple * HUNDRED > limit.cap or (check is not None and check.excess > 0))
    blocks.extend(_limit_blocks(case, on_received.simple, limit, above))
    if check is not None:
        blocks.extend(_cap_blocks(case, check, limit, on_received.simple))
    blocks.append(_next_steps(case, limit, above))
    data = {
        "principal": format_plain(loan.principal),
        "received": format_plain(loan.received),
        "deducted": format_plain(loan.deducted) if loan.deducted else "",
        "total_paid": format_plain(loan.total_paid),
        "cost": format_plain(loan.cost),
        "apr": f"{shown:.2f}",
        "apr_compound": "" if on_received.compound * HUNDRED > DISPLAY_CAP else f"{percent(on_received.compound):.2f}",
        "apr_contract": f"{percent(on_principal.simple):.2f}",
        "lender": case.lender,
        "four_lpr": f"{limit.cap:.2f}" if limit else "",
        "limit": f"{limit.cap:.2f}" if limit and case.lender == "private" else "",
        "above_limit": above and case.lender == "private",  # above a cap that applies to this lender
        "excess": format_plain(check.excess) if check and case.lender == "private" else "",
        "supported": format_plain(check.supported) if check and case.lender == "private" else "",
    }
    announce = f"按实际到手的钱算，实际年化利率约 {format_percent(on_received.simple)}（单利）；借款总成本 {format_amount(loan.cost)}。"
    return View(tuple(blocks), announce=announce, data=data)


def _summary(case: Case, on_received: Rate) -> Summary:
    loan = case.loan
    figures = [Figure("合同本金", format_amount(loan.principal)), Figure("实际到手", format_amount(loan.received))]
    if loan.deducted:
        figures.append(Figure("放款时预先扣掉", format_amount(loan.deducted)))
    figures += [
        Figure(f"一共要还（{case.count} 笔）", format_amount(loan.total_paid)),
        Figure("借款总成本（一共还的 − 实际到手）", format_amount(loan.cost), emphasis=True),
        Figure("实际年化利率（按到手的钱，单利）", format_percent(on_received.simple), emphasis=True),
        Figure("实际年化利率（按到手的钱，复利）", format_percent(on_received.compound)),
    ]
    return Summary("这笔借款的真实成本", tuple(figures))


def _rates_table(case: Case, on_received: Rate, on_principal: Rate) -> Table:
    loan = case.loan
    unit = loan.unit

    def row(label, rate):  # a rate per day or month is small: four decimals, so 日息 0.05% can be compared
        return (label, format_percent(rate.per_unit, 4), format_percent(rate.simple), format_percent(rate.compound))

    return Table(
        f"实际年化利率：两种本金口径，两种算法（r 是{unit.every}的利率，k = {unit.k_text}，即一年的期数）",
        ("本金按", f"{unit.every}利率 r", "单利 r × k", "复利 (1 + r)^k − 1"),
        (
            row(f"实际到手 {format_amount(loan.received)}", on_received),
            row(f"合同本金 {format_amount(loan.principal)}", on_principal),
        ),
        numeric=(1, 2, 3),
    )


def _cost_notices(loan: Loan, on_received: Rate, on_principal: Rate) -> list:
    notices = []
    if loan.cost == 0:
        notices.append(
            Notice("success", "按这些数字，这笔借款没有成本", ("一共还的钱正好等于实际到手的钱，年化利率是 0。请再核对一下每期金额和期数。",))
        )
    elif loan.cost < 0:
        notices.append(
            Notice(
                "info",
                "一共还的钱比到手的还少",
                (
                    f"少了 {format_amount(-loan.cost)}，所以算出来的利率是负数，相当于有返利或减免。",
                    "如果不是这样，请检查是不是漏填了几期还款，或者把每期金额填少了。"
                    "借款还没还完的，请把以后按合同还要还的各期也填进去，算出来的才是这笔借款的利率。",
                ),
            )
        )
    if loan.deducted and on_principal.simple < on_received.simple:
        notices.append(
            Notice(
                "info",
                "放款时扣掉的钱，让真实利率更高",
                (
                    f"按合同本金算，年化利率是 {format_percent(on_principal.simple)}；按实际到手的钱算，是 {format_percent(on_received.simple)}。",
                    "按合同本金的算法，等于假设你拿到了合同上的全部本金，没有把预先扣掉的钱算作成本，所以偏低。"
                    "本工具按实际到手的钱算，费用也算进成本：这才是你用这笔钱的真实代价。",
                    f"法律规定利息不得预先从本金中扣除，扣了的按实际借到的数额返还借款并计算利息（《民法典》{cite('civil-code-670')}）。"
                    "放款时扣掉的“服务费”“手续费”“保证金”等，法院会不会当作利息，要看具体情况，本站不能保证。",
                ),
            )
        )
    if on_received.compound * HUNDRED > DISPLAY_CAP:
        notices.append(
            Notice(
                "warning",
                "复利算出来的数大到失去了意义",
                ("期限很短、成本很高的借款，按复利折成一年会是天文数字。看单利那一列，以及借款总成本（元），更有意义。",),
            )
        )
    return notices


def _method_notice(case: Case) -> Notice:
    unit = case.loan.unit
    if unit == Unit("day", 1) and case.contract_date is not None:
        clock = "还款日期之间没有固定的间隔，所以按实际天数计算：从放款那天起数天数，r 是每天的利率，一年按 365 天算。"
    elif case.contract_date is not None:
        clock = f"每笔还款离放款那天都正好是{unit.span}的整数倍，所以按“期”计算：每期{unit.span}，一年 {unit.k_text} 期。"
    else:
        clock = f"按“期”计算：每期{unit.span}，一年 {unit.k_text} 期。"
    paragraphs = [
        "用的是内部收益率法（IRR）：找出一个每期利率 r，使你以后每次还的钱按 r 折回放款那天，加起来正好等于你实际到手的钱（表里“合同本金”那一行，换成合同本金）。"
        "它把利息、手续费、服务费、会员费等所有成本都算进去，也考虑了本金是一期一期还掉的。",
        clock,
        "单利年化 = r × k；复利年化 = (1 + r)^k − 1，k 是一年的期数。复利总是更高一些。年化利率四舍五入到百分之零点零一，每期利率保留四位小数。",
        "人民银行要求放贷机构以年化利率展示所有贷款成本，可以用复利（内部收益率法）或注明的单利计算"
        "（人民银行公告〔2021〕第 3 号，据报道，以官方公布为准）。",
    ]
    if case.first_period_assumed:
        paragraphs.append("你只填了第一期还款日、没有填合同日期，所以假设第一期也是完整的一期。填上合同日期会更准确。")
    elif case.contract_date is None:
        paragraphs.append("没有填日期，所以假设每期间隔一样长。填上合同日期，还能和合同成立时的利率上限对照。")
    return Notice("info", "这些数是怎么算的", tuple(paragraphs))


def _limit_blocks(case: Case, simple: Decimal, limit: Limit | None, above: bool) -> list:
    """The comparison table and what it means for the kind of lender. `simple` is the unrounded
    annual rate (a fraction), so that rounding never makes the rate and a line look equal."""
    lender = case.lender
    rows = []
    value = simple * HUNDRED

    def verdict(line: Decimal, over: bool | None = None) -> str:
        if over is None:
            over = value > line
        if over and value <= line:  # only the payment-by-payment walk found an excess
            return "按逐笔计算高于这条线（见下面的说明）"
        return f"{'高于' if over else '不高于'}这条线"

    if limit is not None:
        applies = {"private": "适用", "unknown": "如果放款人是个人或没有放贷资格的公司，就适用"}.get(lender, "银行、消费金融公司、小额贷款公司一般不直接适用")
        source = f"LPR 为你填写的 {limit.lpr:.2f}%" if limit.published is None else f"LPR {limit.lpr:.2f}%，数据核对到 {lpr_data.CHECKED}，据转引和报道"
        rows.append(
            (
                f"四倍 LPR：{limit.cap:.2f}%",
                f"民间借贷规定{cite('private-lending-25')}、{cite('private-lending-29')}（原文已核）；{source}",
                "个人、没有放贷资格的公司（民间借贷）",
                applies,
                verdict(limit.cap, above),
            )
        )
    if lender in ("small_loan", "unknown"):
        rows.append(
            (
                "24%（据报道）",
                "据报道，2025 年 12 月下发的小额贷款公司综合融资成本指引（未见官方公开版本，以官方公布为准）",
                "小额贷款公司（含网络小贷）",
                "监管处理的线，不是法院的裁判标准",
                verdict(REPORTED_LINE),
            )
        )
    if lender in ("bank", "unknown"):
        rows.append(
            (
                "24%（律所解读）",
                "有律所解读认为，金规〔2025〕9号（2025-10-01 起施行）要求银行互联网助贷的综合融资成本不超过 24%；原文是否这样写未核实，以官方公布为准",
                "银行通过互联网平台发放的贷款",
                "只是一种解读，不确定",
                verdict(REPORTED_LINE),
            )
        )
    blocks = []
    if rows:
        blocks.append(
            Table(
                f"和利率上限对照：你的借款按到手的钱、单利是 {beside(simple, limit.cap if limit else REPORTED_LINE)}",
                ("上限", "依据（可信度）", "针对谁", "对你选的放款人", "你的借款"),
                tuple(rows),
            )
        )
    blocks.append(_lender_notice(case, limit, above))
    if before_new_rules(case):
        blocks.append(
            Notice(
                "info",
                "合同成立在 2020-08-20 之前：利息的上限分两段看",
                (
                    "2020-08-20 以后法院新受理的一审民间借贷案件，合同成立在这一天之前的："
                    "从合同成立到 2020-08-19 的利息，当事人请求适用当时的司法解释计算的，法院应予支持；"
                    f"从 2020-08-20 到还款那天的利息，按起诉时民间借贷规定的利率保护标准计算（民间借贷规定{cite('private-lending-31', '第三十一条第二款')}）。",
                    "所以这类借款不能简单地拿合同成立时 LPR 的四倍来比。本工具不做这种分段计算，"
                    "不替你算超出多少，也不建议你在协商时据此要求对方去掉某个金额。",
                    f"放款人是个人或没有放贷资格的公司的，先打 {helplines.LEGAL_SERVICE} 公共法律服务热线，"
                    "或者到当地的法律援助机构问一问，再决定协商时怎么提（据报道，各地安排以当地公布为准）。",
                    "当时的旧标准，据多份资料转引，是“年利率 24% 以内支持、超过 36% 的部分无效”（2015 年版民间借贷规定，原文本站未读到）。"
                    "这条线已经被四倍 LPR 取代，这里只作为历史说明。",
                ),
            )
        )
    return blocks


def _lender_notice(case: Case, limit: Limit | None, above: bool) -> Notice:
    lender = case.lender
    lpr_lines = []
    if limit is None:
        if before_new_rules(case):
            lpr_lines.append(
                "你的合同成立在 2020-08-20 之前，利息的上限要分两段看（见下面的说明），"
                "所以这里不按合同成立时 LPR 的四倍对照，也不算超出多少。"
            )
        else:  # every date before the first LPR (2019-08-20) is also before 2020-08-20
            lpr_lines.append("填上合同日期（或者在下面自己填写 LPR），才能找到合同成立时的一年期 LPR，算出四倍的上限。")
    else:
        lpr_lines.append(f"四倍 LPR 上限：年利率 {limit.cap:.2f}%，也就是{limit.describe()}。")
        if limit.after_checked:
            lpr_lines.append(
                f"你的合同日期晚于本站核对到的最后一期（{lpr_data.CHECKED}），这期间 LPR 可能变了。"
                "请到中国人民银行网站或中国货币网查合同成立时的一年期 LPR，填在下面“合同成立时的一年期 LPR”里。"
            )
        if limit.published is None and case.contract_date is not None:
            ours = lpr_on(case.contract_date)
            if ours is not None and ours[1] != limit.lpr and case.contract_date <= CHECKED:
                lpr_lines.append(f"本站数据里，这一天的一年期 LPR 是 {ours[1]:.2f}%（{LPR_HEDGE}）。请核对你填的数。")
    if lender == "private":
        title = "放款人是个人或没有放贷资格的公司：适用民间借贷的四倍 LPR 上限"
        paragraphs = [
            f"民间借贷约定的利率，超过合同成立时一年期贷款市场报价利率（LPR）四倍的部分，法院不支持（民间借贷规定{cite('private-lending-25')}）。"
            f"逾期利息、违约金和其他费用加在一起，超过四倍 LPR 的部分也不支持（{cite('private-lending-29')}）。"
            f"预先从本金中扣除利息的，按实际出借的金额认定本金（{cite('private-lending-26')}），所以这里用实际到手的钱、单利来对照。"
            "放款时扣掉的是“服务费”“保证金”等名目的，法院会不会同样处理，要看具体情况。",
            *lpr_lines,
            f"另外，没有依法取得放贷资格的出借人，以营利为目的向社会不特定对象提供借款的，民间借贷合同无效（{cite('private-lending-13-3')}）。"
            "是否属于这种情况、无效以后怎样处理，由法院认定。",
        ]
    elif lender in LICENSED:
        title = f"放款人是{LENDERS[lender]}：四倍 LPR 一般不直接适用"
        who = (
            f"小额贷款公司属于由地方金融监管部门监管、经批准设立的金融机构，它们的放贷纠纷同样不适用民间借贷规定（最高人民法院的批复{cite('private-lending-reply-1')}）。"
            if lender == "small_loan"
            else f"经金融监管部门批准设立的放贷金融机构，因放贷引起的纠纷不适用民间借贷规定（民间借贷规定{cite('private-lending-1')}）。"
        )
        paragraphs = [
            who,
            "所以上面的四倍 LPR 只作参考。对这类机构，法院按什么标准调整过高的利息和费用，本站没有核实到可以引用的统一规定，各地做法也可能不同。",
            f"可以确定的是：借款的利率不得违反国家有关规定（《民法典》{cite('civil-code-680')}）；利息不得预先从本金中扣除，扣了的按实际借到的数额计算（{cite('civil-code-670')}）。",
        ]
        if lender == "small_loan":
            paragraphs.append(
                "据报道，2025 年 12 月下发的一份指引要求小额贷款公司签约前以年化形式明示全部息费，明示以外不得再收费；"
                "新发放贷款综合成本超过 24% 的，由地方金融管理机构处理，并逐步降到四倍 LPR 以内。"
                "这份文件本站没有见到官方公开版本，以官方公布为准。"
            )
        if lender == "bank":
            paragraphs.append(
                "有律师事务所解读认为，2025-10-01 起施行的一份银行互联网助贷通知（金规〔2025〕9号）可以理解为综合融资成本最高年化 24%。"
                "这只是律所的解读，本站没有读到原文这样写，不能当作确定的规定，以官方公布为准。"
            )
        if lender == "consumer_finance":
            paragraphs.append("针对消费金融公司的利率上限，本站没有核实到可以引用的具体数字。")
        if limit is not None:
            paragraphs.extend(line for line in lpr_lines if "可能变了" in line or "请核对" in line)
    else:
        title = "还不清楚放款人是谁：先弄清楚，因为它决定适用哪条规则"
        paragraphs = [
            "借款合同上写的“贷款人”“出借人”或“放款机构”，才是放款人。网贷平台的名字不一定是放款人：很多平台只是展示和撮合，钱来自银行、消费金融公司或小额贷款公司。",
            "去哪里找：App 里的“借款记录”或“我的借款”中的借款合同；放款时收到的短信；银行流水上打款的一方；也可以查一份自己的信用报告，看这笔贷款是哪家机构报送的。",
            f"为什么重要：放款人是个人或没有放贷资格的公司，适用民间借贷规定的四倍 LPR 上限（{cite('private-lending-25')}）；"
            f"银行、消费金融公司、小额贷款公司等经批准的机构，不适用这套规定（{cite('private-lending-1')}，以及最高人民法院的批复{cite('private-lending-reply-1')}）。",
            *lpr_lines,
        ]
    paragraphs.append(FINAL_WORD)
    level = "warning" if above and lender in ("private", "unknown") else "info"
    return Notice(level, title, tuple(paragraphs))


def _cap_blocks(case: Case, check: CapCheck, limit: Limit, simple: Decimal) -> list:
    loan = case.loan
    when = f"到最后一笔（{case.last_date.isoformat()}）为止" if case.last_date else "到最后一笔为止"
    whose = "你填写的 LPR" if limit.published is None else f"LPR {limit.lpr:.2f}%，核对到 {lpr_data.CHECKED}"
    figures = [
        Figure(f"上限：四倍 LPR（{whose}）", f"年利率 {check.cap:.2f}%（单利）"),
        Figure("本金按实际到手", format_amount(loan.received)),
        Figure("这些还款一共", format_amount(loan.total_paid)),
        Figure("按上限最多支持", format_amount(check.supported), emphasis=True),
    ]
    if check.excess > 0:
        figures.append(Figure("超出上限的部分", format_amount(check.excess), emphasis=True))
    title = "按四倍 LPR 上限重新算一遍" + ("（如果放款人是个人或没有放贷资格的公司）" if case.lender == "unknown" else "")
    blocks = [Summary(title, tuple(figures))]
    paragraphs = [
        "算法：从实际到手的钱起算，按上限对没还的本金计单利，利息不滚入本金；每笔还款先抵利息、再抵本金"
        f"（《民法典》{cite('civil-code-561')}规定的一般顺序）。本金和利息都抵完以后再付的钱，就是超出的部分。",
    ]
    if check.excess > 0:
        title = f"按本工具的计算，有 {format_amount(check.excess)} 超出了四倍 LPR 支持的范围"
        paragraphs.insert(
            0,
            f"你已还或被要求还的 {format_amount(loan.total_paid)} 里，按上限最多支持 {format_amount(check.supported)}，"
            f"多出 {format_amount(check.excess)}（民间借贷规定{cite('private-lending-25')}、{cite('private-lending-29')}）。"
            + ("协商时可以请对方把这部分去掉。" if case.lender == "private" else "如果放款人是个人或没有放贷资格的公司，协商时可以请对方把这部分去掉。"),
        )
        if simple * HUNDRED <= check.cap:
            paragraphs.append(
                f"上面按内部收益率法折算的单利年化（{beside(simple, check.cap)}）没有超过 {check.cap:.2f}%，逐笔计算却有超出："
                "两次还款隔得较久时，内部收益率法在中间隐含了“利滚利”，而这里的逐笔计算只计单利。"
            )
    else:
        title = f"{when}，这些还款没有超出四倍 LPR 支持的范围"
        paragraphs.insert(
            0,
            f"按上限算，{when}还没还完的本金约 {format_amount(check.owed_principal)}，利息约 {format_amount(check.owed_interest)}"
            "（这以后的利息仍按不超过上限的利率计算）。",
        )
    paragraphs.append(FINAL_WORD)
    blocks.append(Notice("warning" if check.excess > 0 else "info", title, tuple(paragraphs)))
    return blocks


def _next_steps(case: Case, limit: Limit | None, above: bool) -> Notice:
    lender = case.lender
    channel = {
        "bank": helplines.COMPLAINT_LINE_TEXT,
        "consumer_finance": helplines.COMPLAINT_LINE_TEXT,
        "small_loan": "小额贷款公司由地方金融监管部门监管，可以向当地的地方金融管理部门反映。",
        "private": f"有法律问题可以打 {helplines.LEGAL_SERVICE} 公共法律服务热线免费咨询（据报道，各地安排以当地公布为准）。有人威胁你的安全，打 {helplines.POLICE}。",
        "unknown": "先弄清放款人是谁，再找对应的渠道：银行和消费金融公司、小额贷款公司、个人，投诉的地方不一样。",
    }[lender]
    if before_new_rules(case) and lender in ("private", "unknown"):
        ask = (
            "2. 合同成立在 2020-08-20 之前，利息的上限要分两段看，本工具不替你判断超出多少。"
            f"先打 {helplines.LEGAL_SERVICE} 或到当地法律援助机构问清楚；协商时请对方列出本金、利息、每一项费用的明细，并书面确认应还的金额。"
        )
    elif lender in LICENSED:
        ask = (
            "2. 协商时，拿这张表说明你实际承担的成本，请对方说明每一项费用的依据、合同上的年化利率怎么算的，并书面确认应还的金额。"
            "对这类机构，本站没有核实到法院统一适用的利率上限，所以不替你判断哪一部分该去掉。"
        )
    elif above and lender == "private":
        ask = "2. 协商时，请对方把超过四倍 LPR 上限的利息和费用去掉，重新核算应还的金额，并书面确认。"
    elif above:
        ask = (
            "2. 先弄清放款人是谁。如果放款人是个人或没有放贷资格的公司，协商时请对方把超过四倍 LPR 上限的利息和费用去掉；"
            "如果是银行、消费金融公司或小额贷款公司，请对方说明每一项费用的依据。两种情况都要请对方重新核算应还的金额，并书面确认。"
        )
    else:
        ask = "2. 协商时，拿这张表说明你实际承担的成本，请对方减免不合理的费用，并书面确认应还的金额。"
    paragraphs = [
        "1. 向放款方要一份书面的费用明细：本金、利息、每一项费用各多少，合同上的年化利率是多少、怎么算的。",
        ask,
        f"3. 找对投诉渠道：{channel}",
        "4. 保存好所有记录：借款合同、放款短信、银行流水（证明实际到账多少）、每一笔还款凭证、App 里的账单截图和聊天记录。",
        "申请书工具可以把这里算出的利率写进去，请对方重新核算。",
    ]
    links = (
        Link("写协商还款申请书", "tools/letter/"),
        Link("投诉找谁", "guide/complaints/"),
        Link("求助电话和免费帮助", "help/"),
        Link("记下每次沟通", "tools/log/"),
    )
    return Notice("info", "下一步可以做什么", tuple(paragraphs), links)


# ---------------------------------------------------------------- for the letter, pack and offer check


LETTER_FIELDS = ("rate_paragraph", "rate_apr", "rate_limit", "rate_deducted", "rate_excess")


def letter_paragraph(
    apr: Decimal, *, limit: Decimal | None = None, deducted: Decimal | None = None, excess: Decimal | None = None, lender: str = "unknown"
) -> str:
    """The letter's optional paragraph: the computed rate and how it was computed, the grade-A rules
    that apply, and a request to itemise the charges and confirm the amount in writing.

    `limit` is the four-times-LPR line in percent, given only for a private or unlicensed lender.
    Only when the rate (or `excess`, from the walk) is above it does the letter say so and ask for
    that part to be removed. Without it (a licensed lender: no grade-A cap) no excess is asserted.
    Unless `lender` is "private", the removal request keeps its condition (这笔借款属于民间借贷的).
    """
    lines = [
        f"按我的计算，这笔借款的实际年化利率约为 {apr:,.2f}%。算法是：以实际到账的金额为本金，"
        "用内部收益率法把每一期还款（含利息和各项费用）折算成每期利率，再乘以一年的期数，按单利表示。"
    ]
    if deducted:
        lines.append(
            f"放款时预先扣除了 {format_amount(deducted)}。上面的利率按实际到手的钱算，扣掉的费用也算进成本。"
            f"《中华人民共和国民法典》{cite('civil-code-670')}规定，借款的利息不得预先在本金中扣除；利息预先在本金中扣除的，应当按照实际借款数额返还借款并计算利息。"
            "请贵司说明这笔扣款的名目和依据。"
        )
    over = limit is not None and (apr > limit or bool(excess and excess > 0))
    if limit is not None:
        rule = (
            f"《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》{cite('private-lending-25')}、{cite('private-lending-29')}规定，约定的利率，以及逾期利息、违约金和其他费用的总计，"
            "超过合同成立时一年期贷款市场报价利率四倍的部分，人民法院不予支持。"
        )
        if over:
            rule += (
                f"按这个四倍上限（我查到的是年利率 {limit:.2f}%；我参考的 LPR 数据核对到 {lpr_data.CHECKED}，以官方公布为准）计算，"
                + (f"我已还和应还的款项中约有 {format_amount(excess)} 超出了这个范围。" if excess else "这笔借款的利率超出了这个范围。")
            )
        lines.append(rule)
    else:
        lines.append(f"《中华人民共和国民法典》{cite('civil-code-680')}规定，禁止高利放贷，借款的利率不得违反国家有关规定。")
    if over:
        if lender == "private":
            lines.append("恳请贵司列出这笔借款全部利息和各项费用的明细，按上述规定重新核算应还金额，去掉超出四倍上限的部分，并以书面形式确认核算后的金额。")
        else:
            lines.append(
                "恳请贵司列出这笔借款全部利息和各项费用的明细；这笔借款属于民间借贷的，请按上述规定重新核算应还金额，"
                "去掉超出四倍上限的部分，并以书面形式确认核算后的金额。"
            )
    else:
        lines.append("恳请贵司列出这笔借款全部利息和各项费用的明细，说明每一项费用的依据和合同年化利率的计算方法，并以书面形式确认应还的金额。")
    return "\n".join(lines)


def letter_paragraph_from(fields: dict) -> str:
    """The paragraph from the letter form's rate_* fields: '' unless asked for; when a limit is given,
    refused unless the rate is above it or an excess was found."""
    if not isinstance(fields, dict) or not parse_flag(fields.get("rate_paragraph")):
        return ""
    apr, limit, deducted, excess, lender = collect(
        lambda: parse_percent(fields.get("rate_apr"), "rate_apr", "实际年化利率", maximum=Decimal(10**15), required=True),
        lambda: parse_percent(fields.get("rate_limit"), "rate_limit", "四倍 LPR 上限", maximum=HUNDRED),
        lambda: parse_amount(fields.get("rate_deducted"), "rate_deducted", "预先扣掉的钱", required=False),
        lambda: parse_amount(fields.get("rate_excess"), "rate_excess", "超出上限的金额", required=False),
        lambda: parse_choice(fields.get("rate_lender"), "rate_lender", "放款人", LENDERS, default="unknown"),
    )
    if limit is not None and apr <= limit and not (excess and excess > 0):
        raise InputError("rate_apr", f"实际年化利率 {apr:.2f}% 没有超过上限 {limit:.2f}%，不需要这一段。可以取消勾选。")
    return letter_paragraph(apr, limit=limit, deducted=deducted, excess=excess, lender=lender)


def offer_warning(
    total: Decimal, apr: Decimal | None, limit: Decimal | None = None, supported: Decimal | None = None, *, lender: str | None = None
) -> tuple:
    """Notices for an offer on a loan whose rate was checked: a warning when the rate was above the
    four-times-LPR `limit` (given only for a private lender) and the offer may still carry interest
    and fees above it; for a small-loan company (`lender`), the reported 24% line, hedged. Nothing
    for other lenders: no line that applies to them is known."""
    if apr is None:
        return ()
    if limit is not None and lender not in LICENSED:
        if apr <= limit:
            return ()
        paragraphs = [
            f"你算出原借款的实际年化利率约 {apr:,.2f}%，高于四倍 LPR 上限 {limit:.2f}%"
            f"（民间借贷规定{cite('private-lending-25')}、{cite('private-lending-29')}；LPR 以官方公布为准，本站数据核对到 {lpr_data.CHECKED}）。"
        ]
        if supported is not None and total > supported:
            paragraphs.append(
                f"这个方案一共要还 {format_amount(total)}，比按上限算出的 {format_amount(supported)} 多 {format_amount(total - supported)}。"
                f"多出的部分可能是超过上限的利息和费用，也可能是逾期以后的利息；但逾期利息、违约金和其他费用加起来超过四倍 LPR 的部分，法院同样不支持（{cite('private-lending-29')}）。"
            )
        if lender == "private":
            paragraphs.append("签之前请对方列出本金、利息、费用各多少，并把超过上限的部分去掉。")
        else:
            paragraphs.append(
                "签之前请对方列出本金、利息、费用各多少。放款人是个人或没有放贷资格的公司的，可以请对方把超过上限的部分去掉；"
                "是银行、消费金融公司或小额贷款公司的，这条上限一般不直接适用，请对方说明每一项费用的依据。"
            )
        paragraphs.append(FINAL_WORD)
        return (Notice("warning", "这个方案可能还包含超过上限的利息和费用", tuple(paragraphs), (Link("借款实际年化利率", "tools/rate/"),)),)
    if lender == "small_loan" and apr > REPORTED_LINE:
        return (
            Notice(
                "info",
                "原借款的成本很高，核对方案里还有没有这些费用",
                (
                    f"你算出原借款的实际年化利率约 {apr:,.2f}%。"
                    "据报道，2025 年 12 月下发的小额贷款公司综合融资成本指引，要求地方金融管理机构处理综合融资成本超过年化 24% 的小额贷款公司新发放贷款"
                    "（本站没有见到官方公开版本，以官方公布为准）。这是监管处理的线，不是法院的裁判标准。",
                    "签之前请对方列出本金、利息、费用各多少，问清楚每一项的依据。",
                    FINAL_WORD,
                ),
                (Link("借款实际年化利率", "tools/rate/"),),
            ),
        )
    return ()


def offer_warning_from(fields: dict, total: Decimal) -> tuple:
    """`offer_warning` from the offer form's rate_apr, rate_limit, rate_supported and rate_lender fields."""
    if not isinstance(fields, dict):
        return ()
    apr, limit, supported, lender = collect(
        lambda: parse_percent(fields.get("rate_apr"), "rate_apr", "原借款的实际年化利率", maximum=Decimal(10**15)),
        lambda: parse_percent(fields.get("rate_limit"), "rate_limit", "四倍 LPR 上限", maximum=HUNDRED),
        lambda: parse_amount(fields.get("rate_supported"), "rate_supported", "按上限最多支持的金额", required=False),
        lambda: parse_choice(fields.get("rate_lender"), "rate_lender", "原借款的放款人", LENDERS, default="unknown"),
    )
    return offer_warning(total, apr, limit, supported, lender=lender)
