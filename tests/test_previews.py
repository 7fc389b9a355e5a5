"""Link previews: every page has a title, a description and our own preview image in its Open
Graph metadata, absolute on the address the site was built for (scripts/hooks/previews.py,
overrides/main.html)."""

import struct
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from scripts.hooks.previews import MAX_LENGTH, PREVIEW_IMAGE, description, plain_text, shorten


class Meta(HTMLParser):
    """The <head>'s meta tags by property or name, and its canonical link."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.canonical = {}, None
        self.feed(html.split("</head>", 1)[0])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")


def pages(site):
    return sorted(path for path in site.rglob("index.html") if "assets" not in path.parts)


def test_every_page_has_its_title_description_address_and_our_image(built_site, site_server):
    found = pages(built_site)
    assert len(found) > 30
    titles = set()
    for path in found:
        meta = Meta(path.read_text(encoding="utf-8"))
        tags = meta.meta
        assert tags["og:title"] and tags["og:title"] == tags["twitter:title"], path
        assert 8 <= len(tags["og:description"]) <= MAX_LENGTH + 1, (path, tags["og:description"])
        assert tags["og:description"] == tags["description"] == tags["twitter:description"], path
        assert tags["og:url"] == meta.canonical and tags["og:url"].startswith(site_server.url), path
        assert tags["og:image"] == tags["twitter:image"] == site_server.url + PREVIEW_IMAGE, path
        assert tags["twitter:card"] == "summary_large_image" and tags["og:type"] == "website", path
        titles.add(tags["og:title"])
    assert len(titles) == len(found), "every page has its own preview title"


def test_a_page_is_described_by_its_first_paragraph(built_site):
    meta = Meta((built_site / "guide/plan/index.html").read_text(encoding="utf-8")).meta
    assert meta["og:title"].startswith("做一个还得起的计划 - ")
    assert meta["og:description"].startswith("还款计划是协商的核心。")


def test_the_preview_image_is_a_1200_by_630_png_in_the_site(built_site):
    data = (built_site / PREVIEW_IMAGE).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
    assert len(data) < 60_000, "every device that keeps the site offline keeps this image too"


def test_citation_links_and_footnote_marks_are_left_out():
    fragment = '押金不退<a class="cite" href="../about/sources/#x">〔出处：某条〕</a>，可以投诉<sup id="fnref:1"><a href="#fn:1">1</a></sup>。&amp;'
    assert plain_text(fragment) == "押金不退，可以投诉。&"


def test_front_matter_wins_and_quotes_stay_inside_the_attribute():
    assert description({"description": '说 "不" <b>'}, "<p>第一段</p>", "默认") == "说 &quot;不&quot; &lt;b&gt;"
    assert description({}, '<p class="admonition-title">注意</p><p>第一段。</p>', "默认") == "第一段。"
    assert description({}, "<h2>只有标题</h2>", "默认") == "默认"


@given(st.lists(st.text(alphabet="协商还款计划好的", min_size=1, max_size=50), min_size=1, max_size=8))
def test_a_long_paragraph_is_cut_at_a_sentence_end_within_the_limit(sentences):
    text = "。".join(sentences) + "。"
    short = shorten(text)
    assert len(short) <= MAX_LENGTH
    assert text.startswith(short.rstrip("…"))
    assert short == text or short.endswith(("。", "…"))
