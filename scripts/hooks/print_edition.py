"""MkDocs hook: the print edition, every guide page in one document to print on A4, or on A5.

docs/outreach/print.md (A4) and docs/outreach/print-a5.md (front matter `paper: A5`) each hold
the marker `[[print-cover]]`, which becomes includes/print-cover.md (title, address, QR code;
this hook runs before outreach.py and organisation.py fill in their markers), and the marker
`[[print-edition]]`.
Once every page has its HTML (MkDocs renders all pages before it puts any into a template), the
marker becomes a table of contents and one chapter per page of the navigation, in its order
(the outreach pages themselves left out). Each chapter:

- opens with the page's title and its review date (front matter `reviewed:`, see reviewed.py);
- keeps the page's headings one level down, under the book's own title;
- on a tool page, drops the calculator form and, when the page has a section
  `自己用纸笔也能算`, everything after that section; a QR code leads to the tool;
- leaves out every paragraph marked `{ .tool-only }` in the Markdown: a sentence about the
  tool's form (下面填好以后…), which the book does not have;
- opens every <details>, since a closed one prints nothing;
- links to another page of the book become links inside the book, links to anything else
  absolute links to the configured address (site_url), so the PDF's links work from paper too.

Ids repeated across chapters (下一步, footnotes, content tabs) get the chapter's prefix; unique ones
(the citation keys on the sources page) stay as they are.
`[[last-review]]` becomes the newest review date of the pages in the book.

Page numbers in the contents: Chromium has no `target-counter()`, so after the build
(`mkdocs build`, not `serve`) Chromium prints the page to an A4 PDF, pdfium reads on which sheet
each chapter's anchor lands, and the numbers are written into the contents' slots. The slots have
a fixed width, so the numbers move nothing; a second print checks that, and if any chapter moved
the numbers are taken out again and the build warns. Without Chromium (CHROMIUM_PATH, default
/usr/bin/chromium) or pypdfium2 the contents have no page numbers and the build says so: no
number is ever a guess. Why not Paged.js: it repaginates the whole page in JavaScript at every
visit (slow on a phone, for 120 to 220 sheets), adds inline styles the site's policy refuses,
and is still a 0.x library (0.4.3 on npm); Chromium's own print layout, which readers use, stays
the judge, and no page but the print editions changes.

Why not mkdocs-print-site-plugin: it writes its page after the build, outside MkDocs' page
events, so the page would carry no Content Security Policy (scripts/hooks/security.py) and miss
the service worker's list; its inline <style> and <script> would be refused by that policy; its
table of contents is copied from the sidebar by JavaScript; and it has no way to reduce a tool
page to what can be done on paper. Here MkDocs builds the page like any other.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # MkDocs loads a hook by its path, not as part of the package
    sys.path.insert(0, str(ROOT))
from scripts import devserver  # noqa: E402
from scripts.hooks import outreach as qr  # noqa: E402

log = logging.getLogger("mkdocs.hooks.print_edition")

COVER = "[[print-cover]]"
COVER_FILE = ROOT / "includes" / "print-cover.md"
MARKER = "[[print-edition]]"
PAPERS = {"A4": "print-book", "A5": "print-book print-book--a5"}  # front matter `paper:`, the book's classes
LAST_REVIEW = "[[last-review]]"
LEFT_OUT = ("outreach/",)  # the print edition, the flyer and the cards are not chapters
PAPER_SECTION = "自己用纸笔也能算"

FORM = re.compile(r"<form\b[^>]*\bdata-calculator=[^>]*>.*?</form>", re.S)
HEADING = re.compile(r"<(/?)h([1-6])\b")
ID = re.compile(r'\bid="([^"]+)"')
ID_REFERENCE = re.compile(r'\b(for|aria-describedby|aria-labelledby|aria-controls)="([^"]+)"')
TAB_GROUP = re.compile(r'\bname="(__tabbed_[^"]*)"')
LINK = re.compile(r'\b(href|src)="([^"]*)"')
DETAILS = re.compile(r"<details\b(?![^>]*\bopen\b)")
H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S)
TOOL_ONLY = re.compile(r'<p class="tool-only">.*?</p>\s*', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
PAGE_SLOT = re.compile(r'(<span class="print-toc__page" data-chapter="([^"]+)">)[^<]*(</span>)')
PRINT_TIMEOUT = 180  # seconds for one Chromium print of the whole book


def chapter_key(url: str) -> str:
    """A chapter's id from its page URL: 'guide/plan/' -> 'guide-plan', '' -> 'home'."""
    return url.strip("/").replace("/", "-") or "home"


def chapters_of(nav) -> list:
    """The pages of the book, in the navigation's order."""
    return [page for page in nav.pages if not page.file.src_uri.startswith(LEFT_OUT)]


def heading_text(inner: str) -> str:
    """A heading's text, without its permalink (¶) and tags."""
    return re.sub(r"<[^>]+>", "", HEADERLINK.sub("", inner)).strip()


def paper_only(content: str) -> str:
    """A tool page without its calculator form, and when it has a paper-and-pen section,
    without whatever follows that section."""
    headings = list(H2.finditer(content))
    for index, heading in enumerate(headings):
        if heading_text(heading.group(1)) == PAPER_SECTION:
            end = headings[index + 1].start() if index + 1 < len(headings) else len(content)
            content = content[:end]
            break
    return FORM.sub("", content)


def last_review(pages) -> str:
    """The newest `reviewed:` date among the pages (YYYY-MM-DD)."""
    return max(page.meta["reviewed"] for page in pages)


class Book:
    """The chapters' HTML, with ids and links rewritten for one document."""

    def __init__(self, pages, own_html: str, config):
        self.pages = pages
        self.config = config
        self.keys = {page.url: chapter_key(page.url) for page in pages}
        counts = Counter(ID.findall(own_html))
        for page in pages:
            counts.update(set(ID.findall(page.content or "")))
        self.repeated = {name for name, count in counts.items() if count > 1} | set(self.keys.values())

    def anchor(self, url: str, fragment: str) -> str:
        """The id, in the book, of `fragment` on the page at `url` (the chapter's when empty)."""
        key = self.keys[url]
        if not fragment:
            return key
        fragment = unquote(fragment)
        return f"{key}--{fragment}" if fragment in self.repeated else fragment

    def link(self, page, attribute: str, value: str) -> str:
        """A link of `page` as it must read in the book."""
        if value.startswith("#"):
            return "#" + self.anchor(page.url, value[1:])
        parts = urlsplit(value)
        if parts.scheme or value.startswith("//"):
            return value
        target = posixpath.normpath(posixpath.join(page.url or ".", parts.path)) if parts.path else page.url
        target = "" if target == "." else target.lstrip("/")
        if parts.path.endswith("/") and target:
            target += "/"
        if attribute == "href" and target in self.keys:
            return "#" + self.anchor(target, parts.fragment)
        return qr.address(self.config, target) + (f"#{parts.fragment}" if parts.fragment else "")

    def chapter(self, page, number: int) -> str:
        """One page as a chapter of the book."""
        content = page.content or ""
        tool = 'data-calculator="' in content
        if tool:
            content = paper_only(content)
        content = TOOL_ONLY.sub("", content)
        title = html.escape(page.title)
        if "<h1" not in content:
            content = f"<h1>{title}</h1>{content}"
        key = self.keys[page.url]
        own = lambda name: self.anchor(page.url, name)  # noqa: E731
        content = ID.sub(lambda m: f'id="{own(m.group(1))}"', content)
        content = ID_REFERENCE.sub(lambda m: f'{m.group(1)}="{" ".join(own(n) for n in m.group(2).split())}"', content)
        content = TAB_GROUP.sub(lambda m: f'name="{key}--{m.group(1)}"', content)
        content = LINK.sub(lambda m: f'{m.group(1)}="{html.escape(self.link(page, m.group(1), html.unescape(m.group(2))))}"', content)
        content = HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", content)
        content = DETAILS.sub("<details open", content)
        head, rest = content.split("</h2>", 1)
        head += f'</h2><p class="print-reviewed">第 {number} 章 · 本章最后审读于 <time datetime="{page.meta["reviewed"]}">{page.meta["reviewed"]}</time></p>'
        if tool:
            url = qr.address(self.config, page.url)
            head += (
                f'<div class="print-tool-qr">{qr.qr_block(url, f"二维码：{page.title}工具的网址 {url}").strip()}'
                f"<p>这个工具要在手机或电脑上用：扫左边的二维码，或者打开<br><a href=\"{html.escape(url)}\">{html.escape(url)}</a><br>"
                "下面是不用工具、自己在纸上就能做的部分。</p></div>"
            )
        return f'<section class="print-chapter" id="{key}" aria-label="{title}">{head}{rest}</section>'

    def contents(self, nav) -> str:
        """The table of contents: the navigation's sections, each chapter numbered and linked."""
        numbers = {page.url: index for index, page in enumerate(self.pages, start=1)}

        def entries(items) -> str:
            out = []
            for item in items:
                if item.is_page and item.url in numbers:
                    key = self.keys[item.url]
                    out.append(
                        f'<li><a href="#{key}"><span class="print-toc__number">{numbers[item.url]}</span> '
                        f'<span class="print-toc__title">{html.escape(item.title)}</span>'
                        f'<span class="print-toc__page" data-chapter="{key}"></span></a></li>'
                    )
                elif item.is_section:
                    inner = entries(item.children)
                    if inner:
                        out.append(f'<li class="print-toc__part"><span>{html.escape(item.title)}</span><ol>{inner}</ol></li>')
            return "".join(out)

        return (
            '<nav class="print-toc" aria-labelledby="print-toc-title"><h2 id="print-toc-title">目录</h2>'
            f"<ol>{entries(nav.items)}</ol></nav>"
        )


def is_print_page(page) -> bool:
    """Whether a page is a print edition (an outreach page whose Markdown has the marker)."""
    return page.file.src_uri.startswith(LEFT_OUT) and MARKER in (page.markdown or "")


def compose(content: str, nav, config, paper: str = "A4") -> str:
    """The print page's HTML with the marker replaced by the contents and every chapter."""
    if MARKER not in content:
        raise PluginError(f"the print edition's marker {MARKER} is missing")
    if paper not in PAPERS:
        raise PluginError(f"a print edition's paper is A4 or A5, not {paper!r}")
    pages = chapters_of(nav)
    missing = [page.file.src_uri for page in pages if not page.content]
    if missing:
        raise PluginError(f"the print edition: these pages have no HTML yet: {missing}")
    book = Book(pages, content, config)
    chapters = "".join(book.chapter(page, number) for number, page in enumerate(pages, start=1))
    body = f'<div class="{PAPERS[paper]}">{book.contents(nav)}{chapters}</div>'
    content = re.sub(rf"<p>\s*{re.escape(MARKER)}\s*</p>", lambda m: body, content)
    return content.replace(LAST_REVIEW, last_review(pages))


def chapter_sheets(pdf: bytes, keys: list[str]) -> dict[str, int]:
    """The sheet (1 = the cover, as the sheets' own numbers count) on which each chapter's
    anchor lands in a PDF that Chromium printed; a chapter without an anchor is left out."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(pdf)
    try:
        sheets = {}
        for key in keys:
            destination = pdfium.FPDF_GetNamedDestByName(document.raw, key.encode("utf-8"))
            index = pdfium.FPDFDest_GetDestPageIndex(document.raw, destination) if destination else -1
            if index >= 0:
                sheets[key] = index + 1
        return sheets
    finally:
        document.close()


def with_page_numbers(page_html: str, sheets: dict[str, int]) -> str:
    """The print page with each contents slot holding its chapter's sheet number (empty when unknown)."""
    return PAGE_SLOT.sub(lambda m: f"{m.group(1)}{sheets.get(m.group(2), '')}{m.group(3)}", page_html)


def print_to_pdf(site: Path, path: str) -> bytes:
    """The built page at `path` as Chromium prints it (A4 from site.css), served from `site` on 127.0.0.1."""
    handler = type("BuiltSite", (devserver.SubPathHandler,), {"root": site})
    server = devserver.QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "book.pdf"
            url = f"http://127.0.0.1:{server.server_address[1]}{devserver.SUB_PATH}{path}"
            command = [
                devserver.CHROMIUM, "--headless", *devserver.LAUNCH_ARGS, f"--user-data-dir={folder}/profile",
                "--no-pdf-header-footer", f"--print-to-pdf={out}", url,
            ]
            result = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_TIMEOUT)
            if result.returncode != 0 or not out.is_file():
                raise PluginError(f"Chromium could not print {path}:\n{result.stderr[-2000:]}")
            return out.read_bytes()
    finally:
        server.shutdown()
        server.server_close()


def missing_tools() -> str:
    """What the page-number pass lacks on this machine, or '' when it can run."""
    if not os.access(devserver.CHROMIUM, os.X_OK):
        return f"no Chromium at {devserver.CHROMIUM} (set CHROMIUM_PATH)"
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return "pypdfium2 is not installed (scripts/setup.sh installs it)"
    return ""


def number_the_contents(site: Path, url: str, keys: list[str], printer=print_to_pdf) -> bool:
    """Writes each chapter's sheet number into the contents of the built print page at `url`,
    once a second print confirms every chapter is still on that sheet. Returns whether the
    numbers were kept."""
    target = site / url / "index.html"
    original = target.read_text(encoding="utf-8")
    sheets = chapter_sheets(printer(site, url), keys)
    if sorted(sheets) != sorted(keys):
        log.warning("Print edition %s: Chromium's PDF has no anchor for %s; the contents stay without page numbers", url, sorted(set(keys) - set(sheets)))
        return False
    target.write_text(with_page_numbers(original, sheets), encoding="utf-8")
    check = chapter_sheets(printer(site, url), keys)
    if check != sheets:
        target.write_text(original, encoding="utf-8")
        moved = {key: (sheets[key], check.get(key)) for key in keys if check.get(key) != sheets[key]}
        log.warning("Print edition %s: writing the page numbers moved chapters %s; the contents stay without page numbers", url, moved)
        return False
    return True


_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def on_config(config):
    config["print_editions"] = {}  # page URL -> chapter keys, for the page numbers after the build
    return config


def on_page_markdown(markdown, page, config, files):
    if COVER in markdown:
        markdown = markdown.replace(COVER, COVER_FILE.read_text(encoding="utf-8"))
    return markdown


def on_page_context(context, page, config, nav):
    if is_print_page(page):
        page.content = compose(page.content, nav, config, str(page.meta.get("paper", "A4")))
        config["print_editions"][page.url] = [chapter_key(p.url) for p in chapters_of(nav)]
    return context


def on_post_build(config) -> None:
    """Page numbers for the contents (see the module's docstring); runs before security.py lists the files."""
    if _command["name"] == "serve":
        log.info("Print edition: `mkdocs serve` leaves the contents without page numbers; `mkdocs build` adds them")
        return
    if os.environ.get("PRINT_PAGE_NUMBERS", "") == "0":
        log.info("Print edition: PRINT_PAGE_NUMBERS=0, so the contents have no page numbers")
        return
    missing = missing_tools()
    if missing:
        log.info("Print edition: %s, so the contents have no page numbers; install Chromium to add them", missing)
        return
    editions = config["print_editions"]
    with ThreadPoolExecutor(max_workers=2) as pool:  # A4 and A5 print side by side
        kept = dict(zip(editions, pool.map(lambda url: number_the_contents(Path(config["site_dir"]), url, editions[url]), editions)))
    for url in editions:
        if kept[url]:
            log.info("Print edition %s: page numbers written into the contents (checked by a second print)", url)
