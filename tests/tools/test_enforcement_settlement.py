"""The enforcement settlement (执行和解申请): its schedule comes from make_plan; stances only when ticked; typed text stays text."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from document_checks import HOSTILE, assert_inert, assert_only_in_its_place, assert_prepared_by_reader, document

from calculators import bridge
from calculators.core import schedule
from calculators.core.inputs import InputError, InputErrors
from calculators.core.view import Notice, Table
from calculators.tools import plan
from calculators.tools.enforcement_settlement import tool as answer


def tool(fields, today=None):
    """The tool as the page calls it: the reader's date, when given, in fields["today"]."""
    return answer({**fields, "today": today.isoformat()} if today else fields)

D = Decimal


# ---------------------------------------------------------------- 执行和解申请

SETTLEMENT = {
    "name": "王小明",
    "applicant": "某某消费金融有限公司",
    "court": "某某区人民法院",
    "total": "30000",
    "monthly": "3000",
    "start": "2026-06-15",
}


def test_settlement_schedule_comes_from_make_plan():
    view = tool({**SETTLEMENT, "down_payment": "2000", "owed": "32000"})
    text = document(view)
    expected = schedule.make_plan(D("30000"), dt.date(2026, 6, 15), monthly=D("3000"), down_payment=D("2000"))
    for item in expected.installments:
        assert f"{item.due.isoformat()}　{item.amount:,.2f} 元" in text
    assert "2026 年 6 月 15 日 支付首期 2,000.00 元，之后每月支付 3,000.00 元，共 10 期，最后一期 1,000.00 元，合计 30,000.00 元。" in text
    assert "执行通知书上写的执行金额是 32,000.00 元。" in text
    assert "这个方案合计比执行金额少 2,000.00 元" in text
    assert "第二百四十一条" in text and "请将本申请转交申请执行人某某消费金融有限公司。" in text
    assert_prepared_by_reader(text)
    table = next(b for b in view.blocks if isinstance(b, Table))
    assert len(table.rows) == len(expected.installments) and table.footer[2] == "30,000.00 元"
    warning = "".join(next(b for b in view.blocks if isinstance(b, Notice)).paragraphs)
    assert "第一条第（六）项" in warning and "恢复执行" in warning


def test_settlement_states_inability_to_pay_only_when_the_reader_ticks_it():
    for owed in ("", "32000"):
        plain = document(tool({**SETTLEMENT, "owed": owed}))
        assert "没有能力" not in plain and "我愿意履行" not in plain
        assert ("执行通知书上写的执行金额是 32,000.00 元。\n" in plain) == bool(owed)
        ticked = document(tool({**SETTLEMENT, "owed": owed, "cannot_pay_at_once": True}))
        assert "我愿意履行，但目前没有能力一次付清。" in ticked
        assert ("执行通知书上写的执行金额是 32,000.00 元。我愿意履行" in ticked) == bool(owed)


def test_settlement_states_the_payment_accounts_only_when_the_reader_ticks_it():
    line = "我只向法院指定的账户或申请执行人的对公账户付款，并保存每一笔付款凭证。"
    assert line not in document(tool(SETTLEMENT))
    assert line not in document(tool({**SETTLEMENT, "official_account": False}))
    assert line in document(tool({**SETTLEMENT, "official_account": True}))
    assert line in document(tool({**SETTLEMENT, "official_account": "on"}))


def test_settlement_says_the_dishonest_list_is_possible_with_its_conditions():
    view = tool(SETTLEMENT)
    warning = "".join(next(b for b in view.blocks if isinstance(b, Notice)).paragraphs)
    assert "纳入失信" not in warning and "应当" not in warning
    assert "判决等文书确定的义务还没有履行完，又无正当理由拒不履行执行和解协议的，可能被列入失信被执行人名单" in warning
    assert "确实没有钱还，本身不是列入的理由（同一规定第三条）" in warning


def test_settlement_every_combination():
    for down, owed, details, months in itertools.product(["", "0", "1500"], ["", "20000", "30000", "45000"], ["", "去年失业，现在打零工。"], ["3000", "2999.99"]):
        fields = {**SETTLEMENT, "down_payment": down, "owed": owed, "details": details, "monthly": months}
        text = document(tool(fields))
        expected = schedule.make_plan(D("30000"), dt.date(2026, 6, 15), monthly=D(months), down_payment=D(down or "0"))
        lines = [line for line in text.split("\n") if "　" in line]
        assert len(lines) == len(expected.installments)
        assert sum(D(line.split("　")[2].replace(",", "").replace(" 元", "")) for line in lines) == D("30000")
        assert "合计 30,000.00 元。" in text
        assert ("首期　" in text) == bool(down and D(down) > 0)
        assert ("执行通知书上写的执行金额" in text) == bool(owed)
        assert ("恳请申请执行人同意减免" in text) == bool(owed and D(owed) > D("30000"))
        assert ("我的情况是：" in text) == bool(details)
        assert_prepared_by_reader(text)


def test_settlement_never_restates_a_total_that_disagrees_with_the_schedule():
    # 10 x 2,999.99 leaves 0.10 for an eleventh payment: the document says 11 payments, never "10 x 3,000".
    text = document(tool({**SETTLEMENT, "monthly": "2999.99"}))
    assert "共 11 期，最后一期 0.10 元，合计 30,000.00 元" in text


def test_settlement_optional_fields_stay_in_their_place():
    for field, value, times in [("phone", "13800001111", 1), ("case_number", "（2026）某执 7 号", 1), ("details", "每月收入约四千元。", 1)]:
        assert_only_in_its_place(tool, SETTLEMENT, field, value, times)


def test_settlement_errors_name_the_fields():
    with pytest.raises(InputErrors) as caught:
        tool({})
    assert {e.field for e in caught.value.errors} == {"name", "applicant", "court", "total", "monthly", "start"}
    with pytest.raises(InputError) as caught:
        tool({**SETTLEMENT, "down_payment": "40000"})
    assert caught.value.field == "down_payment"
    assert caught.value.message == "首期金额不能超过应还的总额。"  # the plan tool's words for make_plan's refusal


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"monthly": "40000"}, "每月还款额比要还的 30,000.00 元还多，一次就能还清。每月金额最多填 30000.00。"),
        ({"monthly": "40000", "down_payment": "2000"}, "首期和缓冲期之后只剩 28,000.00 元 要还，每月还款额不能比这还多。"),
        ({"monthly": "50"}, "按这个金额要还 600 期，超过了本工具计算的上限 360 期（30 年）。请提高每月还款额。"),
    ],
)
def test_settlement_says_make_plans_refusals_on_the_monthly_amount(changes, message):
    with pytest.raises(InputError) as caught:
        tool({**SETTLEMENT, **changes})
    assert (caught.value.field, caught.value.message) == ("monthly", message)


def test_settlement_prefill_keys_exist_in_the_plan_tools_data():
    data = plan.tool({"total": "30000", "monthly": "3000", "start": "2026-06-15", "down_payment": "2000"}).data
    for key in ("total", "monthly", "down_payment"):
        assert isinstance(data[key], str)
    text = document(tool({**SETTLEMENT, "total": data["total"], "monthly": data["monthly"], "down_payment": data["down_payment"]}))
    assert "合计 30,000.00 元" in text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_settlement_hostile_text_is_inert(hostile):
    view = tool({**SETTLEMENT, "name": hostile, "applicant": hostile, "court": hostile, "details": hostile})
    assert_inert(view, f"被执行人：{hostile}", f"我的情况是：{hostile}")


def test_bridge_round_trips():
    response = bridge.call("enforcement_settlement", SETTLEMENT)
    assert response["ok"]
    assert response["downloads"][0]["filename"].endswith(".txt") and "王小明" in response["downloads"][0]["text"]
