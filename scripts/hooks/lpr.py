"""The one-year LPR history: data/lpr.yml is the only place a person edits it.

The calculators run in Pyodide without a YAML parser, so the values reach them as a small
generated module, calculators/core/lpr_data.py. This file is both:

- the generator:  .venv/bin/python scripts/hooks/lpr.py   (rewrites calculators/core/lpr_data.py);
- a MkDocs hook: the build fails while calculators/core/lpr_data.py differs from what the YAML gives
  (so no wheel ever ships stale values), and the `<!-- lpr-table -->` marker in a page becomes
  the table of values, with the date they were checked up to.

tests/test_lpr_hook.py checks the same agreement without a build.
"""

from __future__ import annotations

import datetime as _dt
import pathlib
import sys
from decimal import Decimal, InvalidOperation

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "lpr.yml"
MODULE = ROOT / "calculators" / "core" / "lpr_data.py"
MARKER = "<!-- lpr-table -->"
COMMAND = ".venv/bin/python scripts/hooks/lpr.py"


class LprDataError(ValueError):
    """data/lpr.yml is malformed; the message says what to fix."""


def _date(value, what: str) -> str:
    try:
        return _dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise LprDataError(f"data/lpr.yml: {what} {value!r} is not a date written as 2026-04-20") from None


def load(path: pathlib.Path = DATA) -> dict:
    """The checked file as {checked, reviewed, grade, source, values: [(date, percent), ...]}."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict) or not isinstance(raw.get("values"), list) or not raw["values"]:
        raise LprDataError("data/lpr.yml: expected a mapping with a non-empty list `values`")
    values = []
    for item in raw["values"]:
        if not isinstance(item, dict):
            raise LprDataError(f"data/lpr.yml: value {item!r} is not a mapping")
        published = _date(item.get("published"), "published")
        try:
            percent = Decimal(str(item.get("percent")))
        except InvalidOperation:
            raise LprDataError(f"data/lpr.yml: percent {item.get('percent')!r} is not a number") from None
        if not (Decimal("0") < percent < Decimal("20")) or percent != percent.quantize(Decimal("0.01")):
            raise LprDataError(f"data/lpr.yml: percent {percent} must be between 0 and 20 with at most two decimals")
        values.append((published, f"{percent:.2f}"))
    dates = [published for published, _ in values]
    if dates != sorted(set(dates)):
        raise LprDataError("data/lpr.yml: values must be in date order, one per date")
    checked = _date(raw.get("checked"), "checked")
    if checked < dates[-1]:
        raise LprDataError("data/lpr.yml: `checked` is earlier than the last published value")
    reviewed = _date(raw.get("reviewed"), "reviewed")
    if raw.get("grade") not in ("A", "B"):
        raise LprDataError("data/lpr.yml: grade must be A or B")
    source = str(raw.get("source") or "").strip()
    if not source:
        raise LprDataError("data/lpr.yml: source is required")
    return {"checked": checked, "reviewed": reviewed, "grade": raw["grade"], "source": source, "values": values}


def module_text(data: dict) -> str:
    """The Python source of calculators/core/lpr_data.py for the loaded data."""
    rows = "".join(f'    ("{published}", "{percent}"),\n' for published, percent in data["values"])
    return (
        '"""One-year LPR history, generated from data/lpr.yml by scripts/hooks/lpr.py. Do not edit by hand:\n'
        f"edit the YAML and run `{COMMAND}`.\n\n"
        f"Grade {data['grade']}: show every value with CHECKED (the date it was checked up to) and a hedge.\n"
        '"""\n\n'
        f'CHECKED = "{data["checked"]}"\n'
        f'REVIEWED = "{data["reviewed"]}"\n'
        f'GRADE = "{data["grade"]}"\n'
        f"SOURCE = {data['source']!r}\n"
        "# (published, one-year LPR in percent), oldest first; each holds until the next one.\n"
        f"ONE_YEAR = (\n{rows})\n"
    )


def table_markdown(data: dict) -> str:
    """The page's table: the period each value held, the value and its four-fold line. Three
    columns, so that it fits a 320 px phone without scrolling sideways."""
    lines = [
        "| 适用期间 | 一年期 LPR | 四倍 |",
        "|---|---|---|",  # no alignment colons: they become inline styles, which the CSP refuses
    ]
    values = data["values"]
    for index, (published, percent) in enumerate(values):
        if index + 1 < len(values):
            until = (_dt.date.fromisoformat(values[index + 1][0]) - _dt.timedelta(days=1)).isoformat()
            period = f"{published} 至 {until}"
        else:
            period = f"{published} 起，核对到 {data['checked']} 仍是这个数"
        four = Decimal(percent) * 4
        lines.append(f"| {period} | {percent}% | {four:.2f}% |")
    lines += ["", f"以上数值核对到 {data['checked']}。来源：{data['source']}。"]
    return "\n".join(lines) + "\n"


def stale() -> bool:
    """True when calculators/core/lpr_data.py is missing or differs from what data/lpr.yml gives."""
    expected = module_text(load())
    return not MODULE.exists() or MODULE.read_text(encoding="utf-8") != expected


# ---------------------------------------------------------------- MkDocs hook


def on_pre_build(config):
    from mkdocs.exceptions import PluginError

    try:
        if stale():
            raise PluginError(f"calculators/core/lpr_data.py is out of date with data/lpr.yml: run `{COMMAND}`")
    except LprDataError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, page, config, files):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, table_markdown(load()))


def on_serve(server, config, builder):
    server.watch(str(DATA))
    return server


def main() -> int:
    MODULE.write_text(module_text(load()), encoding="utf-8")
    print(f"wrote {MODULE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
