"""The runtime over the network: each file crosses it once per visit, a slow phone on a slow link
still gets its result, and a module missing from the trimmed standard library still loads.

Two tests use their own local server (scripts/devserver.py's `serve`, shared with the benchmark: it
gzips like GitHub Pages and counts every request it answers), so "crossed the network" means "the
server sent it". The slow link and CPU are the benchmark's too (devserver.throttle: SLOW_LINK, SLOW_CPU).
"""

import io
import json
import zipfile
from collections import Counter

import pytest
from playwright.sync_api import expect

from scripts.bench.site import read_build_info
from scripts.devserver import serve, throttle

pytestmark = pytest.mark.browser

RESULT = "[data-calc-result]"
SLOW_LIMIT_S = 900


def build_info(site) -> dict:
    return read_build_info((site.dir / "assets/js/build.mjs").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def counting_server(site):
    """(base url, Traffic) of a server that gzips text and wasm and counts what it sends."""
    server, base, traffic = gzipping_server(site)
    yield base, traffic
    server.shutdown()


def gzipping_server(site):
    """A server of the built site of its own that gzips like GitHub Pages: (server, base url, Traffic)."""
    server, base, traffic, gzipped = serve(site.dir, compress=True)
    gzipped.fill(site.dir, server.handler_class)
    return server, base, traffic


def fill_budget(page):
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "2000")


def test_each_runtime_file_crosses_the_network_once_without_a_disk_cache(browser, site, counting_server):
    base, traffic = counting_server
    build = build_info(site)
    prefix = "/" + base.split("/", 3)[3] + "assets/"
    runtime = [prefix + path for path in build["runtime"]]
    pyodide = f"{prefix}pyodide/{build['pyodideVersion']}/"
    context = browser.new_context(locale="zh-CN")  # kept in memory: no disk cache, as in private browsing
    try:
        start = traffic.mark()
        page = context.new_page()
        page.goto(base + "tools/budget/")
        fill_budget(page)
        expect(page.locator(RESULT)).to_contain_text("3,000.00 元", timeout=90_000)
        expect(page.locator(".calc-offline")).to_contain_text("可离线使用", timeout=60_000)  # copies written
        page.goto(base + "tools/plan/")  # a whole new page in the same visit
        expect(page.locator("form[data-calculator]")).to_have_attribute("data-calc-state", "ready", timeout=90_000)
        traffic.wait_quiet()
        served = Counter(path.split("?")[0] for path, _, _ in traffic.since(start))
    finally:
        context.close()
    assert {path: served[path] for path in runtime} == {path: 1 for path in runtime}
    assert served[pyodide + "pyodide-lock.json"] == 0 and served[pyodide + build["fullStdlib"]] == 0


# What the slow phone's reader sees, recorded by the page itself once a second, so that the visit
# needs nobody watching while other tests run: each new text of the loading line at the top of the
# form, when the result first shows (ms from the start of the navigation), and a failure.
SLOW_WATCH = """(() => {
  const visit = (window.__slowVisit = { seen: [], result: null, failed: false });
  const look = setInterval(() => {
    const status = document.querySelector("[data-calc-runtime]")?.textContent || "";
    if (!visit.seen.length || visit.seen[visit.seen.length - 1] !== status) visit.seen.push(status);
    const form = document.querySelector("form[data-calculator]");
    visit.failed ||= form?.dataset.calcState === "failed";
    if ((document.querySelector("[data-calc-result]")?.textContent || "").includes("3,000.00 元")) {
      visit.result = performance.now();
      clearInterval(look);
    }
  }, 1000);
})()"""


SLOW_TEST = "test_a_slow_phone_on_a_slow_link_gets_its_result"


@pytest.fixture(scope="module", autouse=True)
def slow_visit(request, browser, site):
    """The slow phone's visit (~400 kbit/s with 400 ms latency and a CPU 4x slower, a fresh
    context), started as this module starts when its test (the module's last) is to run: the page
    opens and the reader types, then it loads on its own while the module's other tests run, and
    the test reads at the end what the page saw. It has its own server, so the counting server
    counts only its own test's requests."""
    if not any(item.name == SLOW_TEST for item in request.session.items):
        yield None  # deselected (-m "not slow")
        return
    server, base, _ = gzipping_server(site)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    try:
        context.add_init_script(SLOW_WATCH)
        page = context.new_page()
        throttle(page)  # devserver.SLOW_LINK and SLOW_CPU
        page.goto(base + "tools/budget/", timeout=SLOW_LIMIT_S * 1000)
        fill_budget(page)
        yield page
    finally:
        context.close()
        server.shutdown()


def trimmed_without(site, *names) -> tuple[str, bytes]:
    """The site's trimmed stdlib's file name, and a copy of it without the given files."""
    build = build_info(site)
    source = site.dir / "assets" / "pyodide" / build["pyodideVersion"] / build["stdlib"]
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            if info.filename not in names:
                copy.writestr(info, original.read(info))
    return build["stdlib"], out.getvalue()


def full_stdlib_requests(watch, site) -> list:
    return [url for url in watch.requests if url.endswith(f"/{build_info(site)['fullStdlib']}")]


def serve_trimmed_without(page, site, *names):
    name, body = trimmed_without(site, *names)
    page.route(f"**/{name}", lambda route: route.fulfill(status=200, body=body, content_type="application/zip"))


def test_a_page_whose_tool_misses_the_trimmed_stdlib_starts_with_the_full_one(page, site, watch, wait_ready):
    serve_trimmed_without(page, site, "calendar.py")  # the plan tool imports calendar
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(site.page_url("tools/plan/"))
    wait_ready(page)
    page.fill('input[name="total"]', "30000")
    page.fill('input[name="monthly"]', "3000")
    page.fill('input[name="start"]', "2026-01-31")
    expect(page.locator(f"{RESULT} table tbody tr")).to_have_count(10)
    assert len(full_stdlib_requests(watch, site)) == 1
    assert any("missed the trimmed standard library" in text for text in messages), messages


def test_a_call_that_misses_the_trimmed_stdlib_is_answered_after_loading_the_full_one(page, site, watch, wait_ready):
    serve_trimmed_without(page, site, "calendar.py")
    page.goto(site.page_url("tools/budget/"))  # budget needs no calendar: Python starts with the trimmed zip
    wait_ready(page)
    assert not full_stdlib_requests(watch, site)
    page.locator('.md-nav a[href$="tools/plan/"]').first.dispatch_event("click")  # instant navigation: same worker
    page.wait_for_url("**/tools/plan/")
    page.fill('input[name="total"]', "30000")
    page.fill('input[name="monthly"]', "3000")
    page.fill('input[name="start"]', "2026-01-31")
    expect(page.locator(f"{RESULT} table tbody tr")).to_have_count(10, timeout=60_000)
    assert len(full_stdlib_requests(watch, site)) == 1
    assert json.dumps(page.locator(RESULT).text_content()).count("计算时出了点问题") == 0


def test_a_wasm_served_with_the_wrong_type_still_starts(page, site, wait_ready):
    # Some object stores send application/octet-stream; instantiateStreaming would refuse it and hang.
    def wrong_type(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    page.route("**/*.wasm", wrong_type)
    page.goto(site.page_url("tools/budget/"))
    fill_budget(page)
    wait_ready(page)
    expect(page.locator(RESULT)).to_contain_text("3,000.00 元")


def test_a_second_visit_starts_python_from_bytecode_this_device_compiled(page, site, wait_ready):
    compiled = build_info(site)["compiledStdlib"]
    kept = f"caches.open('xsh-runtime').then(c => c.keys()).then(k => k.some(r => r.url.endsWith('/{compiled}')))"
    used = f"import('{site.url}assets/js/runtime.mjs').then(m => m.runtime.stdlib)"
    page.goto(site.page_url("tools/budget/"))
    wait_ready(page)
    assert page.evaluate(used) == "trimmed"
    for _ in range(240):  # compiled a few modules at a time once the page is idle
        if page.evaluate(kept):
            break
        page.wait_for_timeout(500)
    assert page.evaluate(kept)
    page.goto(site.page_url("tools/plan/"))  # a new page: a new worker, a new Python
    wait_ready(page)
    assert page.evaluate(used) == "compiled"
    page.fill('input[name="total"]', "30000")
    page.fill('input[name="monthly"]', "3000")
    page.fill('input[name="start"]', "2026-01-31")
    expect(page.locator(f"{RESULT} table tbody tr")).to_have_count(10)


@pytest.mark.slow
def test_a_slow_phone_on_a_slow_link_gets_its_result(slow_visit):
    # It takes long and never fails; the reader sees the download move.
    look = "() => ({ ...window.__slowVisit, now: performance.now() })"  # now: ms since the visit began
    visit = slow_visit.evaluate(look)
    while visit["result"] is None and not visit["failed"] and visit["now"] < SLOW_LIMIT_S * 1000:
        slow_visit.wait_for_timeout(1000)
        visit = slow_visit.evaluate(look)
    seen = visit["seen"]
    assert not visit["failed"], seen
    assert visit["result"] is not None, seen
    took = visit["result"] / 1000
    print(f"\nslow phone: first result after {took:.0f} s; statuses: {len(seen)}")
    assert took < SLOW_LIMIT_S, seen
    shares = [status for status in seen if "下载运行环境" in status and "%" in status]
    assert len(shares) >= 5, seen  # the reader watched the download move
