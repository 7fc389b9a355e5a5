"""The 我该先做什么 page and the start tool agree: the page asks exactly the answers Python reads,
its route without Python follows the tool's steps, every link of the route is a page of the site,
and the page is reached from the home page and the nav. Reads the sources (no build needed)."""

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from calculators.core import court_days
from calculators.tools import start
from calculators.core.view import Notice

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "start.md").read_text(encoding="utf-8")


class Choices(HTMLParser):
    """name -> the values of the radio buttons and checkboxes of the start form."""

    def __init__(self):
        super().__init__()
        self.choices, self.inputs = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            self.inputs.append(attrs["name"])
            if attrs.get("type") in ("radio", "checkbox") and "value" in attrs:
                self.choices.setdefault(attrs["name"], []).append(attrs["value"])


def form() -> Choices:
    parsed = Choices()
    parsed.feed(PAGE.split('data-calculator="start"', 1)[1].split("</form>", 1)[0])
    return parsed


def test_the_page_asks_exactly_the_answers_the_tool_reads():
    parsed = form()
    assert parsed.choices == {
        "court": list(start.COURT),
        "kinds": list(court_days.KINDS),
        "pressure": list(start.PRESSURE),
        "money": list(start.MONEY),
        "lenders": list(start.LENDERS),
        "budget": list(start.BUDGET),
        "offer": list(start.OFFER),
    }
    assert {"received", "hearing", "small_claims"} <= set(parsed.inputs)


def test_the_route_without_python_has_the_tools_steps_in_order():
    static = PAGE.split("## 然后按这个顺序来", 1)[1].split("\n\n", 2)[2]
    numbered = re.findall(r"^\d\. \*\*(.+?)。\*\*(.*)$", static, re.M)
    answers = start.parse({}, dt.date(2026, 5, 8))
    route = start.steps(answers)
    assert [title for title, _ in numbered] == [step.title for step in route]
    for (_, rest), step in zip(numbered, route):
        targets = re.findall(r"\]\(([^)]+)\.md\)", rest)
        assert {link.path for link in step.links} <= {t + "/" for t in targets}, step.key


def test_every_link_of_any_route_is_a_page_of_the_site():
    view = start.tool({
        "today": "2026-05-08", "court": "paper", "kinds": list(court_days.KINDS), "received": "2026-05-06",
        "pressure": list(start.PRESSURE), "money": list(start.MONEY), "lenders": "several", "offer": "yes",
    })
    paths = {link.path for block in view.blocks if isinstance(block, Notice) for link in block.links}
    paths |= {link.path for answers in ({}, {"lenders": "unsure"}, {"court": "message"}) for block in start.tool(answers).blocks
              if isinstance(block, Notice) for link in block.links}
    pages = {p for p in paths if not p.startswith("tel:")}
    assert len(pages) >= 15
    for path in pages:
        assert (ROOT / "docs" / (path.rstrip("/") + ".md")).exists(), path


def test_the_home_page_and_the_nav_lead_to_the_start():
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert re.search(r"\[我该先做什么[^\]]*\]\(start\.md\)\{ \.md-button \.md-button--primary \}", home)
    assert home.index("(start.md)") < home.index("## 你现在的情况")
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1].splitlines()
    assert nav[:2] == ["  - 从这里开始: index.md", "  - 我该先做什么: start.md"]


def test_the_page_has_its_review_date():
    assert re.match(r"---\nreviewed: \d{4}-\d{2}-\d{2}\n---\n", PAGE)
