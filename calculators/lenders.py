"""Several lenders (多个平台): sharing one monthly capacity across every debt.

Two ways to share it:
- "pro_rata": each lender gets a fixed monthly offer in proportion to what is owed to it, the
  usual fair offer in debt advice. Offers are whole fen and add up exactly to the capacity used
  (largest-remainder rounding).
- "smallest": the whole capacity goes to the smallest debt first; when it is cleared, the money
  rolls over to the next smallest, and so on.

In both, the month-1 payments add up exactly to the capacity used (the capacity, or the total
owed when that is smaller). When what the lenders demand each month adds up to more than the
capacity, the gap is where borrowing to repay (以贷养贷) begins, and the view says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .inputs import InputError, collect, parse_choice, parse_text, rows
from .money import FEN, ZERO, format_amount, format_plain, parse_amount
from .view import Figure, Link, Notice, Summary, Table, View

ORDERS = ("pro_rata", "smallest")
MAX_MONTHS = 360
MAX_NAME_LENGTH = 40


@dataclass(frozen=True)
class Debt:
    name: str
    amount: Decimal
    demand: Decimal | None = None  # what the lender asks for each month, if known


@dataclass(frozen=True)
class Share:
    debt: Debt
    offer: Decimal  # paid to this lender in month 1 (in "smallest" order: 0.00 until its turn)
    monthly: Decimal  # paid in each full month of its turn
    first_month: int
    last_month: int
    last_amount: Decimal  # paid in its last month


@dataclass(frozen=True)
class Split:
    capacity: Decimal
    order: str
    shares: tuple[Share, ...]  # in the order the debts were given

    @property
    def used(self) -> Decimal:
        """What is paid in month 1: the capacity, or the total owed when that is smaller."""
        return sum((share.offer for share in self.shares), ZERO)

    @property
    def months(self) -> int:
        return max(share.last_month for share in self.shares)

    @property
    def demanded(self) -> Decimal:
        return sum((s.debt.demand for s in self.shares if s.debt.demand is not None), ZERO)


def _fen(value: Decimal) -> int:
    return int(value / FEN)


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) * FEN).quantize(FEN)


def pro_rata(capacity: Decimal, amounts) -> list:
    """`capacity` shared in proportion to `amounts`, in whole fen adding up exactly to the capacity.

    Each share is rounded down; the fen left over go one each to the largest remainders (the
    earlier amount first on a tie). No share exceeds its amount when capacity <= sum(amounts).
    """
    cents = [_fen(amount) for amount in amounts]
    whole, pool = sum(cents), _fen(capacity)
    if whole == 0:
        return [ZERO for _ in cents]
    floors = [pool * c // whole for c in cents]
    remainders = [pool * c % whole for c in cents]
    left = pool - sum(floors)
    for index in sorted(range(len(cents)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return [_yuan(f) for f in floors]


def split(capacity: Decimal, debts, order: str = "pro_rata") -> Split:
    """Shares of `capacity` for `debts`; InputError when it cannot make a plan of MAX_MONTHS or fewer."""
    capacity = parse_amount(capacity, "capacity", "每月可用于还款的钱", allow_zero=False)
    debts = tuple(debts)
    if not debts:
        raise InputError("lenders.0.amount", "请至少填写一个平台的欠款。")
    if order not in ORDERS:
        raise InputError("order", "请选择分配方式。")
    for index, debt in enumerate(debts):
        parse_amount(debt.amount, f"lenders.{index}.amount", "欠款", allow_zero=False)
        if debt.demand is not None:
            parse_amount(debt.demand, f"lenders.{index}.demand", "平台要求的月还款")
    owed = sum((debt.amount for debt in debts), ZERO)
    used = min(capacity, owed)
    shares = _pro_rata_shares(used, debts) if order == "pro_rata" else _smallest_shares(used, debts)
    result = Split(capacity=capacity, order=order, shares=tuple(shares))
    if result.months > MAX_MONTHS:
        raise InputError(
            "capacity",
            f"按这个金额要还 {result.months} 个月，超过了本工具计算的上限 {MAX_MONTHS} 个月（30 年）。请检查金额。",
        )
    return result


def _pro_rata_shares(used: Decimal, debts) -> list:
    offers = pro_rata(used, [debt.amount for debt in debts])
    shares = []
    for debt, offer in zip(debts, offers):
        if offer == 0:
            raise InputError(
                "capacity",
                f"每月的钱太少，按比例分给「{debt.name}」不到 1 分钱。请提高金额，或改用“先还欠款最少的”。",
            )
        owed, each = _fen(debt.amount), _fen(offer)
        months = -(-owed // each)
        shares.append(Share(debt, offer, offer, 1, months, _yuan(owed - each * (months - 1))))
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
        offer = first_amount if first == 1 else 0
        monthly = first_amount if first == last else min(pool, after - before)
        shares[index] = Share(debt, _yuan(offer), _yuan(monthly), first, last, _yuan(last_amount))
        before = after
    return [shares[i] for i in range(len(debts))]


def _row(row: dict, index: int):
    prefix = f"lenders.{index}"
    name, amount, demand = collect(
        lambda: parse_text(row.get("name"), f"{prefix}.name", "平台名称", max_length=MAX_NAME_LENGTH),
        lambda: parse_amount(row.get("amount"), f"{prefix}.amount", "欠款", required=False, allow_zero=False),
        lambda: parse_amount(row.get("demand"), f"{prefix}.demand", "平台要求的月还款", required=False),
    )
    if amount is None:
        if name or demand is not None:
            raise InputError(f"{prefix}.amount", "请填写欠这个平台多少钱。")
        return None
    return Debt(name or f"平台 {index + 1}", amount, demand)


def tool(fields: dict) -> View:
    """The several-lenders page: per-lender offers from one monthly capacity."""
    raw_rows = rows(fields.get("lenders"))
    capacity, order, parsed = collect(
        lambda: parse_amount(fields.get("capacity"), "capacity", "每月可用于还款的钱", allow_zero=False),
        lambda: parse_choice(fields.get("order"), "order", "分配方式", ORDERS, default="pro_rata"),
        lambda: collect(*[lambda r=r, i=i: _row(r, i) for i, r in enumerate(raw_rows)]),
    )
    debts = [debt for debt in parsed if debt is not None]
    result = split(capacity, debts, order)
    return _view(result)


def _months_text(share: Share) -> str:
    span = f"第 {share.first_month} 个月" if share.first_month == share.last_month else f"第 {share.first_month}–{share.last_month} 个月"
    if share.last_amount != share.monthly and share.last_month > share.first_month:
        return f"{span}（最后一个月 {format_plain(share.last_amount)} 元）"
    return span


def _view(result: Split) -> View:
    owed = sum((s.debt.amount for s in result.shares), ZERO)
    figures = (
        Figure("欠款合计", format_amount(owed)),
        Figure("每月可用于还款", format_amount(result.capacity)),
        Figure("第一个月实际分出去", format_amount(result.used)),
        Figure("全部还清需要", f"{result.months} 个月", emphasis=True),
    )
    blocks = [Summary("多个平台一起算", figures)]
    blocks.extend(_notices(result, owed))
    first_column = "每月还款" if result.order == "pro_rata" else "第一个月还"
    blocks.append(
        Table(
            "每个平台的方案",
            ("平台", "欠款", first_column, "还款月份", "平台要求的月还款"),
            tuple(
                (
                    share.debt.name,
                    format_amount(share.debt.amount),
                    format_amount(share.offer),
                    _months_text(share),
                    format_amount(share.debt.demand) if share.debt.demand is not None else "未填",
                )
                for share in result.shares
            ),
            footer=("合计", format_amount(owed), format_amount(result.used), f"{result.months} 个月", format_amount(result.demanded)),
            numeric=(1, 2, 4),
        )
    )
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
            }
            for s in result.shares
        ],
    }
    announce = f"{len(result.shares)} 个平台，每月共还 {format_amount(result.used)}，约 {result.months} 个月还清。"
    return View(tuple(blocks), announce=announce, data=data)


def _notices(result: Split, owed: Decimal) -> list:
    notices = []
    if result.demanded > result.capacity:
        gap = result.demanded - result.capacity
        notices.append(
            Notice(
                "danger",
                f"平台要求的月还款加起来比你每月能拿出的多 {format_amount(gap)}。",
                (
                    "这个差额没有办法靠工资补上。很多人就是从这里开始借新贷还旧贷，结果欠得越来越多。",
                    "不要去借新的网贷或找“垫还”来填这个缺口。把你算出的方案和困难证明拿给各家平台，请它们按你的能力重新安排。",
                ),
                (Link("小心以贷养贷和其他陷阱", "guide/watch-out/"), Link("怎样和平台沟通", "guide/talk/")),
            )
        )
    if result.capacity >= owed:
        notices.append(Notice("info", "你每月能拿出的钱已经够一次还清全部欠款。", ("可以直接和平台谈一次结清，并争取减免。",)))
    elif result.order == "pro_rata":
        notices.append(
            Notice(
                "info",
                "按欠款多少的比例分配。",
                ("欠得多的平台分得多，欠得少的分得少，每家都能看到你没有偏向谁。这是比较容易被接受的做法。",),
            )
        )
    else:
        notices.append(
            Notice(
                "info",
                "先还欠款最少的平台。",
                (
                    "全部的钱先给欠款最少的一家，还清后再转去还下一家。这样平台的数量减少得最快。",
                    "排在后面的平台，轮到之前分不到钱。它们多半会要求每月至少还一点，协商时请如实说明你的安排。",
                ),
            )
        )
    return notices

