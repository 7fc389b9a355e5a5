"""MkDocs hook: legal citations kept as data.

Every `[[cite:KEY]]` in a page becomes a small link to the entry KEY on the sources page
(about/sources.md), and the `<!-- citations -->` marker on that page becomes the full list
generated from data/citations.yml. Citations in the page itself become Markdown links (so
mkdocs checks them); citations that arrive later through `{!include!}` files are turned into
HTML links after rendering. An unknown key, or an entry that is not grade A or B,
fails the build with a PluginError that names the page and the key.
"""

import html
import pathlib
import posixpath
import re

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

DATA = pathlib.Path(__file__).resolve().parents[2] / "data" / "citations.yml"
SOURCES_PAGE = "about/sources.md"
MARKER = "<!-- citations -->"
CITE = re.compile(r"\[\[cite:([^\]\s]*)\]\]")
REQUIRED = ("law", "article", "issuer", "date", "grade", "checked", "summary")
GRADE_LABEL = {"A": "原文已核", "B": "二手来源"}

_entries = None


def load(path=DATA):
    """Read the citations file and return {key: entry}; raise PluginError if it is malformed."""
    with open(path, encoding="utf-8") as f:
        entries = yaml.safe_load(f) or {}
    if not isinstance(entries, dict):
        raise PluginError(f"{path}: expected a mapping of citation keys")
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            raise PluginError(f"{path}: citation '{key}' is not a mapping")
        missing = [name for name in REQUIRED if not str(entry.get(name) or "").strip()]
        if missing:
            raise PluginError(f"{path}: citation '{key}' lacks {', '.join(missing)}")
        if entry["grade"] == "B" and not (entry.get("source") and entry.get("hedge")):
            raise PluginError(f"{path}: grade B citation '{key}' needs a source and a hedge")
    return entries


def label(entry):
    """The inline text of a citation, e.g. 《征信业管理条例》第十六条."""
    return entry.get("label") or f"《{entry['law']}》{entry['article']}"


def lookup(key, entries, src_uri):
    """The entry for key; raise PluginError naming page and key if it is unknown or not grade A/B."""
    entry = entries.get(key)
    if entry is None:
        raise PluginError(f"{src_uri}: unknown citation key '{key}' (not in data/citations.yml)")
    grade = entry.get("grade")
    if grade not in GRADE_LABEL:
        raise PluginError(f"{src_uri}: citation '{key}' has grade {grade!r}; only A and B may be cited")
    return entry


def hedge(entry):
    """The hedge shown after a grade B citation, or an empty string for grade A."""
    return f"（{entry['hedge']}）" if entry["grade"] == "B" else ""


def cite(key, entries, src_uri):
    """Markdown for one citation on the page at src_uri."""
    entry = lookup(key, entries, src_uri)
    target = posixpath.relpath(SOURCES_PAGE, posixpath.dirname(src_uri) or ".")
    return f"[〔{label(entry)}〕]({target}#{key}){{ .cite }}{hedge(entry)}"


def cite_html(key, entries, src_uri, href):
    """HTML for one citation whose sources-page URL (relative to the page) is href."""
    entry = lookup(key, entries, src_uri)
    text = html.escape(f"〔{label(entry)}〕")
    return f'<a class="cite" href="{html.escape(href)}#{key}">{text}</a>{html.escape(hedge(entry))}'


def replace_citations(markdown, src_uri, entries):
    """Replace every [[cite:KEY]] in markdown with its link."""
    return CITE.sub(lambda m: cite(m.group(1), entries, src_uri), markdown)


def replace_citations_html(content, src_uri, entries, href):
    """Replace every [[cite:KEY]] left in rendered HTML (from include files) with its link."""
    return CITE.sub(lambda m: cite_html(m.group(1), entries, src_uri, href), content)


def render_sources(entries):
    """Markdown list of every entry, grouped by law in file order, each with an anchor id = key."""
    groups = {}
    for key, entry in entries.items():
        groups.setdefault(entry["law"], []).append((key, entry))
    out = []
    for law, items in groups.items():
        out.append(f"### {law}\n")
        for key, entry in items:
            grade = entry.get("grade")
            if grade not in GRADE_LABEL:
                raise PluginError(f"{SOURCES_PAGE}: citation '{key}' has grade {grade!r}; only A and B may be listed")
            lines = [
                f'<p class="cite-entry" id="{key}" markdown>',
                f"**{entry['article']}**　{GRADE_LABEL[grade]}<br>",
                f"{entry['summary']}<br>",
                f"发布机关：{entry['issuer']}；日期：{entry['date']}<br>",
            ]
            if grade == "B":
                lines.append(f"来源：{entry['source']}<br>")
                lines.append(f"提示：{entry['hedge']}<br>")
            lines.append(f"核对日期：{entry['checked']}")
            lines.append("</p>\n")
            out.append("\n".join(lines))
    return "\n".join(out)


def on_config(config):
    global _entries
    _entries = load()
    return config


def on_page_markdown(markdown, page, config, files):
    entries = _entries if _entries is not None else load()
    src_uri = page.file.src_uri
    if src_uri == SOURCES_PAGE:
        if MARKER not in markdown:
            raise PluginError(f"{src_uri}: the marker {MARKER} is missing")
        markdown = markdown.replace(MARKER, render_sources(entries))
    return replace_citations(markdown, src_uri, entries)


def on_page_content(html_content, page, config, files):
    if "[[cite:" not in html_content:
        return html_content
    entries = _entries if _entries is not None else load()
    sources = files.get_file_from_path(SOURCES_PAGE)
    if sources is None:
        raise PluginError(f"{page.file.src_uri}: cites a source but {SOURCES_PAGE} is missing")
    href = get_relative_url(sources.url, page.url)
    return replace_citations_html(html_content, page.file.src_uri, entries, href)
