"""budget: itemised income and necessities give what is available and a safer offer."""

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge

from calculators.tools import budget
from calculators.tools.budget import DEFAULT_MARGIN, EXPENSE_LINES, INCOME_LINES, MIN_OFFER, capacity, parse_margin, tool
from calculators.core.inputs import InputError, InputErrors
from calculators.core.render import to_html
from calculators.core.view import Link, Notice, Table, View
from strategies import field_value, fields_for

D = Decimal


def notices(view: View) -> list:
    return [block for block in view.blocks if isinstance(block, Notice)]


def test_seed_example_income_5000_expenses_2000_leaves_3000():
    view = tool({"income": "5000", "expenses": "2000"})
    assert view.data["available"] == "3000.00"
    assert view.data["offer"] == "2700.00"
    assert (view.data["income"], view.data["expenses"]) == ("5000.00", "2000.00")  # the pack prefills these
    assert "3,000.00 元" in to_html(view)


def test_default_categories_are_offered():
    labels = [label for _, label in EXPENSE_LINES]
    assert labels == ["房租/房贷", "饮食", "交通", "水电通讯", "医疗", "子女教育", "赡养老人", "其他必要支出"]
    assert [name for name, _ in INCOME_LINES][0] == "income" and EXPENSE_LINES[0][0] == "expenses"


def test_itemised_lines_add_up():
    fields = {"income": "4000", "income_other": "1,000", "expenses": "1200", "food": "500", "transport": "100", "medical": "200"}
    view = tool(fields)
    assert view.data["available"] == "3000.00"
    table = next(block for block in view.blocks if isinstance(block, Table))
    assert [row[1] for row in table.rows] == ["工资或经营收入", "其他收入", "房租/房贷", "饮食", "交通", "医疗"]
    assert table.footer[-1] == "3,000.00 元"


def test_margin_is_adjustable_and_rounds_down():
    assert tool({"income": "5000", "expenses": "2000", "margin": "20"}).data["offer"] == "2400.00"
    assert tool({"income": "5000", "expenses": "2000", "margin": "0"}).data["offer"] == "3000.00"
    assert tool({"income": "1000.01", "expenses": "0", "margin": "15%"}).data["offer"] == "850.00"
    assert capacity(D("1000.03"), D("0"), 10).offer == D("900.02")


def test_margin_explanation_mentions_a_second_default():
    view = tool({"income": "5000", "expenses": "2000"})
    text = " ".join(" ".join(n.paragraphs) for n in notices(view))
    assert "又一次违约" in text


def test_nothing_left_means_no_offer_and_a_way_forward():
    view = tool({"income": "3000", "expenses": "3000"})
    assert view.data["available"] == "0.00" and view.data["offer"] == "" and view.data["shortfall"] == "0.00"
    danger = [n for n in notices(view) if n.level == "danger"]
    assert len(danger) == 1 and "没有钱可以拿来还款" in danger[0].title
    assert "法律援助" in " ".join(danger[0].paragraphs)
    assert {link.path for link in danger[0].links} == {"guide/materials/", "help/"}
    assert "暂时没有" in to_html(view)


def crisis_lines(view) -> set:
    return {link.path for n in notices(view) for link in n.links if link.path.startswith("tel:")}


@pytest.mark.parametrize("income, expenses", [("3000", "3500"), ("3000", "3000"), ("3000", "2950")])
def test_help_lines_sit_beside_every_result_without_an_offer(income, expenses):
    view = tool({"income": income, "expenses": expenses})
    assert view.data["offer"] == ""
    assert {"tel:12356", "tel:110", "tel:120", "tel:12348"} <= crisis_lines(view)
    hardship = [n for n in notices(view) if n.level == "danger"]
    assert any(link.path == "guide/materials/" for link in hardship[0].links)
    assert not crisis_lines(tool({"income": "5000", "expenses": "2000"}))


def run(fields: dict) -> dict:
    return json.loads(bridge.run(json.dumps({"tool": "budget", "fields": fields}, ensure_ascii=False)))


def test_defect_6_a_recommendation_is_never_a_token_sum():
    """Issue 10, defect 6: income 1000.01 and expenses 1000 recommended paying 0.00."""
    response = run({"income": "1000.01", "expenses": "1000"})
    assert response["data"]["offer"] == ""
    assert "0.00 元" not in response["announce"] and "暂时没有" in response["announce"]
    assert "建议提出每月还 0.00" not in response["html"] and "暂时没有可以提出的金额" in response["html"]
    assert "guide/materials/" in response["html"] and "tel:12356" in response["html"]
    just_enough = run({"income": "1111.12", "expenses": "1000"})  # 111.12 left, 100.00 after the margin
    assert just_enough["data"]["offer"] == "100.00"


def test_defect_7_a_shortfall_is_shown_with_its_amount():
    """Issue 10, defect 7: income 2000 and expenses 2500 said 剩下 0.00 元 above a table with -500.00."""
    response = run({"income": "2000", "expenses": "2500"})
    assert response["data"]["shortfall"] == "500.00"
    assert "剩下 0.00" not in response["html"].replace("</dt><dd>", " ")
    assert "每月缺口" in response["html"] and "500.00 元" in response["html"] and "-500.00" not in response["html"]
    assert "500.00 元" in response["announce"]
    assert "tel:12356" in response["html"]


@pytest.mark.parametrize("margin", ["1,0", "1.5", "十"])
def test_defect_11_an_ambiguous_margin_is_refused_with_the_expected_form(margin):
    """Issue 10, defect 11: a margin of '1,0' became 10."""
    response = run({"income": "5000", "expenses": "2000", "margin": margin})
    assert response["ok"] is False and response["errors"][0]["field"] == "margin"
    assert "例如 10 或 10%" in response["errors"][0]["message"]


def test_defect_11_a_zero_width_space_is_not_seen_as_text():
    """Issue 10, defect 11: a zero-width space after 3000 gave 请填数字."""
    response = run({"income": "3000\u200b", "expenses": "\u200b1000"})
    assert response["ok"] is True and response["data"]["available"] == "2000.00"


def test_warnings_for_missing_expenses_no_margin_and_thin_room():
    titles = lambda fields: " ".join(n.title for n in notices(tool(fields)))
    assert "还没有填写任何必要支出" in titles({"income": "5000"})
    assert "没有留任何余量" in titles({"income": "5000", "expenses": "1", "margin": "0"})
    assert "不到收入的一成" in titles({"income": "5000", "expenses": "4600"})
    assert "不到收入的一成" not in titles({"income": "5000", "expenses": "2000"})


def test_full_width_and_units_are_understood():
    assert tool({"income": "1.2万", "expenses": "３０００"}).data["available"] == "9000.00"
    # An itemised line too, and as the page shows it (moved here from the browser tests).
    assert "9,000.00 元" in to_html(tool({"income": "1.2万", "food": "３０００"}))


def test_every_bad_field_is_reported():
    with pytest.raises(InputErrors) as caught:
        tool({"income": "-5", "food": "abc", "margin": "80"})
    assert {e.field: e.message for e in caught.value.errors}.keys() == {"income", "food", "margin"}
    assert "不能是负数" in caught.value.errors[0].message


def test_income_is_required():
    with pytest.raises(InputErrors) as caught:
        tool({"expenses": "2000"})
    assert caught.value.errors[0].field == "income"


def test_parse_margin():
    assert parse_margin("") == DEFAULT_MARGIN
    assert parse_margin("１５％") == 15
    with pytest.raises(InputError):
        parse_margin("51")


def test_typed_capacity_refuses_bad_values():
    with pytest.raises(InputErrors):
        capacity(D("NaN"), D("-1"))
    with pytest.raises(InputError):
        capacity(D("1"), D("1"), margin=-1)
    with pytest.raises(InputError):
        capacity(D("1"), D("1"), margin=True)


def test_links_point_inside_the_site():
    for block in budget.tool({"income": "1", "expenses": "5"}).blocks:
        for link in getattr(block, "links", ()):
            assert isinstance(link, Link) and "://" not in link.path
            assert link.path.endswith("/") or link.path.startswith("tel:")


names = [name for name, _ in INCOME_LINES + EXPENSE_LINES] + ["margin"]


@given(fields_for(**{name: field_value for name in names}))
def test_tool_gives_a_view_or_messages_for_any_fields(fields):
    try:
        view = tool(fields)
    except (InputError, InputErrors):
        return
    offer, available = view.data["offer"], D(view.data["available"])
    assert available >= 0 and D(view.data["shortfall"]) >= 0
    assert available == 0 or D(view.data["shortfall"]) == 0
    if offer:
        assert MIN_OFFER <= D(offer) <= available
    assert "还 0.00" not in view.announce and "0.00 元" not in view.data["offer"]
    to_html(view)


amounts = st.decimals(min_value=0, max_value=10**8, places=2)


@given(amounts, amounts, st.integers(min_value=0, max_value=50))
def test_offer_never_exceeds_what_is_left(income, expenses, margin):
    result = capacity(income, expenses, margin)
    assert result.available == income - expenses
    if result.available <= 0:
        assert result.offer is None
    elif result.offer is None:
        assert result.kept < MIN_OFFER
    else:
        assert MIN_OFFER <= result.offer <= result.available
        assert result.available - result.offer >= result.available * margin / 100


@given(field_value, field_value, st.one_of(st.integers(), field_value))
def test_typed_capacity_never_raises_anything_else(income, expenses, margin):
    try:
        capacity(income, expenses, margin)
    except (InputError, InputErrors):
        pass
