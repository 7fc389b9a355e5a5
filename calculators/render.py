"""The one place where HTML is made. Every piece of text is escaped here."""

from __future__ import annotations

import re
from html import escape

from .view import BulletList, Checklist, Document, Link, Notice, Summary, Table, View

NOTICE_LEVELS = {"info", "success", "warning", "danger"}
_PHONE = re.compile(r"tel:\d{3,12}")


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
    def cells(values, tag):
        out = []
        for i, value in enumerate(values):
            attrs = ' class="num"' if i in block.numeric else ""
            attrs += ' scope="col"' if tag == "th" else ""
            out.append(f"<{tag}{attrs}>{_e(value)}</{tag}>")
        return "".join(out)

    head = f"<thead><tr>{cells(block.headers, 'th')}</tr></thead>"
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in block.rows)
    foot = f"<tfoot><tr>{cells(block.footer, 'td')}</tr></tfoot>" if block.footer else ""
    return (
        f'<div class="calc-table" role="region" aria-label="{_e(block.caption)}" tabindex="0">'
        f"<table><caption>{_e(block.caption)}</caption>{head}<tbody>{body}</tbody>{foot}</table></div>"
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
    paragraphs = "".join(f"<p>{_e(line)}</p>" if line.strip() else "" for line in block.text.split("\n"))
    return f'<article class="calc-document"><h3>{_e(block.title)}</h3><div class="calc-document__body">{paragraphs}</div></article>'


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

