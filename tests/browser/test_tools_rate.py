"""The loan-cost tool in Chromium: a realistic 砍头息 case from the form to the result, the payment
table as a repeatable group, inline messages, and the print view."""

import re

import pytest
from playwright.sync_api import expect
from reader import open_tool, stored_keys

pytestmark = pytest.mark.browser

RESULT = "[data-calc-result]"


@pytest.fixture
def page(warm_tool_page):
    """Every test here uses the module's one window (conftest.warm_tool_page): Python starts once,
    each test opens its tool from the menu, and what it kept is cleared after it."""
    return warm_tool_page


def fill_kan_tou_xi(form):
    """Contract 20,000; 4,000 kept back as a 'service fee' on the day; 12 x 1,980 a month plus a 99 membership fee."""
    form.locator('input[name="principal"]').fill("2万")
    form.locator('input[name="deducted"]').fill("4000")
    form.locator('input[name="installment"]').fill("1,980")
    form.locator('input[name="count"]').fill("12")
    form.locator('input[name="fee"]').fill("99元")
    form.locator('input[name="contract_date"]').fill("2025-09-15")
    form.locator('input[name="lender"][value="private"]').check()


def test_kan_tou_xi_case_from_the_form_to_the_result(page, site):
    form = open_tool(page, site, "rate", "rate")
    fill_kan_tou_xi(form)
    result = form.locator(RESULT)
    summary = result.locator(".calc-summary").first
    expect(summary).to_contain_text("16,000.00 元")
    expect(summary).to_contain_text("24,948.00 元")
    expect(summary).to_contain_text("8,948.00 元")
    expect(summary).to_contain_text("91.16%")
    expect(summary).to_contain_text("140.77%")
    rates = result.locator("table").first
    expect(rates.locator("tbody tr").nth(1)).to_contain_text("42.92%")  # on the contract principal
    expect(result.locator(".calc-notice--warning").first).to_contain_text("第二十五条")
    expect(result).to_contain_text("8,215.20 元")
    expect(result).to_contain_text("核对到 2026-04-20")
    expect(result).to_contain_text("最终以法院认定为准")
    expect(result.locator('a[href$="tools/letter/"]')).to_have_count(1)
    expect(form.locator("[data-calc-status]")).to_contain_text("91.16%")
    page.emulate_media(media="print")
    expect(result).to_be_visible()
    expect(form.locator(".calc-inputs")).to_be_hidden()
    page.emulate_media(media="screen")


def test_licensed_lender_changes_the_rule_not_the_rate(page, site):
    form = open_tool(page, site, "rate", "rate")
    fill_kan_tou_xi(form)
    result = form.locator(RESULT)
    expect(result).to_contain_text("8,215.20 元")
    form.locator('input[name="lender"][value="consumer_finance"]').check()
    expect(result).to_contain_text("一般不直接适用")
    expect(result).not_to_contain_text("8,215.20 元")
    expect(result.locator(".calc-summary").first).to_contain_text("91.16%")


def test_payment_table_rows_and_inline_messages(page, site):
    form = open_tool(page, site, "rate", "rate")
    form.locator('input[name="mode"][value="table"]').check()
    form.locator('input[name="principal"]').fill("1000")
    form.locator('input[name="received"]').fill("800")
    form.locator('input[name="contract_date"]').fill("2026-03-01")
    group = form.locator('[data-repeat="payments"]')
    rows = group.locator("[data-row]")
    rows.nth(0).locator('input[name="date"]').fill("2026-03-08")
    rows.nth(0).locator('input[name="amount"]').fill("1000")
    result = form.locator(RESULT)
    expect(result).to_contain_text("1,303.57%")  # 200 / 800 over 7 days, times 365 / 7
    expect(result).to_contain_text("超过 1,000,000%")
    group.locator("[data-add-row]").click()
    expect(rows).to_have_count(2)
    rows.nth(1).locator('input[name="date"]').fill("2026-02-01")
    rows.nth(1).locator('input[name="amount"]').fill("abc")
    form.locator("button[type=submit]").click()
    expect(form.locator('[data-error-for="payments.1.amount"]')).to_contain_text("请填数字")
    rows.nth(1).locator('input[name="amount"]').fill("10")
    expect(form.locator('[data-error-for="payments.1.date"]')).to_contain_text("晚于合同日期")
    rows.nth(1).locator('input[name="date"]').fill("2026-03-15")
    expect(form.locator(".calc-error:not([hidden])")).to_have_count(0)
    expect(result).to_contain_text("1,010.00 元")
    expect(result).to_contain_text("每周")  # 7 and 14 days: one week a period


def test_the_result_flows_into_the_letter_paragraph_in_memory(page, site):
    form = open_tool(page, site, "rate", "rate")
    fill_kan_tou_xi(form)
    expect(form.locator(RESULT)).to_contain_text("8,215.20 元")
    page.evaluate("window.__sameDocument = true")
    form.locator(f'{RESULT} a[href$="tools/letter/"]').click()
    page.wait_for_url(re.compile(r".*/tools/letter/(#.*)?$"))  # Material's tracking may keep a section anchor
    letter = page.locator('form[data-calculator="letter"]')
    expect(letter).to_have_attribute("data-calc-state", "ready", timeout=10_000)
    assert page.evaluate("window.__sameDocument === true")  # instant navigation: the result stayed in memory
    letter.locator("summary", has_text="真实利率").click()
    for name, value in (("rate_apr", "91.16"), ("rate_limit", "12.00"), ("rate_deducted", "4000.00"), ("rate_excess", "8215.20")):
        expect(letter.locator(f'input[name="{name}"]')).to_have_value(value)
    letter.locator('input[name="name"]').fill("王小明")
    letter.locator('input[name="lender"]').fill("某某网络小额贷款有限公司")
    letter.locator('input[name="owed"]').fill("18000")
    letter.locator('input[name="reasons"][value="job_loss"]').check()
    letter.locator('input[name="monthly"]').fill("1000")
    letter.locator('input[name="months"]').fill("18")
    document = letter.locator(f"{RESULT} .calc-document")
    expect(document).to_contain_text("三、请求")
    expect(document).not_to_contain_text("91.16%")
    letter.locator('input[name="rate_paragraph"]').check()
    expect(document).to_contain_text("三、关于利息和费用")
    expect(document).to_contain_text("实际年化利率约为 91.16%")
    expect(document).to_contain_text("内部收益率法")
    expect(document).to_contain_text("预先扣除了 4,000.00 元")
    expect(document).to_contain_text("第六百七十条")
    expect(document).to_contain_text("第二十五条、第二十九条")
    expect(document).to_contain_text("约有 8,215.20 元 超出")
    expect(document).to_contain_text("四、请求")
    assert stored_keys(page) == []
