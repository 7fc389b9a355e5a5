"""A stable JSON dump of what the tools answer, to check a refactoring changes nothing a reader sees.

    .venv/bin/python scripts/tool_snapshot.py OUT.json [--today YYYY-MM-DD]

For every case of tests/browser/tool_cases.py it calls `calculators.bridge.call` in CPython the
way the page would (the page's form read from docs/: checkbox groups as lists, lone checkboxes as
true/false, radios as the chosen value, repeated rows as lists of row dicts), and again with the
case's refused amount, its `mistake` entries, its MORE_REFUSALS and with empty fields; then the
unit tests' SAMPLES.
Each answer is written whole: html, downloads with their content, data, announce, errors, missing.
Compare two dumps with `diff`. The calendar files' DTSTAMP (the moment the file was made) is
written as DTSTAMP:<now>; nothing else depends on the time of the run except `today`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from calculators import bridge  # noqa: E402
from tool_cases import CASES, MORE_REFUSALS, ROW_KEY  # noqa: E402


class Form(HTMLParser):
    """The calculator form of a page source: its tool and each field's kind."""

    def __init__(self, text: str):
        super().__init__()
        self.tool, self.kinds, self.groups, self.template = None, {}, set(), 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-calculator" in attrs:
            self.tool = attrs["data-calculator"]
        if "data-repeat" in attrs:
            self.groups.add(attrs["data-repeat"])
        if tag == "template":
            self.template += 1
        if tag in ("input", "select", "textarea") and attrs.get("name") and not self.template:
            kind = attrs.get("type", "text") if tag == "input" else tag
            if kind == "checkbox" and "value" in attrs:
                kind = "boxes"
            self.kinds.setdefault(attrs["name"], kind)

    def handle_endtag(self, tag):
        if tag == "template":
            self.template -= 1


def page_source(page: str) -> Path:
    return ROOT / "docs" / (page.rstrip("/") + ".md")


def fields_for(form: Form, entries, today: str) -> dict:
    """The fields a page sends for these (field, text-or-None) entries on a fresh form."""
    fields: dict = {"today": today}
    for name, kind in form.kinds.items():
        fields[name] = [] if kind == "boxes" else False if kind == "checkbox" else "" if kind != "radio" else None
    for group in form.groups:
        fields[group] = []
    for key, text in entries:
        if text is None:  # a tick
            name, _, value = key.partition("=")
            kind = form.kinds.get(name)
            if kind == "boxes":
                fields[name].append(value)
            elif kind == "radio":
                fields[name] = value
            else:
                fields[name] = True
            continue
        row = ROW_KEY.fullmatch(key)
        if row:
            group, index, name = row.group(1), int(row.group(2)), row.group(3)
            rows = fields.setdefault(group, [])
            while len(rows) <= index:
                rows.append({})
            rows[index][name] = text
        else:
            fields[key] = text
    return {key: value for key, value in fields.items() if value is not None}


def answer(tool: str, fields: dict) -> dict:
    response = bridge.call(tool, json.loads(json.dumps(fields)))
    return json.loads(json.dumps(response, ensure_ascii=False, default=str))


def snapshot(today: str) -> dict:
    out = {}
    for page, case in sorted(CASES.items()):
        form = Form(page_source(page).read_text(encoding="utf-8"))
        tool = form.tool
        calls = {"case": fields_for(form, case.entries(), today), "empty": fields_for(form, [], today)}
        mistake = case.mistake_entries()
        if mistake is not None:
            calls["mistake"] = fields_for(form, mistake, today)
        if case.refuse:
            key, bad, _ = case.refuse
            calls["refuse"] = fields_for(form, [e for e in case.entries() if e[0] != key] + [(key, bad)], today)
        for name, (entries, _) in MORE_REFUSALS.get(page, {}).items():
            calls[f"refuse-{name}"] = fields_for(form, case.entries() + list(entries), today)
        out[page] = {"tool": tool, "answers": {what: answer(tool, fields) for what, fields in calls.items()}}
    from test_tool_pages import SAMPLES

    out["samples"] = {tool: answer(tool, {"today": "2026-11-30", **fields}) for tool, fields in sorted(SAMPLES.items())}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--today", default=dt.date.today().isoformat())
    args = parser.parse_args()
    data = snapshot(args.today)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    Path(args.out).write_text(re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:<now>", text), encoding="utf-8")
    print(f"{args.out}: {sum(len(v.get('answers', v)) for v in data.values())} answers")


if __name__ == "__main__":
    main()
