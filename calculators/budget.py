"""Repayment capacity (还款能力): what is left each month for repayment after necessities."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .inputs import collect
from .money import ZERO, format_amount, parse_amount
from .view import Figure, Link, Notice, Summary, View


@dataclass(frozen=True)
class Capacity:
    income: Decimal
    expenses: Decimal

    @property
    def available(self) -> Decimal:
        """Income minus necessary expenses; negative when necessities exceed income."""
        return self.income - self.expenses


def capacity(income: Decimal, expenses: Decimal) -> Capacity:
    return Capacity(income=income, expenses=expenses)


def tool(fields: dict) -> View:
    """The capacity page: monthly income and necessary expenses give what is available."""
    income, expenses = collect(
        lambda: parse_amount(fields.get("income"), "income", "每月收入"),
        lambda: parse_amount(fields.get("expenses"), "expenses", "每月必要支出"),
    )
    result = capacity(income, expenses)
    available = result.available
    blocks = [
        Summary(
            "你的每月还款能力",
            (
                Figure("每月收入", format_amount(income)),
                Figure("每月必要支出", format_amount(expenses)),
                Figure("每月最多可用于还款", format_amount(max(available, ZERO)), emphasis=True),
            ),
        )
    ]
    if available <= 0:
        blocks.append(
            Notice(
                "warning",
                "扣除必要开支后，已经没有余钱可以还款。",
                ("这时不要向平台承诺任何金额。先准备好收入下降、疾病等困难证明，如实说明情况。",),
                (Link("免费法律援助与求助渠道", "guide/rights/"),),
            )
        )
    announce = f"每月最多可用于还款 {format_amount(max(available, ZERO))}"
    return View(tuple(blocks), announce=announce, data={"available": str(max(available, ZERO))})
