"""deadlines: last days counted as 第八十五条 says, for every combination of court papers."""

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge

from calculators.core import helplines
from calculators.core.court_days import KINDS, MAX_COURT_DAYS, RULES, deadlines, last_day, may_move, weekday
from calculators.tools.court_deadlines import tool as answer
from calculators.core.inputs import InputError, InputErrors
from calculators.core.render import to_html
from calculators.core.view import Notice, Summary, Table
from html_parts import Parsed
from strategies import count_text, date_text, field_value, fields_for


def tool(fields, today=None):
    """The tool as the page calls it: the reader's date, when given, in fields["today"]."""
    return answer({**fields, "today": today.isoformat()} if today else fields)

TODAY = dt.date(2026, 5, 8)


def notices(view):
    return [b for b in view.blocks if isinstance(b, Notice)]


def table_rows(view):
    return next(b for b in view.blocks if isinstance(b, Table)).rows


def all_text(view) -> str:
    return "".join(Parsed(to_html(view)).text)


# Hand-computed: the day of receipt is not counted, so a period of N days ends N days later.
@pytest.mark.parametrize(
    "received, days, expected, expected_weekday",
    [
        (dt.date(2026, 5, 6), 15, dt.date(2026, 5, 21), "星期四"),  # a plain case
        (dt.date(2026, 1, 31), 15, dt.date(2026, 2, 15), "星期日"),  # from a month's last day
        (dt.date(2026, 4, 30), 15, dt.date(2026, 5, 15), "星期五"),  # a 30-day month
        (dt.date(2026, 2, 14), 15, dt.date(2026, 3, 1), "星期日"),  # February of a common year: 28 days
        (dt.date(2024, 2, 14), 15, dt.date(2024, 2, 29), "星期四"),  # a leap year: the 29th exists
        (dt.date(2024, 2, 29), 15, dt.date(2024, 3, 15), "星期五"),  # received on the leap day itself
        (dt.date(2028, 2, 20), 15, dt.date(2028, 3, 6), "星期一"),  # across a leap February
        (dt.date(2026, 12, 20), 15, dt.date(2027, 1, 4), "星期一"),  # across the new year
        (dt.date(2026, 2, 13), 10, dt.date(2026, 2, 23), "星期一"),  # a court-set 10 days
        (dt.date(2026, 3, 31), 1, dt.date(2026, 4, 1), "星期三"),  # one day: the next day, never the same day
    ],
)
def test_last_day_hand_computed(received, days, expected, expected_weekday):
    assert last_day(received, days) == expected
    assert weekday(expected) == expected_weekday
    assert may_move(expected) == (expected_weekday in ("星期六", "星期日"))


def test_a_period_has_at_least_one_day():
    with pytest.raises(ValueError):
        last_day(dt.date(2026, 1, 1), 0)


def test_payment_order_received_on_a_given_day():
    view = tool({"kinds": "payment_order", "received": "2026-05-06"}, today=TODAY)
    assert table_rows(view) == (("支付令", "2026-05-21（星期四）", "清偿，或者向法院提出书面异议"),)
    summary = next(b for b in view.blocks if isinstance(b, Summary))
    values = {f.label: f.value for f in summary.figures}
    assert values["最早的期限"] == "2026-05-21（星期四）"
    assert values["按这台设备的日期"] == "还有 13 天"
    text = all_text(view)
    assert "只说现在还不起" in text and "第四百三十六条" in text and "口头异议无效" in text
    assert "这 15 天不会因为你们正在商量而停下" in text
    assert view.data == {"received": "2026-05-06", "deadlines": [{"kind": "payment_order", "last_day": "2026-05-21"}]}
    (download,) = view.downloads
    assert download.filename.endswith(".ics") and "DTSTART;VALUE=DATE:20260521" in download.text
    assert view.announce == "最早的期限是 2026-05-21（星期四）：清偿，或者向法院提出书面异议。"


def test_every_result_has_legal_help_and_the_crisis_notice():
    for kind in KINDS:
        view = tool({"kinds": [kind], "received": "2026-05-01"}, today=TODAY)
        titles = [n.title for n in notices(view)]
        assert "免费的法律帮助" in titles and helplines.crisis_notice().title in titles
        text = all_text(view)
        for must in ("12348", "法律援助", "诉讼服务中心", "12356", "110"):
            assert must in text, (kind, must)
        assert "据法院官网介绍，12368" in text  # grade B, hedged


ENFORCEMENT_RULINGS = ("enforcement_ruling", "objection_ruling")
PAPER_SETS = [
    # every combination of the other papers, and the two enforcement rulings alone, together, beside each
    # other paper and beside all of them (the full 2^10 product was four times slower, too slow in Pyodide)
    *(c for size in range(1, 9) for c in itertools.combinations([k for k in KINDS if k not in ENFORCEMENT_RULINGS], size)),
    *((k,) for k in ENFORCEMENT_RULINGS),
    ENFORCEMENT_RULINGS,
    *((other, k) for k in ENFORCEMENT_RULINGS for other in KINDS if other not in ENFORCEMENT_RULINGS),
    tuple(KINDS),
]


def test_every_combination_of_papers():
    received = dt.date(2026, 5, 1)
    assert len(KINDS) == 10
    for kinds in PAPER_SETS:
        for small_claims, hearing, days in itertools.product([False, True], ["", "2026-06-02"], ["", "10"]):
            fields = {
                "kinds": list(kinds),
                "received": received.isoformat(),
                "small_claims": small_claims,
                "hearing": hearing,
                "notice_days": days,
                "report_days": days,
            }
            view = tool(fields, today=TODAY)
            rows = table_rows(view)
            assert [row[0] for row in rows] and {row[0] for row in rows} == {KINDS[k] for k in kinds}
            found = view.data["deadlines"]
            dates = [d["last_day"] for d in found if d["last_day"]]
            assert dates == sorted(dates), "dated deadlines come first, earliest first"
            assert all(not d["last_day"] for d in found[len(dates):])
            expected = {
                "complaint": "2026-05-16",
                "payment_order": "2026-05-16",
                "judgment": "" if small_claims else "2026-05-16",
                "ruling": "" if small_claims else "2026-05-11",
                "preservation_ruling": "2026-05-06",
                "enforcement_ruling": "",
                "objection_ruling": "2026-05-11",
                "summons": hearing,
                "enforcement_notice": "2026-05-11" if days else "",
                "report_order": "2026-05-11" if days else "",
            }
            assert {d["kind"]: d["last_day"] for d in found} == {k: expected[k] for k in kinds}
            assert all(date > received.isoformat() for date in dates)
            assert bool(view.downloads) == any(date >= TODAY.isoformat() for date in dates)
            text = all_text(view)
            assert ("不能上诉" in text) == bool({"judgment", "ruling", "preservation_ruling", "enforcement_ruling"} & set(kinds))
            if "judgment" in kinds and not small_claims:
                assert "上诉不一定能改变结果" in text
            if "report_order" in kinds:
                assert "可能被列入失信被执行人名单" in text and "第一条第（四）项" in text
            if "ruling" in kinds and not small_claims:
                assert "10 日内" in text and "第一百五十七条" in text
            if "preservation_ruling" in kinds:
                assert "5 日内" in text and "申请复议" in text
            if "summons" in kinds:
                assert "可以缺席判决" in text and "第一百四十七条" in text


def test_a_ruling_has_ten_days_to_appeal_not_the_fifteen_of_a_judgment():
    view = tool({"kinds": ["judgment", "ruling"], "received": "2026-05-06"}, today=TODAY)
    assert table_rows(view) == (
        ("裁定书", "2026-05-16（星期六）", "决定是否上诉"),
        ("判决书", "2026-05-21（星期四）", "决定是否上诉"),
    )
    text = all_text(view)
    assert "裁定书送达之日起 10 日内" in text and "第一百七十一条第二款" in text
    assert "民事裁定书" in text  # how to tell it from a judgment: the title
    assert "不予受理、对管辖权异议的裁定和驳回起诉（第一百五十七条）" in text
    (download,) = view.downloads
    assert "DTSTART;VALUE=DATE:20260516" in download.text and "DTSTART;VALUE=DATE:20260521" in download.text
    assert "最后一天：决定是否上诉（裁定书）" in download.text


def test_a_small_claims_ruling_takes_effect_at_once_and_has_no_appeal_day():
    view = tool({"kinds": ["ruling"], "received": "2026-05-06", "small_claims": True}, today=TODAY)
    assert view.data["deadlines"] == [{"kind": "ruling", "last_day": ""}]
    text = all_text(view)
    assert "一经作出就生效" in text and "第二百七十六条" in text and "10 日内" not in text
    assert view.downloads == ()


def test_a_preservation_ruling_has_five_days_to_ask_for_reconsideration_not_an_appeal():
    view = tool({"kinds": ["preservation_ruling"], "received": "2026-05-06"}, today=TODAY)
    assert table_rows(view) == (("保全裁定书（查封、冻结、扣押财产）", "2026-05-11（星期一）", "不服的，申请复议"),)
    text = all_text(view)
    assert "保全裁定不能上诉" in text and "5 日内" in text and "第一百一十一条" in text and "复议期间，裁定照常执行" in text
    (download,) = view.downloads
    assert "DTSTART;VALUE=DATE:20260511" in download.text


def test_an_enforcement_freezing_ruling_is_not_a_preservation_ruling():
    # fact 10.1: a ruling to freeze in enforcement (案号 with 执) is challenged by a written 执行异议
    # to the enforcing court (第二百三十六条), not by the preservation ruling's 5-day reconsideration.
    view = tool({"kinds": ["enforcement_ruling"], "received": "2026-05-06"}, today=TODAY)
    assert view.data["deadlines"] == [{"kind": "enforcement_ruling", "last_day": ""}]
    text = all_text(view)
    assert "案号里有“执”字" in text and "不是保全裁定" in text and "第二百五十三条" in text
    assert "向负责执行的法院提出书面异议" in text and "15 日内审查" in text and "第二百三十六条" in text
    assert "10 日内向上一级法院申请复议" in text
    assert "申请复议一次" not in text and "保全裁定不能上诉" not in text
    assert view.downloads == ()


def test_the_ruling_on_an_enforcement_objection_has_ten_days_to_the_higher_court():
    view = tool({"kinds": ["objection_ruling"], "received": "2026-05-06"}, today=TODAY)
    assert table_rows(view) == (("执行异议裁定书（对你的书面执行异议作出的裁定）", "2026-05-16（星期六）", "不服的，向上一级法院申请复议"),)
    assert "自裁定送达之日起 10 日内向上一级法院申请复议（第二百三十六条）" in all_text(view)
    (download,) = view.downloads
    assert "DTSTART;VALUE=DATE:20260516" in download.text
    unfolded = download.text.replace("\r\n ", "").replace("\n ", "")
    assert "SUMMARY:最后一天：不服的，向上一级法院申请复议（执行异议裁定书" in unfolded and "第二百三十六条" in unfolded


def test_the_preservation_and_plain_rulings_say_how_to_tell_an_enforcement_ruling_apart():
    for kind in ("preservation_ruling", "ruling"):
        text = all_text(tool({"kinds": [kind], "received": "2026-05-06"}, today=TODAY))
        assert "案号里有“执”字" in text and "执行裁定书" in text, kind


def test_the_court_set_defence_period_states_its_condition():
    text = all_text(tool({"kinds": ["complaint"], "received": "2026-05-06"}, today=TODAY))
    assert "简易程序的案件，你要求书面答辩的，法院可以征得你同意后另定答辩期间（《民诉法解释》第二百六十六条）" in text
    assert "小额诉讼的案件也是这样，但最长 15 日（第二百七十五条）" in text


def test_the_dishonest_list_is_a_possibility_with_its_conditions_not_a_certainty():
    text = all_text(tool({"kinds": ["report_order"], "received": "2026-05-06", "report_days": "10"}, today=TODAY))
    assert "应当" not in text.split("失信")[0][-40:] and "纳入失信" not in text
    assert "判决等文书确定的义务还没有履行完，又违反财产报告制度的，可能被列入失信被执行人名单" in text
    assert "确实没有钱还，本身不是列入的理由" in text and "第三条" in text
    assert "有没有钱都可能因此被列入" in text


def test_what_to_do_and_what_if_nothing_for_each_paper():
    for kind in KINDS:
        view = tool({"kinds": [kind], "received": "2026-05-01", "notice_days": "7", "report_days": "7"}, today=TODAY)
        (notice,) = [n for n in notices(view) if n.title.startswith(KINDS[kind] + "：")]
        assert any(p.startswith("在这之前要做的：") for p in notice.paragraphs)
        assert any(p.startswith("如果什么都不做：") for p in notice.paragraphs)
        assert notice.paragraphs[0].startswith("最后一天：") or kind in ("summons", "enforcement_ruling")


def test_weekend_last_day_says_it_may_move_but_to_act_before():
    view = tool({"kinds": ["complaint"], "received": "2026-01-31"}, today=dt.date(2026, 2, 1))
    (notice,) = [n for n in notices(view) if n.title.startswith("起诉状副本")]
    assert notice.paragraphs[0] == "最后一天：2026-02-15（星期日）。这天是星期日，期限可能顺延，但请不要指望顺延，在这之前办完。"
    counting = next(n for n in notices(view) if n.title == "期限是怎么算的")
    text = "".join(counting.paragraphs)
    assert "收到文书的当天不算" in text and "法定休假日" in text and "在算出来的日子之前办完" in text
    assert "期满前交邮的，不算过期" in text


@pytest.mark.parametrize(
    "received, days, shown, name",
    [
        ("2026-12-17", "complaint", "2027-01-01（星期五，元旦）", "元旦"),  # the case: 15 days land on 1 January
        ("2026-04-16", "complaint", "2026-05-01（星期五，劳动节）", "劳动节"),
        ("2026-04-22", "ruling", "2026-05-02（星期六，劳动节）", "劳动节"),
        ("2026-09-18", "complaint", "2026-10-03（星期六，国庆节）", "国庆节"),
    ],
)
def test_a_last_day_on_a_fixed_date_holiday_is_named_with_its_hedge(received, days, shown, name):
    # fact 10.7 (grade B): 1 January, 1-2 May and 1-3 October; named next to the date, advice to act before it kept.
    view = tool({"kinds": [days], "received": received}, today=dt.date.fromisoformat(received))
    assert table_rows(view)[0][1] == shown
    (notice,) = [n for n in notices(view) if n.title.startswith(KINDS[days] + "：")]
    assert notice.paragraphs[0].startswith(f"最后一天：{shown}。这天是{name}（据报道")
    assert "以国务院办公厅公布的安排为准" in notice.paragraphs[0] and "在这之前办完" in notice.paragraphs[0]
    unfolded = view.downloads[0].text.replace("\r\n ", "").replace("\n ", "")
    assert f"这天是{name}" in unfolded


def test_an_ordinary_working_day_is_not_called_a_holiday():
    view = tool({"kinds": ["complaint"], "received": "2026-05-06"}, today=TODAY)
    (notice,) = [n for n in notices(view) if n.title.startswith("起诉状副本")]
    assert notice.paragraphs[0] == "最后一天：2026-05-21（星期四）。"


def test_passed_deadline_points_to_an_extension_request_and_help():
    view = tool({"kinds": ["payment_order"], "received": "2026-04-01"}, today=TODAY)
    passed = next(n for n in notices(view) if n.title == "有期限已经过了")
    assert passed.level == "danger" and "第八十六条" in "".join(passed.paragraphs)
    assert "已经过了 22 天" in all_text(view)  # 2026-04-16 to 2026-05-08
    assert view.downloads == ()  # nothing left to remind of


def test_summons_uses_the_hearing_date_and_no_statutory_count():
    view = tool({"kinds": ["summons"], "received": "2026-05-01", "hearing": "2026-05-20"}, today=TODAY)
    assert table_rows(view)[0][1] == "2026-05-20（星期三）"
    assert "开庭：按传票上的时间到庭" in view.downloads[0].text
    without = tool({"kinds": ["summons"], "received": "2026-05-01"}, today=TODAY)
    assert table_rows(without)[0][1] == "看传票上写的开庭时间" and without.downloads == ()


def test_fields_for_other_papers_do_not_leak():
    view = tool(
        {"kinds": ["payment_order"], "received": "2026-05-01", "hearing": "2026-05-30", "notice_days": "3", "report_days": "4", "small_claims": True},
        today=TODAY,
    )
    assert view.data["deadlines"] == [{"kind": "payment_order", "last_day": "2026-05-16"}]
    assert "2026-05-30" not in all_text(view) and "2026-05-04" not in all_text(view)


def test_bad_input_is_refused_calmly():
    with pytest.raises(InputErrors) as caught:
        tool({}, today=TODAY)
    assert {e.field for e in caught.value.errors} == {"kinds", "received"}
    with pytest.raises(InputErrors) as caught:
        tool({"kinds": ["x"], "received": "2026-02-30", "notice_days": "0", "report_days": str(MAX_COURT_DAYS + 1)}, today=TODAY)
    assert {e.field for e in caught.value.errors} == {"kinds", "received", "notice_days", "report_days"}
    with pytest.raises(InputErrors) as caught:
        tool({"kinds": ["complaint"], "received": "2026-05-20"}, today=TODAY)
    assert caught.value.errors[0].message == "收到的日期晚于今天，请核对。"
    with pytest.raises(InputError) as caught:
        tool({"kinds": ["summons"], "received": "2026-05-05", "hearing": "2026-05-04"}, today=TODAY)
    assert caught.value.field == "hearing"


def test_tomorrow_is_accepted_for_clocks_a_few_hours_behind():
    view = tool({"kinds": ["complaint"], "received": "2026-05-09"}, today=TODAY)
    assert view.data["deadlines"][0]["last_day"] == "2026-05-24"


def test_days_are_counted_from_the_readers_date_sent_by_the_page():
    fields = {"kinds": ["payment_order"], "received": "2026-05-06"}
    for today, left in (("2026-05-08", "还有 13 天"), ("2026-05-21", "今天就是最后一天"), ("2026-05-25", "已经过了 4 天")):
        response = bridge.call("court_deadlines", {**fields, "today": today})
        assert response["ok"] and left in "".join(Parsed(response["html"]).text), today
    late = bridge.call("court_deadlines", {"kinds": ["complaint"], "received": "2026-05-20", "today": "2026-05-08"})
    assert late["errors"] == [{"field": "received", "message": "收到的日期晚于今天，请核对。"}]


def test_no_promise_of_success():
    text = "".join(
        "".join(rule.meaning + rule.todo + rule.if_nothing) for rule in RULES.values()
    )
    for promise in ("一定能", "保证", "肯定会", "必然"):
        assert promise not in text.replace("不一定能", ""), promise


def test_bridge_round_trip():
    response = bridge.call("court_deadlines", {"kinds": ["payment_order"], "received": "2026-05-06"})
    assert response["ok"] and response["data"]["deadlines"][0]["last_day"] == "2026-05-21"
    assert "法院文书期限.ics" in [d["filename"] for d in response["downloads"]] or response["data"]["deadlines"][0]["last_day"] < dt.date.today().isoformat()


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 9, 1)),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 9, 1)),
    st.integers(min_value=1, max_value=MAX_COURT_DAYS),
)
def test_never_on_or_before_receipt_and_later_receipt_never_earlier(first, second, days):
    early, late = sorted((first, second))
    assert last_day(early, days) > early and last_day(late, days) > late
    assert last_day(early, days) <= last_day(late, days)


@given(
    st.lists(st.sampled_from(list(KINDS)), min_size=1, unique=True),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 9, 1)),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=1, max_value=MAX_COURT_DAYS),
)
def test_every_kind_is_monotonic_in_the_receipt_date(kinds, received, later_by, days):
    later = received + dt.timedelta(days=later_by)
    a = deadlines(kinds, received, notice_days=days, report_days=days)
    b = deadlines(kinds, later, notice_days=days, report_days=days)
    by_kind_a = {d.rule.kind: d.last_day for d in a}
    by_kind_b = {d.rule.kind: d.last_day for d in b}
    for kind, day in by_kind_a.items():
        if day is not None and kind != "summons":
            assert day > received and by_kind_b[kind] >= day


@given(
    fields_for(
        kinds=st.one_of(st.lists(st.sampled_from(list(KINDS) + ["x"])), field_value),
        received=date_text,
        hearing=date_text,
        notice_days=count_text,
        report_days=count_text,
        small_claims=field_value,
    ),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_any_fields_give_deadlines_or_input_errors(fields, today):
    try:
        view = tool(fields, today=today)
    except (InputError, InputErrors):
        return
    html = to_html(view)
    assert "<script" not in html
    received = view.data["received"]
    for item in view.data["deadlines"]:
        if item["last_day"] and item["kind"] != "summons":
            assert item["last_day"] > received
