"""Accessibility in Chromium: axe-core on every page at three widths and in every state (a tool page
also as it first loads, Python not ready yet), content tabs, keyboard use, touch targets."""

from pathlib import Path

import pytest
from engines import ChromiumEngine, enter_case, refuse_amount
from playwright.sync_api import expect
from tool_cases import CASES

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = [320, 390, 1280]  # a small phone, a common phone, a desktop
# Waits (up to 3 s) for running transitions to end: a header title halfway through fading in is
# no contrast failure.
SETTLED = """() => Promise.race([
  Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 3000)),
]).then(() => true)"""


def axe_violations(page) -> list[str]:
    assert AXE.exists(), "axe-core is missing: run the README's test command (npm ci)"
    if page.evaluate("typeof axe === 'undefined'"):  # after instant navigation it is still there
        page.evaluate(AXE.read_text(encoding="utf-8"))
    page.evaluate(SETTLED)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")
def test_axe_finds_nothing_on_any_page_in_any_state(browser, site, follow_menu_link, width):
    """Every page at a small phone's, a common phone's and a desktop's width; every tool page
    with its realistic result (tool_cases.py), and with a refused amount."""
    engine = ChromiumEngine(browser, width=width, height=900)
    tools = set(site.tool_pages())
    found = {}

    def check(label):
        violations = axe_violations(engine.page)
        if violations:
            found[label] = violations

    try:
        engine.goto(site.url)
        for path in site.pages():
            follow_menu_link(engine.page, site.page_url(path))
            if path not in tools:
                check(path or "/")
                continue
            assert path in CASES, f"{path}: no case in tests/browser/tool_cases.py"
            enter_case(engine, CASES[path])
            check(f"{path} (result)")
            if refuse_amount(engine, CASES[path]):
                check(f"{path} (error)")
    finally:
        engine.close()
    assert found == {}


@pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")
def test_axe_finds_nothing_on_any_tool_page_as_it_first_loads(browser, site, width):
    """Every tool page as a reader first sees it: at the top of the page, Python still loading
    (its files are held back), the runtime bar and the empty form showing. (A row laid out late
    once made the rate page's add button seem covered here, and nowhere else.)"""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.route("**/assets/pyodide/**", lambda route: None)  # never answered: Python never gets ready
    found = {}
    try:
        for path in site.tool_pages():
            page.goto(site.page_url(path))
            expect(page.locator("form[data-calculator]").first).to_have_attribute("data-calc-state", "loading")
            expect(page.locator("form[data-calculator] [data-calc-runtime]").first).to_be_visible()
            assert page.evaluate("scrollY") == 0
            violations = axe_violations(page)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert site.tool_pages() and found == {}


@pytest.mark.parametrize("width", [320, 1280], ids=lambda width: f"{width}px")
def test_content_tabs_never_become_a_sideways_scrolling_strip(browser, site, width):
    """With their text at twice its size, content tabs wrap: all stay in sight, and no strip
    scrolls that a keyboard cannot reach (the auditor's scrollable-region-focusable)."""
    pages = [p for p in site.pages() if 'class="tabbed-labels' in (site.dir / p / "index.html").read_text(encoding="utf-8")]
    assert "guide/talk/" in pages
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for path in pages:
            page.goto(site.page_url(path))
            page.evaluate("() => document.querySelectorAll('.tabbed-labels > label').forEach((l) => { l.style.fontSize = '200%'; })")
            strips = page.evaluate(
                """() => [...document.querySelectorAll(".tabbed-labels")].map((strip) => ({
                     overflow: strip.scrollWidth - strip.clientWidth,
                     outside: [...strip.children].filter((l) => l.getBoundingClientRect().right > innerWidth + 1).length }))"""
            )
            assert strips and all(s == {"overflow": 0, "outside": 0} for s in strips), (path, strips)
            page.evaluate(AXE.read_text(encoding="utf-8"))
            found = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'rule', values: ['scrollable-region-focusable']}})"
                ".then((r) => r.violations.length + r.incomplete.length)"
            )
            assert found == 0, path
    finally:
        context.close()


def test_the_capacity_tool_works_with_the_keyboard_alone(page, site, wait_ready):
    page.goto(site.page_url("tools/budget/"))
    wait_ready(page)
    page.locator('input[name="income"]').focus()
    page.keyboard.type("5000")
    page.locator('input[name="expenses"]').focus()
    page.keyboard.type("2000")
    page.keyboard.press("Enter")
    expect(page.locator("[data-calc-result]")).to_contain_text("3,000.00 元")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.print !== undefined"):
            break
    assert page.evaluate("document.activeElement.textContent") == "打印或存为 PDF"


def test_touch_targets_are_at_least_44_px(page, site, wait_ready, follow_menu_link):
    small = []
    page.goto(site.url)
    for path in site.tool_pages():
        follow_menu_link(page, site.page_url(path))
        wait_ready(page)
        page.locator("form[data-calculator] [type=submit]").first.click()
        page.wait_for_timeout(300)
        targets = page.locator(
            "form[data-calculator] button:visible, form[data-calculator] input:visible, form[data-calculator] select:visible, "
            "form[data-calculator] textarea:visible, .calc-result-tools button:visible"
        )
        # A checkbox or radio counts with its label, which is what a finger presses.
        heights = targets.evaluate_all(
            """els => els.map(e => {
                const hit = (e.type === "checkbox" || e.type === "radio") && e.closest("label") || e;
                return [e.outerHTML.slice(0, 80), hit.getBoundingClientRect().height];
            })"""
        )
        small += [(path, html, round(height)) for html, height in heights if 0 < height < 44]
    assert small == []
