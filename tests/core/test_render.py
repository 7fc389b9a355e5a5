"""render: the only place HTML is made; every string from a View comes out inert."""

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from calculators.core.render import to_html
from calculators.core.view import BulletList, CheckItem, Checklist, Document, Figure, Link, Notice, Summary, Table, View

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "</table><iframe src=//evil.example>",
    "&lt;already&gt; & ampersand",
    "<!-- comment -->",
]


class Collector(HTMLParser):
    """Every tag, attribute and text node, as the browser's parser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append("!--")


SAFE_TAGS = {"section", "h3", "dl", "div", "dt", "dd", "p", "ul", "ol", "li", "a", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "label", "input", "span", "article"}
SAFE_ATTRS = {"class", "data-site-link", "href", "scope", "role", "aria-label", "tabindex", "type", "data-persist-key", "data-label"}


def view_with(text: str) -> View:
    return View(
        (
            Summary(text, (Figure(text, text, emphasis=True),)),
            Notice(level=text, title=text, paragraphs=(text,), links=(Link(text, text),)),
            Table(caption=text, headers=(text, text), rows=((text, text),), footer=(text, text), numeric=(1,)),
            BulletList(text, (text,), ordered=True),
            Checklist(text, (CheckItem(key=text, text=text, detail=text),), group=text),
            Document(text, f"{text}\n\n{text}"),
        )
    )


def parsed(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def check_inert(text: str) -> None:
    page = parsed(to_html(view_with(text)))
    assert set(page.tags) <= SAFE_TAGS
    assert {name for name, _ in page.attrs} <= SAFE_ATTRS
    assert not any(name.startswith("on") for name, _ in page.attrs)
    hrefs = {value for name, value in page.attrs if name == "href"}
    assert hrefs <= {"#"}
    if text.strip():
        assert text in "".join(page.text)


def test_hostile_strings_come_out_as_text():
    for text in HOSTILE:
        check_inert(text)
        assert "<script>" not in to_html(view_with(text))


def test_unknown_notice_level_falls_back_to_info():
    html = to_html(View((Notice('danger" onclick="x', "t"),)))
    assert 'calc-notice--info"' in html and "onclick" not in parsed(html).attrs


def test_each_block_renders_its_parts():
    html = to_html(view_with("甲"))
    for piece in ("<h3>甲</h3>", '<td class="num" data-label="甲" role="cell">甲</td>', "<ol><li>甲</li></ol>", 'data-site-link="甲"', "calc-figure--key", "<tfoot "):
        assert piece in html
    assert to_html(View()) == ""


@given(st.text(max_size=60))
def test_any_text_is_inert(text):
    check_inert(text)


def cells_of(html: str) -> list[tuple[str, dict, str]]:
    """Every th/td as (tag, attributes, text), in order."""

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found, self.open = [], None

        def handle_starttag(self, tag, attrs):
            if tag in ("th", "td"):
                self.open = [tag, dict(attrs), ""]

        def handle_data(self, data):
            if self.open:
                self.open[2] += data

        def handle_endtag(self, tag):
            if tag in ("th", "td") and self.open:
                self.found.append(tuple(self.open))
                self.open = None

    parser = Cells()
    parser.feed(html)
    return parser.found


def test_every_table_cell_carries_its_column_label_for_narrow_screens():
    table = Table(
        caption="还款计划表",
        headers=("期数", "日期", "金额", "剩余"),
        rows=(("1", "2025-07-01", "3,000.00 元", "27,000.00 元"), ("首期", "2025-08-01", "1.00 元", "0.00 元")),
        footer=("合计", "", "3,001.00 元", ""),
        numeric=(2, 3),
    )
    cells = cells_of(to_html(View((table,))))
    head, body, foot = cells[:4], cells[4:12], cells[12:]
    assert [(tag, attrs.get("scope"), attrs.get("role")) for tag, attrs, _ in head] == [("th", "col", "columnheader")] * 4
    assert [attrs["data-label"] for _, attrs, _ in body] == ["期数", "日期", "金额", "剩余"] * 2
    assert {attrs["role"] for _, attrs, _ in body} == {"cell"}
    assert foot[0] == ("th", {"scope": "row", "role": "rowheader"}, "合计")  # the footer's name heads its row
    assert [attrs.get("data-label") for _, attrs, _ in foot[1:]] == ["日期", "金额", "剩余"]


def test_footer_name_may_stand_after_an_empty_cell():
    table = Table(caption="每月收支明细", headers=("类别", "项目", "金额"), rows=(("收入", "工资", "5.00 元"),), footer=("", "剩下", "5.00 元"), numeric=(2,))
    foot = cells_of(to_html(View((table,))))[-3:]
    assert [tag for tag, _, _ in foot] == ["td", "th", "td"]
    assert foot[1] == ("th", {"scope": "row", "role": "rowheader"}, "剩下")


def test_dates_are_marked_so_they_never_break():
    table = Table(caption="t", headers=("日期", "时间", "说明"), rows=(("2026-05-03", "10:05", "2026-05-03 之前回复"), ("2026-05-03 9:30", "", "")))
    classes = [attrs.get("class", "") for _, attrs, _ in cells_of(to_html(View((table,))))[3:]]
    assert classes == ["date", "", "", "date", "", ""]


def test_column_labels_are_escaped():
    for text in HOSTILE:
        html = to_html(View((Table(caption="t", headers=(text, "b"), rows=(("1", "2"),)),)))
        labels = [attrs["data-label"] for tag, attrs, _ in cells_of(html) if tag == "td"]
        assert labels == [text, "b"]
        check_inert(text)


def test_a_document_whose_first_line_is_its_title_shows_the_title_once():
    html = to_html(View((Document("协商还款申请书", "协商还款申请书\n\n某某公司：\n\n正文"),)))
    page = parsed(html)
    assert "".join(page.text).count("协商还款申请书") == 1
    assert html.index("calc-document__body") < html.index("<h3")  # the heading is copied with the text
    assert page.tags.count("h3") == 1 and "某某公司：" in page.text


def test_a_document_with_its_own_title_keeps_both():
    page = parsed(to_html(View((Document("四、协商还款申请书", "协商还款申请书\n正文"),))))
    assert page.text[:2] == ["四、协商还款申请书", "协商还款申请书"]
