"""Headless Chromium as the benchmark drives it, and the marks the pages leave for it.

Every page the benchmark opens runs js/init.js first: it fills the forms named in FILL as soon as
they appear and notes, in `window.__bench.marks`, when the worker reports each stage and when
each result shows the text in EXPECT. Long tasks, long animation frames and every call posted to
the worker are noted too. The other files in js/ are functions the measurements call in a page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from functools import cache
from pathlib import Path

from scripts.devserver import CHROMIUM, LAUNCH_ARGS

from .site import OURS

JS = Path(__file__).resolve().parent / "js"
VIEWPORT = {"width": 390, "height": 844}
# What the script types into each tool, and a text its result then contains.
FILL = {
    "budget": {"income": "5000", "expenses": "2000"},
    "plan": {"total": "12000", "monthly": "1000", "start": "2025-07-01"},
}
EXPECT = {"budget": "3,000.00", "plan": "1,000.00"}


@cache
def page_function(name: str) -> str:
    """The source of js/<name>: one JavaScript function, for `page.evaluate` (or a script for Node)."""
    return (JS / name).read_text(encoding="utf-8")


def init_script() -> str:
    """js/init.js called with FILL and EXPECT, for `context.add_init_script`."""
    return f"({page_function('init.js').strip()})({json.dumps(FILL)}, {json.dumps(EXPECT)});\n"


class Browser:
    """Debian's Chromium with the browser tests' launch flags.

    Every context is a fresh profile in a new temporary folder (a persistent context): unlike
    Playwright's in-memory contexts it has a disk cache, as a reader's phone does. An in-memory
    context never caches the 9.6 MB wasm, which would make "warm" figures meaningless.
    `memory_context()` gives one on purpose, for the visits that must not have a disk cache.
    """

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self.chromium = CHROMIUM
        self.launch_args = LAUNCH_ARGS
        self.version = subprocess.run([self.chromium, "--version"], capture_output=True, text=True).stdout.strip()
        self.playwright = sync_playwright().start()
        self.problems = []
        self.profiles = []
        self.memory = None

    def context(self):
        profile = tempfile.mkdtemp(prefix="benchmark-profile-")
        self.profiles.append(profile)
        context = self.playwright.chromium.launch_persistent_context(
            profile, executable_path=self.chromium, headless=True, args=self.launch_args, viewport=VIEWPORT, locale="zh-CN"
        )
        context.set_default_timeout(120_000)
        context.add_init_script(init_script())
        context.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        context.on("weberror", lambda e: self.problems.append(f"page error: {e.error}"))
        context.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        return context

    def memory_context(self):
        """A context of a second Chromium that lives in memory: no disk cache, as in private browsing."""
        if self.memory is None:
            self.memory = self.playwright.chromium.launch(executable_path=self.chromium, headless=True, args=self.launch_args)
        context = self.memory.new_context(viewport=VIEWPORT, locale="zh-CN")
        context.set_default_timeout(120_000)
        context.add_init_script(init_script())
        context.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        return context

    @staticmethod
    def first_page(context):
        return context.pages[0] if context.pages else context.new_page()

    def close(self):
        self.playwright.stop()
        for profile in self.profiles:
            shutil.rmtree(profile, ignore_errors=True)


def wait_mark(page, name: str, timeout_ms: int = 120_000):
    """The time of a mark (ms from its document's navigation start), waiting for it, also across
    a page load; None if it never came."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        left = max(1, int((deadline - time.monotonic()) * 1000))
        try:
            page.wait_for_function("(name) => window.__bench && name in window.__bench.marks", arg=name, timeout=left)
            return page.evaluate("(name) => window.__bench.marks[name]", name)
        except Exception as error:  # a navigation destroyed the context: look again in the new one
            if "Timeout" in type(error).__name__ or "Timeout" in str(error)[:80]:
                return None
            time.sleep(0.05)
    return None


def open_with_first_result(browser: Browser, context, base: str):
    """Our capacity page after its first result has settled, or None if no result came."""
    page = browser.first_page(context)
    page.goto(base + OURS, wait_until="commit")
    if wait_mark(page, "result:budget") is None:
        return None
    page.wait_for_timeout(1000)
    return page
