"""start: the guided start puts urgent items first, then the guide's steps in order; every
deadline, legal sentence and help line comes from the module that already states it."""

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge

from calculators.core import court_days
from calculators.tools import checklist, scam_check, start

from calculators.core import helplines
from calculators.core.inputs import InputError, InputErrors
from calculators.core.render import to_html
from calculators.core.view import Notice
from html_parts import Parsed
from strategies import date_text, field_value, fields_for

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-05-08"
CRISIS = helplines.crisis_notice().title
GUIDE_ORDER = ("calm", "materials", "channels", "plan", "talk", "agreement")


def run(**fields):
    return start.tool({"today": TODAY, **fields})


def notices(view):
    return [b for b in view.blocks if isinstance(b, Notice)]


def titles(view):
    return [n.title for n in notices(view)]


def text(view) -> str:
    return "".join(Parsed(to_html(view)).text)


def links(view):
    return [link for n in notices(view) for link in n.links]


def test_nothing_answered_gives_the_guide_in_order_and_no_urgent_item():
    view = run()
    assert view.data == {"steps": list(GUIDE_ORDER), "deadlines": [], "urgent": 0}
    assert titles(view)[0] == "按你的回答，没有要马上处理的急事"
    assert [t for t in titles(view) if t.startswith("第 ")] == [f"第 {n} 步：{step.title}" for n, step in enumerate(start.steps(start.parse({}, dt.date(2026, 5, 8))), 1)]
    assert CRISIS not in titles(view)
    assert all(n.level == "info" for n in notices(view))


def test_a_payment_order_gets_the_last_day_deadlines_computes_and_its_wording():
    view = run(court="paper", kinds=["payment_order"], received="2026-05-06")
    rule = court_days.RULES["payment_order"]
    expected = court_days.last_day(dt.date(2026, 5, 6), court_days.STATUTORY_DAYS)
    assert view.data["deadlines"] == [{"kind": "payment_order", "last_day": expected.isoformat()}] == [
        {"kind": "payment_order", "last_day": "2026-05-21"}
    ]
    paper = notices(view)[0]
    assert paper.level == "warning" and paper.title == f"{court_days.KINDS['payment_order']}：{rule.task}"
    assert paper.paragraphs[0].startswith("最后一天：2026-05-21（星期四），按这台设备的日期还有 13 天。")
    assert paper.paragraphs[1] == "在这之前要做的：" + "".join(rule.todo)
    assert paper.paragraphs[2] == f"依据：{rule.basis}。"
    assert {link.path for link in paper.links} >= {"tools/payment-order-objection/", "tools/court-deadlines/", "guide/court/"}
    assert titles(view).index(CRISIS) > 0 and view.data["urgent"] == 1


def test_a_last_day_on_a_fixed_date_holiday_is_named_as_the_deadline_tool_names_it():
    view = run(court="paper", kinds=["payment_order"], received="2026-12-17", today="2026-12-18")
    assert notices(view)[0].paragraphs[0].startswith("最后一天：2027-01-01（星期五，元旦），")
    assert court_days.date_text(dt.date(2027, 1, 1)) == "2027-01-01（星期五，元旦）"


def test_several_papers_come_earliest_first_and_a_passed_one_is_danger_with_the_courts_rule():
    view = run(kinds=["complaint", "preservation_ruling", "summons"], received="2026-04-20", hearing="2026-06-01")
    # Ticking a paper counts as a court paper even without the first answer.
    assert [d["kind"] for d in view.data["deadlines"]] == ["preservation_ruling", "complaint", "summons"]
    assert [d["last_day"] for d in view.data["deadlines"]] == ["2026-04-25", "2026-05-05", "2026-06-01"]
    first, *_ = notices(view)
    assert first.level == "danger" and first.title == "有期限已经过了"
    assert any("第八十六条" in p for p in first.paragraphs)
    levels = {n.title: n.level for n in notices(view)}
    assert levels[f"{court_days.KINDS['complaint']}：{court_days.RULES['complaint'].task}"] == "danger"
    assert levels[f"{court_days.KINDS['summons']}：{court_days.RULES['summons'].task}"] == "warning"


def test_a_summons_without_its_hearing_day_points_to_the_paper():
    view = run(court="paper", kinds=["summons"], received="2026-05-06")
    assert view.data["deadlines"] == [{"kind": "summons", "last_day": ""}]
    assert "期限以文书上写的为准" in notices(view)[0].paragraphs[0]


def test_a_court_paper_needs_its_kinds_and_day_with_the_deadline_tools_messages():
    with pytest.raises(InputErrors) as caught:
        run(court="paper")
    assert {e.field for e in caught.value.errors} == {"kinds", "received"}
    response = bridge.call("start", {"today": TODAY, "court": "paper", "kinds": ["judgment"]})
    assert response["missing"] == ["received"]
    same = bridge.call("court_deadlines", {"today": TODAY, "kinds": ["judgment"]})
    assert response["errors"] == same["errors"]
    late = bridge.call("start", {"today": TODAY, "court": "paper", "kinds": ["judgment"], "received": "2026-06-01"})
    assert late["errors"] == [{"field": "received", "message": "收到的日期晚于今天，请核对。"}]


def test_a_court_message_only_is_verified_first_with_the_hedged_service_line():
    view = run(court="message")
    first = notices(view)[0]
    assert first.title == "先核实：是不是真的法院" and helplines.COURT_SERVICE_TEXT in "".join(first.paragraphs)
    assert "tel:12368" in {link.path for link in first.links}
    assert CRISIS in titles(view) and view.data["deadlines"] == []


def test_urgent_items_come_in_order_of_how_pressing_they_are():
    view = run(
        court="paper",
        kinds=["payment_order"],
        received="2026-05-06",
        pressure=["contacts", "safety"],
        money=["personal_account", "already"],
    )
    order = titles(view)
    already = scam_check.blocks_for(scam_check.assess({"personal_account"}, True))[0].title
    paper = f"{court_days.KINDS['payment_order']}：{court_days.RULES['payment_order'].task}"
    signs = next(t for t in order if t.startswith("发现 1 个诈骗警示信号"))
    expected = [already, start.SAFETY.title, paper, signs, start.CONTACTS.title, CRISIS, "急事处理好以后，按下面的顺序来"]
    assert [t for t in order if t in expected] == expected
    assert order.index(expected[-1]) < next(i for i, t in enumerate(order) if t.startswith("第 1 步"))
    assert order.count(CRISIS) == 1  # once, though the scam answer carries its own too


@pytest.mark.parametrize("money", [["personal_account"], ["deposit"], ["paid_fix"], ["deposit", "paid_fix"]])
def test_each_money_answer_gives_the_scam_checks_own_warning(money):
    view = run(money=money)
    expected = [b for b in scam_check.blocks_for(scam_check.assess(set(money))) if b is not scam_check.ALREADY_CRISIS]
    assert [b for b in view.blocks if b in expected] == expected
    assert "110" in text(view) and "96110" in text(view)
    assert CRISIS not in titles(view)  # no money gone, no threat, no court: no crisis lines


def test_the_crisis_lines_come_exactly_where_despair_is_likely():
    answers = {
        "court": ["none", "message"],
        "pressure": [[], ["safety"], ["contacts"]],
        "money": [[], ["deposit"], ["already"]],
    }
    for court, pressure, money in itertools.product(*answers.values()):
        view = run(court=court, pressure=pressure, money=money)
        likely = court != "none" or bool(pressure) or "already" in money
        assert (titles(view).count(CRISIS) == 1) == likely, (court, pressure, money)
        if likely:
            assert {"tel:12356", "tel:110", "tel:120", "tel:12348"} <= {link.path for link in links(view)}


def test_several_lenders_use_the_several_lenders_tool_in_the_plan_step():
    plan = {step.key: step for step in start.steps(start.parse({"lenders": "several"}, dt.date(2026, 5, 8)))}["plan"]
    assert [link.path for link in plan.links] == ["guide/plan/", "tools/lenders/", "tools/plan/"]
    one = {step.key: step for step in start.steps(start.parse({"lenders": "one"}, dt.date(2026, 5, 8)))}["plan"]
    assert "tools/lenders/" not in [link.path for link in one.links]


def test_a_reader_unsure_how_many_lenders_is_told_how_to_get_the_credit_report():
    credit = next(m for m in checklist.PLAN if m.key == "credit_report")
    view = run(lenders="unsure")
    assert credit.source in text(view) and "两次" in text(view)
    assert credit.source not in text(run(lenders="one"))


def test_an_offer_on_the_table_is_checked_right_after_the_budget():
    view = run(offer="yes")
    assert view.data["steps"] == ["calm", "offer", "materials", "channels", "plan", "talk"]
    assert "不用当场答应" in titles(view)[2]


def test_knowing_the_budget_changes_the_words_not_the_order():
    known, unknown = run(budget="known"), run(budget="unknown")
    assert known.data == unknown.data
    assert "大概知道" in text(known) and "大概知道" not in text(unknown)


def test_every_step_links_its_guide_page_and_a_tool():
    for lenders, offer in itertools.product(start.LENDERS, start.OFFER):
        for step in start.steps(start.parse({"lenders": lenders, "offer": offer}, dt.date(2026, 5, 8))):
            paths = [link.path for link in step.links]
            assert paths[0].startswith("guide/") and any(p.startswith("tools/") for p in paths[1:]), step.key


def test_the_route_states_no_law_of_its_own():
    """Articles and laws reach the route only through deadlines, scam, checklist and helplines."""
    source = (ROOT / "calculators" / "tools" / "start.py").read_text(encoding="utf-8")
    strings = re.findall(r'"([^"\n]*)"', source)
    assert not [s for s in strings if re.search(r"《|第[一二三四五六七八九十百零]+条|条例|法》", s)]


def test_the_route_never_promises_an_outcome():
    for fields in ({}, {"offer": "yes", "lenders": "several", "budget": "known"}, {"court": "message", "money": ["already"]}):
        words = text(run(**fields))
        assert not re.search(r"一定(能|会|可以)|保证|肯定能|包你", words)


def test_unknown_choices_are_refused_with_the_question_named():
    with pytest.raises(InputError) as caught:
        run(lenders="many")
    assert caught.value.field == "lenders" and caught.value.message == "请选择欠了几家。"
    assert run(money=["nonsense", "deposit"]).data == run(money=["deposit"]).data


def test_bridge_round_trip():
    response = bridge.call("start", {"today": TODAY, "lenders": "several", "money": ["deposit"]})
    assert response["ok"] and response["data"]["steps"][3] == "plan"
    assert "第 1 步" in response["html"] and 'data-site-link="tools/lenders/"' in response["html"]
    assert response["announce"] == "先处理 1 件急事，然后按 6 个步骤走。"


@given(
    fields_for(
        court=st.one_of(st.sampled_from(list(start.COURT)), field_value),
        kinds=st.one_of(st.lists(st.sampled_from(list(court_days.KINDS) + ["x"])), field_value),
        received=date_text,
        hearing=date_text,
        small_claims=field_value,
        pressure=st.one_of(st.lists(st.sampled_from(list(start.PRESSURE) + ["x"])), field_value),
        money=st.one_of(st.lists(st.sampled_from(list(start.MONEY) + ["x"])), field_value),
        lenders=st.one_of(st.sampled_from(list(start.LENDERS)), field_value),
        budget=st.one_of(st.sampled_from(list(start.BUDGET)), field_value),
        offer=st.one_of(st.sampled_from(list(start.OFFER)), field_value),
        today=st.one_of(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)).map(str), field_value),
    )
)
def test_any_fields_give_a_route_or_input_errors(fields):
    try:
        view = start.tool(fields)
    except (InputError, InputErrors):
        return
    html = to_html(view)
    assert "<script" not in html
    assert view.data["steps"] and set(view.data["steps"]) <= {"calm", "offer", "materials", "channels", "plan", "talk", "agreement"}
    assert [n.title for n in notices(view)].count(CRISIS) <= 1
    numbered = [t for t in titles(view) if t.startswith("第 ")]
    assert [t.split("：")[0] for t in numbered] == [f"第 {n} 步" for n in range(1, len(view.data["steps"]) + 1)]


def test_the_route_marks_what_the_case_already_shows_as_done():
    import datetime as dt
    from decimal import Decimal as D

    from calculators.core import case as model
    from calculators.core.render import to_html

    fields = {"lenders": "several", "budget": "known", "today": "2026-12-01"}
    assert "已做" not in to_html(start.tool(fields))
    case = model.Case(income=D("5000.00"), expenses=D("2000.00"),
                      lenders=(model.Lender("借呗", plan=model.Plan(D("500.00"))), model.Lender("微粒贷", plan=model.Plan(D("900.00")))),
                      log=(model.LogRow(dt.date(2026, 11, 2)),))
    view = start.tool({**fields, "case": model.to_json(case)})
    html = to_html(view)
    assert "第 1 步（已做）：先别急着打电话" in html and "2 家都已经有了每月的计划" in html and "沟通记录里已经有 1 条" in html
    assert html.count("（已做）") == 3
    half = model.Case(income=D("5000.00"), lenders=(model.Lender("借呗", plan=model.Plan(D("500.00"))), model.Lender("微粒贷")))
    assert "已做" not in to_html(start.tool({**fields, "case": model.to_json(half)}))
    assert "已做" not in to_html(start.tool({**fields, "case": "{not a case"}))  # an unreadable case shows nothing done
