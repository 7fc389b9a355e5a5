"""The payment order objection (支付令异议书): every combination of grounds and amounts; typed text stays text and stays in its place."""

import itertools
from decimal import Decimal

import pytest
from html_parts import Parsed
from document_checks import HOSTILE, TODAY, assert_inert, assert_only_in_its_place, assert_prepared_by_reader, document, subsets

from calculators import bridge
from calculators.core.inputs import InputError, InputErrors
from calculators.core.view import Document, Notice
from calculators.documents.payment_order_objection import GROUNDS
from calculators.tools.payment_order_objection import tool as answer


def tool(fields, today=None):
    """The tool as the page calls it: the reader's date, when given, in fields["today"]."""
    return answer({**fields, "today": today.isoformat()} if today else fields)

D = Decimal


# ---------------------------------------------------------------- 支付令异议书

OBJECTION = {
    "stance": "dispute",
    "name": "王小明",
    "court": "某某区人民法院",
    "creditor": "某某小额贷款有限公司",
    "grounds": ["amount"],
}


def test_objection_realistic():
    view = tool(
        {**OBJECTION, "grounds": ["amount", "upfront", "repaid"], "claimed": "1.2万", "actual_received": "8000", "repaid": "3000", "received": "2026-05-06", "case_number": "（2026）某0101民督88号"},
        today=TODAY,
    )
    text = document(view)
    assert text.startswith("支付令异议书\n\n异议人：王小明\n支付令申请人：某某小额贷款有限公司\n支付令案号：（2026）某0101民督88号\n")
    for part in (
        "请求贵院依法审查本异议，裁定终结督促程序。",
        "我于 2026 年 5 月 6 日 收到贵院发出的支付令。我对支付令所列的债务本身有异议",
        "1. 支付令要求我支付 12,000.00 元，这个金额与我实际欠的不符。",
        "2. 放款时，借款中预先扣除了利息或费用，我实际收到的是 8,000.00 元。《民法典》第六百七十条规定",
        "3. 我已经还过的款项（共 3,000.00 元）没有从支付令要求的金额中扣除。",
        "此致\n某某区人民法院\n\n异议人：王小明\n日期：      年    月    日",
    ):
        assert part in text, part
    assert_prepared_by_reader(text)
    titles = [b.title for b in view.blocks if isinstance(b, Notice)]
    assert "异议最晚要在 2026-05-21（星期四）交到法院" in titles
    assert "你不是一个人在扛" in titles and "免费的法律帮助" in titles
    links = [link.path for b in view.blocks if isinstance(b, Notice) for link in b.links]
    assert "tools/rate/" in links


def test_objection_every_combination_of_grounds_and_amounts():
    amounts = {"claimed": ("amount", "12,345.00 元"), "actual_received": ("upfront", "6,789.00 元"), "repaid": ("repaid", "1,111.00 元")}
    for grounds in subsets(list(GROUNDS)):
        for give_amounts, details, received in itertools.product([False, True], ["", "合同写的是月息 2%。"], ["", "2026-05-06"]):
            fields = {**OBJECTION, "grounds": list(grounds), "details": details, "received": received}
            if give_amounts:
                fields.update(claimed="12345", actual_received="6789", repaid="1111")
            if not grounds or ("other" in grounds and not details):
                with pytest.raises(InputErrors) as caught:
                    tool(fields, today=TODAY)
                assert [e.field for e in caught.value.errors] == (["grounds"] if not grounds else ["details"])
                continue
            text = document(tool(fields, today=TODAY))
            numbered = [line for line in text.split("\n") if line[:1].isdigit() and line[1:3] == ". "]
            assert len(numbered) == len(grounds)
            for field, (ground, shown) in amounts.items():
                assert (shown in text) == (give_amounts and ground in grounds), (field, grounds)
            assert ("第六百七十条" in text) == ("upfront" in grounds)
            assert ("我没有向申请人借过这笔钱" in text) == ("not_mine" in grounds)
            assert ("补充说明：合同写的是月息 2%。" in text) == bool(details)
            assert ("2026 年 5 月 6 日" in text) == bool(received)
            assert "还不起" not in text and "没有能力" not in text  # 第四百三十六条: hardship is no objection
            assert_prepared_by_reader(text)


def test_objection_optional_fields_stay_in_their_place():
    base = {**OBJECTION, "grounds": ["interest_fees"]}
    for field, value, times in [
        ("phone", "13800001111", 1),
        ("address", "某市某路 8 号", 1),
        ("case_number", "（2026）某民督 9 号", 1),
        ("evidence", "借款合同和银行流水", 1),
        ("details", "月费率写在第五页。", 1),
    ]:
        assert_only_in_its_place(tool, base, field, value, times, today=TODAY)


def test_cannot_pay_gets_no_objection_but_the_reason_and_the_deadline():
    view = tool({"stance": "cannot_pay", "received": "2026-05-06", **{k: v for k, v in OBJECTION.items() if k != "stance"}}, today=TODAY)
    assert not [b for b in view.blocks if isinstance(b, Document)] and view.downloads == ()
    text = "".join(p for b in view.blocks if isinstance(b, Notice) for p in b.paragraphs)
    assert "第四百三十六条" in text and "不影响支付令的效力" in text and "15 日照常计算" in text
    assert any(b.title.startswith("异议最晚要在 2026-05-21") for b in view.blocks if isinstance(b, Notice))


def test_objection_needs_a_stance_first():
    with pytest.raises(InputError) as caught:
        tool({}, today=TODAY)
    assert caught.value.field == "stance"
    with pytest.raises(InputErrors) as caught:
        tool({"stance": "dispute"}, today=TODAY)
    assert {e.field for e in caught.value.errors} == {"grounds", "name", "court", "creditor"}


def test_objection_late_says_so():
    view = tool({**OBJECTION, "received": "2026-04-01"}, today=TODAY)
    late = next(b for b in view.blocks if isinstance(b, Notice) and b.level == "danger")
    assert "第四百三十一条" in "".join(late.paragraphs) and "2026-04-16" in late.title


def test_objection_judges_lateness_on_the_readers_date_sent_by_the_page():
    fields = {**OBJECTION, "received": "2026-04-01"}
    in_time = bridge.call("payment_order_objection", {**fields, "today": "2026-04-10"})
    late = bridge.call("payment_order_objection", {**fields, "today": "2026-05-08"})
    assert "异议最晚要在 2026-04-16" in "".join(Parsed(in_time["html"]).text)
    assert "15 日已经在 2026-04-16（星期四）" in "".join(Parsed(late["html"]).text)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_objection_hostile_text_is_inert(hostile):
    fields = {**OBJECTION, "grounds": ["other"], "name": hostile, "court": hostile, "creditor": hostile, "details": hostile, "evidence": hostile, "address": hostile}
    view = tool(fields, today=TODAY)
    assert_inert(view, f"异议人：{hostile}", f"补充说明：{hostile}")


def test_bridge_round_trips():
    response = bridge.call("payment_order_objection", OBJECTION)
    assert response["ok"]
    assert response["downloads"][0]["filename"].endswith(".txt") and "王小明" in response["downloads"][0]["text"]
