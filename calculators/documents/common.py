"""What every document shares: how a date is written, one-line fields, numbered lists, the
addressee, the closing block (此致, salutation, signature, date, the self-prepared line) and the
file types of the downloads.

Every document (the four court, credit and lender documents, the complaint, the negotiation
letter) ends with `closing`, so the 此致 block is written once; every `.txt` download is typed
`TEXT`, every CSV `CSV` (each already says its charset: the page adds nothing).
"""

from __future__ import annotations

import datetime as _dt

from ..core.view import Document, Download, View

TEXT = "text/plain;charset=utf-8"
CSV = "text/csv;charset=utf-8"
SELF_PREPARED = "（本文书由我本人借助免费的公益工具自行准备。）"
BLANK_DATE = "      年    月    日"


def date_text(value: _dt.date) -> str:
    """A date as documents write it: 2026 年 5 月 8 日."""
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def dated_line(value: _dt.date | None) -> str:
    """The date line under the signature: 日期：2026 年 5 月 8 日, or blank to write by hand."""
    return f"日期：{date_text(value) if value else BLANK_DATE}"


def one_line(text: str) -> str:
    """`text` on one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def numbered(items) -> list[str]:
    """'1. first', '2. second', ..."""
    return [f"{i}. {item}" for i, item in enumerate(items, start=1)]


def addressed(title: str, addressee: str, *before: str) -> list[str]:
    """The head of a letter: its title, any lines that come before the addressee, then '<addressee>：'."""
    return [title, "", *before, *([""] if before else []), f"{addressee}：", ""]


def closing(salutation: str, signature: str, dated: _dt.date | None, *, self_prepared: bool = True) -> list[str]:
    """The end of every document: 此致, the salutation, the signature, the date (blank to write by hand),
    and the line saying the reader prepared it with free tools (left out by the negotiation letter,
    which the reader sends as their own request)."""
    end = ["", "此致", salutation, "", signature, dated_line(dated)]
    return end + (["", SELF_PREPARED] if self_prepared else [])


def document_view(title: str, text: str, filename: str, notices, announce: str, blocks_after=()) -> View:
    """A document tool's answer: the document, then `blocks_after` and `notices`, and its text as
    a .txt download."""
    return View(
        (Document(title, text), *blocks_after, *notices),
        downloads=(Download(label="下载文本文件（.txt）", filename=filename, mime=TEXT, text=text),),
        announce=announce,
    )
