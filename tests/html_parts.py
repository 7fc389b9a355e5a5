"""Reading rendered HTML back in tests: which tags, attributes and text it holds."""

from html.parser import HTMLParser


class Parsed(HTMLParser):
    """The tags, attributes and text of an HTML string, in document order."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)
