"""The 借款实际年化利率 tool: reads the rate form and puts the page together.

The arithmetic (the IRR, its day count, the four-times-LPR walk) is core/irr.py, whose docstring
explains the method; the page's words are tools/rate_notices.py, the letter's paragraph
documents/rate_paragraph.py and the offer check's warning tools/offer_check.py.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from ..core.inputs import InputError, InputErrors, collect, normalise, parse_choice, parse_count, parse_date, parse_percent
from ..core.irr import DISPLAY_CAP, HUNDRED, PERIODS, Limit, Loan, cap_check, format_percent, percent, rates, step_date, time_axis
from ..core.irr import before_new_rules as _before_new_rules
from ..core.irr import four_lpr as _four_lpr
from ..core.lender_kinds import LENDERS
from ..core.money import ZERO, format_amount, format_plain, parse_amount
from ..core.view import View
from . import rate_notices as notices

TYPE_CHECKING = False  # no runtime import of typing; checkers read the block below
if TYPE_CHECKING:
    from ..core.lender_kinds import LenderKind

MODES = ("equal", "table")
MAX_PAYMENTS = 360
MAX_LPR = Decimal("20")


@dataclass(frozen=True)
class Case:
    """One loan as the reader described it, ready to compute."""

    loan: Loan
    lender: LenderKind
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
    got = collect(
        principal=lambda: parse_amount(get("principal"), "principal", "合同上写的借款本金", allow_zero=False),
        received=lambda: parse_amount(get("received"), "received", "实际到账的钱", required=False),
        deducted=lambda: parse_amount(get("deducted"), "deducted", "放款时预先扣掉的钱", required=False),
        fee=lambda: parse_amount(get("fee"), "fee", "每期另外收的费用", required=False) or ZERO,
        lender=lambda: parse_choice(get("lender"), "lender", "放款人是谁", LENDERS, default="unknown"),
        contract_date=lambda: parse_date(get("contract_date"), "contract_date", "合同日期", required=not equal),
        reader_lpr=lambda: parse_percent(get("lpr"), "lpr", "一年期 LPR", maximum=MAX_LPR),
        period=lambda: parse_choice(get("period"), "period", "多久还一次", PERIODS, default="month") if equal else "month",
        installment=lambda: parse_amount(get("installment"), "installment", "每期还款额", allow_zero=False) if equal else None,
        count=lambda: parse_count(get("count"), "count", "期数", maximum=MAX_PAYMENTS) if equal else None,
        first_due=lambda: parse_date(get("first_due"), "first_due", "第一期还款日", required=False) if equal else None,
        rows=lambda: _table(get("payments")) if not equal else [],
    )
    money = _received(got.principal, got.received, got.deducted)
    if equal:
        dates, axis, assumed = _equal_schedule(got.contract_date, got.first_due, got.period, got.count)
        amounts = [got.installment + got.fee] * got.count
    else:
        if not got.rows:
            raise InputError("payments.0.amount", "请在还款表里至少填一笔还款：日期和金额。")
        for index, day, _ in got.rows:
            if day <= got.contract_date:
                raise InputError(f"payments.{index}.date", "还款日期要晚于合同日期（放款那天）。")
        merged = {}
        for _, day, amount in got.rows:
            merged[day] = merged.get(day, ZERO) + amount + got.fee
        dates = sorted(merged)
        amounts = [merged[day] for day in dates]
        axis, assumed = time_axis(got.contract_date, dates), False
    unit, ts = axis
    payments = tuple((t, amount) for t, amount in zip(ts, amounts))
    if sum(amounts, ZERO) == 0:
        raise InputError("payments.0.amount", "还款金额加起来是 0，算不出利率。")
    loan = Loan(principal=got.principal, received=money, unit=unit, payments=payments)
    return Case(
        loan=loan,
        lender=got.lender,
        mode=mode,
        period=got.period,
        count=len(payments),
        contract_date=got.contract_date,
        last_date=dates[-1] if dates else None,
        first_period_assumed=assumed,
        reader_lpr=got.reader_lpr,
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


def before_new_rules(case: Case) -> bool:
    """True for a contract made before 2020-08-20 (see core.irr.before_new_rules)."""
    return _before_new_rules(case.contract_date)


def four_lpr(case: Case) -> Limit | None:
    """The four-times-LPR line for the case (see core.irr.four_lpr)."""
    return _four_lpr(case.contract_date, case.reader_lpr)


def tool(fields: dict) -> View:
    """The rate page: the annual rate in two forms on two bases, the limits, and what to do next."""
    case = parse(fields)
    loan = case.loan
    on_received, on_principal = rates(loan)
    limit = four_lpr(case)
    shown = percent(on_received.simple)
    blocks = [notices.summary(case, on_received), notices.rates_table(case, on_received, on_principal)]
    blocks.extend(notices.cost_notices(loan, on_received, on_principal))
    blocks.append(notices.method_notice(case))
    check = None
    if limit is not None and case.lender in ("private", "unknown"):
        check = cap_check(loan, limit.cap)
    # Simple interest paid late can exceed the cap while the IRR's simple form does not: trust the walk too.
    # The unrounded rate is compared: 12.0005% rounds to 12.00% but is above a 12.00% line.
    above = limit is not None and (on_received.simple * HUNDRED > limit.cap or (check is not None and check.excess > 0))
    blocks.extend(notices.limit_blocks(case, on_received.simple, limit, above))
    if check is not None:
        blocks.extend(notices.cap_blocks(case, check, limit, on_received.simple))
    blocks.append(notices.next_steps(case, limit, above))
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
