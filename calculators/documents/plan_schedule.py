"""The plan's schedule as a CSV file (还款计划.csv), for a spreadsheet."""

from __future__ import annotations

import csv
import io

from ..core.money import format_plain
from ..core.schedule import Plan, labels
from .common import CSV

FILENAME = "还款计划.csv"
MIME = CSV


def to_csv(plan: Plan) -> str:
    """The schedule as CSV text starting with a BOM, so spreadsheet programs read the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("期数", "日期", "金额（元）", "剩余（元）"))
    for label, item in zip(labels(plan), plan.installments):
        writer.writerow((label, item.due.isoformat(), format_plain(item.amount), format_plain(item.remaining)))
    writer.writerow(("合计", "", format_plain(plan.total), ""))
    return "\ufeff" + out.getvalue()
