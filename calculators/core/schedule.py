"""The schedule engine (还款计划): dates, amounts and what is left after each payment.

This module owns every schedule on the site: the plan, the letter, the pack, the offer check and
the enforcement settlement build theirs with `make_plan`, so a figure never differs between tools.

The reader gives what is owed (a total, or principal, interest and fees), what the lender agreed
to waive (减免), an optional down payment (首期) that makes the agreement take effect, optional
deferral months with no payment or a reduced one, and the monthly amount or the number of
installments (or both, which must then agree). Promises:

- the installments add up exactly to the amount due after waivers; none is zero or negative;
- a monthly amount larger than what is left to pay after the down payment and deferral is
  refused, so the monthly amount shown is always the one actually paid in the first month;
- the rounding rule (ROUNDING below) decides every installment from the part left after the
  down payment and deferral, the monthly amount and the number of installments;
- payments fall on the start date's day of the month, or on the last day of a shorter month,
  and return to the original day when the month allows it; due dates strictly increase;
  deferral months without payment still pass, so the term counts them.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .money import FEN, MAX_AMOUNT, ZERO, format_amount, format_plain
from .view import Table

TYPE_CHECKING = False  # no runtime import of typing (start-up time in the browser); checkers read the block below
if TYPE_CHECKING:
    from typing import Literal

MAX_INSTALLMENTS = 360  # 30 years of monthly payments: longer is not a plan anyone can keep
MAX_DEFERRAL_MONTHS = 24
PLAN_YEARS_AHEAD = 10  # a start date further ahead is a typo in the year

ROUNDING = """The rounding rule for the regular installments.

R is what is left after the down payment and the deferral payments, n the number of regular
installments (asked for, or R / monthly rounded up), M the monthly amount (given, or R / n
rounded up to the fen).

1. Even split: when R can be paid in n installments that differ by at most one fen with the
   largest equal to M, it is. Each installment is R / n rounded down to the fen, and the first
   (R mod n) installments, counted in fen, take one more fen. So the earlier installments are
   never smaller than the later ones, and the installments add up to R exactly. This is always
   the case when the number of installments was asked for: 100.01 over 100 installments is
   1 x 1.01 then 99 x 1.00, and 10,000.00 over 3 is 3,333.34, 3,333.33, 3,333.33.
2. Otherwise (a monthly amount that leaves a bigger remainder), n - 1 installments of M and
   a last, smaller one with what is left: 10,000.00 at 3,000.00 a month is 3 x 3,000.00 and
   1,000.00.

When R is less than n fen, n is R in fen (installments of 0.01): an installment is never zero.
"""


@dataclass(frozen=True, kw_only=True)
class Installment:
    n: int  # 1, 2, ... over all payments, down payment included
    due: _dt.date
    amount: Decimal
    remaining: Decimal  # still owed after this payment
    kind: Literal["down", "deferral", "regular"]


@dataclass(frozen=True)
class Plan:
    total: Decimal  # the amount due after waivers; the installments add up to it
    monthly: Decimal  # the largest regular installment, paid in the first regular month (0.00 without any)
    installments: tuple[Installment, ...]
    start: _dt.date | None = None  # the start date the schedule counts from

    @property
    def down_payment(self) -> Decimal:
        return sum((i.amount for i in self.installments if i.kind == "down"), ZERO)

    @property
    def regular(self) -> tuple[Installment, ...]:
        return tuple(i for i in self.installments if i.kind == "regular")

    @property
    def deferral(self) -> tuple[Installment, ...]:
        """The deferral months with a payment (months without one have no installment)."""
        return tuple(i for i in self.installments if i.kind == "deferral")

    @property
    def term_months(self) -> int:
        """Months from the start date to the last payment, counting both ends (deferral months included)."""
        if not self.installments:
            return 0
        first, last = self.start or self.installments[0].due, self.installments[-1].due
        return (last.year - first.year) * 12 + last.month - first.month + 1


def due_date(start: _dt.date, offset: int) -> _dt.date:
    """`start` moved on by `offset` months: same day of month, or the last day of a shorter month."""
    month_index = start.month - 1 + offset
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return _dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def default_start(today: _dt.date) -> _dt.date:
    """The start date assumed when the reader gives none: the same day next month."""
    return due_date(today, 1)


def _fen(value: Decimal) -> int:
    return int(value / FEN)


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) * FEN).quantize(FEN)


def _fen_ceiling(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_CEILING)


def installments_needed(rest: Decimal, monthly: Decimal) -> int:
    """How many installments of at most `monthly` pay `rest`: rest / monthly rounded up."""
    return -(-_fen(rest) // _fen(monthly))


def fits(rest: Decimal, monthly: Decimal, months: int) -> bool:
    """Whether `months` installments with the largest equal to `monthly` pay `rest` under the rounding rule."""
    rest_fen, monthly_fen = _fen(rest), _fen(monthly)
    if not 0 < monthly_fen <= rest_fen or months < 1:
        return False
    even = months <= rest_fen and -(-rest_fen // months) == monthly_fen
    return even or installments_needed(rest, monthly) == months


def regular_amounts(rest: Decimal, monthly: Decimal, count: int) -> tuple[Decimal, ...]:
    """The `count` regular installments for `rest` with the largest equal to `monthly`, by the rounding rule
    (see ROUNDING); `fits(rest, monthly, count)` must hold."""
    rest_fen, monthly_fen = _fen(rest), _fen(monthly)
    each, extra = divmod(rest_fen, count)
    if each > 0 and each + (1 if extra else 0) == monthly_fen:
        return (_yuan(each + 1),) * extra + (_yuan(each),) * (count - extra)
    return (monthly,) * (count - 1) + (rest - monthly * (count - 1),)


class PlanError(Exception):
    """Why `make_plan` cannot make a schedule from these figures, in neutral terms: no form, no wording.

    `key` is the figure to change (a make_plan argument: "down_payment", "deferral_months",
    "deferral_amount", "instalment" for the monthly amount, "count" for the number of
    installments); `reason` says what is wrong with it:

    - down_payment "above_total": the down payment is more than the total;
    - deferral_months "missing": a deferral amount without deferral months;
    - deferral_amount "pays_all": the deferral months alone pay off the rest;
    - deferral_amount "not_below_instalment": a deferral payment as large as the monthly amount;
    - instalment "missing": neither the monthly amount nor the count was given;
    - instalment "above_rest": the monthly amount is more than `rest`, what is left after the down
      payment and deferral (`after_first`: there was a down payment or deferral);
    - instalment "too_many": this monthly amount needs `needed` installments, more than `limit`;
    - count "mismatch": the given monthly amount `instalment` pays the rest in `needed`
      installments (the last one `last`), not in the count given.

    Each tool says this in its own words on its own field. (A plain exception, not a frozen
    dataclass: Python and hypothesis set attributes on an exception, e.g. `add_note`.)
    """

    def __init__(
        self,
        key: str,
        reason: str,
        *,
        rest: Decimal | None = None,
        after_first: bool = False,
        instalment: Decimal | None = None,
        needed: int | None = None,
        last: Decimal | None = None,
        limit: int | None = None,
    ):
        super().__init__(key, reason)
        self.key, self.reason = key, reason
        self.rest, self.after_first, self.instalment = rest, after_first, instalment
        self.needed, self.last, self.limit = needed, last, limit


def make_plan(
    total: Decimal,
    start: _dt.date,
    *,
    monthly: Decimal | None = None,
    months: int | None = None,
    down_payment: Decimal = ZERO,
    deferral_months: int = 0,
    deferral_amount: Decimal = ZERO,
) -> Plan:
    """The schedule for `total`, from the monthly amount, the number of installments, or both.

    With `months` alone, the monthly amount is the rest divided by `months`, rounded up to the
    fen, and the installments follow the rounding rule (at most one fen apart); for a rest of
    fewer fen than `months`, fewer installments are needed. With both, they must agree (see
    `fits`); a letter or pack states a plan this way. A monthly amount larger than what is left
    after the down payment and deferral is refused. Raises PlanError (above) when the
    combination cannot work; the tool that called says so on its own field.

    Takes typed values only, as the tools parse them: amounts as Decimals to the fen (`total`
    and `monthly` above zero, none above MAX_AMOUNT), `start` a date, counts as ints within
    MAX_INSTALLMENTS and MAX_DEFERRAL_MONTHS. Anything else is the caller's mistake: TypeError
    or ValueError.
    """
    total = _typed_amount(total, "total", allow_zero=False)
    if not isinstance(start, _dt.date):
        raise TypeError("make_plan: start must be a date")
    down_payment = _typed_amount(down_payment, "down_payment")
    deferral_amount = _typed_amount(deferral_amount, "deferral_amount")
    deferral_months = _typed_count(deferral_months, "deferral_months", 0, MAX_DEFERRAL_MONTHS)
    if monthly is not None:
        monthly = _typed_amount(monthly, "monthly", allow_zero=False)
    if months is not None:
        months = _typed_count(months, "months", 1, MAX_INSTALLMENTS)
    if down_payment > total:
        raise PlanError("down_payment", "above_total")
    rest = total - down_payment
    rows = []
    if down_payment > 0:
        rows.append(("down", down_payment))
    if rest == 0:
        return _build(total, start, ZERO, rows)
    if deferral_amount * deferral_months >= rest:
        raise PlanError("deferral_amount", "pays_all")
    rest -= deferral_amount * deferral_months
    if monthly is not None and months is not None and monthly <= rest and not fits(rest, monthly, months):
        needed = installments_needed(rest, monthly)
        last = regular_amounts(rest, monthly, needed)[-1]
        raise PlanError("count", "mismatch", instalment=monthly, needed=needed, last=last, rest=rest)
    if deferral_amount > 0 and deferral_months == 0:
        raise PlanError("deferral_months", "missing")
    if monthly is None and months is None:
        raise PlanError("instalment", "missing")
    if monthly is not None and monthly > rest:
        raise PlanError("instalment", "above_rest", rest=rest, after_first=down_payment > 0 or deferral_months > 0)
    if monthly is None:
        count = min(months, _fen(rest))
        monthly = _fen_ceiling(rest / count)
    else:
        count = months if months is not None else installments_needed(rest, monthly)
    if count > MAX_INSTALLMENTS:
        raise PlanError("instalment", "too_many", needed=count, limit=MAX_INSTALLMENTS)
    if deferral_amount >= monthly:
        raise PlanError("deferral_amount", "not_below_instalment")
    rows.extend(("deferral", deferral_amount) for _ in range(deferral_months))
    rows.extend(("regular", amount) for amount in regular_amounts(rest, monthly, count))
    return _build(total, start, monthly, rows)


def _typed_amount(value, name: str, *, allow_zero: bool = True) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(f"make_plan: {name} must be a Decimal")
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT or value != value.quantize(FEN) or (value == 0 and not allow_zero):
        raise ValueError(f"make_plan: {name} must be an amount in fen from {'0.00' if allow_zero else '0.01'} to {MAX_AMOUNT}")
    return value.quantize(FEN)


def _typed_count(value, name: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"make_plan: {name} must be an int")
    if not minimum <= value <= maximum:
        raise ValueError(f"make_plan: {name} must be from {minimum} to {maximum}")
    return value


def _build(total: Decimal, start: _dt.date, monthly: Decimal, rows) -> Plan:
    """Installments for (kind, amount) rows, one month apart; deferral months without payment still pass."""
    installments, remaining = [], total
    for offset, (kind, amount) in enumerate(rows):
        if kind == "deferral" and amount == 0:
            continue
        remaining -= amount
        installments.append(Installment(n=len(installments) + 1, due=due_date(start, offset), amount=amount, remaining=remaining, kind=kind))
    return Plan(total=total, monthly=monthly, installments=tuple(installments), start=start)


def labels(plan: Plan, *, counted: bool = False) -> list:
    """Row labels: 首期, 缓冲期 1, 缓冲期 2, ..., then 1, 2, ... for the regular installments
    (第 1/n 期, 第 2/n 期, ... when `counted`, for documents read without the table's header)."""
    found, deferral, regular, count = [], 0, 0, len(plan.regular)
    for item in plan.installments:
        if item.kind == "down":
            found.append("首期")
        elif item.kind == "deferral":
            deferral += 1
            found.append(f"缓冲期 {deferral}")
        else:
            regular += 1
            found.append(f"第 {regular}/{count} 期" if counted else str(regular))
    return found


def schedule_table(plan: Plan) -> Table:
    """The 还款计划表 the plan and the pack show: each installment's label, date, amount and what is
    still owed after it, with the 合计 footer (the plan's total)."""
    return Table(
        caption="还款计划表",
        headers=("期数", "日期", "金额", "剩余"),
        rows=tuple(
            (label, item.due.isoformat(), format_amount(item.amount), format_amount(item.remaining))
            for label, item in zip(labels(plan), plan.installments)
        ),
        footer=("合计", "", format_amount(plan.total), ""),
        numeric=(2, 3),
    )


def schedule_data(plan: Plan) -> list:
    """The installments as plain JSON values."""
    return [
        {
            "n": item.n,
            "date": item.due.isoformat(),
            "amount": format_plain(item.amount),
            "remaining": format_plain(item.remaining),
            "kind": item.kind,
        }
        for item in plan.installments
    ]


def groups(items) -> list[tuple[int, Decimal]]:
    """Runs of equal amounts as (count, amount), in order: [(2, 3000), (1, 1000)]."""
    runs = []
    for item in items:
        if runs and runs[-1][1] == item.amount:
            runs[-1] = (runs[-1][0] + 1, item.amount)
        else:
            runs.append((1, item.amount))
    return runs

