"""letter: a polite, factual letter for every choice of reasons and plan shape; typed text stays text."""

import datetime as dt
import itertools
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge

from calculators.core import schedule
from calculators.tools.checklist import REASONS, evidence_names
from calculators.core.inputs import InputError, InputErrors
from calculators.documents.negotiation_letter import FILENAME, Letter, Proposal, compose
from calculators.tools.letter import parse, tool as _tool
from calculators.core.render import to_html
from calculators.core.view import Document, Notice
from strategies import date_text, field_value, fields_for, letter_form
from document_checks import view_or_refusal
from html_parts import Parsed

D = Decimal


def tool(fields):
    """The tool as the page calls it: with the reader's date (a fixed day, so the tests do not age)."""
    return _tool({"today": "2026-11-30", **fields} if isinstance(fields, dict) else fields)
HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>', "&lt;b&gt;"]
FIELDS = {
    "name": "王小明",
    "lender": "某某消费金融有限公司",
    "loan_number": "XF-2024-0088",
    "owed": "30,000",
    "overdue_since": "2026-03-05",
    "reasons": ["job_loss"],
    "details": "公司在二月裁员。",
    "monthly": "3000",
    "months": "10",
    "phone": "13800000000",
    "dated": "2026-05-20",
    "today": "2026-11-30",
}


def letter_text(view) -> str:
    return next(b for b in view.blocks if isinstance(b, Document)).text


def test_realistic_letter_states_everything_the_lender_needs():
    view = tool(FIELDS)
    text = letter_text(view)
    for part in [
        "协商还款申请书",
        "某某消费金融有限公司：",
        "我是借款人王小明，借款合同编号 XF-2024-0088",
        "30,000.00 元",
        "自 2026 年 3 月 5 日 起",
        "没有逃避",
        "我失去了工作",
        "公司在二月裁员。",
        "解除或终止劳动合同的证明",
        "每月还款 3,000.00 元，共 10 期，合计 30,000.00 元。",
        "书面协议",
        "违约责任",
        "生效条件",
        "官方 App 或对公账户",
        "13800000000",
        "申请人：王小明",
        "日期：2026 年 5 月 20 日",
    ]:
        assert part in text, part
    assert "减免" not in text.split("三、请求")[0]  # the plan repays it all and no waiver was asked
    (download,) = view.downloads
    assert download.filename == FILENAME and download.text == text and download.mime.startswith("text/plain")
    assert view.data["monthly"] == "3000.00" and view.data["months"] == 10 and view.data["total"] == "30000.00"


def test_every_combination_of_reasons_and_plan_shape():
    combos = itertools.product(
        [c for r in range(len(REASONS) + 1) for c in itertools.combinations(REASONS, r)],
        ["", "2000"],  # down payment
        ["", "28000", "29000", "32000"],  # stated total
        [False, True],  # ask for a waiver
        ["", "写一句情况。"],
    )
    for reasons, down, total, waiver, details in combos:
        fields = {**FIELDS, "reasons": list(reasons), "down_payment": down, "total": total, "ask_waiver": waiver, "details": details}
        if not reasons and not details:
            with pytest.raises(InputErrors) as caught:
                tool(fields)
            assert [e.field for e in caught.value.errors] == ["details"]
            continue
        offered = D(total) if total else min(D(down or 0) + 30000, D("30000"))
        rest = offered - D(down or 0)
        if offered > 30000 or not schedule.fits(rest, D("3000"), 10):
            with pytest.raises((InputError, InputErrors)) as caught:
                tool(fields)
            errors = caught.value.errors if isinstance(caught.value, InputErrors) else (caught.value,)
            assert [e.field for e in errors] == ["total"]
            continue
        view = tool(fields)
        text = letter_text(view)
        assert f"合计 {offered:,.2f} 元" in text
        assert ("先还首期 2,000.00 元，之后每月" in text) == bool(down)
        last = rest - 3000 * 9
        assert (f"最后一期 {last:,.2f} 元" in text) == (last != 3000)
        asks = "恳请贵司考虑减免" in text
        assert asks == (offered < D("30000") or waiver)
        assert ("比目前的欠款少" in text) == (offered < D("30000"))
        names = evidence_names(reasons)
        if names:
            assert "；".join(names) in text
        else:
            assert "相关的证明材料，我可以按贵司的要求提供。" in text
        assert ("具体情况是：写一句情况。" in text) == bool(details)
        assert [D(row["amount"]) for row in view.data["schedule"]] == [i.amount for i in schedule.make_plan(
            offered, dt.date(2026, 12, 30), monthly=D("3000"), months=10, down_payment=D(down or 0)
        ).installments]


def run(fields: dict) -> dict:
    return json.loads(bridge.run(json.dumps({"tool": "letter", "fields": {**FIELDS, **fields}}, ensure_ascii=False)))


def test_defect_2_a_monthly_amount_or_down_payment_above_the_debt_is_refused():
    """Issue 10, defect 2: owed 1000 with 3000 a month for 12 months gave 合计 36,000.00; a down payment
    of 50000 on 30000 gave 80000."""
    response = run({"owed": "1000", "monthly": "3000", "months": "12"})
    assert response["ok"] is False and response["errors"][0]["field"] == "monthly"
    assert "比目前欠款还多" in response["errors"][0]["message"] and "36,000" not in json.dumps(response, ensure_ascii=False)
    response = run({"owed": "30000", "down_payment": "50000", "monthly": "1000", "months": "10"})
    assert [e["field"] for e in response["errors"]] == ["down_payment"]


def test_defect_2_a_typed_total_that_does_not_fit_is_refused_with_the_computed_figure():
    """Issue 10, defect 2: monthly 1000 x 10 with total 10500 read 合计 10,500.00（最后一期按剩余金额结清）."""
    response = run({"owed": "10500", "monthly": "1000", "months": "10", "total": "10500"})
    assert response["ok"] is False
    (error,) = response["errors"]
    assert error["field"] == "total"
    assert "10,000.00 元" in error["message"] and "11 期" in error["message"] and "10,500" not in error["message"]
    fitted = run({"owed": "10500", "monthly": "1000", "months": "11", "total": "10500"})
    text = fitted["downloads"][0]["text"]
    assert "每月还款 1,000.00 元，共 11 期，最后一期 500.00 元，合计 10,500.00 元。" in text
    without_total = run({"owed": "10500", "monthly": "1000", "months": "12"})
    assert without_total["errors"][0]["field"] == "months" and "11 期就能还清" in without_total["errors"][0]["message"]


@pytest.mark.parametrize(
    "fields, field, message",
    [
        # a count that does not fit: the letter's own words, on the total when one was typed, else on the count
        ({"owed": "10500", "monthly": "1000", "months": "12"}, "months", "按每月 1,000.00 元，11 期就能还清目前的欠款（最后一期 500.00 元）。请把期数改成 11。"),
        ({"owed": "10500", "monthly": "1000", "months": "10", "total": "10500"}, "total",
         "按每月 1,000.00 元，这个合计要还 11 期（最后一期 500.00 元）。按填的期数算，合计是 10,000.00 元。请让期数、每月金额和合计对上；合计也可以空着，自动计算。"),
        ({"owed": "10500", "monthly": "1000", "months": "12", "total": "10500"}, "total",  # 12 x 1000 is above what is owed: no total to suggest
         "按每月 1,000.00 元，这个合计要还 11 期（最后一期 500.00 元）。请让期数、每月金额和合计对上；合计也可以空着，自动计算。"),
        # anything else make_plan refuses: the plan tool's words, on the letter's field of the same name
        ({"owed": "10000", "monthly": "1000", "months": "10", "deferral_amount": "100"}, "deferral_months", "填了缓冲期每月金额，也请填缓冲期有几个月。"),
        ({"owed": "10000", "monthly": "1000", "months": "8", "deferral_months": "2", "deferral_amount": "1000"}, "deferral_amount", "缓冲期每月的金额，应当比正常的每月还款额少。"),
        ({"owed": "10000", "down_payment": "5000", "monthly": "8000", "months": "1"}, "monthly", "首期和缓冲期之后只剩 5,000.00 元 要还，每月还款额不能比这还多。"),
        ({"owed": "10000", "total": "6000", "monthly": "8000", "months": "1"}, "monthly", "每月还款额比要还的 6,000.00 元还多，一次就能还清。每月金额最多填 6000.00。"),
        # the letter's own check before make_plan: nothing left for the monthly payments
        ({"owed": "10000", "down_payment": "10000", "monthly": "1000", "months": "1"}, "months", "首期和缓冲期的钱已经够还清，不需要再每月还款。请减少首期或缓冲期的金额。"),
    ],
)
def test_the_letter_says_each_refused_proposal_on_its_own_field(fields, field, message):
    assert run(fields)["errors"] == [{"field": field, "message": message}]


def test_the_letter_asks_make_plan_once_and_checks_no_fit_itself():
    """The fit is make_plan's (PlanError); the letter only words it (issue 17: no second check)."""
    import inspect

    from calculators.tools import letter

    source = inspect.getsource(letter)
    assert "fits(" not in source and "installments_needed" not in source and "regular_amounts" not in source


def test_a_plan_with_a_deferral_is_stated_as_the_plan_made_it():
    made = schedule.make_plan(D("12000"), dt.date(2026, 12, 30), monthly=D("2000"), down_payment=D("1000"), deferral_months=2, deferral_amount=D("500"))
    response = run({"owed": "12000", "down_payment": "1000", "monthly": "2000", "months": str(len(made.regular)), "deferral_months": "2", "deferral_amount": "500", "total": "12000"})
    text = response["downloads"][0]["text"]
    assert "先还首期 1,000.00 元，接下来 2 个月为缓冲期，每月还 500.00 元，之后每月还款 2,000.00 元，共 5 期，合计 12,000.00 元。" in text
    assert [row["amount"] for row in response["data"]["schedule"]] == [str(i.amount) for i in made.installments]


def test_even_split_is_stated_with_both_amounts():
    text = run({"owed": "10000", "monthly": "3333.34", "months": "3"})["downloads"][0]["text"]
    assert "每月还款 3,333.34 元，共 3 期，最后一期 3,333.33 元" not in text
    assert "共 3 期，前 1 期每期 3,333.34 元，后 2 期每期 3,333.33 元，合计 10,000.00 元。" in text


def test_defect_12_implausible_letter_dates_are_refused_with_a_reason():
    """Issue 10, defect 12: an overdue-since date in 2099 and a letter dated 2000 were accepted."""
    response = run({"overdue_since": "2099-01-01", "dated": "2000-01-01"})
    errors = {e["field"]: e["message"] for e in response["errors"]}
    assert "不能晚于今天" in errors["overdue_since"] and "10 年以前" in errors["dated"]
    assert run({"dated": "2027-01-15"})["ok"] is True  # the day it will be sent
    assert "晚了 1 年以上" in run({"dated": "2028-01-15"})["errors"][0]["message"]


def test_blank_date_leaves_room_to_write_it_by_hand():
    text = letter_text(tool({**FIELDS, "dated": ""}))
    assert text.rstrip().endswith("日期：      年    月    日")


def test_missing_fields_are_all_named():
    with pytest.raises(InputErrors) as caught:
        tool({})
    assert {e.field for e in caught.value.errors} == {"name", "lender", "owed", "details", "monthly", "months"}
    assert all(e.message and e.missing and e.label for e in caught.value.errors)


def test_bad_values_are_refused_calmly():
    with pytest.raises(InputErrors) as caught:
        tool({**FIELDS, "owed": "0", "months": "0", "overdue_since": "2026-02-30", "name": "名" * 41})
    assert {e.field for e in caught.value.errors} == {"owed", "months", "overdue_since", "name"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_every_field_is_shown_as_text(hostile):
    fields = {**FIELDS, "name": hostile, "lender": hostile, "loan_number": hostile, "details": hostile, "phone": hostile}
    view = tool(fields)
    html = to_html(view)
    parsed = Parsed(html)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert set(parsed.tags) <= {"article", "h3", "div", "p", "ul", "li", "a"}
    assert not any(name.startswith("on") or "javascript:" in (value or "") for name, value in parsed.attrs)
    shown = "".join(parsed.text)
    assert f"我是借款人{hostile}" in shown and f"申请人：{hostile}" in shown
    assert f"我是借款人{hostile}" in view.downloads[0].text


def test_single_line_fields_cannot_break_the_layout():
    view = tool({**FIELDS, "name": "王\n\n小明", "lender": "平台\r\n名称"})
    text = letter_text(view)
    assert "我是借款人王 小明" in text and "平台 名称：" in text


def test_compose_is_pure_and_matches_the_tool():
    letter = parse(FIELDS)
    assert compose(letter) == compose(letter) == letter_text(tool(FIELDS))
    assert isinstance(letter, Letter) and isinstance(letter.proposal, Proposal)
    assert (letter.proposal.monthly, letter.proposal.months, letter.proposal.down_payment, letter.proposal.total) == (D("3000.00"), 10, D("0.00"), D("30000.00"))
    assert letter.overdue_since == dt.date(2026, 3, 5)


def test_bridge_round_trip():
    response = bridge.call("letter", FIELDS)
    assert response["ok"] and response["downloads"][0]["filename"].endswith(".txt")
    assert "王小明" in response["downloads"][0]["text"]


@given(
    fields_for(
        **letter_form,
        loan_number=field_value,
        overdue_since=date_text,
        reasons=st.one_of(st.lists(st.sampled_from(list(REASONS) + ["x"])), field_value),
        ask_waiver=field_value,
        phone=field_value,
        dated=date_text,
    )
)
def test_any_fields_give_a_letter_or_input_errors(fields):
    view = view_or_refusal(tool, fields)
    if view is None:
        return
    text = letter_text(view)
    assert text.startswith("协商还款申请书\n") and "三、请求" in text
    assert view.downloads[0].text == text


def test_typed_chinese_punctuation_is_kept():
    text = letter_text(tool({**FIELDS, "details": "住院两周，花了三万（自费）：有单据；", "lender": "某某（中国）公司"}))
    assert "具体情况是：住院两周，花了三万（自费）：有单据；" in text and "某某（中国）公司：" in text
