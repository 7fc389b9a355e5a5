"""The engine's tool pages in Chromium: known cases, what people type, and inline messages.

One window for the module: Python starts once, and each test opens its tool from the menu."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from reader import open_tool
from test_tools_documents import RECORD_BLOB_TYPES

pytestmark = pytest.mark.browser

RESULT = "[data-calc-result]"


@pytest.fixture
def page(warm_tool_page):
    """Every test here uses the module's one window (conftest.warm_tool_page): Python starts once,
    each test opens its tool from the menu, and what it kept is cleared after it."""
    return warm_tool_page


def test_budget_seed_example(page, site):
    form = open_tool(page, site, "budget", "budget")
    form.locator('input[name="income"]').fill("5000")
    form.locator('input[name="expenses"]').fill("2000")
    result = form.locator(RESULT)
    expect(result).to_contain_text("3,000.00 元")
    expect(result).to_contain_text("2,700.00 元")
    form.locator('input[name="margin"]').fill("20")
    expect(result).to_contain_text("2,400.00 元")


def test_budget_inline_messages_for_negative_and_text(page, site):
    form = open_tool(page, site, "budget", "budget")
    form.locator('input[name="income"]').fill("-5")
    form.locator('input[name="expenses"]').fill("abc")
    expect(form.locator('[data-error-for="income"]')).to_contain_text("不能是负数")
    expect(form.locator('[data-error-for="expenses"]')).to_contain_text("请填数字")
    expect(form.locator('input[name="income"]')).to_have_attribute("aria-invalid", "true")
    form.locator('input[name="income"]').fill("5000")
    form.locator('input[name="expenses"]').fill("2000")
    expect(form.locator('[data-error-for="income"]')).to_have_count(0)
    expect(form.locator(RESULT)).to_contain_text("3,000.00 元")


def test_plan_schedule_and_csv_download(page, site):
    form = open_tool(page, site, "plan", "plan")
    form.locator('input[name="total"]').fill("3万")
    form.locator('input[name="monthly"]').fill("３０００")
    form.locator('input[name="start"]').fill("2026-01-31")
    rows = form.locator(f"{RESULT} table tbody tr")
    expect(rows).to_have_count(10)
    expect(rows.nth(1)).to_contain_text("2026-02-28")
    expect(rows.nth(2)).to_contain_text("2026-03-31")
    expect(form.locator(f"{RESULT} table tfoot")).to_contain_text("30,000.00 元")
    page.evaluate(RECORD_BLOB_TYPES)
    with page.expect_download() as info:
        page.locator("[data-download]").first.click()
    assert page.evaluate("window.__blobTypes") == ["text/csv;charset=utf-8"]  # typed once, by Python
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0][0] == "期数" and len(lines) == 12
    assert lines[10][1:] == ["2026-10-31", "3000.00", "0.00"]


def test_plan_switch_to_number_of_installments(page, site):
    form = open_tool(page, site, "plan", "plan")
    form.locator('input[name="total"]').fill("10000")
    form.locator('input[name="start"]').fill("2026-05-01")
    form.locator('input[name="mode"][value="months"]').check()
    form.locator('input[name="months"]').fill("3")
    expect(form.locator(RESULT)).to_contain_text("3,333.34 元")
    rows = form.locator(f"{RESULT} table tbody tr")
    expect(rows.nth(0)).to_contain_text("3,333.34 元")
    expect(rows.nth(2)).to_contain_text("3,333.33 元")  # at most one fen apart, the extra fen first


def test_a_new_reader_gets_a_plan_from_amount_and_monthly_alone(page, site):
    """Issue 10: with only the amount and the monthly payment the plan shows a result, starting on
    the same day next month and saying so, instead of waiting silently for a start date."""
    form = open_tool(page, site, "plan", "plan")
    form.locator('input[name="total"]').fill("30000")
    form.locator('input[name="monthly"]').fill("3000")
    result = form.locator(RESULT)
    expect(result.locator("table tbody tr")).to_have_count(10)
    expect(result).to_contain_text("还没有填开始日期，先按")
    expect(form.locator("[data-calc-status]")).to_contain_text("可以修改")
    assumed = result.locator("table tbody tr").first.locator("td").nth(1).inner_text()
    form.locator('input[name="start"]').fill("2027-03-31")
    expect(result.locator("table tbody tr").nth(1)).to_contain_text("2027-04-30")
    expect(result).not_to_contain_text("先按")
    assert assumed != "2027-03-31"


def test_plan_inline_messages(page, site):
    form = open_tool(page, site, "plan", "plan")
    form.locator('input[name="total"]').fill("abc")
    form.locator('input[name="monthly"]').fill("-5")
    expect(form.locator('[data-error-for="total"]')).to_contain_text("请填数字")
    expect(form.locator('[data-error-for="monthly"]')).to_contain_text("不能是负数")


def test_lenders_split_and_borrowing_to_repay_warning(page, site):
    form = open_tool(page, site, "lenders", "lenders")
    form.locator('input[name="capacity"]').fill("2700")
    group = form.locator('[data-repeat="lenders"]')
    group.locator("[data-add-row]").click()
    rows = group.locator("[data-row]")
    expect(rows).to_have_count(3)
    for index, (name, amount, demand) in enumerate([("借呗", "30000", "2500"), ("微粒贷", "1.2万", "1000"), ("", "５０００", "")]):
        row = rows.nth(index)
        row.locator('input[name="name"]').fill(name)
        row.locator('input[name="amount"]').fill(amount)
        row.locator('input[name="demand"]').fill(demand)
    result = form.locator(RESULT)
    expect(result).to_contain_text("1,723.41 元")
    expect(result).to_contain_text("287.23 元")
    expect(result).to_contain_text("18 个月")
    expect(result.locator(".calc-notice--danger")).to_contain_text("800.00 元")
    expect(result.locator('.calc-notice--danger a[href$="guide/watch-out/"]')).to_have_count(1)


def test_lenders_inline_messages(page, site):
    form = open_tool(page, site, "lenders", "lenders")
    form.locator('input[name="capacity"]').fill("-5")
    row = form.locator('[data-repeat="lenders"] [data-row]').first
    row.locator('input[name="amount"]').fill("abc")
    expect(form.locator('[data-error-for="capacity"]')).to_contain_text("不能是负数")
    expect(form.locator('[data-error-for="lenders.0.amount"]')).to_contain_text("第 1 个平台的欠款请填数字")


def test_lenders_smallest_first_shows_partial_months(page, site):
    form = open_tool(page, site, "lenders", "lenders")
    form.locator('input[name="capacity"]').fill("1000")
    form.locator('input[name="order"][value="smallest"]').check()
    rows = form.locator('[data-repeat="lenders"] [data-row]')
    for index, (name, amount) in enumerate([("A", "1500"), ("B", "2500")]):
        rows.nth(index).locator('input[name="name"]').fill(name)
        rows.nth(index).locator('input[name="amount"]').fill(amount)
    result = form.locator(RESULT)
    expect(result).to_contain_text("第 2 个月 500.00 元；第 3–4 个月每月 1,000.00 元")
    expect(result).to_contain_text("A 500.00 元；B 500.00 元")


def test_budget_shows_a_shortfall_and_the_help_lines(page, site):
    form = open_tool(page, site, "budget", "budget")
    form.locator('input[name="income"]').fill("2000")
    form.locator('input[name="expenses"]').fill("2500")
    result = form.locator(RESULT)
    expect(result).to_contain_text("每月缺口")
    expect(result.locator(".calc-summary")).to_contain_text("500.00 元")
    expect(result.locator('a[href="tel:12356"]')).to_have_count(1)


def test_budget_offer_is_carried_to_the_plan_when_saving_is_on(page, site):
    form = open_tool(page, site, "budget", "budget")
    form.locator("[data-save-toggle]").check()
    form.locator('input[name="income"]').fill("5000")
    form.locator('input[name="expenses"]').fill("2000")
    expect(form.locator(RESULT)).to_contain_text("2,700.00 元")
    plan = open_tool(page, site, "plan", "plan")
    expect(plan.locator('input[name="capacity"]')).to_have_value("2700.00")
    plan.locator('input[name="total"]').fill("30000")
    plan.locator('input[name="monthly"]').fill("3000")
    plan.locator('input[name="start"]').fill("2026-01-15")
    expect(plan.locator(f"{RESULT} .calc-notice--danger")).to_contain_text("2,700.00 元")


# Counts the calls the page posts to a worker (window.__calls), and puts postMessage back.
COUNT_CALLS = """() => {
  window.__calls = 0;
  const post = (window.__uncountedPost = Worker.prototype.postMessage);
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "call") window.__calls++;
    return post.call(this, message, ...rest);
  };
}"""
UNCOUNT_CALLS = "() => { Worker.prototype.postMessage = window.__uncountedPost; }"


def debounce_ms() -> int:
    """How long the form waits after an edit before it calls Python (form.mjs DEBOUNCE_MS)."""
    source = (Path(__file__).resolve().parents[2] / "docs" / "assets" / "js" / "form.mjs").read_text(encoding="utf-8")
    return int(re.search(r"const DEBOUNCE_MS = (\d+);", source)[1])


def test_a_field_losing_focus_does_not_redraw_an_unchanged_result(page, site):
    # Redrawing the result when nothing changed could move its buttons under a finger mid-tap.
    form = open_tool(page, site, "budget", "budget")
    form.locator('input[name="income"]').fill("5000")
    form.locator('input[name="expenses"]').fill("2000")
    result = form.locator(RESULT)
    expect(result).to_contain_text("2,700.00 元")
    result.locator(":scope > *").first.evaluate("el => { el.__drawn = 'first'; }")
    page.evaluate(COUNT_CALLS)
    try:
        form.locator('input[name="income"]').dispatch_event("change")  # what a blur after typing fires
        # A redraw only follows a call to the worker. A timer as long as the form's debounce, set
        # after the change, runs after the form's own; by then any call would have been posted.
        page.evaluate("ms => new Promise((done) => setTimeout(done, ms))", debounce_ms())
        assert page.evaluate("window.__calls") == 0  # no call: nothing can redraw the result
        assert result.locator(":scope > *").first.evaluate("el => el.__drawn") == "first"
        form.locator('input[name="income"]').fill("6000")
        expect(result).to_contain_text("3,600.00 元")  # a real change is still computed
        assert page.evaluate("window.__calls") >= 1  # and the count sees calls
    finally:
        page.evaluate(UNCOUNT_CALLS)


def test_the_status_names_missing_fields_with_the_pages_own_labels(page, site):
    """`missing` may name fields (capacity, lenders.1.amount): the status shows the page's label for
    each, with the group and row for a repeated row; an entry naming no field is shown as it is."""
    form = open_tool(page, site, "lenders")
    workers = [w for w in page.workers if w.url.endswith("calc-worker.mjs")]
    assert len(workers) == 1, [w.url for w in page.workers]
    workers[0].evaluate(
        """(() => {
          const post = self.postMessage.bind(self);
          self.postMessage = (message, transfer) => {
            if (message && message.type === 'result' && !message.response.ok) {
              const missing = ['capacity', 'order', 'lenders.1.amount', '开始日期', 'lenders.9.amount'];
              message = {...message, response: {...message.response, missing}};
            }
            return post(message, transfer || []);
          };
        })()"""
    )
    form.locator('[data-repeat="lenders"] [data-row]').first.locator('input[name="name"]').fill("借呗")
    expect(form.locator("[data-calc-status]")).to_have_text(
        "计算器已就绪。还差：每月能拿出来还款的钱（元）、怎么分、你的欠款第 2 行：欠款（元）、开始日期、lenders.9.amount。填好后这里会显示结果。"
    )
