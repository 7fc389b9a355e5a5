"""A link to a heading of the same page (the table of contents) only scrolls: what was typed stays."""

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_table_of_contents_keeps_what_the_reader_typed(browser, site, watch):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.on("request", watch.on_request)
    try:
        page = context.new_page()
        page.goto(site.page_url("tools/plan/"))
        page.fill('input[name="total"]', "30000")
        page.evaluate("document.querySelector('form[data-calculator]').__sameForm = true")
        toc = page.locator(".md-sidebar--secondary a.md-nav__link").first
        heading = toc.get_attribute("href").split("#", 1)[1]
        toc.click()
        # The heading is scrolled to (the address bar then follows the scroll: navigation.tracking).
        expect(page.locator(f'[id="{unquote(heading)}"]')).to_be_in_viewport()
        page.wait_for_timeout(1000)  # a re-render by instant navigation would come after the scroll
        expect(page.locator('input[name="total"]')).to_have_value("30000")
        assert page.evaluate("document.querySelector('form[data-calculator]').__sameForm === true")  # not re-rendered
    finally:
        context.close()
    assert not watch.foreign


def test_links_to_other_pages_still_use_instant_navigation(page, site, wait_ready):
    page.goto(site.page_url("tools/budget/"))
    wait_ready(page)
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav a[href$="tools/plan/"]').first.dispatch_event("click")
    page.wait_for_url("**/tools/plan/")
    assert page.evaluate("window.__sameDocument === true")
