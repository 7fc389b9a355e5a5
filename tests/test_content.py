"""What the site says, checked against the rules in data/content_rules.yml.

The rules are data so a reviewer can add one without touching this file. Each rule is checked
against the text a reader sees on every page of the built site and against every Chinese
string the calculators can show; each rule must also catch its own `bad` examples, so a rule
that can never fail is itself a failure.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
RULES_FILE = ROOT / "data" / "content_rules.yml"
CONFIG = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
RULES = CONFIG["rules"]
# calculators/core/citations_data.py is the registry's data, generated from data/citations.yml (names and
# hedges, as the sources page lists them), not text a tool shows: tools reach it only through cite().
MODULES = sorted(path for path in (ROOT / "calculators").rglob("*.py") if path.name != "citations_data.py")
SENTENCE_END = re.compile(r"(?<=[。！？])")
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---- the rules


def units(text: str, unit: str) -> list[str]:
    """The paragraph itself, or its sentences."""
    if unit == "sentence":
        return [part for part in SENTENCE_END.split(text) if part.strip()]
    return [text]


def breaches(rule: dict, text: str) -> list[str]:
    """The units of text (one paragraph) that break the rule."""
    found = []
    for part in units(text, rule.get("unit", "paragraph")):
        if "forbid" in rule:
            if re.search(rule["forbid"], part):
                found.append(part)
        elif re.search(rule["when"], part) and not re.search(rule["needs"], part):
            found.append(part)
    return found


def in_scope(rule: dict, scope: str) -> bool:
    allowed = rule.get("scope", ["pages", "calculators"])
    return scope in ([allowed] if isinstance(allowed, str) else allowed)


def check(paragraphs, scope: str) -> list[str]:
    """'rule-id: text' for every breach in these paragraphs."""
    return [
        f"{rule['id']}: {part.strip()}"
        for text in paragraphs
        for rule in RULES
        if in_scope(rule, scope)
        for part in breaches(rule, text)
    ]


# ---- text of the built pages


@dataclass
class Box:
    """An admonition: its title and all its text."""

    title: str = ""
    text: list = field(default_factory=list)


class PageText(HTMLParser):
    """The reader-visible text of a page's <article>: blocks, admonitions, tel: links, and
    the phone numbers that appear outside any tel: link."""

    BLOCKS = {"p", "li", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "caption", "summary"}
    SKIP = {"script", "style"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.blocks: list[str] = []
        self.headings: list[str] = []
        self.open: list[list[str]] = []
        self.boxes: list[Box] = []
        self.open_boxes: list[tuple[int, Box | None]] = []
        self.tel: list[str] = []  # numbers of the tel: links
        self.unlinked: list[str] = []  # text outside tel: links
        self.link_stack: list[str | None] = []
        self.skipping = 0
        self.title_next = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in self.SKIP:
            self.skipping += 1
        if tag in self.BLOCKS:
            self.open.append([])
        if tag in ("div", "details"):
            classes = (attrs.get("class") or "").split()
            box = Box() if "admonition" in classes or tag == "details" else None
            self.open_boxes.append((1, box))
            if box:
                self.boxes.append(box)
        if (tag == "p" and "admonition-title" in (attrs.get("class") or "").split()) or tag == "summary":
            self.title_next = True
        if tag == "a":
            href = attrs.get("href") or ""
            self.link_stack.append(href[4:] if href.startswith("tel:") else None)
            if href.startswith("tel:"):
                self.tel.append(href[4:])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        if tag in self.SKIP:
            self.skipping -= 1
        if tag in self.BLOCKS and self.open:
            text = "".join(self.open.pop())
            if text.strip():
                self.blocks.append(text)
                if re.fullmatch(r"h[1-6]", tag):
                    self.headings.append(text)
            if tag in ("p", "summary"):
                self.title_next = False
        if tag in ("div", "details") and self.open_boxes:
            self.open_boxes.pop()
        if tag == "a" and self.link_stack:
            self.link_stack.pop()

    def handle_data(self, data):
        if not self.depth or self.skipping:
            return
        if self.open:
            self.open[-1].append(data)
        for _, box in self.open_boxes:
            if box is not None:
                box.text.append(data)
                if self.title_next and box is self.open_boxes[-1][1]:
                    box.title += data
        if not any(self.link_stack):
            self.unlinked.append(data)


@pytest.fixture(scope="module")
def pages(built_site):
    """{path under the site root: PageText} for every page of the built site."""
    found = {}
    for path in sorted(built_site.rglob("index.html")):
        folder = path.parent.relative_to(built_site).as_posix()
        if folder.startswith(("assets", "search")):
            continue
        found["" if folder == "." else folder + "/"] = PageText(path.read_text(encoding="utf-8"))
    assert len(found) > 20
    return found


# ---- text the calculators can show


def module_texts(path: Path) -> list[str]:
    """Every Chinese string literal in a module, f-strings with its string constants filled in;
    docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    inside_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and id(node) not in inside_fstrings:
                texts.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            parts = []
            for part in node.values:
                if isinstance(part, ast.Constant):
                    parts.append(str(part.value))
                elif isinstance(part.value, ast.Name) and part.value.id in constants:
                    parts.append(constants[part.value.id])
                else:
                    parts.append("…")
            texts.append("".join(parts))
    return [text for text in texts if CJK.search(text) and not re.fullmatch(CONFIG["call_labels"], text)]


def pending(file: str) -> set[str]:
    return {entry["rule"] for entry in CONFIG.get("pending", []) if entry["file"] == file}


# ---- the rules themselves


def test_rule_ids_are_unique_and_every_rule_is_complete():
    ids = [rule["id"] for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.get("why") and rule.get("bad"), rule["id"]
        assert ("forbid" in rule) != ("when" in rule and "needs" in rule), rule["id"]
        assert rule.get("unit", "paragraph") in ("paragraph", "sentence"), rule["id"]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule["id"])
def test_each_rule_catches_its_bad_examples_and_passes_its_good_ones(rule):
    for text in rule["bad"]:
        assert breaches(rule, text), f"{rule['id']} does not catch: {text}"
    for text in rule.get("good", []):
        assert not breaches(rule, text), f"{rule['id']} wrongly catches: {text}"


# ---- the site


def statements(path: str, text: PageText) -> list[str]:
    """The blocks of a page that make statements: on a sources list, headings are titles."""
    if path in CONFIG.get("title_pages", []):
        return [block for block in text.blocks if block not in text.headings]
    return text.blocks


def test_every_page_keeps_every_rule(pages):
    found = {path: check(statements(path, text), "pages") for path, text in pages.items()}
    assert {path: lines for path, lines in found.items() if lines} == {}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_calculator_string_keeps_every_rule(path):
    name = path.relative_to(ROOT).as_posix()
    lines = [line for line in check(module_texts(path), "calculators") if line.split(":", 1)[0] not in pending(name)]
    assert lines == []


def test_pending_breaches_are_still_there():
    """A pending entry is removed once its file is fixed: this fails as soon as the fix lands."""
    fixed = []
    for entry in CONFIG.get("pending") or []:
        (rule,) = [rule for rule in RULES if rule["id"] == entry["rule"]]
        if not any(breaches(rule, text) for text in module_texts(ROOT / entry["file"])):
            fixed.append(f"{entry['file']}: {entry['rule']}")
    assert fixed == [], "fixed: remove these pending entries from data/content_rules.yml"


# ---- help lines: every box, the home and help pages, tel: links


def help_box_breaches(title: str, text: str) -> list[str]:
    config = CONFIG["help_blocks"]
    if not re.search(config["title"], title):
        return []
    return [n for n in config["must_contain"] if not re.search(rf"(?<!\d){n}(?!\d)", text)]


def test_help_box_rule_catches_the_old_box():
    for example in CONFIG["help_blocks"]["bad"]:
        assert help_box_breaches(example["title"], example["text"])


def test_every_help_lines_box_shows_12356_110_and_120(pages):
    missing = {}
    seen = 0
    for path, text in pages.items():
        for box in text.boxes:
            lacks = help_box_breaches(box.title, "".join(box.text))
            seen += bool(re.search(CONFIG["help_blocks"]["title"], box.title))
            if lacks:
                missing[f"{path} «{box.title.strip()}»"] = lacks
    assert seen >= 5  # the shared snippet on several pages, and the home page's box
    assert missing == {}


@pytest.mark.parametrize("path", CONFIG["help_pages"]["pages"])
def test_home_and_help_pages_link_every_crisis_line(pages, path):
    assert set(CONFIG["help_pages"]["must_link"]) <= set(pages[path].tel)


def phone_pattern(number: str) -> re.Pattern:
    after = CONFIG["phone_numbers"]["not_after"]
    return re.compile(rf"(?<![\d.,]){number}(?![\d.,])(?!\s*(?:{after}))")


def unlinked_numbers(text: str) -> list[str]:
    return [n for n in CONFIG["phone_numbers"]["numbers"] if phone_pattern(n).search(text)]


def test_only_call_button_labels_are_left_out_of_the_calculator_check():
    assert re.fullmatch(CONFIG["call_labels"], "拨打 12356 心理援助热线")
    assert not re.fullmatch(CONFIG["call_labels"], "心里扛不住的时候，可以拨打 12356 心理援助热线。")


def test_phone_pattern_tells_numbers_from_amounts():
    assert unlinked_numbers("拨 110 报警，或者打 12348。") == ["12348", "110"]
    assert unlinked_numbers("另收手续费 120 元，96110 不是报警电话") == ["96110"]
    assert unlinked_numbers("借 1100 元，还 1,120.00") == []


def test_every_phone_number_on_a_page_is_a_tel_link(pages):
    exempt = set(CONFIG["phone_numbers"]["exempt"])
    found = {}
    for path, text in pages.items():
        if path in exempt:
            continue
        numbers = unlinked_numbers("\n".join(text.unlinked))
        if numbers:
            found[path] = numbers
    assert found == {}


def test_every_help_line_link_has_its_source_beside_it(built_site):
    """A tel: link to a grade-B line is followed, in the same block, by its citation link."""
    pattern = re.compile(r'<a href="tel:(\d+)">')
    missing = []
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for match in pattern.finditer(html):
            number = match.group(1)
            key = CONFIG["phone_numbers"]["numbers"].get(number)
            if not key:
                continue
            block_end = min(i for i in (html.find("</li>", match.end()), html.find("</tr>", match.end()), html.find("</p>", match.end())) if i > 0)
            if f"#{key}\"" not in html[match.end():block_end]:
                missing.append(f"{page.parent.relative_to(built_site)}: {number}")
    assert missing == []


def test_the_12348_link_calls_and_does_not_open_the_sources_page(pages, built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="tel:12348">12348</a>' in html
    for anchor in re.findall(r"<a [^>]*>[^<]*12348[^<]*</a>", html):
        assert 'href="tel:12348"' in anchor, anchor


# ---- anchors other pages and tools link to


@pytest.mark.parametrize(
    "page, anchor",
    [
        ("guide/plan/", "priorities"),  # the lenders tool's priorities notice links here
        ("guide/legal-risks/", "malicious-overdraft"),  # the overdraft bands
        ("guide/legal-risks/", "payment-order"),
        ("guide/legal-risks/", "restrictions"),
        ("help/", "crisis"),
    ],
)
def test_stable_anchors(built_site, page, anchor):
    assert f'id="{anchor}"' in (built_site / page / "index.html").read_text(encoding="utf-8")


# ---- the two points of the source article that were missing


def test_losing_a_lawsuit_costs_court_and_enforcement_fees(pages):
    text = "\n".join(pages["guide/legal-risks/"].blocks)
    assert re.search(r"胜诉一方[^。]*改由败诉一方交给法院", text)
    assert re.search(r"先扣除执行费用", text)


def test_after_an_agreement_check_the_credit_report(pages):
    text = "\n".join(pages["guide/agreement/"].blocks)
    assert re.search(r"查一次信用报告", text) and re.search(r"和协议写的一致", text)


def test_priorities_name_court_overdraft_and_guarantees_in_that_order(pages):
    text = "\n".join(pages["guide/plan/"].blocks)
    section = text[text.index("钱不够分时，先顾哪几笔"):]
    order = [section.index(words) for words in ("法院或者执行阶段", "恶意透支", "担保")]
    assert order == sorted(order)
    assert "不是适合每个人的答案" in section
