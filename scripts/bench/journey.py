"""The reference journey of issue 18 on a 390 px phone, counted: typed entries, taps and screens. Prints; never fails.

    python -m scripts.bench.journey [--site DIR] [--without-case | --both] [--engine chromium|webkit|firefox]

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

The steps and the counting live here, once (`Journey`), over a small set of the reader's hands
(run a page function, tap, type, go back): `PlaywrightHands` for a Playwright page (Chromium) and
`EngineHands` for a window of tests/browser/engines.py (WebKit, Firefox). Every wait is on a
condition in the page, never a fixed pause. tests/browser/test_journey.py (Chromium) and
test_journey_engines.py (WebKit, Firefox) run them and check the goal and that each document shows
its own lender's figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calculators import bridge  # noqa: E402
from calculators.core.money import format_amount  # noqa: E402
from calculators.documents.common import date_text  # noqa: E402
from scripts.bench import engine_drivers  # noqa: E402  (EngineHands: the tests' engine drivers)

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
CALL_MS = 60_000  # one call to Python (the first on a page may import modules) on a busy machine
POLL_S = 0.1
TAP_CHECK_MS = 2_000  # a tap's click event arrives with the tap; this is only slack for a busy machine

# ---- the page functions the journey runs (sources, called with JSON arguments) ----

# Marks the first element matching `where` whose link leads to `url` as the next to tap.
MARK_LINK = """(url, where) => {
  const links = [...document.querySelectorAll(where)].filter((a) => a.href === url);
  document.querySelectorAll("[data-journey-next]").forEach((a) => a.removeAttribute("data-journey-next"));
  if (!links.length) return false;
  links[0].setAttribute("data-journey-next", "");
  return true;
}"""
# Marks the visible link inside `where` whose text is `text` as the next to tap; gives its address.
MARK_NAMED_LINK = """(where, text) => {
  document.querySelectorAll("[data-journey-next]").forEach((a) => a.removeAttribute("data-journey-next"));
  const link = [...document.querySelectorAll(`${where} a[href]`)]
    .find((a) => a.textContent.replace(/\\s+/g, " ").trim() === text && a.getClientRects().length > 0);
  if (!link) return "";
  link.setAttribute("data-journey-next", "");
  return link.href;
}"""
NEXT = "[data-journey-next]"
# Marks the `index`-th field matching `selector` as the one to act on; says what it holds.
MARK_FIELD = """(selector, index) => {
  document.querySelectorAll("[data-journey-field]").forEach((f) => f.removeAttribute("data-journey-field"));
  const field = document.querySelectorAll(selector)[index];
  if (!field) return null;
  field.setAttribute("data-journey-field", "");
  return { value: field.value, name: field.name, checked: field.checked, kind: field.tagName === "SELECT" ? "select" : field.type };
}"""
FIELD = "[data-journey-field]"
# Set on the article before a tap that leaves the page: the next page's article has no mark.
LEAVING = '() => { document.querySelector("article").setAttribute("data-left", ""); }'
ARRIVED = """(url) => {
  const title = document.querySelector("article h1");
  return location.href.split("#")[0] === url.split("#")[0] && !document.querySelector("article[data-left]")
    && Boolean(title && title.getClientRects().length);
}"""
VISIBLE = "(selector) => { const node = document.querySelector(selector); return Boolean(node && node.getClientRects().length); }"
READY = "(tool) => { const form = document.querySelector(`form[data-calculator=\"${tool}\"]`); return Boolean(form && form.dataset.calcState === \"ready\"); }"
COUNT = "(selector) => document.querySelectorAll(selector).length"
CHECKED = "() => document.querySelector('[data-journey-field]').checked"
HAS_VALUE = "(selector, value) => { const node = document.querySelector(selector); return Boolean(node && node.value === value); }"
# Whether the element's text holds every one of `texts` (white space collapsed, as a reader sees it).
SHOWS = """(selector, texts) => {
  const node = document.querySelector(selector);
  const text = node ? node.textContent.replace(/\\s+/g, " ") : "";
  return texts.every((wanted) => text.includes(wanted.replace(/\\s+/g, " ")));
}"""
TEXT = "(selector) => document.querySelector(selector).innerText"
# What 存入我的情况 said once it answered (its status line is empty until then).
SAVE_SAID = """(form) => { const node = document.querySelector(`${form} .calc-case-save [role=status]`);
  return node ? node.textContent.trim() : ""; }"""

# Before a tap: notes whether the element gets the click. After it: whether it did (a page left
# by a full load, which has no note, counts as reached).
ARM_TAP = """(selector) => {
  window.__journeyTapped = false;
  const node = document.querySelector(selector);
  if (node) node.addEventListener("click", () => { window.__journeyTapped = true; }, { once: true, capture: true });
}"""
TAPPED = "() => window.__journeyTapped !== false"

MENU_BUTTON = 'label.md-header__button[for="__drawer"]'
# Whether the phone's menu has stopped moving: no transition running in the drawer or its panels
# (getAnimations() applies pending style changes first, so a panel just tapped open counts).
MENU_STILL = """() => document.getAnimations().every((a) => a.playState !== "running"
  || !(a.effect && a.effect.target && a.effect.target.closest && a.effect.target.closest(".md-sidebar--primary, .md-overlay")))"""
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


# ---- the reader's hands in one engine: what Journey needs from a browser ----

class PlaywrightHands:
    """A Playwright page (Chromium): Playwright's own click and fill."""

    engine = "chromium"

    def __init__(self, page):
        self.page = page

    def run(self, function: str, *args):
        """Runs the JavaScript function source `function` with JSON `args` in the page; its value."""
        return self.page.evaluate(f"(args) => ({function})(...args)", list(args))

    def tap(self, selector: str) -> None:
        self.page.locator(selector).first.click()

    def type(self, selector: str, text: str) -> None:
        """Replaces what the field holds with `text`."""
        self.page.locator(selector).first.fill(text)

    def back(self) -> None:
        self.page.go_back()


class EngineHands:
    """A window of tests/browser/engines.py (WebKit or Firefox; Chromium too): the engine's own
    WebDriver click and key-by-key typing; a date is set and announced, as Playwright's fill does."""

    def __init__(self, engine):
        self.driver = engine
        self.engine = engine.name

    def run(self, function: str, *args):
        return self.driver.call(function, *args)

    def tap(self, selector: str) -> None:
        """Taps the element once a tap at its middle would reach it (as Playwright waits before a
        click): e.g. not while the menu is still sliding away over the page."""
        deadline = time.monotonic() + NAV_MS / 1000
        while (found := self.driver.call(TAPPABLE, selector)) is not True:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.engine}: {selector} stayed out of reach for {NAV_MS / 1000:.0f} s: {found['covered']}")
            time.sleep(POLL_S)
        self.driver.click(selector)

    def type(self, selector: str, text: str) -> None:
        engine_drivers.engines().put(self.driver, selector, text)

    def back(self) -> None:
        self.driver.call("() => { history.back(); }")


# Whether a tap at the middle of the element (scrolled to the middle of the window) reaches it.
# (A link broken over two lines is tapped on its first line.) Else what the tap would reach.
TAPPABLE = """(selector) => {
  const node = document.querySelector(selector);
  if (!node) return { covered: "nothing matches" };
  node.scrollIntoView({ block: "center", inline: "nearest" });
  const box = node.getClientRects()[0];
  const hit = box && box.width && box.height && document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  const label = hit && hit.closest("label");
  if (hit && (node.contains(hit) || (label && label.control === node))) return true;
  return { covered: hit ? hit.outerHTML.slice(0, 160) : "not on screen" };
}"""
class Journey:
    """One reader's journey in one browser window, counted. `hands` is PlaywrightHands or
    EngineHands: the steps and the counting are here, once, for every engine."""

    def __init__(self, hands, base: str, *, with_case: bool):
        self.hands = hands
        self.base = base
        self.with_case = with_case
        self.counts = Counts()
        self.figures = engine_figures()
        self.documents: list[tuple[str, str, str]] = []  # (tool, lender, result text)
        self.store_seconds: list[float] = []  # from the tap on 存入我的情况 to its answer
        self.missed_taps = 0  # taps that did not reach their element (tapped again)
        self.previous, self.current = "", base
        self.width = 0  # the window's width in CSS px, read at the start

    # ---- waiting and looking: never counted ----

    def ask(self, function: str, *args):
        """Runs `function` in the page once; its value."""
        return self.hands.run(function, *args)

    def wait(self, function: str, *args, timeout_ms: int = NAV_MS, what: str = ""):
        """Runs `function` in the page until it gives something truthy; returns that."""
        deadline = time.monotonic() + timeout_ms / 1000
        value = None
        while True:
            try:
                value = self.ask(function, *args)
            except Exception as error:  # noqa: BLE001  (the page may be between two documents)
                value = None
                last = error
            else:
                last = value
                if value:
                    return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.hands.engine}: waited {timeout_ms / 1000:.0f} s for {what or function}; last answer {last!r}")
            time.sleep(POLL_S)

    def shows(self, selector: str, *texts: str, timeout_ms: int = NAV_MS) -> None:
        self.wait(SHOWS, selector, list(texts), timeout_ms=timeout_ms, what=f"{selector} to show {list(texts)}")

    def ready(self, tool: str) -> str:
        """Waits until Python is ready on the page's form of `tool`; returns the form's selector."""
        self.wait(READY, tool, timeout_ms=READY_MS, what=f"the {tool} form to be ready")
        return f'form[data-calculator="{tool}"]'

    # ---- what a reader does: counted ----

    def tap(self, selector: str) -> None:
        """Taps the element and checks that the tap reached it (its click event); when it did
        not (e.g. the element moved as the tap went out), taps again, as a reader would. A missed
        tap is counted apart (`missed_taps`), not as one of the reader's taps."""
        for _ in range(3):
            self.ask(ARM_TAP, selector)
            self.hands.tap(selector)
            try:
                self.wait(TAPPED, timeout_ms=TAP_CHECK_MS)
            except AssertionError:
                self.missed_taps += 1
                continue
            self.counts.taps += 1
            return
        raise AssertionError(f"{self.hands.engine}: three taps on {selector} did not reach it")

    def enter(self, selector: str, value: str, nth: int = 0) -> None:
        """Type `value` into the `nth` field matching `selector` unless it already holds it."""
        self.counts.needed += 1
        found = self.wait(MARK_FIELD, selector, nth, what=f"the field {selector} #{nth}")
        if same(found["value"], value):
            return
        self.hands.type(FIELD, value)
        self.counts.typed += 1
        self.counts.typed_where.append(f"{self.current.removeprefix(self.base)} {found['name']}")

    def tick(self, selector: str) -> None:
        if not self.wait(MARK_FIELD, selector, 0, what=f"the box {selector}")["checked"]:
            self.tap(FIELD)
            self.wait(CHECKED, what=f"{selector} to be ticked")

    def _arrive(self, url: str) -> None:
        self.wait(ARRIVED, url, what=f"{url} to replace the page")
        self.counts.screens += 1
        self.previous, self.current = self.current, url.partition("#")[0]

    def _follow(self, url: str, where: str) -> bool:
        if not self.ask(MARK_LINK, url, where):
            return False
        self.ask(LEAVING)
        self.tap(NEXT)
        self._arrive(url)
        return True

    def open(self, path: str) -> None:
        """Go to a page of the site as a reader does: its link on the page when there is one,
        else the menu (the ☰ button, the section, the link)."""
        url = self.base + path
        if self.ask("() => location.href").partition("#")[0] == url or self._follow(url, "article a[href]"):
            return
        self.tap(MENU_BUTTON)
        if not self.ask(MARK_LINK, url, ".md-nav--primary a.md-nav__link[href]"):
            raise AssertionError(f"no link to {path} in the menu")
        for _ in range(4):  # the menu opens at the section of the page on screen
            self.wait(MENU_STILL, what="the menu to stop moving")
            step = self.ask(MENU_STEP)
            if not step:
                break
            self.tap(step)
        self.ask(LEAVING)
        self.tap(NEXT)
        self._arrive(url)

    def store(self, form: str) -> None:
        """Taps 存入我的情况 and waits for its answer. The store is a call to Python, queued behind
        any calculation still running; the first of a visit also imports the case's modules
        (only the page's own tools are imported before Python says ready). Under the full suite's
        load it once took more than Playwright's default 5 s, so it waits as long as a call may
        take on a busy 2-core machine."""
        button = f"{form} [data-case-save]"
        self.wait(VISIBLE, button, what="存入我的情况 to be offered")
        started = time.monotonic()
        self.tap(button)
        said = self.wait(SAVE_SAID, form, timeout_ms=CALL_MS, what="存入我的情况 to answer")
        self.store_seconds.append(time.monotonic() - started)
        if "已存入" not in said:
            raise AssertionError(f"{self.hands.engine}: 存入我的情况 said {said!r}")

    def open_for_lender(self, index: int, path: str, label: str):
        """The tool at `path` about lender `index`: from the case summary's link when using the
        case, else from the menu."""
        if not self.with_case:
            self.open(path)
            return
        if self.previous == self.base + "case/":  # back to the summary, as a phone's back button does
            self.ask(LEAVING)
            self.hands.back()
            self.counts.taps += 1
            self._arrive(self.base + "case/")
        else:
            self.open("case/")
        summary = self.ready("case") + " [data-calc-result]"
        name = f"{self.figures[index]['name']}：{label}"
        url = self.wait(MARK_NAMED_LINK, summary, name, what=f"the summary's link {name}")
        self.ask(LEAVING)
        self.tap(NEXT)
        self._arrive(url)

    def chosen(self, form: str, index: int) -> None:
        """With the case, the form is about lender `index` (chosen by the link's #lender=)."""
        if self.with_case:
            self.wait(HAS_VALUE, f"{form} [data-case-pick]", str(index), what=f"lender {index} to be chosen")

    # ---- the steps ----

    def budget(self) -> None:
        self.open("tools/budget/")
        form = self.ready("budget")
        self.enter(f"{form} [name=income]", INCOME)
        self.enter(f"{form} [name=expenses]", EXPENSES)
        self.shows(f"{form} [data-calc-result]", format_amount(Decimal(INCOME) - Decimal(EXPENSES)))
        if self.with_case:
            self.store(form)

    def lenders(self) -> None:
        self.open("tools/lenders/")
        form = self.ready("lenders")
        rows = f"{form} [data-repeat] .calc-row"
        for index, (name, amount, _) in enumerate(LENDERS):
            if index >= self.ask(COUNT, rows):
                self.tap(f"{form} [data-add-row]")
            self.enter(f"{rows} [name=name]", name, index)
            self.enter(f"{rows} [name=amount]", amount, index)
        self.shows(f"{form} [data-calc-result]", *(format_amount(Decimal(lender["monthly"])) for lender in self.figures))
        if self.with_case:
            self.store(form)

    def plan(self, index: int) -> None:
        lender = self.figures[index]
        self.open_for_lender(index, "tools/plan/", "还款计划")
        form = self.ready("plan")
        self.chosen(form, index)
        self.enter(f"{form} [name=total]", lender["owed"])
        self.enter(f"{form} [name=monthly]", lender["monthly"])
        self.shows(f"{form} [data-calc-result]", f"{lender['months']} 期")
        self.keep("plan", index, form)
        if self.with_case:
            self.store(form)

    def _letter_fields(self, form: str, lender) -> None:
        self.enter(f"{form} [name=name]", NAME)
        self.enter(f"{form} [name=lender]", lender["name"])
        self.enter(f"{form} [name=owed]", lender["owed"])
        self.enter(f"{form} [name=overdue_since]", lender["since"])
        self.enter(f"{form} [name=monthly]", lender["monthly"])
        self.enter(f"{form} [name=months]", lender["months"])
        self.tick(f"{form} [name=reasons][value={REASON}]")

    def letter(self, index: int) -> None:
        lender = self.figures[index]
        self.open_for_lender(index, "tools/letter/", "协商信")
        form = self.ready("letter")
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
        form = self.ready("pack")
        self.chosen(form, index)
        self.enter(f"{form} [name=income]", INCOME)
        self.enter(f"{form} [name=expenses]", EXPENSES)
        self._letter_fields(form, lender)
        self.settled(form, lender)
        self.keep("pack", index, form)

    def settled(self, form: str, lender) -> None:
        """Waits until the letter on screen has every entry, the last one typed too (what
        存入我的情况 keeps is the result on screen)."""
        self.shows(f"{form} [data-calc-result]", format_amount(Decimal(lender["monthly"])), date_text(dt.date.fromisoformat(lender["since"])))

    def keep(self, tool: str, index: int, form: str) -> None:
        self.documents.append((tool, self.figures[index]["name"], self.ask(TEXT, f"{form} [data-calc-result]")))

    def run(self) -> Counts:
        """The whole journey from the home page (which must be open)."""
        self.width = self.ask("() => innerWidth")
        self.budget()
        self.lenders()
        for index in range(len(LENDERS)):
            self.plan(index)
            self.letter(index)
            self.pack(index)
        return self.counts


def measure(context, base: str, *, with_case: bool) -> Journey:
    """One journey in a fresh page of `context` (a fresh Playwright profile), from the home page."""
    page = context.new_page()
    page.goto(base)
    journey = Journey(PlaywrightHands(page), base, with_case=with_case)
    journey.run()
    return journey


def measure_in_engine(engine, base: str, *, with_case: bool) -> Journey:
    """One journey in a window of tests/browser/engines.py (a fresh profile), from the home page."""
    engine.goto(base)
    journey = Journey(EngineHands(engine), base, with_case=with_case)
    journey.run()
    return journey


ENGINE_NAMES = {"chromium": "Chromium", "webkit": "WebKit", "firefox": "Firefox"}


def report(journey: Journey) -> str:
    counts = journey.counts
    typed, taps, screens = counts.to_first_letter or (0, 0, 0)
    how = "with the case (我的情况)" if journey.with_case else "without the case"
    lines = [
        f"Reference journey {how}, {ENGINE_NAMES[journey.hands.engine]} at {journey.width} px: 3 lenders, a plan, a letter and a pack each",
        f"  typed entries: {counts.typed} (of {counts.needed} entries the forms needed; "
        f"goal at most {GOAL} = {FACTS} distinct facts + 3)",
        f"  taps: {counts.taps}; screens: {counts.screens}",
        f"  home page to the first lender's letter: {typed} typed, {taps} taps, {screens} screens",
        f"  typed: {', '.join(counts.typed_where)}",
    ]
    if journey.missed_taps:
        lines.append(f"  taps that missed their element (the page moved) and were made again, not counted: {journey.missed_taps}")
    if journey.store_seconds:
        lines.append("  存入我的情况, tap to answer: " + ", ".join(f"{s:.1f}" for s in journey.store_seconds) + " s")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an already built site folder (built for this server's address: omit to build)")
    parser.add_argument("--without-case", action="store_true", help="the journey without the case (the before figure)")
    parser.add_argument("--both", action="store_true", help="both journeys, without then with the case")
    parser.add_argument("--engine", choices=sorted(ENGINE_NAMES), default="chromium",
                        help="chromium (Playwright, the default), or webkit or firefox (the tests' drivers, tests/browser/engines.py)")
    args = parser.parse_args(argv)

    from scripts import devserver
    from scripts.bench import site as bench_site

    server, base, _traffic, gzipped = devserver.serve(Path(args.site or tempfile.mkdtemp(prefix="journey-site-")))
    try:
        if not args.site:
            bench_site.build_site(server.handler_class.root, base)
        gzipped.fill(server.handler_class.root, server.handler_class)
        modes = (False, True) if args.both else (not args.without_case,)
        if args.engine == "chromium":
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=devserver.CHROMIUM, headless=True, args=devserver.LAUNCH_ARGS)
                for with_case in modes:
                    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
                    context.set_default_timeout(NAV_MS)
                    try:
                        print(report(measure(context, base, with_case=with_case)), flush=True)
                    finally:
                        context.close()
                browser.close()
        else:
            for with_case in modes:  # a new window (and profile) for each journey
                engine_drivers.run_in_engine(
                    args.engine, {}, engine_drivers.open_engine,
                    lambda engine, with_case=with_case: print(report(measure_in_engine(engine, base, with_case=with_case)), flush=True),
                )
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
