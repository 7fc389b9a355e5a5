"""MkDocs hook: a mirror's own organisation contact, beside the national help lines.

A legal-aid group that builds its own copy can put its name, phone, address and opening hours
on it. They come from `extra.organisation` in mkdocs.yml, and each can be set (or overridden) at
build time by an environment variable, read as plain text:

    ORG_NAME, ORG_PHONE, ORG_ADDRESS, ORG_HOURS

Wherever a page's Markdown holds the marker `[[organisation]]` (on a line of its own), the
marker becomes a block clearly marked as that organisation's contact; with no organisation set
the marker simply disappears and nothing else changes. Every value is HTML-escaped. The build
fails with a message naming the setting when a value is malformed: a phone that is not 3 to 20
digits (spaces, hyphens and a leading + allowed), text too long or with line breaks, a phone or
address without a name, or a name with nothing to reach them by.

A last pass after the build replaces any marker still left in the site's HTML files (pages made
by a plugin from other pages, such as a print edition), so none is ever shown as is.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

MARKER = "[[organisation]]"
# The marker alone in a paragraph, once rendered; replaced whole so no empty <p> is left.
RENDERED_MARKER = re.compile(r"<p>\s*" + re.escape(MARKER) + r"\s*</p>")
ENV = {"name": "ORG_NAME", "phone": "ORG_PHONE", "address": "ORG_ADDRESS", "hours": "ORG_HOURS"}
MAX_LENGTH = {"name": 60, "phone": 30, "address": 120, "hours": 80}
PHONE = re.compile(r"\+?[0-9](?:[0-9 \-]*[0-9])?")
PHONE_DIGITS = (3, 20)
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True)
class Organisation:
    """A mirror's organisation, validated: name, and phone, address and hours ("" when not given)."""

    name: str
    phone: str = ""
    address: str = ""
    hours: str = ""

    @property
    def tel(self) -> str:
        """The phone as a tel: link target: its digits, with the leading + if any."""
        return ("+" if self.phone.startswith("+") else "") + re.sub(r"\D", "", self.phone)


def _setting(field: str) -> str:
    return f"extra.organisation.{field} (or {ENV[field]})"


def read(extra: dict | None, environ=os.environ) -> Organisation | None:
    """The organisation from mkdocs.yml's `extra.organisation`, each field overridden by its
    environment variable when that is set; None when no field has a value.

    Raises PluginError naming the setting when a value is malformed (see the module docstring).
    """
    configured = (extra or {}).get("organisation") or {}
    if not isinstance(configured, dict):
        raise PluginError("extra.organisation in mkdocs.yml must be a mapping with name, phone, address and hours")
    unknown = sorted(set(configured) - set(ENV))
    if unknown:
        raise PluginError(f"extra.organisation has unknown setting(s) {', '.join(map(str, unknown))}; use {', '.join(ENV)}")
    values = {}
    for field, variable in ENV.items():
        value = environ.get(variable)
        if value is None:
            value = configured.get(field)
            if value is None:
                value = ""
            elif not isinstance(value, str):
                raise PluginError(f"{_setting(field)}: put the value in quotes in mkdocs.yml, e.g. {field}: \"{value}\"")
        value = value.strip()
        if CONTROL.search(value):
            raise PluginError(f"{_setting(field)}: must be one line of text, without line breaks")
        if len(value) > MAX_LENGTH[field]:
            raise PluginError(f"{_setting(field)}: at most {MAX_LENGTH[field]} characters (it has {len(value)})")
        values[field] = value
    if not any(values.values()):
        return None
    if not values["name"]:
        raise PluginError(f"{_setting('name')}: the organisation's name is needed when its phone, address or hours are set")
    if not (values["phone"] or values["address"]):
        raise PluginError(f"{_setting('phone')}: give a phone number or an address (or both), so readers can reach the organisation")
    phone = values["phone"]
    if phone:
        digits = len(re.sub(r"\D", "", phone))
        if not PHONE.fullmatch(phone) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
            raise PluginError(
                f"{_setting('phone')}: {phone!r} is not a phone number; use {PHONE_DIGITS[0]} to {PHONE_DIGITS[1]} digits, "
                "with spaces or hyphens if you like and an optional leading +, e.g. 010-12345678"
            )
    return Organisation(**values)


def block(organisation: Organisation | None) -> str:
    """The organisation's contact as one line of HTML, every value escaped; "" when None."""
    if organisation is None:
        return ""
    e = html.escape
    items = []
    if organisation.phone:
        items.append(f'<li>电话：<a href="tel:{e(organisation.tel)}">{e(organisation.phone)}</a></li>')
    if organisation.address:
        items.append(f"<li>地址：{e(organisation.address)}</li>")
    if organisation.hours:
        items.append(f"<li>服务时间：{e(organisation.hours)}</li>")
    return (
        '<div class="admonition info org-contact" data-organisation>'
        f'<p class="admonition-title">本站这份副本由「{e(organisation.name)}」提供</p>'
        "<p>以下是他们的联系方式。他们能帮什么、什么时间接待，以他们自己的说明为准。全国的求助电话照常可以拨打。</p>"
        f"<ul>{''.join(items)}</ul></div>"
    )


def replace_markdown(markdown: str, organisation: Organisation | None) -> str:
    """The Markdown with every marker replaced by the block (set apart by blank lines), or removed."""
    if MARKER not in markdown:
        return markdown
    contact = block(organisation)
    return markdown.replace(MARKER, f"\n\n{contact}\n\n" if contact else "")


def replace_html(text: str, organisation: Organisation | None) -> str:
    """Rendered HTML with every marker (a paragraph of its own, or inline) replaced or removed."""
    if MARKER not in text:
        return text
    contact = block(organisation)
    return RENDERED_MARKER.sub(lambda _: contact, text).replace(MARKER, contact)


def on_config(config):
    config["organisation"] = read(config.get("extra"))
    return config


def on_page_markdown(markdown, page, config, files):
    return replace_markdown(markdown, config["organisation"])


def on_post_build(config) -> None:
    for path in Path(config["site_dir"]).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if MARKER in text:
            path.write_text(replace_html(text, config["organisation"]), encoding="utf-8")
