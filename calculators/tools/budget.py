"""Repayment capacity (还款能力): what is left each month for repayment after necessities.

Income and necessary expenses come as itemised lines. The form fields `income` and `expenses`
are the first line of each list (工资 and 房租/房贷), so a caller that only sends those two
still gets the right totals: income 5000 and expenses 2000 leave 3000 a month.

The recommended offer keeps a safety margin (`margin`, a percentage, 10 by default) of the
available amount, rounded down to the fen, because a promise that breaks after a few months
usually leaves the borrower worse off than before the negotiation.

A recommendation is never a token sum. Below MIN_OFFER (100 元 a month after the margin) the
tool recommends no amount: an offer that small protects nobody, and the better next step is
to gather proof of the hardship, ask the lender to pause, and get free help. A shortfall
(necessities above income) is shown as a shortfall, with its amount. Whenever there is no
offer, the result carries the help lines (helplines.crisis_notice).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from ..core.helplines import crisis_notice
from ..core.inputs import InputError, collect, collect_each, normalise, parse_count
from ..core.money import FEN, ZERO, format_amount, format_plain, parse_amount
from ..core.view import Figure, Link, Notice, Summary, Table, View

DEFAULT_MARGIN = 10
MAX_MARGIN = 50
MIN_OFFER = Decimal("100.00")

# (field name, label) of each line, in the order the form shows them.
INCOME_LINES = (
    ("income", "工资或经营收入"),
    ("income_other", "其他收入"),
)
EXPENSE_LINES = (
    ("expenses", "房租/房贷"),
    ("food", "饮食"),
    ("transport", "交通"),
    ("utilities", "水电通讯"),
    ("medical", "医疗"),
    ("education", "子女教育"),
    ("elders", "赡养老人"),
    ("other_expenses", "其他必要支出"),
)


@dataclass(frozen=True)
class Line:
    label: str
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class Capacity:
    """Monthly totals, the amount available and the recommended offer (None when nothing is left)."""

    income: Decimal
    expenses: Decimal
    margin: int

    @property
    def available(self) -> Decimal:
        """Income minus necessary expenses; negative when necessities exceed income."""
        return self.income - self.expenses

    @property
    def shortfall(self) -> Decimal:
        """How much necessities exceed income each month (0.00 when they do not)."""
        return max(-self.available, ZERO)

    @property
    def kept(self) -> Decimal:
        """The available amount less the margin, rounded down to the fen (0.00 when nothing is left)."""
        if self.available <= 0:
            return ZERO
        return (self.available * (100 - self.margin) / 100).quantize(FEN, rounding=ROUND_DOWN)

    @property
    def offer(self) -> Decimal | None:
        """The amount to offer: `kept`, or None when it is below MIN_OFFER (nothing to offer yet)."""
        return self.kept if self.kept >= MIN_OFFER else None


def _amount(value, field: str, label: str) -> Decimal:
    return parse_amount(value, field, label)


def capacity(income: Decimal, expenses: Decimal, margin: int = DEFAULT_MARGIN) -> Capacity:
    """The capacity for monthly totals; InputError if an amount or the margin is out of range."""
    got = collect(
        income=lambda: _amount(income, "income", "每月收入"),
        expenses=lambda: _amount(expenses, "expenses", "每月必要支出"),
    )
    if isinstance(margin, bool) or not isinstance(margin, int) or not 0 <= margin <= MAX_MARGIN:
        raise InputError("margin", f"留出的余量请填 0 到 {MAX_MARGIN} 之间的整数。")
    return Capacity(income=got.income, expenses=got.expenses, margin=margin)


def total(lines) -> Decimal:
    """The sum of the lines' amounts (0.00 for no lines)."""
    return sum((line.amount for line in lines), ZERO)


def parse_margin(raw) -> int:
    """The safety margin in percent: empty gives the default, '15%' gives 15; '1,0' or '1.5' are refused."""
    text = normalise(raw).rstrip("%％").strip()
    if not text:
        return DEFAULT_MARGIN
    try:
        return parse_count(text, "margin", "留出的余量", minimum=0, maximum=MAX_MARGIN)
    except InputError:
        raise InputError("margin", f"留出的余量请填 0 到 {MAX_MARGIN} 之间的整数，例如 10 或 10%。") from None


def _lines(fields: dict, specs, *, first_required: bool) -> list:
    """Lines for the filled-in fields; every refused field is reported at once."""

    def one(index, name, label):
        required = first_required and index == 0
        value = parse_amount(fields.get(name), name, label, required=required)
        return None if value is None else Line(label, value)

    checks = [lambda i=i, n=n, l=l: one(i, n, l) for i, (n, l) in enumerate(specs)]
    return [line for line in collect_each(checks) if line is not None]


def summary_figures(result: Capacity) -> list[Figure]:
    """Income, necessities, then what is left or the shortfall, and the offer when there is one."""
    figures = [
        Figure("每月收入合计", format_amount(result.income)),
        Figure("每月必要支出合计", format_amount(result.expenses)),
    ]
    if result.shortfall > 0:
        figures.append(Figure("每月缺口（必要支出比收入多）", format_amount(result.shortfall), emphasis=True))
    else:
        figures.append(Figure("扣除必要支出后每月剩下", format_amount(result.available)))
    if result.offer is not None:
        figures.append(Figure(f"建议向平台提出的每月还款额（留出 {result.margin}% 余量）", format_amount(result.offer), emphasis=True))
    else:
        figures.append(Figure("建议向平台提出的每月还款额", "暂时没有", emphasis=True))
    return figures


def tool(fields: dict) -> View:
    """The capacity page: itemised monthly income and necessary expenses give what is available."""
    got = collect(
        incomes=lambda: _lines(fields, INCOME_LINES, first_required=True),
        expenses=lambda: _lines(fields, EXPENSE_LINES, first_required=False),
        margin=lambda: parse_margin(fields.get("margin")),
    )
    result = capacity(total(got.incomes), total(got.expenses), got.margin)
    available, offer = result.available, result.offer
    blocks = [Summary("你的每月还款能力", tuple(summary_figures(result)))]
    blocks.extend(_notices(result, bool(got.expenses)))
    rows = tuple((line.label, format_amount(line.amount)) for line in got.incomes) + tuple(
        (line.label, format_amount(line.amount)) for line in got.expenses
    )
    kinds = ("收入",) * len(got.incomes) + ("必要支出",) * len(got.expenses)
    footer = ("", "缺口", format_amount(result.shortfall)) if result.shortfall > 0 else ("", "剩下", format_amount(available))
    blocks.append(
        Table(
            caption="每月收支明细",
            headers=("类别", "项目", "金额"),
            rows=tuple((kind,) + row for kind, row in zip(kinds, rows)),
            footer=footer,
            numeric=(2,),
        )
    )
    data = {
        "income": format_plain(result.income),
        "expenses": format_plain(result.expenses),
        "available": format_plain(max(available, ZERO)),
        "shortfall": format_plain(result.shortfall),
        "offer": format_plain(offer) if offer is not None else "",
        "margin": got.margin,
    }
    if result.shortfall > 0:
        announce = f"每月必要支出比收入多 {format_amount(result.shortfall)}，暂时不要承诺还款金额。"
    elif available <= 0:
        announce = "扣除必要支出后没有余钱，暂时不要承诺还款金额。"
    elif offer is None:
        announce = f"每月剩下 {format_amount(available)}，暂时没有可以向平台提出的金额。"
    else:
        announce = f"每月剩下 {format_amount(available)}，建议提出每月还 {format_amount(offer)}。"
    return View(tuple(blocks), announce=announce, data=data)


HARDSHIP_STEPS = (
    "这种时候不要向平台报任何还款金额。报了还不上，只会让下一次协商更难。",
    "可以先做这几件事：把失业、生病、收入减少的证明整理好；如实告诉平台眼下的困难，请求暂缓或停催；"
    "问问当地的免费法律咨询和法律援助。",
    "想办法增加收入、压缩开支以后，再回来重新算一遍。",
)
HARDSHIP_LINKS = (
    Link("整理困难证明和其他材料", "guide/materials/"),
    Link("求助电话和免费帮助", "help/"),
)


def no_offer_notice(result: Capacity) -> Notice:
    """Why there is no amount to offer yet, and what to do instead."""
    if result.shortfall > 0:
        title = f"每月必要支出比收入多 {format_amount(result.shortfall)}，已经没有钱可以拿来还款。"
    elif result.available <= 0:
        title = "扣除必要支出后，已经没有钱可以拿来还款。"
    else:
        title = f"留出余量后每月不到 {format_amount(MIN_OFFER)}，暂时没有可以提出的金额。"
    return Notice(level="danger", title=title, paragraphs=HARDSHIP_STEPS, links=HARDSHIP_LINKS)


def _notices(result: Capacity, has_expenses: bool) -> list:
    available, offer = result.available, result.offer
    notices = []
    if offer is None:
        return [no_offer_notice(result), crisis_notice()]
    notices.append(
        Notice(
            level="info",
            title=f"为什么只建议拿出剩余的 {100 - result.margin}%？",
            paragraphs=(
                "协商好的方案，如果几个月后又还不上，就是又一次违约。平台往往不再同意减免，"
                "之后再谈会难得多。",
                "每个月都可能冒出看病、修车、涨房租之类的开销。少承诺一点、每期都按时还，比多承诺却中途断供更稳妥。"
                "余量的比例可以在上面自己调整。",
            ),
            links=(Link("怎样做一个还得起的计划", "guide/plan/"),),
        )
    )
    if not has_expenses:
        notices.append(
            Notice(
                level="warning",
                title="你还没有填写任何必要支出。",
                paragraphs=("吃饭、住房、交通都要花钱。把这些算进去，得出的金额才可靠。",),
            )
        )
    if result.margin == 0:
        notices.append(
            Notice(
                level="warning",
                title="你没有留任何余量。",
                paragraphs=("一旦有意外开销，这个月就可能还不上。建议至少留出一成左右。",),
            )
        )
    if result.income > 0 and available * 10 < result.income:
        notices.append(
            Notice(
                level="warning",
                title="剩下的钱不到收入的一成，空间很小。",
                paragraphs=("先看看哪些支出还能减，或者有没有办法增加收入。向平台提方案时，如实说明这一点。",),
            )
        )
    return notices
