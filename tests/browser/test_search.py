"""The site's own search (Material for MkDocs, in Chromium) finds the page that explains each key term.

One page is opened for the whole module, so the search index loads once; each term is typed
into Material's search box the way a reader would, and the expected page must be among the
results it shows.
"""

import time
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# term -> the page (path under the site root) a reader looking for it should be offered
EXPECTED = {
    "协商": "guide/glossary/",
    "催收": "guide/rights/",
    "征信": "guide/legal-risks/",
    "个性化分期": "guide/credit-card/",
    "以贷养贷": "guide/watch-out/",
    "解冻费": "guide/watch-out/",
    "支付令": "guide/legal-risks/",
    "限制高消费": "guide/legal-risks/",
    "12378": "guide/rights/",
    "减免": "guide/agreement/",
    "分期": "guide/plan/",
    "证明材料": "guide/materials/",
    "还款能力": "guide/plan/",
    "失信": "guide/legal-risks/",
    "诉讼时效": "guide/legal-risks/",
    "恶意透支": "guide/legal-risks/",
    "保证金": "guide/watch-out/",
    "停息挂账": "guide/credit-card/",
    "书面协议": "guide/agreement/",
    "法律援助": "about/",
    "反催收": "guide/watch-out/",
    "催收非法债务罪": "guide/rights/",
    "注销校园贷": "guide/watch-out/",
    "验证码": "guide/watch-out/",
    "清除本机数据": "about/privacy/",
    "参考依据": "about/sources/",
    "心理援助": "help/",
    "求助电话": "help/",
    "债权转让": "guide/watch-out/",
    "支付令异议": "tools/payment-order-objection/",
    "答辩": "guide/court/",
    "征信异议": "guide/credit-record/",
    "执行和解": "tools/enforcement-settlement/",
    "财产报告": "guide/court/",
    "投诉": "guide/complaints/",
    "年化利率": "tools/rate/",
    "砍头息": "tools/rate/",
    "放款人": "tools/rate/",
}

WAIT_SECONDS = 15


@pytest.fixture(scope="module")
def search_page(browser, site):
    """The home page with the search box open, shared by every term; it may ask only the local server."""
    foreign, errors = [], []

    def on_request(request):
        if urlsplit(request.url).scheme in ("http", "https") and not request.url.startswith(site.origin + "/"):
            foreign.append(request.url)

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.on("request", on_request)
    context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    context.on("weberror", lambda error: errors.append(f"page error: {error.error}"))
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(site.url)
    page.click('label[for="__search"]')
    page.wait_for_selector("input.md-search__input", state="visible")
    yield page
    context.close()
    assert not foreign, f"requests left the local server: {foreign}"
    assert not errors, f"console errors: {errors}"


def result_pages(page, site):
    """Paths (under the site root) of the pages in the shown results, in order, without repeats."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link", "links => links.map(a => a.href)"
    )
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        path = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if path.startswith(site.url):
            path = path[len(site.url):]
            if path not in paths:
                paths.append(path)
    return paths


@pytest.mark.parametrize("term", list(EXPECTED))
def test_search_finds_the_page(search_page, site, term):
    assert len(EXPECTED) >= 20
    box = search_page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    search_page.wait_for_function(
        "() => !document.querySelector('.md-search-result__list a.md-search-result__link')"
    )  # no results left over from the previous term
    box.fill(term)
    box.press("End")  # Material searches on keyup
    expected = EXPECTED[term]
    found = results_offering(search_page, site, expected)
    assert expected in found, f"searching {term!r} showed {found}, not {expected!r}"


def results_offering(page, site, expected):
    """The result pages once they include `expected`, or as they are after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    found = []
    while time.monotonic() < deadline:
        found = result_pages(page, site)
        if expected in found:
            break
        page.wait_for_timeout(200)
    return found


# Text that arrives with no key released (issue 14): an input method committing a word, a paste
# from the long-press menu, voice input. Material searches on keyup only; search-shim.mjs fixes it.
WITHOUT_KEYS = {
    "input method": ("催收", "guide/rights/"),
    "paste": ("解冻费", "guide/watch-out/"),
    "voice or handwriting": ("征信", "guide/legal-risks/"),
}


def send_without_keys(page, site, way, text):
    box = page.locator("input.md-search__input")
    box.focus()
    cdp = page.context.new_cdp_session(page)
    try:
        if way == "input method":
            # Pinyin being composed is not searched; the committed characters are.
            cdp.send("Input.imeSetComposition", {"text": "cuishou", "selectionStart": 7, "selectionEnd": 7})
            page.wait_for_timeout(300)
            cdp.send("Input.insertText", {"text": text})  # commits the composition
        elif way == "paste":
            page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
            page.evaluate("text => navigator.clipboard.writeText(text)", text)
            cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "commands": ["paste"]})  # the browser's own paste
        else:
            page.keyboard.insert_text(text)
    finally:
        cdp.detach()
    assert box.input_value() == text


@pytest.mark.parametrize("way", list(WITHOUT_KEYS))
def test_search_finds_text_that_arrives_without_a_key(search_page, site, way):
    term, expected = WITHOUT_KEYS[way]
    box = search_page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    search_page.wait_for_function(
        "() => !document.querySelector('.md-search-result__list a.md-search-result__link')"
    )
    send_without_keys(search_page, site, way, term)
    found = results_offering(search_page, site, expected)
    assert expected in found, f"{way}: {term!r} showed {found}, not {expected!r}"


# On a calculator page Material's search worker waits until Python is ready (search-later.js),
# so that building its index does not slow Python's start; the reader who goes for search
# before that gets it at once.
def search_worker_started(page):
    return any("/workers/search." in worker.url for worker in page.workers)


# Notes every worker the page creates, with the calculators' state at that moment.
NOTE_WORKERS = """(() => {
  const Native = window.Worker;
  window.__workers = [];
  window.Worker = new Proxy(Native, { construct(target, args, newTarget) {
    const form = document.querySelector("form[data-calculator]");
    window.__workers.push({ url: String(args[0]), state: form ? form.dataset.calcState || "" : "" });
    return Reflect.construct(target, args, newTarget);
  } });
})();"""


def test_on_a_calculator_page_search_starts_after_python(page, site, wait_ready):
    page.add_init_script(NOTE_WORKERS)
    page.goto(site.page_url("tools/budget/"))
    wait_ready(page)
    deadline = time.monotonic() + WAIT_SECONDS
    while not search_worker_started(page) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert search_worker_started(page), "the search worker never started after the calculators were ready"
    created = page.evaluate("() => window.__workers")
    search = [worker for worker in created if "/workers/search." in worker["url"]]
    assert len(search) == 1 and search[0]["state"] == "ready", created
    assert any("calc-worker" in worker["url"] for worker in created), created


def test_on_a_calculator_page_search_works_before_python_is_ready(page, site):
    page.route("**/*.wasm", lambda route: None)  # never answered: Python stays loading
    page.goto(site.page_url("tools/budget/"))
    assert not search_worker_started(page)
    page.click('label[for="__search"]')
    box = page.locator("input.md-search__input")
    box.fill("催收")
    box.press("End")
    found = results_offering(page, site, "guide/rights/")
    assert "guide/rights/" in found, f"search showed {found}"
    assert page.locator("form[data-calculator]").get_attribute("data-calc-state") == "loading"
