"""MkDocs hook: what changed in the legal content, kept as data (data/changes.yml).

- The marker `<!-- changes -->` on about/changes.md becomes the list, newest first, grouped by
  date: which pages (linked) and citations (as `[[cite:KEY]]`, or `[[cite-history:KEY]]` for a
  superseded entry, rendered and checked by the citations hook, which runs after this one), and
  what changed.
- `config.extra.last_legal_review` is the newest entry's date: the footer shows it
  (overrides/partials/copyright.html), and so can any other page or template.
- After the build, `changes.xml` at the site root is an Atom feed of the same list, with absolute
  links on site_url. It is a few lines of standard-library XML written from the same data: the
  feed plugins (mkdocs-rss-plugin and the like) read git history or blog posts, not a data file,
  and some fetch from the network.

The build fails naming the entry when one has no valid date, no `what`, neither pages nor
citations, a page that does not exist or a citation key that data/citations.yml does not have.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.util
import pathlib
import posixpath
from xml.sax.saxutils import escape

import yaml
from mkdocs.exceptions import PluginError

# MkDocs loads each hook from its file, not as part of a package: load the citations hook the same way.
_spec = importlib.util.spec_from_file_location("xsh_citations_data", pathlib.Path(__file__).with_name("citations.py"))
citations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(citations)

DATA = pathlib.Path(__file__).resolve().parents[2] / "data" / "changes.yml"
PAGE = "about/changes.md"
MARKER = "<!-- changes -->"
FEED = "changes.xml"


def _date(value, where: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise PluginError(f"{where}: date {value!r} is not a date such as 2026-11-30") from None


def load(path=DATA, cited=None) -> list[dict]:
    """The entries, newest first (file order kept within a day), each with `date` (a date),
    `pages` and `citations` (lists) and `what`. PluginError naming the entry if one is malformed.
    `cited` is {key: entry} from data/citations.yml (read when not given)."""
    cited = citations.load() if cited is None else cited
    with open(path, encoding="utf-8") as f:
        try:
            raw = yaml.safe_load(f) or []
        except yaml.YAMLError as err:
            raise PluginError(f"{path}: cannot be read ({err})") from None
    if not isinstance(raw, list):
        raise PluginError(f"{path}: expected a list of changes (- date: ..., what: ...)")
    entries = []
    for number, item in enumerate(raw, 1):
        where = f"{path.name} entry {number}"
        if not isinstance(item, dict):
            raise PluginError(f"{where}: expected date, pages, citations and what")
        unknown = sorted(set(item) - {"date", "pages", "citations", "what"})
        if unknown:
            raise PluginError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
        pages = list(item.get("pages") or [])
        keys = list(item.get("citations") or [])
        what = str(item.get("what") or "").strip()
        if not what:
            raise PluginError(f"{where}: say what changed (what: ...)")
        if not pages and not keys:
            raise PluginError(f"{where}: name the pages or citations that changed")
        for key in keys:
            if key not in cited:
                raise PluginError(f"{where}: citation {key!r} is not in data/citations.yml")
        entries.append({"date": _date(item.get("date"), where), "pages": pages, "citations": keys, "what": what, "number": number})
    entries.sort(key=lambda entry: (-entry["date"].toordinal(), entry["number"]))
    return entries


def check_pages(entries: list[dict], sources: set[str]) -> None:
    """PluginError naming the entry if it lists a page that is not in docs/."""
    for entry in entries:
        for page in entry["pages"]:
            if page not in sources:
                raise PluginError(f"{DATA.name} entry {entry['number']}: page {page!r} is not in docs/ (write it as guide/court.md)")


def render(entries: list[dict], titles: dict[str, str], cited: dict) -> str:
    """The list as Markdown for about/changes.md: a heading per date, an item per change."""
    lines = []
    day = None
    for entry in entries:
        if entry["date"] != day:
            day = entry["date"]
            lines += ["", f"## {day.isoformat()} {{ #changes-{day.isoformat()} }}", ""]
        pages = "、".join(f"[{titles.get(page, page)}]({posixpath.relpath(page, posixpath.dirname(PAGE))})" for page in entry["pages"])
        refs = "".join(
            f"[[cite-history:{key}]]" if cited[key]["status"] == "superseded" else f"[[cite:{key}]]" for key in entry["citations"]
        )
        subject = f"**{pages}**：" if pages else ""
        lines.append(f"- {subject}{entry['what']}{refs}")
    return "\n".join(lines) + "\n"


def feed(entries: list[dict], site_url: str, site_name: str, titles: dict[str, str]) -> str:
    """The same list as an Atom feed, every link absolute on site_url."""
    page_url = site_url + "about/changes/"
    updated = f"{entries[0]['date'].isoformat()}T00:00:00Z" if entries else "2026-01-01T00:00:00Z"
    items = []
    for entry in entries:
        day = entry["date"].isoformat()
        title = "、".join(titles.get(page, page) for page in entry["pages"]) or "、".join(entry["citations"])
        items.append(
            "  <entry>\n"
            f"    <id>{escape(page_url)}#change-{day}-{hashlib.sha256(entry['what'].encode()).hexdigest()[:12]}</id>\n"
            f"    <title>{escape(day + ' ' + title)}</title>\n"
            f"    <updated>{day}T00:00:00Z</updated>\n"
            f'    <link rel="alternate" type="text/html" href="{escape(page_url)}#changes-{day}"/>\n'
            f'    <content type="text">{escape(entry["what"])}</content>\n'
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">\n'
        f"  <id>{escape(page_url)}</id>\n"
        f"  <title>{escape(site_name)}：内容更新记录</title>\n"
        f"  <updated>{updated}</updated>\n"
        f"  <author><name>{escape(site_name)}</name></author>\n"
        f'  <link rel="alternate" type="text/html" href="{escape(page_url)}"/>\n'
        f'  <link rel="self" type="application/atom+xml" href="{escape(site_url + FEED)}"/>\n'
        + "".join(items)
        + "</feed>\n"
    )


def _titles(config) -> dict[str, str]:
    """Each page's title from the nav in mkdocs.yml, by its path in docs/."""
    found = {}

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, str):
                        found[target] = title
                    else:
                        walk(target)

    walk(config.get("nav"))
    return found


def on_config(config):
    cited = citations.load()
    config["changes"] = load(cited=cited)
    config["changes_citations"] = cited
    config.extra["last_legal_review"] = config["changes"][0]["date"].isoformat() if config["changes"] else ""
    return config


def on_files(files, config):
    check_pages(config["changes"], {file.src_uri for file in files.documentation_pages()})
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"{PAGE}: the marker {MARKER} is missing")
    return markdown.replace(MARKER, render(config["changes"], _titles(config), config["changes_citations"]))


def on_post_build(config) -> None:
    text = feed(config["changes"], config["site_url"] or "/", config["site_name"], _titles(config))
    pathlib.Path(config["site_dir"], FEED).write_text(text, encoding="utf-8")
