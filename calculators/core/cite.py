"""Legal references in tool text, by key into data/citations.yml (the registry the pages use).

A tool never writes an article number itself: it writes `cite("civil-procedure-236")`, which gives
the article text (第二百三十六条), or `cite("civil-procedure-171", "第一百七十三条")` for one article
of an entry that names several, or `cite(KEY, "第一百七十一条第二款")` for a paragraph of it.
`cite(KEY, law=True)` puts the law's name in front (《民事诉讼法》第二百三十六条).

Tool texts are built when their module is imported, so an unknown key, a superseded entry or an
article the entry does not name raises `CitationError` at import: the unit tests, the Pyodide
tests and the build (which imports every tool) all fail, naming the key.
"""

from __future__ import annotations

import re

from .citations_data import ENTRIES

# How a tool names a law in running text; the registry keeps the full name.
SHORT_NAMES = {
    "中华人民共和国民事诉讼法（2023 年修正）": "《民事诉讼法》",
    "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释": "《民诉法解释》",
    "中华人民共和国民法典": "《民法典》",
    "最高人民法院关于审理民间借贷案件适用法律若干问题的规定": "民间借贷规定",
    "征信业管理条例": "《征信业管理条例》",
    "中华人民共和国法律援助法": "《法律援助法》",
}
_ARTICLE = re.compile(r"第([一二三四五六七八九十百千零]+)条(?:之一)?")
_RANGE = re.compile(r"第([一二三四五六七八九十百千零]+)条至第([一二三四五六七八九十百千零]+)条")
_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def number(numeral: str) -> int:
    """一百七十一 -> 171, 十二 -> 12, 二百零五 -> 205: the Chinese numerals of article numbers."""
    total, digit = 0, 0
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (digit or 1) * _UNITS[char]
            digit = 0
    return total + digit


def articles(text: str) -> set[str]:
    """The articles an entry names, each as 第…条 (之一 kept), ranges (第二百五十三条至第二百五十五条) spelled out."""
    named = {m.group(0) for m in _ARTICLE.finditer(text)}
    for first, last in _RANGE.findall(text):
        named |= {f"#{n}" for n in range(number(first), number(last) + 1)}
    return named


class CitationError(LookupError):
    """A tool cites a key that is not in the registry, is superseded, or does not name that article."""


def entry(key: str) -> dict:
    """The current registry entry for `key`; CitationError if it is unknown, superseded or not grade A or B."""
    found = ENTRIES.get(key)
    if found is None:
        raise CitationError(f"unknown citation key {key!r} (not in data/citations.yml)")
    if found["grade"] not in ("A", "B"):
        raise CitationError(f"citation {key!r} has grade {found['grade']!r}; only A and B may be cited")
    if found["status"] != "current":
        instead = f"; cite {found['superseded_by']!r} instead" if found.get("superseded_by") else ""
        raise CitationError(f"citation {key!r} is superseded{instead}")
    return found


def cite(key: str, article: str = "", *, law: bool = False, hedge: bool = True) -> str:
    """The article text of the current entry `key`, or `article` (which must be one the entry names,
    optionally with its 款 or 项); with `law`, preceded by the law's name. Grade B entries carry their
    hedge unless `hedge` is False, for a sentence that states it in its own words.
    Raises CitationError for an unknown or superseded key or an article the entry does not name."""
    found = entry(key)
    text = found["article"]
    if article:
        named = _ARTICLE.match(article)
        allowed = articles(text)
        if named is None or (named.group(0) not in allowed and f"#{number(named.group(1))}" not in allowed):
            raise CitationError(f"citation {key!r} names {text}, not {article}")
        text = article
    if law:
        text = SHORT_NAMES.get(found["law"], f"《{found['law']}》") + text
    if found["grade"] == "B" and hedge:
        text += f"（{found['hedge']}）"
    return text


def line(key: str) -> dict:
    """A help line's current entry: its `number`, `hedge` and, where the registry gives one, `scope`."""
    found = entry(key)
    if "number" not in found:
        raise CitationError(f"citation {key!r} is not a help line")
    return found
