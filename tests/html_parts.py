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


class CalculatorForms(HTMLParser):
    """What a page source declares for its calculator forms (the one form parser of the page tests).

    - `fields`: tool -> names of the fields of its form[data-calculator], outside row templates;
    - `prefills`: (tool, field name, "source.key") for each data-prefill, in page order;
    - `repeats`: (tool, group, attributes) for each data-repeat group, in page order.
    """

    def __init__(self, html: str = ""):
        super().__init__()
        self.tool, self.in_template = None, 0
        self.fields, self.prefills, self.repeats = {}, [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-calculator" in attrs:
            self.tool = attrs["data-calculator"]
            self.fields[self.tool] = set()
        elif tag == "template":
            self.in_template += 1
        if "data-repeat" in attrs:
            self.repeats.append((self.tool, attrs["data-repeat"], attrs))
        if "data-prefill" in attrs:
            self.prefills.append((self.tool, attrs.get("name"), attrs["data-prefill"]))
        if tag in ("input", "select", "textarea") and self.tool and attrs.get("name") and not self.in_template:
            self.fields[self.tool].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
