"""Python started from a memory snapshot this device made (Chromium): made only before the reader's
input reached Python and holding none of it; loaded on later visits; deleted, with the normal start,
when it does not match, is cut short, was changed, does not start or makes the start hang; removed
by 清除本机数据.

One window for the module: its first visit compiles the stdlib to bytecode, its second makes the
snapshot (see calc-worker.mjs); each test then starts from the snapshot kept, or tampers with it."""

import pytest
from playwright.sync_api import expect
from reader import wait_ready


pytestmark = pytest.mark.browser

RESULT = "[data-calc-result]"
BUDGET = "tools/budget/"
# Typed on the first visit, before the snapshot was made; and after it was kept. Digits unlikely
# to be in Python's memory by chance (the result is their difference).
BEFORE = {"income": "8642917", "expenses": "1357913", "result": "7285004"}
AFTER = {"income": "9753184", "expenses": "2468135", "result": "7285049"}
# Saved with 在本机保存, so that every later visit's first call carries them.
SAVED = {"income": "8316425", "expenses": "1904733", "result": "6411692"}
MADE = "() => window.__calculatorsTest.snapshot().state === 'made' && window.__calculatorsTest.snapshot()"

KEPT = "() => caches.open('xsh-snapshot').then((c) => c.keys()).then((k) => k.filter((r) => r.url.endsWith('/memory-snapshot')).length)"
STARTING = "() => caches.open('xsh-snapshot').then((c) => c.keys()).then((k) => k.some((r) => r.url.endsWith('/memory-snapshot-starting')))"
FORGET_WASM = "() => caches.open('xsh-runtime').then(async (c) => { for (const r of await c.keys()) if (r.url.endsWith('.wasm')) await c.delete(r); })"
COMPILED_KEPT = "() => caches.open('xsh-runtime').then((c) => c.keys()).then((k) => k.some((r) => r.url.endsWith('.compiled.zip')))"
STATE = "() => window.__calculatorsTest.snapshot()"

# The kept snapshot's raw bytes (Python's memory), as Latin-1 text for searching in Python.
RAW = """async () => {
  const cache = await caches.open("xsh-snapshot");
  const [request] = await cache.keys();
  const response = await cache.match(request);
  const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 65536) text += String.fromCharCode(...bytes.subarray(i, i + 65536));
  return text;
}"""

# Damage the kept snapshot in one way, rewriting the entry as a faulty device or version would.
TAMPER = """async (how) => {
  const cache = await caches.open("xsh-snapshot");
  const [request] = await cache.keys();
  const response = await cache.match(request);
  const headers = new Headers(response.headers);
  const gzip = (bytes) => new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
  const hex = async (bytes) => [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
  let stored = new Uint8Array(await response.arrayBuffer());
  if (how === "mismatched") {
    const key = JSON.parse(headers.get("X-Snapshot-Key"));
    headers.set("X-Snapshot-Key", JSON.stringify({ ...key, wheel: "0".repeat(64) }));
  } else if (how === "truncated") {
    stored = stored.slice(0, stored.length >> 1);
  } else {
    const raw = new Uint8Array(await new Response(new Blob([stored]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    let changed = raw.slice();
    if (how === "corrupt") {
      for (let i = 1 << 20; i < (1 << 20) + 4096; i++) changed[i] ^= 0xff; // same length, other bytes
    } else {
      // "unloadable": whole and with its own checksum, but not a start Pyodide can take
      changed = raw.slice(0, 1 << 20);
      headers.set("X-Snapshot-Length", String(changed.length));
      headers.set("X-Snapshot-Sha256", await hex(changed));
    }
    stored = new Uint8Array(await gzip(changed));
  }
  await cache.put(request, new Response(stored, { headers }));
  return true;
}"""


def wait_for(page, script, timeout_s=180):
    for _ in range(timeout_s * 2):
        value = page.evaluate(script)
        if value:
            return value
        page.wait_for_timeout(500)
    raise AssertionError(f"not within {timeout_s} s: {script}")


def fill(page, values):
    page.fill('input[name="income"]', values["income"])
    page.fill('input[name="expenses"]', values["expenses"])


def result_text(values) -> str:
    number = int(values["result"])
    return f"{number:,}.00 元"


@pytest.fixture(scope="module")
def window(module_window, site):
    """(page, watch): a window whose first visit got BEFORE typed before Python was ready (so it
    made no snapshot) and compiled the stdlib, and whose second, untouched, kept a snapshot."""
    page, watch = module_window
    page.goto(site.page_url(BUDGET), wait_until="domcontentloaded")
    fill(page, BEFORE)
    expect(page.locator(RESULT)).to_contain_text(result_text(BEFORE), timeout=90_000)
    wait_for(page, COMPILED_KEPT)
    assert page.evaluate(KEPT) == 0, "a snapshot was made after the reader's input reached Python"
    make_snapshot(page, site)
    return page, watch


def make_snapshot(page, site):
    """A visit that types nothing, until its snapshot is kept."""
    page.goto(site.page_url(BUDGET))
    wait_ready(page)
    wait_for(page, KEPT)
    state = wait_for(page, MADE)
    return state["size"]


def test_a_kept_snapshot_holds_none_of_what_the_reader_typed(window, site):
    page, _watch = window
    fill(page, AFTER)  # after the snapshot was kept, in the same visit
    expect(page.locator(RESULT)).to_contain_text(result_text(AFTER))
    memory = page.evaluate(RAW)
    assert len(memory) > 1_000_000  # Python's memory, not an empty entry
    assert "calculators" in memory  # the imported package is in it
    for values in (BEFORE, AFTER):
        for text in values.values():
            for encoded in (text, "\x00".join(text)):  # as bytes, and as UTF-16/UCS-2
                assert encoded not in memory, f"{text!r} found in the snapshot"


def test_a_later_visit_starts_from_the_snapshot(window, site):
    page, _watch = window
    if not page.evaluate(KEPT):
        make_snapshot(page, site)
    page.goto(site.page_url(BUDGET), wait_until="domcontentloaded")
    fill(page, AFTER)
    expect(page.locator(RESULT)).to_contain_text(result_text(AFTER), timeout=90_000)
    assert page.evaluate(STATE)["state"] == "loaded"
    # The wheel's files are back too: a tool the snapshot never imported still answers.
    page.goto(site.page_url("tools/plan/"))
    wait_ready(page)
    assert page.evaluate(STATE)["state"] == "loaded"
    page.fill('input[name="total"]', "30000")
    page.fill('input[name="monthly"]', "3000")
    page.fill('input[name="start"]', "2026-01-31")
    expect(page.locator(f"{RESULT} table tbody tr")).to_have_count(10)


def test_a_reader_with_saved_values_gets_a_snapshot_that_holds_none_of_them(window, site):
    page, _watch = window
    try:
        # A visit where the reader turns saving on and types: the input reaches this visit's Python.
        page.goto(site.page_url(BUDGET))
        wait_ready(page)
        page.get_by_label("在本机保存我填写的内容").check()
        fill(page, SAVED)
        expect(page.locator(RESULT)).to_contain_text(result_text(SAVED))
        page.goto(site.page_url("about/privacy/"))  # a page without calculators: no worker is running
        page.evaluate("() => caches.delete('xsh-snapshot')")
        # A later visit: the saved values fill the form and its first call carries them.
        page.goto(site.page_url(BUDGET))
        expect(page.locator('input[name="income"]')).to_have_value(SAVED["income"])
        expect(page.locator(RESULT)).to_contain_text(result_text(SAVED), timeout=90_000)
        assert page.evaluate(STATE)["state"] == "none"
        size = wait_for(page, MADE)["size"]
        assert size["raw"] > 1_000_000 and 0 < size["stored"] < size["raw"]
        memory = page.evaluate(RAW)
        assert "calculators" in memory
        for text in SAVED.values():
            for encoded in (text, "\x00".join(text)):
                assert encoded not in memory, f"{text!r} found in the snapshot"
        # The visit after starts from it, with the saved values and their result.
        page.goto(site.page_url(BUDGET))
        expect(page.locator(RESULT)).to_contain_text(result_text(SAVED), timeout=90_000)
        assert page.evaluate(STATE)["state"] == "loaded"
    finally:
        page.evaluate("() => { for (const k of Object.keys(localStorage)) if (k.startsWith('xsh:')) localStorage.removeItem(k); }")


@pytest.mark.parametrize("how", ["mismatched", "truncated", "corrupt", "unloadable"])
def test_an_unusable_snapshot_is_deleted_and_python_starts_normally(window, site, how):
    page, watch = window
    if not page.evaluate(KEPT):
        make_snapshot(page, site)
    assert page.evaluate(TAMPER, how)
    page.goto(site.page_url(BUDGET), wait_until="domcontentloaded")
    fill(page, AFTER)  # a call at once: this visit makes no new snapshot
    expect(page.locator(RESULT)).to_contain_text(result_text(AFTER), timeout=90_000)
    assert page.evaluate(STATE)["state"] == "discarded"
    assert page.evaluate(KEPT) == 0
    assert not watch.foreign and not watch.console_errors, (watch.foreign, watch.console_errors)


def test_a_snapshot_that_makes_the_start_hang_is_deleted_and_the_retry_starts_normally(window, site):
    page, watch = window
    if not page.evaluate(KEPT):
        make_snapshot(page, site)
    # Forced hang inside loadPyodide, after the snapshot was read: its wasm never arrives.
    page.evaluate(FORGET_WASM)
    page.clock.install()
    page.route("**/*.wasm", lambda route: None)
    page.goto(site.page_url(BUDGET), wait_until="domcontentloaded")
    wait_for(page, STARTING, 60)  # the start from the snapshot is under way, and stays there
    form = page.locator("form[data-calculator]")
    assert form.get_attribute("data-calc-state") == "loading"
    page.clock.run_for(200_000)  # the stall rule ends the visit's wait
    expect(form).to_have_attribute("data-calc-state", "failed")
    page.unroute("**/*.wasm")
    page.clock.resume()
    page.locator("[data-calc-runtime]").get_by_role("button", name="重新加载计算器").click()
    expect(form).to_have_attribute("data-calc-state", "ready", timeout=90_000)
    assert page.evaluate(STATE)["state"] == "discarded"
    assert page.evaluate(KEPT) == 0 and not page.evaluate(STARTING)
    fill(page, AFTER)
    expect(page.locator(RESULT)).to_contain_text(result_text(AFTER))
    assert not watch.foreign


def test_clearing_this_devices_data_removes_the_snapshot(window, site):
    page, _watch = window
    if not page.evaluate(KEPT):
        make_snapshot(page, site)
    page.goto(site.page_url("about/privacy/"))
    page.click("[data-clear-local]")  # nothing else is stored here: it says so, and still removes the snapshot
    expect(page.locator("[data-clear-status]")).to_be_visible()
    assert wait_for(page, "() => caches.keys().then((names) => !names.includes('xsh-snapshot'))", 10)
