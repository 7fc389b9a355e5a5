"""lenders: one monthly capacity shared across several debts, fen-exact, with the 以贷养贷 warning."""

import json
from decimal import ROUND_CEILING, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.core.inputs import InputError, InputErrors
from calculators.tools.lenders import MAX_LENDERS, MAX_MONTHS, Debt, capped_pro_rata, pro_rata, split, tool
from calculators.core.render import to_html
from calculators.core.view import Notice, Table
from strategies import field_value, fields_for

D = Decimal


def rows(*pairs):
    return [{"name": name, "amount": amount} for name, amount in pairs]


def run(fields: dict) -> dict:
    return json.loads(bridge.run(json.dumps({"tool": "lenders", "fields": fields}, ensure_ascii=False)))


def test_defect_1_rows_past_the_maximum_are_refused_not_dropped():
    """Issue 10, defect 1: 200 lenders of 1000 gave 欠款合计 50,000.00 and an abc in row 150 went unseen."""
    lenders = [{"name": f"P{i}", "amount": "1000"} for i in range(200)]
    lenders[149]["amount"] = "abc"
    response = run({"capacity": "3000", "lenders": lenders})
    assert response["ok"] is False
    (error,) = response["errors"]
    assert error["field"] == f"lenders.{MAX_LENDERS}.amount"
    assert f"最多可以填 {MAX_LENDERS} 个平台" in error["message"] and "200" in error["message"]
    at_most = run({"capacity": "3000", "lenders": lenders[:MAX_LENDERS]})
    assert at_most["ok"] and len(at_most["data"]["offers"]) == MAX_LENDERS
    assert "50,000.00 元" in at_most["html"]


def test_defect_8_smallest_first_shows_every_month_partial_ones_included():
    """Issue 10, defect 8: B's row read 第一个月还 0.00 / 第 2–4 个月 though B gets 500 in month 2."""
    response = run({"capacity": "1000", "order": "smallest", "lenders": rows(("A", "1500"), ("B", "2500"))})
    a, b = response["data"]["offers"]
    assert a["payments"] == [{"from": 1, "to": 1, "amount": "1000.00"}, {"from": 2, "to": 2, "amount": "500.00"}]
    assert b["payments"] == [{"from": 2, "to": 2, "amount": "500.00"}, {"from": 3, "to": 4, "amount": "1000.00"}]
    assert "第 2 个月 500.00 元；第 3–4 个月每月 1,000.00 元" in response["html"]
    assert "A 500.00 元；B 500.00 元" in response["html"]  # month 2 in the month-by-month table


def test_defect_9_pro_rata_never_offers_more_than_a_lender_demands():
    """Issue 10, defect 9: a lender asking 800 was offered 2000 while another got less than it asked."""
    lenders = [{"name": "A", "amount": "20000", "demand": "800"}, {"name": "B", "amount": "10000", "demand": "5000"}]
    response = run({"capacity": "3000", "lenders": lenders})
    a, b = response["data"]["offers"]
    assert (a["offer"], b["offer"]) == ("800.00", "2200.00")
    assert response["data"]["used"] == "3000.00"
    assert "只给到它要求的数" in response["html"] and "分给了其他平台" in response["html"]
    everyone_held = run({"capacity": "3000", "lenders": [{"name": "A", "amount": "20000", "demand": "800"}, {"name": "B", "amount": "10000", "demand": "700"}]})
    assert [o["offer"] for o in everyone_held["data"]["offers"]] == ["800.00", "700.00"]
    assert "1,500.00 元 没有分出去" in everyone_held["html"]


def test_defect_14_messages_name_the_row_never_the_typed_name():
    """Issue 10, defect 14: the refusal quoted the lender's name."""
    response = run({"capacity": "1", "lenders": [{"name": "王五的借呗", "amount": "100000000"}, {"name": "张三秘密", "amount": "0.01"}]})
    message = response["errors"][0]["message"]
    assert "第 2 个平台" in message and "张三" not in message
    bad = run({"capacity": "1000", "lenders": [{"name": "秘密名字", "amount": "秘密金额"}, {"name": "乙", "demand": "0"}]})
    assert [(e["field"], e["message"]) for e in bad["errors"]] == [
        ("lenders.0.amount", "第 1 个平台的欠款请填数字，例如 3000、3,000 或 1.2万。"),
        ("lenders.1.demand", "第 2 个平台要求的月还款要大于 0。"),
    ]


def test_priorities_when_not_everything_can_be_paid():
    lenders = [{"name": "A", "amount": "30000", "demand": "2500"}, {"name": "B", "amount": "10000", "demand": "1000"}]
    view = tool({"capacity": "2700", "lenders": lenders})
    notice = next(b for b in view.blocks if isinstance(b, Notice) and "先看看这几类欠款" in b.title)
    text = " ".join(notice.paragraphs)
    assert "不是适合每个人的答案" in text
    assert text.index("法院执行") < text.index("信用卡") < text.index("担保")
    assert {link.path for link in notice.links} == {"guide/legal-risks/", "guide/plan/#priorities"}
    # The notice speaks of lawsuits and enforcement: the help lines come with it.
    calls = {link.path for b in view.blocks if isinstance(b, Notice) for link in b.links}
    assert {"tel:12356", "tel:110", "tel:120", "tel:12348"} <= calls
    calm = tool({"capacity": "3500", "lenders": lenders})
    assert not any(isinstance(b, Notice) and "先看看这几类欠款" in b.title for b in calm.blocks)
    assert not any(isinstance(b, Notice) and b.title == "你不是一个人在扛" for b in calm.blocks)


def test_pro_rata_split_of_2700():
    view = tool({"capacity": "2700", "lenders": rows(("借呗", "30000"), ("微粒贷", "1.2万"), ("", "5000"))})
    offers = [o["offer"] for o in view.data["offers"]]
    assert offers == ["1723.41", "689.36", "287.23"]
    assert sum(D(o) for o in offers) == D("2700")
    assert view.data["offers"][2]["name"] == "平台 3"
    assert view.data["months"] == 18


def test_largest_remainder_gives_leftover_fen_fairly():
    assert pro_rata(D("1.00"), [D("1"), D("1"), D("1")]) == [D("0.34"), D("0.33"), D("0.33")]
    assert pro_rata(D("0.10"), [D("5"), D("3"), D("2")]) == [D("0.05"), D("0.03"), D("0.02")]
    assert pro_rata(D("100"), [D("2"), D("1")]) == [D("66.67"), D("33.33")]


def test_smallest_first_rolls_over():
    view = tool({"capacity": "2700", "order": "smallest", "lenders": rows(("A", "30000"), ("B", "12000"), ("C", "5000"))})
    by_name = {o["name"]: o for o in view.data["offers"]}
    assert by_name["C"]["offer"] == "2700.00" and (by_name["C"]["first_month"], by_name["C"]["last_month"]) == (1, 2)
    assert (by_name["B"]["first_month"], by_name["B"]["last_month"]) == (2, 7)
    assert (by_name["A"]["first_month"], by_name["A"]["last_month"]) == (7, 18)
    assert by_name["A"]["offer"] == "0.00" and view.data["used"] == "2700.00"


def test_capacity_above_the_total_settles_in_one_month():
    result = split(D("10000"), [Debt("A", D("3000")), Debt("B", D("1000"))])
    assert [s.offer for s in result.shares] == [D("3000.00"), D("1000.00")]
    assert result.months == 1 and result.used == D("4000.00")


def test_demands_above_capacity_flag_borrowing_to_repay():
    lenders = [{"name": "A", "amount": "30000", "demand": "2500"}, {"name": "B", "amount": "10000", "demand": "1000"}]
    view = tool({"capacity": "2700", "lenders": lenders})
    danger = [b for b in view.blocks if isinstance(b, Notice) and b.level == "danger"]
    assert len(danger) == 1 and "800.00 元" in danger[0].title
    assert "以贷养贷" in danger[0].links[0].text and danger[0].links[0].path == "guide/watch-out/"
    assert "借新贷还旧贷" in " ".join(danger[0].paragraphs)
    calm = tool({"capacity": "3500", "lenders": lenders})
    assert not [b for b in calm.blocks if isinstance(b, Notice) and b.level == "danger"]


def test_table_lists_each_lender_and_totals():
    view = tool({"capacity": "1000", "lenders": rows(("<script>alert(1)</script>", "2000"), ("B", "2000"))})
    table = next(b for b in view.blocks if isinstance(b, Table))
    assert [row[0] for row in table.rows] == ["<script>alert(1)</script>", "B"]
    assert table.footer[2] == "1,000.00 元"
    html = to_html(view)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_empty_rows_are_skipped_and_half_filled_rows_are_refused():
    view = tool({"capacity": "100", "lenders": [{"name": "", "amount": ""}, {"name": "A", "amount": "300"}]})
    assert len(view.data["offers"]) == 1
    with pytest.raises(InputErrors) as caught:
        tool({"capacity": "100", "lenders": [{"name": "A", "amount": ""}, {"name": "B", "amount": "-5"}]})
    assert [e.field for e in caught.value.errors] == ["lenders.0.amount", "lenders.1.amount"]
    with pytest.raises(InputError) as caught:
        tool({"capacity": "100", "lenders": []})
    assert caught.value.field == "lenders.0.amount"


@pytest.mark.parametrize("capacity, words", [("", "请填写"), ("-5", "负数"), ("abc", "请填数字"), ("0", "大于 0")])
def test_capacity_refusals(capacity, words):
    with pytest.raises(InputErrors) as caught:
        tool({"capacity": capacity, "lenders": rows(("A", "100"))})
    assert caught.value.errors[0].field == "capacity" and words in caught.value.errors[0].message


def test_too_little_capacity_is_explained():
    with pytest.raises(InputError) as caught:
        split(D("1"), [Debt("big", D("100000000")), Debt("tiny", D("0.01"))])
    assert "第 2 个平台" in caught.value.message and "tiny" not in caught.value.message
    with pytest.raises(InputError) as caught:
        split(D("1"), [Debt("big", D("1000"))], "smallest")
    assert str(MAX_MONTHS) in caught.value.message
    with pytest.raises(InputError):
        split(D("1"), [Debt("A", D("1"))], "largest")


# --- properties -------------------------------------------------------------------------

debt_amounts = st.decimals(min_value=D("0.01"), max_value=10**6, places=2)


@given(st.decimals(min_value=0, max_value=10**7, places=2), st.lists(debt_amounts, min_size=1, max_size=50))
def test_pro_rata_is_fen_exact_and_fair(capacity, amounts):
    shares = pro_rata(capacity, amounts)
    assert sum(shares) == capacity
    total = sum(amounts)
    for share, amount in zip(shares, amounts):
        assert abs(share - capacity * amount / total) < D("0.01")
        if capacity <= total:
            assert share <= amount


@given(st.decimals(min_value=D("0.01"), max_value=10**6, places=2), st.lists(debt_amounts, min_size=1, max_size=20), st.sampled_from(["pro_rata", "smallest"]))
def test_split_pays_everything_within_the_capacity(capacity, amounts, order):
    debts = [Debt(f"P{i}", amount) for i, amount in enumerate(amounts)]
    try:
        result = split(capacity, debts, order)
    except InputError as error:
        assert error.field == "capacity"
        return
    assert result.used == min(capacity, sum(amounts))
    for share in result.shares:
        assert 1 <= share.first_month <= share.last_month <= result.months <= MAX_MONTHS
        assert D("0.01") <= share.last_amount <= share.monthly <= capacity
    for share in result.shares:
        paid = share.debt.amount
        if order == "pro_rata":
            paid = share.offer * (share.last_month - 1) + share.last_amount
            assert share.offer == share.monthly
        assert paid == share.debt.amount
    if order == "smallest":
        needed = sum(amounts) / min(capacity, sum(amounts))
        assert result.months == needed.to_integral_value(rounding=ROUND_CEILING)
        ends = sorted((s.debt.amount, s.last_month) for s in result.shares)
        assert [month for _, month in ends] == sorted(month for _, month in ends)


lender_row = fields_for(name=field_value, amount=field_value, demand=field_value)


@given(fields_for(capacity=field_value, order=st.one_of(st.sampled_from(["pro_rata", "smallest"]), field_value), lenders=st.one_of(st.lists(lender_row, max_size=6), field_value)))
def test_tool_gives_a_view_or_messages_for_any_fields(fields):
    try:
        view = tool(fields)
    except (InputError, InputErrors):
        return
    assert sum(D(o["offer"]) for o in view.data["offers"]) == D(view.data["used"]) <= D(view.data["capacity"])
    to_html(view)


demands = st.one_of(st.none(), st.decimals(min_value=D("0.01"), max_value=10**5, places=2))


@given(
    st.decimals(min_value=D("0.01"), max_value=10**6, places=2),
    st.lists(st.tuples(debt_amounts, demands), min_size=1, max_size=MAX_LENDERS),
    st.sampled_from(["pro_rata", "smallest"]),
)
def test_offers_never_exceed_the_capacity_nor_a_demand_and_payments_are_positive(capacity, debts, order):
    """Issue 10 invariant: no lender is offered more than the capacity or (pro rata) more than it
    demands, and no month's payment is zero or negative. Smallest first pays debts, not demands."""
    try:
        result = split(capacity, [Debt(name=f"P{i}", amount=amount, demand=demand) for i, (amount, demand) in enumerate(debts)], order)
    except InputError as error:
        assert error.field == "capacity"
        return
    assert result.used <= capacity
    for share in result.shares:
        assert share.offer <= capacity and share.monthly <= capacity
        if order == "pro_rata" and share.debt.demand is not None:
            assert share.offer <= share.debt.demand
        assert all(p.amount > 0 and p.first_month <= p.last_month for p in share.payments)
        assert sum(p.amount * (p.last_month - p.first_month + 1) for p in share.payments) == share.debt.amount
        assert share.payments[0].first_month == share.first_month and share.payments[-1].last_month == share.last_month
    for month in range(1, result.months + 1):
        paid = sum(p.amount for s in result.shares for p in s.payments if p.first_month <= month <= p.last_month)
        assert 0 < paid <= capacity


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.lists(st.tuples(debt_amounts, demands), min_size=1, max_size=20))
def test_capped_pro_rata_gives_the_excess_to_the_others(capacity, debts):
    amounts, limits = [a for a, _ in debts], [d for _, d in debts]
    offers = capped_pro_rata(capacity, amounts, limits)
    pool = min(capacity, sum(amounts))
    assert sum(offers) <= pool
    caps = [a if d is None else min(a, d) for a, d in debts]
    assert all(0 <= o <= c for o, c in zip(offers, caps))
    if sum(offers) < pool:  # only when everyone is at their cap
        assert offers == caps


@given(field_value, st.lists(st.builds(Debt, field_value, field_value, field_value), max_size=4), field_value)
def test_typed_split_never_raises_anything_else(capacity, debts, order):
    try:
        split(capacity, debts, order)
    except InputError:
        pass
