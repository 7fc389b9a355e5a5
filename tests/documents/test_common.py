"""documents/common.py's promises for every document tool: whatever the fields, a document or a
refusal naming fields, never markup; every document ends with the self-prepared line and is
downloaded as the same text. Also the helpers themselves."""

import datetime as dt

from document_checks import TODAY, assert_prepared_by_reader, view_or_refusal
from hypothesis import given
from hypothesis import strategies as st
from strategies import amount_text, date_text, field_value, fields_for

from calculators.core.view import Document
from calculators.documents.common import SELF_PREPARED, addressed, closing, dated_line, numbered, one_line
from calculators.documents.credit_objection import ERRORS
from calculators.documents.lender_letters import LETTER_KINDS
from calculators.documents.payment_order_objection import GROUNDS
from calculators.tools import credit_objection, enforcement_settlement, lender_letters, payment_order_objection

TOOLS = [payment_order_objection.tool, enforcement_settlement.tool, credit_objection.tool, lender_letters.tool]


@given(
    st.sampled_from(TOOLS),
    fields_for(
        stance=st.sampled_from(["dispute", "cannot_pay", "x"]),
        truth=st.sampled_from(["wrong", "true", ""]),
        kind=st.sampled_from(list(LETTER_KINDS) + [""]),
        recipient=field_value,
        name=field_value,
        court=field_value,
        creditor=field_value,
        applicant=field_value,
        lender=field_value,
        grounds=st.one_of(st.lists(st.sampled_from(list(GROUNDS) + ["x"])), field_value),
        errors=st.one_of(st.lists(st.sampled_from(list(ERRORS))), field_value),
        claimed=st.one_of(amount_text, field_value),
        total=st.one_of(amount_text, field_value),
        monthly=st.one_of(amount_text, field_value),
        down_payment=st.one_of(amount_text, field_value),
        owed=st.one_of(amount_text, field_value),
        start=date_text,
        received=date_text,
        details=field_value,
        record=field_value,
        actual=field_value,
        explanation=field_value,
        contacted=field_value,
        dated=date_text,
        no_notice=field_value,
    ),
)
def test_any_fields_give_a_document_or_input_errors(tool, fields):
    view = view_or_refusal(tool, {**fields, "today": TODAY.isoformat()})
    if view is None:
        return
    docs = [b for b in view.blocks if isinstance(b, Document)]
    for doc in docs:
        assert_prepared_by_reader(doc.text)
        assert view.downloads[0].text == doc.text


def test_closing_is_the_same_block_for_every_document():
    assert closing("敬礼", "申请人：王小明", dt.date(2026, 5, 8)) == ["", "此致", "敬礼", "", "申请人：王小明", "日期：2026 年 5 月 8 日", "", SELF_PREPARED]
    assert closing("某某区人民法院", "异议人：王小明", None, self_prepared=False) == ["", "此致", "某某区人民法院", "", "异议人：王小明", dated_line(None)]
    assert dated_line(None) == "日期：      年    月    日"


def test_addressed_numbered_and_one_line():
    assert addressed("投诉信", "某某平台", "投诉人：王小明") == ["投诉信", "", "投诉人：王小明", "", "某某平台：", ""]
    assert addressed("函", "某某公司") == ["函", "", "某某公司：", ""]
    assert numbered(["甲", "乙"]) == ["1. 甲", "2. 乙"]
    assert one_line("王\n\n此致\r\n 敬礼") == "王 此致 敬礼"
