"""complaint: routing by kind of lender and problem, the order of steps, and a letter whose evidence is the log."""

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.documents.common import SELF_PREPARED
from calculators.documents.complaint import compose
from calculators.tools.complaint import LENDER_KINDS, MAX_ENTRIES, PROBLEMS, parse, regulator_step, tool
from calculators.core.inputs import InputErrors
from calculators.core.render import to_html
from calculators.core.view import BulletList, Document, Notice
from document_checks import view_or_refusal
from html_parts import Parsed
from strategies import date_text, field_value, fields_for

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=HYPERLINK(\"x\")", "&lt;b&gt;"]
BASE = {
    "lender_kind": "bank",
    "problems": ["collection"],
    "name": "王小明",
    "lender": "某某银行信用卡中心",
    "facts": "五月以来，催收员多次打电话给我的同事。",
    "requests": "停止联系我的同事，规范催收。",
}
ENTRIES = [
    {"date": "2026-05-03", "time": "10:05", "channel": "phone", "who": "工号 A1029", "said": "说要\n通知我单位", "evidence": "录音 0503.m4a"},
    {"date": "2026-05-01", "channel": "sms", "who": "", "said": "短信里骂人", "evidence": "截图在相册“催收”"},
    {},
]


def letter(view) -> str:
    (doc,) = [b for b in view.blocks if isinstance(b, Document)]
    assert view.downloads[0].text == doc.text and view.downloads[0].filename.endswith(".txt")
    return doc.text


def steps(view) -> str:
    return "\n".join(next(b for b in view.blocks if isinstance(b, BulletList)).items)


def test_the_log_becomes_the_evidence_list_in_date_order():
    text = letter(tool({**BASE, "entries": ENTRIES}))
    section = text.split("三、沟通记录（证据清单）\n", 1)[1].split("\n\n", 1)[0]
    assert section.split("\n") == [
        "1. 2026-05-01，短信，内容：短信里骂人，证据：截图在相册“催收”。",
        "2. 2026-05-03 10:05，电话，对方：工号 A1029，内容：说要 通知我单位，证据：录音 0503.m4a。",
    ]
    assert text.rstrip("\n").endswith(SELF_PREPARED)


def test_every_combination_of_lender_problem_addressee_and_progress():
    for kind, problems, addressee, ticket, entries in itertools.product(
        list(LENDER_KINDS), [c for r in range(1, len(PROBLEMS) + 1) for c in itertools.combinations(PROBLEMS, r)], ["lender", "regulator"], ["", "GD-778"], [[], ENTRIES]
    ):
        view = tool({**BASE, "lender_kind": kind, "problems": list(problems), "addressee": addressee, "ticket": ticket, "entries": entries})
        route = steps(view)
        text = letter(view)
        assert ("12378" in route) == (kind in ("bank", "consumer_finance"))
        assert ("地方金融监管部门" in route) == (kind == "small_loan")
        assert ("12363" in route and "第二十六条" in route) == ("credit" in problems)
        assert "第二百零五条" in route and "第二百零六条" in route
        assert route.index("先向放贷机构本身投诉" if not ticket else "你已经向放贷机构投诉过") < route.index("调解")
        police = [b for b in view.blocks if isinstance(b, Notice) and "110" in b.title + "".join(b.paragraphs)]
        assert bool(police) == ("threats" in problems)
        assert ("GD-778" in text) == bool(ticket)
        assert ("沟通记录（证据清单）" in text) == bool(entries)
        assert ("\n受理投诉的部门：\n" in text) == (addressee == "regulator")
        assert text.rstrip("\n").endswith(SELF_PREPARED)


def test_small_loan_companies_get_no_invented_number():
    step = regulator_step("small_loan")
    assert not re.search(r"\d{3,}", step.replace("第一条", ""))
    assert "本站不列号码" in step and "所在省份" in step


def test_private_lenders_and_the_unknown_branch_have_a_route():
    # issue 19 point 5 / fact 10.5: 110 for threats, the local financial authority for illegal lending, 12348.
    assert "private" in LENDER_KINDS
    private = regulator_step("private")
    assert "110" in private and "地方金融管理部门" in private and "12348" in private
    assert "12378" not in private and "本站不列号码" in private
    unknown = regulator_step("unknown")
    assert "个人或没有放贷资格的公司" in unknown and "110" in unknown and "12348" in unknown


def test_the_complaint_line_names_only_the_institutions_it_supervises():
    step = regulator_step("bank")
    assert "由国家金融监督管理总局监管的机构，包括这些机构的不当催收" in step
    assert "信用卡和不当催收" not in step


def test_regulator_lines_are_hedged():
    assert "据多方来源" in regulator_step("bank") and "以官方公布为准" in regulator_step("consumer_finance")
    route = steps(tool({**BASE, "problems": ["credit"]}))
    assert "据报道，12363" in route


def test_optional_fields_stay_in_their_place():
    base = {**BASE, "addressee": "regulator"}
    without = letter(tool(base))
    for field, value in [("phone", "13800001111"), ("loan_number", "HT-9"), ("ticket", "GD-1"), ("lender_reply", "已转交催收部门处理")]:
        with_field = letter(tool({**base, field: value}))
        changed = [line for line in with_field.split("\n") if line not in set(without.split("\n"))]
        # besides lines with the value, only a section heading may move (its number shifts) or the section open
        assert changed and all(value in line or re.match(r"[一二三四五六]、", line) or line.startswith("我已经") for line in changed), (field, changed)
        assert with_field.count(value) == 1


def test_too_many_log_rows_are_refused_not_cut():
    rows = [{"date": "2026-05-01", "who": f"第{i}条"} for i in range(MAX_ENTRIES)]
    assert letter(tool({**BASE, "entries": rows})).count("第") >= MAX_ENTRIES
    with pytest.raises(InputErrors) as caught:
        tool({**BASE, "entries": rows + [{"date": "2026-05-02"}]})
    assert [e.field for e in caught.value.errors] == ["entries"]
    assert str(MAX_ENTRIES) in caught.value.errors[0].message


def test_log_row_errors_use_the_log_field_names():
    with pytest.raises(InputErrors) as caught:
        tool({**BASE, "entries": [{"date": "2026-02-30", "who": "x"}, {"who": "y"}]})
    assert {e.field for e in caught.value.errors} == {"entries.0.date", "entries.1.date"}


def test_missing_fields_are_named():
    with pytest.raises(InputErrors) as caught:
        tool({})
    assert {e.field for e in caught.value.errors} == {"problems", "lender_kind", "name", "lender", "facts", "requests"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_inert(hostile):
    row = {"date": "2026-05-01", "who": hostile, "said": hostile, "evidence": hostile}
    view = tool({**BASE, "name": hostile, "lender": hostile, "facts": hostile, "requests": hostile, "ticket": hostile, "entries": [row]})
    html = to_html(view)
    assert "<script" not in html and "<img" not in html
    parsed = Parsed(html)
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    shown = "".join(parsed.text)
    assert f"投诉人：{hostile}" in shown and f"对方：{hostile}" in shown


def test_compose_is_pure_and_bridge_round_trip():
    complaint = parse({**BASE, "entries": ENTRIES})
    assert compose(complaint) == compose(complaint)
    response = bridge.call("complaint", {**BASE, "entries": ENTRIES})
    assert response["ok"] and response["data"] == {"entries": 2}


@given(
    fields_for(
        lender_kind=st.sampled_from(list(LENDER_KINDS) + ["x"]),
        problems=st.one_of(st.lists(st.sampled_from(list(PROBLEMS))), field_value),
        addressee=field_value,
        name=field_value,
        lender=field_value,
        facts=field_value,
        requests=field_value,
        ticket=field_value,
        lender_date=date_text,
        entries=st.one_of(
            st.lists(st.fixed_dictionaries({}, optional={"date": date_text, "who": field_value, "said": field_value, "channel": field_value}), max_size=4),
            field_value,
        ),
    )
)
def test_any_fields_give_a_letter_or_input_errors(fields):
    view = view_or_refusal(tool, fields)
    if view is None:
        return
    assert letter(view).rstrip("\n").endswith(SELF_PREPARED)
