"""我的情况 in Chromium at 390 and 320 px: a case is exported, then imported in a fresh browser
(with and without a passphrase, and with a wrong one); every hostile file is refused next to the
file control with nothing changed; importing over a case asks first and can be undone; 清除本机数据
removes the case and 撤销 brings it back; axe finds nothing on the page in its states."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal as D

import pytest
from conftest import check_watch, new_watched_context
from playwright.sync_api import expect
from reader import clear_site_data, follow_menu_link, stored_keys, wait_ready
from test_accessibility import WIDTHS, axe_at_widths
from tool_cases import CASES

from calculators.core import case as model

SHOTS = os.environ.get("CASE_SHOTS_DIR")  # set it to keep 390 px screenshots of the page (and of start/) for a note
PAGE = "case/"
CASE_FORM = 'form[data-calculator="case"]'

pytestmark = pytest.mark.browser


def seed_case() -> model.Case:
    """The seed's situation: income 5000, expenses 2000; three lenders of 10,000, 20,000 and 30,000."""
    return model.Case(
        reader=model.Reader("王小明"),
        income=D("5000.00"),
        expenses=D("2000.00"),
        lenders=(
            model.Lender("借呗", "small_loan", owed=model.Owed(D("10000.00")), plan=model.Plan(D("500.00"), 20)),
            model.Lender("微粒贷", "bank", owed=model.Owed(D("20000.00")), plan=model.Plan(D("1000.00"), 20)),
            model.Lender("某某消费金融", "consumer_finance", owed=model.Owed(D("30000.00")), plan=model.Plan(D("2000.00"), 15)),
        ),
        papers=(model.Paper("payment_order", dt.date.today() - dt.timedelta(days=3)),),
        log=(model.LogRow(dt.date.today() - dt.timedelta(days=1), "09:40", "phone", "工号 A1029", "答应三天内回复"),),
    )


# The elements that stick out of the phone's width (the page would scroll sideways).
WIDE = """width => [...document.querySelectorAll("body *")]
  .filter((node) => node.getBoundingClientRect().right > width + 0.5 && node.getClientRects().length)
  .filter((node) => !node.closest(".md-sidebar, .md-search, .md-nav, [hidden], thead"))
  .map((node) => `${node.tagName.toLowerCase()}.${node.className}: ${Math.round(node.getBoundingClientRect().right)}`)
  .slice(0, 8)"""


def write(tmp_path, name: str, content) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def open_case_page(page, site):
    follow_menu_link(page, site.page_url(PAGE))
    wait_ready(page, CASE_FORM)


def summary(page):
    return page.locator(f"{CASE_FORM} [data-calc-result]")


def held(page) -> str:
    """The case this visit holds, as the page gives it to Python."""
    return page.locator("input[data-case-text]").input_value()


def import_file(page, path: str):
    page.locator("[data-case-file]").set_input_files(path)


def status(page):
    return page.locator("[data-case-import-status]")


def start_with_seed(page, site, tmp_path):
    open_case_page(page, site)
    clear_site_data(page)
    import_file(page, write(tmp_path, "seed.json", model.to_json(seed_case())))
    expect(status(page)).to_contain_text("已导入")
    expect(summary(page)).to_contain_text("某某消费金融")


@pytest.mark.parametrize(("width", "passphrase"), [(390, ""), (390, "月亮 street 42"), (320, "月亮 street 42")], ids=["390px-plain", "390px-passphrase", "320px-passphrase"])
def test_export_then_import_in_a_fresh_browser(browser, site, watch, request, tmp_path, width, passphrase):
    first = new_watched_context(browser, watch, viewport={"width": width, "height": 800})
    page = first.new_page()
    page.goto(site.page_url(PAGE))
    wait_ready(page, CASE_FORM)
    import_file(page, write(tmp_path, "seed.json", json.dumps(model.to_data(seed_case()))))  # one line, ASCII: written afresh
    expect(summary(page)).to_contain_text("3,500.00 元")  # three plans a month, against 3,000.00 元 the reader can spare
    expect(summary(page)).to_contain_text("超过了每月能拿出来的钱")
    wide = page.evaluate(WIDE, width)
    assert wide == [], f"wider than a {width} px phone: {wide}"
    page.locator("[data-case-passphrase]").fill(passphrase)
    page.locator("[data-case-passphrase-again]").fill(passphrase)
    with page.expect_download() as caught:
        page.locator("[data-case-export]").click()
    exported = caught.value.path().read_text(encoding="utf-8")
    assert caught.value.suggested_filename.startswith("我的情况-") and caught.value.suggested_filename.endswith(".json")
    expect(page.locator("[data-case-export-status]")).to_contain_text("加了密码" if passphrase else "没有加密")
    if SHOTS and width == 390 and passphrase:
        page.screenshot(path=f"{SHOTS}/case-390.png", full_page=True)
    first.close()
    data = json.loads(exported)
    if passphrase:
        assert data["format"] == "xieshang-case-locked" and data["iterations"] == 600_000 and "借呗" not in exported
    else:
        assert model.from_json(exported) == seed_case()

    second = new_watched_context(browser, watch, viewport={"width": width, "height": 800})
    page = second.new_page()
    page.goto(site.page_url(PAGE))
    wait_ready(page, CASE_FORM)
    expect(summary(page)).to_contain_text("还没有“我的情况”")
    import_file(page, write(tmp_path, "carried.json", exported))
    if passphrase:
        expect(status(page)).to_contain_text("加了密码")
        page.locator("[data-case-unlock-passphrase]").fill("wrong one")
        page.locator("[data-case-unlock]").click()
        expect(page.locator("[data-case-unlock-status]")).to_contain_text("密码不对")
        assert held(page) == "" and stored_keys(page) == []
        expect(summary(page)).to_contain_text("还没有“我的情况”")
        page.locator("[data-case-unlock-passphrase]").fill(passphrase)
        page.locator("[data-case-unlock]").click()
    expect(status(page)).to_contain_text("已导入")
    expect(summary(page)).to_contain_text("某某消费金融")
    assert model.from_json(held(page)) == seed_case()
    assert stored_keys(page) == []  # not kept on this device without 在本机保存
    second.close()
    check_watch(watch, request)


HOSTILE = {
    "proto.json": '{"format": "xieshang-case", "version": 1, "__proto__": {"polluted": true}}',
    "constructor.json": '{"format": "xieshang-case", "version": 1, "reader": {"constructor": {"prototype": {"x": 1}}}}',
    "html.json": '{"format": "xieshang-case", "version": 1, "reader": {"name": "<img src=x onerror=alert(1)>"}}',
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "number-as-string.json": '{"format": "xieshang-case", "version": 1, "lenders": [{"name": "甲", "plan": {"monthly": "5.00", "months": "12"}}]}',
    "string-as-number.json": '{"format": "xieshang-case", "version": 1, "income": 5000}',
    "padding.json": '{"format": "xieshang-case", "version": 1' + " " * 10_000_000 + "}",
    "truncated.json": model.to_json(seed_case())[:200],
    "foreign.json": '{"name": "借呗", "amount": 10000}',
    "newer.json": '{"format": "xieshang-case", "version": 99}',
    "not-utf8.json": b"\xff\xfe\x00{",
    "locked-heavy.json": json.dumps({"format": "xieshang-case-locked", "version": 1, "kdf": "PBKDF2-SHA256", "cipher": "AES-GCM",
                                     "iterations": 10**9, "salt": "A" * 22 + "==", "iv": "B" * 16, "data": "QUJD"}),
}


def test_every_hostile_file_is_refused_with_nothing_changed(warm_page, site, tmp_path):
    page = warm_page
    start_with_seed(page, site, tmp_path)
    page.locator("[data-save-toggle]").check()  # kept on the device too: that must not change either
    before = (held(page), summary(page).inner_html(), page.evaluate("JSON.stringify(Object.entries(localStorage).sort())"))
    assert "xsh:case" in stored_keys(page)
    for name, content in HOSTILE.items():
        import_file(page, write(tmp_path, name, content))
        expect(status(page)).to_contain_text("没有导入", timeout=60_000)
        assert status(page).get_attribute("data-level") == "error", name
        after = (held(page), summary(page).inner_html(), page.evaluate("JSON.stringify(Object.entries(localStorage).sort())"))
        assert after == before, name
        assert page.evaluate("({}).polluted === undefined && ({}).x === undefined"), name
        assert page.locator("img[src=x]").count() == 0, name
        page.evaluate("document.querySelector('[data-case-import-status]').textContent = ''")


def test_the_case_prints_on_one_or_two_a4_sheets_without_its_controls(warm_page, site, tmp_path):
    import pypdfium2

    page = warm_page
    open_case_page(page, site)
    clear_site_data(page)
    rows = tuple(model.LogRow(dt.date.today() - dt.timedelta(days=n), "10:00", "phone", "客服", "说了很多话" * 40) for n in range(30))
    lenders = tuple(model.Lender(f"平台{n}", owed=model.Owed(D("10000.00")), plan=model.Plan(D("100.00"), 12)) for n in range(12))
    import_file(page, write(tmp_path, "busy.json", model.to_json(model.Case(income=D("5000.00"), expenses=D("2000.00"), lenders=lenders, log=rows))))
    expect(summary(page)).to_contain_text("平台11")
    page.emulate_media(media="print")
    pdf = pypdfium2.PdfDocument(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))
    text = "".join(sheet.get_textpage().get_text_bounded() for sheet in pdf)
    assert 1 <= len(pdf) <= 2, [sheet.get_textpage().get_text_bounded()[:400] for sheet in pdf]
    assert "平台11" in text and "12356" in text
    assert "导出到一个文件" not in text and "选择文件" not in text


def test_import_over_a_case_asks_first_and_can_be_undone(warm_page, site, tmp_path):
    page = warm_page
    start_with_seed(page, site, tmp_path)
    seed = held(page)
    other = write(tmp_path, "other.json", model.to_json(model.Case(lenders=(model.Lender("另一家"),))))
    import_file(page, other)
    expect(page.locator("[data-case-keep]")).to_be_focused()
    page.locator("[data-case-keep]").click()
    expect(status(page)).to_contain_text("保留了现在的内容")
    assert held(page) == seed
    import_file(page, other)
    page.locator("[data-case-replace]").click()
    expect(summary(page)).to_contain_text("另一家")
    expect(summary(page)).not_to_contain_text("某某消费金融")
    page.locator("[data-case-undo]").click()
    expect(status(page)).to_contain_text("已撤销导入")
    expect(summary(page)).to_contain_text("某某消费金融")
    assert held(page) == seed


def test_clear_then_undo_brings_the_case_back(warm_page, site, tmp_path):
    page = warm_page
    start_with_seed(page, site, tmp_path)
    page.locator("[data-save-toggle]").check()
    seed = held(page)
    assert page.evaluate("JSON.parse(localStorage.getItem('xsh:case'))") == seed
    page.locator("[data-clear-local]").click()
    expect(page.locator("[data-clear-panel]")).to_contain_text("确定要清除吗")
    page.locator("[data-clear-confirm]").click()
    expect(summary(page)).to_contain_text("还没有“我的情况”")
    assert held(page) == "" and stored_keys(page) == []
    expect(page.locator("[data-save-toggle]")).not_to_be_checked()
    page.locator("[data-clear-undo]").click()
    expect(summary(page)).to_contain_text("某某消费金融")
    assert held(page) == seed and "xsh:case" in stored_keys(page)
    expect(page.locator("[data-save-toggle]")).to_be_checked()
    page.reload()  # kept on the device: it comes back in a new visit
    wait_ready(page, CASE_FORM)
    expect(summary(page)).to_contain_text("某某消费金融")


def test_a_case_held_only_in_memory_is_cleared_too(warm_page, site, tmp_path):
    page = warm_page
    start_with_seed(page, site, tmp_path)
    assert stored_keys(page) == []
    page.locator("[data-clear-local]").click()
    expect(page.locator("[data-clear-panel]")).to_contain_text("“我的情况”")
    page.locator("[data-clear-confirm]").click()
    expect(summary(page)).to_contain_text("还没有“我的情况”")
    page.locator("[data-clear-undo]").click()
    expect(summary(page)).to_contain_text("某某消费金融")


def test_without_webcrypto_the_page_says_so_and_offers_the_plain_file(browser, site, watch, request, tmp_path):
    context = new_watched_context(browser, watch)
    context.add_init_script("Object.defineProperty(Crypto.prototype, 'subtle', { get() { return undefined; } })")
    page = context.new_page()
    page.goto(site.page_url(PAGE))
    wait_ready(page, CASE_FORM)
    expect(page.locator("[data-case-no-lock]")).to_contain_text("不是用 https 打开的")
    expect(page.locator("[data-case-passphrase]")).to_be_disabled()
    import_file(page, write(tmp_path, "seed.json", model.to_json(seed_case())))
    expect(summary(page)).to_contain_text("某某消费金融")
    with page.expect_download() as caught:
        page.locator("[data-case-export]").click()
    assert model.from_json(caught.value.path().read_text(encoding="utf-8")) == seed_case()
    expect(page.locator("[data-case-export-status]")).to_contain_text("没有加密")
    context.close()
    check_watch(watch, request)


def test_axe_finds_nothing_on_the_case_page(warm_page, site, tmp_path):
    """In each state (empty, with a case, asking before replacing it, a file refused) at 320, 390
    and 1280 px: the module's window, resized to each width in each state (axe_at_widths)."""
    page = warm_page
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    open_case_page(page, site)
    clear_site_data(page)  # what earlier tests left: the empty state as a first visit shows it
    expect(summary(page)).to_contain_text("还没有“我的情况”")
    found = {}
    axe_at_widths(page, "empty", found)
    import_file(page, write(tmp_path, "seed.json", model.to_json(seed_case())))
    expect(summary(page)).to_contain_text("某某消费金融")
    axe_at_widths(page, "with a case", found)
    import_file(page, write(tmp_path, "other.json", model.to_json(model.Case())))
    expect(page.locator("[data-case-keep]")).to_be_visible()
    axe_at_widths(page, "asking", found)
    page.locator("[data-case-keep]").click()
    import_file(page, write(tmp_path, "bad.json", "{"))
    expect(status(page)).to_contain_text("没有导入")
    axe_at_widths(page, "refused", found)
    if SHOTS:
        page.set_viewport_size({"width": 390, "height": 900})
        page.screenshot(path=f"{SHOTS}/case-390-refused.png", full_page=True)
    assert found == {}


# Form controls a thumb cannot use or an eye cannot find: a field shorter than 44 px or without a
# border (the passphrase fields had neither), a file control shorter than 44 px.
SMALL_CONTROLS = """() => [...document.querySelectorAll(".calc input:not([type=checkbox]):not([type=radio]):not([type=hidden]), .calc select, .calc textarea")]
  .filter((node) => node.getClientRects().length && !node.closest("[hidden]"))
  .filter((node) => { const box = node.getBoundingClientRect(), style = getComputedStyle(node);
    return box.height < 44 || (node.type !== "file" && (style.borderTopStyle === "none" || parseFloat(style.borderTopWidth) === 0)); })
  .map((node) => `${node.tagName.toLowerCase()}[${node.type || ""}] ${node.name || node.id}: ${Math.round(node.getBoundingClientRect().height)} px`)"""

# On a phone each result row is a card of label-value lines: a line with a label and no value
# (the 合计 card's 类型, 逾期开始) says nothing.
LABELS_WITHOUT_VALUES = """() => [...document.querySelectorAll("[data-calc-result] td")]
  .filter((cell) => cell.getClientRects().length && !cell.textContent.trim())
  .map((cell) => cell.dataset.label)"""


def shoot(page, name: str) -> None:
    """A full-page screenshot in CASE_SHOTS_DIR (only when it is set)."""
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")  # the fixed header at the top, where a phone shows it
        # Rows off screen are skipped (content-visibility: auto) and a full-page shot would show them
        # empty; a reader scrolling sees them drawn.
        page.evaluate("for (const row of document.querySelectorAll('.calc-table tbody > tr')) row.style.contentVisibility = 'visible'")
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_the_start_its_route_and_the_summary_fit_a_phone(warm_page, site, tmp_path):
    """At 390 px: the guided start's questions, its route once answered (tool_cases' start/ case),
    and the summary of the seed's three lenders; none of them is wider than the phone, every field
    is a 44 px target with a border, and no card shows a label without its value."""
    page = warm_page
    assert page.viewport_size["width"] == 390
    follow_menu_link(page, site.page_url("start/"))
    wait_ready(page)
    clear_site_data(page)
    assert page.evaluate(WIDE, 390) == [], "start/ before any answer"
    assert page.evaluate(SMALL_CONTROLS) == [], "start/"
    shoot(page, "start-390")
    start = CASES["start/"]
    for key, value in start.fill.items():
        page.locator(f'form[data-calculator="start"] [name="{key}"]').fill(value)
    for key in start.tick:
        name, value = key.split("=")
        page.locator(f'form[data-calculator="start"] [name="{name}"][value="{value}"]').check()
    route = page.locator('form[data-calculator="start"] [data-calc-result]')
    for text in start.expect:
        expect(route).to_contain_text(text)
    assert page.evaluate(WIDE, 390) == [], "start/ with its route"
    shoot(page, "start-route-390")
    start_with_seed(page, site, tmp_path)
    expect(summary(page)).to_contain_text("3,500.00 元")
    assert page.evaluate(WIDE, 390) == [], "case/ with three lenders"
    assert page.evaluate(SMALL_CONTROLS) == [], "case/"
    assert page.evaluate(LABELS_WITHOUT_VALUES) == [], "case/ with three lenders"
    shoot(page, "case-summary-390")
