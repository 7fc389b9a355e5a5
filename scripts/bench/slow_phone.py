"""R3. The slow phone: our calculator page on a throttled link and CPU (devserver.SLOW_LINK,
SLOW_CPU) in a fresh in-memory context: time to the first result and what the reader sees
meanwhile (each status the page shows, and with --screenshots DIR the page at set times).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from scripts.devserver import SLOW_CPU, SLOW_LINK, throttle

from .browser import Browser
from .site import OURS

SLOW_LIMIT_S = 600
SHOT_AT_S = (5, 15, 30, 60, 90, 120, 180, 240, 300, 420, 540)


def describe_link() -> str:
    return f"{SLOW_LINK['latency']} ms, {SLOW_LINK['downloadThroughput'] * 8 / 1000:.0f} kbit/s, CPU {SLOW_CPU}x"


def measure_slow_phone(browser: Browser, base: str, label: str, shots: Path | None) -> dict:
    """A fresh in-memory context on a throttled link and CPU: time to the first result, what the reader sees."""
    context = browser.memory_context()
    seen, taken = [], []
    try:
        page = context.new_page()
        throttle(page)
        started = time.monotonic()
        page.goto(base + OURS, wait_until="commit", timeout=SLOW_LIMIT_S * 1000)
        result, state, next_shot = None, None, 0
        while time.monotonic() - started < SLOW_LIMIT_S:
            now = time.monotonic() - started
            looked = page.evaluate(
                "() => { const f = document.querySelector('form[data-calculator]');"
                " const s = f && (f.querySelector('[data-calc-runtime]:not([hidden])') || f.querySelector('[data-calc-status]'));"
                " return { state: f ? f.dataset.calcState : null, status: s ? s.textContent : '',"
                " result: window.__bench ? 'result:budget' in window.__bench.marks : false,"
                " text: document.querySelector('article h1') ? 'guide visible' : 'blank' }; }"
            )
            if not seen or seen[-1][1] != looked["status"]:
                seen.append((round(now, 1), looked["status"], looked["text"]))
            if shots and next_shot < len(SHOT_AT_S) and now >= SHOT_AT_S[next_shot]:
                taken.append(_shot(page, shots / f"{label}-{SHOT_AT_S[next_shot]:03d}s.png", first=next_shot == 0))
                next_shot += 1
            state = looked["state"]
            if looked["result"]:
                result = now
                break
            if state == "failed":
                break
            page.wait_for_timeout(500)
        if shots:
            taken.append(_shot(page, shots / f"{label}-end.png", first=False))
    finally:
        context.close()
    return {"first_result_s": result, "state": state, "seen": seen, "screenshots": taken}


def _shot(page, path: Path, first: bool) -> str:
    """The page as the reader sees it: the top at first (the guide), then scrolled to the calculator's state."""
    status = page.locator("form[data-calculator] [data-calc-runtime]:not([hidden]), form[data-calculator] [data-calc-status]")
    if not first and status.count():
        status.first.evaluate("(node) => node.scrollIntoView({ block: 'center' })")
    page.screenshot(path=str(path))
    return str(path)


def milestones(seen, step: int = 10) -> list:
    """The statuses worth printing: each new stage, every `step`% of the download, and the last."""
    kept, last_stage, last_share = [], None, -step
    for index, (at, status, text) in enumerate(seen):
        share = re.search(r"(\d+)%", status)
        stage = re.sub(r"\s*\d+%", "", status)
        if stage != last_stage or (share and int(share.group(1)) >= last_share + step) or index == len(seen) - 1:
            kept.append((at, status, text))
            last_stage = stage
            if share:
                last_share = int(share.group(1)) // step * step
    return kept
