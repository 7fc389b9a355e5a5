"""1-2. Cold first result and main-thread blocking.

The bare baseline page (same self-hosted Pyodide, one `bridge.run` call) and our capacity page
tools/budget/ (form filled by script as soon as it appears), each from navigation start,
alternating, a fresh browser profile each run. On our page, the long tasks until the result:
total blocking time and the longest task. The marks also time each start-up stage.

Then `--trace-runs` more cold loads of our page under a DevTools trace (long_tasks.py): what the
long tasks before the first result consist of (Material's bundle, our modules, style, layout...),
as shares of their time, since load skews absolute times. Tracing slows the page, so these runs
are apart from the figures above, which stay comparable with earlier runs.
"""

from __future__ import annotations

from . import long_tasks
from .browser import Browser, wait_mark
from .figures import Summary, format_table, longest, median, ms, number, ratio, total_blocking_time
from .site import BASELINE, OURS

KEY = "cold"

STAGES = (
    ("worker created", None, "worker:created"),
    ("download runtime files", "worker:download", "worker:python"),
    ("loadPyodide", "worker:python", "worker:tools"),
    ("wheel + import (+ run, baseline)", "worker:tools", ("worker:ready", "result:baseline")),
    ("ready to first result", "worker:ready", "result:budget"),
)


def cold_run(browser: Browser, url: str, mark: str) -> dict:
    """One cold load in a fresh profile: time to the result mark, marks, and long tasks."""
    context = browser.context()
    try:
        page = browser.first_page(context)
        page.goto(url, wait_until="commit")
        at = wait_mark(page, mark)
        page.wait_for_timeout(500)  # let the tasks that end the load be reported
        bench = page.evaluate("() => ({ marks: __bench.marks, longtasks: __bench.longtasks, frames: __bench.frames })")
        status = page.evaluate("() => [...document.querySelectorAll('[data-calc-status]')].map((n) => n.textContent).join(' | ')")
    finally:
        context.close()
    tasks = [t for t in bench["longtasks"] if at is None or t["start"] <= at]
    durations = [t["duration"] for t in tasks]
    return {
        "first_result_ms": at,
        "marks": bench["marks"],
        "longtasks": tasks,
        "long_frames": [f for f in bench["frames"] if at is None or f["start"] <= at],
        "tbt_ms": total_blocking_time(durations),
        "longest_ms": longest(durations),
        "status": status,
    }


def traced_run(browser: Browser, url: str, mark: str) -> dict:
    """One cold load in a fresh profile under a trace: its long tasks before `mark`, split by what ran."""
    context = browser.context()
    try:
        page = browser.first_page(context)
        session = long_tasks.start(context, page)
        page.goto(url, wait_until="commit")
        at = wait_mark(page, mark)
        page.wait_for_timeout(500)
        events = long_tasks.stop(session, page)
    finally:
        context.close()
    return {"first_result_ms": at, **(long_tasks.composition(events, mark) or {})}


def stage_times(marks: dict) -> dict:
    """How long each start-up stage took, from the marks of one run (a stage without marks is left out)."""
    times = {}
    for name, start, ends in STAGES:
        end = next((marks[e] for e in ((ends,) if isinstance(ends, str) else ends) if e in marks), None)
        if end is not None and (start is None or start in marks):
            times[name] = end - (marks[start] if start else 0.0)
    return times


def measure_cold(browser: Browser, base: str, runs: int, trace_runs: int = 0) -> dict:
    baseline, ours = [], []
    for run in range(runs):
        baseline.append(cold_run(browser, base + BASELINE, "result:baseline"))
        ours.append(cold_run(browser, base + OURS, "result:budget"))
        print(
            f"    run {run + 1}/{runs}: baseline {ms(baseline[-1]['first_result_ms'])}, ours {ms(ours[-1]['first_result_ms'])}"
            f" (TBT {ms(ours[-1]['tbt_ms'])}, longest task {ms(ours[-1]['longest_ms'])})",
            flush=True,
        )
    traced = []
    for run in range(trace_runs):
        traced.append(traced_run(browser, base + OURS, "result:budget"))
        shares = ", ".join(f"{name} {traced[-1]['share'][name]:.0%}" for name in long_tasks.BUCKETS if traced[-1]["share"][name] >= 0.005)
        print(f"    traced run {run + 1}/{trace_runs}: {traced[-1]['tasks']} long tasks, {ms(traced[-1]['total_ms'])}, TBT {ms(traced[-1]['tbt_ms'])}: {shares}", flush=True)
    base_median = median(r["first_result_ms"] for r in baseline)
    ours_median = median(r["first_result_ms"] for r in ours)
    ready = median(r["marks"].get("state:budget:ready") for r in ours)
    return {
        "baseline_runs": baseline,
        "ours_runs": ours,
        "baseline_median_ms": base_median,
        "ours_median_ms": ours_median,
        "ours_ready_median_ms": ready,
        "ratio": ratio(ours_median, base_median),
        "tbt_median_ms": median(r["tbt_ms"] for r in ours),
        "longest_median_ms": median(r["longest_ms"] for r in ours),
        "baseline_tbt_median_ms": median(r["tbt_ms"] for r in baseline),
        "traced_runs": traced,
        "traced_tbt_median_ms": median(r["tbt_ms"] for r in traced) if traced else None,
        "composition_median": {name: median(r["share"][name] for r in traced) for name in long_tasks.BUCKETS} if traced else None,
        "stages": {
            kind: {name: median(stage_times(r["marks"]).get(name) for r in rows) for name, _, _ in STAGES}
            for kind, rows in (("baseline", baseline), ("ours", ours))
        },
    }


def measure(run, results: dict) -> dict | None:
    if run.args.limits_only:
        return None
    print(f"==> 1-2. Cold first result and main-thread blocking ({run.args.runs} runs each)", flush=True)
    return measure_cold(run.browser, run.base, run.args.runs, getattr(run.args, "trace_runs", 0))


def summary(results: dict, table: Summary) -> None:
    cold = results.get(KEY, {})
    if not cold:
        return
    table.add("Cold first result, baseline (median)", None, None, ms(cold["baseline_median_ms"]))
    table.add("Cold first result, tools/budget/ (median)", None, None, ms(cold["ours_median_ms"]))
    table.add("  of which: navigation to Python ready", None, None, ms(cold["ours_ready_median_ms"]))
    table.add("Cold ratio ours / baseline", "cold_ratio", cold["ratio"], number(cold["ratio"]))
    table.add("Main thread: total blocking time (median)", "blocking_tbt", cold["tbt_median_ms"], ms(cold["tbt_median_ms"]))
    table.add("Main thread: longest task (median)", "blocking_longest", cold["longest_median_ms"], ms(cold["longest_median_ms"]))


def details(results: dict) -> list:
    cold = results.get(KEY)
    if not cold:
        return []
    out = ["Cold runs (ms from navigation start):"]
    for kind in ("baseline", "ours"):
        for index, run in enumerate(cold[f"{kind}_runs"], 1):
            marks = ", ".join(f"{k} {v:.0f}" for k, v in sorted(run["marks"].items(), key=lambda kv: kv[1]))
            out.append(f"  {kind} {index}: result {ms(run['first_result_ms'])}; TBT {ms(run['tbt_ms'])}; marks: {marks}")
            tasks = ", ".join(f"{t['duration']:.0f} ms at {t['start']:.0f}" for t in run["longtasks"])
            out.append(f"      long tasks: {tasks or 'none'}")
            for frame in run.get("long_frames", []):
                scripts = "; ".join(f"{x['duration']} ms {x['invoker']} {x['source']} {x['fn'] or ''}".rstrip() for x in frame["scripts"])
                out.append(f"      long frame at {frame['start']:.0f} ({frame['blocking']:.0f} ms blocking): {scripts or 'no script attribution (style/layout/parse)'}")
    if cold.get("composition_median"):
        traced = cold["traced_runs"]
        out.append(f"Long tasks before the first result, traced runs ({len(traced)}; tracing slows them, compare shares):")
        out.append(f"  TBT median {ms(cold['traced_tbt_median_ms'])}; per run: " + ", ".join(f"{r['tasks']} tasks {ms(r['total_ms'])}" for r in traced))
        rows = [(name, f"{cold['composition_median'][name]:.0%}", ", ".join(ms(r["ms"][name]) for r in traced)) for name in long_tasks.BUCKETS]
        out.append("  " + format_table(("what ran", "share (median)", "ms per run"), rows).replace("\n", "\n  "))
        for index, run in enumerate(traced, 1):
            other = ", ".join(f"{name} {value:.0f} ms" for name, value in run.get("unattributed", {}).items())
            out.append(f"  run {index}, largest in \"other\" and \"other scripts\": {other or 'none'}")
    stages = cold["stages"]
    rows = [(name, ms(stages["baseline"][name]), ms(stages["ours"][name])) for name, _, _ in STAGES]
    out.append("Start-up stages, median ms (marks from the page: worker messages as they arrive):")
    out.append("  " + format_table(("stage", "baseline", "tools/budget/"), rows).replace("\n", "\n  "))
    return out
