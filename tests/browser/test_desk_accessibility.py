"""axe-core on the pages and blocks issue 20 added: the list of changes (with the footer's last
review date), the help page with an organisation's contact, and the 404 page."""

import pytest
from test_accessibility import axe_at_widths

from scripts.hooks.organisation import block, read

pytestmark = pytest.mark.browser

WIDTHS = [320, 1280]


def test_axe_finds_nothing_on_the_new_pages(browser, site):
    """At 320 and 1280 px: each page loaded once, then resized (test_accessibility.axe_at_widths)."""
    context = browser.new_context(viewport={"width": 320, "height": 900}, locale="zh-CN")
    page = context.new_page()
    found = {}
    try:
        page.goto(site.page_url("about/changes/"))
        axe_at_widths(page, "about/changes/", found, widths=WIDTHS)

        page.goto(site.page_url("help/"))
        contact = block(read({}, environ={"ORG_NAME": '某某<b>法律</b>援助站', "ORG_PHONE": "010-12345678", "ORG_ADDRESS": "某市某路 1 号", "ORG_HOURS": "周一至周五"}))
        page.evaluate("html => document.querySelector('#legal-aid ~ ul').insertAdjacentHTML('afterend', html)", contact)
        assert page.locator("[data-organisation] a[href='tel:01012345678']").count() == 1
        axe_at_widths(page, "help/ with an organisation", found, widths=WIDTHS)

        page.goto(site.page_url("404.html"))
        axe_at_widths(page, "404.html", found, widths=WIDTHS)
    finally:
        context.close()
    assert found == {}
