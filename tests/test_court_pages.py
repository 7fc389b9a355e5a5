"""The court, credit and complaint pages against their tools (CPython only: it reads docs/ and data/).

- every article the new tools quote is an entry in data/citations.yml (so it was checked);
- each page's form gives exactly the fields its tool reads, with the documented prefill keys;
- the complaint page's row limit is the one defined in Python;
- every new page carries its review date.
"""

import pathlib
import re

import pytest
import yaml
from html_parts import CalculatorForms

from calculators import bridge
from calculators.core import court_days
from calculators.documents import complaint as complaint_letter
from calculators.documents import court_calendar, credit_objection, enforcement_settlement, lender_letters, payment_order_objection
from calculators.tools import complaint, court_deadlines, plan
from calculators.tools import credit_objection as credit_objection_tool
from calculators.tools import enforcement_settlement as enforcement_settlement_tool
from calculators.tools import lender_letters as lender_letters_tool
from calculators.tools import payment_order_objection as payment_order_objection_tool

# What was one module before the layers, read together: the deadlines, the four documents, the complaint.
QUOTING = {
    "deadlines": (court_days, court_deadlines, court_calendar),
    "documents": (
        payment_order_objection, payment_order_objection_tool, enforcement_settlement, enforcement_settlement_tool,
        credit_objection, credit_objection_tool, lender_letters, lender_letters_tool,
    ),
    "complaint": (complaint_letter, complaint),
}

ROOT = pathlib.Path(__file__).resolve().parents[1]
CITATIONS = yaml.safe_load((ROOT / "data" / "citations.yml").read_text(encoding="utf-8"))
NEW_PAGES = [
    "tools/court-deadlines.md",
    "tools/payment-order-objection.md",
    "tools/enforcement-settlement.md",
    "tools/credit-objection.md",
    "tools/lender-letters.md",
    "tools/complaint.md",
    "guide/court.md",
    "guide/credit-record.md",
    "guide/complaints.md",
]
DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
ARTICLE = re.compile(r"第([零一二三四五六七八九十百千]+)条")
RANGE = re.compile(r"第([零一二三四五六七八九十百千]+)条至第([零一二三四五六七八九十百千]+)条")


def number(text: str) -> int:
    """A Chinese article number such as 一百二十八 or 十五 as an int."""
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def cited_numbers() -> set[int]:
    found = set()
    for entry in CITATIONS.values():
        article = entry["article"]
        for low, high in RANGE.findall(article):
            found.update(range(number(low), number(high) + 1))
        found.update(number(n) for n in ARTICLE.findall(article))
    return found


def test_chinese_article_numbers():
    assert [number(t) for t in ("十五", "一百二十八", "二百零五", "四百三十六", "一千零三十三", "六", "二十")] == [15, 128, 205, 436, 1033, 6, 20]


@pytest.mark.parametrize("group", list(QUOTING))
def test_every_article_quoted_by_a_tool_is_in_the_citations(group):
    source = "\n".join(pathlib.Path(module.__file__).read_text(encoding="utf-8") for module in QUOTING[group])
    quoted = {number(n) for n in ARTICLE.findall(source)}
    assert quoted, "the tool quotes its legal basis"
    assert quoted - cited_numbers() == set()


def test_the_new_pages_cite_current_entries_checked_on_the_review_date():
    keys = set()
    for page in NEW_PAGES:
        keys.update(re.findall(r"\[\[cite:([^\]\s]+)\]\]", (ROOT / "docs" / page).read_text(encoding="utf-8")))
    assert len(keys) >= 20
    assert {key: CITATIONS[key]["status"] for key in keys if CITATIONS[key]["status"] != "current"} == {}
    assert {key: CITATIONS[key]["checked"] for key in keys if str(CITATIONS[key]["checked"]) < "2026-11-28"} == {}


def page(path):
    return (ROOT / "docs" / path).read_text(encoding="utf-8")


EXPECTED_FIELDS = {
    "tools/court-deadlines.md": ("court_deadlines", {"kinds", "received", "hearing", "notice_days", "report_days", "small_claims"}),
    "tools/payment-order-objection.md": (
        "payment_order_objection",
        {"stance", "received", "grounds", "claimed", "actual_received", "repaid", "details", "evidence", "court", "case_number", "creditor", "name", "phone", "address", "dated"},
    ),
    "tools/enforcement-settlement.md": (
        "enforcement_settlement",
        {"court", "case_number", "applicant", "owed", "total", "down_payment", "monthly", "start", "details", "cannot_pay_at_once", "official_account", "name", "phone", "dated"},
    ),
    "tools/credit-objection.md": (
        "credit_objection",
        {"truth", "lender", "account", "record", "actual", "errors", "recipient", "evidence", "explanation", "no_notice", "name", "phone", "dated"},
    ),
    "tools/lender-letters.md": (
        "lender_letters",
        {"kind", "recipient", "lender", "loan_number", "claimed", "contacted", "contact_date", "no_personal_account", "name", "phone", "dated"},
    ),
    "tools/complaint.md": (
        "complaint",
        {"lender_kind", "problems", "addressee", "lender", "loan_number", "facts", "requests", "ticket", "lender_date", "lender_reply", "name", "phone", "dated"},
    ),
}


@pytest.mark.parametrize("path", list(EXPECTED_FIELDS))
def test_each_page_gives_its_tool_exactly_the_fields_it_reads(path):
    tool, names = EXPECTED_FIELDS[path]
    fields = CalculatorForms(page(path)).fields
    assert set(fields) == {tool}
    assert fields[tool] == names
    source = (pathlib.Path(bridge.__file__).parent / (bridge.module_of(tool).replace(".", "/") + ".py")).read_text(encoding="utf-8")
    for name in names:
        assert f'"{name}"' in source, f"{tool} never reads {name}"


def test_choices_on_the_pages_are_the_ones_python_knows():
    checks = [
        ("tools/court-deadlines.md", "kinds", court_days.KINDS),
        ("tools/payment-order-objection.md", "stance", payment_order_objection.STANCES),
        ("tools/payment-order-objection.md", "grounds", payment_order_objection.GROUNDS),
        ("tools/credit-objection.md", "truth", credit_objection.TRUTH),
        ("tools/credit-objection.md", "errors", credit_objection.ERRORS),
        ("tools/credit-objection.md", "recipient", credit_objection.RECIPIENTS),
        ("tools/lender-letters.md", "kind", lender_letters.LETTER_KINDS),
        ("tools/complaint.md", "lender_kind", complaint.LENDER_KINDS),
        ("tools/complaint.md", "problems", complaint.PROBLEMS),
        ("tools/complaint.md", "addressee", complaint.ADDRESSEES),
    ]
    for path, name, choices in checks:
        values = re.findall(rf'name="{name}" value="([a-z_]+)"', page(path)) or re.findall(
            rf'<select id="[^"]+" name="{name}">(.*?)</select>', page(path), re.S
        )
        if values and "<option" in values[0]:
            values = re.findall(r'value="([a-z_]+)"', values[0])
        assert values == list(choices), (path, name)


def test_stances_in_the_letters_are_boxes_the_reader_ticks():
    """A sentence that speaks for the reader is a checkbox: off for saying they cannot pay, on for the account rule that protects them."""

    def box(path, name):
        (tag,) = re.findall(rf'<input type="checkbox" name="{name}"[^>]*>', page(path))
        return "checked" in tag

    assert box("tools/enforcement-settlement.md", "cannot_pay_at_once") is False
    assert box("tools/enforcement-settlement.md", "official_account") is True
    assert box("tools/lender-letters.md", "no_personal_account") is True


def test_the_deadline_page_tells_a_judgment_from_a_ruling_by_its_title():
    text = page("tools/court-deadlines.md")
    form = text.split('data-calculator="court_deadlines"')[1].split("</form>")[0]
    assert "“民事判决书”" in form and "“民事裁定书”" in form and "10 日" in text and "[[cite:civil-procedure-157]]" in text


COURT_TEXTS = ["tools/court-deadlines.md", "tools/payment-order-objection.md", "tools/enforcement-settlement.md", "tools/credit-objection.md", "tools/lender-letters.md", "guide/court.md"]


@pytest.mark.parametrize("path", COURT_TEXTS + ["calculators/core/court_days.py", "calculators/documents/payment_order_objection.py", "calculators/documents/enforcement_settlement.py", "calculators/documents/credit_objection.py", "calculators/documents/lender_letters.py", "calculators/tools/payment_order_objection.py", "calculators/tools/enforcement_settlement.py", "calculators/tools/credit_objection.py", "calculators/tools/lender_letters.py"])
def test_the_dishonest_list_is_never_stated_as_a_certain_outcome(path):
    text = (ROOT / path).read_text(encoding="utf-8") if path.startswith("calculators") else page(path)
    assert not re.search(r"应当[^。；]{0,12}纳入失信", text)
    for sentence in re.findall(r"[^。]*列入失信被执行人名单[^。]*。", text):
        assert "可能" in sentence, sentence


def test_the_court_set_defence_period_names_its_condition_everywhere():
    for path in ("tools/court-deadlines.md", "guide/court.md"):
        assert "你要求书面答辩的" in page(path), path


def test_settlement_prefills_from_keys_the_plan_tool_returns():
    prefill = {name: source for _, name, source in CalculatorForms(page("tools/enforcement-settlement.md")).prefills}
    assert prefill == {"total": "plan.total", "down_payment": "plan.down_payment", "monthly": "plan.monthly"}
    data = plan.tool({"total": "1000", "monthly": "100", "start": "2026-06-01"}).data
    assert {key.split(".")[1] for key in prefill.values()} <= set(data)


def test_complaint_rows_are_limited_by_the_python_maximum():
    (group,) = [attrs for _, name, attrs in CalculatorForms(page("tools/complaint.md")).repeats if name == "entries"]
    assert int(group["data-max-rows"]) == complaint.MAX_ENTRIES


@pytest.mark.parametrize("path", NEW_PAGES)
def test_new_pages_carry_their_review_date(path):
    assert page(path).startswith("---\nreviewed: 2026-11-30\n---\n")


def test_new_pages_are_in_the_nav_and_linked_from_the_tools_index():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    index = page("tools/index.md")
    for path in NEW_PAGES:
        assert path in nav
        if path.startswith("tools/"):
            assert f"]({path.removeprefix('tools/')})" in index
    home = page("index.md").split("### 4.")[0].split("### 3.")[1]
    assert "guide/court.md" in home and "tools/court-deadlines.md" in home
