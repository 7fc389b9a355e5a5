"""What changed (data/changes.yml, scripts/hooks/changes.py): the page lists every change newest
first, the footer shows the last legal review, and changes.xml is an Atom feed of the same list."""

import html as html_module
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from scripts.hooks import changes

ROOT = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
CITED = {"a": {"status": "current"}, "old": {"status": "superseded"}}


def write(tmp_path, entries) -> Path:
    path = tmp_path / "changes.yml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def test_entries_come_newest_first_and_keep_file_order_within_a_day(tmp_path):
    path = write(
        tmp_path,
        [
            {"date": "2026-01-02", "pages": ["x.md"], "what": "一"},
            {"date": "2026-03-01", "citations": ["a"], "what": "二"},
            {"date": "2026-01-02", "pages": ["y.md"], "what": "三"},
        ],
    )
    assert [entry["what"] for entry in changes.load(path, cited=CITED)] == ["二", "一", "三"]


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"date": "2026-02-30", "pages": ["x.md"], "what": "一"}, "not a date"),
        ({"date": "2026-01-02", "pages": ["x.md"]}, "say what changed"),
        ({"date": "2026-01-02", "what": "一"}, "name the pages or citations"),
        ({"date": "2026-01-02", "citations": ["nope"], "what": "一"}, "'nope' is not in data/citations.yml"),
        ({"date": "2026-01-02", "page": ["x.md"], "what": "一"}, "unknown field"),
    ],
)
def test_a_malformed_entry_fails_the_build_naming_it(tmp_path, entry, message):
    path = write(tmp_path, [{"date": "2026-01-01", "pages": ["x.md"], "what": "好的"}, entry])
    with pytest.raises(PluginError, match=f"entry 2: .*{message}"):
        changes.load(path, cited=CITED)


def test_a_page_that_does_not_exist_fails_the_build(tmp_path):
    entries = changes.load(write(tmp_path, [{"date": "2026-01-01", "pages": ["guide/nope.md"], "what": "一"}]), cited=CITED)
    with pytest.raises(PluginError, match="entry 1: page 'guide/nope.md' is not in docs/"):
        changes.check_pages(entries, {"guide/plan.md"})


def test_a_superseded_citation_is_named_as_history():
    entries = [{"date": changes._date("2026-01-01", ""), "pages": ["guide/plan.md"], "citations": ["a", "old"], "what": "改了", "number": 1}]
    text = changes.render(entries, {"guide/plan.md": "计划"}, CITED)
    assert "- **[计划](../guide/plan.md)**：改了[[cite:a]][[cite-history:old]]" in text


def recorded():
    return changes.load()


def test_the_seed_records_real_pages_and_citations():
    entries = recorded()
    assert len(entries) >= 10
    changes.check_pages(entries, {path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")})


def test_the_page_lists_every_change_newest_first(built_site):
    html = (built_site / "about/changes/index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    days = re.findall(r'<h2 id="changes-(\d{4}-\d{2}-\d{2})"', article)
    assert days == sorted({entry["date"].isoformat() for entry in recorded()}, reverse=True)
    text = html_module.unescape(re.sub(r"<[^>]+>", "", article))
    positions = [text.find(entry["what"]) for entry in recorded()]
    assert -1 not in positions, "every change is listed"
    assert positions == sorted(positions), "in the order of recorded(): newest first"
    assert "〔旧文本：" in article and 'href="../../guide/legal-risks/"' in article


def test_every_page_footer_shows_the_last_legal_review(built_site):
    newest = recorded()[0]["date"].isoformat()
    pages = [path for path in built_site.rglob("index.html") if "assets" not in path.parts]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        footer = html.split('<footer class="md-footer">', 1)[1]
        assert f'法律内容最近审读：<time datetime="{newest}">{newest}</time>' in footer, path
        link = re.search(r'<a href="([^"]*)">改了什么</a>', footer).group(1)
        assert (path.parent / link / "index.html").resolve() == (built_site / "about/changes/index.html").resolve(), path


def test_the_feed_is_atom_with_every_change_on_the_built_address(built_site, site_server):
    feed = ET.parse(built_site / changes.FEED).getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}content").text for entry in entries] == [entry["what"] for entry in recorded()]
    assert feed.find(f"{ATOM}updated").text.startswith(recorded()[0]["date"].isoformat())
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    for link in feed.iter(f"{ATOM}link"):
        assert link.get("href").startswith(site_server.url), link.get("href")
