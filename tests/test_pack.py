"""pack: one page built from the other tools, never a second copy of their logic."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge, checklist, letter
from calculators.inputs import InputError, InputErrors
from calculators.pack import tool
from calculators.render import to_html
from calculators.view import Checklist, Document, Notice, Summary, Table
from strategies import amount_text, count_text, date_text, field_value, fields_for
from html_parts import Parsed

D = Decimal
FIELDS = {
    "income": "5000",
    "expenses": "2000",
    "name": "王小明",
    "lender": "某某平台",
    "owed": "30000",
    "reasons": ["illness"],
    "loans": ["online"],
    "situation": ["collection"],
    "monthly": "2700",
    "months": "12",
    "total": "30000",
    "start": "2026-06-15",
}


def test_realistic_pack_has_all_four_parts_in_order():
    view = tool(FIELDS)
    kinds = [type(b).__name__ for b in view.blocks]
    assert kinds.index("Summary") < kinds.index("Table") < kinds.index("Checklist") < kinds.index("Document")
    budget, proposal = [b for b in view.blocks if isinstance(b, Summary)]
    assert [f.value for f in budget.figures] == ["5,000.00 元", "2,000.00 元", "3,000.00 元", "2,700.00 元"]
    assert {f.label: f.value for f in proposal.figures} == {"每月还款": "2,700.00 元", "期数": "12 期", "合计": "30,000.00 元"}
    (table,) = [b for b in view.blocks if isinstance(b, Table)]
    assert len(table.rows) == 12 and table.rows[0][1] == "2026-06-15" and table.rows[-1][1] == "2027-05-15"
    assert sum(D(row[2].replace(",", "").removesuffix(" 元")) for row in table.rows) == D("30000")
    assert table.rows[-1][2] == "300.00 元" and table.rows[-1][3] == "0.00 元"
    assert (view.downloads[0].filename, view.downloads[0].text) == (letter.FILENAME, letter.compose(letter.parse(FIELDS)))


def test_the_pack_reuses_the_checklist_and_the_letter():
    for reasons, situations in itertools.product([(), ("illness",), ("job_loss", "family")], [(), ("sued",)]):
        fields = {**FIELDS, "reasons": list(reasons), "situation": list(situations), "details": "情况说明"}
        view = tool(fields)
        lists = [b for b in view.blocks if isinstance(b, Checklist)]
        assert lists == list(checklist.checklist_blocks(checklist.materials(reasons, ("online",), situations)))
        (document,) = [b for b in view.blocks if isinstance(b, Document)]
        assert document.text == letter.compose(letter.parse(fields))


def test_without_budget_or_start_it_points_to_the_tools():
    view = tool({k: v for k, v in FIELDS.items() if k not in ("income", "expenses", "start")})
    titles = [b.title for b in view.blocks if isinstance(b, Notice)]
    assert "还没有填收入和必要支出" in titles
    assert not any(isinstance(b, Table) for b in view.blocks)


def test_a_plan_above_the_safe_amount_is_flagged():
    view = tool({**FIELDS, "monthly": "2800", "total": ""})
    assert any("超过了你留出余量后能还的钱" in b.title for b in view.blocks if isinstance(b, Notice))
    view = tool({**FIELDS, "expenses": "6000"})
    assert any("超过了你留出余量后能还的钱" in b.title for b in view.blocks if isinstance(b, Notice))


def test_down_payment_comes_first_in_the_schedule():
    view = tool({**FIELDS, "down_payment": "3000", "total": "", "months": "10"})
    (table,) = [b for b in view.blocks if isinstance(b, Table)]
    assert table.rows[0][0] == "首期" and table.rows[0][2] == "3,000.00 元"
    assert table.footer[2] == "30,000.00 元"


def test_errors_from_every_part_are_reported_together():
    with pytest.raises(InputErrors) as caught:
        tool({**FIELDS, "name": "", "start": "明天", "income": "很多", "months": "x"})
    assert {e.field for e in caught.value.errors} == {"name", "start", "income", "months"}


def test_hostile_text_is_inert():
    hostile = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:x">'
    short = "<img src=x onerror=alert(1)>"
    view = tool({**FIELDS, "name": short, "lender": hostile, "details": hostile, "loan_number": short, "phone": short})
    html = to_html(view)
    parsed = Parsed(html)
    assert "<script" not in html and "<img" not in html
    assert not any(name.startswith("on") or "javascript:" in (value or "") for name, value in parsed.attrs)
    shown = "".join(parsed.text)
    assert hostile in shown and f"申请人：{short}" in shown


def test_bridge_round_trip():
    response = bridge.call("pack", FIELDS)
    assert response["ok"] and "还款计划表" in response["html"] and "协商还款申请书" in response["html"]


@given(
    fields_for(
        income=st.one_of(amount_text, field_value),
        expenses=st.one_of(amount_text, field_value),
        name=field_value,
        lender=field_value,
        owed=st.one_of(amount_text, field_value),
        reasons=st.one_of(st.lists(st.sampled_from(list(checklist.REASONS))), field_value),
        details=field_value,
        monthly=st.one_of(amount_text, field_value),
        months=count_text,
        down_payment=st.one_of(amount_text, field_value),
        total=st.one_of(amount_text, field_value),
        start=date_text,
        loans=field_value,
        situation=field_value,
    )
)
def test_any_fields_give_a_pack_or_input_errors(fields):
    try:
        view = tool(fields)
    except (InputError, InputErrors):
        return
    html = to_html(view)
    assert "<script" not in html and "<img" not in html
    tables = [b for b in view.blocks if isinstance(b, Table)]
    for table in tables:
        assert sum(D(row[2].replace(",", "").removesuffix(" 元")) for row in table.rows) == D(table.footer[2].replace(",", "").removesuffix(" 元"))


@given(fields_for(name=st.just("甲"), lender=st.just("乙"), owed=st.just("9000"), details=st.just("说明"), monthly=amount_text, months=count_text, start=date_text, total=amount_text, down_payment=amount_text))
def test_plausible_packs(fields):
    try:
        view = tool(fields)
    except (InputError, InputErrors) as error:
        errors = error.errors if isinstance(error, InputErrors) else (error,)
        assert all(e.message.strip() for e in errors)
        return
    assert any(isinstance(b, Document) for b in view.blocks)
