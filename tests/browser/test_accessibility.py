"""Accessibility in Chromium: axe-core on every page, keyboard use, touch targets."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[str]:
    assert AXE.exists(), "axe-core is missing: run the README's test command (npm ci)"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_axe_finds_nothing_on_any_page(browser, site, wait_ready):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    tools = set(site.tool_pages())
    found = {}
    try:
        for path in site.pages():
            page.goto(site.page_url(path))
            if path in tools:
                wait_ready(page)
                page.locator("form[data-calculator] [type=submit]").first.click()
                page.wait_for_timeout(300)
            violations = axe_violations(page)
            if violations:
                found[path or "/"] = violations
    finally:
        context.close()
    assert found == {}


def test_axe_finds_nothing_in_results_and_errors(page, site, wait_ready):
    page.goto(site.page_url("tools/budget/"))
    wait_ready(page)
    page.fill('input[name="income"]', "5000")
    page.fill('input[name="expenses"]', "6000")
    expect(page.locator("[data-calc-result]")).not_to_be_empty()
    assert axe_violations(page) == []
    page.fill('input[name="income"]', "abc")
    expect(page.locator('[data-error-for="income"]')).to_be_visible()
    assert axe_violations(page) == []


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


def test_touch_targets_are_at_least_44_px(page, site, wait_ready):
    small = []
    for path in site.tool_pages():
        page.goto(site.page_url(path))
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
