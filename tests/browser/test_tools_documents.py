"""The documents tools in Chromium: a realistic case each, the print view, and the downloads."""

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect
from reader import open_tool

pytestmark = pytest.mark.browser

RESULT = "[data-calc-result]"
HOSTILE = "<img src=x onerror=window.pwned=1>"


@pytest.fixture
def page(warm_tool_page):
    """Every test here uses the module's one window (conftest.warm_tool_page): Python starts once,
    each test opens its tool from the menu, and what it kept is cleared after it."""
    return warm_tool_page


def check_print_view(page, form):
    """In print, the result shows and the inputs, buttons and privacy bar do not."""
    page.emulate_media(media="print")
    expect(form.locator(RESULT)).to_be_visible()
    expect(form.locator(".calc-inputs")).to_be_hidden()
    expect(form.locator(".calc-result-tools")).to_be_hidden()
    for node in form.locator(".calc-chrome").all():
        expect(node).to_be_hidden()
    page.emulate_media(media="screen")
    expect(form.locator(".calc-inputs")).to_be_visible()


# The type each kind of file is saved with: Python's, charset said once.
FILE_TYPES = {".txt": "text/plain;charset=utf-8", ".csv": "text/csv;charset=utf-8", ".ics": "text/calendar;charset=utf-8"}
# Records the type of every Blob the page saves.
RECORD_BLOB_TYPES = """() => { if (window.__blobTypes) return; window.__blobTypes = [];
  const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => { window.__blobTypes.push(blob.type); return make.call(URL, blob); }; }"""


def download_text(page, form, filename_end):
    page.evaluate(RECORD_BLOB_TYPES)
    with page.expect_download() as info:
        form.locator(f'[data-download$="{filename_end}"]').click()
    download = info.value
    assert download.suggested_filename.endswith(filename_end)
    assert page.evaluate("window.__blobTypes.at(-1)") == FILE_TYPES[Path(filename_end).suffix or filename_end]
    return open(download.path(), "rb").read()


def test_checklist_tailored_ticks_and_print(page, site):
    form = open_tool(page, site, "checklist", "checklist")
    result = form.locator(RESULT)
    expect(result).to_contain_text("一、身份和借款合同")
    expect(result).to_contain_text("在上面勾选你的困难原因")
    form.locator('input[name="reasons"][value="illness"]').check()
    form.locator('input[name="loans"][value="card"]').check()
    form.locator('input[name="situation"][value="sued"]').check()
    expect(result).to_contain_text("医院的诊断证明")
    expect(result).to_contain_text("最近几期信用卡账单")
    expect(result).to_contain_text("十五日内")
    box = result.locator('[data-persist-key="materials:diagnosis"]')
    box.check()
    form.locator('input[name="reasons"][value="job_loss"]').check()
    expect(result).to_contain_text("解除或终止劳动合同的证明")
    expect(result.locator('[data-persist-key="materials:diagnosis"]')).to_be_checked()
    check_print_view(page, form)


def test_letter_from_fields_download_and_print(page, site):
    form = open_tool(page, site, "letter", "letter")
    form.locator('input[name="name"]').fill("王小明")
    form.locator('input[name="lender"]').fill("某某消费金融有限公司")
    form.locator('input[name="owed"]').fill("3万")
    form.locator('input[name="overdue_since"]').fill("2026-03-05")
    form.locator('input[name="reasons"][value="pay_cut"]').check()
    form.locator('input[name="monthly"]').fill("3000")
    form.locator('input[name="months"]').fill("10")
    document = form.locator(f"{RESULT} .calc-document")
    expect(document).to_contain_text("我是借款人王小明")
    expect(document).to_contain_text("每月还款 3,000.00 元，共 10 期，合计 30,000.00 元")
    expect(document).to_contain_text("自 2026 年 3 月 5 日 起")
    expect(document.locator("[data-copy]")).to_have_count(1)
    raw = download_text(page, form, ".txt")
    text = raw.decode("utf-8")
    assert text.startswith("协商还款申请书\n") and "某某消费金融有限公司：" in text
    assert "工资卡的银行流水" in text and "申请人：王小明" in text
    check_print_view(page, form)


def test_letter_shows_typed_markup_as_text(page, site):
    form = open_tool(page, site, "letter", "letter")
    form.locator('input[name="name"]').fill(HOSTILE)
    form.locator('input[name="lender"]').fill("平台")
    form.locator('input[name="owed"]').fill("1000")
    form.locator('textarea[name="details"]').fill("<script>window.pwned=2</script>")
    form.locator('input[name="monthly"]').fill("100")
    form.locator('input[name="months"]').fill("10")
    document = form.locator(f"{RESULT} .calc-document")
    expect(document).to_contain_text(f"我是借款人{HOSTILE}")
    expect(document).to_contain_text("<script>window.pwned=2</script>")
    assert form.locator(f"{RESULT} img, {RESULT} script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_letter_errors_are_inline(page, site):
    form = open_tool(page, site, "letter", "letter")
    form.locator('input[name="owed"]').fill("-5")
    form.locator('input[name="months"]').fill("0")
    expect(form.locator('[data-error-for="owed"]')).to_contain_text("不能是负数")
    expect(form.locator('[data-error-for="months"]')).to_contain_text("至少是 1")


def test_letter_is_prefilled_from_the_plan_when_saving_is_on(page, site):
    form = open_tool(page, site, "plan", "plan")
    form.locator("[data-save-toggle]").check()
    form.locator('input[name="total"]').fill("30000")
    form.locator('input[name="monthly"]').fill("2700")
    form.locator('input[name="start"]').fill("2026-06-15")
    expect(form.locator(RESULT)).to_contain_text("2,700.00 元")
    letter = open_tool(page, site, "letter", "letter")
    expect(letter.locator('input[name="monthly"]')).to_have_value("2700.00")
    expect(letter.locator('input[name="months"]')).to_have_value("12")
    expect(letter.locator('input[name="total"]')).to_have_value("30000.00")
    letter.locator("[data-clear-local]").click()
    page.get_by_role("button", name="确定清除").click()


def test_offer_check_risks_band_and_calendar(page, site):
    form = open_tool(page, site, "offer-check", "offer_check")
    form.locator('input[name="lender"]').fill("某某平台")
    form.locator('input[name="monthly"]').fill("3000")
    form.locator('input[name="installments"]').fill("10")
    form.locator('input[name="down_payment"]').fill("1000")
    form.locator('input[name="channel"][value="personal"]').check()
    form.locator('input[name="written"][value="no"]').check()
    form.locator('input[name="capacity"]').fill("2700")
    result = form.locator(RESULT)
    expect(result).to_contain_text("有 2 处风险，先别付款")
    expect(result).to_contain_text("很可能是诈骗")
    expect(result).to_contain_text("很可能再次逾期")
    form.locator('input[name="capacity"]').fill("3000")
    expect(result).to_contain_text("还得起")
    form.locator('input[name="first_due"]').fill("2026-01-31")
    expect(result.locator("table").last.locator("tbody tr")).to_have_count(11)
    raw = download_text(page, form, ".ics")
    assert b"\r\n" in raw
    events = icalendar.Calendar.from_ical(raw.decode("utf-8")).walk("VEVENT")
    assert [e["dtstart"].dt for e in events][:3] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)]
    assert str(events[0]["summary"]) == "还款：某某平台 首期 1,000.00 元"
    assert str(events[-1]["summary"]) == "还款：某某平台 第 10/10 期 3,000.00 元"
    assert all(len(e.walk("VALARM")) == 1 for e in events)
    check_print_view(page, form)


def test_scam_check_verdicts(page, site):
    form = open_tool(page, site, "scam-check", "scam_check")
    result = form.locator(RESULT)
    expect(result).to_contain_text("没有发现这些警示信号")
    expect(result).not_to_contain_text("安全")
    form.locator('input[name="code"]').check()
    form.locator('input[name="personal_account"]').check()
    expect(result).to_contain_text("发现 2 个诈骗警示信号")
    expect(result).to_contain_text("96110")
    expect(result).to_contain_text("验证码和密码能直接动你的钱")
    form.locator('input[name="already"]').check()
    expect(result.locator(".calc-notice--danger").first).to_contain_text("110")
    check_print_view(page, form)


def test_log_rows_csv_and_print(page, site):
    form = open_tool(page, site, "log", "log")
    rows = form.locator("[data-row]")
    first = rows.nth(0)
    first.locator('input[name="date"]').fill("2026-05-03")
    first.locator('input[name="time"]').fill("10:05")
    first.locator('select[name="channel"]').select_option("app")
    first.locator('input[name="who"]').fill("工号 A1029")
    first.locator('textarea[name="said"]').fill("受理了申请，三个工作日内回复")
    form.locator("[data-add-row]").click()
    second = rows.nth(1)
    second.locator('input[name="date"]').fill("2026-05-01")
    second.locator('input[name="who"]').fill("=HYPERLINK(\"x\")")
    second.locator('input[name="evidence"]').fill("录音 0501.m4a")
    table_rows = form.locator(f"{RESULT} table tbody tr")
    expect(table_rows).to_have_count(2)
    expect(table_rows.nth(0)).to_contain_text("2026-05-01")
    expect(table_rows.nth(1)).to_contain_text("官方 App 或在线客服")
    raw = download_text(page, form, ".csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert lines[0][:3] == ["日期", "时间", "方式"]
    assert lines[1] == ["2026-05-01", "", "电话", "'=HYPERLINK(\"x\")", "", "录音 0501.m4a"]
    assert lines[2] == ["2026-05-03", "10:05", "官方 App 或在线客服", "工号 A1029", "受理了申请，三个工作日内回复", ""]
    check_print_view(page, form)


def test_log_row_errors_are_inline(page, site):
    form = open_tool(page, site, "log", "log")
    form.locator('[data-row] input[name="who"]').first.fill("李某")
    form.locator("button[type=submit]").click()
    expect(form.locator('[data-error-for="entries.0.date"]')).to_contain_text("请填写第 1 条记录的日期")


def test_pack_brings_everything_together(page, site):
    form = open_tool(page, site, "pack", "pack")
    fill = {"income": "5000", "expenses": "2000", "name": "王小明", "lender": "某某平台", "owed": "30000", "monthly": "2700", "months": "12", "total": "30000", "start": "2026-06-15"}
    for name, value in fill.items():
        form.locator(f'input[name="{name}"]').fill(value)
    form.locator('input[name="reasons"][value="illness"]').check()
    result = form.locator(RESULT)
    expect(result).to_contain_text("一、我的收支情况")
    expect(result).to_contain_text("2,700.00 元")
    expect(result.locator("table tbody tr")).to_have_count(12)
    expect(result).to_contain_text("医院的诊断证明")
    expect(result.locator(".calc-document")).to_contain_text("我是借款人王小明")
    text = download_text(page, form, ".txt").decode("utf-8")
    assert "合计 30,000.00 元" in text and "医疗费用单据" in text
    check_print_view(page, form)
