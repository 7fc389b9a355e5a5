"""Communication log (沟通记录): every contact with a lender or collector, in date order.

Output: a printable table and a CSV file (UTF-8 with a byte order mark, so spreadsheet
programs on Windows read the Chinese correctly). A cell that a spreadsheet would read as a
formula (starting with = + - @, tab or carriage return) is written with a leading apostrophe.

Dates are of contacts that happened: not after today (the reader's date, fields["today"]) and
not more than ten years back. At most MAX_ENTRIES entries: more are refused, never cut off.
"""

from __future__ import annotations

import datetime as _dt

from ..core.contact_log import CHANNELS, MAX_ENTRIES, Entry
from ..core.inputs import collect, collect_each, normalise, parse_choice, parse_date_near, parse_text, parse_time, reference_date, rows
from ..core.view import Download, Link, Notice, Table, View
from ..documents import communication_log
from ..documents.common import one_line

ROW_FIELDS = ("date", "time", "channel", "who", "said", "evidence")



def parse_entry(row: dict, index: int, today: _dt.date | None = None) -> Entry | None:
    """One row of the form as an Entry; None for a row left completely empty."""
    if not any(normalise(row.get(name)) for name in ROW_FIELDS if name != "channel"):
        return None
    prefix = f"entries.{index}."
    which = f"第 {index + 1} 条记录的"
    today = today or _dt.date.today()
    got = collect(
        date=lambda: parse_date_near(row.get("date"), prefix + "date", which + "日期", today),
        time=lambda: parse_time(row.get("time"), prefix + "time", which + "时间"),
        channel=lambda: parse_choice(row.get("channel"), prefix + "channel", which + "联系方式", CHANNELS, default="other"),
        who=lambda: parse_text(row.get("who"), prefix + "who", which + "对方姓名或工号", max_length=100),
        said=lambda: parse_text(row.get("said"), prefix + "said", which + "沟通内容", max_length=1000),
        evidence=lambda: parse_text(row.get("evidence"), prefix + "evidence", which + "证据位置", max_length=200),
    )
    return Entry(date=got.date, time=got.time, channel=got.channel, who=one_line(got.who), said=got.said, evidence=one_line(got.evidence))


def parse(fields: dict) -> tuple[Entry, ...]:
    """Every filled row, sorted by date and time (rows without a time first on their day)."""
    today = reference_date(fields)
    found = rows(fields.get("entries"), "entries", MAX_ENTRIES, "条记录", "date")
    checks = [lambda row=row, i=i: parse_entry(row, i, today) for i, row in enumerate(found)]
    entries = [entry for entry in collect_each(checks) if entry is not None]
    return tuple(sorted(entries, key=lambda e: (e.date, e.time or _dt.time.min)))


TIPS = Notice(
    level="info",
    title="记录时的几个习惯",
    paragraphs=(
        "每次联系后马上记，写下对方的公司、姓名或工号。",
        "对方答应的减免、期数、还款日，原话记下来，并请对方通过官方渠道书面确认。",
        "通话录音、短信和聊天截图另外存一份，在“证据在哪里”写清楚存放的位置。",
    ),
    links=(Link("催收中你的权利", "guide/rights/"), Link("怎样和平台沟通", "guide/talk/")),
)


def tool(fields: dict) -> View:
    """The log page: the entries as a table in date order, with a CSV download."""
    entries = parse(fields)
    if not entries:
        return View(
            (Notice(level="info", title="还没有记录", paragraphs=("填写上面的一行，这里会列出表格，并可以下载成表格文件。",)), TIPS),
            announce="还没有记录。",
            data={"entries": 0, "rows": []},
        )
    table = Table(caption="沟通记录", headers=communication_log.HEADERS, rows=tuple(entry.cells() for entry in entries))
    download = Download(label="下载表格文件（CSV）", filename=communication_log.FILENAME, mime=communication_log.MIME, text=communication_log.to_csv(entries))
    return View(
        (table, TIPS),
        downloads=(download,),
        announce=f"共 {len(entries)} 条沟通记录。",
        data={"entries": len(entries), "rows": [entry.row() for entry in entries]},
    )

