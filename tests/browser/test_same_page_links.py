"""A link to a heading of the same page (the table of contents) only scrolls: what was typed stays.

One wide window for the module (conftest.warm_page): Python starts once, each test opens its tool
from the menu."""

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect
from reader import open_tool

pytestmark = pytest.mark.browser

# A wide window (conftest.module_window): the table of contents shows beside the page from 76.25em.
WINDOW = {"viewport": {"width": 1280, "height": 900}}


def test_the_table_of_contents_keeps_what_the_reader_typed(warm_page, site):
    page = warm_page
    open_tool(page, site, "plan")
    page.fill('input[name="total"]', "30000")
    page.evaluate("document.querySelector('form[data-calculator]').__sameForm = true")
    toc = page.locator(".md-sidebar--secondary a.md-nav__link").first
    heading = toc.get_attribute("href").split("#", 1)[1]
    toc.click()
    # The heading is scrolled to (the address bar then follows the scroll: navigation.tracking).
    expect(page.locator(f'[id="{unquote(heading)}"]')).to_be_in_viewport()
    # A negative: no re-render may follow. There is nothing to wait on for "never", so this waits
    # longer than instant navigation takes to fetch and draw a page from the local server.
    page.wait_for_timeout(1000)
    expect(page.locator('input[name="total"]')).to_have_value("30000")
    assert page.evaluate("document.querySelector('form[data-calculator]').__sameForm === true")  # not re-rendered


def test_links_to_other_pages_still_use_instant_navigation(warm_page, site):
    page = warm_page
    open_tool(page, site, "budget")
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav a[href$="tools/plan/"]').first.dispatch_event("click")
    page.wait_for_url("**/tools/plan/")
    assert page.evaluate("window.__sameDocument === true")
