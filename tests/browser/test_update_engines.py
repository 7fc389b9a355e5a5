"""A returning reader gets the corrected text, in WebKit (every iPhone browser) and Firefox: the
update test of test_update.py (which runs it in Chromium, with the link and offline cases) through
engines.py. Build A is visited with saved fields; build B is served; the next visit says 内容已更新,
and one tap shows B with the fields intact."""

import pytest
from engines import wait_until
from test_engines import engine, xvfb  # noqa: F401  (fixtures: one fresh window per engine)
from test_update import NEW_BUDGET, OLD_BUDGET, build_b, serve, site, update_server  # noqa: F401  (fixtures: build A on its own server, build B)

pytestmark = pytest.mark.browser

ARTICLE_HAS = "(text) => (document.querySelector('article') || {}).textContent?.includes(text) || false"
FIELDS_KEPT = """() => { const value = (name) => (document.querySelector(`input[name="${name}"]`) || {}).value;
                         const box = document.querySelector("[data-save-toggle]");
                         return value("income") === "5000" && value("expenses") === "2000" && Boolean(box && box.checked); }"""


@pytest.mark.parametrize("engine", ["webkit", "firefox"], indirect=True)  # Chromium: test_update.py
def test_one_tap_shows_the_new_build_with_the_saved_fields(engine, site, serve, build_b):  # noqa: F811
    engine.goto(site.page_url("guide/plan/"))
    wait_until(engine, "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)", timeout=90, what="the service worker")
    engine.goto(site.page_url("tools/budget/"))
    wait_until(engine, ARTICLE_HAS, OLD_BUDGET, what="build A's text")
    engine.click("[data-save-toggle]")
    engine.type_into('input[name="income"]', "5000")
    engine.type_into('input[name="expenses"]', "2000")
    wait_until(engine, "() => (localStorage.getItem('xsh:form:budget') || '').includes('2000')", what="the saved fields")

    serve(build_b)
    engine.goto(site.page_url("tools/budget/"))
    wait_until(engine, ARTICLE_HAS, OLD_BUDGET, what="build A's text, from the device")
    wait_until(engine, "() => Boolean(document.querySelector('[data-site-update]:not([hidden])'))", timeout=120, what="内容已更新")
    wait_until(engine, FIELDS_KEPT, what="the saved fields under the notice")

    engine.click("[data-update-now]")
    wait_until(engine, ARTICLE_HAS, NEW_BUDGET, timeout=60, what="build B's text")
    wait_until(engine, FIELDS_KEPT, what="the saved fields after the reload")
    wait_until(engine, "() => document.querySelectorAll('[data-site-update]').length === 0", what="no notice on the new build")
