"""The print edition, the flyer and the cards (issue 20), as the build writes them: every guide
page in the navigation's order with its review date, tool pages reduced to paper, links and ids
that work inside one document, and QR codes and addresses of the configured site.
Printed and read back from Chromium's PDF in tests/browser/test_outreach_print.py."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import segno
import yaml
from mkdocs.exceptions import PluginError

from scripts.hooks import outreach, print_edition

ROOT = Path(__file__).resolve().parents[1]
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
CONFIG = {"site_url": "https://example.org/xieshang/"}


def nav_sources() -> list[str]:
    """Every page of mkdocs.yml's navigation, in order (src paths)."""
    found = []

    def walk(items):
        for item in items:
            for value in item.values():
                if isinstance(value, list):
                    walk(value)
                else:
                    found.append(value)

    walk(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"])
    return found


def book_sources() -> list[str]:
    return [src for src in nav_sources() if not src.startswith("outreach/")]


def url_of(src: str) -> str:
    path = src.removesuffix(".md")
    path = path.removesuffix("index")
    return path if not path or path.endswith("/") else path + "/"


def reviewed(src: str) -> str:
    meta = yaml.safe_load(FRONT_MATTER.match((ROOT / "docs" / src).read_text(encoding="utf-8")).group(1))
    return str(meta["reviewed"])


@pytest.fixture(scope="module")
def book(built_site) -> str:
    return (built_site / "outreach" / "print" / "index.html").read_text(encoding="utf-8")


def article(page_html: str) -> str:
    return page_html[page_html.index("<article") : page_html.index("</article>")]


def chapter(book: str, src: str) -> str:
    key = print_edition.chapter_key(url_of(src))
    start = book.index(f'<section class="print-chapter" id="{key}"')
    return book[start : book.index("</section>", start)]


# ---- the print edition


def test_every_guide_page_is_a_chapter_in_the_navigation_order(book):
    keys = re.findall(r'<section class="print-chapter" id="([^"]+)"', book)
    assert keys == [print_edition.chapter_key(url_of(src)) for src in book_sources()]
    assert len(keys) > 30
    assert "help" in keys and "about-sources" in keys  # the help lines and the sources list


def test_each_chapter_opens_with_its_title_number_and_review_date(book, built_site):
    for number, src in enumerate(book_sources(), start=1):
        text = chapter(book, src)
        page = (built_site / url_of(src) / "index.html").read_text(encoding="utf-8")
        title = re.sub(r"<[^>]+>|¶", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).strip()
        heading = re.sub(r"<[^>]+>|¶", "", re.search(r"<h2[^>]*>(.*?)</h2>", text, re.S).group(1)).strip()
        assert heading == title, src
        assert f"第 {number} 章 · 本章最后审读于 <time datetime=\"{reviewed(src)}\">" in text, src


def test_the_contents_link_every_chapter_in_order(book):
    toc = book[book.index('<nav class="print-toc"') : book.index("</nav>", book.index('<nav class="print-toc"'))]
    links = re.findall(r'<a href="#([^"]+)"><span class="print-toc__number">(\d+)</span>', toc)
    assert [key for key, _ in links] == [print_edition.chapter_key(url_of(src)) for src in book_sources()]
    assert [int(n) for _, n in links] == list(range(1, len(links) + 1))
    assert "协商前先读" in toc and "工具" in toc  # the navigation's sections


def test_the_cover_gives_the_address_a_qr_code_and_the_last_review(book, site_server):
    cover = book[book.index('class="print-cover"') : book.index('class="print-book"')]
    assert f'<a href="{site_server.url}">{site_server.url}</a>' in cover
    assert f'data-qr="{site_server.url}"' in cover
    newest = max(reviewed(src) for src in book_sources())
    assert f"法律内容最后审读于 {newest}。" in cover
    assert "[[last-review]]" not in book and "[[print-edition]]" not in book


def test_tool_chapters_lose_their_form_and_keep_what_works_on_paper(book, built_site, site_server):
    assert "<form" not in article(book)
    tools = [src for src in book_sources() if 'data-calculator="' in (built_site / url_of(src) / "index.html").read_text(encoding="utf-8")]
    assert len(tools) >= 15
    for src in tools:
        text = chapter(book, src)
        assert text.count('class="print-tool-qr"') == 1, src
        assert f'data-qr="{site_server.url}{url_of(src)}"' in text, src
        assert f'<a href="{site_server.url}{url_of(src)}">' in text, src
    rate = chapter(book, "tools/rate.md")
    assert "自己用纸笔也能算" in rate and "先找齐三样东西" in rate
    assert "工具是怎么数时间的" not in rate and "算完以后" not in rate  # after the paper section
    assert "把每月到手的钱加起来" in chapter(book, "tools/budget.md")
    assert "申请书会包含" in chapter(book, "tools/letter.md")  # no paper section: the guidance stays


# Words that send a reader to the tool's form: "fill in below", "tick below", "press 打印".
FORM_WORDS = re.compile(r"下面的?工具|下面[^。，；]{0,12}(?:填|算|勾选|表格|会告诉|自动)|在下面|到下面|点“|自动(?:算|填好|生成|出现|带到)|你填的内容")


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_no_tool_chapter_sends_the_reader_to_a_form_it_does_not_have(book, built_site):
    tools = [src for src in book_sources() if 'data-calculator="' in (built_site / url_of(src) / "index.html").read_text(encoding="utf-8")]
    on_screen = {src: FORM_WORDS.findall(text_of(article((built_site / url_of(src) / "index.html").read_text(encoding="utf-8")))) for src in tools}
    assert sum(map(len, on_screen.values())) >= 10  # the tool pages say them beside their forms
    found = {src: FORM_WORDS.findall(text_of(chapter(book, src))) for src in tools}
    assert {src: words for src, words in found.items() if words} == {}
    assert 'class="tool-only"' not in book


def test_every_contents_entry_has_its_page_number(book):
    """The build printed the book with Chromium (tests need it: scripts/setup.sh --test) and
    wrote each chapter's sheet into the contents; tests/browser/test_outreach_print.py checks them."""
    pages = re.findall(r'<span class="print-toc__page" data-chapter="([^"]+)">(\d*)</span>', book)
    assert [key for key, _ in pages] == [print_edition.chapter_key(url_of(src)) for src in book_sources()]
    numbers = [int(number) for _, number in pages]  # int('') fails: a chapter without its number
    assert numbers[0] > 2 and numbers == sorted(set(numbers))  # after the cover and the contents, one sheet or more each


def test_every_id_is_unique_and_every_inner_link_lands(book):
    ids = re.findall(r'\bid="([^"]+)"', book)
    repeated = {name for name in ids if ids.count(name) > 1}
    assert repeated == set()
    body = article(book)
    targets = {html.unescape(t) for t in re.findall(r'href="#([^"]*)"', body)}
    assert targets and targets <= set(ids), targets - set(ids)
    for attribute, value in re.findall(r'\b(for|aria-labelledby|aria-describedby)="([^"]+)"', body):
        assert set(value.split()) <= set(ids), (attribute, value)


def test_links_lead_into_the_book_or_to_the_configured_address(book, site_server):
    body = article(book)
    body = body[body.index('class="print-cover"') :]  # what is printed; the screen's note links the flyers
    for href in re.findall(r'href="([^"#][^"]*)"', body):
        href = html.unescape(href)
        assert href.startswith((site_server.url, "tel:", "https://", "http://")), href
        assert not href.startswith(site_server.origin) or href.startswith(site_server.url), href
    assert 'href="#helpline-12356"' in body  # a citation leads to its entry in the sources chapter
    assert 'href="#help"' in body  # a link to the help page leads to its chapter


def test_the_book_stays_out_of_search_and_keeps_the_sites_policy(book, built_site):
    """Search would otherwise find every sentence twice; every page carries the CSP meta tag."""
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "outreach/print/" not in index and "outreach/print-a5/" not in index and "outreach/flyer/" in index
    assert '<meta http-equiv="Content-Security-Policy"' in book
    assert "<style" not in article(book) and "<script" not in article(book)


def test_the_a5_edition_is_the_same_book_on_smaller_paper(book, built_site):
    booklet = (built_site / "outreach" / "print-a5" / "index.html").read_text(encoding="utf-8")
    assert '<div class="print-book print-book--a5">' in booklet and '<div class="print-book">' in book
    sections = re.compile(r'<section class="print-chapter" id="([^"]+)"')
    assert sections.findall(booklet) == sections.findall(book) != []

    def cover(page_html):
        return page_html[page_html.index('class="print-cover"') : page_html.index('class="print-book')]

    assert cover(booklet) == cover(book) and "[[print-cover]]" not in booklet + book
    assert "纸张选 A5" in booklet and "纸张选 A4" in book


def test_a_print_edition_is_on_a4_or_a5():
    with pytest.raises(PluginError, match="A4 or A5"):
        print_edition.compose("<p>[[print-edition]]</p>", SimpleNamespace(pages=[], items=[]), CONFIG, "Letter")


def test_closed_details_print_open(book):
    assert re.search(r"<details(?![^>]*\bopen)", article(book)) is None


# ---- the flyer and the cards


FOUR_MESSAGES = ("自己去谈，不用花钱", "不转进个人账户", "不要花钱请“代理”替你谈", "法院的材料有期限")
CARD_MESSAGES = ("自己就能去谈，不用花钱", "不转个人账户", "不花钱请“代理”替你谈", "法院的材料有期限")


@pytest.mark.parametrize("page, messages", [("flyer", FOUR_MESSAGES), ("cards", CARD_MESSAGES)])
def test_flyer_and_cards_carry_the_qr_code_the_address_the_messages_and_the_lines(built_site, site_server, page, messages):
    body = article((built_site / "outreach" / page / "index.html").read_text(encoding="utf-8"))
    assert f'data-qr="{site_server.url}"' in body and "<svg" in body
    assert f'<a href="{site_server.url}">{site_server.url}</a>' in body
    for message in messages:
        assert message in body, message
    for number in ("12356", "110", "120", "12348"):
        assert f'<a href="tel:{number}">{number}</a>' in body, number
    assert "#helpline-12356" in body and "#helpline-12348" in body  # the same sources as the site


def test_the_card_sheet_holds_eight_cards_of_which_the_screen_shows_one(built_site):
    body = article((built_site / "outreach" / "cards" / "index.html").read_text(encoding="utf-8"))
    assert body.count('<div class="outreach-card"') == outreach.CARDS_PER_SHEET == 8
    assert body.count('<div class="outreach-card" data-copy') == 7


def test_the_outreach_pages_are_in_the_navigation_and_linked_from_the_about_page(built_site):
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    for page in ("print", "print-a5", "flyer", "cards"):
        assert f'href="../outreach/{page}/"' in about
        assert f"outreach/{page}.md" in nav_sources()


# ---- the hooks' pieces


def test_the_address_comes_from_site_url_and_a_missing_one_is_refused():
    assert outreach.address(CONFIG, "tools/budget/") == "https://example.org/xieshang/tools/budget/"
    assert outreach.address({"site_url": "https://example.org/x"}) == "https://example.org/x/"
    with pytest.raises(PluginError, match="SITE_URL"):
        outreach.address({"site_url": ""})


def test_a_qr_code_is_segnos_matrix_of_the_address_with_a_name():
    svg = outreach.qr_svg("https://example.org/xieshang/")
    assert svg.startswith('<svg role="img" aria-label="二维码：https://example.org/xieshang/"')
    assert "style=" not in svg  # the Content Security Policy allows no inline style
    code = segno.make("https://example.org/xieshang/", error="m")
    size = code.symbol_size(scale=1, border=4)[0]
    assert f'viewBox="0 0 {size} {size}"' in svg


def test_markers_become_addresses_codes_and_cards():
    out = outreach.replace_markers("见 [[site-url:help/]]\n\n[[qr:tools/plan/]]\n\n<!-- card -->\n一张卡\n<!-- /card -->\n", CONFIG)
    assert "见 https://example.org/xieshang/help/" in out
    assert 'data-qr="https://example.org/xieshang/tools/plan/"' in out
    assert out.count("一张卡") == 8 and out.count("data-copy") == 7
    assert "[[organisation]]" in outreach.replace_markers("[[organisation]]", CONFIG)  # another hook's marker is left alone


def test_paper_only_keeps_the_page_up_to_the_end_of_its_paper_section():
    page = (
        '<h1 id="t">工具</h1><p>开头</p><h2 id="a">先准备</h2><p>材料</p>'
        '<h2 id="b">自己用纸笔也能算<a class="headerlink" href="#b">¶</a></h2><p>步骤</p>'
        '<form class="calc" data-calculator="x"><input name="a"></form><h2 id="c">以后</h2><p>屏幕上的事</p>'
    )
    out = print_edition.paper_only(page)
    assert "开头" in out and "材料" in out and "步骤" in out
    assert "<form" not in out and "以后" not in out and "屏幕上的事" not in out
    assert print_edition.paper_only('<p>说明</p><form data-calculator="y"></form><p>之后</p>') == "<p>说明</p><p>之后</p>"


def test_links_are_rewritten_for_one_document():
    pages = [SimpleNamespace(url=url, content=content) for url, content in [
        ("guide/plan/", '<h2 id="next">下一步</h2><p id="priorities">x</p>'),
        ("help/", '<h2 id="next">下一步</h2>'),
    ]]
    book = print_edition.Book(pages, "", CONFIG)
    plan = pages[0]
    assert book.link(plan, "href", "../../help/") == "#help"
    assert book.link(plan, "href", "../../help/#next") == "#help--next"  # repeated: prefixed
    assert book.link(plan, "href", "#priorities") == "#priorities"  # unique: kept
    assert book.link(plan, "href", "../../tools/budget/#x") == "https://example.org/xieshang/tools/budget/#x"
    assert book.link(plan, "href", "tel:12348") == "tel:12348"
    assert book.link(plan, "href", "https://www.court.gov.cn/") == "https://www.court.gov.cn/"


SLOTS = '<span class="print-toc__page" data-chapter="home"></span> <span class="print-toc__page" data-chapter="help"></span>'


def fake_prints(monkeypatch, *prints):
    """Stands in for Chromium: each print finds the chapters on the sheets given, in turn."""
    found, asked = iter(prints), []
    monkeypatch.setattr(print_edition, "chapter_sheets", lambda pdf, keys: next(found))
    return lambda site, path: asked.append(path) or b"%PDF", asked


def printed_page(tmp_path) -> Path:
    page = tmp_path / "outreach" / "print" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(SLOTS, encoding="utf-8")
    return page


def test_page_numbers_are_written_when_a_second_print_finds_every_chapter_where_it_was(tmp_path, monkeypatch):
    page = printed_page(tmp_path)
    printer, asked = fake_prints(monkeypatch, {"home": 4, "help": 9}, {"home": 4, "help": 9})
    assert print_edition.number_the_contents(tmp_path, "outreach/print/", ["home", "help"], printer)
    assert asked == ["outreach/print/", "outreach/print/"]
    assert page.read_text(encoding="utf-8") == SLOTS.replace("></span> ", ">4</span> ").replace("></span>", ">9</span>")


@pytest.mark.parametrize(
    "prints",
    [({"home": 4, "help": 9}, {"home": 4, "help": 10}), ({"home": 4},)],
    ids=["a chapter moved", "a chapter not found"],
)
def test_no_page_number_is_kept_unless_the_print_confirms_it(tmp_path, monkeypatch, caplog, prints):
    page = printed_page(tmp_path)
    printer, _ = fake_prints(monkeypatch, *prints)
    assert not print_edition.number_the_contents(tmp_path, "outreach/print/", ["home", "help"], printer)
    assert page.read_text(encoding="utf-8") == SLOTS
    assert "without page numbers" in caplog.text


def test_a_build_without_chromium_leaves_the_numbers_out_and_says_so(tmp_path, monkeypatch, caplog):
    page = printed_page(tmp_path)
    monkeypatch.setattr(print_edition.devserver, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("PRINT_PAGE_NUMBERS", raising=False)
    caplog.set_level("INFO")
    print_edition.on_startup("build", dirty=False)
    print_edition.on_post_build({"site_dir": str(tmp_path), "print_editions": {"outreach/print/": ["home", "help"]}})
    assert page.read_text(encoding="utf-8") == SLOTS
    assert f"no Chromium at {tmp_path / 'no-chromium'}" in caplog.text and "no page numbers" in caplog.text


def test_tool_only_paragraphs_stay_off_paper():
    content = '<h1>工具</h1><p class="tool-only">下面填好以后，结果会自动出现。</p>\n<p>自己算：先加起来。</p><form class="calc" data-calculator="x"></form>'
    page = SimpleNamespace(url="tools/x/", title="工具", content=content, meta={"reviewed": "2026-01-01"}, file=SimpleNamespace(src_uri="tools/x.md"))
    chapter = print_edition.Book([page], "", CONFIG).chapter(page, 1)
    assert "自己算：先加起来。" in chapter and "自动出现" not in chapter and "<form" not in chapter
