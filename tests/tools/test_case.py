"""tools.case: the 我的情况 page's tool reads files through the case model and shows a case."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.core import case as model
from calculators.core.inputs import InputError
from calculators.core.render import to_html
from calculators.tools import case as case_page
from core.test_case import locked, seed_case

TODAY = "2026-12-01"


def show(case) -> str:
    return to_html(case_page.tool({"case": model.to_json(case), "today": TODAY}))


def test_opening_a_file_gives_the_case_written_afresh():
    text = json.dumps(model.to_data(seed_case()))  # ASCII-escaped, one line: not the site's own layout
    view = case_page.tool({"action": "open", "text": text})
    assert view.data["case"] == model.to_json(seed_case()) != text


def test_opening_a_locked_file_gives_what_unlocks_it_and_its_inside_must_be_a_case():
    view = case_page.tool({"action": "open", "text": locked()})
    assert view.data == {"locked": {"iterations": 600_000, "salt": "A" * 22 + "==", "iv": "B" * 16, "data": "c2VjcmV0IGNhc2U="}}
    with pytest.raises(InputError) as caught:
        case_page.tool({"action": "open", "text": locked(), "inner": True})
    assert caught.value.field == "file" and "不是本站" in caught.value.message


@pytest.mark.parametrize("text", ['{"format": "xieshang-case", "version": 1, "__proto__": {}}', "[" * 10_000, '{"format": "xieshang-case", "version": 1, "income": 5000}',
                                  '{"format": "xieshang-case", "version": 9}', '{"format": "xieshang-case", "ver', "", None, 5])
def test_a_bad_file_is_refused_on_the_file_field_through_the_bridge(text):
    answer = bridge.call("case", {"action": "open", "text": text})
    assert answer["ok"] is False and answer["errors"][0]["field"] == "file" and answer["message"]


def test_the_summary_shows_who_is_owed_what_against_what_the_reader_can_pay():
    html = show(seed_case())
    for text in ("王小明", "借呗", "微粒贷", "3,000.00", "500.00 元 × 20 期", "60,000.00", "支付令", "2026-12-13", "还有 12 天", "答应三天内回复", "12356", "12348"):
        assert text in html, text
    assert "超过了每月能拿出来的钱" not in html


def test_a_plan_beyond_the_reader_s_means_is_said_plainly():
    over = model.Case(income=D("3000.00"), expenses=D("2800.00"), lenders=(model.Lender("甲", plan=model.Plan(D("500.00"))),))
    assert "超过了每月能拿出来的钱" in show(over)


def test_no_case_says_how_to_get_one():
    assert "还没有" in to_html(case_page.tool({}))


def test_the_summary_keeps_the_newest_contacts_and_says_where_the_rest_are():
    rows = tuple(model.LogRow(dt.date(2026, 1, 1) + dt.timedelta(days=i), said=f"第{i}次" + "很长" * 30) for i in range(20))
    html = show(model.Case(log=rows))
    assert "第19次" in html and "第15次" in html and "第14次" not in html and "共 20 条" in html
    assert "很长" * 18 + "…" in html and "很长" * 19 not in html  # what was said, shortened to 40 characters


def test_the_download_is_the_summary_as_text():
    (download,) = case_page.tool({"case": model.to_json(seed_case()), "today": TODAY}).downloads
    assert download.filename.endswith(".txt") and "借呗" in download.text and "<" not in download.text


@given(st.text(max_size=300))
def test_any_kept_text_gives_a_summary_or_a_refusal(text):
    try:
        case_page.tool({"case": text, "today": TODAY})
    except InputError as error:
        assert error.field == "case" and error.message


def stored(case_text, tool, data, lender=""):
    answer = bridge.call("case", {"action": "store", "case": case_text, "from": tool, "data": data, "lender": lender})
    assert answer["ok"], answer
    return model.from_json(answer["data"]["case"])


def result_of(tool, fields):
    answer = bridge.call(tool, {**fields, "today": TODAY})
    assert answer["ok"], answer
    return answer["data"]


def test_the_seed_s_journey_builds_one_case_from_the_tools_results():
    budget = result_of("budget", {"income": "5000", "expenses": "2000"})
    case = stored("", "budget", budget)
    assert (case.income, case.expenses) == (D("5000.00"), D("2000.00"))
    shares = result_of("lenders", {"capacity": "2700", "order": "pro_rata", "lenders": [
        {"name": "借呗", "amount": "10000"}, {"name": "微粒贷", "amount": "20000"}, {"name": "某某消费金融", "amount": "30000"}]})
    case = stored(model.to_json(case), "lenders", shares)
    assert [lender.name for lender in case.lenders] == ["借呗", "微粒贷", "某某消费金融"]
    assert [lender.plan.monthly for lender in case.lenders] == [D(offer["monthly"]) for offer in shares["offers"]]
    assert sum(lender.plan.monthly for lender in case.lenders) == D("2700.00") and case.lenders[2].owed.total == D("30000.00")
    plan = result_of("plan", {"total": "20000", "mode": "monthly", "monthly": "900", "start": "2027-01-15"})
    case = stored(model.to_json(case), "plan", plan, "1")
    assert case.lenders[1].plan == model.Plan(monthly=D("900.00"), months=plan["months"], start=dt.date(2027, 1, 15)) and case.lenders[0].plan.monthly != D("900.00")
    papers = result_of("court_deadlines", {"kinds": ["payment_order", "summons"], "received": "2026-11-28", "hearing": "2026-12-20"})
    case = stored(model.to_json(case), "court_deadlines", papers)
    assert {paper.kind for paper in case.papers} == {"payment_order", "summons"}
    assert stored(model.to_json(case), "court_deadlines", papers).papers == case.papers  # stored twice: kept once
    assert (case.income, len(case.lenders)) == (D("5000.00"), 3)


def test_a_plan_with_no_lender_chosen_adds_one():
    plan = result_of("plan", {"total": "20000", "mode": "monthly", "monthly": "900", "start": "2027-01-15"})
    case = stored("", "plan", plan, "new")
    assert case.lenders[0].owed.total == D("20000.00") and case.lenders[0].plan.monthly == D("900.00")


def test_what_the_case_cannot_hold_is_not_stored():
    answer = bridge.call("case", {"action": "store", "case": "", "from": "lenders", "data": {"offers": [{"name": "<b>甲</b>", "amount": "1.00", "monthly": "1.00"}]}})
    assert answer["ok"] is False and "没有存入" in answer["message"]
    answer = bridge.call("case", {"action": "store", "case": "", "from": "rate", "data": {}})
    assert answer["ok"] is False


LETTER = {"name": "王小明", "lender": "微粒贷", "loan_number": "WL-7", "owed": "20000", "overdue_since": "2026-04-10",
          "reasons": ["job_loss"], "monthly": "900", "months": "23", "phone": "138 0000 0000"}


@pytest.mark.parametrize("tool", ["letter", "pack"])
def test_a_letter_or_a_pack_is_kept_with_its_lender_and_leaves_the_others_alone(tool):
    case = seed_case()
    data = result_of(tool, {**LETTER, "start": "2027-02-01"} if tool == "pack" else LETTER)
    after = stored(model.to_json(case), tool, data, "1")
    kept = after.lenders[1]
    assert (kept.name, kept.loan_number, kept.overdue_since) == ("微粒贷", "WL-7", dt.date(2026, 4, 10))
    assert kept.owed == case.lenders[1].owed  # the same total: its known parts stay
    assert kept.plan.monthly == D("900.00") and kept.plan.months == 23
    assert kept.plan.start == (dt.date(2027, 2, 1) if tool == "pack" else None)
    assert (after.lenders[0], after.lenders[2]) == (case.lenders[0], case.lenders[2])
    assert after.reader == model.Reader("王小明", "138 0000 0000") and after.reasons == ("job_loss",)


def test_a_letter_with_a_new_figure_replaces_what_is_owed_and_a_new_lender_is_added():
    data = result_of("letter", {**LETTER, "owed": "21000", "months": "24"})
    assert stored(model.to_json(seed_case()), "letter", data, "1").lenders[1].owed == model.Owed(D("21000.00"))
    added = stored(model.to_json(seed_case()), "letter", data, "new")
    assert len(added.lenders) == 4 and added.lenders[3].name == "微粒贷" and added.lenders[3].owed.total == D("21000.00")


def test_the_summary_links_each_lender_to_its_tools_by_the_address_fragment():
    html = show(seed_case())
    for index, name in enumerate(("借呗", "微粒贷", "某某消费金融")):
        for what, path in case_page.LENDER_TOOLS:
            assert f'data-site-link="{path}#lender={index}" href="#">{name}：{what}</a>' in html
    assert "?lender" not in html
    (download,) = case_page.tool({"case": model.to_json(seed_case()), "today": TODAY}).downloads
    assert "给每一家做计划和文书" not in download.text  # links are for the screen
    assert "给每一家" not in show(model.Case(income=D("1.00")))


RATE = {"principal": "10000", "deducted": "1000", "installment": "1000", "count": "12", "period": "month",
        "contract_date": "2025-06-10", "lender": "private"}


def test_the_rate_checker_s_result_is_kept_with_its_lender_and_shown_in_the_summary():
    data = result_of("rate", RATE)
    case = stored(model.to_json(seed_case()), "rate", data, "2")
    kept = case.lenders[2]
    assert kept.rate == model.Rate(D(data["apr"]), D(data["limit"])) and kept.rate.apr > kept.rate.limit
    assert kept.kind == "private" and case.lenders[:2] == seed_case().lenders[:2]
    html = show(case)
    assert f"{data['apr']}%" in html and f"{data['limit']}%" in html and "超过上限" in html
    unknown = result_of("rate", {**RATE, "lender": "unknown", "deducted": ""})
    case = stored(model.to_json(case), "rate", unknown, "2")
    assert case.lenders[2].rate == model.Rate(D(unknown["apr"])) and case.lenders[2].kind == "private"  # 还不清楚 keeps the kind
    assert "没有超过" not in show(case) and "超过上限" not in show(case)  # no line to compare with
    assert stored("", "rate", data, "new").lenders[0].rate.apr == D(data["apr"])


def test_the_communication_log_is_kept_whole_in_the_case_and_its_newest_rows_shown():
    entries = [{"date": "2026-05-03", "time": "10:05", "channel": "app", "who": "工号 A1029", "said": "答应回复", "evidence": "录音"},
               {"date": "2026-06-01", "time": "", "channel": "phone", "who": "", "said": "要求三天内全额还款", "evidence": ""}]
    data = result_of("log", {"entries": entries})
    case = stored(model.to_json(seed_case()), "log", data)
    assert case.log == (model.LogRow(dt.date(2026, 5, 3), "10:05", "app", "工号 A1029", "答应回复", "录音"),
                        model.LogRow(dt.date(2026, 6, 1), "", "phone", "", "要求三天内全额还款", ""))
    assert case.lenders == seed_case().lenders and "要求三天内全额还款" in show(case)
    assert stored(model.to_json(case), "log", result_of("log", {"entries": entries[:1]})).log == case.log[:1]  # the log as it is now
