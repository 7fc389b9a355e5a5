"""R0-R3. The runtime: one download per file, a smaller first visit (issue 13, parts 2 and 3).

Measured for this build and, with --before REF, for an earlier one side by side (its own cold
runs as in 1-2, R0): the runtime files' sizes, how many requests each runtime file costs in each
cache mode (R1), Python's import and first-call times in the browser (R2, the bench-import page),
and the slow phone (R3, slow_phone.py; skipped with --no-slow-phone). Printed as its own
before/after table after the summary (`report`).
"""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

from scripts.devserver import Traffic, serve

from . import cold, slow_phone
from .browser import Browser, wait_mark
from .figures import TARGETS, Summary, Target, format_table, median, ms, number, verdict
from .site import IMPORT_PROBE, OURS

KEY = "runtime"
RUNTIME_DIRS = ("/assets/pyodide/", "/assets/calculators/")
RUNTIME_TARGETS = {
    "runtime_requests": Target("exactly", 1),
    "first_visit": Target("at_most", 5.2, " MB"),
    "ready_to_result": Target("at_most", 60, " ms"),
}


def runtime_name(path: str) -> str:
    return path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def is_runtime(path: str) -> bool:
    return any(folder in path for folder in RUNTIME_DIRS)


def runtime_requests(entries) -> dict:
    """How many requests the server answered for each runtime file, by file name."""
    counts = {}
    for path, _, _ in entries:
        if is_runtime(path):
            counts[runtime_name(path)] = counts.get(runtime_name(path), 0) + 1
    return dict(sorted(counts.items()))


def runtime_file_sizes(site: Path) -> list:
    """(file name, raw bytes, gzip bytes, sent bytes) of every runtime file in a built site.

    'sent' is what a host like GitHub Pages sends: gzip for text and wasm, the file itself for a zip."""
    rows = []
    for folder in ("pyodide", "calculators"):
        for file in sorted((site / "assets" / folder).rglob("*")):
            if file.is_file():
                data = file.read_bytes()
                packed = len(gzip.compress(data, 6, mtime=0))
                sent = packed if not file.name.endswith((".zip", ".whl")) else len(data)
                rows.append((file.name, len(data), packed, sent))
    return rows


def _visit(page, url: str, traffic: Traffic, keep_seconds: float = 60) -> dict:
    """One visit to a calculator page: its first result, then until the runtime is kept offline."""
    start = traffic.mark()
    page.goto(url, wait_until="commit")
    at = wait_mark(page, "result:budget")
    kept = False
    try:
        page.locator(".calc-offline").first.wait_for(timeout=keep_seconds * 1000)
        kept = True
    except Exception:
        pass
    traffic.wait_quiet()
    served = traffic.since(start)
    return {
        "first_result_ms": at,
        "kept_offline": kept,
        "requests": runtime_requests(served),
        "bytes": sum(size for _, _, size in served),
        "runtime_bytes": sum(size for path, _, size in served if is_runtime(path)),
        "requests_total": len(served),
    }


def measure_runtime_requests(browser: Browser, base: str, traffic: Traffic, site: Path) -> dict:
    """Requests per runtime file and bytes of a first visit, in each cache mode.

    no disk cache: a fresh in-memory context (its small memory cache keeps a gzipped wasm but not a
    raw one, hence the same again from a host that does not gzip); disk cache: a fresh profile's
    first visit; then that profile's second visit (service worker and Cache Storage), in a new tab."""
    figures = {}
    raw_server, raw_base, raw_traffic, _ = serve(site, compress=False)
    try:
        for mode, url, counted in (("no disk cache", base, traffic), ("no disk cache, host without gzip", raw_base, raw_traffic)):
            context = browser.memory_context()
            try:
                figures[mode] = _visit(context.new_page(), url + OURS, counted)
            finally:
                context.close()
    finally:
        raw_server.shutdown()
    context = browser.context()
    try:
        page = browser.first_page(context)
        figures["disk cache"] = _visit(page, base + OURS, traffic)
        figures["disk cache"]["compiled_kept_s"] = _wait_compiled(page, base)
        figures["second visit"] = _visit(context.new_page(), base + OURS, traffic, keep_seconds=10)
    finally:
        context.close()
    return figures


def _wait_compiled(page, base: str, limit_s: float = 90) -> float | None:
    """Seconds until the worker kept the stdlib it compiled (builds that do), else None."""
    name = page.evaluate("(url) => import(url).then((m) => m.BUILD.compiledStdlib || null)", base + "assets/js/build.mjs")
    if not name:
        return None
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        if page.evaluate("(name) => caches.open('xsh-runtime').then((c) => c.keys()).then((k) => k.some((r) => r.url.endsWith('/' + name)))", name):
            return round(time.monotonic() - started, 1)
        page.wait_for_timeout(500)
    return None


def measure_imports(browser: Browser, base: str, runs: int) -> dict:
    """Python import and first-call times in the browser (median of fresh profiles)."""
    samples = []
    for _ in range(runs):
        context = browser.context()
        try:
            page = browser.first_page(context)
            page.goto(base + IMPORT_PROBE)
            probe = page.locator("[data-probe]:not(:empty)")
            probe.wait_for(timeout=120_000)
            samples.append(json.loads(probe.text_content()))
        except Exception as error:
            samples.append({"error": str(error)[:200]})
        finally:
            context.close()
    good = [sample for sample in samples if "error" not in sample]
    keys = ("load_ms", "bridge_ms", "tool_ms", "first_call_ms", "next_call_ms", "modules")
    return {"samples": samples, **{key: median(sample.get(key) for sample in good) for key in keys}}


def measure_runtime(browser: Browser, served, runs: int, shots, slow: bool) -> dict:
    """R1-R3 for one served site (`run.Served`)."""
    label = served.label
    print(f"==> R1. {label}: runtime requests per cache mode", flush=True)
    figures = {"sizes": runtime_file_sizes(served.site), "requests": measure_runtime_requests(browser, served.base, served.traffic, served.site)}
    print(f"==> R2. {label}: import times ({runs} runs)", flush=True)
    figures["imports"] = measure_imports(browser, served.base, runs)
    if slow:
        print(f"==> R3. {label}: slow phone ({slow_phone.describe_link()})", flush=True)
        figures["slow"] = slow_phone.measure_slow_phone(browser, served.base, label, shots)
    return figures


def measure(run, results: dict) -> dict | None:
    """This checkout ("after", with the cold runs of 1-2) and, with --before, the earlier build."""
    args = run.args
    if args.limits_only:
        return None
    slow = not args.no_slow_phone
    figures = {"after": measure_runtime(run.browser, run.after, args.runs, args.screenshots, slow)}
    figures["after"]["cold"] = results.get(cold.KEY)
    if run.before:
        print(f"==> R0. before: cold first result ({args.runs} runs each)", flush=True)
        before_cold = cold.measure_cold(run.browser, run.before.base, args.runs)
        figures["before"] = measure_runtime(run.browser, run.before, args.runs, args.screenshots, slow)
        figures["before"]["cold"] = before_cold
    return figures


def summary(results: dict, table: Summary) -> None:
    """Nothing: the runtime has its own before/after table (`report`)."""


def details(results: dict) -> list:
    """Nothing above the summary: `report` prints the runtime's details with its table."""
    return []


def runtime_rows(results: dict) -> list:
    """Side-by-side rows: what, target, before, after, result (after against the target)."""
    runtime = results.get(KEY, {})
    after, before = runtime.get("after", {}), runtime.get("before", {})
    rows = []

    def add(what, key, pick, show):
        values = [pick(side) if side else None for side in (before, after)]
        target = RUNTIME_TARGETS.get(key) or TARGETS.get(key)
        rows.append((what, target.describe() if target else "-", show(values[0]), show(values[1]), verdict(target, values[1]) if target else "-"))

    def requests(mode):
        return lambda side: max(side["requests"][mode]["requests"].values(), default=None) if mode in side.get("requests", {}) else None

    def count(value):
        return "-" if value is None else str(value)

    add("Most requests for one runtime file, no disk cache", "runtime_requests", requests("no disk cache"), count)
    add("  the same, from a host without gzip", "runtime_requests", requests("no disk cache, host without gzip"), count)
    add("Most requests for one runtime file, disk cache", "runtime_requests", requests("disk cache"), count)
    add("Requests for runtime files, second visit", None, lambda side: sum(side["requests"]["second visit"]["requests"].values()) if "requests" in side else None, count)
    add("Second visit: first result (runtime on the device)", None, lambda side: side["requests"]["second visit"]["first_result_ms"] if "requests" in side else None, ms)
    mb = lambda value: "-" if value is None else f"{value / 1e6:.2f} MB"  # noqa: E731
    first = lambda side: side["requests"]["disk cache"]["bytes"] if "requests" in side else None  # noqa: E731
    rows_before = len(rows)
    add("First visit, calculator page, bytes sent (gzip)", None, first, mb)
    target = RUNTIME_TARGETS["first_visit"]
    what, _, shown_before, shown_after, _ = rows[rows_before]
    value = first(after) if after else None
    rows[rows_before] = (what, target.describe(), shown_before, shown_after, verdict(target, None if value is None else value / 1e6))
    add("  of which runtime files", None, lambda side: side["requests"]["disk cache"]["runtime_bytes"] if "requests" in side else None, mb)
    for key, what in (("load_ms", "loadPyodide (probe)"), ("bridge_ms", "import calculators.bridge"), ("tool_ms", "  then import the budget tool"),
                      ("first_call_ms", "  then first budget call"), ("next_call_ms", "  then next call")):
        add(f"Python: {what}", None, lambda side, key=key: side.get("imports", {}).get(key), ms)
    add("Ready to first result (cold median)", "ready_to_result", lambda side: (side.get("cold") or {}).get("stages", {}).get("ours", {}).get("ready to first result"), ms)
    add("Cold first result, tools/budget/ (median)", None, lambda side: (side.get("cold") or {}).get("ours_median_ms"), ms)
    add("Cold first result, bare Pyodide baseline (median)", None, lambda side: (side.get("cold") or {}).get("baseline_median_ms"), ms)
    add("Cold ratio ours / baseline", "cold_ratio", lambda side: (side.get("cold") or {}).get("ratio"), number)

    def slow(side):
        data = side.get("slow")
        if not data:
            return None
        return f"{data['first_result_s']:.0f} s" if data["first_result_s"] is not None else f"none ({data['state']})"

    add("Slow phone: first result", None, slow, lambda value: value or "-")
    return rows


def runtime_details(results: dict) -> str:
    runtime = results.get(KEY, {})
    out = []
    for label in ("before", "after"):
        side = runtime.get(label)
        if not side:
            continue
        out.append(f"Runtime files ({label}): name, raw, gzip -6, sent by a GitHub-Pages-like host")
        rows = [(name, f"{raw:,}", f"{packed:,}", f"{sent:,}") for name, raw, packed, sent in side["sizes"]]
        out.append("  " + format_table(("file", "raw B", "gzip B", "sent B"), rows).replace("\n", "\n  "))
        for mode, visit in side.get("requests", {}).items():
            shown = ", ".join(f"{name} x{count}" for name, count in visit["requests"].items()) or "none"
            out.append(f"  requests ({mode}): {shown}; result {ms(visit['first_result_ms'])}; kept offline: {visit['kept_offline']}; "
                       f"{visit['bytes']:,} B in {visit['requests_total']} requests")
        imports = side.get("imports", {})
        if imports:
            out.append(f"  import probe samples: {json.dumps(imports['samples'])}")
        slow = side.get("slow")
        if slow:
            out.append(f"  slow phone ({label}): first result {slow['first_result_s']} s, state {slow['state']}; what the reader saw:")
            for at, status, text in slow_phone.milestones(slow["seen"]):
                out.append(f"    {at:6.1f} s  [{text}] {status}")
            if slow["screenshots"]:
                out.append(f"  screenshots: {os.path.dirname(slow['screenshots'][0])} ({len(slow['screenshots'])} files)")
    return "\n".join(out)


def report(results: dict, before: str | None) -> str:
    """The runtime's details and its before/after table, or '' when it was not measured."""
    if not results.get(KEY):
        return ""
    title = f"Runtime (issue 13), {'before = ' + before + ', ' if before else ''}after = this checkout; one run, same machine:"
    return "\n" + runtime_details(results) + f"\n\n{title}\n\n" + format_table(("What", "Target", "Before", "After", "Result"), runtime_rows(results))
