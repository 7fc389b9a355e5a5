"""What a reader does in the browser, written once for every Chromium test file.

- `wait_ready(page)`: waits until Python is ready on the page's calculator form.
- `follow_menu_link(page, url)`: opens a page from the menu, as a reader would; Material's instant
  navigation keeps the document, so Python stays warm from one page to the next.
- `open_tool(page, site, path)`: opens a tool page (from the menu when the site is already open,
  always freshly drawn) and hands back its calculator form.
- `stored_keys(page)`: the `xsh:` keys this site keeps in the browser.
- `clear_site_data(page)`: 清除本机数据 and 确定清除, a reader's way to start again.
- `clear_after_test(page)`: the same, on a page whose calculator is ready (what a test left behind).
"""

from __future__ import annotations

from engines import CLICK_LINK_TO
from playwright.sync_api import expect

FORM = "form[data-calculator]"
PAGE_TIMEOUT = 30_000  # ms for a new page to be drawn (the machine may be busy)
STORED_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('xsh:')).sort()"


def same_page(one: str, other: str) -> bool:
    """Whether two addresses are the same page (Material adds the section read to the address)."""
    return one.partition("#")[0] == other.partition("#")[0]


def wait_ready(page, selector: str = FORM, timeout: float = 90_000) -> None:
    """Waits until Python is ready on the page's calculator form."""
    page.wait_for_selector(f'{selector}[data-calc-state="ready"]', timeout=timeout)


def follow_menu_link(page, url: str) -> None:
    """Opens `url` by clicking its link in the menu (instant navigation: the same document, the
    same Python), or by address when the open page has no link to it. Does nothing when `url` is
    already open (at any of its sections)."""
    if same_page(page.url, url):
        return
    if not page.url.startswith("http") or not page.evaluate(CLICK_LINK_TO, url):
        page.goto(url)
        return
    page.wait_for_url(lambda now: same_page(now, url))
    expect(page.locator("article[data-left]")).to_have_count(0, timeout=PAGE_TIMEOUT)
    expect(page.locator("article h1")).to_be_visible(timeout=PAGE_TIMEOUT)


def open_tool(page, site, path: str, tool: str | None = None, ready: bool = True):
    """Opens the tool page `path` ("tools/plan/", or just "plan") freshly drawn, as a reader does:
    from the menu when a page of the site is open (Python stays warm), else by address. Waits for
    Python unless `ready` is False. Returns the calculator form (the form of `tool` if given)."""
    if "/" not in path:
        path = f"tools/{path}/"
    url = site.page_url(path)
    if same_page(page.url, url):  # draw it afresh, as a reader coming back to it would see it
        follow_menu_link(page, site.url)
    follow_menu_link(page, url)
    if ready:
        wait_ready(page)
    return page.locator(f'{FORM}[data-calculator="{tool}"]' if tool else FORM).first


def stored_keys(page) -> list[str]:
    """The keys this site keeps in the browser's storage (they all start with xsh:)."""
    return page.evaluate(STORED_KEYS)


def clear_site_data(page) -> None:
    """Starts again as a reader does: 清除本机数据, then 确定清除 when it asks (it asks when the site
    stores something or the page's form holds work). That empties the site's storage, the results
    kept in memory for other tools, and the form. Does nothing on a page without the button."""
    button = page.locator("[data-clear-local]").first
    if not button.count():
        return
    button.click()
    confirm, status = page.locator("[data-clear-confirm]"), page.locator("[data-clear-status]")
    expect(confirm.or_(status)).to_be_visible()
    if confirm.is_visible():
        confirm.click()
        expect(status).to_contain_text("已清除")


def clear_after_test(page) -> None:
    """clear_site_data once a test is over, on a page whose calculator is ready: a shared window
    then holds nothing of that test for the next (a page still loading, or without a calculator,
    is left as it is)."""
    if page.locator('form[data-calculator][data-calc-state="ready"]').count():
        clear_site_data(page)
