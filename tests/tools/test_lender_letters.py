"""The letters to a lender or collector: every letter for every combination; typed text stays text and on one line."""

import itertools
from decimal import Decimal

import pytest
from document_checks import HOSTILE, assert_inert, assert_prepared_by_reader, document

from calculators import bridge
from calculators.core.inputs import InputErrors
from calculators.core.view import Notice
from calculators.documents.lender_letters import LETTER_KINDS, LETTER_TITLES
from calculators.tools.lender_letters import tool as answer


def tool(fields, today=None):
    """The tool as the page calls it: the reader's date, when given, in fields["today"]."""
    return answer({**fields, "today": today.isoformat()} if today else fields)

D = Decimal


# ---------------------------------------------------------------- 给放贷机构或催收方的信

LETTER = {"name": "王小明", "recipient": "某某资产管理有限公司", "lender": "某某消费金融有限公司"}


def test_every_letter_for_every_combination():
    for kind, claimed, contacted, contact_date, phone, number in itertools.product(
        list(LETTER_KINDS), ["", "5000"], ["", "我的同事和母亲"], ["", "2026-05-01"], ["", "13800001111"], ["", "HT-1"]
    ):
        fields = {**LETTER, "kind": kind, "claimed": claimed, "contacted": contacted, "contact_date": contact_date, "phone": phone, "loan_number": number}
        text = document(tool(fields))
        assert text.startswith(LETTER_TITLES[kind] + "\n\n某某资产管理有限公司：\n")
        assert ("5,000.00 元" in text) == bool(claimed and kind in ("assignment", "breakdown"))
        assert ("我的同事和母亲" in text) == bool(contacted and kind == "third_parties")
        date_used = kind == "assignment" or (kind == "third_parties" and contacted)
        assert ("2026 年 5 月 1 日" in text) == bool(contact_date and date_used)
        assert ("电话 13800001111" in text) == bool(phone)
        assert ("借款合同编号 HT-1" in text) == bool(number)
        assert ("第五百四十六条" in text) == (kind == "assignment")
        assert ("第一千零三十三条" in text and "个人信息保护法" in text) == (kind == "third_parties")
        assert ("以上各项相加得出的欠款总额" in text) == (kind == "breakdown")
        assert "不会向任何个人账户付款" not in text  # only when the reader ticks it
        assert_prepared_by_reader(text)


def test_assignment_letter_refuses_personal_accounts_only_when_the_reader_ticks_it():
    line = "核实之前，我不会向任何个人账户付款。"
    for kind in LETTER_KINDS:
        assert line not in document(tool({**LETTER, "kind": kind}))
        ticked = document(tool({**LETTER, "kind": kind, "no_personal_account": True}))
        assert (line in ticked) == (kind == "assignment")
    text = document(tool({**LETTER, "kind": "assignment", "no_personal_account": True}))
    assert "收到材料后，我会向某某消费金融有限公司核实。核实之前" in text


def test_letters_cite_only_checked_law_text_and_hedge_the_rest():
    view = tool({**LETTER, "kind": "third_parties"})
    text = document(view)
    assert "据" not in text  # grade B sources stay out of the letter itself
    notice = next(b for b in view.blocks if isinstance(b, Notice))
    joined = "".join(notice.paragraphs)
    assert "据第三方转引" in joined and "以官方公布为准" in joined and "行业自律规范" in joined
    assert "不能说" not in joined and "一律" not in joined


def test_letter_errors_name_the_fields():
    with pytest.raises(InputErrors) as caught:
        tool({})
    assert {e.field for e in caught.value.errors} == {"kind", "name", "recipient", "lender"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_letter_hostile_text_is_inert(hostile):
    for kind in LETTER_KINDS:
        view = tool({"kind": kind, "name": hostile, "recipient": hostile, "lender": hostile, "contacted": hostile, "loan_number": hostile})
        assert_inert(view, f"{hostile}：")


def test_single_line_fields_cannot_fake_a_paragraph():
    text = document(tool({**LETTER, "kind": "breakdown", "name": "王\n\n此致\n敬礼", "lender": "平台\r\n名称"}))
    assert "借款人王 此致 敬礼" in text and "我是平台 名称的借款人" in text


def test_bridge_round_trips():
    response = bridge.call("lender_letters", {**LETTER, "kind": "assignment"})
    assert response["ok"]
    assert response["downloads"][0]["filename"].endswith(".txt") and "王小明" in response["downloads"][0]["text"]
