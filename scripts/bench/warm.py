"""5. Warm start: from tools/budget/ (Python ready, first result shown) to tools/plan/ by a link click.

Timed in wall-clock ms (timeOrigin + now), so it holds whether Material's instant navigation
keeps the document (and the worker) or the click loads a new page.
"""

from __future__ import annotations

import json

from .browser import Browser, open_with_first_result, page_function, wait_mark
from .figures import Summary, ms
from .site import WARM_TARGET

KEY = "warm"


def measure_warm(browser: Browser, base: str) -> dict:
    """Time to the plan result after a link click from the capacity page to the plan page."""
    context = browser.context()
    try:
        page = open_with_first_result(browser, context, base)
        if page is None:
            return {"error": "no first result on the capacity page"}
        clicked = page.evaluate(page_function("warm-click.js"), WARM_TARGET)
        if "error" in clicked:
            return clicked
        done = wait_mark(page, "result:plan", 90_000)
        origin = page.evaluate("() => performance.timeOrigin")
        marks = page.evaluate("() => window.__bench.marks")
        same_document = page.evaluate("() => window.__benchDocument === 'before-click'")
        status = page.evaluate(
            "() => [...document.querySelectorAll('form[data-calculator] [data-calc-status], .calc-error:not([hidden])')]"
            ".map((n) => n.textContent).join(' | ')"
        )
    finally:
        context.close()

    def since_click(name):
        return None if name not in marks else origin + marks[name] - clicked["at"]

    return {
        "clicked": clicked["clicked"],
        "link_in_article": clicked["inArticle"],
        "instant_navigation": same_document,
        "first_result_ms": None if done is None else since_click("result:plan"),
        "form_filled_ms": since_click("filled:plan"),
        "ready_ms": since_click("state:plan:ready"),
        "status": status,
    }


def measure(run, results: dict) -> dict | None:
    if run.args.limits_only:
        return None
    print("==> 5. Warm start", flush=True)
    return measure_warm(run.browser, run.base)


def summary(results: dict, table: Summary) -> None:
    warm = results.get(KEY, {})
    if not warm:
        return
    how = "instant navigation" if warm.get("instant_navigation") else "full page load"
    shown = warm["error"] if "error" in warm else f"{ms(warm.get('first_result_ms'))} ({how})"
    table.add("Warm start budget -> plan (click to result)", None, None, shown)
    if "error" not in warm:
        table.add("  of which: click to plan form filled", None, None, ms(warm.get("form_filled_ms")))


def details(results: dict) -> list:
    warm = results.get(KEY)
    return [f"Warm start: {json.dumps(warm, ensure_ascii=False)}"] if warm else []
