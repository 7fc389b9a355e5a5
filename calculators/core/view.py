"""What a tool shows: small frozen blocks of plain text that `render` turns into escaped HTML.

Tools build a View; they never write HTML themselves. Every string in a block is plain text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
TYPE_CHECKING = False  # no runtime import of typing (start-up time in the browser); checkers read the block below
if TYPE_CHECKING:
    from typing import Literal, Union

    Level = Literal["info", "success", "warning", "danger"]
    Block = Union["Summary", "Notice", "Table", "BulletList", "Checklist", "Document"]  # what a View shows, in order


@dataclass(frozen=True)
class Link:
    """A link to a page of this site (`path` relative to the site root, e.g. 'guide/plan/'), or a phone call ('tel:12356')."""

    text: str
    path: str


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    emphasis: bool = False


@dataclass(frozen=True)
class Summary:
    title: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Notice:
    """A calm message; level is one of info, success, warning, danger."""

    level: Level
    title: str
    paragraphs: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footer: tuple[str, ...] = ()
    numeric: tuple[int, ...] = ()  # column indexes aligned right


@dataclass(frozen=True)
class BulletList:
    title: str
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, kw_only=True)
class CheckItem:
    """A line the reader can tick; `key` is stable so the tick survives recalculation."""

    key: str
    text: str
    detail: str = ""


@dataclass(frozen=True)
class Checklist:
    title: str
    items: tuple[CheckItem, ...]
    group: str = ""


@dataclass(frozen=True)
class Document:
    """A finished text such as a letter, shown as it will be printed or copied."""

    title: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Download:
    """A file the reader can save; `text` is its whole content."""

    label: str
    filename: str
    mime: str
    text: str


@dataclass(frozen=True)
class View:
    blocks: tuple[Block, ...] = ()
    downloads: tuple[Download, ...] = ()
    announce: str = ""  # one short sentence for screen readers
    data: dict = field(default_factory=dict)  # plain JSON values other tools may reuse

    def to_dict(self) -> dict:
        return asdict(self)
