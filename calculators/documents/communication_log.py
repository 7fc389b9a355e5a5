"""The communication log as a CSV file (沟通记录.csv): UTF-8 with a byte order mark, so spreadsheet
programs on Windows read the Chinese correctly; a cell that a spreadsheet would read as a formula
(starting with = + - @, tab or carriage return) is written with a leading apostrophe."""

from __future__ import annotations

import csv
import io

from .common import CSV

HEADERS = ("日期", "时间", "方式", "对方（姓名或工号）", "说了什么、答应了什么", "证据在哪里")

FILENAME = "沟通记录.csv"
MIME = CSV

BOM = "\ufeff"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    """The text, with a leading apostrophe if a spreadsheet would otherwise treat it as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(entries) -> str:
    """The entries as CSV text: a byte order mark, a header row, one row per entry, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for entry in entries:
        writer.writerow([inert_cell(cell) for cell in entry.cells()])
    return BOM + buffer.getvalue()

