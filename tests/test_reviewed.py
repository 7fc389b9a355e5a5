"""Review dates: every page names the day it was last checked, and the build fails without one."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import PluginError

from scripts.hooks import reviewed

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "docs").rglob("*.md"))
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def fake_page(src_uri, meta):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta=dict(meta))


@pytest.mark.parametrize("value", [datetime.date(2026, 11, 30), "2026-11-30", " 2026-11-30 ", datetime.datetime(2026, 11, 30, 9)])
def test_a_date_or_a_date_string_is_kept_as_yyyy_mm_dd(value):
    page = fake_page("guide/plan.md", {"reviewed": value})
    assert reviewed.on_page_markdown("# x", page, {}, None) == "# x"
    assert page.meta["reviewed"] == "2026-11-30"


@pytest.mark.parametrize("src_uri", ["guide/plan.md", "tools/budget.md", "about/index.md", "index.md"])
def test_a_page_without_a_review_date_fails_the_build_naming_the_page(src_uri):
    with pytest.raises(PluginError) as err:
        reviewed.on_page_markdown("# x", fake_page(src_uri, {}), {}, None)
    assert src_uri in str(err.value) and "reviewed: 2026-11-30" in str(err.value)


@pytest.mark.parametrize("value", ["上个月", "2026-13-01", "30/11/2026", ""])
def test_a_review_date_that_is_not_a_date_fails(value):
    with pytest.raises(PluginError, match="guide/rights.md"):
        reviewed.on_page_markdown("# x", fake_page("guide/rights.md", {"reviewed": value}), {}, None)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_page_source_has_a_review_date(path):
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, "no front matter"
    value = yaml.safe_load(match.group(1)).get("reviewed")
    assert isinstance(value, datetime.date), f"reviewed: {value!r}"


def test_every_built_page_shows_its_review_date_quietly_at_its_foot(built_site):
    pages = [p for p in built_site.rglob("index.html") if not p.relative_to(built_site).as_posix().startswith(("assets", "search"))]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = re.findall(r'<p class="page-reviewed">本页内容最后审读于 <time datetime="(\d{4}-\d{2}-\d{2})">\1</time></p>', html)
        assert len(found) == 1, page
        article = html[html.index("<article"):html.index("</article>")]
        text_after = re.sub(r"<[^>]+>|\s", "", article.split('<p class="page-reviewed">', 1)[1])
        assert text_after.startswith("本页内容最后审读于") and len(text_after) < 40, page  # the last words of the page
