"""Checks shared by the tests of the documents (tests/tools/test_payment_order_objection.py and the
other document tools): a document is shown and downloaded as the same text, ends with the
self-prepared line, keeps each field in its place, and keeps typed text inert; and whatever the
fields, a view or a refusal (`view_or_refusal`, also for the letter and the pack)."""

import datetime as dt
import itertools

from html_parts import Parsed

from calculators.core.inputs import InputError, InputErrors
from calculators.core.render import to_html
from calculators.core.view import Document
from calculators.documents.common import SELF_PREPARED

TODAY = dt.date(2026, 5, 8)
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "&lt;b&gt;", "javascript:alert(1)"]


def view_or_refusal(tool, fields):
    """The tool's view for `fields`, its HTML checked to carry no markup typed into them; None when the
    tool refused them with InputError(s), the only errors a tool may raise (any other fails the test)."""
    try:
        view = tool(fields)
    except (InputError, InputErrors):
        return None
    html = to_html(view)
    assert "<script" not in html and "<img" not in html
    return view


def subsets(keys):
    return [c for r in range(len(keys) + 1) for c in itertools.combinations(keys, r)]


def document(view) -> str:
    (doc,) = [b for b in view.blocks if isinstance(b, Document)]
    (download,) = view.downloads
    assert download.text == doc.text and download.filename.endswith(".txt") and download.mime.startswith("text/plain")
    return doc.text


def assert_prepared_by_reader(text):
    assert text.rstrip("\n").endswith(SELF_PREPARED)


def added_lines(with_field: str, without: str) -> list[str]:
    before = set(without.split("\n"))
    return [line for line in with_field.split("\n") if line not in before]


def assert_only_in_its_place(tool, base, field, value, expected_lines, **kwargs):
    """Adding `field` changes only lines that carry its value, and the value shows up exactly `expected_lines` times."""
    without = document(tool(base, **kwargs))
    with_field = document(tool({**base, field: value}, **kwargs))
    changed = added_lines(with_field, without)
    assert changed and all(value in line for line in changed), (field, changed)
    assert with_field.count(value) == expected_lines, (field, with_field.count(value))
    assert value not in without


def assert_inert(view, *shown):
    html = to_html(view)
    parsed = Parsed(html)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert set(parsed.tags) <= {"article", "h3", "div", "p", "ul", "ol", "li", "a", "section", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
    assert not any(name.startswith("on") or "javascript:" in (value or "") for name, value in parsed.attrs)
    text = "".join(parsed.text)
    for part in shown:
        assert part in text


