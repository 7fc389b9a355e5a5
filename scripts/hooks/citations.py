"""MkDocs hook: legal citations kept as data.

Every `[[cite:KEY]]` in a page becomes a small link to the entry KEY on the sources page
(about/sources.md), and the `<!-- citations -->` marker on that page becomes the full list
generated from data/citations.yml, with each entry's status and check date. Citations in the
page itself become Markdown links (so mkdocs checks them); citations that arrive later through
`{!include!}` files are turned into HTML links after rendering.

`[[cite:KEY]]` states the law as it is now, so KEY must be a current entry. A superseded text
may be named only as history, with `[[cite-history:KEY]]`, which is shown as 〔旧文本：…〕.

The build fails with a PluginError naming the page and the key for: an unknown key, an entry
that is not grade A or B, a present-tense citation of a superseded entry, and a history
citation of a current one.

The calculators cite the same entries by key, through `calculators.core.cite.cite(KEY)`. They run
in Pyodide without a YAML parser, so this file also generates calculators/core/citations_data.py
(`.venv/bin/python scripts/hooks/citations.py` rewrites it) and the build fails while it differs
from what the YAML gives, as scripts/hooks/lpr.py does for the LPR. Help lines carry their
`number` and, where a tool states what the line takes, the one `scope` wording used everywhere.
"""

import datetime
import html
import pathlib
import posixpath
import re

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "citations.yml"
MODULE = ROOT / "calculators" / "core" / "citations_data.py"
COMMAND = ".venv/bin/python scripts/hooks/citations.py"
# The fields the calculators need: what may be cited, how, and the help lines' numbers and wording.
MODULE_FIELDS = ("law", "article", "grade", "status", "superseded_by", "hedge", "number", "scope")
SOURCES_PAGE = "about/sources.md"
MARKER = "<!-- citations -->"
# [[cite:KEY]] (the law as it is now) and [[cite-history:KEY]] (a superseded text, as history)
CITE = re.compile(r"\[\[cite(-history)?:([^\]\s]*)\]\]")
REQUIRED = ("law", "article", "issuer", "date", "grade", "status", "checked", "summary")
GRADE_LABEL = {"A": "原文已核", "B": "二手来源"}
STATUS_LABEL = {"current": "现行", "superseded": "已被取代"}
HISTORY_PREFIX = "旧文本："
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_entries = None


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice (plain YAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        repeated = sorted({key for key in keys if keys.count(key) > 1}, key=str)
        if repeated:
            raise ValueError(f"citation key given twice: {', '.join(map(str, repeated))}")
        return super().construct_mapping(node, deep=deep)


def load(path=DATA):
    """Read the citations file and return {key: entry}; raise PluginError if it is malformed.

    Every entry needs the REQUIRED fields; `checked` is a date (YYYY-MM-DD); `status` is
    current or superseded; a superseded entry names, in `superseded_by`, the current entry
    that replaces it (or says in `superseded_note` why there is none); grade B needs a source
    and a hedge.
    """
    with open(path, encoding="utf-8") as f:
        try:
            entries = yaml.load(f, Loader=_UniqueKeyLoader) or {}
        except (yaml.YAMLError, ValueError) as err:  # ValueError: a date YAML cannot build, e.g. 2026-13-01
            raise PluginError(f"{path}: cannot be read ({err}); check the dates, e.g. checked: 2026-11-30") from None
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
        entry["checked"] = checked_date(entry["checked"], key, path)
        status = entry["status"]
        if status not in STATUS_LABEL:
            raise PluginError(f"{path}: citation '{key}' has status {status!r}; use current or superseded")
        successor = entry.get("superseded_by")
        if status == "current" and successor:
            raise PluginError(f"{path}: citation '{key}' is current but names superseded_by '{successor}'")
        if status == "superseded" and not (successor or entry.get("superseded_note")):
            raise PluginError(f"{path}: superseded citation '{key}' needs superseded_by (or superseded_note)")
    for key, entry in entries.items():
        successor = entry.get("superseded_by")
        if successor and entries.get(successor, {}).get("status") != "current":
            raise PluginError(f"{path}: citation '{key}' is superseded_by '{successor}', which is not a current entry")
    return entries


def checked_date(value, key, path):
    """The check date as YYYY-MM-DD (YAML may give a date or a string); PluginError if it is not one."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    text = str(value)
    try:
        if ISO_DATE.fullmatch(text):
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise PluginError(f"{path}: citation '{key}' has checked {value!r}; write a date such as 2026-11-30")


def label(entry):
    """The inline text of a citation, e.g. 《征信业管理条例》第十六条."""
    return entry.get("label") or f"《{entry['law']}》{entry['article']}"


def lookup(key, entries, src_uri, history=False):
    """The entry for key; raise PluginError naming page and key if it may not be cited this way."""
    entry = entries.get(key)
    if entry is None:
        raise PluginError(f"{src_uri}: unknown citation key '{key}' (not in data/citations.yml)")
    grade = entry.get("grade")
    if grade not in GRADE_LABEL:
        raise PluginError(f"{src_uri}: citation '{key}' has grade {grade!r}; only A and B may be cited")
    superseded = entry.get("status") == "superseded"
    if superseded and not history:
        successor = entry.get("superseded_by")
        instead = f"cite '{successor}' instead, or " if successor else ""
        raise PluginError(
            f"{src_uri}: [[cite:{key}]] cites a superseded text as current law; "
            f"{instead}name it as history with [[cite-history:{key}]]"
        )
    if history and not superseded:
        raise PluginError(f"{src_uri}: [[cite-history:{key}]] marks a current entry as history; use [[cite:{key}]]")
    return entry


def hedge(entry):
    """The hedge shown after a grade B citation, or an empty string for grade A."""
    return f"（{entry['hedge']}）" if entry["grade"] == "B" else ""


def link_text(entry, history=False):
    """The visible text of a citation link: 〔label〕, or 〔旧文本：label〕 for history."""
    return f"〔{HISTORY_PREFIX if history else ''}{label(entry)}〕"


def cite(key, entries, src_uri, history=False):
    """Markdown for one citation on the page at src_uri."""
    entry = lookup(key, entries, src_uri, history)
    target = posixpath.relpath(SOURCES_PAGE, posixpath.dirname(src_uri) or ".")
    return f"[{link_text(entry, history)}]({target}#{key}){{ .cite }}{hedge(entry)}"


def cite_html(key, entries, src_uri, href, history=False):
    """HTML for one citation whose sources-page URL (relative to the page) is href."""
    entry = lookup(key, entries, src_uri, history)
    text = html.escape(link_text(entry, history))
    return f'<a class="cite" href="{html.escape(href)}#{key}">{text}</a>{html.escape(hedge(entry))}'


def cited_keys(text):
    """[(key, history)] for every citation in text, in order."""
    return [(m.group(2), bool(m.group(1))) for m in CITE.finditer(text)]


def replace_citations(markdown, src_uri, entries):
    """Replace every [[cite:KEY]] and [[cite-history:KEY]] in markdown with its link."""
    return CITE.sub(lambda m: cite(m.group(2), entries, src_uri, bool(m.group(1))), markdown)


def replace_citations_html(content, src_uri, entries, href):
    """Replace every citation left in rendered HTML (from include files) with its link."""
    return CITE.sub(lambda m: cite_html(m.group(2), entries, src_uri, href, bool(m.group(1))), content)


def status_line(entry, entries):
    """状态：现行, or 状态：已被取代 with a link to the entry that replaces it."""
    if entry["status"] == "current":
        return f"状态：{STATUS_LABEL['current']}"
    successor = entry.get("superseded_by")
    if successor:
        return f"状态：{STATUS_LABEL['superseded']}，现行的是[{link_text(entries[successor])}](#{successor})；这里只作历史参考"
    return f"状态：{STATUS_LABEL['superseded']}（{entry['superseded_note']}）；这里只作历史参考"


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
            lines.append(f"{status_line(entry, entries)}<br>")
            lines.append(f"核对日期：{entry['checked']}")
            lines.append("</p>\n")
            out.append("\n".join(lines))
    return "\n".join(out)


def module_text(entries):
    """The Python source of calculators/core/citations_data.py for the loaded entries."""
    lines = [
        '"""Every citation the calculators may use, generated from data/citations.yml by',
        f"scripts/hooks/citations.py. Do not edit by hand: edit the YAML and run `{COMMAND}`.",
        "",
        "Read it through calculators.core.cite.cite(KEY), which refuses unknown and superseded keys.",
        '"""',
        "",
        "ENTRIES = {",
    ]
    for key, entry in entries.items():
        fields = {name: str(entry[name]) for name in MODULE_FIELDS if entry.get(name)}
        lines.append(f"    {key!r}: {{")
        lines += [f"        {name!r}: {value!r}," for name, value in fields.items()]
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def stale(entries=None):
    """True when calculators/core/citations_data.py is missing or differs from what data/citations.yml gives."""
    expected = module_text(entries if entries is not None else load())
    return not MODULE.exists() or MODULE.read_text(encoding="utf-8") != expected


def on_config(config):
    global _entries
    _entries = load()
    if stale(_entries):
        raise PluginError(f"calculators/core/citations_data.py is out of date with data/citations.yml: run `{COMMAND}`")
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
    if "[[cite" not in html_content:
        return html_content
    entries = _entries if _entries is not None else load()
    sources = files.get_file_from_path(SOURCES_PAGE)
    if sources is None:
        raise PluginError(f"{page.file.src_uri}: cites a source but {SOURCES_PAGE} is missing")
    href = get_relative_url(sources.url, page.url)
    return replace_citations_html(html_content, page.file.src_uri, entries, href)


def main():
    MODULE.write_text(module_text(load()), encoding="utf-8")
    print(f"wrote {MODULE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
