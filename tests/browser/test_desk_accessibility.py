"""axe-core on the pages and blocks issue 20 added: the list of changes (with the footer's last
review date), the help page with an organisation's contact, and the 404 page."""

import pytest
from test_accessibility import axe_violations

from scripts.hooks.organisation import block, read

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [320, 1280], ids=lambda width: f"{width}px")
def test_axe_finds_nothing_on_the_new_pages(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    found = {}
    try:
        page.goto(site.page_url("about/changes/"))
        found["about/changes/"] = axe_violations(page)

        page.goto(site.page_url("help/"))
        contact = block(read({}, environ={"ORG_NAME": '某某<b>法律</b>援助站', "ORG_PHONE": "010-12345678", "ORG_ADDRESS": "某市某路 1 号", "ORG_HOURS": "周一至周五"}))
        page.evaluate("html => document.querySelector('#legal-aid ~ ul').insertAdjacentHTML('afterend', html)", contact)
        assert page.locator("[data-organisation] a[href='tel:01012345678']").count() == 1
        found["help/ with an organisation"] = axe_violations(page)

        page.goto(site.page_url("404.html"))
        found["404.html"] = axe_violations(page)
    finally:
        context.close()
    assert {label: problems for label, problems in found.items() if problems} == {}
