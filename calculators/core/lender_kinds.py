"""The kinds of lender every tool asks about (放款人是谁), and which of them hold a lending licence.

The kind decides which interest rules apply: the four-times-LPR line of the private-lending rules
binds a private or unlicensed lender, not a bank, a consumer finance company or a small-loan
company (see tools/rate.py). The rate page, the letter, the offer check, the complaint and the
case file all use these keys, so a choice means the same everywhere.

Also the limits of a reader's list of lenders, which the lenders tool refuses beyond and the
case file holds at most.
"""

from __future__ import annotations

TYPE_CHECKING = False  # no runtime import of typing (start-up time in the browser); checkers read the block below
if TYPE_CHECKING:
    from typing import Literal

    LenderKind = Literal["bank", "consumer_finance", "small_loan", "private", "unknown"]

LENDERS: dict[LenderKind, str] = {
    "bank": "银行",
    "consumer_finance": "消费金融公司",
    "small_loan": "小额贷款公司（含网络小贷）",
    "private": "个人，或没有放贷资格的公司",
    "unknown": "还不清楚",
}
LICENSED: tuple[LenderKind, ...] = ("bank", "consumer_finance", "small_loan")

# 50 lenders: more than the heaviest multi-platform cases volunteers report, and what the tool
# silently kept before (rows past it were dropped). The lenders page's data-max-rows must equal
# it (tests/test_tool_pages.py).
MAX_LENDERS = 50
MAX_NAME_LENGTH = 40  # a lender's name
MAX_MONTHS = 360  # the longest plan the lenders tool makes (30 years)
