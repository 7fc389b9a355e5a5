"""The credit record documents (征信异议申请, 不良信息说明): every combination of errors; typed text stays text."""

import itertools
from decimal import Decimal

import pytest
from document_checks import HOSTILE, assert_inert, assert_only_in_its_place, assert_prepared_by_reader, document, subsets

from calculators import bridge
from calculators.core.inputs import InputError, InputErrors
from calculators.core.view import Notice
from calculators.documents.credit_objection import ERRORS
from calculators.tools.credit_objection import tool as answer


def tool(fields, today=None):
    """The tool as the page calls it: the reader's date, when given, in fields["today"]."""
    return answer({**fields, "today": today.isoformat()} if today else fields)

D = Decimal


# ---------------------------------------------------------------- 征信异议申请 / 不良信息说明

CREDIT = {"name": "王小明", "lender": "某某银行", "record": "2025 年 3 月起逾期 3 期", "actual": "2025 年 2 月已经结清"}


def test_credit_objection_every_combination():
    for recipient, errors, no_notice, evidence in itertools.product(["center", "lender", ""], subsets(list(ERRORS)), [False, True], ["", "结清证明"]):
        fields = {**CREDIT, "truth": "wrong", "recipient": recipient, "errors": list(errors), "no_notice": no_notice, "evidence": evidence}
        view = tool(fields)
        text = document(view)
        assert text.startswith("征信异议申请\n")
        addressee = "某某银行：" if recipient == "lender" else "中国人民银行征信中心："
        assert f"\n{addressee}\n" in text
        for key, sentence in ERRORS.items():
            assert (sentence in text) == (key in errors)
        assert ("第十五条" in text) == no_notice
        assert ("我附上的材料：结清证明" in text) == bool(evidence)
        assert "报告中的记录：2025 年 3 月起逾期 3 期" in text and "实际情况：2025 年 2 月已经结清" in text
        assert "20 日内核查处理" in text and "第二十五条" in text
        assert_prepared_by_reader(text)
        notices_text = "".join(p for b in view.blocks if isinstance(b, Notice) for p in b.paragraphs)
        assert "30 日内书面答复" in notices_text and "据报道，12363" in notices_text
        assert ("第四十一条" in notices_text) == no_notice


def test_credit_statement_for_a_true_overdue():
    for record, account, no_notice in itertools.product(["", "2024 年逾期 2 期"], ["", "6222****1234"], [False, True]):
        fields = {**CREDIT, "truth": "true", "record": record, "account": account, "explanation": "那时住院三个月，出院后已还清。", "no_notice": no_notice, "errors": ["amount"], "actual": "不该出现"}
        view = tool(fields)
        text = document(view)
        assert text.startswith("关于信用报告中不良信息的说明\n") and "逾期信息属实" in text
        assert "第十六条第二款" in text and "那时住院三个月，出院后已还清。" in text
        assert ("报告中的记录：" in text) == bool(record) and (account in text if account else True)
        assert "不该出现" not in text and ERRORS["amount"] not in text  # objection-only fields never leak in
        assert "异议" not in text
        notices_text = "".join(p for b in view.blocks if isinstance(b, Notice) for p in b.paragraphs)
        assert "异议只能更正错误和遗漏" in notices_text and "保存 5 年" in notices_text
        assert "据报道，人民银行的说法" in notices_text  # grade B, hedged
        assert_prepared_by_reader(text)


def test_credit_errors_name_the_fields():
    with pytest.raises(InputError) as caught:
        tool({})
    assert caught.value.field == "truth"
    with pytest.raises(InputErrors) as caught:
        tool({"truth": "wrong"})
    assert {e.field for e in caught.value.errors} == {"name", "lender", "record", "actual"}
    with pytest.raises(InputErrors) as caught:
        tool({"truth": "true"})
    assert {e.field for e in caught.value.errors} == {"name", "lender", "explanation"}


def test_credit_optional_fields_stay_in_their_place():
    base = {**CREDIT, "truth": "wrong"}
    for field, value, times in [("phone", "13800001111", 1), ("account", "XF-88", 1), ("evidence", "还款凭证三张", 1)]:
        assert_only_in_its_place(tool, base, field, value, times)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_credit_hostile_text_is_inert(hostile):
    view = tool({"truth": "wrong", "name": hostile, "lender": hostile, "record": hostile, "actual": hostile, "evidence": hostile})
    assert_inert(view, f"申请人：{hostile}", f"实际情况：{hostile}")


def test_bridge_round_trips():
    response = bridge.call("credit_objection", {**CREDIT, "truth": "wrong"})
    assert response["ok"]
    assert response["downloads"][0]["filename"].endswith(".txt") and "王小明" in response["downloads"][0]["text"]
