"""The reference journey of issue 18 on a 390 px phone, counted: typed entries, taps and screens. Prints; never fails.

    python -m scripts.bench.journey [--site DIR] [--without-case] [--width 390]

From the home page, as a reader does: the seed's figures (income 5000, expenses 2000) in the
budget tool, three lenders (10,000, 20,000 and 30,000, with made-up names) in the several-lenders
tool, then a plan, a letter and a pack for each lender, each with that lender's own figures.

- With the case (the default): each result is put into 我的情况 with its 存入我的情况 button, and
  each lender's plan, letter and pack is opened from the 我的情况 summary's link for that lender,
  which fills the form from the case (back to the summary with the phone's back button).
- `--without-case`: the same journey the way a reader must without the case: each tool opened
  from the menu, and every field typed that the form does not already hold (today's prefill from
  the last result in this visit still helps).

A typed entry is one field filled by typing; a field already holding the right value (filled from
the case or prefilled) is not typed. A tap is a click on a link, the menu, a button, a box or a
choice. A screen is a page shown (the home page is the first). It prints the counts for the whole
journey, and the taps and screens from the home page to the first lender's letter, against the
issue's goal: at most the number of distinct facts plus three.

The steps live here (`Journey`), and tests/browser/test_journey.py runs them and checks the goal
and that each document shows its own lender's figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calculators import bridge  # noqa: E402
from calculators.core.money import format_amount  # noqa: E402
from calculators.documents.common import date_text  # noqa: E402

INCOME, EXPENSES = "5000", "2000"
NAME = "王小明"
# (name, what is owed, overdue since): the seed's three debts, names and dates made up
LENDERS = (("借呗", "10000", "2026-03-05"), ("微粒贷", "20000", "2026-04-10"), ("某某消费金融", "30000", "2026-05-20"))
REASON = "job_loss"
# income, expenses, the reader's name, and each lender's name, amount and overdue date
FACTS = 3 + 3 * len(LENDERS)
GOAL = FACTS + 3
WIDTH, HEIGHT = 390, 844
READY_MS = 120_000  # Python's start on a busy machine
NAV_MS = 30_000

MARK_LINK = """([url, where]) => {
  const links = [...document.querySelectorAll(where)].filter((a) => a.href === url);
  document.querySelectorAll("[data-journey-next]").forEach((a) => a.removeAttribute("data-journey-next"));
  if (!links.length) return false;
  links[0].setAttribute("data-journey-next", "");
  return true;
}"""

MENU_MOTION_MS = 400  # Material's menu panels slide in
# In the phone's menu: nothing to do when the marked link can be tapped; else the label to tap
# first: the open section's title (back up a level) when the link is outside it, or the link's
# own section to open it.
MENU_STEP = """() => {
  const link = document.querySelector("[data-journey-next]");
  const box = link.getBoundingClientRect();
  const hit = box.width && document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  if (hit && link.contains(hit)) return "";
  const open = [...document.querySelectorAll(".md-nav--primary input.md-nav__toggle:checked")]
    .filter((toggle) => !toggle.parentElement.contains(link));
  if (open.length) return `label.md-nav__title[for="${open[open.length - 1].id}"]`;
  const section = link.closest("li.md-nav__item--nested:not(:has(> input:checked))");
  return section ? `label.md-nav__link[for="${section.querySelector(":scope > input").id}"]` : "";
}"""


def engine_figures() -> list[dict]:
    """Each lender's share of what the reader can pay and its plan's months, from the site's own
    engines (the budget, several-lenders and plan tools), as the pages will show them."""
    offer = bridge.call("budget", {"income": INCOME, "expenses": EXPENSES, "margin": "10"})["data"]["offer"]
    rows = [{"name": name, "amount": amount} for name, amount, _ in LENDERS]
    offers = bridge.call("lenders", {"capacity": offer, "order": "pro_rata", "lenders": rows})["data"]["offers"]
    figures = []
    for (name, amount, since), found in zip(LENDERS, offers):
        plan = bridge.call("plan", {"total": amount, "mode": "monthly", "monthly": found["monthly"]})["data"]
        figures.append({"name": name, "owed": amount, "since": since, "monthly": found["monthly"], "months": str(plan["months"])})
    return figures


def same(shown: str, wanted: str) -> bool:
    """Whether a field already holds the value (amounts compared as numbers: 10000.00 is 10000)."""
    try:
        return Decimal(shown) == Decimal(wanted)
    except (InvalidOperation, ValueError):
        return shown.strip() == wanted.strip()


@dataclass
class Counts:
    typed: int = 0
    needed: int = 0  # entries the forms needed: typed, or already holding the right value
    taps: int = 0
    screens: int = 1  # the home page
    to_first_letter: tuple[int, int, int] | None = None  # (typed, taps, screens) when it shows
    typed_where: list[str] = field(default_factory=list)  # "tools/letter/ overdue_since", one per typed entry


class Journey:
    """One reader's journey in one Playwright page, counted. `expect` is Playwright's."""

    def __init__(self, page, base: str, *, with_case: bool, expect):
        self.page = page
        self.base = base
        self.with_case = with_case
        self.expect = expect
        self.counts = Counts()
        self.figures = engine_figures()
        self.documents: list[tuple[str, str, str]] = []  # (tool, lender, result text)
        self.previous, self.current = "", base

    # ---- what a reader does ----

    def tap(self, locator) -> None:
        locator.click()
        self.counts.taps += 1

    def enter(self, field, value: str) -> None:
        """Type `value` into `field` unless it already holds it."""
        self.counts.needed += 1
        if same(field.input_value(), value):
            return
        field.fill(value)
        self.counts.typed += 1
        self.counts.typed_where.append(f"{self.current.removeprefix(self.base)} {field.get_attribute('name')}")

    def tick(self, box) -> None:
        if not box.is_checked():
            self.tap(box)

    def _arrive(self, url: str) -> None:
        self.page.wait_for_url(lambda now: now.partition("#")[0] == url.partition("#")[0], timeout=NAV_MS)
        self.expect(self.page.locator("article[data-left]")).to_have_count(0, timeout=NAV_MS)
        self.expect(self.page.locator("article h1")).to_be_visible(timeout=NAV_MS)
        self.counts.screens += 1
        self.previous, self.current = self.current, url.partition("#")[0]

    def _follow(self, url: str, where: str) -> bool:
        if not self.page.evaluate(MARK_LINK, [url, where]):
            return False
        self.page.evaluate('document.querySelector("article").setAttribute("data-left", "")')
        self.tap(self.page.locator("[data-journey-next]").first)
        self._arrive(url)
        return True

    def open(self, path: str) -> None:
        """Go to a page of the site as a reader does: its link on the page when there is one,
        else the menu (the ☰ button, the section, the link)."""
        url = self.base + path
        if self.page.url.partition("#")[0] == url or self._follow(url, "article a[href]"):
            return
        self.tap(self.page.locator('label.md-header__button[for="__drawer"]'))
        if not self.page.evaluate(MARK_LINK, [url, ".md-nav--primary a.md-nav__link[href]"]):
            raise AssertionError(f"no link to {path} in the menu")
        link = self.page.locator("[data-journey-next]").first
        for _ in range(4):  # the menu opens at the section of the page on screen
            self.page.wait_for_timeout(MENU_MOTION_MS)
            step = self.page.evaluate(MENU_STEP)
            if not step:
                break
            self.tap(self.page.locator(step).first)
        self.page.evaluate('document.querySelector("article").setAttribute("data-left", "")')
        self.tap(link)
        self._arrive(url)

    def form(self, tool: str):
        form = self.page.locator(f'form[data-calculator="{tool}"]')
        self.expect(form).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
        return form

    def store(self, form) -> None:
        self.tap(form.locator("[data-case-save]"))
        self.expect(form.locator(".calc-case-save [role=status]")).to_contain_text("已存入")

    def open_for_lender(self, index: int, path: str, label: str):
        """The tool at `path` about lender `index`: from the case summary's link when using the
        case, else from the menu."""
        if not self.with_case:
            self.open(path)
            return
        if self.previous == self.base + "case/":  # back to the summary, as a phone's back button does
            self.page.go_back()
            self.counts.taps += 1
            self._arrive(self.base + "case/")
        else:
            self.open("case/")
        summary = self.form("case").locator("[data-calc-result]")
        link = summary.get_by_role("link", name=f"{self.figures[index]['name']}：{label}", exact=True)
        self.expect(link).to_be_visible()
        url = link.get_attribute("href")
        self.page.evaluate('document.querySelector("article").setAttribute("data-left", "")')
        self.tap(link)
        self._arrive(url)

    def chosen(self, form, index: int) -> None:
        """With the case, the form is about lender `index` (chosen by the link's #lender=)."""
        if self.with_case:
            self.expect(form.locator("[data-case-pick]")).to_have_value(str(index))

    # ---- the steps ----

    def budget(self) -> None:
        self.open("tools/budget/")
        form = self.form("budget")
        self.enter(form.locator("[name=income]"), INCOME)
        self.enter(form.locator("[name=expenses]"), EXPENSES)
        self.expect(form.locator("[data-calc-result]")).to_contain_text(format_amount(Decimal(INCOME) - Decimal(EXPENSES)))
        if self.with_case:
            self.store(form)

    def lenders(self) -> None:
        self.open("tools/lenders/")
        form = self.form("lenders")
        rows = form.locator("[data-repeat] .calc-row")
        for index, (name, amount, _) in enumerate(LENDERS):
            if index >= rows.count():
                self.tap(form.locator("[data-add-row]"))
            self.enter(rows.nth(index).locator("[name=name]"), name)
            self.enter(rows.nth(index).locator("[name=amount]"), amount)
        for lender in self.figures:
            self.expect(form.locator("[data-calc-result]")).to_contain_text(format_amount(Decimal(lender["monthly"])))
        if self.with_case:
            self.store(form)

    def plan(self, index: int) -> None:
        lender = self.figures[index]
        self.open_for_lender(index, "tools/plan/", "还款计划")
        form = self.form("plan")
        self.chosen(form, index)
        self.enter(form.locator("[name=total]"), lender["owed"])
        self.enter(form.locator("[name=monthly]"), lender["monthly"])
        self.expect(form.locator("[data-calc-result]")).to_contain_text(f"{lender['months']} 期")
        self.keep("plan", index, form)
        if self.with_case:
            self.store(form)

    def _letter_fields(self, form, lender) -> None:
        self.enter(form.locator("[name=name]"), NAME)
        self.enter(form.locator("[name=lender]"), lender["name"])
        self.enter(form.locator("[name=owed]"), lender["owed"])
        self.enter(form.locator("[name=overdue_since]"), lender["since"])
        self.enter(form.locator("[name=monthly]"), lender["monthly"])
        self.enter(form.locator("[name=months]"), lender["months"])
        self.tick(form.locator(f"[name=reasons][value={REASON}]"))

    def letter(self, index: int) -> None:
        lender = self.figures[index]
        self.open_for_lender(index, "tools/letter/", "协商信")
        form = self.form("letter")
        self.chosen(form, index)
        self._letter_fields(form, lender)
        self.settled(form, lender)
        if index == 0:
            self.counts.to_first_letter = (self.counts.typed, self.counts.taps, self.counts.screens)
        self.keep("letter", index, form)
        if self.with_case:
            self.store(form)

    def pack(self, index: int) -> None:
        lender = self.figures[index]
        self.open_for_lender(index, "tools/pack/", "材料包")
        form = self.form("pack")
        self.chosen(form, index)
        self.enter(form.locator("[name=income]"), INCOME)
        self.enter(form.locator("[name=expenses]"), EXPENSES)
        self._letter_fields(form, lender)
        self.settled(form, lender)
        self.keep("pack", index, form)

    def settled(self, form, lender) -> None:
        """Waits until the letter on screen has every entry, the last one typed too (what
        存入我的情况 keeps is the result on screen)."""
        result = form.locator("[data-calc-result]")
        self.expect(result).to_contain_text(format_amount(Decimal(lender["monthly"])))
        self.expect(result).to_contain_text(date_text(dt.date.fromisoformat(lender["since"])))

    def keep(self, tool: str, index: int, form) -> None:
        self.documents.append((tool, self.figures[index]["name"], form.locator("[data-calc-result]").inner_text()))

    def run(self) -> Counts:
        """The whole journey from the home page (which must be open)."""
        self.budget()
        self.lenders()
        for index in range(len(LENDERS)):
            self.plan(index)
            self.letter(index)
            self.pack(index)
        return self.counts


def measure(context, base: str, *, with_case: bool, expect) -> Journey:
    """One journey in a fresh page of `context` (a fresh Playwright profile), from the home page."""
    page = context.new_page()
    page.goto(base)
    journey = Journey(page, base, with_case=with_case, expect=expect)
    journey.run()
    return journey


def report(counts: Counts, with_case: bool) -> str:
    typed, taps, screens = counts.to_first_letter or (0, 0, 0)
    how = "with the case (我的情况)" if with_case else "without the case"
    return "\n".join(
        (
            f"Reference journey {how}, Chromium at {WIDTH} px: 3 lenders, a plan, a letter and a pack each",
            f"  typed entries: {counts.typed} (of {counts.needed} entries the forms needed; "
            f"goal at most {GOAL} = {FACTS} distinct facts + 3)",
            f"  taps: {counts.taps}; screens: {counts.screens}",
            f"  home page to the first lender's letter: {typed} typed, {taps} taps, {screens} screens",
            f"  typed: {', '.join(counts.typed_where)}",
        )
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an already built site folder (built for this server's address: omit to build)")
    parser.add_argument("--without-case", action="store_true", help="the journey without the case (the before figure)")
    parser.add_argument("--both", action="store_true", help="both journeys, without then with the case")
    args = parser.parse_args(argv)

    from playwright.sync_api import expect, sync_playwright

    from scripts import devserver
    from scripts.bench import site as bench_site

    server, base, _traffic, gzipped = devserver.serve(Path(args.site or tempfile.mkdtemp(prefix="journey-site-")))
    try:
        if not args.site:
            bench_site.build_site(server.handler_class.root, base)
        gzipped.fill(server.handler_class.root, server.handler_class)
        modes = (False, True) if args.both else (not args.without_case,)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=devserver.CHROMIUM, headless=True, args=devserver.LAUNCH_ARGS)
            for with_case in modes:
                context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
                context.set_default_timeout(NAV_MS)
                try:
                    print(report(measure(context, base, with_case=with_case, expect=expect).counts, with_case), flush=True)
                finally:
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
