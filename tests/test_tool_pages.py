"""The tool pages and the calculators agree: row limits have one source, and every prefill resolves.

Reads the page sources in docs/tools/ (no build needed):
- each repeatable group `[data-repeat="group"]` declares `data-max-rows` equal to the maximum its
  tool refuses beyond: the constant `MAX_<GROUP>` of the tool's module (MAX_LENDERS for
  "lenders", MAX_ENTRIES for "entries"; defined once, there or in the core module it imports it from);
- each `data-prefill="tool.key"` names a key that the tool's result data carries.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from html_parts import CalculatorForms

from calculators import bridge

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs" / "tools").glob("*.md"))

# A realistic call of each tool whose result other pages prefill from.
SAMPLES = {
    "budget": {"income": "5000", "expenses": "2000"},
    "plan": {"total": "30000", "monthly": "2700", "down_payment": "1000", "deferral_months": "2", "deferral_amount": "100"},
    "letter": {"name": "甲", "lender": "乙", "owed": "30000", "details": "说明", "monthly": "3000", "months": "10", "overdue_since": "2026-03-01"},
    "log": {"entries": [{"date": "2026-05-03", "time": "10:05", "channel": "app", "who": "工号 A1029", "said": "答应回复", "evidence": "录音"}]},
    "rate": {"principal": "10000", "deducted": "1000", "installment": "1000", "count": "12", "period": "month",
             "contract_date": "2025-06-10", "lender": "private"},
}


@dataclass
class Forms:
    """Every tool page's repeatable groups and prefills."""

    repeats: list  # (tool, group, max rows or None)
    prefills: list  # (tool, "source.key")
    row_prefills: list  # (tool, group, "source.key")


def parsed() -> Forms:
    forms = Forms([], [], [])
    for page in PAGES:
        declared = CalculatorForms(page.read_text(encoding="utf-8"))
        forms.repeats += [(tool, group, attrs.get("data-max-rows")) for tool, group, attrs in declared.repeats]
        forms.prefills += [(tool, source) for tool, _, source in declared.prefills]
        forms.row_prefills += [(tool, group, attrs["data-prefill-rows"]) for tool, group, attrs in declared.repeats if "data-prefill-rows" in attrs]
    return forms


def test_every_repeatable_group_declares_the_python_maximum():
    forms = parsed()
    assert {(tool, group) for tool, group, _ in forms.repeats} >= {("lenders", "lenders"), ("log", "entries")}
    for tool, group, declared in forms.repeats:
        constant = f"MAX_{group.upper()}"
        maximum = getattr(importlib.import_module(f"calculators.{bridge.module_of(tool)}"), constant, None)
        assert isinstance(maximum, int), f"calculators/{bridge.module_of(tool)}.py has no {constant} for its {group!r} rows"
        assert declared == str(maximum), f"{tool}: data-repeat={group!r} has data-max-rows={declared!r}, Python refuses beyond {maximum}"


@pytest.mark.parametrize("source", sorted(SAMPLES))
def test_the_samples_give_results(source):
    assert bridge.call(source, {"today": "2026-11-30", **SAMPLES[source]})["ok"]


def test_every_prefill_resolves_to_a_plain_value_of_its_tool():
    prefills = parsed().prefills
    assert prefills
    results = {source: bridge.call(source, {"today": "2026-11-30", **fields})["data"] for source, fields in SAMPLES.items()}
    for tool, reference in prefills:
        source, key = reference.split(".")
        assert source in results, f"{tool} prefills from {source!r}, which has no sample here"
        assert key in results[source], f"{tool}: data-prefill={reference!r} does not resolve"
        assert not isinstance(results[source][key], (dict, list)), f"{tool}: data-prefill={reference!r} is not a plain value"


def test_every_row_prefill_gives_rows_the_group_reads():
    row_prefills = parsed().row_prefills
    assert ("complaint", "entries", "log.rows") in row_prefills
    for tool, group, reference in row_prefills:
        source, key = reference.split(".")
        rows = bridge.call(source, {"today": "2026-11-30", **SAMPLES[source]})["data"][key]
        assert rows and all(isinstance(row, dict) for row in rows), f"{tool}: {reference} is not a list of rows"
        response = bridge.call(tool, {"today": "2026-11-30", group: rows})
        row_errors = [error for error in response.get("errors", []) if error["field"].startswith(f"{group}.")]
        assert row_errors == [], f"{tool} refuses the rows of {reference}: {row_errors}"


def test_the_offer_check_asks_for_the_lender_with_the_rate_tool_choices():
    """The 24% line is for small-loan companies only, so the offer check needs the rate tool's lender."""
    import re

    from calculators.tools import rate

    page = (ROOT / "docs" / "tools" / "offer-check.md").read_text(encoding="utf-8")
    select = re.search(r'<select[^>]*name="rate_lender"[^>]*>(.*?)</select>', page, re.S)
    assert select and 'data-prefill="rate.lender"' in select.group(0)
    values = re.findall(r'<option value="([^"]*)"', select.group(1))
    assert values[0] == "" and sorted(values[1:]) == sorted(rate.LENDERS)  # "" lets the prefill fill it


def test_the_rate_page_counts_fees_as_cost_without_calling_them_interest():
    import re

    page = (ROOT / "docs" / "tools" / "rate.md").read_text(encoding="utf-8")
    hint = re.search(r'id="rate-deducted-hint">(.*?)</p>', page).group(1)
    assert "按实际到手的钱算，费用也算进成本" in hint and "都算" not in hint
    assert "要看具体情况" in page


def test_one_name_per_tool_from_page_to_registry():
    """A tool's name is its page's slug with underscores: the form's data-calculator, the bridge's key
    and the module under calculators/tools/ (docs/tools/court-deadlines.md -> court_deadlines)."""
    named = {}
    for page in [*PAGES, ROOT / "docs" / "start.md", ROOT / "docs" / "case.md"]:
        for tool in CalculatorForms(page.read_text(encoding="utf-8")).fields:
            named[tool] = page.stem.replace("-", "_")
    assert len(named) == len(bridge.TOOLS)
    for tool, slug in named.items():
        assert tool == slug, f"{slug}: its form says data-calculator={tool!r}"
        assert bridge.module_of(tool) == f"tools.{tool}", f"{tool} is answered by {bridge.module_of(tool)}"


@pytest.mark.parametrize("page", [*PAGES, ROOT / "docs" / "start.md"], ids=lambda p: p.stem)
def test_missing_names_are_fields_of_the_page_so_it_shows_its_own_labels(page):
    """The bridge's `missing` lists field names; the page shows each with its own label, so every
    name a tool returns for its empty form must be a field of that page (or of one of its rows)."""
    declared = CalculatorForms(page.read_text(encoding="utf-8"))
    for tool, names in declared.fields.items():
        groups = {group for owner, group, _ in declared.repeats if owner == tool}
        response = bridge.call(tool, {"today": "2026-11-30"})
        if response["ok"]:
            continue
        for name in response["missing"]:
            group, _, rest = name.partition(".")
            assert name in names or (group in groups and rest), f"{tool}: missing names {name!r}, which its page does not have"


def test_every_case_path_a_page_declares_is_a_part_of_the_case():
    """`data-case="income"` names a part of the case file; `lender.…` (or a `data-case-rows` row's
    `data-case`) a part of one lender; a form filled from `lender.…` is marked data-case-lender;
    a path through a list (`papers.kind`) a part of each of its records, and `data-case-newest`
    a list of records and the part that dates them."""
    import re

    from calculators.core import case as model

    import datetime as dt

    layout = model.to_data(model.Case(
        lenders=(model.Lender("甲", plan=model.Plan(model.money.FEN)),),
        papers=(model.Paper("judgment", dt.date(2026, 1, 1)),),
        log=(model.LogRow(dt.date(2026, 1, 1)),),
    ))
    lender = layout["lenders"][0]

    def resolves(data, path):
        for part in path.split("."):
            if isinstance(data, list):  # a list of records: the part of each one
                data = data[0] if data else None
            if not isinstance(data, dict) or part not in data:
                return False
            data = data[part]
        return True

    for page in PAGES:
        for path in re.findall(r'data-case-newest="([^"]+)"', page.read_text(encoding="utf-8")):
            records, _, key = path.partition(".")
            assert isinstance(layout.get(records), list) and key and resolves(layout, path), f"{page.stem}: data-case-newest={path!r}"
            assert dt.date.fromisoformat(layout[records][0][key]), f"{page.stem}: {path!r} is not a date"

    found = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        in_rows = {}
        for part, group in re.findall(r'data-case-rows="([^"]+)"(.*?)</fieldset>', text, re.S):
            assert isinstance(layout.get(part), list), f"{page.stem}: data-case-rows={part!r}"
            in_rows.update((path, layout[part][0]) for path in re.findall(r'data-case="([^"]+)"', group))
        for path in re.findall(r'data-case="([^"]+)"', text):
            found += 1
            if path in in_rows:
                assert resolves(in_rows[path], path), f"{page.stem}: row path {path!r}"
            elif path.startswith("lender."):
                assert "data-case-lender" in text and resolves(lender, path[7:]), f"{page.stem}: {path!r}"
            else:
                assert resolves(layout, path), f"{page.stem}: {path!r}"
    assert found > 30
