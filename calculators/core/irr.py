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

The form (tools/rate.py), the page's words (tools/rate_notices.py) and the letter's paragraph
(documents/rate_paragraph.py) are elsewhere: this module is the arithmetic alone.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext

from . import lpr_data
from .money import ZERO, to_fen
from .schedule import due_date

TYPE_CHECKING = False  # no runtime import of typing (start-up time in the browser); checkers read the block below
if TYPE_CHECKING:
    from typing import Literal

DISPLAY_CAP = Decimal("1000000")  # percent: above it a compound rate is shown as "above 1,000,000%"
HUNDRED = Decimal(100)

# Wide exponents: (1 + r) ** t for a 30-year daily table must neither overflow nor underflow.
_CONTEXT = Context(prec=50, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP)
_TOLERANCE = Decimal("1e-28")
_MARGIN = Decimal("1e-25")

CHECKED = _dt.date.fromisoformat(lpr_data.CHECKED)
LPR_HISTORY = tuple((_dt.date.fromisoformat(day), Decimal(percent)) for day, percent in lpr_data.ONE_YEAR)
LPR_HEDGE = f"本站数据核对到 {lpr_data.CHECKED}，根据转引和公开报道整理，以中国人民银行、全国银行间同业拆借中心公布为准"
NEW_RULES_FROM = _dt.date(2020, 8, 20)

# ---------------------------------------------------------------- the numbers


@dataclass(frozen=True)
class Unit:
    """A time unit: `size` calendar months (kind "month") or `size` days (kind "day")."""

    kind: Literal["month", "day"]
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


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
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
        excess, principal, interest = (to_fen(x) for x in (excess, principal, interest))
    return CapCheck(
        cap=cap_percent,
        supported=loan.total_paid - excess + principal + interest,
        excess=excess,
        owed_principal=principal,
        owed_interest=interest,
    )


# ---------------------------------------------------------------- the four-times-LPR line


@dataclass(frozen=True, kw_only=True)
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


def before_new_rules(contract_date: _dt.date | None) -> bool:
    """True for a contract made before 2020-08-20: its interest falls in two periods (民间借贷规定第三十一条
    第二款), so no single four-times-LPR line and no excess may be stated."""
    return contract_date is not None and contract_date < NEW_RULES_FROM


def four_lpr(contract_date: _dt.date | None, reader_lpr: Decimal | None) -> Limit | None:
    """The four-times-LPR line for a contract date: the reader's LPR if typed, else the site's data;
    None without a date, and None for a contract made before 2020-08-20 (see `before_new_rules`)."""
    if before_new_rules(contract_date):
        return None
    if reader_lpr is not None:
        return Limit(lpr=reader_lpr, published=None, after_checked=False)
    if contract_date is None:
        return None
    found = lpr_on(contract_date)
    if found is None:
        return None
    return Limit(lpr=found[1], published=found[0], after_checked=contract_date > CHECKED)
