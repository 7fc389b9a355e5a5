"""The menu (目录) on a phone, by keyboard (docs/assets/js/menu-button.mjs and site.css).

Material's ☰ is a <label>, and its closed drawer holds ~45 links off screen: before this, Tab went
through every one of them with the focus out of sight, and never reached ☰. Now, at phone and
tablet widths: Tab reaches ☰, which says whether the menu is open; Enter or Space opens the menu and
puts the focus in it, on screen; Escape closes it and the focus returns to ☰; while it is closed no
link of the menu takes the focus. On a wide screen the menu is a sidebar and stays in the Tab order.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BUTTON = 'label.md-header__button[for="__drawer"]'

FOCUSED = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  return {
    inMenu: Boolean(element.closest(".md-sidebar--primary")),
    inSearch: Boolean(element.closest(".md-search")),  // Material opens its search over the page on focus, sliding in
    isButton: element.matches('label.md-header__button[for="__drawer"]'),
    // sideways only: the closed drawer sits left of the screen; a vertical scroll to the focus may still be running
    onScreen: box.width > 0 && box.left >= 0 && box.right <= innerWidth,
    text: (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 20),
  };
}"""


SLID = """() => !document.querySelector(".md-sidebar--primary").getAnimations({ subtree: true }).length"""  # the drawer stands still


def tab_walk(page, steps: int) -> list[dict]:
    found = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        found.append(page.evaluate(FOCUSED))
    return found


@pytest.mark.parametrize("width", [320, 390, 800])
def test_on_a_phone_the_menu_opens_and_closes_by_keyboard_and_hides_its_links_while_closed(page, site, width):
    page.set_viewport_size({"width": width, "height": 720})
    page.goto(site.url + "guide/plan/")
    button = page.locator(BUTTON)
    expect(button).to_have_attribute("aria-expanded", "false")
    walk = tab_walk(page, 12)
    assert not [stop for stop in walk if stop["inMenu"]], walk  # no link of the closed menu
    assert [stop for stop in walk if stop["isButton"]], walk  # ☰ is reached
    hidden = [stop for stop in walk if not stop["onScreen"] and not stop["inSearch"] and stop["text"] != "跳转至"]
    assert not hidden, walk  # (Material's skip link is shown once focused)

    for key in ("Enter", " "):
        button.focus()
        page.keyboard.press(key)
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#__drawer")).to_be_checked()
        page.wait_for_function(SLID)
        focused = page.evaluate(FOCUSED)
        assert focused["inMenu"] and focused["onScreen"], focused
        walk = tab_walk(page, 3)
        assert all(stop["inMenu"] and stop["onScreen"] for stop in walk), walk
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#__drawer")).not_to_be_checked()
        assert page.evaluate(FOCUSED)["isButton"]
        expect(page.locator(".md-sidebar--primary")).to_have_css("visibility", "hidden")  # once it has slid away


def test_a_tap_on_the_menu_still_opens_it_and_its_links_work(page, site):
    page.goto(site.url + "guide/plan/")
    page.locator(BUTTON).click()
    expect(page.locator(BUTTON)).to_have_attribute("aria-expanded", "true")
    link = page.locator(".md-sidebar--primary").get_by_role("link", name="准备材料", exact=True)
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/guide/materials/**")
    expect(page.locator("#__drawer")).not_to_be_checked()
    expect(page.locator(BUTTON)).to_have_attribute("aria-expanded", "false")


def test_on_a_wide_screen_the_menu_stays_a_sidebar_in_the_tab_order(page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url + "guide/plan/")
    expect(page.locator(".md-sidebar--primary")).to_have_css("visibility", "visible")
    walk = tab_walk(page, 8)
    menu = [stop for stop in walk if stop["inMenu"]]
    assert menu and all(stop["onScreen"] for stop in menu), walk
