"""The one place where HTML is made. Every piece of text is escaped here."""

from __future__ import annotations

import re
from html import escape

from .view import BulletList, Checklist, Document, Link, Notice, Summary, Table, View

NOTICE_LEVELS = {"info", "success", "warning", "danger"}
_PHONE = re.compile(r"tel:\d{3,12}")
# A value that must never break across lines: a date, or a date and time.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?")


def _e(text) -> str:
    return escape(str(text), quote=True)


def _summary(block: Summary) -> str:
    items = "".join(
        f'<div class="calc-figure{" calc-figure--key" if f.emphasis else ""}"><dt>{_e(f.label)}</dt><dd>{_e(f.value)}</dd></div>'
        for f in block.figures
    )
    return f'<section class="calc-summary"><h3>{_e(block.title)}</h3><dl>{items}</dl></section>'


def _link(link: Link) -> str:
    """A phone link (`tel:` and digits) as it is; any other path as a link within this site."""
    if _PHONE.fullmatch(link.path):
        return f'<a class="calc-call" href="{_e(link.path)}">{_e(link.text)}</a>'
    return f'<a data-site-link="{_e(link.path)}" href="#">{_e(link.text)}</a>'


def _notice(block: Notice) -> str:
    level = block.level if block.level in NOTICE_LEVELS else "info"
    paragraphs = "".join(f"<p>{_e(p)}</p>" for p in block.paragraphs)
    links = "".join(f"<li>{_link(link)}</li>" for link in block.links)
    links = f"<ul>{links}</ul>" if links else ""
    return f'<div class="calc-notice calc-notice--{level}"><p class="calc-notice__title">{_e(block.title)}</p>{paragraphs}{links}</div>'


def _table(block: Table) -> str:
    """A table; each body and footer cell carries its column's header as `data-label`, so a
    narrow screen can show every row as a card with the label beside each value. Explicit roles
    keep it a table for screen readers when CSS changes how it is laid out."""

    # The footer's name (合计, 剩下): its first filled cell that is not an amount.
    footer_name = next((i for i, value in enumerate(block.footer) if str(value).strip() and i not in block.numeric), None)

    def cells(values, part):
        out = []
        for i, value in enumerate(values):
            classes = [name for name, wanted in (("num", i in block.numeric), ("date", _DATE.fullmatch(str(value)))) if wanted]
            attrs = f' class="{" ".join(classes)}"' if classes else ""
            if part == "head":
                out.append(f'<th{attrs} scope="col" role="columnheader">{_e(value)}</th>')
            elif part == "foot" and i == footer_name:
                out.append(f'<th{attrs} scope="row" role="rowheader">{_e(value)}</th>')
            else:
                label = f' data-label="{_e(block.headers[i])}"' if i < len(block.headers) else ""
                out.append(f'<td{attrs}{label} role="cell">{_e(value)}</td>')
        return "".join(out)

    def row(values, part):
        return f'<tr role="row">{cells(values, part)}</tr>'

    head = f'<thead role="rowgroup">{row(block.headers, "head")}</thead>'
    body = f'<tbody role="rowgroup">{"".join(row(values, "body") for values in block.rows)}</tbody>'
    foot = f'<tfoot role="rowgroup">{row(block.footer, "foot")}</tfoot>' if block.footer else ""
    return (
        f'<div class="calc-table" role="region" aria-label="{_e(block.caption)}" tabindex="0">'
        f'<table role="table"><caption>{_e(block.caption)}</caption>{head}{body}{foot}</table></div>'
    )


def _bullets(block: BulletList) -> str:
    tag = "ol" if block.ordered else "ul"
    items = "".join(f"<li>{_e(item)}</li>" for item in block.items)
    return f'<section class="calc-list"><h3>{_e(block.title)}</h3><{tag}>{items}</{tag}></section>'


def _checklist(block: Checklist) -> str:
    items = []
    for item in block.items:
        detail = f'<span class="calc-check__detail">{_e(item.detail)}</span>' if item.detail else ""
        items.append(
            f'<li class="calc-check"><label><input type="checkbox" data-persist-key="{_e(block.group)}:{_e(item.key)}">'
            f' <span class="calc-check__text">{_e(item.text)}</span></label>{detail}</li>'
        )
    return f'<section class="calc-checklist"><h3>{_e(block.title)}</h3><ul>{"".join(items)}</ul></section>'


def _document(block: Document) -> str:
    """A finished text. When its first line is its title, that line is the heading, so the title
    is shown (and printed) once and still copied with the text."""
    lines = block.text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    titled = first is not None and lines[first].strip() == block.title.strip()
    heading = f'<h3 class="calc-document__title">{_e(block.title)}</h3>'
    paragraphs = "".join(f"<p>{_e(line)}</p>" if line.strip() else "" for line in (lines[first + 1 :] if titled else lines))
    body = f'<div class="calc-document__body">{heading if titled else ""}{paragraphs}</div>'
    return f'<article class="calc-document">{"" if titled else heading}{body}</article>'


_RENDERERS = {
    Summary: _summary,
    Notice: _notice,
    Table: _table,
    BulletList: _bullets,
    Checklist: _checklist,
    Document: _document,
}


def to_html(view: View) -> str:
    """The view's blocks as HTML in which every text is escaped."""
    return "".join(_RENDERERS[type(block)](block) for block in view.blocks)

