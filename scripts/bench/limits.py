"""7. The tools at their limits (--limits-only runs just this and python_only).

Recalculation of the lenders page at its maximum rows, the log at its maximum entries, the
loan-cost tool's payment table at its maximum rows and a 360-installment plan, measured like 3.
(from the bridge posting the call to the next frame). The cases come from the calculators' own
constants, so they follow the tools when a limit changes.
"""

from __future__ import annotations

from datetime import date, timedelta

from .browser import Browser, page_function, wait_mark
from .figures import Summary, median, ms

KEY = "limits"
EDITS = 10


def add_months(day: date, months: int) -> date:
    """The same day of the month, `months` later (the day must exist in every month)."""
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)


def limit_cases(today: date) -> dict:
    """The fields of one call per tool at its limit, from the calculators' own constants: the
    lenders at MAX_LENDERS rows (smallest first, the heavier view), the log at MAX_ENTRIES
    entries, the rate tool's table of MAX_PAYMENTS monthly payments after a loan with money kept
    back (two IRRs and the cap walk), and a plan of MAX_INSTALLMENTS installments. Each case also says how the benchmark
    edits it and what the result then shows."""
    from calculators.tools import lenders, log, plan, rate

    day = (today - timedelta(days=30)).isoformat()
    said = "客服说可以申请分期，要先交困难证明和收入证明，三个工作日内回复。"
    return {
        "lenders": {
            "page": "tools/lenders/",
            "group": "lenders",
            "fields": {"capacity": "3000", "order": "smallest"},
            "rows": [{"name": f"平台{i + 1}", "amount": str(1000 + i), "demand": "100"} for i in range(lenders.MAX_LENDERS)],
            "ready_text": f"平台{lenders.MAX_LENDERS}",
            "edit": lambda k: {"name": "capacity", "row": None, "value": str(3001 + k), "expect": f"{3001 + k:,}.00 元"},
        },
        "log": {
            "page": "tools/log/",
            "group": "entries",
            "fields": {},
            "rows": [
                {"date": day, "time": "10:00", "who": f"工号 A{i:04d}", "said": said, "evidence": f"录音 {i:04d}.m4a"}
                for i in range(log.MAX_ENTRIES)
            ],
            "ready_text": f"工号 A{log.MAX_ENTRIES - 1:04d}",
            "edit": lambda k: {"name": "who", "row": 0, "value": f"编辑{k}号", "expect": f"编辑{k}号"},
        },
        "rate": {
            "page": "tools/rate/",
            "group": "payments",
            "fields": {"mode": "table", "principal": "100000", "deducted": "6000", "contract_date": "2026-01-15", "lender": "private"},
            "rows": [
                {"date": add_months(date(2026, 1, 15), k).isoformat(), "amount": "350.00"} for k in range(1, rate.MAX_PAYMENTS + 1)
            ],
            "ready_text": f"{350 * rate.MAX_PAYMENTS:,}.00 元",
            "edit": lambda k: {
                "name": "amount",
                "row": rate.MAX_PAYMENTS - 1,
                "value": f"{350 + k}.00",
                "expect": f"{350 * (rate.MAX_PAYMENTS - 1) + 350 + k:,}.00 元",
            },
        },
        "plan": {
            "page": "tools/plan/",
            "group": None,
            "fields": {"total": str(1000 * plan.MAX_INSTALLMENTS), "monthly": "1000"},
            "rows": [],
            "ready_text": f"{plan.MAX_INSTALLMENTS} 期",
            "edit": lambda k: {
                "name": "total",
                "row": None,
                "value": str(1000 * plan.MAX_INSTALLMENTS - 900 + k),
                "expect": f"{1000 * plan.MAX_INSTALLMENTS - 900 + k:,}.00 元",
            },
        },
    }


def limit_requests(cases: dict) -> dict:
    """tool -> the fields bridge.run gets for each limit case (rows as the page sends them)."""
    requests = {}
    for tool, case in cases.items():
        fields = dict(case["fields"])
        if case["group"]:
            fields[case["group"]] = case["rows"]
        requests[tool] = fields
    return requests


def measure_limits(browser: Browser, base: str, cases: dict, edits: int = EDITS) -> dict:
    """For each limit case: open its page, fill it to the limit, then time `edits` recalculations
    from the bridge posting the call to the next frame, as in recalc.measure_recalc."""
    figures = {}
    for tool, case in cases.items():
        context = browser.context()
        try:
            page = browser.first_page(context)
            page.goto(base + case["page"], wait_until="load")
            if wait_mark(page, f"state:{tool}:ready") is None:
                figures[tool] = {"error": "Python never became ready"}
                continue
            filled = page.evaluate(page_function("fill-rows.js"), {"tool": tool, "group": case["group"], "fields": case["fields"], "rows": case["rows"]})
            waited = page.evaluate(page_function("wait-text.js"), {"tool": tool, "expect": case["ready_text"], "timeout": 60_000})
            samples = []
            for k in range(1, edits + 1):
                edit = case["edit"](k)
                samples.append(page.evaluate(page_function("recalc.js"), {"tool": tool, **edit}))
                page.wait_for_timeout(100)
            status = page.evaluate(f"() => document.querySelector('form[data-calculator=\"{tool}\"] [data-calc-status]').textContent")
        except Exception as error:  # one page failing must not stop the others
            figures[tool] = {"error": f"{type(error).__name__}: {str(error)[:200]}"}
            continue
        finally:
            context.close()
        frames = [s["frame"] for s in samples if s["frame"] is not None]
        figures[tool] = {
            "rows": filled if case["group"] else None,
            "wanted_rows": len(case["rows"]) if case["group"] else None,
            "first_result_waited_ms": waited,
            "compute_dom_median_ms": median(s["post"] for s in samples),
            "compute_frame_median_ms": median(frames),
            "compute_frame_max_ms": max(frames, default=None),
            "raw_median_ms": median(s["raw"] for s in samples),
            "samples": samples,
            "status": status,
        }
    return figures


def limit_label(tool: str, figures: dict) -> str:
    """'lenders, 50 rows' / 'plan, 360 installments' for the summary."""
    if tool == "plan":
        return "plan, 360 installments"
    rows = figures.get("rows")
    wanted = figures.get("wanted_rows")
    shown = f"{rows} rows" if rows == wanted else f"{rows} of {wanted} rows"
    return f"{tool}, {shown}"


def measure(run, results: dict) -> dict:
    print("==> 7. The tools at their limits", flush=True)
    return measure_limits(run.browser, run.base, limit_cases(date.today()))


def summary(results: dict, table: Summary) -> None:
    for tool, figures in results.get(KEY, {}).items():
        if "error" in figures:
            table.add(f"Recalculation at the limit: {tool}", None, None, figures["error"][:60])
            continue
        label = limit_label(tool, figures)
        table.add(f"Recalculation at the limit: {label}, post to next frame", "recalc", figures["compute_frame_median_ms"], ms(figures["compute_frame_median_ms"]))
        table.add(f"  {label}: of which post to result in DOM", None, None, ms(figures["compute_dom_median_ms"]))
        table.add(f"  {label}: slowest of {len(figures['samples'])} edits", None, None, ms(figures["compute_frame_max_ms"]))


def details(results: dict) -> list:
    out = []
    for tool, figures in results.get(KEY, {}).items():
        if "samples" in figures:
            frames = ", ".join(f"{s['frame']:.0f}" for s in figures["samples"] if s["frame"] is not None)
            out.append(f"At the limit, {limit_label(tool, figures)}: post to next frame (ms): {frames}; status: {figures['status']}")
    return out
