"""MkDocs hook: every page says when its text was last reviewed.

Each page's front matter carries `reviewed: YYYY-MM-DD`, the day someone last checked the page
against the fact sheet and the law texts. The build fails, naming the page, when a page lacks
it or gives something that is not a date. overrides/main.html shows the date quietly at the
foot of the page.

Every page needs one: guide pages state the law, and tool and about pages state help lines,
limits and promises that go stale just the same.
"""

from __future__ import annotations

import datetime

from mkdocs.exceptions import PluginError

FIELD = "reviewed"
EXAMPLE = "---\nreviewed: 2026-11-30\n---"


def reviewed_date(value, src_uri: str) -> str:
    """The review date as YYYY-MM-DD; PluginError naming the page if it is missing or not a date."""
    if value is None or value == "":
        raise PluginError(f"{src_uri}: no review date; start the page with\n{EXAMPLE}")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise PluginError(f"{src_uri}: reviewed: {value!r} is not a date such as 2026-11-30") from None


def on_page_markdown(markdown, page, config, files):
    page.meta[FIELD] = reviewed_date(page.meta.get(FIELD), page.file.src_uri)
    return markdown
