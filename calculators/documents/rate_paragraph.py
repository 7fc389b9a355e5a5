"""The negotiation letter's optional paragraph on interest and fees (三、关于利息和费用): the loan's
real annual rate as the rate tool computed it, the rules that apply, and what the reader asks for."""

from __future__ import annotations

from decimal import Decimal

from ..core import lpr_data
from ..core.cite import cite
from ..core.money import format_amount

TYPE_CHECKING = False  # no runtime import of typing; checkers read the block below
if TYPE_CHECKING:
    from ..core.lender_kinds import LenderKind

def letter_paragraph(
    apr: Decimal, *, limit: Decimal | None = None, deducted: Decimal | None = None, excess: Decimal | None = None, lender: LenderKind = "unknown"
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
