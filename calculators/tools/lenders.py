"""Several lenders (多个平台): sharing one monthly capacity across every debt.

Two ways to share it:
- "pro_rata": each lender gets a fixed monthly offer in proportion to what is owed to it, the
  usual fair offer in debt advice. Offers are whole fen (largest-remainder rounding). A lender
  is never offered more than it asks for each month (its demand, when given): the excess goes
  to the others in proportion, again and again until nobody is above its demand, and the view
  says so. If every lender is at its demand, the rest of the capacity stays unused.
- "smallest": the whole capacity goes to the smallest debt first; when it is cleared, the money
  rolls over to the next smallest, and so on. Each lender's payments are listed month by
  month, partial months included. This order pays off debts, not demands: the smallest
  lender may get more than it asks for, which is the point of it.

Month 1 pays the capacity, or the total owed when that is smaller, unless demands cap the
pro-rata offers. When what the lenders demand each month adds up to more than the capacity,
the gap is where borrowing to repay (以贷养贷) begins, and the view says so, with an order in
which to consider debts when not everything can be paid.

At most MAX_LENDERS lenders: more are refused with a message, never cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..core.helplines import crisis_notice
from ..core.inputs import InputError, collect, collect_each, parse_choice, parse_text, rows
from ..core.lender_kinds import MAX_LENDERS, MAX_MONTHS, MAX_NAME_LENGTH
from ..core.money import FEN, ZERO, format_amount, format_plain, parse_amount
from ..core.view import Figure, Link, Notice, Summary, Table, View

ORDERS = ("pro_rata", "smallest")


@dataclass(frozen=True)
class Debt:
    name: str
    amount: Decimal
    demand: Decimal | None = None  # what the lender asks for each month, if known


@dataclass(frozen=True, kw_only=True)
class Payment:
    """What one lender gets in each of the months first..last."""

    first_month: int
    last_month: int
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class Share:
    debt: Debt
    offer: Decimal  # paid to this lender in month 1 (in "smallest" order: 0.00 until its turn)
    monthly: Decimal  # paid in each full month of its turn
    first_month: int
    last_month: int
    last_amount: Decimal  # paid in its last month
    payments: tuple[Payment, ...] = ()  # month by month, runs of equal amounts
    uncapped: Decimal | None = None  # the pro-rata share it would get without its demand, when that was more


@dataclass(frozen=True, kw_only=True)
class Split:
    capacity: Decimal
    order: str
    shares: tuple[Share, ...]  # in the order the debts were given

    @property
    def used(self) -> Decimal:
        """What is paid in month 1: the capacity, the total owed when smaller, or less when demands cap it."""
        return sum((share.offer for share in self.shares), ZERO)

    @property
    def months(self) -> int:
        return max(share.last_month for share in self.shares)

    @property
    def demanded(self) -> Decimal:
        return sum((s.debt.demand for s in self.shares if s.debt.demand is not None), ZERO)

    @property
    def owed(self) -> Decimal:
        return sum((s.debt.amount for s in self.shares), ZERO)

    @property
    def capped(self) -> tuple[Share, ...]:
        """The lenders held at their demand in a pro-rata split."""
        return tuple(s for s in self.shares if s.uncapped is not None)


def _fen(value: Decimal) -> int:
    return int(value / FEN)


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) * FEN).quantize(FEN)


def _shares_fen(pool: int, cents: list[int]) -> list[int]:
    whole = sum(cents)
    if whole == 0:
        return [0 for _ in cents]
    floors = [pool * c // whole for c in cents]
    remainders = [pool * c % whole for c in cents]
    left = pool - sum(floors)
    for index in sorted(range(len(cents)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return floors


def pro_rata(capacity: Decimal, amounts) -> list:
    """`capacity` shared in proportion to `amounts`, in whole fen adding up exactly to the capacity.

    Each share is rounded down; the fen left over go one each to the largest remainders (the
    earlier amount first on a tie). No share exceeds its amount when capacity <= sum(amounts).
    """
    return [_yuan(f) for f in _shares_fen(_fen(capacity), [_fen(amount) for amount in amounts])]


def capped_pro_rata(capacity: Decimal, amounts, limits) -> list:
    """Like `pro_rata`, but no share exceeds its limit (None: no limit besides the amount itself).

    Shares above their limit are held at it and the rest of the capacity is shared again among
    the others, until none is above its limit. The shares add up to the capacity, or to less
    when every lender is held at its limit.
    """
    cents = [_fen(amount) for amount in amounts]
    caps = [c if limit is None else min(c, _fen(limit)) for c, limit in zip(cents, limits)]
    offers = [0] * len(cents)
    open_, pool = list(range(len(cents))), _fen(capacity)
    while open_ and pool > 0:
        shares = _shares_fen(pool, [cents[i] for i in open_])
        over = [i for i, share in zip(open_, shares) if share > caps[i]]
        if not over:
            for i, share in zip(open_, shares):
                offers[i] = share
            break
        for i in over:
            offers[i] = caps[i]
            pool -= caps[i]
        open_ = [i for i in open_ if i not in over]
    return [_yuan(f) for f in offers]


def _clean(debts) -> list[Debt]:
    """The debts with checked amounts; InputError naming the row otherwise."""
    clean = []
    for index, debt in enumerate(debts):
        amount = parse_amount(debt.amount, f"lenders.{index}.amount", _label(index, "欠款"), allow_zero=False)
        demand = None
        if debt.demand is not None:
            demand = parse_amount(debt.demand, f"lenders.{index}.demand", f"第 {index + 1} 个平台要求的月还款", allow_zero=False)
        clean.append(Debt(name=debt.name, amount=amount, demand=demand))
    return clean


def split(capacity: Decimal, debts, order: str = "pro_rata") -> Split:
    """Shares of `capacity` for `debts`; InputError when it cannot make a plan of MAX_MONTHS or fewer."""
    capacity = parse_amount(capacity, "capacity", "每月可用于还款的钱", allow_zero=False)
    debts = tuple(debts)
    if not debts:
        raise InputError("lenders.0.amount", "请至少填写一个平台的欠款。", label="平台的欠款", missing=True)
    if len(debts) > MAX_LENDERS:
        raise InputError(f"lenders.{MAX_LENDERS}.amount", f"最多可以填 {MAX_LENDERS} 个平台。")
    if order not in ORDERS:
        raise InputError("order", "请选择分配方式。")
    debts = _clean(debts)
    used = min(capacity, sum((debt.amount for debt in debts), ZERO))
    shares = _pro_rata_shares(used, debts) if order == "pro_rata" else _smallest_shares(used, debts)
    result = Split(capacity=capacity, order=order, shares=tuple(shares))
    if result.months > MAX_MONTHS:
        raise InputError(
            "capacity",
            f"按这个金额要还 {result.months} 个月，超过了本工具计算的上限 {MAX_MONTHS} 个月（30 年）。请检查金额。",
        )
    return result


def _payments(*segments) -> tuple[Payment, ...]:
    """(first month, last month, fen) segments, empty ones skipped and equal neighbours merged."""
    merged = []
    for first, last, fen in segments:
        if last < first:
            continue
        if merged and merged[-1][2] == fen and merged[-1][1] == first - 1:
            merged[-1][1] = last
        else:
            merged.append([first, last, fen])
    return tuple(Payment(first_month=first, last_month=last, amount=_yuan(fen)) for first, last, fen in merged)


def _pro_rata_shares(used: Decimal, debts) -> list:
    offers = capped_pro_rata(used, [d.amount for d in debts], [d.demand for d in debts])
    plain = pro_rata(used, [d.amount for d in debts])
    shares = []
    for index, (debt, offer, uncapped) in enumerate(zip(debts, offers, plain)):
        if offer == 0:
            raise InputError(
                "capacity",
                f"每月的钱太少，按比例分给第 {index + 1} 个平台不到 1 分钱。请提高金额，或改用“先还欠款最少的”。",
            )
        owed, each = _fen(debt.amount), _fen(offer)
        months = -(-owed // each)
        last = owed - each * (months - 1)
        payments = _payments((1, months - 1, each), (months, months, last))
        at_demand = debt.demand is not None and offer == min(debt.demand, debt.amount)
        held = uncapped if at_demand and uncapped > offer else None
        shares.append(Share(debt=debt, offer=offer, monthly=offer, first_month=1, last_month=months, last_amount=_yuan(last), payments=payments, uncapped=held))
    return shares


def _smallest_shares(used: Decimal, debts) -> list:
    pool = _fen(used)
    order = sorted(range(len(debts)), key=lambda i: (debts[i].amount, i))
    shares, before = {}, 0
    for index in order:
        debt = debts[index]
        after = before + _fen(debt.amount)
        first, last = before // pool + 1, -(-after // pool)
        first_amount = min(after, first * pool) - before
        last_amount = after - max(before, (last - 1) * pool)
        segments = [(first, first, first_amount), (first + 1, last - 1, pool)]  # its first month, then full months
        if last > first:
            segments.append((last, last, last_amount))
        payments = _payments(*segments)
        offer = first_amount if first == 1 else 0
        monthly = first_amount if first == last else min(pool, after - before)
        shares[index] = Share(debt=debt, offer=_yuan(offer), monthly=_yuan(monthly), first_month=first, last_month=last, last_amount=_yuan(last_amount), payments=payments)
        before = after
    return [shares[i] for i in range(len(debts))]


def _label(index: int, what: str) -> str:
    return f"第 {index + 1} 个平台的{what}"


def _row(row: dict, index: int):
    prefix = f"lenders.{index}"
    got = collect(
        name=lambda: parse_text(row.get("name"), f"{prefix}.name", _label(index, "名称"), max_length=MAX_NAME_LENGTH),
        amount=lambda: parse_amount(row.get("amount"), f"{prefix}.amount", _label(index, "欠款"), required=False, allow_zero=False),
        demand=lambda: parse_amount(row.get("demand"), f"{prefix}.demand", f"第 {index + 1} 个平台要求的月还款", required=False, allow_zero=False),
    )
    if got.amount is None:
        if got.name or got.demand is not None:
            raise InputError(f"{prefix}.amount", f"请填写欠第 {index + 1} 个平台多少钱。", label=_label(index, "欠款"), missing=True)
        return None
    return Debt(name=got.name or f"平台 {index + 1}", amount=got.amount, demand=got.demand)


def tool(fields: dict) -> View:
    """The several-lenders page: per-lender offers from one monthly capacity."""
    got = collect(
        capacity=lambda: parse_amount(fields.get("capacity"), "capacity", "每月可用于还款的钱", allow_zero=False),
        order=lambda: parse_choice(fields.get("order"), "order", "分配方式", ORDERS, default="pro_rata"),
        parsed=lambda: collect_each(
            [
                lambda r=r, i=i: _row(r, i)
                for i, r in enumerate(rows(fields.get("lenders"), "lenders", MAX_LENDERS, "个平台", "amount"))
            ]
        ),
    )
    debts = [debt for debt in got.parsed if debt is not None]
    result = split(got.capacity, debts, got.order)
    return _view(result)


def payments_text(share: Share) -> str:
    """'第 1 个月 1,000.00 元；第 2–4 个月每月 500.00 元': what the lender gets, month by month."""
    parts = []
    for p in share.payments:
        if p.first_month == p.last_month:
            parts.append(f"第 {p.first_month} 个月 {format_amount(p.amount)}")
        else:
            parts.append(f"第 {p.first_month}–{p.last_month} 个月每月 {format_amount(p.amount)}")
    return "；".join(parts)


def by_month(result: Split) -> tuple[tuple[str, str], ...]:
    """Rows (months, who gets what) for spans of months in which the payments stay the same."""
    cuts = sorted({p.first_month for s in result.shares for p in s.payments} | {p.last_month + 1 for s in result.shares for p in s.payments})
    rows = []
    for first, after in zip(cuts, cuts[1:]):
        paid = [
            f"{share.debt.name} {format_amount(p.amount)}"
            for share in sorted(result.shares, key=lambda s: s.first_month)
            for p in share.payments
            if p.first_month <= first <= p.last_month
        ]
        if paid:
            months = f"第 {first} 个月" if after == first + 1 else f"第 {first}–{after - 1} 个月"
            rows.append((months, "；".join(paid)))
    return tuple(rows)


def _view(result: Split) -> View:
    owed = result.owed
    figures = (
        Figure("欠款合计", format_amount(owed)),
        Figure("每月可用于还款", format_amount(result.capacity)),
        Figure("第一个月实际分出去", format_amount(result.used)),
        Figure("全部还清需要", f"{result.months} 个月", emphasis=True),
    )
    blocks = [Summary("多个平台一起算", figures)]
    blocks.extend(_notices(result, owed))
    first_column = "每月还款" if result.order == "pro_rata" else "第 1 个月还"
    blocks.append(
        Table(
            caption="每个平台的方案",
            headers=("平台", "欠款", first_column, "每个月还多少", "平台要求的月还款"),
            rows=tuple(
                (
                    share.debt.name,
                    format_amount(share.debt.amount),
                    format_amount(share.offer),
                    payments_text(share),
                    format_amount(share.debt.demand) if share.debt.demand is not None else "未填",
                )
                for share in result.shares
            ),
            footer=("合计", format_amount(owed), format_amount(result.used), f"{result.months} 个月", format_amount(result.demanded)),
            numeric=(1, 2, 4),
        )
    )
    if result.order == "smallest":
        blocks.append(Table(caption="逐月安排：每个月还给谁、还多少", headers=("月份", "还给谁、还多少"), rows=by_month(result)))
    data = {
        "capacity": format_plain(result.capacity),
        "used": format_plain(result.used),
        "months": result.months,
        "order": result.order,
        "offers": [
            {
                "name": s.debt.name,
                "amount": format_plain(s.debt.amount),
                "offer": format_plain(s.offer),
                "monthly": format_plain(s.monthly),
                "first_month": s.first_month,
                "last_month": s.last_month,
                "payments": [
                    {"from": p.first_month, "to": p.last_month, "amount": format_plain(p.amount)} for p in s.payments
                ],
            }
            for s in result.shares
        ],
    }
    announce = f"{len(result.shares)} 个平台，每月共还 {format_amount(result.used)}，约 {result.months} 个月还清。"
    return View(tuple(blocks), announce=announce, data=data)


PRIORITIES = Notice(
    level="info",
    title="还不了全部的时候，可以先看看这几类欠款",
    paragraphs=(
        "下面是一个考虑的顺序，不是适合每个人的答案。每个人的情况不同，拿不准的时候，可以先问问免费的法律咨询。",
        "1. 已经被起诉、或者已经进入法院执行的欠款。法院的期限不会因为你在协商就停下，先弄清楚要在什么时候做什么。",
        "2. 信用卡欠款，特别是本金接近 5 万元的。按最高人民法院、最高人民检察院关于妨害信用卡管理刑事案件的司法解释"
        "（2018 年修改），恶意透支的本金 5 万元以上属于“数额较大”。只是还不上钱，不等于恶意透支；"
        "但这类欠款最好尽早和银行联系、说明情况。",
        "3. 有人为你作了担保的借款，以及房贷等和住处有关的欠款。这些一旦出问题，受影响的不只是你一个人。",
    ),
    links=(Link("法律风险，实话实说", "guide/legal-risks/"), Link("钱不够分时，先顾哪几笔", "guide/plan/#priorities")),
)


def _notices(result: Split, owed: Decimal) -> list:
    notices = []
    any_demand = any(s.debt.demand is not None for s in result.shares)
    if result.demanded > result.capacity:
        gap = result.demanded - result.capacity
        notices.append(
            Notice(
                level="danger",
                title=f"平台要求的月还款加起来比你每月能拿出的多 {format_amount(gap)}。",
                paragraphs=(
                    "这个差额没有办法靠工资补上。很多人就是从这里开始借新贷还旧贷，结果欠得越来越多。",
                    "不要去借新的网贷或找“垫还”来填这个缺口。把你算出的方案和困难证明拿给各家平台，请它们按你的能力重新安排。",
                ),
                links=(Link("小心以贷养贷和其他陷阱", "guide/watch-out/"), Link("怎样和平台沟通", "guide/talk/")),
            )
        )
    if result.demanded > result.capacity or (not any_demand and result.capacity < owed):
        notices.append(PRIORITIES)
        notices.append(crisis_notice("钱不够分、又想到起诉和执行，压力会很大。"))
    capped = result.capped
    if capped:
        notices.append(
            Notice(
                level="info",
                title=f"有 {len(capped)} 个平台按比例分到的钱比它要求的月还款多，只给到它要求的数。",
                paragraphs=tuple(
                    f"「{s.debt.name}」按比例能分到 {format_amount(s.uncapped)}，它只要求 {format_amount(s.offer)}。"
                    for s in capped
                )
                + ("多出来的钱，已经按欠款比例分给了其他平台。",),
            )
        )
    spare = min(result.capacity, owed) - result.used
    if spare > 0:
        notices.append(
            Notice(
                level="info",
                title=f"按各平台的要求，每月还有 {format_amount(spare)} 没有分出去。",
                paragraphs=("各平台要求的月还款都已经给足。多出的钱可以留着应付意外开支，也可以和平台商量多还一些、早点还清。",),
            )
        )
    if result.capacity >= owed:
        notices.append(Notice(level="info", title="你每月能拿出的钱已经够一次还清全部欠款。", paragraphs=("可以直接和平台谈一次结清，并争取减免。",)))
    elif result.order == "pro_rata":
        notices.append(
            Notice(
                level="info",
                title="按欠款多少的比例分配。",
                paragraphs=("欠得多的平台分得多，欠得少的分得少，每家都能看到你没有偏向谁。这是比较容易被接受的做法。",),
            )
        )
    else:
        notices.append(
            Notice(
                level="info",
                title="先还欠款最少的平台。",
                paragraphs=(
                    "全部的钱先给欠款最少的一家，还清后再转去还下一家。这样平台的数量减少得最快。",
                    "排在后面的平台，轮到之前分不到钱。它们多半会要求每月至少还一点，协商时请如实说明你的安排。",
                ),
            )
        )
    return notices
