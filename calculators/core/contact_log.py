"""One contact with a lender or collector (沟通记录的一条): the communication log's entry, which the
log, the complaint letter and the case file share."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
TYPE_CHECKING = False  # no runtime import of typing (start-up time in the browser); checkers read the block below
if TYPE_CHECKING:
    from typing import Literal

    Channel = Literal["phone", "sms", "app", "chat", "mail", "visit", "other"]

# 500 entries: a year and more of contacts several times a week, for a volunteer's longest case.
# The log page's data-max-rows must equal it (tests/test_tool_pages.py); the case file holds as many.
MAX_ENTRIES = 500

CHANNELS: dict[Channel, str] = {
    "phone": "电话",
    "sms": "短信",
    "app": "官方 App 或在线客服",
    "chat": "微信、QQ 等聊天软件",
    "mail": "信件或邮件",
    "visit": "当面或上门",
    "other": "其他",
}


@dataclass(frozen=True, kw_only=True)
class Entry:
    date: _dt.date
    time: _dt.time | None
    channel: Channel
    who: str
    said: str
    evidence: str

    def row(self) -> dict[str, str]:
        """The entry as the form row that gives it (another tool's rows prefill from it)."""
        return {
            "date": self.date.isoformat(),
            "time": self.time.strftime("%H:%M") if self.time else "",
            "channel": self.channel,
            "who": self.who,
            "said": self.said,
            "evidence": self.evidence,
        }

    def cells(self) -> tuple[str, ...]:
        """The entry as the table's plain-text cells."""
        return (
            self.date.isoformat(),
            self.time.strftime("%H:%M") if self.time else "",
            CHANNELS[self.channel],
            self.who,
            self.said,
            self.evidence,
        )

