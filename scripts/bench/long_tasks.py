"""What the main thread's long tasks consist of (Chromium): a DevTools trace of one page load,
cut at a mark, each long task's time split by what ran in it.

`start(context, page)` begins a trace over CDP (Tracing, the categories DevTools' performance
panel records); `stop(session)` ends it and returns its events; `composition(events, mark)` takes
the page's main thread (the renderer thread with the most long-task time), the top-level tasks of
50 ms or more that start before the `performance.mark` named `mark` (js/init.js marks every bench
mark as "bench:<name>"), and splits their time by self time into:

- "Material's bundle", "our modules" (assets/js/), "other scripts": script compile, evaluation and
  calls, by the URL of the script they run (the innermost traced event that names one);
- "style" (style recalculation, style sheets parsed), "layout", "paint and compositing",
  "HTML parsing", "garbage collection";
- "other": the task's own time outside all of these (the engine's glue, untraced work).

The figures are shares of the long tasks' whole time (ratios stay comparable when load skews the
absolute times), with the total blocking time of the same tasks for reference.
"""

from __future__ import annotations

import time

LONG_TASK_US = 50_000
CATEGORIES = ",".join(
    (
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "v8.execute",
        "v8",
        "blink.user_timing",
        "loading",
        "toplevel",
    )
)
TOP_LEVEL = {"RunTask", "ThreadControllerImpl::RunTask", "ThreadControllerImpl::DoWork"}
SCRIPT = {
    "EvaluateScript", "v8.compile", "v8.compileModule", "v8.evaluateModule", "v8.run", "v8.callFunction",
    "FunctionCall", "TimerFire", "EventDispatch", "FireAnimationFrame", "FireIdleCallback", "RunMicrotasks",
    "V8.Execute", "v8.produceCache", "v8.produceModuleCache", "CompileScript", "CompileCode", "ParseOnBackground",
    "V8.CompileCode", "V8.ScriptCompiler", "V8.CompileLazy",
}
KINDS = {
    "UpdateLayoutTree": "style", "RecalculateStyles": "style", "ParseAuthorStyleSheet": "style", "ScheduleStyleRecalculation": "style",
    "Layout": "layout", "UpdateLayout": "layout", "InvalidateLayout": "layout",
    "Paint": "paint and compositing", "PrePaint": "paint and compositing", "UpdateLayerTree": "paint and compositing",
    "Layerize": "paint and compositing", "CompositeLayers": "paint and compositing", "Commit": "paint and compositing",
    "PaintImage": "paint and compositing", "Decode Image": "paint and compositing",
    "ParseHTML": "HTML parsing",
    "MinorGC": "garbage collection", "MajorGC": "garbage collection", "V8.GC_SCAVENGER": "garbage collection",
    "BlinkGC.AtomicPhase": "garbage collection", "V8.GCScavenger": "garbage collection", "V8.GCFinalizeMC": "garbage collection",
}
BUCKETS = ("Material's bundle", "our modules", "other scripts", "style", "layout", "paint and compositing", "HTML parsing", "garbage collection", "other")


def start(context, page):
    """A CDP session tracing the browser, begun before `page` navigates."""
    session = context.new_cdp_session(page)
    session.events = []
    session.complete = False
    session.on("Tracing.dataCollected", lambda params: session.events.extend(params.get("value", [])))
    session.on("Tracing.tracingComplete", lambda params: setattr(session, "complete", True))
    session.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    return session


def stop(session, page, timeout_s: float = 60.0) -> list:
    """End the trace; its events (the page lets Playwright deliver them while waiting)."""
    session.send("Tracing.end")
    deadline = time.monotonic() + timeout_s
    while not session.complete and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return session.events


def script_bucket(url: str) -> str:
    if "javascripts/bundle" in url:
        return "Material's bundle"
    if "/assets/js/" in url:
        return "our modules"
    return "other scripts"


def event_url(event: dict) -> str:
    args = event.get("args") or {}
    data = args.get("data") or args.get("beginData") or {}
    url = data.get("url") or data.get("scriptName") or args.get("fileName") or ""
    if not url and data.get("stackTrace"):
        url = data["stackTrace"][0].get("url", "")
    return url


def main_thread_tasks(events: list) -> tuple[list, list]:
    """(the page's long top-level tasks, every complete event on that thread), by the renderer main
    thread with the most long-task time among those that ran something from an http(s) address (a
    fresh profile's own pages, chrome://, have renderers too, and may be busier than ours)."""
    names = {(e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name" and (e.get("args") or {}).get("name") == "CrRendererMain"}
    by_thread = {}
    for e in events:
        if e.get("ph") == "X" and (e["pid"], e["tid"]) in names:
            by_thread.setdefault((e["pid"], e["tid"]), []).append(e)
    web = {thread for thread, items in by_thread.items() if any(event_url(e).startswith("http") for e in items)}
    best, best_time = None, -1
    for thread, items in by_thread.items():
        if web and thread not in web:
            continue
        long_time = sum(e.get("dur", 0) for e in items if e["name"] in TOP_LEVEL and e.get("dur", 0) >= LONG_TASK_US)
        if long_time > best_time:
            best, best_time = thread, long_time
    if best is None:
        return [], []
    items = sorted(by_thread[best], key=lambda e: (e["ts"], -e.get("dur", 0)))
    tasks = []
    for e in items:
        if e["name"] in TOP_LEVEL and e.get("dur", 0) >= LONG_TASK_US and not (tasks and e["ts"] < tasks[-1]["ts"] + tasks[-1]["dur"]):
            tasks.append(e)
    return tasks, items


def split_task(task: dict, items: list, unknown: dict | None = None, clock: str = "dur") -> dict:
    """The task's time (µs) by bucket: each nested event's self time goes to its bucket (an event of
    no known kind to its parent's); the task's own self time is "other". `unknown`, if given, gets
    the self time in "other" by event name (the task's own as "(the task itself)"), and the script
    time in "other scripts" by URL ("(no URL)" when the trace names none). `clock` "tdur" counts the
    thread's CPU time instead of wall time (time the thread waited for a core left out)."""
    end = task["ts"] + task["dur"]
    inside = [e for e in items if e is not task and task["ts"] <= e["ts"] and e["ts"] + e.get("dur", 0) <= end]
    self_time = {id(task): task.get(clock, task["dur"])}
    owner = {id(task): "other"}
    stack = [(task, end, "other", "")]  # (event, its end, its bucket, the script URL it runs)
    urls = {}
    for e in inside:
        while len(stack) > 1 and e["ts"] >= stack[-1][1]:
            stack.pop()
        parent, _, parent_bucket, parent_url = stack[-1]
        url = event_url(e) or parent_url
        if e["name"] in SCRIPT:
            bucket = script_bucket(url)
        else:
            bucket = KINDS.get(e["name"], parent_bucket)
        self_time[id(e)] = e.get(clock, e.get("dur", 0))
        owner[id(e)] = bucket
        urls[id(e)] = url
        self_time[id(parent)] -= e.get(clock, e.get("dur", 0))
        stack.append((e, e["ts"] + e.get("dur", 0), bucket, url))
    shares = dict.fromkeys(BUCKETS, 0.0)
    names = {id(task): "(the task itself)", **{id(e): e["name"] for e in inside}}
    for key, value in self_time.items():
        shares[owner[key]] += max(value, 0)
        if unknown is not None and owner[key] in ("other", "other scripts"):
            name = names[key] if owner[key] == "other" else "script " + (urls.get(key) or "(no URL)").split("/")[-1][:60]
            unknown[name] = unknown.get(name, 0) + max(value, 0)
    return shares


def composition(events: list, mark: str, clock: str = "dur") -> dict | None:
    """The long tasks before `mark` split by bucket: {"tasks": n, "total_ms", "tbt_ms", "ms": {bucket: ms}, "share": {bucket: 0–1}}.
    With `clock` "tdur" the buckets, "total_ms" and "share" are the thread's CPU time (which the
    machine's load barely changes); "tbt_ms" stays wall time."""
    cut = next((e["ts"] for e in events if e.get("name") == f"bench:{mark}"), None)
    tasks, items = main_thread_tasks(events)
    if cut is not None:
        tasks = [t for t in tasks if t["ts"] <= cut]
    if not tasks:
        return {"tasks": 0, "total_ms": 0.0, "tbt_ms": 0.0, "ms": dict.fromkeys(BUCKETS, 0.0), "share": dict.fromkeys(BUCKETS, 0.0), "cut": cut is not None}
    totals = dict.fromkeys(BUCKETS, 0.0)
    unknown = {}
    for task in tasks:
        for bucket, value in split_task(task, items, unknown, clock).items():
            totals[bucket] += value
    whole = sum(t.get(clock, t["dur"]) for t in tasks)
    return {
        "tasks": len(tasks),
        "total_ms": whole / 1000,
        "tbt_ms": sum(max(t["dur"] - LONG_TASK_US, 0) for t in tasks) / 1000,
        "ms": {b: v / 1000 for b, v in totals.items()},
        "share": {b: (v / whole if whole else 0.0) for b, v in totals.items()},
        "cut": cut is not None,
        "unattributed": {name: value / 1000 for name, value in sorted(unknown.items(), key=lambda kv: -kv[1])[:6]},
    }
