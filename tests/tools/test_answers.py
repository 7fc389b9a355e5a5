"""answers: every document for every combination of its choices; typed text stays text and stays in its place."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.tools import answers, plan

from calculators import bridge
from calculators.tools.answers import (
    ERRORS,
    GROUNDS,
    LETTER_KINDS,
    SELF_PREPARED,
    credit_objection_tool,
    lender_letter_tool,
    payment_objection_tool,
    settlement_tool,
)
from calculators.core.inputs import InputError, InputErrors
from calculators.core.render import to_html
from calculators.core.view import Document, Notice, Table
from html_parts import Parsed
from strategies import amount_text, date_text, field_value, fields_for

D = Decimal
TODAY = dt.date(2026, 5, 8)
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "&lt;b&gt;", "javascript:alert(1)"]


def subsets(keys):
    return [c for r in range(len(keys) + 1) for c in itertools.combinations(keys, r)]


def document(view) -> str:
    (doc,) = [b for b in view.blocks if isinstance(b, Document)]
    (download,) = view.downloads
    assert download.text == doc.text and download.filename.endswith(".txt") and download.mime.startswith("text/plain")
    return doc.text


def assert_prepared_by_reader(text):
    assert text.rstrip("\n").endswith(SELF_PREPARED)


def added_lines(with_field: str, without: str) -> list[str]:
    before = set(without.split("\n"))
    return [line for line in with_field.split("\n") if line not in before]


def assert_only_in_its_place(tool, base, field, value, expected_lines, **kwargs):
    """Adding `field` changes only lines that carry its value, and the value shows up exactly `expected_lines` times."""
    without = document(tool(base, **kwargs))
    with_field = document(tool({**base, field: value}, **kwargs))
    changed = added_lines(with_field, without)
    assert changed and all(value in line for line in changed), (field, changed)
    assert with_field.count(value) == expected_lines, (field, with_field.count(value))
    assert value not in without


def assert_inert(view, *shown):
    html = to_html(view)
    parsed = Parsed(html)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert set(parsed.tags) <= {"article", "h3", "div", "p", "ul", "ol", "li", "a", "section", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
    assert not any(name.startswith("on") or "javascript:" in (value or "") for name, value in parsed.attrs)
    text = "".join(parsed.text)
    for part in shown:
        assert part in text


# ---------------------------------------------------------------- 支付令异议书

OBJECTION = {
    "stance": "dispute",
    "name": "王小明",
    "court": "某某区人民法院",
    "creditor": "某某小额贷款有限公司",
    "grounds": ["amount"],
}


def test_objection_realistic():
    view = payment_objection_tool(
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
                    payment_objection_tool(fields, today=TODAY)
                assert [e.field for e in caught.value.errors] == (["grounds"] if not grounds else ["details"])
                continue
            text = document(payment_objection_tool(fields, today=TODAY))
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
        assert_only_in_its_place(payment_objection_tool, base, field, value, times, today=TODAY)


def test_cannot_pay_gets_no_objection_but_the_reason_and_the_deadline():
    view = payment_objection_tool({"stance": "cannot_pay", "received": "2026-05-06", **{k: v for k, v in OBJECTION.items() if k != "stance"}}, today=TODAY)
    assert not [b for b in view.blocks if isinstance(b, Document)] and view.downloads == ()
    text = "".join(p for b in view.blocks if isinstance(b, Notice) for p in b.paragraphs)
    assert "第四百三十六条" in text and "不影响支付令的效力" in text and "15 日照常计算" in text
    assert any(b.title.startswith("异议最晚要在 2026-05-21") for b in view.blocks if isinstance(b, Notice))


def test_objection_needs_a_stance_first():
    with pytest.raises(InputError) as caught:
        payment_objection_tool({}, today=TODAY)
    assert caught.value.field == "stance"
    with pytest.raises(InputErrors) as caught:
        payment_objection_tool({"stance": "dispute"}, today=TODAY)
    assert {e.field for e in caught.value.errors} == {"grounds", "name", "court", "creditor"}


def test_objection_late_says_so():
    view = payment_objection_tool({**OBJECTION, "received": "2026-04-01"}, today=TODAY)
    late = next(b for b in view.blocks if isinstance(b, Notice) and b.level == "danger")
    assert "第四百三十一条" in "".join(late.paragraphs) and "2026-04-16" in late.title


def test_objection_judges_lateness_on_the_readers_date_sent_by_the_page():
    fields = {**OBJECTION, "received": "2026-04-01"}
    in_time = bridge.call("payment_objection", {**fields, "today": "2026-04-10"})
    late = bridge.call("payment_objection", {**fields, "today": "2026-05-08"})
    assert "异议最晚要在 2026-04-16" in "".join(Parsed(in_time["html"]).text)
    assert "15 日已经在 2026-04-16（星期四）" in "".join(Parsed(late["html"]).text)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_objection_hostile_text_is_inert(hostile):
    fields = {**OBJECTION, "grounds": ["other"], "name": hostile, "court": hostile, "creditor": hostile, "details": hostile, "evidence": hostile, "address": hostile}
    view = payment_objection_tool(fields, today=TODAY)
    assert_inert(view, f"异议人：{hostile}", f"补充说明：{hostile}")


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
    view = settlement_tool({**SETTLEMENT, "down_payment": "2000", "owed": "32000"})
    text = document(view)
    expected = plan.make_plan(D("30000"), dt.date(2026, 6, 15), monthly=D("3000"), down_payment=D("2000"))
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
        plain = document(settlement_tool({**SETTLEMENT, "owed": owed}))
        assert "没有能力" not in plain and "我愿意履行" not in plain
        assert ("执行通知书上写的执行金额是 32,000.00 元。\n" in plain) == bool(owed)
        ticked = document(settlement_tool({**SETTLEMENT, "owed": owed, "cannot_pay_at_once": True}))
        assert "我愿意履行，但目前没有能力一次付清。" in ticked
        assert ("执行通知书上写的执行金额是 32,000.00 元。我愿意履行" in ticked) == bool(owed)


def test_settlement_states_the_payment_accounts_only_when_the_reader_ticks_it():
    line = "我只向法院指定的账户或申请执行人的对公账户付款，并保存每一笔付款凭证。"
    assert line not in document(settlement_tool(SETTLEMENT))
    assert line not in document(settlement_tool({**SETTLEMENT, "official_account": False}))
    assert line in document(settlement_tool({**SETTLEMENT, "official_account": True}))
    assert line in document(settlement_tool({**SETTLEMENT, "official_account": "on"}))


def test_settlement_says_the_dishonest_list_is_possible_with_its_conditions():
    view = settlement_tool(SETTLEMENT)
    warning = "".join(next(b for b in view.blocks if isinstance(b, Notice)).paragraphs)
    assert "纳入失信" not in warning and "应当" not in warning
    assert "判决等文书确定的义务还没有履行完，又无正当理由拒不履行执行和解协议的，可能被列入失信被执行人名单" in warning
    assert "确实没有钱还，本身不是列入的理由（同一规定第三条）" in warning


def test_settlement_every_combination():
    for down, owed, details, months in itertools.product(["", "0", "1500"], ["", "20000", "30000", "45000"], ["", "去年失业，现在打零工。"], ["3000", "2999.99"]):
        fields = {**SETTLEMENT, "down_payment": down, "owed": owed, "details": details, "monthly": months}
        text = document(settlement_tool(fields))
        schedule = plan.make_plan(D("30000"), dt.date(2026, 6, 15), monthly=D(months), down_payment=D(down or "0"))
        lines = [line for line in text.split("\n") if "　" in line]
        assert len(lines) == len(schedule.installments)
        assert sum(D(line.split("　")[2].replace(",", "").replace(" 元", "")) for line in lines) == D("30000")
        assert "合计 30,000.00 元。" in text
        assert ("首期　" in text) == bool(down and D(down) > 0)
        assert ("执行通知书上写的执行金额" in text) == bool(owed)
        assert ("恳请申请执行人同意减免" in text) == bool(owed and D(owed) > D("30000"))
        assert ("我的情况是：" in text) == bool(details)
        assert_prepared_by_reader(text)


def test_settlement_never_restates_a_total_that_disagrees_with_the_schedule():
    # 10 x 2,999.99 leaves 0.10 for an eleventh payment: the document says 11 payments, never "10 x 3,000".
    text = document(settlement_tool({**SETTLEMENT, "monthly": "2999.99"}))
    assert "共 11 期，最后一期 0.10 元，合计 30,000.00 元" in text


def test_settlement_optional_fields_stay_in_their_place():
    for field, value, times in [("phone", "13800001111", 1), ("case_number", "（2026）某执 7 号", 1), ("details", "每月收入约四千元。", 1)]:
        assert_only_in_its_place(settlement_tool, SETTLEMENT, field, value, times)


def test_settlement_errors_name_the_fields():
    with pytest.raises(InputErrors) as caught:
        settlement_tool({})
    assert {e.field for e in caught.value.errors} == {"name", "applicant", "court", "total", "monthly", "start"}
    with pytest.raises(InputError) as caught:
        settlement_tool({**SETTLEMENT, "down_payment": "40000"})
    assert caught.value.field == "down_payment"


def test_settlement_prefill_keys_exist_in_the_plan_tools_data():
    data = plan.tool({"total": "30000", "monthly": "3000", "start": "2026-06-15", "down_payment": "2000"}).data
    for key in ("total", "monthly", "down_payment"):
        assert isinstance(data[key], str)
    text = document(settlement_tool({**SETTLEMENT, "total": data["total"], "monthly": data["monthly"], "down_payment": data["down_payment"]}))
    assert "合计 30,000.00 元" in text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_settlement_hostile_text_is_inert(hostile):
    view = settlement_tool({**SETTLEMENT, "name": hostile, "applicant": hostile, "court": hostile, "details": hostile})
    assert_inert(view, f"被执行人：{hostile}", f"我的情况是：{hostile}")


# ---------------------------------------------------------------- 征信异议申请 / 不良信息说明

CREDIT = {"name": "王小明", "lender": "某某银行", "record": "2025 年 3 月起逾期 3 期", "actual": "2025 年 2 月已经结清"}


def test_credit_objection_every_combination():
    for recipient, errors, no_notice, evidence in itertools.product(["center", "lender", ""], subsets(list(ERRORS)), [False, True], ["", "结清证明"]):
        fields = {**CREDIT, "truth": "wrong", "recipient": recipient, "errors": list(errors), "no_notice": no_notice, "evidence": evidence}
        view = credit_objection_tool(fields)
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
        view = credit_objection_tool(fields)
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
        credit_objection_tool({})
    assert caught.value.field == "truth"
    with pytest.raises(InputErrors) as caught:
        credit_objection_tool({"truth": "wrong"})
    assert {e.field for e in caught.value.errors} == {"name", "lender", "record", "actual"}
    with pytest.raises(InputErrors) as caught:
        credit_objection_tool({"truth": "true"})
    assert {e.field for e in caught.value.errors} == {"name", "lender", "explanation"}


def test_credit_optional_fields_stay_in_their_place():
    base = {**CREDIT, "truth": "wrong"}
    for field, value, times in [("phone", "13800001111", 1), ("account", "XF-88", 1), ("evidence", "还款凭证三张", 1)]:
        assert_only_in_its_place(credit_objection_tool, base, field, value, times)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_credit_hostile_text_is_inert(hostile):
    view = credit_objection_tool({"truth": "wrong", "name": hostile, "lender": hostile, "record": hostile, "actual": hostile, "evidence": hostile})
    assert_inert(view, f"申请人：{hostile}", f"实际情况：{hostile}")


# ---------------------------------------------------------------- 给放贷机构或催收方的信

LETTER = {"name": "王小明", "recipient": "某某资产管理有限公司", "lender": "某某消费金融有限公司"}


def test_every_letter_for_every_combination():
    for kind, claimed, contacted, contact_date, phone, number in itertools.product(
        list(LETTER_KINDS), ["", "5000"], ["", "我的同事和母亲"], ["", "2026-05-01"], ["", "13800001111"], ["", "HT-1"]
    ):
        fields = {**LETTER, "kind": kind, "claimed": claimed, "contacted": contacted, "contact_date": contact_date, "phone": phone, "loan_number": number}
        text = document(lender_letter_tool(fields))
        assert text.startswith(answers.LETTER_TITLES[kind] + "\n\n某某资产管理有限公司：\n")
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
        assert line not in document(lender_letter_tool({**LETTER, "kind": kind}))
        ticked = document(lender_letter_tool({**LETTER, "kind": kind, "no_personal_account": True}))
        assert (line in ticked) == (kind == "assignment")
    text = document(lender_letter_tool({**LETTER, "kind": "assignment", "no_personal_account": True}))
    assert "收到材料后，我会向某某消费金融有限公司核实。核实之前" in text


def test_letters_cite_only_checked_law_text_and_hedge_the_rest():
    view = lender_letter_tool({**LETTER, "kind": "third_parties"})
    text = document(view)
    assert "据" not in text  # grade B sources stay out of the letter itself
    notice = next(b for b in view.blocks if isinstance(b, Notice))
    joined = "".join(notice.paragraphs)
    assert "据第三方转引" in joined and "以官方公布为准" in joined and "行业自律规范" in joined
    assert "不能说" not in joined and "一律" not in joined


def test_letter_errors_name_the_fields():
    with pytest.raises(InputErrors) as caught:
        lender_letter_tool({})
    assert {e.field for e in caught.value.errors} == {"kind", "name", "recipient", "lender"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_letter_hostile_text_is_inert(hostile):
    for kind in LETTER_KINDS:
        view = lender_letter_tool({"kind": kind, "name": hostile, "recipient": hostile, "lender": hostile, "contacted": hostile, "loan_number": hostile})
        assert_inert(view, f"{hostile}：")


def test_single_line_fields_cannot_fake_a_paragraph():
    text = document(lender_letter_tool({**LETTER, "kind": "breakdown", "name": "王\n\n此致\n敬礼", "lender": "平台\r\n名称"}))
    assert "借款人王 此致 敬礼" in text and "我是平台 名称的借款人" in text


def test_bridge_round_trips():
    for tool, fields in [
        ("payment_objection", OBJECTION),
        ("settlement", SETTLEMENT),
        ("credit_objection", {**CREDIT, "truth": "wrong"}),
        ("lender_letter", {**LETTER, "kind": "assignment"}),
    ]:
        response = bridge.call(tool, fields)
        assert response["ok"], tool
        assert response["downloads"][0]["filename"].endswith(".txt") and "王小明" in response["downloads"][0]["text"]


TOOLS = [payment_objection_tool, settlement_tool, credit_objection_tool, lender_letter_tool]


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
    try:
        view = tool(fields, today=TODAY)
    except (InputError, InputErrors):
        return
    html = to_html(view)
    assert "<script" not in html and "<img" not in html
    docs = [b for b in view.blocks if isinstance(b, Document)]
    for doc in docs:
        assert_prepared_by_reader(doc.text)
        assert view.downloads[0].text == doc.text
