"""Printing a tool's result (issue 14), checked on paper: Chromium's PDF of the page, read back
and rendered to images with pdfium (pypdfium2).

- A document tool (the letter) prints the document alone: one title, no guidance, no notes.
- A plan prints its summary and its table, without the paper-and-pen steps or the form.

PHONE_SCREENSHOTS=<folder> also keeps every printed page as <tool>-print-<n>.png there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import expect
from reader import open_tool

pytestmark = pytest.mark.browser

RESULT = "[data-calc-result]"


def printed(page, tool: str) -> list[str]:
    """The page as Chromium prints it on A4: the text of each sheet, after checking each has ink."""
    pdf = pypdfium2.PdfDocument(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))
    texts = []
    folder = os.environ.get("PHONE_SCREENSHOTS", "")
    for number, sheet in enumerate(pdf, start=1):
        texts.append(sheet.get_textpage().get_text_bounded())
        image = sheet.render(scale=1.5).to_pil().convert("L")
        left, top, right, bottom = image.point(lambda value: 255 if value < 200 else 0).getbbox() or (0, 0, 0, 0)
        assert bottom - top > 20, f"{tool}: sheet {number} is blank"
        assert left > 0.05 * image.width and right < 0.95 * image.width, f"{tool}: sheet {number} prints into the margin"
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            image.save(Path(folder) / f"{tool}-print-{number}.png")
    return texts


def fill_tool(page, site, path, fields, ticks=()):
    """Opens the tool at `path` (reader.open_tool) and fills it in."""
    form = open_tool(page, site, path)
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    for selector in ticks:
        form.locator(selector).check()
    return form


def test_the_letter_prints_alone_with_one_title(warm_tool_page, site):
    page = warm_tool_page
    form = fill_tool(
        page,
        site,
        "tools/letter/",
        {"name": "王小明", "lender": "某某消费金融有限公司", "owed": "3万", "overdue_since": "2026-03-05", "monthly": "3000", "months": "10", "phone": "13800000000"},
        ['input[name="reasons"][value="pay_cut"]', 'input[name="reasons"][value="illness"]'],
    )
    expect(form.locator(f"{RESULT} .calc-document")).to_contain_text("我是借款人王小明")
    expect(form.locator(f"{RESULT} .calc-notice")).to_contain_text("发出之前")  # on screen, not on paper
    sheets = printed(page, "letter")
    text = "".join(sheets)
    assert len(sheets) == 1, f"the letter took {len(sheets)} A4 sheets"
    assert text.count("协商还款申请书") == 1  # one title
    assert text.lstrip().startswith("协商还款申请书")
    assert "某某消费金融有限公司：" in text and "申请人：王小明" in text and "13800000000" in text
    for guidance in ("申请书会包含", "发出之前", "怎样把申请书交给对方", "在本机保存", "打印或存为 PDF", "复制全文", "你的姓名"):
        assert guidance not in text, f"{guidance!r} is printed with the letter"


def test_the_plan_prints_its_summary_and_table(warm_tool_page, site):
    page = warm_tool_page
    form = fill_tool(
        page,
        site,
        "tools/plan/",
        {"total": "30000", "monthly": "3000", "start": "2026-01-31", "capacity": "2700"},
    )
    expect(form.locator(f"{RESULT} table tbody tr")).to_have_count(10)
    expect(form.locator(f"{RESULT} .calc-notice--danger")).to_be_visible()  # a warning for the reader only
    sheets = printed(page, "plan")
    text = "".join(sheets)
    assert len(sheets) == 1, f"a 10-month plan took {len(sheets)} A4 sheets"
    assert text.count("还款计划") >= 1 and text.count("还款计划表") == 1 and text.count("你的还款计划") == 1
    for line in ("欠款总额", "每月还款额", "2026-02-28", "2026-10-31", "30,000.00 元", "合计"):
        assert line in text
    for guidance in ("自己用纸笔也能算", "算出要还的总数", "超过了你每月能拿出的", "在本机保存", "欠款总额（元）", "下载还款计划"):
        assert guidance not in text, f"{guidance!r} is printed with the plan"


def test_a_long_plan_takes_only_the_sheets_it_needs(warm_tool_page, site):
    page = warm_tool_page
    form = fill_tool(page, site, "tools/plan/", {"total": "36000", "monthly": "1000", "start": "2026-01-15"})
    expect(form.locator(f"{RESULT} table tbody tr")).to_have_count(36)
    sheets = printed(page, "plan-36")
    assert 1 < len(sheets) <= 2, f"a 36-month plan took {len(sheets)} A4 sheets"
    assert "".join(sheets).count("你的还款计划") == 1


@pytest.mark.allow_console_errors
def test_a_page_without_a_result_prints_its_guidance(page, site):
    # A fresh window of its own: Python must never start, and nothing of it may be cached yet.
    page.route("**/*.wasm", lambda route: route.abort())  # Python never starts
    page.goto(site.page_url("tools/plan/"))
    expect(page.locator("form[data-calculator]")).to_have_attribute("data-calc-state", "failed", timeout=60_000)
    text = "".join(printed(page, "plan-no-python"))
    assert "自己用纸笔也能算" in text and "算出要还的总数" in text
    assert "计算器没能启动" not in text and "在本机保存" not in text
