"""Phone first (issue 14): every tool on a small touch screen, filled the way a reader types.

Two phones, 390×844 and 320×640, with touch and zh-CN. Each tool is filled with its realistic
case from tool_cases.py, the table the three engines' smoke tests share: text is typed with
`keyboard.insert_text`, which is how an input method, voice input or handwriting commits text
(no key events at all); dates and times are picked, options selected, boxes tapped, and a row
the case needs is added with the group's add button. The mistake before a refused 计算 is the
case's bad amount (`refuse`), or its `mistake` entries alone.

A tool page without a case in tool_cases.py fails `test_every_tool_page_has_a_phone_case` with
its path.

PHONE_SCREENSHOTS=<folder> keeps a few screenshots of every tool on each phone in that folder
(loading, errors, result), named <tool>-<phone>-<what>.png.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from reader import clear_after_test, follow_menu_link, open_tool, stored_keys
from tool_cases import CASES, ROW_KEY

pytestmark = pytest.mark.browser

PHONES = {"390x844": {"width": 390, "height": 844}, "320x640": {"width": 320, "height": 640}}
RESULT = "[data-calc-result]"
RUNTIME = "[data-calc-runtime]"
PICKED = {"date", "time", "month"}  # a phone shows a picker for these: their value is set, not typed
MISTAKES = {tool: case.mistake_entries() for tool, case in CASES.items()}

SCREENSHOTS = os.environ.get("PHONE_SCREENSHOTS", "")


def screenshot(page, tool: str, phone: str, what: str) -> None:
    """Keep a screenshot when PHONE_SCREENSHOTS names a folder (a test artifact, never committed)."""
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    name = tool.strip("/").split("/")[-1]
    page.screenshot(path=str(folder / f"{name}-{phone}-{what}.png"))


def phone_window(browser, site, name: str):
    """A new window of the phone `name` (touch, zh-CN): yields (page, problems); fails on closing
    if any request left the local server."""
    foreign, errors = [], []

    def on_request(request):
        if request.url.startswith(("http:", "https:")) and not request.url.startswith(site.origin + "/"):
            foreign.append(request.url)

    context = browser.new_context(
        viewport=PHONES[name],
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="zh-CN",
        service_workers="block",  # so a test can hold Python back (routes do not see a service worker's answers)
    )
    context.on("request", on_request)
    context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    context.on("weberror", lambda error: errors.append(f"page error: {error.error}"))
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page, errors
    context.close()
    assert not foreign, f"requests left the local server: {foreign}"


@pytest.fixture(scope="module", params=list(PHONES))
def phone(request, browser, site):
    """A phone kept for the module, so its HTTP cache stays warm: (name, page, problems)."""
    for page, errors in phone_window(browser, site, request.param):
        yield request.param, page, errors


# The page gives up on a download that sends no byte for 45 s (runtime.mjs, STALL_MS); a held
# window is opened afresh once it has waited this long, so no test comes near that.
HELD_AFRESH_AFTER_S = 15


@dataclass
class HeldWindow:
    name: str
    page: object
    errors: list
    opened: float = 0.0  # time.monotonic() when its Python was last held back afresh


@pytest.fixture(scope="module")
def held_phone(phone, browser, site):
    """The same phone in a second window of its own, where Python never arrives (its wasm is never
    answered). Each test opens its tool from the menu, so a tool is seen in its loading state
    without a reload, as a reader on a slow link who moves to another tool before Python is ready
    sees it. A window of its own has nothing of the runtime in Cache Storage (the worker would
    read it there without a request a route could hold), and the phone's own window keeps its
    warm Python."""
    for page, errors in phone_window(browser, site, phone[0]):
        page.route("**/*.wasm", lambda route: None)
        yield HeldWindow(phone[0], page, errors)


@pytest.fixture
def held_phone_page(held_phone, site):
    """The held window's page (a new page load when it has waited long: see HELD_AFRESH_AFTER_S),
    checked for console errors after each test."""
    held = held_phone
    if time.monotonic() - held.opened > HELD_AFRESH_AFTER_S:
        held.page.goto(site.page_url(""))  # a new document: its tool page starts a new, held worker
        held.opened = time.monotonic()
    held.errors.clear()
    yield held.name, held.page
    assert not held.errors, f"console errors: {held.errors}"


@pytest.fixture
def phone_page(phone):
    """The phone's page, checked for console errors after each test. Tools are opened from the
    menu, so Python stays warm; after each test the reader clears what the site keeps (storage,
    and results other tools would prefill from)."""
    name, page, errors = phone
    errors.clear()
    yield name, page
    page.unroute_all(behavior="ignoreErrors")
    clear_after_test(page)
    assert not errors, f"console errors: {errors}"


# A field's kind ("select" or its type), whether it is ticked, and whether it holds text: one round trip.
FIELD_STATE = "field => [field.tagName === 'SELECT' ? 'select' : field.type, field.checked, field.value !== '']"


def enter(page, form, key: str, text: str | None, touch: bool = True) -> str:
    """Enters one entry of a tool_cases.ToolCase as a reader does on a touch screen (or with a
    mouse): `key` is a field (`name`, `name=value` or `group.index.name`), `text` None ticks it.
    Returns what was done: "type", "pick", "select" or "tap"."""
    press = (lambda target: target.tap()) if touch else (lambda target: target.click())
    row = ROW_KEY.fullmatch(key)
    if row:
        group = form.locator(f'[data-repeat="{row[1]}"]')
        rows = group.locator("[data-row]")
        while (count := rows.count()) <= int(row[2]):
            press(group.locator(":scope > [data-add-row]"))
            expect(rows).to_have_count(count + 1)
        target = rows.nth(int(row[2])).locator(f'[name="{row[3]}"]')
    else:
        name, _, value = key.partition("=")
        target = form.locator(f'[name="{name}"][value="{value}"]' if value else f'[name="{name}"]').first
    kind, checked, holds_text = target.evaluate(FIELD_STATE)
    if text is None:
        if not checked:
            press(target)
        expect(target).to_be_checked()
        return "tap"
    if kind == "select" or kind in PICKED:
        target.scroll_into_view_if_needed()  # where the reader taps to open the picker
        target.select_option(text) if kind == "select" else target.fill(text)
        return "select" if kind == "select" else "pick"
    press(target)
    if holds_text:
        target.fill("")  # a prefilled value is cleared first, as a reader would
    page.keyboard.insert_text(text)
    return "type"


# ---- what is checked on the screen ----

HIDDEN_CELLS = """root => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  for (const table of root.querySelectorAll("table")) {
    const box = table.closest(".calc-table") || table;
    if (box.scrollWidth > box.clientWidth + 1) problems.push(`${table.caption?.textContent}: scrolls sideways`);
    for (const cell of table.querySelectorAll("tbody td, tfoot td, tfoot th")) {
      if (!cell.textContent.trim()) continue;
      const rect = cell.getBoundingClientRect();
      const style = getComputedStyle(cell);
      if (style.display === "none" || style.visibility === "hidden" || rect.width < 1 || rect.height < 1) {
        problems.push(`hidden: ${cell.textContent}`);
      } else if (rect.left < -0.5 || rect.right > width + 0.5) {
        problems.push(`off screen: ${cell.textContent} (${Math.round(rect.left)}..${Math.round(rect.right)})`);
      }
      const label = cell.dataset.label;
      const thead = table.querySelector("thead").getBoundingClientRect();
      const headerShown = thead.height > 2 && thead.width > 2;
      if (label && !headerShown && !getComputedStyle(cell, "::before").content.includes(label)) {
        problems.push(`no label beside: ${cell.textContent}`);
      }
    }
    for (const cell of table.querySelectorAll(".date")) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push(`date breaks: ${cell.textContent}`);
    }
  }
  return problems;
}"""

# A phone's layout viewport grows to fit a page that is too wide (window.innerWidth with it), so the
# page is measured against the phone's own width.
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, document.body.scrollWidth]"

SHRUNK_BOXES = """form => [...form.querySelectorAll('input[type=checkbox], input[type=radio]')]
  .filter((box) => box.offsetParent)
  .map((box) => [box.name + '=' + box.value, box.getBoundingClientRect()])
  .filter(([, r]) => r.width < 18 || Math.abs(r.width - r.height) > 1)
  .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""

IN_VIEW = """el => {
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, 20) / 2);
  return r.height > 0 && r.top >= header - 1 && r.bottom <= window.innerHeight + 1 && !!hit && el.contains(hit);
}"""

FOCUS_UNCOVERED = """(bar, whole) => {
  const field = document.activeElement;
  const f = field.getBoundingClientRect();
  const b = bar.hidden ? {bottom: 0} : bar.getBoundingClientRect();
  const top = Math.max(b.bottom, document.querySelector('.md-header').getBoundingClientRect().bottom);
  const shown = Math.min(f.bottom, window.innerHeight) - Math.max(f.top, top);
  return whole ? f.top >= top - 1 : shown >= Math.min(f.height, 24); // whole: nothing of it under the bar
}"""

# Scrolling has settled once scrollY stays the same over two animation frames in a row. The site
# has no smooth scrolling: a focus, a link or scrollIntoView moves the page at once, and a smooth
# (wheel) scroll moves it in every frame until it ends.
SETTLE = """() => new Promise((done) => {
  let last = scrollY, still = 0;
  const frame = () => {
    if (scrollY !== last) [last, still] = [scrollY, 0];
    else if (++still === 2) return done();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})"""

# After an entry: the form's state, whether the bar is in view, and (after typing) whether the
# bar leaves enough of the focused field in sight.
AFTER_ENTRY = f"""(bar, typed) => ({{
  state: bar.closest("form").getAttribute("data-calc-state"),
  inView: ({IN_VIEW})(bar),
  uncovered: typed ? ({FOCUS_UNCOVERED})(bar, false) : null,
}})"""

# After a Tab: once scrolling has settled, null when focus has left the bar's form, else the
# focused field (name or text, scrollY, box) and whether nothing of it is under the bar.
AFTER_TAB = f"""async (bar) => {{
  await ({SETTLE})();
  const field = document.activeElement;
  if (!bar.closest("form").contains(field)) return null;
  const what = [field.name || field.textContent, scrollY, JSON.stringify(field.getBoundingClientRect())];
  return {{what, uncovered: ({FOCUS_UNCOVERED})(bar, true)}};
}}"""


# ---- the tests ----


def test_every_tool_page_has_a_phone_case(site):
    pages = set(site.tool_pages())
    assert pages, "the built site has no tool pages"
    missing = sorted(pages - set(CASES))
    assert not missing, f"tool pages without a case in tests/browser/tool_cases.py: {missing}"
    # A tool with anything to type can be got wrong: its case says how (refuse or mistake).
    no_mistake = sorted(tool for tool, case in CASES.items() if case.fill and MISTAKES[tool] is None)
    assert not no_mistake, f"cases in tool_cases.py with fields to type but no refuse or mistake: {no_mistake}"


@pytest.mark.parametrize("tool", list(CASES))
def test_a_reader_fills_the_tool_on_a_phone(phone_page, site, tool):
    name, page = phone_page
    form = open_tool(page, site, tool)  # from the menu: Python stays warm from one tool to the next
    expect(form.locator(RUNTIME)).to_be_hidden()  # taken away once Python is ready
    for key, text in CASES[tool].entries():
        enter(page, form, key, text)
    result = form.locator(RESULT)
    for text in CASES[tool].expect:
        expect(result).to_contain_text(text)
    result.scroll_into_view_if_needed()
    assert result.evaluate(HIDDEN_CELLS) == []
    document_width, body_width = page.evaluate(PAGE_WIDTH)
    width = PHONES[name]["width"]
    assert document_width <= width and body_width <= width, f"the page scrolls sideways: {document_width} px on a {width} px phone"
    assert form.evaluate(SHRUNK_BOXES) == []
    result.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.evaluate(SETTLE)
    screenshot(page, tool, name, "result")


@pytest.mark.parametrize("tool", list(CASES))
def test_the_loading_state_stays_in_view_while_the_reader_types(held_phone_page, site, tool):
    name, page = held_phone_page
    # Python never arrives in this window (held_phone): the state stays "loading".
    form = open_tool(page, site, tool, ready=False)
    bar = form.locator(RUNTIME)
    expect(bar).to_contain_text("正在准备计算器")
    line = bar.locator('[role="status"]')
    assert line.count() == 1 and "%" not in line.inner_text()  # spoken per stage, not per percent
    for index, (key, text) in enumerate(CASES[tool].entries()):
        done = enter(page, form, key, text)
        seen = bar.evaluate(AFTER_ENTRY, done == "type")  # one round trip for the three checks
        assert seen["state"] == "loading"
        assert seen["inView"], f"loading state out of view after entering {key}"
        if done == "type":
            assert seen["uncovered"], f"the loading state hides the field {key}"
        if index == 0:
            screenshot(page, tool, name, "loading")
    expect(form.locator("[data-calc-status]")).not_to_contain_text("已就绪")
    # Moving through the form with a keyboard, no field ends up under the bar (WCAG 2.4.11).
    form.locator("input, select, textarea").first.focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        step = bar.evaluate(AFTER_TAB)  # one round trip per Tab: settle, then look
        if step is None:  # focus has left the form
            break
        assert step["uncovered"], f"the loading state covers {step['what']!r} reached with Tab"


@pytest.mark.parametrize("tool", [tool for tool, entries in MISTAKES.items() if entries is not None])
def test_a_failed_submit_moves_focus_to_the_first_problem(phone_page, site, tool):
    name, page = phone_page
    form = open_tool(page, site, tool)
    for key, text in MISTAKES[tool]:
        enter(page, form, key, text)
    form.locator("[type=submit]").tap()
    summary = form.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    first = form.locator('[aria-invalid="true"]').first
    expect(first).to_be_focused()
    page.evaluate(SETTLE)
    assert first.evaluate(IN_VIEW), "the first field in error is not on screen"
    links = summary.locator("a")
    errors = form.locator(".calc-error:not([hidden])")
    assert links.count() == errors.count() >= 1
    assert links.first.inner_text().endswith(errors.first.inner_text())
    screenshot(page, tool, name, "errors")
    # A link in the summary brings its field back, wherever the reader has scrolled to.
    last = links.last
    target = last.get_attribute("href")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    summary.scroll_into_view_if_needed()
    last.tap()
    focused = page.locator(target)
    expect(focused).to_be_focused()
    page.evaluate(SETTLE)
    assert focused.evaluate(IN_VIEW)


def test_a_group_at_its_row_limits_says_why(page, site):
    # The real limits come with issue 10; this page is given one as every group will have it.
    def with_limit(route):
        response = route.fetch()
        body = response.text().replace('data-repeat="lenders"', 'data-repeat="lenders" data-max-rows="3"', 1)
        route.fulfill(response=response, body=body)

    page.route("**/tools/lenders/", with_limit)
    form = open_tool(page, site, "tools/lenders/")
    group = form.locator('[data-repeat="lenders"]')
    rows, add, note = group.locator("[data-row]"), group.locator("[data-add-row]"), group.locator("[data-repeat-note]")
    expect(rows).to_have_count(2)
    # At the minimum (2 rows) removing says why instead of doing nothing.
    remove = rows.first.locator("[data-remove-row]")
    expect(remove).to_have_attribute("aria-disabled", "true")
    remove.click(force=True)  # aria-disabled keeps it focusable and pressable, to say why
    expect(rows).to_have_count(2)
    expect(note).to_be_visible()
    expect(note).to_contain_text("至少要留 2 行")
    assert note.get_attribute("role") == "status"
    # Up to the maximum, then the add button stops and says why.
    add.click()
    expect(rows).to_have_count(3)
    expect(add).to_have_attribute("aria-disabled", "true")
    expect(note).to_contain_text("最多可以填 3 行")
    add.click(force=True)
    expect(rows).to_have_count(3)
    expect(note).to_be_visible()
    # Removing a row lifts the limit again.
    rows.nth(2).locator("[data-remove-row]").click()
    expect(rows).to_have_count(2)
    expect(add).to_have_attribute("aria-disabled", "false")
    expect(note).to_be_hidden()


def test_back_to_top_never_covers_the_form(warm_page, site):
    page = warm_page

    def scroll_then_back_up(path, where):
        follow_menu_link(page, site.page_url(path))
        page.evaluate(f"window.scrollTo(0, {where})")
        page.evaluate(SETTLE)
        down = page.evaluate("scrollY")
        assert down > 250, f"{path}: too short to scroll back up"
        page.mouse.wheel(0, -250)  # Material shows the button on an upward scroll
        page.wait_for_function("down => scrollY < down", arg=down)
        page.evaluate(SETTLE)
        return page.locator(".md-top")

    guide = scroll_then_back_up("guide/plan/", "document.body.scrollHeight * 0.6")
    expect(guide).to_be_visible()  # still there on guide pages
    form_middle = "document.querySelector('form.calc').getBoundingClientRect().top + scrollY + 600"
    tool = scroll_then_back_up("tools/budget/", form_middle)
    expect(tool).to_be_hidden()


def test_clearing_asks_first_never_marks_errors_and_can_be_undone(warm_page, site):
    page = warm_page
    form = open_tool(page, site, "tools/letter/")
    for key, text in CASES["tools/letter/"].entries():
        enter(page, form, key, text, touch=False)
    form.locator('input[name="months"]').fill("abc")
    form.locator("[type=submit]").click()  # errors shown after 计算
    expect(form.locator('[data-error-for="months"]')).to_be_visible()
    form.locator('input[name="months"]').fill("10")
    expect(form.locator(f"{RESULT} .calc-document")).to_contain_text("我是借款人王小明")
    page.get_by_role("button", name="清除本机数据").click()
    # One tap only asks.
    expect(page.get_by_role("group", name="确定要清除吗？")).to_be_visible()
    expect(form.locator('input[name="name"]')).to_have_value("王小明")
    expect(page.get_by_role("button", name="取消")).to_be_focused()
    page.get_by_role("button", name="取消").click()
    expect(page.get_by_role("button", name="确定清除")).to_have_count(0)
    expect(form.locator('input[name="name"]')).to_have_value("王小明")
    page.get_by_role("button", name="清除本机数据").click()
    page.get_by_role("button", name="确定清除").click()
    expect(page.locator("[data-clear-status]")).to_contain_text("已清除这一页填写的内容")
    expect(form.locator('input[name="name"]')).to_have_value("")
    expect(form.locator(f"{RESULT} .calc-document")).to_have_count(0)
    expect(form.locator("[data-calc-status]")).to_contain_text("还差")  # Python has answered for the empty form
    expect(form.locator(".calc-error:not([hidden])")).to_have_count(0)
    expect(form.locator("[aria-invalid]")).to_have_count(0)
    expect(form.locator("[data-error-summary]")).to_be_hidden()
    page.get_by_role("button", name="撤销").click()
    expect(page.locator("[data-clear-status]")).to_contain_text("已撤销")
    expect(form.locator('input[name="name"]')).to_have_value("王小明")
    expect(form.locator(f"{RESULT} .calc-document")).to_contain_text("我是借款人王小明")


def test_clearing_saved_data_can_be_undone_until_the_reader_leaves(warm_page, site):
    page = warm_page
    form = open_tool(page, site, "tools/budget/")
    page.get_by_label("在本机保存我填写的内容").check()
    form.locator('input[name="income"]').fill("5000")
    expect(form.locator(RESULT)).to_contain_text("5,000.00 元")
    before = stored_keys(page)
    assert "xsh:form:budget" in before
    page.get_by_role("button", name="清除本机数据").click()
    expect(page.get_by_role("group", name="确定要清除吗？")).to_contain_text("所有工具")
    assert stored_keys(page) == before  # nothing gone before the reader confirms
    page.get_by_role("button", name="确定清除").click()
    assert stored_keys(page) == []
    assert not page.get_by_label("在本机保存我填写的内容").is_checked()
    page.get_by_role("button", name="撤销").click()
    assert stored_keys(page) == before
    assert page.get_by_label("在本机保存我填写的内容").is_checked()
    expect(form.locator('input[name="income"]')).to_have_value("5000")
    # On a new page the clear cannot be undone any more.
    page.get_by_role("button", name="清除本机数据").click()
    page.get_by_role("button", name="确定清除").click()
    page.locator('.md-nav a[href$="tools/plan/"]').first.dispatch_event("click")  # instant navigation
    page.wait_for_url("**/tools/plan/")
    expect(page.get_by_role("button", name="撤销")).to_have_count(0)
    assert stored_keys(page) == []


def calculator_worker(page):
    workers = [w for w in page.workers if w.url.endswith("calc-worker.mjs")]
    assert len(workers) == 1, [w.url for w in page.workers]
    return workers[0]


def test_every_call_carries_todays_date_which_is_never_saved(warm_page, site):
    page = warm_page
    form = open_tool(page, site, "tools/plan/")
    worker = calculator_worker(page)
    worker.evaluate("self.addEventListener('message', (event) => { if (event.data.type === 'call') self.lastCall = event.data; })")
    page.get_by_label("在本机保存我填写的内容").check()
    form.locator('input[name="total"]').fill("30000")
    for _ in range(50):
        fields = worker.evaluate("self.lastCall && self.lastCall.fields")
        if fields and fields.get("total") == "30000":
            break
        page.wait_for_timeout(100)
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["today"])
    assert [int(part) for part in fields["today"].split("-")] == today  # the reader's local date
    assert fields["total"] == "30000"
    saved = page.evaluate("JSON.parse(localStorage.getItem('xsh:form:plan'))")
    assert saved["total"] == "30000" and "today" not in saved


def test_the_status_names_required_fields_still_missing(warm_page, site):
    # Last in this module: the worker it changes is the warm window's.
    page = warm_page
    form = open_tool(page, site, "tools/plan/")
    status = form.locator("[data-calc-status]")
    # Python will list the labels of required fields left empty (issue 10); until then the
    # worker's answers are given a `missing` list here, the way the bridge will send it.
    calculator_worker(page).evaluate(
        """(() => {
          const post = self.postMessage.bind(self);
          self.postMessage = (message, transfer) => {
            if (message && message.type === 'result' && !message.response.ok) {
              message = {...message, response: {...message.response, missing: ['开始日期', '每月还款额']}};
            }
            return post(message, transfer || []);
          };
        })()"""
    )
    form.locator('input[name="total"]').fill("30000")
    expect(status).to_contain_text("还差：开始日期、每月还款额")
    # With a visible error, that error is what the status talks about.
    form.locator('input[name="monthly"]').fill("abc")
    expect(form.locator('[data-error-for="monthly"]')).to_be_visible()
    expect(status).not_to_contain_text("还差")
