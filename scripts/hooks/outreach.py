"""MkDocs hook: the site's address and QR codes of it, written into pages at build time, and
the cards repeated to fill a sheet.

The address is `site_url` (from the SITE_URL environment variable, see mkdocs.yml), so a
mirror's flyers point at the mirror. In a page's Markdown:

- a line holding only `[[qr]]` becomes a QR code of the site's address, `[[qr:tools/budget/]]`
  one of that page's address: an inline SVG made by segno (pure Python, no request), with a
  text alternative naming the address;
- `[[site-url]]` and `[[site-url:tools/budget/]]` anywhere become the address as text;
- the Markdown between a line `<!-- card -->` and a line `<!-- /card -->` becomes
  CARDS_PER_SHEET cards (`div.outreach-card`); all but the first carry `data-copy`, which
  outreach.css shows on paper only, so the screen and a screen reader meet the card once.

Inline SVG needs no file, no extra request and nothing the Content Security Policy forbids
(segno writes no style attribute), and it prints sharp at any size.
"""

from __future__ import annotations

import functools
import html
import re

import segno
from mkdocs.exceptions import PluginError

QR_LINE = re.compile(r"^[ \t]*\[\[qr(?::([^\]\s]*))?\]\][ \t]*$", re.M)
SITE_URL = re.compile(r"\[\[site-url(?::([^\]\s]*))?\]\]")
CARD = re.compile(r"^<!-- card -->\n(.*?)\n<!-- /card -->$", re.S | re.M)
CARDS_PER_SHEET = 8  # 85 x 55 mm, two across and four down inside the A4 margins of site.css


def address(config, path: str = "") -> str:
    """The absolute address of `path` (from the site root) on the configured site."""
    base = config.get("site_url") or ""
    if not base.startswith(("http://", "https://")):
        raise PluginError(f"site_url is {base!r}: set SITE_URL to the site's address, e.g. https://example.org/xieshang/")
    if not base.endswith("/"):
        base += "/"
    return base + path.lstrip("/")


@functools.lru_cache(maxsize=None)  # the card sheet repeats one code eight times
def qr_svg(url: str, label: str | None = None) -> str:
    """An inline SVG QR code of `url` (error correction M: it survives a fold or a smudge),
    sized by CSS, named for screen readers by `label` (default: the address itself)."""
    label = label or f"二维码：{url}"
    svg = segno.make(url, error="m").svg_inline(border=4, omitsize=True, svgclass="qr-code", title=label)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def qr_block(url: str, label: str | None = None) -> str:
    """The QR code as a raw HTML block Markdown leaves alone."""
    return f'\n\n<div class="qr" data-qr="{html.escape(url)}">{qr_svg(url, label)}</div>\n\n'


def replace_markers(markdown: str, config) -> str:
    """Markdown with every `[[qr…]]` line and `[[site-url…]]` replaced (see the module text)."""
    markdown = CARD.sub(lambda m: cards(m.group(1)), markdown)
    markdown = QR_LINE.sub(lambda m: qr_block(address(config, m.group(1) or "")), markdown)
    return SITE_URL.sub(lambda m: address(config, m.group(1) or ""), markdown)


def cards(card: str) -> str:
    """CARDS_PER_SHEET copies of one card's Markdown, each in its own block."""
    return "\n\n".join(
        f'<div class="outreach-card"{" data-copy" if copy else ""} markdown>\n\n{card}\n\n</div>'
        for copy in range(CARDS_PER_SHEET)
    )


def on_page_markdown(markdown, page, config, files):
    if not any(marker in markdown for marker in ("[[qr", "[[site-url", "<!-- card -->")):
        return markdown
    return replace_markers(markdown, config)
