"""MkDocs hook: a description for every page, for its link preview and for search engines.

A page's description is its front matter `description:` when it has one, else its first plain
paragraph (tags, citation links and footnote marks removed), cut at a sentence end to at most
MAX_LENGTH characters. It is stored HTML-escaped in `page.meta.description`, ready for an
attribute: Material's `<meta name="description">` and the Open Graph tags in
overrides/main.html use it as it is. The preview image and the other Open Graph tags are written
by overrides/main.html (absolute on site_url, so a mirror built for its own address points to
itself).
"""

from __future__ import annotations

import html
import re

MAX_LENGTH = 120
PREVIEW_IMAGE = "assets/images/preview.png"
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
DROPPED = re.compile(r'<a class="cite"[^>]*>.*?</a>|<sup[^>]*>.*?</sup>', re.S)
SENTENCE_END = re.compile(r"(?<=[。！？；])")


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment, without citation links or footnote marks, on one line."""
    text = re.sub(r"<[^>]+>", "", DROPPED.sub("", fragment))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """Whole sentences from the start up to `limit` characters; a cut sentence ends with …."""
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in SENTENCE_END.split(text):
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    return kept.strip() or text[: limit - 1].rstrip() + "…"


def description(meta: dict, content: str, default: str) -> str:
    """The page's description, escaped for an HTML attribute (see the module docstring)."""
    given = str(meta.get("description") or "").strip()
    if not given:
        first = next((text for text in map(plain_text, FIRST_PARAGRAPH.findall(content)) if text), "")
        given = shorten(first) if first else default
    return html.escape(given, quote=True)


def on_page_content(content, page, config, files):
    page.meta["description"] = description(page.meta, content, config.get("site_description") or "")
    return content
