"""Accessibility in Chromium: axe-core on every page at three widths and in every state (a tool page
also as it first loads, Python not ready yet), content tabs, keyboard use, touch targets."""

from pathlib import Path

import pytest
from engines import ChromiumEngine, enter_case, refuse_amount
from playwright.sync_api import expect
from reader import open_tool
from tool_cases import CASES

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = [320, 390, 1280]  # a small phone, a common phone, a desktop
# Brings the page to where its running transitions and animations would end, then runs axe: a
# header title halfway through fading in is no contrast failure. It first lets two animation
# frames pass (the page's own handlers for a new width run and start their transitions), then ends
# every running finite animation at once (Animation.finish(): the end state it would reach by
# itself, without waiting for it), again until none runs (one ending may start another).
# None when axe is not in the page yet.
AXE_RUN = """async (tags) => {
  if (typeof axe === "undefined") return null;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const running = () => document.getAnimations().filter(
    (a) => a.playState === "running" && a.effect && a.effect.getTiming().iterations !== Infinity);
  await frame();
  await frame();
  for (let round = 0; round < 10 && running().length; round++) {
    for (const animation of running()) animation.finish();
    await frame();
  }
  return axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
}"""
# Waits (up to 3 s) for running transitions to end (content tabs' layout, before measuring).
SETTLED = """() => Promise.race([
  Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 3000)),
]).then(() => true)"""


def axe_violations(page) -> list[str]:
    """axe's violations of the WCAG 2.0–2.2 A and AA rules on the page as it is, once its running
    transitions are over (AXE_RUN); axe is put in the page when it is not there yet (after instant
    navigation it still is)."""
    assert AXE.exists(), "axe-core is missing: run the README's test command (npm ci)"
    # resultTypes: only violations get their full details (axe's API, "performance": it skips
    # working out selectors for every element that passed); what is checked stays the same.
    result = page.evaluate(AXE_RUN, TAGS)
    if result is None:
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(AXE_RUN, TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def axe_at_widths(page, label: str, found: dict, widths=WIDTHS, height: int = 900, back: bool = True) -> list[int]:
    """Runs axe on the page as it is at each width in turn, by resizing the window (one page load
    for every width; Material lays the page out again for each), and leaves the window at the
    first width (at the last if `back` is False). Violations go to `found` under "label at
    WIDTHpx". Returns the widths in the order for a next state that starts where this one left
    the window (reversed when not `back`: one resize, and one wait for the layout's transitions,
    fewer per state)."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        violations = axe_violations(page)
        if violations:
            found[f"{label} at {width}px"] = violations
    if back:
        page.set_viewport_size({"width": widths[0], "height": height})
        return list(widths)
    return list(reversed(widths))


@pytest.fixture
def page(warm_tool_page):
    """The module's window, a 390 px phone (Python starts once for the tests that use it); after
    each test the reader clears what the site keeps."""
    return warm_tool_page


def test_axe_finds_nothing_on_any_page_in_any_state(page, browser, site, follow_menu_link):
    """Every page at a small phone's, a common phone's and a desktop's width; every tool page
    with its realistic result (tool_cases.py), and with a refused amount. The module's window,
    moving from the menu (Python starts once), resized to each width for each state: 320, 390,
    1280 px, then the next state 1280, 390, 320 px, and so on (no resize back between states)."""
    engine = ChromiumEngine(browser, page=page)
    tools = set(site.tool_pages())
    found = {}
    widths = WIDTHS
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    try:
        for path in site.pages():  # the home page ("") first
            follow_menu_link(page, site.page_url(path))
            if path not in tools:
                widths = axe_at_widths(page, path or "/", found, widths, back=False)
                continue
            assert path in CASES, f"{path}: no case in tests/browser/tool_cases.py"
            enter_case(engine, CASES[path])
            widths = axe_at_widths(page, f"{path} (result)", found, widths, back=False)
            if refuse_amount(engine, CASES[path]):
                widths = axe_at_widths(page, f"{path} (error)", found, widths, back=False)
    finally:
        engine.close()
    assert found == {}


def test_axe_finds_nothing_on_any_tool_page_as_it_first_loads(browser, site):
    """Every tool page as a reader first sees it, at each width: at the top of the page, Python
    still loading (its files are held back), the runtime bar and the empty form showing. Each page
    is loaded once, at one of the widths in turn (so each width sees real first loads), then
    resized to the others. (A row laid out late once made the rate page's add button seem covered
    here, and nowhere else.)"""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.route("**/assets/pyodide/**", lambda route: None)  # never answered: Python never gets ready
    found = {}
    pages = site.tool_pages()
    try:
        for index, path in enumerate(pages):
            widths = WIDTHS[index % len(WIDTHS) :] + WIDTHS[: index % len(WIDTHS)]
            page.set_viewport_size({"width": widths[0], "height": 900})
            page.goto(site.page_url(path))
            for width in widths:
                page.set_viewport_size({"width": width, "height": 900})
                expect(page.locator("form[data-calculator]").first).to_have_attribute("data-calc-state", "loading")
                expect(page.locator("form[data-calculator] [data-calc-runtime]").first).to_be_visible()
                assert page.evaluate("scrollY") == 0, (path, width)
                violations = axe_violations(page)
                if violations:
                    found[f"{path} at {width}px"] = violations
    finally:
        context.close()
    assert pages and found == {}


def test_content_tabs_never_become_a_sideways_scrolling_strip(browser, site):
    """With their text at twice its size, content tabs wrap at 320 and 1280 px: all stay in sight,
    and no strip scrolls that a keyboard cannot reach (the auditor's scrollable-region-focusable).
    Each page is loaded once and resized."""
    pages = [p for p in site.pages() if 'class="tabbed-labels' in (site.dir / p / "index.html").read_text(encoding="utf-8")]
    assert "guide/talk/" in pages
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    try:
        for path in pages:
            page.goto(site.page_url(path))
            page.evaluate("() => document.querySelectorAll('.tabbed-labels > label').forEach((l) => { l.style.fontSize = '200%'; })")
            page.evaluate(AXE.read_text(encoding="utf-8"))
            for width in (320, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                page.evaluate(SETTLED)
                strips = page.evaluate(
                    """() => [...document.querySelectorAll(".tabbed-labels")].map((strip) => ({
                         overflow: strip.scrollWidth - strip.clientWidth,
                         outside: [...strip.children].filter((l) => l.getBoundingClientRect().right > innerWidth + 1).length }))"""
                )
                assert strips and all(s == {"overflow": 0, "outside": 0} for s in strips), (path, width, strips)
                found = page.evaluate(
                    "() => axe.run(document, {runOnly: {type: 'rule', values: ['scrollable-region-focusable']}})"
                    ".then((r) => r.violations.length + r.incomplete.length)"
                )
                assert found == 0, (path, width)
    finally:
        context.close()


def test_the_capacity_tool_works_with_the_keyboard_alone(page, site):
    open_tool(page, site, "budget")
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


def test_touch_targets_are_at_least_44_px(page, site):
    small = []
    for path in site.tool_pages():
        open_tool(page, site, path)
        # The status line is emptied, then written when the answer to this 计算 is shown (with its
        # field errors, if any): that is the wait.
        status = page.locator("form[data-calculator] [data-calc-status]").first
        status.evaluate("line => { line.textContent = ''; }")
        page.locator("form[data-calculator] [type=submit]").first.click()
        expect(status).not_to_have_text("")
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
