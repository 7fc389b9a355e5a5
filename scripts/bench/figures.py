"""Numbers and their presentation, shared by every measurement: targets, medians, table cells.

Pure functions: no browser, no clock, no files.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

LONG_TASK_MS = 50.0


@dataclass(frozen=True)
class Target:
    """A goal for one figure: `at_most`, `at_least` or `exactly` the limit."""

    kind: str
    limit: float
    unit: str = ""

    def met(self, value) -> bool | None:
        """True or False for a measured value; None when nothing was measured."""
        if value is None:
            return None
        if self.kind == "at_most":
            return value <= self.limit
        if self.kind == "at_least":
            return value >= self.limit
        if self.kind == "exactly":
            return value == self.limit
        raise ValueError(f"unknown target kind {self.kind!r}")

    def describe(self) -> str:
        sign = {"at_most": "≤", "at_least": "≥", "exactly": "="}[self.kind]
        return f"{sign} {number(self.limit)}{self.unit}"


TARGETS = {
    "cold_ratio": Target("at_most", 1.10),
    "blocking_tbt": Target("at_most", 50, " ms"),
    "blocking_longest": Target("at_most", 50, " ms"),
    "recalc": Target("at_most", 50, " ms"),
    "guide_wasm": Target("exactly", 0, " B"),
    "performance": Target("at_least", 95),
    "accessibility": Target("exactly", 100),
    "best-practices": Target("exactly", 100),
    "seo": Target("at_least", 95),
}


def median(values):
    """The median of the numbers that are not None; None if there are none."""
    numbers = [v for v in values if v is not None]
    return statistics.median(numbers) if numbers else None


def total_blocking_time(durations, threshold: float = LONG_TASK_MS) -> float:
    """The sum over tasks of the time beyond `threshold` ms (Lighthouse's TBT, without its window)."""
    return sum(max(0.0, d - threshold) for d in durations)


def longest(durations) -> float:
    """The longest duration, 0 for none."""
    return max(durations, default=0.0)


def ratio(numerator, denominator):
    """numerator / denominator, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def verdict(target: Target, value) -> str:
    """'met', 'MISSED' or 'n/a' for a value against its target."""
    return {True: "met", False: "MISSED", None: "n/a"}[target.met(value)]


class Summary:
    """The rows of the summary table: (what, target, measured, result), in the order added."""

    def __init__(self):
        self.rows = []

    def add(self, what: str, key: str | None, measured, shown: str) -> None:
        """One row; `key` names its target in TARGETS (None: no target)."""
        target = TARGETS.get(key)
        self.rows.append((what, target.describe() if target else "-", shown, verdict(target, measured) if target else "-"))


def format_table(header, rows) -> str:
    """A plain text table with aligned columns."""
    table = [list(map(str, header))] + [list(map(str, row)) for row in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for index, row in enumerate(table):
        lines.append("  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def number(value) -> str:
    """A figure without a unit: '-' for none, two decimals below 10, whole above."""
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.0f}"
    return f"{int(value)}"


def ms(value) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def kb(value) -> str:
    if value is None:
        return "-"
    return f"{value} B" if value < 1024 else f"{value / 1024:,.1f} KiB"
