"""The bridge and its worker in Chromium: first result, early input, warm navigation, failures.

What a first visit, a failed start or a restart shows gets a fresh window (`page`); the rest share
the module's warm one (`warm_page`) and open their tool from the menu."""

import pytest
from playwright.sync_api import expect
from reader import open_tool, stored_keys

pytestmark = pytest.mark.browser

RESULT = "[data-calc-result]"


def pyodide_requests(watch):
    return [url for url in watch.requests if "/assets/pyodide/" in url]


def test_invalid_input_gets_a_chinese_message_next_to_the_field(warm_page, site):
    page = warm_page
    open_tool(page, site, "budget")
    income = page.locator('input[name="income"]')
    income.fill("-5")
    error = page.locator('[data-error-for="income"]')
    expect(error).to_contain_text("不能是负数")
    expect(income).to_have_attribute("aria-invalid", "true")
    assert error.get_attribute("id") in income.get_attribute("aria-describedby").split()
    income.fill("abc")
    expect(error).to_contain_text("请填数字")
    income.fill("5000")
    expect(error).to_be_hidden()


def test_input_typed_before_python_is_ready_is_computed_when_it_is(page, site):
    page.goto(site.page_url("tools/budget/"), wait_until="domcontentloaded")
    page.fill('input[name="income"]', "6000")
    page.fill('input[name="expenses"]', "2500")
    assert page.locator("form[data-calculator]").get_attribute("data-calc-state") == "loading"
    expect(page.locator(RESULT)).to_contain_text("3,500.00 元", timeout=90_000)


STAGES = ("start", "worker", "fetch", "painted", "import", "pyodide", "compile", "instantiate", "stdlib", "init", "wheel", "imports", "call")


def test_a_first_visit_under_a_sub_path_shows_its_stages_then_computes_and_times_them(page, site, watch, wait_ready):
    """A first visit of a tool page (a fresh profile, the site under /xieshang/, like GitHub
    Pages): the loading state while Python starts, then ready; the seed example's result; every
    start-up stage timed, in order, on the page's clock; Python's files from the site's own path."""
    assert site.url.endswith("/xieshang/")
    page.goto(site.page_url("tools/budget/"))
    runtime_state = page.locator("[data-calc-runtime]")  # at the top of the form
    status = page.locator("[data-calc-status]")  # under it, where the result will be
    expect(runtime_state).to_contain_text("正在准备计算器")
    expect(status).to_contain_text("计算器准备好后")
    wait_ready(page)
    expect(runtime_state).to_be_hidden()
    expect(status).to_contain_text("计算器已就绪")
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "2000")
    expect(page.locator(RESULT)).to_contain_text("3,000.00 元")
    assert all(url.startswith(site.url) for url in pyodide_requests(watch))
    timings = page.evaluate("() => window.__calculatorsTest.timings()")
    assert sorted(timings) == sorted(STAGES)
    for stage, time in timings.items():
        assert 0 <= time["start"] <= time["end"], (stage, time)
    order = ("start", "worker", "fetch", "compile", "instantiate", "stdlib", "init", "wheel", "imports")
    starts = [timings[stage]["start"] for stage in order]
    assert starts == sorted(starts), dict(zip(order, starts))
    assert timings["pyodide"]["start"] <= timings["compile"]["start"] and timings["init"]["end"] <= timings["pyodide"]["end"]
    assert timings["imports"]["end"] <= timings["start"]["end"] <= timings["call"]["start"]
    # Python's CPU work waits for the page's first frame (issue 21): it would stretch the page's tasks.
    paint = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
    assert paint <= timings["painted"]["end"] <= timings["import"]["start"] <= timings["compile"]["start"], (paint, timings)


def test_a_tab_opened_out_of_sight_starts_python_without_painting(page, site):
    # Python waits for the page's first frame (issue 21); a tab not on screen paints none.
    page.add_init_script("""
      Object.defineProperty(Document.prototype, "hidden", { get: () => true });
      window.requestAnimationFrame = () => 0;  // no frame is ever painted
    """)
    page.goto(site.page_url("tools/budget/"))
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "2000")
    expect(page.locator(RESULT)).to_contain_text("3,000.00 元", timeout=90_000)
    painted = page.evaluate("() => window.__calculatorsTest.timings().painted.end")
    parsed = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventStart")
    assert painted >= parsed + 990, (parsed, painted)  # the worker waited for the 1 s fallback


def test_guide_pages_download_no_python(page, site, watch):
    page.goto(site.page_url("guide/plan/"))
    page.wait_for_load_state("networkidle")
    # A negative (Python never starts here), so nothing to wait on: longer than the bridge's idle
    # start on calculator pages (requestIdleCallback, at most 250 ms) and its first requests.
    page.wait_for_timeout(1500)
    assert not pyodide_requests(watch)  # the small wheel may be kept for offline use; Python is not


def test_moving_between_calculator_pages_keeps_python_warm(warm_page, site):
    page = warm_page
    open_tool(page, site, "budget")
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav a[href$="tools/plan/"]').first.dispatch_event("click")  # instant navigation
    page.wait_for_url("**/tools/plan/")
    expect(page.locator('form[data-calculator="plan"]')).to_have_attribute("data-calc-state", "ready", timeout=5_000)
    assert page.evaluate("window.__sameDocument === true")  # no reload: the same worker answers


def test_prefill_carries_a_result_to_the_next_tool_in_memory(warm_page, site):
    page = warm_page
    open_tool(page, site, "budget")
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "2000")
    expect(page.locator(RESULT)).to_contain_text("2,700.00 元")
    page.locator('.md-nav a[href$="tools/plan/"]').first.dispatch_event("click")  # instant navigation
    page.wait_for_url("**/tools/plan/")
    expect(page.locator('input[name="capacity"]')).to_have_value("2700.00")
    assert stored_keys(page) == []


@pytest.mark.allow_console_errors
def test_blocked_wasm_gives_a_message_and_a_working_retry(page, site):
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site.page_url("tools/budget/"))
    form = page.locator("form[data-calculator]")
    expect(form).to_have_attribute("data-calc-state", "failed", timeout=60_000)
    runtime_state = page.locator("[data-calc-runtime]")
    expect(runtime_state).to_contain_text("计算器没能启动")
    expect(page.locator("[data-calc-status]")).to_contain_text("计算器没能启动")
    expect(page.locator("article h1")).to_be_visible()  # the guidance is still there
    page.unroute("**/*.wasm")
    runtime_state.get_by_role("button", name="重新加载计算器").click()
    expect(form).to_have_attribute("data-calc-state", "ready", timeout=90_000)


@pytest.mark.allow_console_errors
def test_a_runtime_that_never_answers_is_bounded(page, site):
    # A wasm served with the wrong MIME type can make loadPyodide hang: the stall timer ends it.
    page.clock.install()
    page.route("**/*.wasm", lambda route: None)  # never answered
    page.goto(site.page_url("tools/budget/"))
    page.clock.run_for(2_000)
    form = page.locator("form[data-calculator]")
    assert form.get_attribute("data-calc-state") == "loading"
    page.clock.run_for(60_000)
    expect(form).to_have_attribute("data-calc-state", "failed")
    expect(page.locator("[data-calc-runtime]")).to_contain_text("超时")
    expect(page.locator("[data-calc-runtime]").get_by_role("button", name="重新加载计算器")).to_be_visible()


@pytest.mark.allow_console_errors
def test_a_crashed_worker_is_restarted_and_the_page_keeps_working(page, site, wait_ready):
    page.goto(site.page_url("tools/budget/"))
    wait_ready(page)
    page.evaluate("window.__calculatorsTest.crashWorker()")
    form = page.locator("form[data-calculator]")
    expect(form).not_to_have_attribute("data-calc-state", "ready", timeout=5_000)
    expect(form).to_have_attribute("data-calc-state", "ready", timeout=90_000)
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "2000")
    expect(page.locator(RESULT)).to_contain_text("3,000.00 元")


def test_a_call_that_fails_inside_the_worker_still_gets_a_calm_answer(warm_page, site):
    page = warm_page
    open_tool(page, site, "budget")
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "2000")
    result = page.locator(RESULT)
    expect(result).to_contain_text("3,000.00 元")
    page.evaluate("window.__calculatorsTest.failNextCall()")
    page.fill('input[name="income"]', "6000")
    expect(page.locator("[data-calc-status]")).to_have_text("这次没能算出结果。请再点一次“计算”；还不行的话，刷新页面再试。")
    expect(result).to_be_empty()
    page.fill('input[name="income"]', "7000")  # the next call is answered as usual
    expect(result).to_contain_text("5,000.00 元")


def test_nothing_is_stored_until_the_reader_asks_and_clearing_removes_it(warm_page, site):
    page = warm_page
    open_tool(page, site, "budget")
    page.fill('input[name="income"]', "5000")
    expect(page.locator(RESULT)).to_contain_text("5,000.00 元")  # the form has taken the input
    stored = "Object.keys(localStorage).filter(k => k.startsWith('xsh:'))"
    assert page.evaluate(stored) == []
    page.get_by_label("在本机保存我填写的内容").check()
    page.fill('input[name="expenses"]', "2000")
    expect(page.locator(RESULT)).to_contain_text("3,000.00 元")
    assert "xsh:form:budget" in page.evaluate(stored)
    page.reload()
    expect(page.locator('input[name="income"]')).to_have_value("5000")
    page.get_by_role("button", name="清除本机数据").first.click()
    assert page.evaluate(stored) != []  # it asks first
    page.get_by_role("button", name="确定清除").click()
    assert page.evaluate(stored) == []
    expect(page.locator('input[name="income"]')).to_have_value("")
    assert not page.get_by_label("在本机保存我填写的内容").is_checked()
