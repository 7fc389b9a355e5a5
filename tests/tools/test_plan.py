"""plan: one debt becomes a dated schedule that adds up exactly, with month ends handled."""

import calendar
import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.core.inputs import InputError, InputErrors
from calculators.core.schedule import MAX_DEFERRAL_MONTHS, MAX_INSTALLMENTS, Plan, PlanError, due_date, fits, installments_needed, labels, make_plan, regular_amounts, schedule_table
from calculators.documents.plan_schedule import to_csv
from calculators.tools.plan import amount_due, owed_from_parts, refused, tool as _tool
from calculators.core.render import to_html
from calculators.core.view import Notice, Table
from strategies import count_text, date_text, field_value, fields_for

D = Decimal


def tool(fields):
    """The tool as the page calls it: with the reader's date (a fixed day, so the tests do not age)."""
    return _tool({"today": "2026-11-30", **fields} if isinstance(fields, dict) else fields)
TODAY = "2026-11-30"


def run(tool_name: str, fields: dict) -> dict:
    """A call through the browser's entry point, with the reader's date as the page sends it."""
    return json.loads(bridge.run(json.dumps({"tool": tool_name, "fields": {"today": TODAY, **fields}}, ensure_ascii=False)))


def titles(view) -> str:
    return " | ".join(block.title for block in view.blocks if isinstance(block, Notice))


def test_seed_example_30000_at_3000_a_month_is_10_months():
    view = tool({"total": "30000", "monthly": "3000", "start": "2026-01-15"})
    assert view.data["months"] == 10
    assert [row["amount"] for row in view.data["schedule"]] == ["3000.00"] * 10
    assert view.data["schedule"][-1] == {"n": 10, "date": "2026-10-15", "amount": "3000.00", "remaining": "0.00", "kind": "regular"}
    assert view.data["total"] == "30000.00" and view.data["monthly"] == "3000.00"


def test_month_ends_anchor_on_the_original_day():
    dates = [due_date(dt.date(2026, 1, 31), k) for k in range(14)]
    assert dates[:4] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    assert dates[13] == dt.date(2027, 2, 28)
    assert due_date(dt.date(2027, 12, 30), 2) == dt.date(2028, 2, 29)
    assert due_date(dt.date(2026, 3, 15), 12) == dt.date(2027, 3, 15)


def test_rounding_rule_spreads_the_odd_fen_over_the_first_installments():
    plan = make_plan(D("10000"), dt.date(2026, 5, 1), months=3)
    assert [i.amount for i in plan.installments] == [D("3333.34"), D("3333.33"), D("3333.33")]
    assert plan.monthly == D("3333.34")
    plan = make_plan(D("10000"), dt.date(2026, 5, 1), monthly=D("3000"))
    assert [i.amount for i in plan.installments] == [D("3000.00")] * 3 + [D("1000.00")]
    # the same three numbers read back give the same schedule, whichever way they were asked
    assert make_plan(D("10000"), dt.date(2026, 5, 1), monthly=D("3333.34")).installments == plan_of(D("10000"), months=3).installments
    assert make_plan(D("10000"), dt.date(2026, 5, 1), monthly=D("3333.34"), months=3).installments == plan_of(D("10000"), months=3).installments


def plan_of(total, **options):
    return make_plan(total, dt.date(2026, 5, 1), **options)


def test_defect_10_installments_differ_by_at_most_one_fen():
    """Issue 10, defect 10: 100.01 over 100 installments was 99 x 1.01 + 0.02."""
    response = run("plan", {"total": "100.01", "mode": "months", "months": "100", "start": "2027-01-01"})
    amounts = [D(row["amount"]) for row in response["data"]["schedule"]]
    assert len(amounts) == 100 and sum(amounts) == D("100.01")
    assert amounts == [D("1.01")] + [D("1.00")] * 99
    assert max(amounts) - min(amounts) <= D("0.01")


def test_down_payment_and_deferral():
    plan = make_plan(D("12000"), dt.date(2026, 1, 31), monthly=D("2000"), down_payment=D("1000"), deferral_months=2, deferral_amount=D("500"))
    kinds = [(i.kind, i.due.isoformat(), str(i.amount)) for i in plan.installments]
    assert kinds[:4] == [("down", "2026-01-31", "1000.00"), ("deferral", "2026-02-28", "500.00"), ("deferral", "2026-03-31", "500.00"), ("regular", "2026-04-30", "2000.00")]
    assert sum(i.amount for i in plan.installments) == D("12000")
    assert len(plan.regular) == 5 and plan.regular[-1].amount == D("2000.00")


def test_deferral_keeps_the_anchor_day_across_a_short_month():
    plan = make_plan(D("0.02"), dt.date(2000, 1, 30), months=2, deferral_months=1)
    assert [i.due for i in plan.installments] == [dt.date(2000, 2, 29), dt.date(2000, 3, 30)]


def test_deferral_without_payment_shifts_the_first_installment():
    plan = make_plan(D("900"), dt.date(2026, 1, 10), monthly=D("300"), deferral_months=3)
    assert [i.due for i in plan.installments] == [dt.date(2026, 4, 10), dt.date(2026, 5, 10), dt.date(2026, 6, 10)]
    assert plan.term_months == 6  # the three months without payment count


def test_defect_4_a_deferral_without_payments_counts_in_the_term():
    """Issue 10, defect 4: 50000 at 1000 after 24 months of deferral showed 50 months and no long-term warning."""
    response = run("plan", {"total": "50000", "monthly": "1000", "deferral_months": "24", "start": "2027-01-01"})
    assert response["data"]["term_months"] == 74
    assert "74 个月" in response["html"] and "时间很长" in response["html"]


def test_defect_3_a_monthly_amount_above_the_debt_is_refused():
    """Issue 10, defect 3: total 100, monthly 3000 showed 每月 3,000.00 and a false capacity warning."""
    response = run("plan", {"total": "100", "monthly": "3000", "capacity": "500", "start": "2027-01-01"})
    assert response["ok"] is False
    (error,) = response["errors"]
    assert error["field"] == "monthly" and "100.00" in error["message"] and "3,000" not in error["message"]
    ok = run("plan", {"total": "100", "monthly": "100", "capacity": "500", "start": "2027-01-01"})
    assert ok["data"]["monthly"] == "100.00" and "超过了你每月能拿出的" not in ok["html"]
    after_down = run("plan", {"total": "1000", "down_payment": "900", "monthly": "500", "start": "2027-01-01"})
    assert after_down["errors"][0]["field"] == "monthly" and "100.00" in after_down["errors"][0]["message"]


def test_defect_5_amount_and_monthly_alone_give_a_plan_from_next_month():
    """Issue 10, defect 5: without a start date the plan showed nothing."""
    response = run("plan", {"total": "30000", "monthly": "3000"})
    assert response["ok"] is True
    assert response["data"]["start"] == "2026-12-30" and response["data"]["start_assumed"] is True
    assert response["data"]["schedule"][0]["date"] == "2026-12-30"
    assert "先按 2026-12-30 算" in response["html"] and "可以修改" in response["announce"]
    end_of_month = run("plan", {"total": "300", "monthly": "100", "today": "2027-01-31"})
    assert end_of_month["data"]["start"] == "2027-02-28"
    typed = run("plan", {"total": "30000", "monthly": "3000", "start": "2027-03-01"})
    assert typed["data"]["start_assumed"] is False and "先按" not in typed["html"]


def test_missing_amount_is_named_for_the_status_line():
    response = run("plan", {"monthly": "3000"})
    assert response["missing"] == ["total"]
    response = run("plan", {"total": "3000", "mode": "months"})
    assert response["missing"] == ["months"]


@pytest.mark.parametrize("months, words", [("3年", "例如 36"), ("1,2", "不要加逗号"), ("1,0", "不要加逗号")])
def test_defect_11_ambiguous_counts_are_refused_with_the_expected_form(months, words):
    """Issue 10, defect 11: '3年' became 3 installments and '1,2' became 12."""
    response = run("plan", {"total": "3000", "mode": "months", "months": months, "start": "2027-01-01"})
    assert response["ok"] is False and response["errors"][0]["field"] == "months"
    assert words in response["errors"][0]["message"] and months not in response["errors"][0]["message"]


def test_defect_12_plan_start_dates_far_from_today_are_refused():
    """Issue 10, defect 12 (plan side): a start date more than ten years away is a typo in the year."""
    for start, words in (("2016-11-29", "10 年以前"), ("2036-12-01", "晚了 10 年以上")):
        response = run("plan", {"total": "3000", "monthly": "1000", "start": start})
        assert response["errors"][0]["field"] == "start" and words in response["errors"][0]["message"]


def test_defect_14_the_parts_mismatch_does_not_repeat_the_typed_total():
    """Issue 10, defect 14: the message echoed the typed total."""
    response = run("plan", {"total": "12345", "principal": "1", "monthly": "1", "start": "2027-01-01"})
    message = response["errors"][0]["message"]
    assert "1.00 元" in message and "12,345" not in message and "12345" not in message


def test_down_payment_can_settle_everything():
    plan = make_plan(D("500"), dt.date(2026, 1, 1), monthly=D("100"), down_payment=D("500"))
    assert len(plan.installments) == 1 and plan.installments[0].kind == "down" and plan.regular == ()
    view = tool({"total": "500", "down_payment": "500", "start": "2026-01-01", "monthly": "100"})
    assert view.data["months"] == 0 and "一次还清" in view.announce


def test_tiny_total_over_many_months_needs_fewer_installments():
    view = tool({"total": "0.03", "mode": "months", "months": "5", "start": "2026-01-01"})
    assert view.data["months"] == 3
    assert "只需要 3 期" in titles(view)


def test_parts_and_waiver():
    view = tool({"principal": "20000", "interest": "6000", "fees": "4000", "waiver": "6000", "monthly": "3000", "start": "2026-02-01"})
    assert view.data["total"] == "24000.00" and view.data["months"] == 8
    assert "平台同意减免" in to_html(view)
    assert owed_from_parts(None, D("1"), None, D("2")) == D("3")
    with pytest.raises(InputError) as caught:
        owed_from_parts(D("10"), D("1"), None, None)
    assert caught.value.field == "total" and "不一样" in caught.value.message
    with pytest.raises(InputError) as caught:
        amount_due(D("100"), D("100"))
    assert caught.value.field == "waiver"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"monthly": "3000", "start": "2026-01-01"}, "total"),
        ({"total": "-5", "monthly": "3000", "start": "2026-01-01"}, "total"),
        ({"total": "abc", "monthly": "3000", "start": "2026-01-01"}, "total"),
        ({"total": "30000", "monthly": "0", "start": "2026-01-01"}, "monthly"),
        ({"total": "30000", "monthly": "3000", "start": "2026-02-30"}, "start"),
        ({"total": "30000", "monthly": "30001", "start": "2026-01-01"}, "monthly"),
        ({"total": "30000", "mode": "months", "months": "3年", "start": "2026-01-01"}, "months"),
        ({"total": "30000", "monthly": "1", "start": "2026-01-01"}, "monthly"),
        ({"total": "30000", "mode": "months", "months": "0", "start": "2026-01-01"}, "months"),
        ({"total": "30000", "monthly": "3000", "down_payment": "40000", "start": "2026-01-01"}, "down_payment"),
        ({"total": "30000", "monthly": "3000", "deferral_amount": "3000", "deferral_months": "2", "start": "2026-01-01"}, "deferral_amount"),
        ({"total": "3000", "monthly": "300", "deferral_amount": "200", "deferral_months": "20", "start": "2026-01-01"}, "deferral_amount"),
        ({"total": "3000", "monthly": "300", "deferral_amount": "200", "start": "2026-01-01"}, "deferral_months"),
        ({"total": "3000", "monthly": "300", "deferral_months": "25", "start": "2026-01-01"}, "deferral_months"),
        ({"total": "3000", "monthly": "300", "mode": "weekly", "start": "2026-01-01"}, "mode"),
    ],
)
def test_refusals_name_the_field(fields, field):
    with pytest.raises((InputError, InputErrors)) as caught:
        tool(fields)
    error = caught.value
    found = [e.field for e in error.errors] if isinstance(error, InputErrors) else [error.field]
    assert field in found


def test_capacity_warning_and_long_term_warning_are_hedged():
    view = tool({"total": "30000", "monthly": "3000", "start": "2026-01-01", "capacity": "2700"})
    assert "超过了你每月能拿出的" in titles(view)
    assert "超过了你每月能拿出的" not in titles(tool({"total": "30000", "monthly": "2700", "start": "2026-01-01", "capacity": "2700"}))
    long_view = tool({"total": "70000", "monthly": "1000", "start": "2026-01-01"})
    notice = next(b for b in long_view.blocks if isinstance(b, Notice) and "时间很长" in b.title)
    text = " ".join(notice.paragraphs)
    assert "据二手资料" in text and "以官方公布" in text
    assert "最长不超过 5 年" in text and "上限" in text and "一般" not in text  # 5 years is the maximum, not the usual term
    assert "时间很长" not in titles(tool({"total": "60000", "monthly": "1000", "start": "2026-01-01"}))


def test_schedule_table_and_csv_with_bom_parse_back():
    view = tool({"total": "10000", "mode": "months", "months": "3", "down_payment": "1000", "start": "2026-01-31"})
    table = next(b for b in view.blocks if isinstance(b, Table))
    assert table.headers == ("期数", "日期", "金额", "剩余")
    assert table.rows[0][0] == "首期" and table.rows[1][:2] == ("1", "2026-02-28")
    (download,) = view.downloads
    assert download.filename.endswith(".csv") and download.text.startswith("\ufeff")
    assert download.mime == "text/csv;charset=utf-8"  # the page saves the file with this type as it is
    raw = download.text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0] == ["期数", "日期", "金额（元）", "剩余（元）"]
    body = lines[1:-1]
    assert sum(D(row[2]) for row in body) == D("10000.00") == D(lines[-1][2])
    assert body[-1][3] == "0.00" and [row[1] for row in body] == [r["date"] for r in view.data["schedule"]]


def test_schedule_table_is_the_plans_table():
    plan = make_plan(D("10000"), dt.date(2026, 1, 31), monthly=D("3000"), down_payment=D("1000"), deferral_months=1, deferral_amount=D("500"))
    table = schedule_table(plan)
    assert (table.caption, table.headers, table.numeric) == ("还款计划表", ("期数", "日期", "金额", "剩余"), (2, 3))
    assert table.rows == (
        ("首期", "2026-01-31", "1,000.00 元", "9,000.00 元"),
        ("缓冲期 1", "2026-02-28", "500.00 元", "8,500.00 元"),
        ("1", "2026-03-31", "3,000.00 元", "5,500.00 元"),
        ("2", "2026-04-30", "3,000.00 元", "2,500.00 元"),
        ("3", "2026-05-31", "2,500.00 元", "0.00 元"),
    )
    assert table.footer == ("合计", "", "10,000.00 元", "")
    view = tool({"total": "10000", "monthly": "3000", "down_payment": "1000", "deferral_months": "1", "deferral_amount": "500", "start": "2026-01-31"})
    assert [b for b in view.blocks if isinstance(b, Table)] == [table]


def test_dates_written_the_chinese_way():
    assert tool({"total": "3000", "monthly": "1000", "start": "2026年3月31日"}).data["schedule"][1]["date"] == "2026-04-30"


# --- properties -------------------------------------------------------------------------

amounts = st.decimals(min_value=D("0.01"), max_value=10**7, places=2)
starts = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def check_schedule(plan: Plan, total: Decimal, start: dt.date) -> None:
    items = plan.installments
    assert sum(i.amount for i in items) == total
    assert all(i.amount > 0 for i in items)
    assert all(a.due < b.due for a, b in zip(items, items[1:]))
    assert [i.n for i in items] == list(range(1, len(items) + 1))
    assert items[-1].remaining == 0 and all(i.remaining >= 0 for i in items)
    regular = plan.regular
    if regular:
        check_rounding_rule([i.amount for i in regular], plan.monthly)
    assert items[0].due >= start
    for item in items:
        assert item.due.day == min(start.day, calendar.monthrange(item.due.year, item.due.month)[1])


def check_rounding_rule(amounts, monthly) -> None:
    """The documented rule: either an even split (at most one fen apart, the extra fen first)
    or equal installments of `monthly` and a smaller last one."""
    assert amounts[0] == monthly == max(amounts)
    assert all(a >= b for a, b in zip(amounts, amounts[1:]))
    rest, n = sum(amounts), len(amounts)
    fen = int(rest * 100)
    if max(amounts) - min(amounts) <= D("0.01") and (fen // n) > 0:
        each, extra = divmod(fen, n)
        assert [int(a * 100) for a in amounts] == [each + 1] * extra + [each] * (n - extra)
    else:
        assert all(a == monthly for a in amounts[:-1]) and amounts[-1] < monthly


@given(st.data(), amounts, starts)
def test_schedules_add_up_and_keep_their_promises(data, total, start):
    down = data.draw(st.sampled_from([D(0), (total / 10).quantize(D("0.01")), total]))
    deferral_months = data.draw(st.integers(min_value=0, max_value=24))
    deferral_amount = data.draw(st.sampled_from([D(0), D("0.01"), D("100")])) if deferral_months else D(0)
    if data.draw(st.booleans()):
        options = {"monthly": data.draw(st.decimals(min_value=D("0.01"), max_value=10**6, places=2))}
    else:
        options = {"months": data.draw(st.integers(min_value=1, max_value=MAX_INSTALLMENTS))}
    try:
        plan = make_plan(total, start, down_payment=down, deferral_months=deferral_months, deferral_amount=deferral_amount, **options)
    except PlanError as error:
        assert (error.key, error.reason) in {("instalment", "above_rest"), ("instalment", "too_many"), ("deferral_amount", "pays_all"), ("deferral_amount", "not_below_instalment")}
        return
    check_schedule(plan, total, start)
    if "months" in options and plan.regular:
        amounts = [i.amount for i in plan.regular]
        assert len(amounts) <= options["months"]
        assert max(amounts) - min(amounts) <= D("0.01")
    assert len(plan.regular) <= MAX_INSTALLMENTS


@given(amounts, st.one_of(st.integers(min_value=1, max_value=MAX_INSTALLMENTS), st.decimals(min_value=D("0.01"), max_value=10**6, places=2)))
def test_a_schedule_read_back_from_its_three_numbers_is_the_same(total, asked):
    """monthly, count and total are all a letter or pack gets from the plan: they determine the schedule."""
    options = {"months": asked} if isinstance(asked, int) else {"monthly": asked}
    try:
        plan = plan_of(total, **options)
    except PlanError:
        return
    again = plan_of(plan.total, monthly=plan.monthly, months=len(plan.regular))
    assert again.installments == plan.installments
    assert fits(total, plan.monthly, len(plan.regular))


@given(amounts, st.decimals(min_value=D("0.01"), max_value=10**6, places=2), st.integers(min_value=1, max_value=400))
def test_fits_agrees_with_the_rounding_rule(rest, monthly, months):
    if not fits(rest, monthly, months):
        return
    schedule = regular_amounts(rest, monthly, months)
    assert len(schedule) == months and sum(schedule) == rest and all(a > 0 for a in schedule)
    check_rounding_rule(list(schedule), monthly)
    assert months == installments_needed(rest, monthly) or max(schedule) - min(schedule) <= D("0.01")


@given(starts, st.integers(min_value=0, max_value=400))
def test_due_dates_strictly_increase_and_keep_the_day(start, offset):
    here, there = due_date(start, offset), due_date(start, offset + 1)
    assert here < there
    assert (there.year * 12 + there.month) - (here.year * 12 + here.month) == 1
    assert here.day == min(start.day, calendar.monthrange(here.year, here.month)[1])


plan_fields = fields_for(
    total=field_value, principal=field_value, interest=field_value, fees=field_value, waiver=field_value,
    down_payment=field_value, deferral_months=count_text, deferral_amount=field_value, capacity=field_value,
    monthly=field_value, months=count_text, start=date_text, mode=st.one_of(st.sampled_from(["monthly", "months", ""]), field_value),
)


@given(plan_fields)
def test_tool_gives_a_view_or_messages_for_any_fields(fields):
    try:
        view = tool(fields)
    except (InputError, InputErrors):
        return
    schedule = view.data["schedule"]
    assert sum(D(row["amount"]) for row in schedule) == D(view.data["total"])
    assert all(a["date"] < b["date"] for a, b in zip(schedule, schedule[1:]))
    to_html(view)


typed_amounts = st.one_of(st.just(D(0)), amounts)


@given(amounts, starts, amounts, st.integers(min_value=1, max_value=MAX_INSTALLMENTS), typed_amounts, st.integers(min_value=0, max_value=MAX_DEFERRAL_MONTHS), typed_amounts)
def test_typed_make_plan_never_raises_anything_else(total, start, monthly, months, down, deferral_months, deferral_amount):
    """For the typed values the tools pass, make_plan gives a schedule or a PlanError: no other error, no message."""
    for options in ({"monthly": monthly}, {"months": months}, {"monthly": monthly, "months": months}, {}):
        try:
            make_plan(total, start, down_payment=down, deferral_months=deferral_months, deferral_amount=deferral_amount, **options)
        except PlanError as error:
            assert error.key in {"down_payment", "deferral_months", "deferral_amount", "instalment", "count"}
            assert not hasattr(error, "message") and not hasattr(error, "field")  # the tool says it, on its own field


@given(st.one_of(st.text(), st.integers(), st.floats()), st.one_of(st.text(), st.floats(), st.booleans()))
def test_make_plan_refuses_untyped_arguments_as_the_callers_mistake(raw, count):
    """Raw form values are the tools' to parse: passed to make_plan, they are a TypeError, never a reader's message."""
    with pytest.raises(TypeError):
        make_plan(raw, dt.date(2026, 1, 1), months=3)
    with pytest.raises(TypeError):
        make_plan(D("100"), dt.date(2026, 1, 1), months=count)


def test_typed_make_plan_checks_its_arguments():
    with pytest.raises(TypeError):
        make_plan(D("100"), "2026-01-01", monthly=D("10"))
    for bad in ({"total": D("NaN")}, {"total": D("0")}, {"total": D("1.005")}, {"total": D("100000000.01")}, {"monthly": D("0")}, {"deferral_amount": D("-1")}):
        with pytest.raises(ValueError):
            make_plan(**{"total": D("100"), "start": dt.date(2026, 1, 1), "months": 3, **bad})
    for bad in ({"months": 0}, {"months": MAX_INSTALLMENTS + 1}, {"deferral_months": MAX_DEFERRAL_MONTHS + 1}):
        with pytest.raises(ValueError):
            make_plan(D("100"), dt.date(2026, 1, 1), **{"months": 3, **bad})
    assert len(make_plan(D("100"), dt.date(2026, 1, 1), monthly=D("10"), months=10).regular) == 10
    assert to_csv(make_plan(D("1"), dt.date(2026, 1, 1), months=1)).count("\r\n") == 3


def refusal(**arguments) -> PlanError:
    with pytest.raises(PlanError) as caught:
        make_plan(**{"start": dt.date(2026, 1, 1), **arguments})
    return caught.value


def test_make_plan_says_which_figure_and_gives_the_figures_a_message_needs():
    error = refusal(total=D("100"), monthly=D("10"), months=9)
    assert (error.key, error.reason, error.instalment, error.needed, error.last, error.rest) == ("count", "mismatch", D("10.00"), 10, D("10.00"), D("100.00"))
    error = refusal(total=D("100"), monthly=D("30"), months=2)
    assert (error.key, error.reason, error.needed, error.last) == ("count", "mismatch", 4, D("10.00"))
    error = refusal(total=D("100"), monthly=D("30"), down_payment=D("200"))
    assert (error.key, error.reason) == ("down_payment", "above_total")
    error = refusal(total=D("100"), monthly=D("30"), deferral_amount=D("5"))
    assert (error.key, error.reason) == ("deferral_months", "missing")
    error = refusal(total=D("100"), monthly=D("30"), deferral_amount=D("50"), deferral_months=2)
    assert (error.key, error.reason) == ("deferral_amount", "pays_all")
    error = refusal(total=D("100"), monthly=D("30"), deferral_amount=D("30"), deferral_months=1)
    assert (error.key, error.reason) == ("deferral_amount", "not_below_instalment")
    error = refusal(total=D("100"))
    assert (error.key, error.reason) == ("instalment", "missing")
    error = refusal(total=D("100"), monthly=D("101"))
    assert (error.key, error.reason, error.rest, error.after_first) == ("instalment", "above_rest", D("100.00"), False)
    error = refusal(total=D("100"), monthly=D("90"), down_payment=D("20"))
    assert (error.key, error.reason, error.rest, error.after_first) == ("instalment", "above_rest", D("80.00"), True)
    error = refusal(total=D("100"), monthly=D("60"), deferral_amount=D("10"), deferral_months=5)
    assert (error.key, error.reason, error.rest, error.after_first) == ("instalment", "above_rest", D("50.00"), True)
    error = refusal(total=D("361"), monthly=D("1"))
    assert (error.key, error.reason, error.needed, error.limit) == ("instalment", "too_many", 361, MAX_INSTALLMENTS)
    # a count that does not fit is said before a deferral amount without months (the letter's order)
    error = refusal(total=D("100"), monthly=D("10"), months=9, deferral_amount=D("5"))
    assert (error.key, error.reason) == ("count", "mismatch")


@pytest.mark.parametrize(
    "arguments, field, message",
    [
        ({"total": D("100"), "monthly": D("30"), "down_payment": D("200")}, "down_payment", "首期金额不能超过应还的总额。"),
        ({"total": D("100"), "monthly": D("30"), "deferral_amount": D("5")}, "deferral_months", "填了缓冲期每月金额，也请填缓冲期有几个月。"),
        ({"total": D("100"), "monthly": D("30"), "deferral_amount": D("50"), "deferral_months": 2}, "deferral_amount", "按这个金额，缓冲期内就能还清，不需要再分期。请调低缓冲期的金额。"),
        ({"total": D("100"), "monthly": D("30"), "deferral_amount": D("30"), "deferral_months": 1}, "deferral_amount", "缓冲期每月的金额，应当比正常的每月还款额少。"),
        ({"total": D("100")}, "monthly", "请填每月还款额或分几期。"),
        ({"total": D("100"), "monthly": D("101")}, "monthly", "每月还款额比要还的 100.00 元还多，一次就能还清。每月金额最多填 100.00。"),
        ({"total": D("100"), "monthly": D("90"), "down_payment": D("20")}, "monthly", "首期和缓冲期之后只剩 80.00 元 要还，每月还款额不能比这还多。"),
        ({"total": D("361"), "monthly": D("1")}, "monthly", "按这个金额要还 361 期，超过了本工具计算的上限 360 期（30 年）。请提高每月还款额。"),
        ({"total": D("100"), "monthly": D("30"), "months": 2}, "months", "按每月 30.00 元，要还 4 期（最后一期 10.00 元），和填的期数对不上。"),
    ],
)
def test_the_plan_form_says_each_refusal_on_its_own_field(arguments, field, message):
    error = refused(refusal(**arguments))
    assert (error.field, error.message) == (field, message)
    assert error.missing == (field == "monthly" and "missing" in refusal(**arguments).reason)
    assert refused(refusal(**arguments), {"instalment": "pay", "count": "n"}).field == {"monthly": "pay", "months": "n"}.get(field, field)


def test_the_plan_form_refuses_through_make_plan():
    assert run("plan", {"total": "361", "monthly": "1"})["errors"] == [
        {"field": "monthly", "message": "按这个金额要还 361 期，超过了本工具计算的上限 360 期（30 年）。请提高每月还款额。"}
    ]
    assert run("plan", {"total": "100", "monthly": "30", "deferral_amount": "5"})["errors"][0]["field"] == "deferral_months"


def test_labels_name_the_down_payment_deferral_and_each_installment():
    schedule = make_plan(
        Decimal("10000"), dt.date(2026, 1, 15), monthly=Decimal("3000"), down_payment=Decimal("1000"),
        deferral_months=2, deferral_amount=Decimal("500"),
    )
    assert labels(schedule) == ["首期", "缓冲期 1", "缓冲期 2", "1", "2", "3"]
    assert labels(schedule, counted=True) == ["首期", "缓冲期 1", "缓冲期 2", "第 1/3 期", "第 2/3 期", "第 3/3 期"]
