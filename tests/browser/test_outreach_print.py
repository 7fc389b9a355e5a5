"""The print edition (A4 and A5), the flyer and the cards on paper (issue 20): Chromium prints
each page to a PDF on the paper its stylesheet asks for, as a reader's 打印 does, and pdfium
(pypdfium2) reads it back: the sheets, the text, the fonts, the links, the contents' page
numbers; zxing-cpp decodes the QR codes from the rendered sheets.

PHONE_SCREENSHOTS=<folder> also keeps the cover, a tool chapter, the flyer and the cards as PNGs.
"""

from __future__ import annotations

import ctypes
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
import zxingcpp
from test_accessibility import axe_violations

pytestmark = pytest.mark.browser

EDITIONS = {"outreach/print/": "A4", "outreach/print-a5/": "A5"}
OUTREACH = (*EDITIONS, "outreach/flyer/", "outreach/cards/")
SHEET_POINTS = {"A4": (595, 842), "A5": (420, 595)}
CJK = re.compile(r"[\u4e00-\u9fff]")
CONTENT_WIDTH = {"A4": 673, "A5": 476}  # px at 96 dpi: 210 mm less two 16 mm margins; 148 mm less two 11 mm


@dataclass
class Printed:
    pdf: pypdfium2.PdfDocument
    texts: list

    def text(self) -> str:
        return re.sub(r"\s+", "", "".join(self.texts))


@pytest.fixture(scope="module")
def printed(browser, site) -> dict:
    """Each outreach page as Chromium prints it on A4 (what a reader's 打印 gives), read back."""
    context = browser.new_context(locale="zh-CN")
    foreign = []
    context.on("request", lambda request: request.url.startswith(site.origin + "/") or foreign.append(request.url))
    page = context.new_page()
    found = {}
    try:
        for path in OUTREACH:
            page.goto(site.page_url(path))
            pdf = pypdfium2.PdfDocument(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))
            found[path] = Printed(pdf, [sheet.get_textpage().get_text_bounded() for sheet in pdf])
    finally:
        context.close()
    assert foreign == []
    return found


def render(sheet, scale=1.0):
    return sheet.render(scale=scale).to_pil().convert("L")


def qr_codes(sheet) -> list[str]:
    """The text of every QR code on a sheet rendered at 216 dpi."""
    return [found.text for found in zxingcpp.read_barcodes(render(sheet, 3)) if found.format == zxingcpp.BarcodeFormat.QRCode]


def uri_links(pdf, sheet) -> tuple[list[str], int]:
    """The URI links of a sheet, and how many links lead inside the document."""
    uris, inner = [], 0
    position, link = ctypes.c_int(0), pdfium.FPDF_LINK()
    while pdfium.FPDFLink_Enumerate(sheet.raw, ctypes.byref(position), ctypes.byref(link)):
        action = pdfium.FPDFLink_GetAction(link)
        if action and pdfium.FPDFAction_GetType(action) == pdfium.PDFACTION_URI:
            size = pdfium.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium.FPDFAction_GetURIPath(pdf.raw, action, buffer, size)
            uris.append(buffer.value.decode("utf-8"))
        elif pdfium.FPDFLink_GetDest(pdf.raw, link):
            inner += 1
    return uris, inner


def fonts(sheet) -> dict[str, bool]:
    """Each font that draws Chinese text on a sheet: its name, and whether it is embedded."""
    found = {}
    textpage = sheet.get_textpage()
    for obj in sheet.get_objects(filter=[pdfium.FPDF_PAGEOBJ_TEXT]):
        size = pdfium.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # bytes of UTF-16
        buffer = (ctypes.c_ushort * (size // 2 + 1))()
        pdfium.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
        if not CJK.search(bytes(buffer)[:size].decode("utf-16-le", errors="ignore")):
            continue
        font = pdfium.FPDFTextObj_GetFont(obj.raw)
        size = pdfium.FPDFFont_GetBaseFontName(font, None, 0)
        name = ctypes.create_string_buffer(size)
        pdfium.FPDFFont_GetBaseFontName(font, name, size)
        found[name.value.decode("utf-8", errors="replace")] = bool(pdfium.FPDFFont_GetIsEmbedded(font))
    return found


def ink_inside_margins(image) -> bool:
    """Nothing printed in the outer 5% of the sheet's width (site.css leaves 7.6%)."""
    box = image.point(lambda value: 255 if value < 200 else 0).getbbox()
    return box is not None and box[0] > 0.05 * image.width and box[2] < 0.95 * image.width


def keep(image, name: str) -> None:
    folder = os.environ.get("PHONE_SCREENSHOTS", "")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.save(Path(folder) / f"{name}.png")


def chapter_titles(site) -> dict[str, str]:
    """Every built page but the outreach pages, with its <h1> as the page shows it."""
    titles = {}
    for path in site.pages():
        if path.startswith("outreach/"):
            continue
        page = (site.dir / path / "index.html").read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
        titles[path] = re.sub(r"\s+|¶", "", html.unescape(re.sub(r"<[^>]+>", "", heading)))
    return titles


# ---- the print edition


@pytest.mark.parametrize("path", EDITIONS)
def test_the_print_edition_holds_every_page_with_its_review_date(printed, site, path):
    book = printed[path]
    titles = chapter_titles(site)
    assert len(titles) > 30
    assert 60 <= len(book.pdf) <= 400, f"{len(book.pdf)} {EDITIONS[path]} sheets"
    sizes = {tuple(round(side) for side in sheet.get_size()) for sheet in book.pdf}
    assert sizes == {SHEET_POINTS[EDITIONS[path]]}
    text = book.text()
    missing = [f"{path}: {title}" for path, title in titles.items() if title not in text]
    assert missing == []
    assert text.count("本章最后审读于") == len(titles)
    assert "打印版·整本指南" in text and "法律内容最后审读于" in text
    assert "自己用纸笔也能算" in text and "计算" in text
    # every chapter starts a sheet: its title comes right after the sheet's number
    starts = [re.sub(r"\s+", "", sheet) for sheet in book.texts]
    for title in ("从这里开始", "求助电话和免费帮助", "参考依据"):
        assert any(re.match(rf"\d*{re.escape(title)}第\d+章", sheet) for sheet in starts), title


@pytest.mark.parametrize("path", EDITIONS)
def test_the_contents_give_the_page_on_which_each_chapter_begins(printed, site, path):
    """Each contents entry's number is the sheet where that chapter's title is printed, and the
    sheet's own number (bottom of the sheet) says the same."""
    book = printed[path]
    page_html = (site.dir / path / "index.html").read_text(encoding="utf-8")
    entries = re.findall(
        r'<span class="print-toc__number">(\d+)</span> <span class="print-toc__title">([^<]*)</span>'
        r'<span class="print-toc__page" data-chapter="[^"]+">(\d*)</span>',
        page_html,
    )
    titles = list(chapter_titles(site).values())
    assert len(entries) == len(titles)
    begins = {}  # chapter number -> (sheet, the sheet's printed number, the title above 第 N 章)
    for sheet, text in enumerate(book.texts, start=1):
        found = re.match(r"(\d+)(.+?)第(\d+)章·本章最后审读于", re.sub(r"\s+", "", text))
        if found:
            begins[int(found.group(3))] = (sheet, int(found.group(1)), found.group(2))
    assert sorted(begins) == list(range(1, len(titles) + 1))
    contents = re.sub(r"\s+", "", "".join(book.texts[1 : begins[1][0] - 1]))
    for number, title, page in entries:
        sheet, own_number, printed_title = begins[int(number)]
        assert printed_title in titles
        assert page == str(sheet) == str(own_number), f"{title}: contents say {page!r}, the chapter is on sheet {sheet}"
        assert f"{number}{html.unescape(title).replace(' ', '')}{page}" in contents, title


@pytest.mark.parametrize("path", EDITIONS)
def test_chinese_text_is_embedded_and_extractable(printed, path):
    book = printed[path]
    for number in (0, 3, len(book.pdf) - 1):
        found = fonts(book.pdf[number])
        assert found, f"sheet {number + 1}: no font draws Chinese"
        assert all(found.values()), f"sheet {number + 1}: fonts not embedded: {found}"
    assert "网贷逾期协商还款指南" in book.text()


def test_no_sheet_prints_into_the_margin(printed):
    for path, item in printed.items():
        for number, sheet in enumerate(item.pdf, start=1):
            assert ink_inside_margins(render(sheet)), f"{path}: sheet {number} prints into the margin"


@pytest.mark.parametrize("path", EDITIONS)
def test_no_table_is_wider_than_the_printed_column(browser, site, path):
    width = CONTENT_WIDTH[EDITIONS[path]]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site.page_url(path))
        page.emulate_media(media="print")
        tables = page.evaluate(
            """width => [...document.querySelectorAll(".print-book table")].map((table) => ({
                 id: table.closest("section").id,
                 right: Math.round(table.getBoundingClientRect().right),
                 overflow: table.scrollWidth - table.clientWidth }))"""
            , width)
        assert len(tables) > 5
        wide = [t for t in tables if t["right"] > width or t["overflow"] > 1]
        assert wide == []
    finally:
        context.close()


def test_qr_codes_decode_to_the_configured_address(printed, site):
    book = printed["outreach/print/"]
    keep(render(book.pdf[0], 1.5), "print-edition-cover")
    keep(render(book.pdf[1], 1.5), "print-edition-contents")
    assert qr_codes(book.pdf[0]) == [site.url]
    booklet = printed["outreach/print-a5/"]
    assert qr_codes(booklet.pdf[0]) == [site.url]
    keep(render(booklet.pdf[1], 1.5), "print-edition-a5-contents")
    tools = {}
    for number, text in enumerate(book.texts):
        if "这个工具要在手机" in text:
            codes = qr_codes(book.pdf[number])
            assert len(codes) == 1, f"sheet {number + 1}: {codes}"
            tools[codes[0]] = number
    expected = {site.page_url(path) for path in site.tool_pages()}
    assert set(tools) == expected
    keep(render(book.pdf[tools[site.page_url("tools/budget/")]], 1.5), "print-edition-tool")
    flyer, cards = printed["outreach/flyer/"], printed["outreach/cards/"]
    assert qr_codes(flyer.pdf[0]) == [site.url]
    assert qr_codes(cards.pdf[0]) == [site.url] * 8
    keep(render(flyer.pdf[0], 1.5), "flyer")
    keep(render(cards.pdf[0], 1.5), "cards")


def test_links_resolve_to_the_configured_address(printed, site):
    book = printed["outreach/print/"]
    uris, inner = [], 0
    for sheet in book.pdf:
        found, count = uri_links(book.pdf, sheet)
        uris += found
        inner += count
    assert inner > 100  # links between chapters stay inside the document
    local = [uri for uri in uris if uri.startswith(site.origin)]
    assert local and all(uri.startswith(site.url) for uri in local), [u for u in local if not u.startswith(site.url)][:5]
    assert all(uri.startswith(("http://", "https://", "tel:")) for uri in uris)
    assert {site.page_url(path) for path in site.tool_pages()} <= set(local)
    for path in ("outreach/flyer/", "outreach/cards/"):
        item = printed[path]
        found, _ = uri_links(item.pdf, item.pdf[0])
        assert site.url in found and "tel:12356" in found and "tel:12348" in found


# ---- the flyer and the cards


@pytest.mark.parametrize("path", ["outreach/flyer/", "outreach/cards/"])
def test_the_flyer_and_the_card_sheet_each_take_one_sheet(printed, site, path):
    item = printed[path]
    assert len(item.pdf) == 1, f"{path}: {len(item.pdf)} sheets"
    text = item.text()
    for words in ("代理", "个人账户", "法院", "不用花钱", "12356", "110", "120", "12348", site.url):
        assert words in text, words
    assert "宣传单" not in text[:10] and "怎样打印" not in text  # the screen's explanation stays off paper


# ---- on screen


def test_the_print_edition_opens_from_the_menu_with_instant_navigation(page, site, follow_menu_link):
    """Material swaps the page in without a reload; the book arrives whole, under its policy."""
    page.goto(site.page_url("about/"))
    follow_menu_link(page, site.page_url("outreach/print/"))
    assert page.locator(".print-chapter").count() == len(chapter_titles(site))
    assert page.locator(".print-cover svg[role=img]").count() == 1
    assert page.locator(".outreach-howto").is_visible()


# ---- accessibility


@pytest.mark.parametrize("width", [320, 1280], ids=lambda width: f"{width}px")
def test_axe_finds_nothing_on_the_outreach_pages(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for path in OUTREACH:
        page.goto(site.page_url(path))
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}
