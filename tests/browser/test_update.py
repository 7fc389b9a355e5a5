"""A returning reader gets the corrected text (assets/js/update.mjs, sw-template.js).

Build A is served and visited; then build B, with a changed sentence, is served at the same
address. Visiting again online, the page (still A, from the device) says 内容已更新; one tap, or
one further link, shows B, with the fields the reader saved (在本机保存) intact. Offline, nothing
changes. B is A with two sentences changed and a new service worker version, as a new build is.
"""

import os
import re
import shutil
import threading

import pytest
from conftest import Site
from playwright.sync_api import expect
from test_accessibility import axe_violations

from scripts.devserver import QuietServer

pytestmark = pytest.mark.browser

OLD_BUDGET = "和平台谈之前，先弄清楚一件事"
NEW_BUDGET = "谈之前，先弄清楚一件事（新版）"
OLD_PLAN = "还款计划是协商的核心。"
NEW_PLAN = "还款计划是协商的中心（新版）。"


@pytest.fixture(scope="module")
def build_b(site, tmp_path_factory):
    """A copy of the built site with one sentence changed on two pages and a new sw.js version.

    Its changed files are dated a minute after build A's, as a later build's are. The copy is made
    seconds after A is built, often within the same second, and HTTP's Last-Modified counts whole
    seconds: the browser revalidates sw.js with If-Modified-Since, the server then answers 304 Not
    Modified, and the browser rightly keeps build A's sw.js (no update, no notice)."""
    target = tmp_path_factory.mktemp("build-b") / "site"
    shutil.copytree(site.dir, target)

    def rewrite(name, old, new):
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new), encoding="utf-8")
        later = (site.dir / name).stat().st_mtime + 60
        os.utime(path, (later, later))

    rewrite("tools/budget/index.html", OLD_BUDGET, NEW_BUDGET)
    rewrite("guide/plan/index.html", OLD_PLAN, NEW_PLAN)
    version = re.search(r'"version": "([0-9a-f]{12})"', (target / "sw.js").read_text(encoding="utf-8")).group(1)
    rewrite("sw.js", f'"version": "{version}"', f'"version": "{version[::-1]}"')
    return target


@pytest.fixture(scope="module")
def update_server(built_site, site_server):
    """A server of this module's own on the built site (build A), at its own address: switching it
    to build B cannot reach a test that runs meanwhile in another pytest-xdist worker."""
    handler = type("UpdateHandler", (site_server.handler,), {"root": built_site})
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def site(built_site, site_server, update_server):
    """The built site as served by `update_server` (the same sub-path, its own port)."""
    origin = f"http://127.0.0.1:{update_server.server_address[1]}"
    return Site(dir=built_site, url=origin + site_server.url.removeprefix(site_server.origin), origin=origin)


@pytest.fixture
def serve(site, update_server):
    """serve(folder): the test server answers from `folder` until the test ends (then build A
    again). `serve.answered` lists (path, status) of every request the server answered meanwhile."""
    handler = update_server.RequestHandlerClass
    original = handler.root
    answered = []

    def log_request(self, code="-", size="-"):
        answered.append((self.path, getattr(code, "value", code)))

    def switch(folder):
        handler.root = folder

    switch.answered = answered
    handler.log_request = log_request
    yield switch
    del handler.log_request
    handler.root = original


def wait_controlled(page):
    """Until this page is controlled by the site's service worker (the first visit's has claimed it)."""
    for _ in range(120):
        if page.evaluate("Boolean(navigator.serviceWorker.controller)"):
            return
        page.wait_for_timeout(250)
    raise AssertionError("the service worker never took control of the page")


def first_visit_with_saved_fields(context, site):
    """Build A: a guide page installs the service worker; on the budget page the reader turns on
    在本机保存 and types two amounts."""
    page = context.new_page()
    page.goto(site.page_url("guide/plan/"))
    wait_controlled(page)
    page.goto(site.page_url("tools/budget/"))
    expect(page.locator("article")).to_contain_text(OLD_BUDGET)
    page.locator("[data-save-toggle]").first.check()
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "2000")
    saved = page.evaluate("localStorage.getItem('xsh:form:budget')")
    assert saved and "5000" in saved and "2000" in saved
    return page


def expect_fields_intact(page):
    expect(page.locator('input[name="income"]')).to_have_value("5000")
    expect(page.locator('input[name="expenses"]')).to_have_value("2000")
    expect(page.locator("[data-save-toggle]").first).to_be_checked()


def test_one_tap_shows_the_new_build_with_the_saved_fields(context, site, serve, build_b):
    page = first_visit_with_saved_fields(context, site)
    serve(build_b)
    page.goto(site.page_url("tools/budget/"))  # the reader comes back: the device still serves A
    expect(page.locator("article")).to_contain_text(OLD_BUDGET)
    banner = page.locator("[data-site-update]")
    expect(banner).to_contain_text("内容已更新", timeout=60_000)
    expect(banner.locator("[data-update-unsaved]")).to_be_hidden()  # saving is on: nothing will be lost
    expect_fields_intact(page)
    assert axe_violations(page) == []

    banner.locator("[data-update-now]").click()
    expect(page.locator("article")).to_contain_text(NEW_BUDGET, timeout=30_000)
    expect(page.locator("[data-site-update]")).to_have_count(0)
    expect_fields_intact(page)

    later = context.new_page()  # the next visit shows the new build too
    later.goto(site.page_url("guide/plan/"))
    expect(later.locator("article")).to_contain_text(NEW_PLAN)
    expect(later.locator("[data-site-update]")).to_have_count(0)


def test_without_the_tap_the_next_link_opens_the_new_build(context, site, serve, build_b):
    page = first_visit_with_saved_fields(context, site)
    serve(build_b)
    page.goto(site.page_url("tools/budget/"))
    expect(page.locator("[data-site-update]")).to_contain_text("内容已更新", timeout=60_000)
    page.locator('article a[href$="/guide/plan/"]').first.click()  # Material makes links absolute
    expect(page.locator("article")).to_contain_text(NEW_PLAN, timeout=30_000)
    assert page.url == site.page_url("guide/plan/")
    page.goto(site.page_url("tools/budget/"))
    expect(page.locator("article")).to_contain_text(NEW_BUDGET)
    expect_fields_intact(page)


def test_a_reader_who_did_not_save_is_told_before_loading(context, site, serve, build_b):
    page = context.new_page()
    page.goto(site.page_url("guide/plan/"))
    wait_controlled(page)
    serve(build_b)
    page.goto(site.page_url("tools/budget/"))
    banner = page.locator("[data-site-update]")
    expect(banner).to_contain_text("内容已更新", timeout=60_000)
    expect(banner.locator("[data-update-unsaved]")).to_be_hidden()
    page.fill('input[name="income"]', "5000")
    expect(banner.locator("[data-update-unsaved]")).to_be_visible()
    expect(banner.locator("[data-update-unsaved]")).to_contain_text("在本机保存")


@pytest.mark.allow_console_errors  # offline, the browser logs its failed check for a newer sw.js
def test_offline_nothing_changes(context, site, serve, tmp_path):
    page = first_visit_with_saved_fields(context, site)
    # Offline: the page's requests fail (set_offline), and so does the browser's own check for a
    # newer sw.js, which Chromium makes outside the page's emulated network (an empty server).
    serve(tmp_path)
    context.set_offline(True)
    page.goto(site.page_url("tools/budget/"))
    expect(page.locator("article")).to_contain_text(OLD_BUDGET)
    expect_fields_intact(page)
    # The check for a newer sw.js (update.mjs's, and the browser's own on a navigation) reaches the
    # empty server and fails: no newer build can install, so no notice can come.
    checked = lambda: any(path.endswith("/sw.js") and status == 404 for path, status in serve.answered)  # noqa: E731
    for _ in range(300):
        if checked():
            break
        page.wait_for_timeout(100)
    assert checked(), f"no check for a newer sw.js reached the server: {serve.answered}"
    expect(page.locator("[data-site-update]")).to_have_count(0)
    page.goto(site.page_url("guide/plan/"))
    expect(page.locator("article")).to_contain_text(OLD_PLAN)
