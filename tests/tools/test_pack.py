"""pack: one page built from the other tools, never a second copy of their logic."""

import datetime as dt
import itertools
import json
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.documents import negotiation_letter

from calculators.core.schedule import MAX_INSTALLMENTS, Installment, Plan, labels, make_plan, schedule_table
from calculators.tools import checklist, letter
from calculators.core.inputs import InputError, InputErrors
from calculators.tools.pack import tool as _tool
from calculators.core.render import to_html
from calculators.core.view import Checklist, Document, Notice, Summary, Table
from strategies import amount_text, count_text, date_text, field_value, fields_for, letter_form
from document_checks import view_or_refusal
from html_parts import Parsed

D = Decimal


def tool(fields):
    """The tool as the page calls it: with the reader's date (a fixed day, so the tests do not age)."""
    return _tool({"today": "2026-11-30", **fields} if isinstance(fields, dict) else fields)
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
    "today": "2026-11-30",
}


def test_realistic_pack_has_all_four_parts_in_order():
    view = tool(FIELDS)
    kinds = [type(b).__name__ for b in view.blocks]
    assert kinds.index("Summary") < kinds.index("Table") < kinds.index("Checklist") < kinds.index("Document")
    budget, proposal = [b for b in view.blocks if isinstance(b, Summary)]
    assert [f.value for f in budget.figures] == ["5,000.00 元", "2,000.00 元", "3,000.00 元", "2,700.00 元"]
    assert {f.label: f.value for f in proposal.figures} == {
        "每月还款": "2,700.00 元",
        "期数": "12 期",
        "最后一期": "300.00 元（2027-05-15）",
        "合计": "30,000.00 元",
    }
    (table,) = [b for b in view.blocks if isinstance(b, Table)]
    assert len(table.rows) == 12 and table.rows[0][1] == "2026-06-15" and table.rows[-1][1] == "2027-05-15"
    assert sum(D(row[2].replace(",", "").removesuffix(" 元")) for row in table.rows) == D("30000")
    assert table.rows[-1][2] == "300.00 元" and table.rows[-1][3] == "0.00 元"
    assert (view.downloads[0].filename, view.downloads[0].text) == (negotiation_letter.FILENAME, negotiation_letter.compose(letter.parse(FIELDS)))


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
    view = tool({**FIELDS, "monthly": "2800", "months": "11", "total": ""})
    assert any("超过了你留出余量后能还的钱" in b.title for b in view.blocks if isinstance(b, Notice))
    view = tool({**FIELDS, "expenses": "6000"})
    assert any("超过了你留出余量后能还的钱" in b.title for b in view.blocks if isinstance(b, Notice))


def test_a_plan_within_a_small_budget_is_not_called_too_high():
    # 100.00 left, 90.00 after the margin: below the budget's minimum offer, and 50 a month is within it.
    fields = {**FIELDS, "income": "1100", "expenses": "1000", "monthly": "50", "months": "12", "total": "600"}
    titles = [b.title for b in tool(fields).blocks if isinstance(b, Notice)]
    assert not any("超过了你留出余量后能还的钱" in title for title in titles)
    assert "留出余量后每月不到 100.00 元，暂时没有可以提出的金额。" in titles
    assert "你不是一个人在扛" in titles
    titles = [b.title for b in tool({**fields, "monthly": "95", "months": "10", "total": "950"}).blocks if isinstance(b, Notice)]
    assert any("超过了你留出余量后能还的钱" in title for title in titles)


def test_the_packs_table_is_the_plans_table_for_the_same_schedule():
    view = tool({**FIELDS, "down_payment": "3000", "total": "", "months": "10"})
    (table,) = [b for b in view.blocks if isinstance(b, Table)]
    schedule = make_plan(D("30000"), dt.date(2026, 6, 15), monthly=D("2700"), months=10, down_payment=D("3000"))
    assert table == schedule_table(schedule)


def test_down_payment_comes_first_in_the_schedule():
    view = tool({**FIELDS, "down_payment": "3000", "total": "", "months": "10"})
    (table,) = [b for b in view.blocks if isinstance(b, Table)]
    assert table.rows[0][0] == "首期" and table.rows[0][2] == "3,000.00 元"
    assert table.footer[2] == "30,000.00 元"


def test_errors_from_every_part_are_reported_together():
    with pytest.raises(InputErrors) as caught:
        tool({**FIELDS, "name": "", "start": "明天", "income": "很多", "months": "x"})
    assert {e.field for e in caught.value.errors} == {"name", "start", "income", "months"}


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"months": "13", "total": ""}, "months", "按每月 2,700.00 元，12 期就能还清目前的欠款（最后一期 300.00 元）。请把期数改成 12。"),
        ({"months": "11"}, "total", "按每月 2,700.00 元，这个合计要还 12 期（最后一期 300.00 元）。按填的期数算，合计是 29,700.00 元。请让期数、每月金额和合计对上；合计也可以空着，自动计算。"),
        ({"deferral_amount": "100"}, "deferral_months", "填了缓冲期每月金额，也请填缓冲期有几个月。"),
    ],
)
def test_the_pack_says_a_refused_proposal_as_the_letter_does(changes, field, message):
    """The pack's proposal is the letter's: make_plan's refusals reach the reader in the letter's words."""
    with pytest.raises(InputErrors) as caught:
        tool({**FIELDS, **changes})
    assert [(e.field, e.message) for e in caught.value.errors] == [(field, message)]


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
        **letter_form,
        income=st.one_of(amount_text, field_value),
        expenses=st.one_of(amount_text, field_value),
        reasons=st.one_of(st.lists(st.sampled_from(list(checklist.REASONS))), field_value),
        start=date_text,
        loans=field_value,
        situation=field_value,
    )
)
def test_any_fields_give_a_pack_or_input_errors(fields):
    view = view_or_refusal(tool, fields)
    if view is None:
        return
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


def run(fields: dict) -> dict:
    return json.loads(bridge.run(json.dumps({"tool": "pack", "fields": {**FIELDS, **fields}}, ensure_ascii=False)))


def table_rows(html: str) -> list:
    body = re.search(r"<caption>还款计划表</caption>.*?<tbody[^>]*>(.*?)</tbody>", html, re.S).group(1)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)]


def test_defect_2_the_pack_states_the_count_of_its_own_table():
    """Issue 10, defect 2: 1000 x 10 with total 10500 read 期数 10 期 above an 11-row table."""
    refused = run({"owed": "10500", "monthly": "1000", "months": "10", "total": "10500", "start": "2027-01-01"})
    assert refused["ok"] is False and refused["errors"][0]["field"] == "total"
    fitted = run({"owed": "10500", "monthly": "1000", "months": "11", "total": "10500", "start": "2027-01-01"})
    rows = table_rows(fitted["html"])
    assert len(rows) == 11 == fitted["data"]["months"] and "<dt>期数</dt><dd>11 期</dd>" in fitted["html"]
    assert rows[-1][2] == "500.00 元"
    over = run({"owed": "1000", "monthly": "3000", "months": "12", "total": ""})
    assert over["errors"][0]["field"] == "monthly"


def test_defect_13_a_lawsuit_brings_the_court_notice_and_the_help_lines():
    """Issue 10, defect 13: the pack with 已被起诉 left out the checklist's court notice."""
    response = run({"situation": ["sued"]})
    assert "收到法院材料，不要放着不管" in response["html"] and "十五日内" in response["html"]
    assert "tel:12356" in response["html"] and "tel:12348" in response["html"]
    view = tool({**FIELDS, "situation": ["sued"]})
    assert checklist.SUED in view.blocks
    calm = run({"situation": ["collection"]})
    assert "十五日内" not in calm["html"] and "tel:12356" not in calm["html"]
    broke = run({"income": "2000", "expenses": "2500"})
    assert "tel:12356" in broke["html"] and "每月缺口" in broke["html"]


plans = st.fixed_dictionaries(
    {
        "total": st.decimals(min_value=D("0.01"), max_value=10**6, places=2),
        "shape": st.one_of(
            st.tuples(st.just("monthly"), st.decimals(min_value=D("0.01"), max_value=10**5, places=2)),
            st.tuples(st.just("months"), st.integers(min_value=1, max_value=MAX_INSTALLMENTS)),
        ),
        "down_tenths": st.sampled_from([0, 0, 1, 3]),
        "deferral": st.sampled_from([(0, "0"), (0, "0"), (2, "0"), (3, "0.01"), (6, "50")]),
        "waiver": st.sampled_from(["", "", "100", "0.01"]),
        "start": st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2036, 11, 30)),
    }
)


def amounts_of(rows) -> list:
    return [D(row[2].replace(",", "").removesuffix(" 元")) for row in rows]


@given(plans)
def test_letter_and_pack_state_exactly_the_plan(case):
    """Issue 10 invariants, over the same random inputs: the letter's and the pack's count,
    installments and total equal the plan's schedule; the pack's table has exactly the stated
    number of rows; no installment is zero or negative."""
    mode, value = case["shape"]
    down = (case["total"] * case["down_tenths"] / 10).quantize(D("0.01"))
    deferral_months, deferral_amount = case["deferral"]
    plan_fields = {
        "today": "2026-11-30",
        "total": str(case["total"]),
        "waiver": case["waiver"],
        "mode": mode,
        mode: str(value),
        "down_payment": str(down),
        "deferral_months": str(deferral_months),
        "deferral_amount": deferral_amount,
        "start": case["start"].isoformat(),
    }
    made = json.loads(bridge.run(json.dumps({"tool": "plan", "fields": plan_fields})))
    if not made["ok"]:
        return
    data = made["data"]
    schedule = data["schedule"]
    assert all(D(row["amount"]) > 0 for row in schedule)
    if data["months"] == 0:
        return  # a down payment settles it all: there is nothing to propose month by month
    # the pages prefill the letter and the pack from these keys (data-prefill="plan.<key>")
    prefilled = {key: str(data[key]) for key in ("monthly", "months", "total", "down_payment", "deferral_months", "deferral_amount")}
    person = {"today": "2026-11-30", "name": "甲", "lender": "乙", "details": "说明", "owed": str(case["total"])}
    written = json.loads(bridge.run(json.dumps({"tool": "letter", "fields": {**person, **prefilled}})))
    assert written["ok"], written
    assert [(r["amount"], r["kind"]) for r in written["data"]["schedule"]] == [(r["amount"], r["kind"]) for r in schedule]
    assert written["data"]["months"] == data["months"] and written["data"]["total"] == data["total"]
    text = written["downloads"][0]["text"]
    assert f"共 {data['months']} 期" in text and f"合计 {D(data['total']):,.2f} 元" in text
    packed = json.loads(bridge.run(json.dumps({"tool": "pack", "fields": {**person, **prefilled, "start": data["start"]}})))
    assert packed["ok"], packed
    rows = table_rows(packed["html"])
    assert [(row[0], row[1]) for row in rows] == list(zip(labels(_plan_like(schedule)), [r["date"] for r in schedule]))
    assert amounts_of(rows) == [D(r["amount"]) for r in schedule]
    assert f"<dt>期数</dt><dd>{data['months']} 期</dd>" in packed["html"]
    assert sum(1 for row in rows if row[0].isdigit()) == data["months"]
    assert f"<dt>合计</dt><dd>{D(data['total']):,.2f} 元</dd>" in packed["html"]
    assert packed["data"]["months"] == data["months"] and packed["data"]["total"] == data["total"]


def _plan_like(schedule):
    """A Plan with the schedule's kinds, for its row labels."""
    items = tuple(Installment(n=r["n"], due=dt.date.fromisoformat(r["date"]), amount=D(r["amount"]), remaining=D(r["remaining"]), kind=r["kind"]) for r in schedule)
    return Plan(total=D("0"), monthly=D("0"), installments=items)
