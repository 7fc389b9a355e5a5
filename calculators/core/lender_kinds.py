"""The kinds of lender every tool asks about (放款人是谁), and which of them hold a lending licence.

The kind decides which interest rules apply: the four-times-LPR line of the private-lending rules
binds a private or unlicensed lender, not a bank, a consumer finance company or a small-loan
company (see tools/rate.py). The rate page, the letter, the offer check, the complaint and the
case file all use these keys, so a choice means the same everywhere.
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
