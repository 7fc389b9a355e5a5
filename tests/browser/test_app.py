"""The installable app in Chromium: Chromium itself finds it installable, its icons load with the
right type, and its start page opens with the network off."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FETCH_TYPE = "url => fetch(url).then(r => [r.status, r.headers.get('content-type')])"


@pytest.mark.allow_console_errors  # offline, the browser logs its failed update check of sw.js
def test_chromium_finds_the_app_installable_and_it_opens_offline(chromium_profile, site):
    # A normal profile: Chromium offers no install in incognito, which a new context is.
    page = chromium_profile.new_page()
    page.goto(site.page_url("guide/talk/"))
    cdp = chromium_profile.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == site.url + "manifest.webmanifest"
    assert manifest["errors"] == []
    app = json.loads(manifest["data"])
    assert page.evaluate(FETCH_TYPE, manifest["url"]) == [200, "application/manifest+json"]
    for icon in app["icons"]:
        assert page.evaluate(FETCH_TYPE, site.url + icon["src"]) == [200, "image/png"], icon

    # Chromium checks a page that a service worker controls and served: it claims this one, and
    # the reload is served by it.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == []

    chromium_profile.set_offline(True)
    start = chromium_profile.new_page()
    start.goto(site.url + app["start_url"].removeprefix("./"))
    expect(start.locator("article h1")).to_be_visible()
    assert start.evaluate("navigator.onLine") is False
