"""3. Recalculation latency after Python is ready: 20 edits of the capacity page's income.

Each edit is timed by js/recalc.js: raw (from typing, so with the form's input debounce), from
the bridge posting the call to the worker until the result is in the page, and until the next
frame after that (the figure held against the target).
"""

from __future__ import annotations

import re

from .browser import Browser, open_with_first_result, page_function
from .figures import Summary, median, ms

KEY = "recalc"
EDITS = 20


def read_debounce_ms(form_source: str) -> int:
    """The form controller's DEBOUNCE_MS constant from the source of form.mjs."""
    found = re.search(r"\bDEBOUNCE_MS\s*=\s*(\d+)", form_source)
    if not found:
        raise ValueError("DEBOUNCE_MS not found in form.mjs")
    return int(found.group(1))


def measure_recalc(browser: Browser, base: str, debounce_ms: int) -> dict:
    """20 edits of the income after the first result: raw latency and the part after the debounce."""
    context = browser.context()
    samples = []
    try:
        page = open_with_first_result(browser, context, base)
        if page is None:
            return {"error": "no first result on the capacity page"}
        for edit in range(EDITS):
            income = 5001 + edit
            expect = f"{income - 2000:,}.00"
            edit = {"tool": "budget", "name": "income", "row": None, "value": str(income), "expect": expect}
            samples.append(page.evaluate(page_function("recalc.js"), edit))
            page.wait_for_timeout(100)
    finally:
        context.close()
    raw = median(s["raw"] for s in samples)
    return {
        "samples": samples,
        "debounce_ms": debounce_ms,
        "raw_median_ms": raw,
        "raw_minus_debounce_ms": None if raw is None else raw - debounce_ms,
        "compute_dom_median_ms": median(s["post"] for s in samples),
        "compute_frame_median_ms": median(s["frame"] for s in samples),
        "compute_frame_max_ms": max((s["frame"] for s in samples if s["frame"] is not None), default=None),
    }


def measure(run, results: dict) -> dict | None:
    if run.args.limits_only:
        return None
    print("==> 3. Recalculation latency", flush=True)
    return measure_recalc(run.browser, run.base, run.debounce_ms)


def summary(results: dict, table: Summary) -> None:
    recalc = results.get(KEY, {})
    if "raw_median_ms" not in recalc:
        return
    table.add(f"Recalculation, raw incl. {recalc.get('debounce_ms')} ms debounce", None, None, ms(recalc["raw_median_ms"]))
    table.add("Recalculation, raw minus debounce", None, None, ms(recalc["raw_minus_debounce_ms"]))
    table.add("Recalculation, post to result in DOM", None, None, ms(recalc["compute_dom_median_ms"]))
    table.add("Recalculation, post to next frame (target)", "recalc", recalc["compute_frame_median_ms"], ms(recalc["compute_frame_median_ms"]))


def details(results: dict) -> list:
    recalc = results.get(KEY)
    if not recalc or "samples" not in recalc:
        return []
    return [
        "Recalculation samples, post to next frame (ms): " + ", ".join(f"{s['frame']:.0f}" for s in recalc["samples"] if s["frame"] is not None),
        "Recalculation samples, raw (ms): " + ", ".join(f"{s['raw']:.0f}" for s in recalc["samples"]),
        f"  max post to next frame: {ms(recalc['compute_frame_max_ms'])}",
    ]
