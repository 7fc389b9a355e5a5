"""The court, credit and complaint tools in Chromium: the right last day, a valid .ics, and documents that download and print."""

import datetime as dt

import icalendar
import pytest
from playwright.sync_api import expect

from calculators.core.court_days import FIXED_HOLIDAYS
from reader import open_tool, stored_keys
from test_tools_documents import RESULT, check_print_view, download_text

pytestmark = pytest.mark.browser


# The service worker would answer a page change itself (from its copy of the site), unseen by
# routes: the module's window keeps it out, so a test can change what the server sends.
WINDOW = {"service_workers": "block"}


@pytest.fixture
def page(warm_tool_page):
    """Every test here uses the module's one window (conftest.warm_tool_page): Python starts once,
    each test opens its tool from the menu, and what it kept is cleared after it."""
    return warm_tool_page


WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def test_payment_order_deadline_shows_the_last_day_and_downloads_a_calendar(page, site):
    # Two days ago, so the last day is ahead whatever the clock's time zone.
    received = dt.date.today() - dt.timedelta(days=2)
    last = received + dt.timedelta(days=15)  # 第八十五条: the day of receipt is not counted
    holiday = FIXED_HOLIDAYS.get((last.month, last.day))  # named beside the date (fact 10.7)
    shown = f"{last.isoformat()}（{WEEKDAYS[last.weekday()]}{'，' + holiday if holiday else ''}）"
    form = open_tool(page, site, "court-deadlines", "court_deadlines")
    form.locator('input[name="kinds"][value="payment_order"]').check()
    form.locator('input[name="received"]').fill(received.isoformat())
    result = form.locator(RESULT)
    expect(result.locator("table tbody tr")).to_have_count(1)
    expect(result.locator("table tbody tr").first).to_contain_text(shown)
    expect(result.locator(".calc-summary")).to_contain_text(f"最早的期限{shown}")
    expect(result).to_contain_text("还有 13 天")
    expect(result).to_contain_text("第四百三十六条")
    expect(result).to_contain_text("12348")
    expect(result.locator('a[href="tel:12356"]')).to_have_count(1)
    expect(form.locator("[data-calc-status]")).to_contain_text(f"最早的期限是 {shown}")
    raw = download_text(page, form, ".ics")
    assert b"\r\n" in raw
    calendar = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    (event,) = calendar.walk("VEVENT")
    assert event["dtstart"].dt == last
    assert str(event["summary"]) == "最后一天：清偿，或者向法院提出书面异议（支付令）"
    alarms = [dt.datetime.combine(last, dt.time()) + a["trigger"].dt for a in event.walk("VALARM")]
    assert alarms and all(a.hour == 9 and received < a.date() <= last for a in alarms)
    check_print_view(page, form)


def test_deadlines_refuse_a_missing_date_next_to_the_field(page, site):
    form = open_tool(page, site, "court-deadlines", "court_deadlines")
    form.locator('input[name="kinds"][value="complaint"]').check()
    form.locator("button[type=submit]").click()
    expect(form.locator('[data-error-for="received"]')).to_contain_text("请填写收到文书的日期")


def test_payment_order_objection_downloads_and_prints(page, site):
    form = open_tool(page, site, "payment-order-objection", "payment_order_objection")
    form.locator('input[name="stance"][value="dispute"]').check()
    form.locator('input[name="grounds"][value="upfront"]').check()
    form.locator('input[name="actual_received"]').fill("8千")
    form.locator('input[name="court"]').fill("某某区人民法院")
    form.locator('input[name="creditor"]').fill("某某小额贷款有限公司")
    form.locator('input[name="name"]').fill("王小明")
    document = form.locator(f"{RESULT} .calc-document")
    expect(document).to_contain_text("我实际收到的是 8,000.00 元")
    expect(document).to_contain_text("异议人：王小明")
    expect(form.locator(RESULT)).to_contain_text("年化利率计算")
    text = download_text(page, form, "支付令异议书.txt").decode("utf-8")
    assert text.startswith("支付令异议书\n") and "第六百七十条" in text and "某某区人民法院" in text
    assert text.rstrip("\n").endswith("（本文书由我本人借助免费的公益工具自行准备。）")
    check_print_view(page, form)


def test_only_cannot_pay_gives_no_objection(page, site):
    form = open_tool(page, site, "payment-order-objection", "payment_order_objection")
    form.locator('input[name="stance"][value="cannot_pay"]').check()
    result = form.locator(RESULT)
    expect(result).to_contain_text("只是还不起，书面异议挡不住支付令")
    expect(result.locator(".calc-document")).to_have_count(0)
    expect(form.locator("[data-download]")).to_have_count(0)


def test_settlement_is_prefilled_from_the_plan_and_prints(page, site):
    plan = open_tool(page, site, "plan", "plan")
    plan.locator("[data-save-toggle]").check()
    plan.locator('input[name="total"]').fill("30000")
    plan.locator('input[name="down_payment"]').fill("2000")
    plan.locator('input[name="monthly"]').fill("2800")
    plan.locator('input[name="start"]').fill("2026-06-15")
    expect(plan.locator(RESULT)).to_contain_text("2,800.00 元")
    form = open_tool(page, site, "enforcement-settlement", "enforcement_settlement")
    expect(form.locator('input[name="total"]')).to_have_value("30000.00")
    expect(form.locator('input[name="monthly"]')).to_have_value("2800.00")
    expect(form.locator('input[name="down_payment"]')).to_have_value("2000.00")
    form.locator('input[name="start"]').fill("2026-07-01")
    form.locator('input[name="court"]').fill("某某区人民法院")
    form.locator('input[name="applicant"]').fill("某某消费金融有限公司")
    form.locator('input[name="name"]').fill("王小明")
    document = form.locator(f"{RESULT} .calc-document")
    expect(document).to_contain_text("共 10 期，合计 30,000.00 元")
    expect(form.locator(f"{RESULT} table tbody tr")).to_have_count(11)
    text = download_text(page, form, "执行和解申请.txt").decode("utf-8")
    assert "首期　2026-07-01　2,000.00 元" in text and "第 10/10 期　2027-05-01　2,800.00 元" in text
    check_print_view(page, form)
    form.locator("[data-clear-local]").click()


def test_credit_objection_and_statement(page, site):
    form = open_tool(page, site, "credit-objection", "credit_objection")
    form.locator('input[name="truth"][value="wrong"]').check()
    form.locator('input[name="lender"]').fill("某某银行")
    form.locator('textarea[name="record"]').fill("2025 年 3 月起逾期 3 期")
    form.locator('textarea[name="actual"]').fill("2025 年 2 月已经结清")
    form.locator('input[name="errors"][value="paid"]').check()
    form.locator('input[name="name"]').fill("王小明")
    document = form.locator(f"{RESULT} .calc-document")
    expect(document).to_contain_text("征信异议申请")
    expect(document).to_contain_text("20 日内核查处理")
    text = download_text(page, form, "征信异议申请.txt").decode("utf-8")
    assert "这笔欠款已经还清，记录却仍显示未结清" in text
    check_print_view(page, form)
    form.locator('input[name="truth"][value="true"]').check()
    form.locator('textarea[name="explanation"]').fill("那时住院三个月。")
    expect(document).to_contain_text("逾期信息属实")
    expect(form.locator(RESULT)).to_contain_text("真实的逾期，异议删不掉")
    text = download_text(page, form, "不良信息说明.txt").decode("utf-8")
    assert "第十六条第二款" in text and "那时住院三个月。" in text


def test_each_letter_to_a_lender_downloads_and_prints(page, site):
    form = open_tool(page, site, "lender-letters", "lender_letters")
    form.locator('input[name="recipient"]').fill("某某资产管理有限公司")
    form.locator('input[name="lender"]').fill("某某消费金融有限公司")
    form.locator('input[name="name"]').fill("王小明")
    form.locator('input[name="contacted"]').fill("我的同事")
    document = form.locator(f"{RESULT} .calc-document")
    for kind, title, part in [
        ("assignment", "请求出示债权转让证明的函", "第五百四十六条"),
        ("breakdown", "请求提供欠款明细的函", "以上各项相加得出的欠款总额"),
        ("third_parties", "请求停止联系第三人的函", "你方就我的欠款联系了我的同事"),
    ]:
        form.locator(f'input[name="kind"][value="{kind}"]').check()
        expect(document).to_contain_text(title)
        text = download_text(page, form, f"{title}.txt").decode("utf-8")
        assert text.startswith(title + "\n") and part in text
    check_print_view(page, form)


def test_complaint_turns_log_rows_into_evidence(page, site):
    form = open_tool(page, site, "complaint", "complaint")
    form.locator('input[name="lender_kind"][value="small_loan"]').check()
    form.locator('input[name="problems"][value="collection"]').check()
    form.locator('select[name="addressee"]').select_option("regulator")
    form.locator('input[name="lender"]').fill("某某小额贷款有限公司")
    form.locator('textarea[name="facts"]').fill("催收员多次打电话给我的同事。")
    form.locator('textarea[name="requests"]').fill("停止联系我的同事。")
    form.locator('input[name="name"]').fill("王小明")
    form.locator('input[name="ticket"]').fill("GD-778")
    record_two_contacts(form)
    result = form.locator(RESULT)
    expect(result).to_contain_text("本站不列号码")
    expect(result).not_to_contain_text("12378")
    document = result.locator(".calc-document")
    expect(document).to_contain_text("1. 2026-05-01，短信，内容：短信里骂人。")
    expect(document).to_contain_text("2. 2026-05-03，电话，对方：工号 A1029。")
    text = download_text(page, form, "投诉信.txt").decode("utf-8")
    assert "投诉编号（工单号）：GD-778" in text and "受理投诉的部门：" in text
    check_print_view(page, form)


def record_two_contacts(form):
    """In a form with contact rows (the log, the complaint): a call on 2026-05-03 (工号 A1029) and,
    entered second, an SMS on 2026-05-01; waits until the result shows it."""
    rows = form.locator("[data-row]")
    rows.nth(0).locator('input[name="date"]').fill("2026-05-03")
    rows.nth(0).locator('input[name="who"]').fill("工号 A1029")
    form.locator("[data-add-row]").click()
    rows.nth(1).locator('input[name="date"]').fill("2026-05-01")
    rows.nth(1).locator('select[name="channel"]').select_option("sms")
    rows.nth(1).locator('textarea[name="said"]').fill("短信里骂人")
    expect(form.locator(RESULT)).to_contain_text("短信里骂人")


def test_complaint_takes_the_rows_recorded_in_the_log_this_visit(page, site):
    record_two_contacts(open_tool(page, site, "log", "log"))
    page.locator('.md-nav a[href$="tools/complaint/"]').first.dispatch_event("click")  # instant navigation
    page.wait_for_url("**/tools/complaint/")
    complaint = page.locator('form[data-calculator="complaint"]')
    expect(complaint.locator("[data-row]")).to_have_count(2)
    expect(complaint.locator('[data-row] >> nth=0 >> textarea[name="said"]')).to_have_value("短信里骂人")
    expect(complaint.locator('[data-row] >> nth=1 >> input[name="who"]')).to_have_value("工号 A1029")
    complaint.locator('input[name="lender_kind"][value="small_loan"]').check()
    complaint.locator('input[name="problems"][value="collection"]').check()
    complaint.locator('input[name="lender"]').fill("某某小额贷款有限公司")
    complaint.locator('input[name="name"]').fill("王小明")
    complaint.locator('textarea[name="facts"]').fill("催收员发短信骂人。")
    complaint.locator('textarea[name="requests"]').fill("停止辱骂。")
    document = complaint.locator(f"{RESULT} .calc-document")
    expect(document).to_contain_text("1. 2026-05-01，短信，内容：短信里骂人。")
    expect(document).to_contain_text("2. 2026-05-03，电话，对方：工号 A1029。")
    assert stored_keys(page) == []


def test_log_rows_beyond_the_complaint_limit_are_cut_visibly(page, site):
    # The complaint letter holds at most data-max-rows rows; here 1, so two log rows are one too many.
    def with_limit(route):
        response = route.fetch()
        body = response.text().replace('data-max-rows="30"', 'data-max-rows="1"', 1)
        route.fulfill(response=response, body=body)

    page.route("**/tools/complaint/", with_limit)  # taken away after the test (conftest.warm_page)
    record_two_contacts(open_tool(page, site, "log", "log"))
    page.locator('.md-nav a[href$="tools/complaint/"]').first.dispatch_event("click")
    page.wait_for_url("**/tools/complaint/")
    complaint = page.locator('form[data-calculator="complaint"]')
    expect(complaint.locator("[data-row]")).to_have_count(1)
    expect(complaint.locator('[data-row] input[name="who"]')).to_have_value("工号 A1029")  # the latest
    note = complaint.locator('[data-repeat="entries"] [data-repeat-note]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("带过来的记录有 2 条")
