"""rate: the annual rate by IRR on exact cash flows, against independent float computations, and
the limits by kind of lender, worded by the grade of each fact."""

import datetime as dt
import math
import re
from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calculators import bridge

from calculators.core import lpr_data

from calculators.core import irr
from calculators.core.inputs import parse_percent
from calculators.core.lender_kinds import LENDERS, LICENSED
from calculators.documents.rate_paragraph import letter_paragraph
from calculators.tools import rate
from calculators.tools.letter import letter_paragraph_from
from calculators.tools.offer_check import offer_warning, offer_warning_from
from calculators.tools.rate_notices import FINAL_WORD
from calculators.core.inputs import InputError, InputErrors
from calculators.core.schedule import due_date
from calculators.core.render import to_html
from calculators.core.view import Figure, Notice, Summary, Table
from strategies import count_text, date_text, field_value, fields_for

D = Decimal


# ---------------------------------------------------------------- independent references (floats)


def falling_root(f, lo: float, hi: float) -> float:
    """The root of a falling function, by float bisection from lo, doubling hi until f(hi) <= 0."""
    while f(hi) > 0:
        hi *= 2
    for _ in range(300):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def float_irr(received: float, flows) -> float:
    """The rate per unit solving received = sum(a / (1 + r) ** t), by float bisection then Newton."""

    def npv(r):
        return -received + sum(a / (1 + r) ** t for t, a in flows)

    r = falling_root(npv, -0.5, 1.0)
    for _ in range(5):
        slope = sum(-t * a / (1 + r) ** (t + 1) for t, a in flows)
        r -= npv(r) / slope
    return r


def spreadsheet_rate(nper: int, pmt: float, pv: float) -> float:
    """Excel's RATE(nper, -pmt, pv) for an ordinary annuity, by Newton on the annuity formula."""
    r = 0.01
    for _ in range(100):
        annuity = (1 - (1 + r) ** -nper) / r
        value = pmt * annuity - pv
        d_annuity = (nper * (1 + r) ** (-nper - 1)) / r - (1 - (1 + r) ** -nper) / r**2
        r -= value / (pmt * d_annuity)
    return r


def spreadsheet_xirr(received: float, start: dt.date, payments) -> float:
    """Excel's XIRR: the annual R with received = sum(a / (1 + R) ** (days / 365))."""

    def npv(annual):
        return -received + sum(a / (1 + annual) ** ((day - start).days / 365) for day, a in payments)

    return falling_root(npv, -0.9, 10.0)


def pct(fraction) -> float:
    return float(fraction) * 100


# ---------------------------------------------------------------- helpers


def texts(view) -> list[str]:
    """Every piece of text the reader sees, one entry per paragraph, figure or table row."""
    found = []
    for block in view.blocks:
        if isinstance(block, Summary):
            found.append(block.title)
            found += [f"{f.label} {f.value}" for f in block.figures]
        elif isinstance(block, Notice):
            found.append(block.title)
            found += list(block.paragraphs) + [link.text for link in block.links]
        elif isinstance(block, Table):
            found.append(block.caption)
            found += [" | ".join(row) for row in block.rows]
    return found


def notice(view, words: str) -> Notice:
    matches = [b for b in view.blocks if isinstance(b, Notice) and words in b.title]
    assert matches, [b.title for b in view.blocks if isinstance(b, Notice)]
    return matches[0]


def kan_tou_xi(**extra) -> dict:
    """A 10,000 loan with 1,000 deducted up front, 12 monthly payments of 1,000 (the issue's case)."""
    fields = {"principal": "10000", "deducted": "1000", "installment": "1000", "count": "12", "period": "month",
              "contract_date": "2025-06-10", "lender": "private"}
    fields.update(extra)
    return fields


# ---------------------------------------------------------------- known rates


@pytest.mark.parametrize(
    "monthly_rate, count",
    [(D("0.01"), 12), (D("0.02"), 24), (D("0.005"), 360), (D("0.0333"), 6), (D("0.15"), 3)],
)
def test_an_annuity_at_a_known_rate_gives_that_rate_back(monthly_rate, count):
    principal = D("10000")
    exact = principal * monthly_rate / (1 - (1 + monthly_rate) ** -count)
    payment = exact.quantize(D("0.01"))
    r = irr.periodic_rate(principal, [(t, payment) for t in range(1, count + 1)])
    assert abs(pct(r * 12) - pct(monthly_rate * 12)) < 0.01
    view = rate.tool({"principal": "10000", "installment": str(payment), "count": str(count)})
    assert abs(float(view.data["apr"]) - pct(monthly_rate * 12)) < 0.01
    assert view.data["apr"] == view.data["apr_contract"]


@pytest.mark.parametrize("period, per_year", [("week", D(365) / 7), ("biweek", D(365) / 14), ("day", D(365))])
def test_annuities_of_other_periods(period, per_year):
    r = D("0.002")
    payment = (D("1000000") * r / (1 - (1 + r) ** -40)).quantize(D("0.01"))  # large: rounding to the fen is negligible
    view = rate.tool({"principal": "1000000", "installment": str(payment), "count": "40", "period": period})
    assert abs(float(view.data["apr"]) - pct(r * per_year)) < 0.01
    assert abs(float(view.data["apr_compound"]) - pct((1 + r) ** per_year - 1)) < 0.01


def test_the_issue_case_matches_spreadsheet_rate():
    view = rate.tool(kan_tou_xi())
    monthly = spreadsheet_rate(12, 1000.0, 9000.0)
    assert view.data["apr"] == f"{monthly * 1200:.2f}" == "56.75"
    assert view.data["apr_compound"] == f"{((1 + monthly) ** 12 - 1) * 100:.2f}" == "74.11"
    contract = spreadsheet_rate(12, 1000.0, 10000.0)
    assert view.data["apr_contract"] == f"{contract * 1200:.2f}" == "35.07"
    assert view.data["cost"] == "3000.00" and view.data["received"] == "9000.00" and view.data["deducted"] == "1000.00"
    r = irr.periodic_rate(D(9000), [(t, D(1000)) for t in range(1, 13)])
    assert abs(float(r) - monthly) < 1e-12


def test_the_issue_case_on_irregular_dates_matches_spreadsheet_xirr():
    start = dt.date(2025, 6, 10)
    for first in (19, 20):  # offsets 19, 49, 79, ... share no step: days; 20, 50, 80, ... share 10 days
        days = [start + dt.timedelta(days=first + 30 * k) for k in range(12)]
        rows = [{"date": day.isoformat(), "amount": "1000"} for day in days]
        view = rate.tool({"mode": "table", "principal": "10000", "received": "9000", "contract_date": "2025-06-10", "payments": rows})
        annual = spreadsheet_xirr(9000.0, start, [(day, 1000.0) for day in days])
        assert abs(float(view.data["apr_compound"]) - annual * 100) < 0.01
        step = math.gcd(*[(day - start).days for day in days])
        assert step == (1 if first == 19 else 10)
        per_step = (1 + annual) ** (step / 365) - 1
        assert abs(float(view.data["apr"]) - per_step * 365 / step * 100) < 0.01
    assert "按实际天数计算" in " ".join(texts(rate.tool({"mode": "table", "principal": "100", "contract_date": "2025-06-10",
                                                   "payments": [{"date": "2025-06-29", "amount": "60"}, {"date": "2025-07-29", "amount": "60"}]})))


def test_equal_installments_with_a_late_first_due_date_count_days():
    view = rate.tool(kan_tou_xi(first_due="2025-07-25"))
    start = dt.date(2025, 6, 10)
    days = [due_date(dt.date(2025, 7, 25), k) for k in range(12)]
    annual = spreadsheet_xirr(9000.0, start, [(day, 1000.0) for day in days])
    assert abs(float(view.data["apr_compound"]) - annual * 100) < 0.01
    regular = rate.tool(kan_tou_xi(first_due="2025-07-10"))
    assert regular.data["apr"] == rate.tool(kan_tou_xi()).data["apr"] == "56.75"


def test_a_seven_day_loan_with_a_fifth_deducted():
    rows = [{"date": "2026-03-08", "amount": "1000"}]
    view = rate.tool({"mode": "table", "principal": "1000", "deducted": "200", "contract_date": "2026-03-01", "payments": rows})
    # One payment: one period of 7 days, k = 365 / 7: the simple form is the paper-and-pen 200 / 800 x 365 / 7.
    assert view.data["apr"] == f"{200 / 800 * 365 / 7 * 100:.2f}" == "1303.57"
    assert (1.25 ** (365 / 7) - 1) * 100 > 1_000_000
    assert view.data["apr_compound"] == ""  # shown only as "above 1,000,000%"
    assert "超过 1,000,000%" in to_html(view)
    assert notice(view, "大到失去了意义")
    month = rate.tool({"mode": "table", "principal": "1000", "deducted": "100", "contract_date": "2026-03-01", "payments": [{"date": "2026-04-01", "amount": "1000"}]})
    assert month.data["apr"] == f"{100 / 900 * 12 * 100:.2f}" and month.data["apr_compound"] == f"{((10 / 9) ** 12 - 1) * 100:.2f}"
    assert rate.tool({"mode": "table", "principal": "1000", "contract_date": "2026-03-01", "payments": rows}).data["apr"] == "0.00"


def test_a_daily_rate_of_005_percent_depends_on_what_it_is_charged_on():
    # "日息 0.05%" on 10,000 over 12 months, from a consumer-finance company. On the declining
    # balance it is 0.05% x 365 = 18.25% a year; charged on the original principal every month
    # (150 a month), the same advertised figure costs 31.72% a year.
    base = {"mode": "equal", "principal": "10000", "count": "12", "period": "month", "contract_date": "2026-01-10", "lender": "consumer_finance"}
    monthly_rate = Decimal("0.0005") * 365 / 12
    annuity = Decimal(10000) * monthly_rate / (1 - (1 + monthly_rate) ** -12)
    declining = rate.tool({**base, "installment": f"{annuity:.2f}"})
    assert f"{annuity:.2f}" == "917.99" and declining.data["apr"] == "18.25"
    flat = rate.tool({**base, "installment": f"{Decimal(10000) / 12 + 150:.2f}"})
    assert flat.data["apr"] == "31.72" and flat.data["apr_compound"] == "36.76"
    # A licensed lender is not measured against four times the LPR.
    assert flat.data["limit"] == "" and flat.data["excess"] == "" and flat.data["above_limit"] is False


def test_daily_installments_match_float_irr():
    view = rate.tool({"principal": "1000", "installment": "40", "count": "30", "period": "day", "lender": "bank"})
    r = float_irr(1000.0, [(t, 40.0) for t in range(1, 31)])
    assert abs(float(view.data["apr"]) - r * 36500) < 0.01
    assert abs(float(view.data["apr_compound"]) - ((1 + r) ** 365 - 1) * 100) < 0.01


def test_irregular_table_with_partial_payments_matches_float_irr():
    start = dt.date(2024, 2, 29)
    payments = [(dt.date(2024, 3, 15), 300.0), (dt.date(2024, 5, 2), 1250.55), (dt.date(2024, 5, 2), 100.0),
                (dt.date(2024, 11, 30), 2000.0), (dt.date(2025, 3, 1), 0.0), (dt.date(2025, 6, 18), 1800.0)]
    rows = [{"date": day.isoformat(), "amount": str(a)} for day, a in payments]
    rows.insert(2, {"date": "", "amount": ""})  # an empty row is ignored
    view = rate.tool({"mode": "table", "principal": "5000", "received": "4700", "fee": "10", "contract_date": start.isoformat(), "payments": rows})
    flows = {}
    for day, a in payments:
        flows[(day - start).days] = flows.get((day - start).days, 0.0) + a + 10.0
    r = float_irr(4700.0, sorted(flows.items()))
    assert abs(float(view.data["apr"]) - r * 36500) < 0.01
    assert view.data["total_paid"] == f"{sum(a for _, a in payments) + 60:.2f}"


def test_time_axis_finds_the_schedule_or_counts_days():
    start = dt.date(2026, 1, 31)
    month, day = irr.Unit("month", 1), irr.Unit("day", 1)
    assert irr.time_axis(start, [due_date(start, k) for k in (1, 2, 3)]) == (month, (1, 2, 3))
    assert irr.time_axis(start, [dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 5, 31)]) == (month, (1, 2, 4))
    assert irr.time_axis(start, [dt.date(2026, 4, 30), dt.date(2026, 7, 31)]) == (irr.Unit("month", 3), (1, 2))
    assert irr.time_axis(start, [start + dt.timedelta(days=14 * k) for k in (1, 2)]) == (irr.Unit("day", 14), (1, 2))
    assert irr.time_axis(start, [start + dt.timedelta(days=7 * k) for k in (1, 2, 3)]) == (irr.Unit("day", 7), (1, 2, 3))
    assert irr.time_axis(start, [start + dt.timedelta(days=10)]) == (irr.Unit("day", 10), (1,))
    assert irr.time_axis(start, [dt.date(2026, 2, 27), dt.date(2026, 3, 31)]) == (day, (27, 59))
    assert irr.Unit("day", 7).per_year == D(365) / 7 and irr.Unit("month", 3).per_year == 4
    assert (irr.Unit("day", 14).every, irr.Unit("month", 1).span, irr.Unit("day", 10).k_text) == ("每两周", "一个月", "365 ÷ 10")


def test_zero_cost_and_rebates():
    zero = rate.tool({"principal": "1200", "installment": "100", "count": "12"})
    assert zero.data["apr"] == "0.00" and zero.data["cost"] == "0.00"
    assert notice(zero, "没有成本").level == "success"
    assert irr.periodic_rate(D(1200), [(t, D(100)) for t in range(1, 13)]) == 0
    rebate = rate.tool({"principal": "1200", "installment": "95", "count": "12"})
    assert D(rebate.data["apr"]) < 0 and rebate.data["cost"] == "-60.00"
    assert "负数" in " ".join(notice(rebate, "还少").paragraphs)
    r = float_irr(1200.0, [(t, 95.0) for t in range(1, 13)])
    assert abs(float(rebate.data["apr"]) - r * 1200) < 0.01


def test_no_rate_without_money_in_and_out():
    with pytest.raises(ValueError):
        irr.periodic_rate(D(0), [(1, D(1))])
    with pytest.raises(ValueError):
        irr.periodic_rate(D(1), [(1, D(0))])
    with pytest.raises(ValueError):
        irr.periodic_rate(D(1), [(0, D(2))])


def test_extreme_flows_still_converge():
    r = irr.periodic_rate(D("0.01"), [(1, D("100000000"))])
    assert r == D("9999999999")
    tiny = irr.periodic_rate(D("100000000"), [(36500, D("0.01"))])
    assert -1 < tiny < 0
    assert abs(float((1 + tiny) ** 36500) - 1e-10) < 1e-18
    long = irr.periodic_rate(D("100000"), [(t, D("0.01")) for t in range(1, 361)] + [(10950, D("100000000"))])
    assert long > 0


# ---------------------------------------------------------------- reading the form


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"installment": "100", "count": "12"}, "principal"),
        (kan_tou_xi(deducted="10000"), "deducted"),
        (kan_tou_xi(deducted="", received="0"), "received"),
        (kan_tou_xi(deducted="", received="20000"), "received"),
        (kan_tou_xi(received="8000"), "received"),
        (kan_tou_xi(installment=""), "installment"),
        (kan_tou_xi(count="0"), "count"),
        (kan_tou_xi(count="361"), "count"),
        (kan_tou_xi(period="year"), "period"),
        (kan_tou_xi(lender="bank-ish"), "lender"),
        (kan_tou_xi(contract_date="2025-02-30"), "contract_date"),
        (kan_tou_xi(first_due="2025-06-01"), "first_due"),
        (kan_tou_xi(lpr="-3"), "lpr"),
        (kan_tou_xi(lpr="30"), "lpr"),
        (kan_tou_xi(lpr="3.4.5"), "lpr"),
        ({"mode": "table", "principal": "1000", "payments": [{"date": "2026-01-01", "amount": "100"}]}, "contract_date"),
        ({"mode": "table", "principal": "1000", "contract_date": "2026-01-01", "payments": []}, "payments.0.amount"),
        ({"mode": "table", "principal": "1000", "contract_date": "2026-01-01", "payments": [{"date": "2026-01-01", "amount": "5"}]}, "payments.0.date"),
        ({"mode": "table", "principal": "1000", "contract_date": "2026-01-01", "payments": [{}, {"date": "2026-02-01", "amount": "x"}]}, "payments.1.amount"),
        ({"mode": "table", "principal": "1000", "contract_date": "2026-01-01", "payments": [{"amount": "5"}]}, "payments.0.date"),
        ({"mode": "table", "principal": "1000", "contract_date": "2026-01-01", "payments": [{"date": "2026-02-01", "amount": "0"}]}, "payments.0.amount"),
        ({"mode": "weekly", "principal": "1000"}, "mode"),
    ],
)
def test_refusals_name_the_field(fields, field):
    with pytest.raises((InputError, InputErrors)) as caught:
        rate.tool(fields)
    error = caught.value
    found = [e.field for e in error.errors] if isinstance(error, InputErrors) else [error.field]
    assert field in found, found


def test_a_table_of_361_payments_is_refused_visibly_and_360_is_computed():
    start = dt.date(2000, 1, 1)
    rows = [{"date": due_date(start, k).isoformat(), "amount": "100"} for k in range(1, 362)]
    with pytest.raises(InputErrors) as caught:
        rate.tool({"mode": "table", "principal": "30000", "contract_date": "2000-01-01", "payments": rows})
    (error,) = caught.value.errors
    assert error.field == "payments.360.amount" and "360" in error.message
    view = rate.tool({"mode": "table", "principal": "30000", "contract_date": "2000-01-01", "payments": rows[:360]})
    assert view.data["total_paid"] == "36000.00"
    assert view.data["apr"] == rate.tool({"principal": "30000", "installment": "100", "count": "360", "contract_date": "2000-01-01"}).data["apr"]


def test_what_people_type_is_understood():
    view = rate.tool({"principal": "1万元", "received": "９０００", "installment": "¥1,000", "count": "12期", "lpr": "3.00％", "contract_date": "2025年6月10日"})
    assert view.data["apr"] == "56.75" and view.data["four_lpr"] == "12.00"


def test_fees_kept_back_count_as_cost_without_promising_a_court_calls_them_interest():
    view = rate.tool(kan_tou_xi())
    found = " ".join(notice(view, "放款时扣掉的钱").paragraphs)
    assert "按实际到手的钱算，费用也算进成本" in found
    assert "要看具体情况" in found and "第六百七十条" in found
    letter = letter_paragraph(D("56.75"), limit=D("12.00"), deducted=D("1000"), excess=D("2520.61"))
    assert "按实际到手的钱算，扣掉的费用也算进成本" in letter and "第六百七十条" in letter
    assert "说明这笔扣款" in letter  # asks what it was, instead of asserting it was interest

def test_received_and_deducted_must_agree_when_both_are_given():
    assert rate.tool(kan_tou_xi(received="9000")).data["apr"] == "56.75"


# ---------------------------------------------------------------- LPR and limits


def test_lpr_in_force_on_a_date():
    assert irr.lpr_on(dt.date(2019, 8, 19)) is None
    assert irr.lpr_on(dt.date(2019, 8, 20)) == (dt.date(2019, 8, 20), D("4.25"))
    assert irr.lpr_on(dt.date(2020, 4, 19))[1] == D("4.05")
    assert irr.lpr_on(dt.date(2020, 4, 20))[1] == D("3.85")
    assert irr.lpr_on(dt.date(2023, 8, 21))[1] == D("3.45")
    assert irr.lpr_on(dt.date(2099, 1, 1)) == irr.LPR_HISTORY[-1]
    assert [d for d, _ in irr.LPR_HISTORY] == sorted(d for d, _ in irr.LPR_HISTORY)
    assert irr.CHECKED >= irr.LPR_HISTORY[-1][0]


def test_every_lpr_figure_shown_carries_the_checked_date():
    for fields in (kan_tou_xi(), kan_tou_xi(lender="unknown"), kan_tou_xi(lender="bank"), kan_tou_xi(contract_date="2026-09-01"),
                   kan_tou_xi(contract_date="2020-01-10", lender="small_loan")):
        for text in texts(rate.tool(fields)):
            if re.search(r"LPR[^。；]*?\d+\.\d\d%", text):
                assert f"核对到 {lpr_data.CHECKED}" in text or "你填写" in text, text


def test_a_contract_after_the_checked_date_asks_for_the_lpr():
    late = rate.tool(kan_tou_xi(contract_date="2026-09-01"))
    text = " ".join(notice(late, "四倍 LPR").paragraphs)
    assert "可能变了" in text and "中国货币网" in text
    typed = rate.tool(kan_tou_xi(contract_date="2026-09-01", lpr="2.9"))
    assert typed.data["limit"] == "11.60"
    assert "你填写的一年期 LPR 2.90%" in " ".join(notice(typed, "四倍 LPR").paragraphs)
    differing = rate.tool(kan_tou_xi(lpr="3.45"))
    assert "请核对你填的数" in " ".join(notice(differing, "四倍 LPR").paragraphs)


def test_before_lpr_existed_and_before_the_new_rules():
    old = rate.tool(kan_tou_xi(contract_date="2019-05-01"))
    assert old.data["four_lpr"] == "" and "分两段看" in " ".join(texts(old))  # before the LPR and before 2020-08-20
    transition = rate.tool(kan_tou_xi(contract_date="2020-05-01"))
    paragraphs = " ".join(notice(transition, "2020-08-20 之前").paragraphs)
    assert "第三十一条" in paragraphs and "据多份资料转引" in paragraphs and "历史" in paragraphs
    assert transition.data["four_lpr"] == ""  # two periods (第三十一条第二款): no single line
    assert "2020-08-20 之前" not in " ".join(texts(rate.tool(kan_tou_xi())))


@pytest.mark.parametrize("lender", ["private", "unknown"])
def test_a_contract_before_2020_08_20_states_no_excess_and_asks_no_removal(lender):
    # fact 10.2: a 2019-12-01 private loan was held to 4 x the 2019 LPR (16.60%), an excess of 1,221.00
    # was stated and its removal asked for; interest falls in two periods (民间借贷规定第三十一条第二款).
    view = rate.tool({"principal": "10000", "installment": "935", "count": "12", "period": "month",
                      "contract_date": "2019-12-01", "lender": lender})
    assert (view.data["four_lpr"], view.data["limit"], view.data["excess"], view.data["supported"]) == ("", "", "", "")
    assert view.data["above_limit"] is False
    text = " ".join(texts(view))
    assert "16.60%" not in text and "超出上限的部分" not in text and "超出了四倍 LPR" not in text
    assert "请对方把这部分去掉" not in text and "利息和费用去掉" not in text
    two = " ".join(notice(view, "分两段看").paragraphs)
    assert "第三十一条第二款" in two and "2020-08-19" in two and "起诉时" in two
    assert "12348" in two and "法律援助" in two
    steps = " ".join(notice(view, "下一步").paragraphs)
    assert "分两段看" in steps and "12348" in steps and "去掉" not in steps
    typed = rate.tool({"principal": "10000", "installment": "935", "count": "12", "period": "month",
                       "contract_date": "2019-12-01", "lender": lender, "lpr": "4.15"})
    assert typed.data["limit"] == "" and "超出上限的部分" not in " ".join(texts(typed))


def test_the_offer_check_and_letter_keep_the_private_lender_condition_when_the_lender_is_not_chosen():
    (unknown,) = offer_warning_from({"rate_apr": "56.75", "rate_limit": "12", "rate_supported": "9479.39"}, D(12000))
    text = " ".join(unknown.paragraphs)
    assert "并把超过上限的部分去掉" not in text
    assert "放款人是个人或没有放贷资格的公司的，可以请对方把超过上限的部分去掉" in text
    (private,) = offer_warning_from({"rate_apr": "56.75", "rate_limit": "12", "rate_supported": "9479.39", "rate_lender": "private"}, D(12000))
    assert "签之前请对方列出本金、利息、费用各多少，并把超过上限的部分去掉。" in private.paragraphs
    letter = letter_paragraph_from({"rate_paragraph": True, "rate_apr": "56.75", "rate_limit": "12.00"})
    assert "这笔借款属于民间借贷的，请按上述规定重新核算应还金额，去掉超出四倍上限的部分" in letter
    chosen = letter_paragraph_from({"rate_paragraph": True, "rate_apr": "56.75", "rate_limit": "12.00", "rate_lender": "private"})
    assert "按上述规定重新核算应还金额，去掉超出四倍上限的部分" in chosen and "属于民间借贷的" not in chosen


def test_private_lender_above_the_limit():
    view = rate.tool(kan_tou_xi())
    assert view.data["limit"] == "12.00" and view.data["above_limit"] is True
    text = " ".join(notice(view, "个人或没有放贷资格").paragraphs)
    for rule in ("第二十五条", "第二十九条", "第二十六条", "第十三条第（三）项", "由法院认定", FINAL_WORD):
        assert rule in text
    excess = notice(view, "超出了四倍 LPR")
    assert view.data["excess"] in excess.title.replace(",", "") and FINAL_WORD in excess.paragraphs
    assert D(view.data["supported"]) + D(view.data["excess"]) == D("12000.00")


def test_cap_check_by_hand():
    month, day = irr.Unit("month", 1), irr.Unit("day", 1)
    loan = irr.Loan(principal=D(1000), received=D(1000), unit=month, payments=((12, D(1100)),))
    check = irr.cap_check(loan, D(12))
    assert (check.excess, check.owed_principal, check.owed_interest, check.supported) == (D(0), D(20), D(0), D(1120))
    loan = irr.Loan(principal=D(1000), received=D(1000), unit=month, payments=((12, D(1200)),))
    assert irr.cap_check(loan, D(12)).excess == D(80)
    loan = irr.Loan(principal=D(1000), received=D(1000), unit=day, payments=((73, D(10)), (365, D(1000))))
    check = irr.cap_check(loan, D("36.5"))
    # 73 days: 73.00 interest, 10 paid; then 292 more days on 1000: 292.00; 1000 settles 355 + 645.
    assert (check.excess, check.owed_principal, check.owed_interest) == (D(0), D(355), D(0))


def test_payments_below_the_cap_owe_principal_and_interest():
    view = rate.tool({"mode": "table", "principal": "10000", "contract_date": "2025-06-10", "lender": "private",
                      "payments": [{"date": "2025-07-10", "amount": "2000"}]})
    assert view.data["excess"] == "0.00"
    found = notice(view, "没有超出")
    assert "8,100.00 元" in found.paragraphs[0] and "0.00 元" in found.paragraphs[0]


@pytest.mark.parametrize("lender", ["bank", "consumer_finance", "small_loan"])
def test_licensed_lenders_are_not_held_to_the_four_fold_rule(lender):
    view = rate.tool(kan_tou_xi(lender=lender))
    assert view.data["limit"] == "" and view.data["excess"] == "" and view.data["four_lpr"] == "12.00"
    found = notice(view, "一般不直接适用")
    text = " ".join(found.paragraphs)
    assert "第六百八十条" in text and FINAL_WORD in text
    assert ("批复" in text) == (lender == "small_loan") and ("第一条第二款" in text) == (lender != "small_loan")
    assert not [b for b in view.blocks if isinstance(b, Summary) and "四倍 LPR 上限" in b.title]


def test_reported_24_percent_lines_are_hedged_and_never_a_court_rule():
    small = " ".join(texts(rate.tool(kan_tou_xi(lender="small_loan"))))
    assert "据报道" in small and "以官方公布为准" in small and "不是法院的裁判标准" in small
    bank = " ".join(texts(rate.tool(kan_tou_xi(lender="bank"))))
    assert "律所" in bank and "解读" in bank and "以官方公布为准" in bank
    consumer = " ".join(texts(rate.tool(kan_tou_xi(lender="consumer_finance"))))
    assert "24%" not in consumer and "没有核实到" in consumer


def test_unknown_lender_explains_where_to_look_and_why():
    view = rate.tool(kan_tou_xi(lender="unknown"))
    text = " ".join(notice(view, "还不清楚放款人").paragraphs)
    for words in ("借款合同", "贷款人", "出借人", "信用报告", "第一条第二款", "第二十五条"):
        assert words in text
    assert view.data["limit"] == ""
    assert notice(view, "超出了四倍 LPR").title


@pytest.mark.parametrize("lender", list(LENDERS))
def test_wording_is_calm_and_never_states_grade_c(lender):
    for fields in (kan_tou_xi(lender=lender), kan_tou_xi(lender=lender, contract_date="2020-03-01")):
        text = " ".join(texts(rate.tool(fields)))
        assert "高利贷" not in text
        for marker in ("法发〔2017〕22号", "整治办函", "法释〔", "141号"):
            assert marker not in text
        if "上限" in text:
            assert "按本工具的计算" in text and "以法院认定为准" in text


def test_next_steps_link_the_letter_complaints_help_and_log():
    steps = notice(rate.tool(kan_tou_xi()), "下一步")
    assert {link.path for link in steps.links} == {"tools/letter/", "guide/complaints/", "help/", "tools/log/"}
    assert any("费用明细" in p for p in steps.paragraphs) and any("记录" in p for p in steps.paragraphs)


def test_bridge_round_trip():
    response = bridge.call("rate", kan_tou_xi())
    assert response["ok"] and response["data"]["apr"] == "56.75"
    assert "56.75%" in response["html"] and "74.11%" in response["html"]
    refused = bridge.call("rate", {"principal": "-1"})
    assert refused["ok"] is False and refused["errors"][0]["field"] == "principal"


# ---------------------------------------------------------------- letter and offer


def test_letter_paragraph_cites_only_grade_a_rules():
    text = letter_paragraph(D("56.75"), limit=D("12.00"), deducted=D("1000"), excess=D("2520.61"))
    assert "56.75%" in text and "内部收益率法" in text and "单利" in text
    assert "第六百七十条" in text and "第二十五条、第二十九条" in text and "2,520.61 元" in text
    assert "书面形式确认" in text and f"核对到 {lpr_data.CHECKED}" in text
    for weak in ("24%", "据报道", "法发", "高利贷"):
        assert weak not in text
    licensed = letter_paragraph(D("56.75"))
    assert "第六百八十条" in licensed and "第二十五条" not in licensed and "第六百七十条" not in licensed



@pytest.mark.parametrize("lender, applies", [("private", True), ("unknown", False), ("bank", False), ("consumer_finance", False), ("small_loan", False)])
def test_above_limit_means_above_a_cap_that_applies_to_this_lender(lender, applies):
    high = rate.tool(kan_tou_xi(lender=lender))  # 56.75% a year against four times the LPR, 12%
    assert high.data["four_lpr"] == "12.00" and high.data["above_limit"] is applies
    low = rate.tool(kan_tou_xi(lender=lender, installment="760"))  # about 1.1% a year
    assert low.data["above_limit"] is False


def test_the_letter_asks_to_remove_an_excess_only_under_a_cap_that_applies():
    over = letter_paragraph(D("56.75"), limit=D("12.00"), excess=D("2520.61"))
    assert "去掉超出" in over and "2,520.61 元" in over
    for apr in ("5.00", "56.75"):  # a licensed lender: no grade-A cap, so no excess is asserted
        licensed = letter_paragraph(D(apr))
        assert "去掉" not in licensed and "超出" not in licensed
        assert "明细" in licensed and "年化利率" in licensed and "书面形式确认" in licensed
    below = letter_paragraph(D("10.00"), limit=D("12.00"))
    assert "去掉" not in below and "超出" not in below
    # The walk found an excess while the IRR's simple form stayed below the cap: the paragraph is allowed.
    walked = letter_paragraph_from({"rate_paragraph": True, "rate_apr": "11.90", "rate_limit": "12.00", "rate_excess": "7.08"})
    assert "7.08 元" in walked and "去掉超出" in walked


def test_next_steps_assert_an_excess_only_for_a_private_lender():
    private = " ".join(notice(rate.tool(kan_tou_xi()), "下一步").paragraphs)
    assert "超过四倍 LPR 上限的利息和费用去掉" in private
    unknown = " ".join(notice(rate.tool(kan_tou_xi(lender="unknown")), "下一步").paragraphs)
    assert "如果放款人是个人或没有放贷资格的公司" in unknown
    for lender in LICENSED:
        licensed = " ".join(notice(rate.tool(kan_tou_xi(lender=lender)), "下一步").paragraphs)
        assert "四倍" not in licensed and "超出" not in licensed and "超过" not in licensed


@pytest.mark.parametrize("lender", [None, "bank", "consumer_finance", "unknown", "private"])
def test_the_reported_24_percent_line_is_only_for_small_loan_companies(lender):
    assert offer_warning(D(12000), D("56.75"), lender=lender) == ()
    fields = {"rate_apr": "56.75"} if lender is None else {"rate_apr": "56.75", "rate_lender": lender}
    assert offer_warning_from(fields, D(12000)) == ()


def test_the_small_loan_line_is_hedged_and_sourced():
    (info,) = offer_warning_from({"rate_apr": "56.75", "rate_lender": "small_loan"}, D(12000))
    text = " ".join(info.paragraphs)
    assert "小额贷款公司" in text and "小额贷款公司等" not in text and "24%" in text
    assert "据报道" in text and "以官方公布为准" in text and "综合融资成本" in text and "2025 年 12 月" in text
    assert "不是法院的裁判标准" in text
    with pytest.raises(InputErrors) as caught:
        offer_warning_from({"rate_apr": "56.75", "rate_lender": "loan shark"}, D(12000))
    assert [e.field for e in caught.value.errors] == ["rate_lender"]


def test_the_cap_walk_asks_to_remove_the_excess_only_if_the_cap_applies():
    private = " ".join(notice(rate.tool(kan_tou_xi()), "超出了四倍 LPR").paragraphs)
    assert "协商时可以请对方把这部分去掉" in private
    unknown = " ".join(notice(rate.tool(kan_tou_xi(lender="unknown")), "超出了四倍 LPR").paragraphs)
    assert "如果放款人是个人或没有放贷资格的公司，协商时可以请对方把这部分去掉" in unknown


def test_the_offer_check_holds_no_licensed_lender_to_four_times_the_lpr():
    for lender in ("bank", "consumer_finance"):
        assert offer_warning(D(12000), D("56.75"), D("12.00"), D("9479.39"), lender=lender) == ()
    (small,) = offer_warning(D(12000), D("56.75"), D("12.00"), D("9479.39"), lender="small_loan")
    assert "四倍" not in " ".join(small.paragraphs) and "24%" in " ".join(small.paragraphs)
    for lender in (None, "private", "unknown"):
        (warning,) = offer_warning(D(12000), D("56.75"), D("12.00"), D("9479.39"), lender=lender)
        assert "法院同样不支持" in " ".join(warning.paragraphs) and "不能超过" not in " ".join(warning.paragraphs)


def test_the_private_lender_notice_does_not_promise_fees_count_as_interest():
    text = " ".join(notice(rate.tool(kan_tou_xi()), "个人或没有放贷资格").paragraphs)
    assert "第二十六条" in text and "要看具体情况" in text

def test_letter_paragraph_from_fields():
    assert letter_paragraph_from({"rate_apr": "56.75"}) == ""
    text = letter_paragraph_from({"rate_paragraph": True, "rate_apr": "56.75", "rate_limit": "12.00", "rate_deducted": "1000.00", "rate_excess": "2520.61"})
    assert "2,520.61 元" in text
    with pytest.raises(InputError) as caught:
        letter_paragraph_from({"rate_paragraph": True, "rate_apr": "10", "rate_limit": "12"})
    assert caught.value.field == "rate_apr"
    with pytest.raises(InputErrors) as many:
        letter_paragraph_from({"rate_paragraph": "on", "rate_apr": "", "rate_excess": "abc"})
    assert {e.field for e in many.value.errors} == {"rate_apr", "rate_excess"}


def test_offer_warning():
    assert offer_warning(D(12000), None) == ()
    assert offer_warning(D(12000), D("10"), D("12")) == ()
    (warning,) = offer_warning(D(12000), D("56.75"), D("12.00"), D("9479.39"))
    assert warning.level == "warning" and "2,520.61 元" in " ".join(warning.paragraphs)
    assert FINAL_WORD in warning.paragraphs and f"核对到 {lpr_data.CHECKED}" in warning.paragraphs[0]
    (info,) = offer_warning(D(12000), D("56.75"), lender="small_loan")
    assert "据报道" in " ".join(info.paragraphs) and info.level == "info" and FINAL_WORD in info.paragraphs
    assert offer_warning(D(12000), D("20"), lender="small_loan") == ()
    assert offer_warning_from({"rate_apr": "56.75", "rate_limit": "12", "rate_supported": "9479.39"}, D(12000))[0].level == "warning"
    with pytest.raises((InputError, InputErrors)):
        offer_warning_from({"rate_apr": "abc"}, D(1))


def test_percentages_are_read_like_amounts():
    assert parse_percent("3.45%", "f", "x", maximum=D(20)) == D("3.45")
    assert parse_percent(" ３．４５ ％ ", "f", "x", maximum=D(20)) == D("3.45")
    assert parse_percent("1,183.35", "f", "x", maximum=D(10**6)) == D("1183.35")
    assert parse_percent("", "f", "x", maximum=D(20)) is None
    assert parse_percent("%", "f", "x", maximum=D(20)) is None
    for bad in ("abc", "-1", "1e5", "21", ".", "1.234567", "<b>3</b>", "3,00"):
        with pytest.raises(InputError):
            parse_percent(bad, "f", "x", maximum=D(20))


# ---------------------------------------------------------------- properties

amounts = st.decimals(min_value=D("1"), max_value=D("100000"), places=2)
periods = st.sampled_from(list(irr.PERIODS))
starts = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2070, 12, 31))


@st.composite
def flows(draw):
    count = draw(st.integers(min_value=1, max_value=24))
    ts = sorted(draw(st.sets(st.integers(min_value=1, max_value=800), min_size=count, max_size=count)))
    payments = tuple((t, draw(amounts)) for t in ts)
    total = sum(a for _, a in payments)
    received = draw(st.decimals(min_value=total / 50, max_value=total * 2, places=2).filter(lambda x: x > 0))
    return received, payments


def present_value(amount, t, r) -> Decimal:
    with localcontext(irr._CONTEXT):
        return amount / (1 + r) ** t


@given(flows(), st.data())
def test_rate_rises_with_each_payment(case, data):
    received, payments = case
    base = irr.periodic_rate(received, payments)
    index = data.draw(st.integers(min_value=0, max_value=len(payments) - 1))
    extra = data.draw(st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2))
    bigger = tuple((t, a + extra if i == index else a) for i, (t, a) in enumerate(payments))
    later = payments[-1][0] + data.draw(st.integers(min_value=1, max_value=100))
    for more, (t, _) in ((bigger, payments[index]), (payments + ((later, extra),), (later, extra))):
        new = irr.periodic_rate(received, more)
        with localcontext(irr._CONTEXT):
            assert new >= base - (1 + abs(base)) * D("1e-28")  # equal within the solver's tolerance at worst
        # Strictly higher whenever the extra money is still worth something at today's rate (not
        # discounted away to below the solver's 1e-30 tolerance, as a far payment at 2,000% a day is).
        if present_value(extra, t, base) > received * D("1e-20"):
            assert new > base


@given(flows(), st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2))
def test_rate_falls_as_the_money_received_grows(case, more):
    received, payments = case
    assert irr.periodic_rate(received + more, payments) < irr.periodic_rate(received, payments)


@given(flows())
def test_the_rate_solves_its_equation(case):
    received, payments = case
    r = irr.periodic_rate(received, payments)
    value = sum(present_value(a, t, r) for t, a in payments)
    assert abs(value - received) <= received * D("1e-20")
    if payments[0][0] < 50:  # where floats do not overflow: the same in plain floating point
        assert math.isclose(sum(float(a) * math.exp(-t * math.log1p(float(r))) for t, a in payments), float(received), rel_tol=1e-9)


@given(starts, periods, st.integers(min_value=1, max_value=60), amounts, amounts, st.decimals(min_value=0, max_value=50, places=2))
def test_table_and_equal_installments_give_the_same_rate(start, period, count, installment, principal, fee):
    equal = {"principal": str(principal), "installment": str(installment), "count": str(count), "period": period,
             "fee": str(fee), "contract_date": start.isoformat()}
    unit = irr.PERIODS[period][1]
    rows = [{"date": irr.step_date(start, unit, k).isoformat(), "amount": str(installment)} for k in range(1, count + 1)]
    table = {"mode": "table", "principal": str(principal), "fee": str(fee), "contract_date": start.isoformat(), "payments": rows}
    a, b = rate.tool(equal).data, rate.tool(table).data
    assert a == b
    undated = rate.tool({k: v for k, v in equal.items() if k != "contract_date"}).data
    assert undated["apr"] == a["apr"] and undated["apr_contract"] == a["apr_contract"]


@given(flows(), st.decimals(min_value=D("0.5"), max_value=D("60"), places=2))
def test_cap_check_adds_up(case, cap):
    received, payments = case
    loan = irr.Loan(principal=max(received, D("0.01")), received=received, unit=irr.Unit("day", 1), payments=payments)
    check = irr.cap_check(loan, cap)
    assert check.excess >= 0 and check.owed_principal >= 0 and check.owed_interest >= 0
    assert check.supported + check.excess == loan.total_paid + check.owed_principal + check.owed_interest
    assert check.excess == 0 or check.owed_principal == 0
    simple = irr.Rate(irr.periodic_rate(received, payments), 365).simple * 100
    if simple > cap + 1 and check.excess == 0:  # above the cap by the IRR: the simple walk finds it too
        assert loan.total_paid - check.supported < D("0.01")


def test_simple_interest_paid_late_can_exceed_the_cap_below_the_irr_form():
    rows = [{"date": "2025-01-02", "amount": "1"}, {"date": "2026-01-01", "amount": "1126"}]
    view = rate.tool({"mode": "table", "principal": "1000", "contract_date": "2025-01-01", "payments": rows, "lpr": "3", "lender": "private"})
    # Day 1 pays 0.33 interest and 0.67 principal; 364 days on 999.33 at 12% add 119.59: 1,119.92 supported of 1,127.
    assert D(view.data["apr"]) < 12 and view.data["excess"] == "7.08" and view.data["above_limit"] is True
    assert "利滚利" in " ".join(notice(view, "超出了四倍 LPR").paragraphs)
    table = next(b for b in view.blocks if isinstance(b, Table) and "对照" in b.caption)
    # The rate beside the line is below it, so the table says which computation is above (issue 19 point 14).
    assert table.rows[0][-1] == "按逐笔计算高于这条线（见下面的说明）"


rows_strategy = st.one_of(
    st.lists(fields_for(date=date_text, amount=field_value), max_size=6),
    field_value,
)
rate_fields = fields_for(
    principal=field_value, received=field_value, deducted=field_value, fee=field_value, installment=field_value,
    count=count_text, period=st.one_of(periods, field_value), mode=st.one_of(st.sampled_from(list(rate.MODES)), field_value),
    contract_date=date_text, first_due=date_text, lender=st.one_of(st.sampled_from(list(LENDERS)), field_value),
    lpr=st.one_of(st.sampled_from(["3", "3.45%", "", "0", "25"]), field_value), payments=rows_strategy,
)


@given(rate_fields)
def test_tool_gives_a_view_or_messages_for_any_fields(fields):
    try:
        view = rate.tool(fields)
    except (InputError, InputErrors):
        return
    html = to_html(view)
    assert "<script" not in html and view.data["apr"]


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\" onmouseover=\"x", "javascript:alert(1)", "{{7*7}}", "'; DROP TABLE x; --"]


@given(st.sampled_from(HOSTILE), st.sampled_from(["principal", "received", "deducted", "installment", "count", "period", "lender", "lpr", "contract_date", "first_due", "fee", "mode"]))
def test_hostile_text_is_refused_or_inert(payload, name):
    fields = kan_tou_xi(**{name: payload})
    fields["payments"] = [{"date": payload, "amount": payload}]
    try:
        view = rate.tool(fields)
    except InputError as error:
        assert "<" not in error.message
        return
    except InputErrors as many:
        assert all("<" not in e.message for e in many.errors)
        return
    assert payload not in to_html(view)


@given(fields_for(rate_paragraph=st.one_of(st.booleans(), field_value), rate_apr=field_value, rate_limit=field_value,
                  rate_deducted=field_value, rate_excess=field_value, rate_supported=field_value,
                  rate_lender=st.one_of(st.sampled_from(list(LENDERS)), field_value)),
       st.decimals(min_value=0, max_value=10**8, places=2))
def test_letter_and_offer_helpers_raise_only_input_errors(fields, total):
    for call in (lambda: letter_paragraph_from(fields), lambda: offer_warning_from(fields, total)):
        try:
            call()
        except (InputError, InputErrors):
            pass


@given(starts, st.lists(st.tuples(st.integers(min_value=1, max_value=4000), amounts), min_size=1, max_size=30))
def test_any_table_gives_a_rate(start, entries):
    rows = [{"date": (start + dt.timedelta(days=days)).isoformat(), "amount": str(a)} for days, a in entries]
    assume(all((start + dt.timedelta(days=days)).year <= 2100 for days, _ in entries))
    view = rate.tool({"mode": "table", "principal": "5000", "deducted": "500", "contract_date": start.isoformat(), "payments": rows, "lender": "private"})
    assert view.data["total_paid"] == f"{sum(a for _, a in entries):.2f}"
    to_html(view)


# ---------------------------------------------------------------- integration: letter, pack, offer check


LETTER = {"name": "王小明", "lender": "某某小额贷款有限公司", "owed": "18000", "reasons": ["job_loss"], "monthly": "1000", "months": "18"}
FROM_RATE = {"rate_apr": "91.16", "rate_limit": "12.00", "rate_deducted": "4000.00", "rate_excess": "8215.20"}


def test_the_letter_carries_the_rate_paragraph_only_when_asked():
    from calculators.tools import letter

    plain = letter.compose(letter.parse({**LETTER, **FROM_RATE}))
    assert "91.16%" not in plain and "三、请求" in plain and "四、请求" not in plain
    text = letter.compose(letter.parse({**LETTER, **FROM_RATE, "rate_paragraph": True}))
    assert "三、关于利息和费用" in text and "四、请求" in text
    assert letter_paragraph(D("91.16"), limit=D("12.00"), deducted=D("4000"), excess=D("8215.20")) in text
    assert text.index("二、我的还款方案") < text.index("三、关于利息和费用") < text.index("四、请求")


def test_the_letter_refuses_a_paragraph_below_the_limit_next_to_the_field():
    from calculators.tools import letter

    with pytest.raises(InputErrors) as caught:
        letter.parse({**LETTER, "rate_paragraph": "on", "rate_apr": "9.5", "rate_limit": "12"})
    assert [e.field for e in caught.value.errors] == ["rate_apr"]


def test_the_pack_letter_carries_the_paragraph_too():
    from calculators.tools import pack

    view = pack.tool({**LETTER, **FROM_RATE, "rate_paragraph": True})
    documents = [b for b in view.blocks if type(b).__name__ == "Document"]
    assert "三、关于利息和费用" in documents[0].text and "8,215.20 元" in documents[0].text
    assert "8,215.20 元" in view.downloads[0].text


def test_the_offer_check_warns_when_the_offer_may_keep_fees_above_the_limit():
    from calculators.tools import offer_check as offer

    fields = {"monthly": "1500", "installments": "12", "rate_apr": "91.16", "rate_limit": "12.00", "rate_supported": "16732.80"}
    view = offer.tool(fields)
    found = notice(view, "超过上限的利息和费用")
    assert "18,000.00 元" in " ".join(found.paragraphs) and "1,267.20 元" in " ".join(found.paragraphs)
    assert not [b for b in offer.tool({"monthly": "1500", "installments": "12"}).blocks if isinstance(b, Notice) and "上限" in b.title]
    with pytest.raises((InputError, InputErrors)):
        offer.tool({**fields, "rate_apr": "很多"})


def test_the_offer_check_gives_the_24_percent_line_only_to_small_loan_borrowers():
    from calculators.tools import offer_check as offer

    fields = {"monthly": "1500", "installments": "12", "rate_apr": "56.75"}
    for lender in ("bank", "consumer_finance", "unknown", ""):
        view = offer.tool({**fields, "rate_lender": lender})
        assert not [b for b in view.blocks if isinstance(b, Notice) and "24%" in " ".join(b.paragraphs)]
    small = offer.tool({**fields, "rate_lender": "small_loan"})
    assert [b for b in small.blocks if isinstance(b, Notice) and "24%" in " ".join(b.paragraphs)]


def test_rate_result_data_feeds_the_letter_and_offer_fields():
    data = rate.tool(kan_tou_xi()).data
    fields = {"rate_paragraph": True, "rate_apr": data["apr"], "rate_limit": data["limit"], "rate_deducted": data["deducted"], "rate_excess": data["excess"]}
    text = letter_paragraph_from(fields)
    assert "56.75%" in text and "1,000.00 元" in text and f"{D(data['excess']):,.2f} 元" in text
    licensed = rate.tool(kan_tou_xi(lender="bank")).data
    assert licensed["limit"] == "" and "第六百八十条" in letter_paragraph_from({"rate_paragraph": True, "rate_apr": licensed["apr"]})


def test_the_irr_explanation_discounts_to_the_money_received():
    # issue 19 point 10: the main row discounts the payments to the money received, not to the principal.
    text = " ".join(notice(rate.tool(kan_tou_xi()), "怎么算的").paragraphs)
    assert "正好等于你实际到手的钱" in text and "正好等于本金" not in text


def test_rounding_never_makes_the_rate_and_the_line_look_equal():
    # issue 19 point 14: 10,000 repaid 12 x 888.49 showed 12.00% beside a 12.00% line, marked 高于这条线.
    view = rate.tool({"principal": "10000", "installment": "888.49", "count": "12", "period": "month",
                      "contract_date": "2025-06-10", "lender": "private"})
    (table,) = [b for b in view.blocks if isinstance(b, Table) and b.caption.startswith("和利率上限对照")]
    assert table.caption.endswith("单利是 12.0005%") and table.rows[0][-1] == "高于这条线"
    assert irr.beside(D("0.12000451"), D("12.00")) == "12.0005%"
    assert irr.beside(D("0.12"), D("12.00")) == "12.00%"
    assert irr.beside(D("0.1199"), D("12.00")) == "11.99%"
    assert irr.beside(D("0.1200000001"), D("12.00")) == "略高于 12.00%"
    assert irr.beside(D("0.1199999999"), D("12.00")) == "略低于 12.00%"


@given(st.decimals(min_value=D("0.0001"), max_value=D("5"), places=12), st.sampled_from([D("12.00"), D("15.40"), D("24")]))
def test_a_rate_beside_a_line_never_reads_as_the_line_unless_it_is(fraction, line):
    text = irr.beside(fraction, line)
    if fraction * 100 != line:
        assert text != f"{line:,.2f}%" and text.rstrip("%").rstrip("0").rstrip(".") != f"{line}".rstrip("0").rstrip(".")
