"""render: the only place HTML is made; every string from a View comes out inert."""

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from calculators.render import to_html
from calculators.view import BulletList, CheckItem, Checklist, Document, Figure, Link, Notice, Summary, Table, View

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
SAFE_ATTRS = {"class", "data-site-link", "href", "scope", "role", "aria-label", "tabindex", "type", "data-persist-key"}


def view_with(text: str) -> View:
    return View(
        (
            Summary(text, (Figure(text, text, emphasis=True),)),
            Notice(text, text, (text,), (Link(text, text),)),
            Table(text, (text, text), ((text, text),), footer=(text, text), numeric=(1,)),
            BulletList(text, (text,), ordered=True),
            Checklist(text, (CheckItem(text, text, text),), group=text),
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
    for piece in ("<h3>甲</h3>", '<td class="num">甲</td>', "<ol><li>甲</li></ol>", 'data-site-link="甲"', "calc-figure--key", "<tfoot>"):
        assert piece in html
    assert to_html(View()) == ""


@given(st.text(max_size=60))
def test_any_text_is_inert(text):
    check_inert(text)
