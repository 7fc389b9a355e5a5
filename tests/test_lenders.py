"""lenders: one monthly capacity shared across several debts, fen-exact, with the 以贷养贷 warning."""

from decimal import ROUND_CEILING, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.inputs import InputError, InputErrors
from calculators.lenders import MAX_MONTHS, Debt, pro_rata, split, tool
from calculators.render import to_html
from calculators.view import Notice, Table
from strategies import field_value, fields_for

D = Decimal


def rows(*pairs):
    return [{"name": name, "amount": amount} for name, amount in pairs]


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
    assert "tiny" in caught.value.message
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


@given(field_value, st.lists(st.builds(Debt, field_value, field_value, field_value), max_size=4), field_value)
def test_typed_split_never_raises_anything_else(capacity, debts, order):
    try:
        split(capacity, debts, order)
    except InputError:
        pass
