"""Speed and size figures for the built site, measured in headless Chromium. Prints; never fails.

    bash scripts/benchmark.sh [--runs N] [--no-lighthouse] [--json PATH] [--site DIR]

It builds the site (`mkdocs build --strict`, or takes `--site DIR`), adds a bare baseline page,
serves both under a sub-path like GitHub Pages, and measures side by side in one run:

1. cold first result: the baseline page (same self-hosted Pyodide, one `bridge.run` call) and
   our capacity page tools/budget/ (form filled by script as soon as it appears), each from
   navigation start, alternating, a fresh browser profile each run;
2. main-thread blocking on our page (Long Tasks: total blocking time and the longest task);
3. recalculation latency after Python is ready (median of 20 edits);
4. bytes transferred on a guide page and a calculator page, cold and with a warm cache;
5. warm start: tools/budget/ to tools/plan/ by a link click (instant navigation);
6. Lighthouse 12.2.3 mobile scores (skip with --no-lighthouse);
7. the tools at their limits (--limits-only runs just this): recalculation of the lenders page
   at its maximum rows, the log at its maximum entries, the loan-cost tool's payment table at its
   maximum rows and a 360-installment plan, measured
   like 3. (from posting the call to the next frame), and the pure Python time of the same
   calls (`bridge.run`) in CPython and in Pyodide under Node.

A missed target is reported, never an error: the exit status is 0 unless the script itself breaks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import functools
import gzip
import http.server
import importlib.util
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
LONG_TASK_MS = 50.0
VIEWPORT = {"width": 390, "height": 844}
OURS = "tools/budget/"
WARM_TARGET = "tools/plan/"
GUIDE = "guide/plan/"
BASELINE = "bench-baseline/"
LIGHTHOUSE_PAGES = ("", GUIDE, OURS)
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RECALC_EDITS = 20
LIMIT_EDITS = 10
PYTHON_RUNS = 15
# What the script types into each tool, and a text its result then contains.
FILL = {
    "budget": {"income": "5000", "expenses": "2000"},
    "plan": {"total": "12000", "monthly": "1000", "start": "2025-07-01"},
}
EXPECT = {"budget": "3,000.00", "plan": "1,000.00"}


# ---------------------------------------------------------------- pure helpers


@dataclass(frozen=True)
class Target:
    """A goal for one figure: `at_most`, `at_least` or `exactly` the limit."""

    kind: str
    limit: float
    unit: str = ""

    def met(self, value) -> bool | None:
        """True or False for a measured value; None when nothing was measured."""
        if value is None:
            return None
        if self.kind == "at_most":
            return value <= self.limit
        if self.kind == "at_least":
            return value >= self.limit
        if self.kind == "exactly":
            return value == self.limit
        raise ValueError(f"unknown target kind {self.kind!r}")

    def describe(self) -> str:
        sign = {"at_most": "≤", "at_least": "≥", "exactly": "="}[self.kind]
        return f"{sign} {_number(self.limit)}{self.unit}"


TARGETS = {
    "cold_ratio": Target("at_most", 1.10),
    "blocking_tbt": Target("at_most", 50, " ms"),
    "blocking_longest": Target("at_most", 50, " ms"),
    "recalc": Target("at_most", 50, " ms"),
    "guide_wasm": Target("exactly", 0, " B"),
    "performance": Target("at_least", 95),
    "accessibility": Target("exactly", 100),
    "best-practices": Target("exactly", 100),
    "seo": Target("at_least", 95),
}


def median(values):
    """The median of the numbers that are not None; None if there are none."""
    numbers = [v for v in values if v is not None]
    return statistics.median(numbers) if numbers else None


def total_blocking_time(durations, threshold: float = LONG_TASK_MS) -> float:
    """The sum over tasks of the time beyond `threshold` ms (Lighthouse's TBT, without its window)."""
    return sum(max(0.0, d - threshold) for d in durations)


def longest(durations) -> float:
    """The longest duration, 0 for none."""
    return max(durations, default=0.0)


def ratio(numerator, denominator):
    """numerator / denominator, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def verdict(target: Target, value) -> str:
    """'met', 'MISSED' or 'n/a' for a value against its target."""
    return {True: "met", False: "MISSED", None: "n/a"}[target.met(value)]


def read_debounce_ms(form_source: str) -> int:
    """The form controller's DEBOUNCE_MS constant from the source of form.mjs."""
    found = re.search(r"\bDEBOUNCE_MS\s*=\s*(\d+)", form_source)
    if not found:
        raise ValueError("DEBOUNCE_MS not found in form.mjs")
    return int(found.group(1))


def read_build_info(build_mjs: str) -> dict:
    """The BUILD object written by the calculators hook into assets/js/build.mjs."""
    found = re.search(r"BUILD\s*=\s*(\{.*?\})\s*;", build_mjs, re.S)
    if not found:
        raise ValueError("BUILD object not found in build.mjs")
    return json.loads(found.group(1))


def bytes_by(entries, predicate=lambda url, mime: True) -> int:
    """Total transferred bytes of the (url, mime, bytes) entries the predicate accepts."""
    return sum(size for url, mime, size in entries if predicate(url, mime))


def is_wasm(url: str, mime: str) -> bool:
    return url.split("?")[0].endswith(".wasm") or mime == "application/wasm"


def is_pyodide(url: str, mime: str) -> bool:
    return "/assets/pyodide/" in url or is_wasm(url, mime)


def failing_audits(report: dict, category: str) -> list:
    """(id, title, score) of each scored audit of a Lighthouse category that is not perfect."""
    audits = report.get("audits", {})
    failing = []
    for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings") and score is not None and score < 1:
            failing.append((ref["id"], audit.get("title", ""), score))
    return failing


def audit_items(report: dict, audit_id: str, limit: int = 5) -> list:
    """Short descriptions of the first items in a Lighthouse audit's details (elements, scripts, tasks)."""
    items = report.get("audits", {}).get(audit_id, {}).get("details", {}).get("items", []) or []
    described = []
    for item in items[:limit]:
        node = item.get("node") if isinstance(item.get("node"), dict) else {}
        if node:
            text = node.get("selector") or node.get("snippet", "")
            if "contrastRatio" in item or "explanation" in node:
                text += " (" + (node.get("explanation", "").splitlines() or [""])[-1].strip()[:120] + ")"
            described.append(text)
        elif "url" in item:
            numbers = ", ".join(f"{key} {item[key]:.0f} ms" for key in ("duration", "total", "scripting") if isinstance(item.get(key), (int, float)))
            described.append(f"{str(item['url']).split('/xieshang/')[-1] or item['url']}: {numbers}")
    return described


def format_table(header, rows) -> str:
    """A plain text table with aligned columns."""
    table = [list(map(str, header))] + [list(map(str, row)) for row in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for index, row in enumerate(table):
        lines.append("  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _number(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.0f}"
    return f"{int(value)}"


def ms(value) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def kb(value) -> str:
    if value is None:
        return "-"
    return f"{value} B" if value < 1024 else f"{value / 1024:,.1f} KiB"


# ---------------------------------------------------------------- the site


def build_site(target: Path, site_url: str) -> Path:
    """`mkdocs build --strict` into target for site_url (instant navigation needs the real address,
    as the browser tests do); exits with the build output if it fails."""
    print(f"==> Building the site into {target}", flush=True)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed, nothing measured:\n{result.stdout}\n{result.stderr}")
    print(f"    built in {time.monotonic() - started:.1f} s", flush=True)
    return target


BASELINE_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>baseline</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"></head>
<body><p>Pyodide baseline: one bridge.run call.</p><div data-calc-result></div>
<script type="module" src="./main.mjs"></script></body></html>
"""

BASELINE_MAIN = """const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  if (event.data.type === "progress") return;
  const out = document.querySelector("[data-calc-result]");
  if (event.data.ok) out.innerHTML = event.data.html;
  else out.textContent = "failed: " + JSON.stringify(event.data);
};
"""

BASELINE_WORKER = """import { BUILD } from "../assets/js/build.mjs";
const base = new URL(`../assets/pyodide/${BUILD.pyodideVersion}/`, import.meta.url);
try {
  postMessage({ type: "progress", stage: "python" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({ indexURL: base.href, lockFileURL: new URL("./pyodide-lock.json", import.meta.url).href });
  postMessage({ type: "progress", stage: "tools" });
  const response = await fetch(new URL(`../assets/calculators/${BUILD.wheel}`, import.meta.url));
  pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel");
  const bridge = pyodide.pyimport("calculators.bridge");
  const request = { tool: "budget", fields: { income: "5000", expenses: "2000" } };
  postMessage(JSON.parse(bridge.run(JSON.stringify(request))));
} catch (error) {
  postMessage({ ok: false, error: String(error) });
}
"""


def write_baseline(site: Path) -> None:
    """The bare baseline page: same Pyodide and wheel as the site, no theme, no bridge."""
    read_build_info((site / "assets" / "js" / "build.mjs").read_text(encoding="utf-8"))  # fail early if missing
    folder = site / BASELINE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    (folder / "main.mjs").write_text(BASELINE_MAIN, encoding="utf-8")
    (folder / "worker.mjs").write_text(BASELINE_WORKER, encoding="utf-8")
    # Bare Pyodide fetches its lock file; the site itself no longer ships it.
    lock = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
    if lock.is_file():
        shutil.copyfile(lock, folder / "pyodide-lock.json")


class Traffic:
    """What the local server sent: (path, status, body bytes), counted per request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []
        self.last = time.monotonic()

    def add(self, path, status, size):
        with self.lock:
            self.entries.append((path, status, size))
            self.last = time.monotonic()

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)

    def since(self, mark: int) -> list:
        with self.lock:
            return list(self.entries[mark:])

    def wait_quiet(self, seconds: float = 1.5, limit: float = 30.0) -> None:
        """Wait until nothing was served for `seconds` (service worker and worker fetches included)."""
        end = time.monotonic() + limit
        while time.monotonic() < end and time.monotonic() - self.last < seconds:
            time.sleep(0.1)


class _Counting:
    def __init__(self, raw):
        self.raw = raw
        self.size = 0

    def write(self, data):
        self.size += len(data)
        return self.raw.write(data)


@functools.cache
def test_module(relative: str):
    """A test conftest loaded under its own name, for what the benchmark shares with the tests:
    tests/conftest.py (SUB_PATH, SubPathHandler) and tests/browser/conftest.py (CHROMIUM, LAUNCH_ARGS)."""
    name = "benchmark_" + relative.replace("/", "_").removesuffix(".py")
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


# GitHub Pages gzips text and, on the fly, .wasm too (seen in go-app issue #866, 2023); not zips.
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json", "application/wasm")
CACHE_SECONDS = 600  # GitHub Pages sends Cache-Control: max-age=600


def gzip_worthy(content_type: str) -> bool:
    """Whether a host like GitHub Pages would gzip this type (text and wasm, not zip or images)."""
    return content_type.startswith(GZIP_TYPES)


class Gzipped:
    """Gzipped copies of the site's text files, made once before measuring."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.files = {}

    def fill(self, site: Path, handler_class) -> None:
        if not self.enabled:
            return
        for file in site.rglob("*"):
            if file.is_file() and gzip_worthy(_guess(handler_class, file)):
                self.files[str(file)] = gzip.compress(file.read_bytes(), 6, mtime=0)


def serve(site: Path, compress: bool = True):
    """Serve `site` under the tests' sub-path; returns (server, base url, Traffic, Gzipped).

    The server starts before the site is built, so the build can know its address (Material's
    instant navigation needs site_url). Like GitHub Pages, text is gzipped once `Gzipped.fill`
    ran (unless compress is False) and every response says max-age=600; the tests' handler
    does the rest (sub-path, MIME types)."""
    module = test_module("tests/conftest.py")
    SUB_PATH, SubPathHandler = module.SUB_PATH, module.SubPathHandler
    traffic = Traffic()
    gzipped = Gzipped(compress)

    class CountingHandler(SubPathHandler):
        status = None
        root = site

        def send_response(self, code, message=None):
            self.status = code
            super().send_response(code, message)

        def end_headers(self):
            self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
            super().end_headers()

        def copyfile(self, source, outputfile):
            counting = _Counting(outputfile)
            super().copyfile(source, counting)
            self.counted = counting.size

        def do_GET(self):
            file = self._file()
            if file is None or file not in gzipped.files or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().do_GET()
            stat = os.stat(file)
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                        self.send_response(304)
                        self.end_headers()
                        return
                except (TypeError, ValueError, OverflowError):
                    pass
            body = gzipped.files[file]
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(file))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)
            self.counted = len(body)

        def _file(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                if not urlsplit(self.path).path.endswith("/"):
                    return None  # the parent class redirects
                path = os.path.join(path, "index.html")
            return path if os.path.isfile(path) else None

        def handle_one_request(self):
            self.counted = 0
            self.status = None
            super().handle_one_request()
            if self.status is not None:
                traffic.add(getattr(self, "path", "?"), self.status, self.counted)

    class QuietServer(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
                super().handle_error(request, client_address)  # a browser hanging up is normal

    server = QuietServer(("127.0.0.1", 0), CountingHandler)
    server.handler_class = CountingHandler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}", traffic, gzipped


def _guess(handler_class, file: Path) -> str:
    """The Content-Type the handler class sends for a file."""
    return handler_class.extensions_map.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"


# ---------------------------------------------------------------- in the browser

INIT_SCRIPT = """(() => {
  if (window.__bench) return;
  const FILL = __FILL__;
  const EXPECT = __EXPECT__;
  const bench = (window.__bench = { marks: {}, longtasks: [], frames: [], posts: [] });
  const mark = (name) => { if (!(name in bench.marks)) bench.marks[name] = performance.now(); };
  bench.mark = mark;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { bench.noLongTasks = String(error); }
  try {
    // Long animation frames name the scripts behind a long task.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!(e.blockingDuration > 0)) continue;
        const scripts = (e.scripts || []).filter((x) => x.duration >= 5).map((x) => ({
          invoker: x.invoker, source: (x.sourceURL || "").split("/").slice(-2).join("/"), fn: x.sourceFunctionName, duration: Math.round(x.duration) }));
        bench.frames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration, scripts });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) { bench.noFrames = String(error); }
  // The calculators' worker (and the baseline's) report their stages: note when each arrives.
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (!/calc-worker|bench-baseline/.test(String(url))) return;
      mark("worker:created");
      this.addEventListener("message", (event) => {
        const data = event.data || {};
        if (data.type === "progress") mark("worker:" + data.stage);
        else if (data.type === "ready") mark("worker:ready");
      });
    }
  };
  const post = NativeWorker.prototype.postMessage;
  NativeWorker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "call") bench.posts.push({ id: message.id, tool: message.tool, at: performance.now() });
    return post.call(this, message, ...rest);
  };
  const valueSetter = (el) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), "value").set;
  bench.type = (input, value) => {
    valueSetter(input).call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const look = () => {
    const baseResult = document.querySelector("body > [data-calc-result]");
    if (baseResult && baseResult.textContent.includes(EXPECT.budget)) mark("result:baseline");
    for (const form of document.querySelectorAll("form[data-calculator]")) {
      const tool = form.dataset.calculator;
      if (FILL[tool] && !form.__benchFilled) {
        const inputs = Object.entries(FILL[tool]).map(([name, value]) => [form.querySelector(`[name="${name}"]:not(template *)`), value]);
        if (inputs.every(([input]) => input)) { // all parsed: the page may still be streaming in
          form.__benchFilled = true;
          mark("filled:" + tool);
          for (const [input, value] of inputs) if (input) bench.type(input, value);
        }
      }
      if (form.dataset.calcState) mark(`state:${tool}:${form.dataset.calcState}`);
      const result = form.querySelector("[data-calc-result]");
      if (result && EXPECT[tool] && result.textContent.includes(EXPECT[tool])) mark("result:" + tool);
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
"""


def init_script() -> str:
    return INIT_SCRIPT.replace("__FILL__", json.dumps(FILL)).replace("__EXPECT__", json.dumps(EXPECT))


class Browser:
    """Debian's Chromium with the browser tests' launch flags.

    Every context is a fresh profile in a new temporary folder (a persistent context): unlike
    Playwright's in-memory contexts it has a disk cache, as a reader's phone does. An in-memory
    context never caches the 9.6 MB wasm, which would make "warm" figures meaningless.
    """

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self.chromium = test_module("tests/browser/conftest.py").CHROMIUM
        self.launch_args = test_module("tests/browser/conftest.py").LAUNCH_ARGS
        self.version = subprocess.run([self.chromium, "--version"], capture_output=True, text=True).stdout.strip()
        self.playwright = sync_playwright().start()
        self.problems = []
        self.profiles = []

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


STAGES = (
    ("worker created", None, "worker:created"),
    ("download runtime files", "worker:download", "worker:python"),
    ("loadPyodide", "worker:python", "worker:tools"),
    ("wheel + import (+ run, baseline)", "worker:tools", ("worker:ready", "result:baseline")),
    ("ready to first result", "worker:ready", "result:budget"),
)


def stage_times(marks: dict) -> dict:
    """How long each start-up stage took, from the marks of one run (a stage without marks is left out)."""
    times = {}
    for name, start, ends in STAGES:
        end = next((marks[e] for e in ((ends,) if isinstance(ends, str) else ends) if e in marks), None)
        if end is not None and (start is None or start in marks):
            times[name] = end - (marks[start] if start else 0.0)
    return times


def measure_cold(browser: Browser, base: str, runs: int) -> dict:
    baseline, ours = [], []
    for run in range(runs):
        baseline.append(cold_run(browser, base + BASELINE, "result:baseline"))
        ours.append(cold_run(browser, base + OURS, "result:budget"))
        print(
            f"    run {run + 1}/{runs}: baseline {ms(baseline[-1]['first_result_ms'])}, ours {ms(ours[-1]['first_result_ms'])}"
            f" (TBT {ms(ours[-1]['tbt_ms'])}, longest task {ms(ours[-1]['longest_ms'])})",
            flush=True,
        )
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
        "stages": {
            kind: {name: median(stage_times(r["marks"]).get(name) for r in rows) for name, _, _ in STAGES}
            for kind, rows in (("baseline", baseline), ("ours", ours))
        },
    }


RECALC_JS = """async ({ tool, name, row, value, expect }) => {
  const form = document.querySelector(`form[data-calculator="${tool}"]`);
  const scope = row === null ? form : form.querySelectorAll("[data-row]")[row];
  const input = scope.querySelector(`[name="${name}"]:not(template *)`);
  const result = form.querySelector("[data-calc-result]");
  const posts = window.__bench.posts;
  const before = posts.length;
  return await new Promise((resolve) => {
    let typed = 0;
    const observer = new MutationObserver(() => {
      if (!result.textContent.includes(expect)) return;
      const dom = performance.now();
      observer.disconnect();
      const post = posts.length > before ? posts[posts.length - 1].at : null;
      requestAnimationFrame(() => setTimeout(() => {
        const frame = performance.now();
        resolve({ raw: dom - typed, post: post === null ? null : dom - post, frame: post === null ? null : frame - post, calls: posts.length - before });
      }, 0));
    });
    observer.observe(result, { childList: true, subtree: true, characterData: true });
    typed = performance.now();
    window.__bench.type(input, value);
  });
}"""


def open_with_first_result(browser: Browser, context, base: str):
    """Our capacity page after its first result has settled, or None if no result came."""
    page = browser.first_page(context)
    page.goto(base + OURS, wait_until="commit")
    if wait_mark(page, "result:budget") is None:
        return None
    page.wait_for_timeout(1000)
    return page


def measure_recalc(browser: Browser, base: str, debounce_ms: int) -> dict:
    """20 edits of the income after the first result: raw latency and the part after the debounce."""
    context = browser.context()
    samples = []
    try:
        page = open_with_first_result(browser, context, base)
        if page is None:
            return {"error": "no first result on the capacity page"}
        for edit in range(RECALC_EDITS):
            income = 5001 + edit
            expect = f"{income - 2000:,}.00"
            edit = {"tool": "budget", "name": "income", "row": None, "value": str(income), "expect": expect}
            samples.append(page.evaluate(RECALC_JS, edit))
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


def _page_bytes(browser_context, url: str, traffic: Traffic, wait_tool: str | None) -> dict:
    """Bytes of one navigation: from the page's CDP Network events and from the server's own count."""
    page = browser_context.new_page()
    cdp = browser_context.new_cdp_session(page)
    responses, finished = {}, {}
    cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], (e["response"]["url"], e["response"].get("mimeType", ""))))
    cdp.on("Network.loadingFinished", lambda e: finished.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.send("Network.enable")
    start = traffic.mark()
    page.goto(url, wait_until="load")
    if wait_tool:
        wait_mark(page, f"state:{wait_tool}:ready")
    try:
        page.wait_for_load_state("networkidle", timeout=30_000)
    except Exception:
        pass
    traffic.wait_quiet()
    entries = [(*responses.get(rid, ("?", "")), size) for rid, size in finished.items()]
    served = traffic.since(start)
    page.close()
    return {
        "cdp_bytes": bytes_by(entries),
        "cdp_wasm_bytes": bytes_by(entries, is_wasm),
        "cdp_pyodide_bytes": bytes_by(entries, is_pyodide),
        "cdp_requests": len(entries),
        "server_bytes": sum(size for _, _, size in served),
        "server_requests": len(served),
        "server_wasm_bytes": sum(size for path, _, size in served if path.split("?")[0].endswith(".wasm")),
        "server_pyodide_bytes": sum(size for path, _, size in served if "/assets/pyodide/" in path),
        "server_304": sum(1 for _, status, _ in served if status == 304),
        "biggest": sorted(((size, path) for path, _, size in served), reverse=True)[:5],
    }


def measure_bytes(browser: Browser, base: str, traffic: Traffic) -> dict:
    """Cold then warm (a second tab in the same profile) for a guide page and a calculator page."""
    figures = {}
    for name, path, tool in (("guide", GUIDE, None), ("calculator", OURS, "budget")):
        context = browser.context()
        try:
            figures[name] = {
                "path": path,
                "cold": _page_bytes(context, base + path, traffic, tool),
                "warm": _page_bytes(context, base + path, traffic, tool),
            }
        finally:
            context.close()
    return figures


WARM_JS = """async (target) => {
  const links = [...document.querySelectorAll("a[href]")].filter((a) => new URL(a.href, location.href).pathname.endsWith(target));
  const link = links.find((a) => a.closest("article")) || links[0];
  if (!link) return { error: "no link to " + target + " on the page" };
  window.__benchDocument = "before-click";
  const at = performance.timeOrigin + performance.now();
  link.click();
  return { clicked: link.href, inArticle: Boolean(link.closest("article")), at };
}"""


def measure_warm(browser: Browser, base: str) -> dict:
    """Time to the plan result after a link click from the capacity page to the plan page.

    Timed in wall-clock ms (timeOrigin + now), so it holds whether Material's instant navigation
    keeps the document (and the worker) or the click loads a new page.
    """
    context = browser.context()
    try:
        page = open_with_first_result(browser, context, base)
        if page is None:
            return {"error": "no first result on the capacity page"}
        clicked = page.evaluate(WARM_JS, WARM_TARGET)
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
    sys.path.insert(0, str(ROOT))
    from calculators import lenders, log, plan, rate

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


def time_cpython(requests: dict, runs: int = PYTHON_RUNS) -> dict:
    """Median and max ms of `bridge.run` per tool in this CPython, after one warm-up call (whether
    the call gave a result is kept as `ok`)."""
    sys.path.insert(0, str(ROOT))
    from calculators import bridge

    timings = {}
    for tool, fields in requests.items():
        request = json.dumps({"tool": tool, "fields": fields}, ensure_ascii=False)
        ok = json.loads(bridge.run(request))["ok"]
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            bridge.run(request)
            samples.append((time.perf_counter() - started) * 1000)
        timings[tool] = {"ok": ok, "median_ms": median(samples), "max_ms": max(samples)}
    return {"version": sys.version.split()[0], "timings": timings}


PYODIDE_TIMING_JS = """
import { loadPyodide } from "pyodide";
import { readdirSync, readFileSync } from "node:fs";
const input = JSON.parse(readFileSync(0, "utf8"));
const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/home/pyodide/calculators");
for (const name of readdirSync("calculators").filter((n) => n.endsWith(".py"))) {
  pyodide.FS.writeFile(`/home/pyodide/calculators/${name}`, new Uint8Array(readFileSync(`calculators/${name}`)));
}
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
const bridge = pyodide.pyimport("calculators.bridge");
const out = { version: pyodide.version, timings: {} };
for (const [tool, fields] of Object.entries(input.requests)) {
  const request = JSON.stringify({ tool, fields });
  const ok = JSON.parse(bridge.run(request)).ok;
  const samples = [];
  for (let i = 0; i < input.runs; i++) {
    const started = performance.now();
    bridge.run(request);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  out.timings[tool] = { ok, median_ms: samples[Math.floor(samples.length / 2)], max_ms: samples[samples.length - 1] };
}
console.log(JSON.stringify(out));
"""


def time_pyodide(requests: dict, runs: int = PYTHON_RUNS) -> dict:
    """The same as `time_cpython`, in the pinned Pyodide under Node (the browser's Python, off the browser)."""
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "pyodide").is_dir():
        return {"error": "node or node_modules/pyodide missing: run scripts/setup.sh"}
    finished = subprocess.run(
        [node, "--input-type=module", "-e", PYODIDE_TIMING_JS],
        cwd=ROOT,
        input=json.dumps({"requests": requests, "runs": runs}, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if finished.returncode != 0:
        return {"error": f"node exited {finished.returncode}: {finished.stderr.strip()[-400:]}"}
    return json.loads(finished.stdout.strip().splitlines()[-1])


FILL_ROWS_JS = """async ({ tool, group, fields, rows }) => {
  const form = document.querySelector(`form[data-calculator="${tool}"]`);
  const set = (input, value) => {
    if (input.tagName === "SELECT") {
      input.value = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    } else window.__bench.type(input, value);
  };
  for (const [name, value] of Object.entries(fields)) {
    const radio = form.querySelector(`input[type="radio"][name="${name}"][value="${value}"]`);
    const input = radio || form.querySelector(`[name="${name}"]:not(template *)`);
    if (input && input.type === "radio") input.click();
    else if (input) set(input, value);
  }
  if (!group) return 0;
  const box = form.querySelector(`[data-repeat="${group}"]`);
  const add = box.querySelector("[data-add-row]");
  const found = () => box.querySelectorAll("[data-row]");
  while (found().length < rows.length) {
    const before = found().length;
    add.click();
    if (found().length === before) break; // the page stopped adding: its maximum
  }
  const all = found();
  rows.forEach((row, index) => {
    if (!all[index]) return;
    for (const [name, value] of Object.entries(row)) {
      const input = all[index].querySelector(`[name="${name}"]`);
      if (input) set(input, value);
    }
  });
  return all.length;
}"""

WAIT_TEXT_JS = """async ({ tool, expect, timeout }) => {
  const result = document.querySelector(`form[data-calculator="${tool}"] [data-calc-result]`);
  const started = performance.now();
  while (!result.textContent.includes(expect)) {
    if (performance.now() - started > timeout) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - started;
}"""


def measure_limits(browser: Browser, base: str, cases: dict, edits: int = LIMIT_EDITS) -> dict:
    """For each limit case: open its page, fill it to the limit, then time `edits` recalculations
    from the bridge posting the call to the next frame, as in measure_recalc."""
    figures = {}
    for tool, case in cases.items():
        context = browser.context()
        try:
            page = browser.first_page(context)
            page.goto(base + case["page"], wait_until="load")
            if wait_mark(page, f"state:{tool}:ready") is None:
                figures[tool] = {"error": "Python never became ready"}
                continue
            filled = page.evaluate(FILL_ROWS_JS, {"tool": tool, "group": case["group"], "fields": case["fields"], "rows": case["rows"]})
            waited = page.evaluate(WAIT_TEXT_JS, {"tool": tool, "expect": case["ready_text"], "timeout": 60_000})
            samples = []
            for k in range(1, edits + 1):
                edit = case["edit"](k)
                samples.append(page.evaluate(RECALC_JS, {"tool": tool, **edit}))
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


def lighthouse(url: str, chromium: str, launch_args) -> dict:
    """One Lighthouse 12 mobile run: the four scores (0-100) and what keeps each below 100."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return {"error": "node_modules/.bin/lighthouse missing: run scripts/setup.sh"}
    flags = ["--headless"] + [a if "=" not in a or " " not in a else a.replace("=", '="', 1) + '"' for a in launch_args]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(binary),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
            f"--chrome-flags={' '.join(flags)}",
        ]
        started = time.monotonic()
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, timeout=240)
        if result.returncode != 0 or not out.exists():
            return {"error": f"lighthouse exited {result.returncode}: {result.stderr.strip()[-800:]}"}
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) if report["categories"][c]["score"] is not None else None for c in LIGHTHOUSE_CATEGORIES}
    metrics = {}
    for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"):
        data = report["audits"].get(audit, {})
        metrics[audit] = {"value": data.get("displayValue"), "score": data.get("score")}
    return {
        "seconds": round(time.monotonic() - started, 1),
        "scores": scores,
        "metrics": metrics,
        "failing": {c: failing_audits(report, c) for c in LIGHTHOUSE_CATEGORIES},
        "where": {
            audit_id: audit_items(report, audit_id)
            for category in LIGHTHOUSE_CATEGORIES[1:]
            for audit_id, _, _ in failing_audits(report, category)
        }
        | {"long-tasks": audit_items(report, "long-tasks"), "bootup-time": audit_items(report, "bootup-time", 4)},
        "runtime_error": report.get("runtimeError"),
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "warnings": report.get("runWarnings", []),
    }


# ---------------------------------------------------------------- the runtime: one download, a smaller first visit
# (issue 13, parts 2 and 3). Measured for this build and, with --before, an earlier one side by side.

RUNTIME_DIRS = ("/assets/pyodide/", "/assets/calculators/")
IMPORT_PROBE = "bench-import/"
SLOW_LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
SLOW_CPU = 4
SLOW_LIMIT_S = 600
SHOT_AT_S = (5, 15, 30, 60, 90, 120, 180, 240, 300, 420, 540)
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


IMPORT_PROBE_HTML = """<!doctype html><meta charset="utf-8"><title>import probe</title><div data-probe></div>
<script type="module">
const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => { document.querySelector("[data-probe]").textContent = JSON.stringify(event.data); };
</script>
"""

# Starts Pyodide as plainly as each build allows, then times Python's imports and the first calls.
IMPORT_PROBE_WORKER = """import { BUILD } from "../assets/js/build.mjs";
const base = new URL(`../assets/pyodide/${BUILD.pyodideVersion}/`, import.meta.url);
try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const options = { indexURL: base.href };
  if (BUILD.stdlib) Object.assign(options, { stdLibURL: new URL(BUILD.stdlib, base).href, lockFileContents: { info: BUILD.lockInfo, packages: {} } });
  const started = performance.now();
  const pyodide = await loadPyodide(options);
  const loaded = performance.now() - started;
  const response = await fetch(new URL(`../assets/calculators/${BUILD.wheel}`, import.meta.url));
  pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel");
  const times = JSON.parse(pyodide.runPython(`
import json, sys, time
request = lambda income: json.dumps({"tool": "budget", "fields": {"income": income, "expenses": "2000"}})
t0 = time.perf_counter()
import calculators.bridge as bridge
t1 = time.perf_counter()
if hasattr(bridge, "prepare"):
    bridge.prepare(["budget"])
t2 = time.perf_counter()
assert "3,000.00" in bridge.run(request("5000"))
t3 = time.perf_counter()
bridge.run(request("5001"))
t4 = time.perf_counter()
json.dumps({"bridge_ms": (t1 - t0) * 1000, "tool_ms": (t2 - t1) * 1000, "first_call_ms": (t3 - t2) * 1000,
            "next_call_ms": (t4 - t3) * 1000, "modules": len(sys.modules)})
`));
  postMessage({ ...times, load_ms: loaded });
} catch (error) {
  postMessage({ error: String(error) });
}
"""


def write_import_probe(site: Path) -> None:
    folder = site / IMPORT_PROBE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(IMPORT_PROBE_HTML, encoding="utf-8")
    (folder / "worker.mjs").write_text(IMPORT_PROBE_WORKER, encoding="utf-8")


def _memory_browser(browser: Browser):
    """A second Chromium whose contexts live in memory: no disk cache, as in private browsing."""
    if not hasattr(browser, "memory"):
        browser.memory = browser.playwright.chromium.launch(executable_path=browser.chromium, headless=True, args=browser.launch_args)
    return browser.memory


def _memory_context(browser: Browser):
    context = _memory_browser(browser).new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(120_000)
    context.add_init_script(init_script())
    context.on("console", lambda m: m.type == "error" and browser.problems.append(f"console error: {m.text}"))
    return context


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
            context = _memory_context(browser)
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


def measure_slow_phone(browser: Browser, base: str, label: str, shots: Path | None) -> dict:
    """A fresh in-memory context on a throttled link and CPU: time to the first result, what the reader sees."""
    context = _memory_context(browser)
    seen, taken = [], []
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
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


def export_site(ref: str, target: Path, site_url: str) -> Path:
    """Build the site as it was at git `ref` (for --before), with this checkout's packages."""
    source = target.parent / "before-source"
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    (source / "node_modules").symlink_to(ROOT / "node_modules")
    print(f"==> Building {ref} for comparison", flush=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=source,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"building {ref} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return target


def measure_runtime(browser: Browser, base: str, traffic: Traffic, site: Path, runs: int, label: str, shots, slow: bool) -> dict:
    print(f"==> R1. {label}: runtime requests per cache mode", flush=True)
    figures = {"sizes": runtime_file_sizes(site), "requests": measure_runtime_requests(browser, base, traffic, site)}
    print(f"==> R2. {label}: import times ({runs} runs)", flush=True)
    figures["imports"] = measure_imports(browser, base, runs)
    if slow:
        print(f"==> R3. {label}: slow phone ({SLOW_LINK['latency']} ms, {SLOW_LINK['downloadThroughput'] * 8 / 1000:.0f} kbit/s, CPU {SLOW_CPU}x)", flush=True)
        figures["slow"] = measure_slow_phone(browser, base, label, shots)
    return figures


def runtime_rows(results: dict) -> list:
    """Side-by-side rows: what, target, before, after, result (after against the target)."""
    runtime = results.get("runtime", {})
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
    add("Ready to first result (cold median)", "ready_to_result", lambda side: side.get("cold", {}).get("stages", {}).get("ours", {}).get("ready to first result"), ms)
    add("Cold first result, tools/budget/ (median)", None, lambda side: side.get("cold", {}).get("ours_median_ms"), ms)
    add("Cold first result, bare Pyodide baseline (median)", None, lambda side: side.get("cold", {}).get("baseline_median_ms"), ms)
    add("Cold ratio ours / baseline", "cold_ratio", lambda side: side.get("cold", {}).get("ratio"), _number)

    def slow(side):
        data = side.get("slow")
        if not data:
            return None
        return f"{data['first_result_s']:.0f} s" if data["first_result_s"] is not None else f"none ({data['state']})"

    add("Slow phone: first result", None, slow, lambda value: value or "-")
    return rows


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


def runtime_details(results: dict) -> str:
    runtime = results.get("runtime", {})
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
            for at, status, text in milestones(slow["seen"]):
                out.append(f"    {at:6.1f} s  [{text}] {status}")
            if slow["screenshots"]:
                out.append(f"  screenshots: {os.path.dirname(slow['screenshots'][0])} ({len(slow['screenshots'])} files)")
    return "\n".join(out)


# ---------------------------------------------------------------- report


def summary_rows(results: dict) -> list:
    rows = []
    cold = results.get("cold", {})
    debounce = results.get("recalc", {}).get("debounce_ms")

    def add(what, key, measured, shown):
        target = TARGETS.get(key)
        rows.append((what, target.describe() if target else "-", shown, verdict(target, measured) if target else "-"))

    if cold:
        add("Cold first result, baseline (median)", None, None, ms(cold["baseline_median_ms"]))
        add("Cold first result, tools/budget/ (median)", None, None, ms(cold["ours_median_ms"]))
        add("  of which: navigation to Python ready", None, None, ms(cold["ours_ready_median_ms"]))
        add("Cold ratio ours / baseline", "cold_ratio", cold["ratio"], _number(cold["ratio"]))
        add("Main thread: total blocking time (median)", "blocking_tbt", cold["tbt_median_ms"], ms(cold["tbt_median_ms"]))
        add("Main thread: longest task (median)", "blocking_longest", cold["longest_median_ms"], ms(cold["longest_median_ms"]))
    recalc = results.get("recalc", {})
    if "raw_median_ms" in recalc:
        add(f"Recalculation, raw incl. {debounce} ms debounce", None, None, ms(recalc["raw_median_ms"]))
        add("Recalculation, raw minus debounce", None, None, ms(recalc["raw_minus_debounce_ms"]))
        add("Recalculation, post to result in DOM", None, None, ms(recalc["compute_dom_median_ms"]))
        add("Recalculation, post to next frame (target)", "recalc", recalc["compute_frame_median_ms"], ms(recalc["compute_frame_median_ms"]))
    for name, figures in results.get("bytes", {}).items():
        for phase in ("cold", "warm"):
            data = figures[phase]
            add(f"Bytes {figures['path']} {phase} (all requests)", None, None, kb(data["server_bytes"]))
            add(f"Bytes {figures['path']} {phase} (page CDP only)", None, None, kb(data["cdp_bytes"]))
        if name == "guide":
            wasm = max(figures["cold"]["cdp_wasm_bytes"], figures["cold"]["server_wasm_bytes"])
            add(f"Wasm bytes on {figures['path']} (cold)", "guide_wasm", wasm, kb(wasm))
            pyodide = figures["cold"]["server_pyodide_bytes"]
            add(f"Any Pyodide file on {figures['path']} (cold)", "guide_wasm", pyodide, kb(pyodide))
    warm = results.get("warm", {})
    if warm:
        how = "instant navigation" if warm.get("instant_navigation") else "full page load"
        shown = warm["error"] if "error" in warm else f"{ms(warm.get('first_result_ms'))} ({how})"
        add("Warm start budget -> plan (click to result)", None, None, shown)
        if "error" not in warm:
            add("  of which: click to plan form filled", None, None, ms(warm.get("form_filled_ms")))
    for tool, figures in results.get("limits", {}).items():
        if "error" in figures:
            add(f"Recalculation at the limit: {tool}", None, None, figures["error"][:60])
            continue
        label = limit_label(tool, figures)
        add(f"Recalculation at the limit: {label}, post to next frame", "recalc", figures["compute_frame_median_ms"], ms(figures["compute_frame_median_ms"]))
        add(f"  {label}: of which post to result in DOM", None, None, ms(figures["compute_dom_median_ms"]))
        add(f"  {label}: slowest of {len(figures['samples'])} edits", None, None, ms(figures["compute_frame_max_ms"]))
    for runtime, timings in results.get("python", {}).items():
        if "error" in timings:
            add(f"Python only, {runtime}", None, None, timings["error"][:60])
            continue
        for tool, timing in timings["timings"].items():
            shown = f"{ms(timing['median_ms'])} (max {ms(timing['max_ms'])})" + ("" if timing["ok"] else " REFUSED")
            add(f"Python only, bridge.run {tool} at its limit, {runtime} (median)", None, None, shown)
    for path, report in results.get("lighthouse", {}).items():
        label = path or "(home)"
        if "error" in report:
            add(f"Lighthouse {label}", None, None, report["error"][:60])
            continue
        for category in LIGHTHOUSE_CATEGORIES:
            value = report["scores"][category]
            add(f"Lighthouse {label} {category}", category, value, _number(value))
    return rows


def details(results: dict) -> str:
    out = []
    cold = results.get("cold")
    if cold:
        out.append("Cold runs (ms from navigation start):")
        for kind in ("baseline", "ours"):
            for index, run in enumerate(cold[f"{kind}_runs"], 1):
                marks = ", ".join(f"{k} {v:.0f}" for k, v in sorted(run["marks"].items(), key=lambda kv: kv[1]))
                out.append(f"  {kind} {index}: result {ms(run['first_result_ms'])}; TBT {ms(run['tbt_ms'])}; marks: {marks}")
                tasks = ", ".join(f"{t['duration']:.0f} ms at {t['start']:.0f}" for t in run["longtasks"])
                out.append(f"      long tasks: {tasks or 'none'}")
                for frame in run.get("long_frames", []):
                    scripts = "; ".join(
                        f"{x['duration']} ms {x['invoker']} {x['source']} {x['fn'] or ''}".rstrip() for x in frame["scripts"]
                    )
                    out.append(f"      long frame at {frame['start']:.0f} ({frame['blocking']:.0f} ms blocking): {scripts or 'no script attribution (style/layout/parse)'}")
        stages = cold["stages"]
        rows = [(name, ms(stages["baseline"][name]), ms(stages["ours"][name])) for name, _, _ in STAGES]
        out.append("Start-up stages, median ms (marks from the page: worker messages as they arrive):")
        out.append("  " + format_table(("stage", "baseline", "tools/budget/"), rows).replace("\n", "\n  "))
    recalc = results.get("recalc")
    if recalc and "samples" in recalc:
        out.append("Recalculation samples, post to next frame (ms): " + ", ".join(f"{s['frame']:.0f}" for s in recalc["samples"] if s["frame"] is not None))
        out.append("Recalculation samples, raw (ms): " + ", ".join(f"{s['raw']:.0f}" for s in recalc["samples"]))
        out.append(f"  max post to next frame: {ms(recalc['compute_frame_max_ms'])}")
    for name, figures in results.get("bytes", {}).items():
        for phase in ("cold", "warm"):
            data = figures[phase]
            out.append(
                f"Bytes {figures['path']} {phase}: CDP {data['cdp_bytes']} B in {data['cdp_requests']} responses "
                f"(wasm {data['cdp_wasm_bytes']}, pyodide {data['cdp_pyodide_bytes']}); server {data['server_bytes']} B in "
                f"{data['server_requests']} requests ({data['server_304']} x 304; wasm {data['server_wasm_bytes']}, pyodide {data['server_pyodide_bytes']})"
            )
            if data["biggest"]:
                out.append("    biggest served: " + ", ".join(f"{path} {kb(size)}" for size, path in data["biggest"]))
    warm = results.get("warm")
    if warm:
        out.append(f"Warm start: {json.dumps(warm, ensure_ascii=False)}")
    for tool, figures in results.get("limits", {}).items():
        if "samples" in figures:
            frames = ", ".join(f"{s['frame']:.0f}" for s in figures["samples"] if s["frame"] is not None)
            out.append(f"At the limit, {limit_label(tool, figures)}: post to next frame (ms): {frames}; status: {figures['status']}")
    for path, report in results.get("lighthouse", {}).items():
        label = path or "(home)"
        if "error" in report:
            out.append(f"Lighthouse {label}: {report['error']}")
            continue
        metrics = ", ".join(f"{k} {v['value']} ({_number(v['score'])})" for k, v in report["metrics"].items())
        out.append(f"Lighthouse {label} ({report['seconds']} s, benchmarkIndex {report['benchmark_index']}): {metrics}")
        for category, audits in report["failing"].items():
            for audit_id, title, score in audits:
                out.append(f"    {category}: {audit_id} (score {_number(score)}): {title}")
                for where in report["where"].get(audit_id, []) if category != "performance" else []:
                    out.append(f"        at {where}")
        for audit_id in ("long-tasks", "bootup-time"):
            if report["where"].get(audit_id):
                out.append(f"    {audit_id}: " + "; ".join(report["where"][audit_id]))
        for warning in report["warnings"]:
            out.append(f"    warning: {warning}")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold runs of each page (default 3)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    parser.add_argument("--no-gzip", action="store_true", help="serve text uncompressed (default: gzip, like GitHub Pages)")
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building one")
    parser.add_argument("--limits-only", action="store_true", help="measure only the tools at their limits (7.)")
    parser.add_argument("--before", help="also measure the runtime of this git ref (or built site folder), side by side")
    parser.add_argument("--screenshots", type=Path, help="save the slow-phone run's screenshots in this folder")
    parser.add_argument("--no-slow-phone", action="store_true", help="skip the throttled slow-phone runs (minutes each)")
    args = parser.parse_args(argv)
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)

    debounce_ms = read_debounce_ms((ROOT / "docs" / "assets" / "js" / "form.mjs").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
        site = Path(tmp) / "site"
        server, base, traffic, gzipped = serve(site, compress=not args.no_gzip)
        if args.site:
            shutil.copytree(args.site, site)
            print(f"==> Using {args.site}: instant navigation works only if it was built with SITE_URL={base}", flush=True)
        else:
            build_site(site, base)
        gzipped.fill(site, server.handler_class)
        write_baseline(site)
        write_import_probe(site)
        print(f"==> Serving at {base}", flush=True)
        before = None
        if args.before:
            before_site = Path(tmp) / "before-site"
            before_server, before_base, before_traffic, before_gzipped = serve(before_site, compress=not args.no_gzip)
            if Path(args.before).is_dir():
                shutil.copytree(args.before, before_site)
            else:
                export_site(args.before, before_site, before_base)
            before_gzipped.fill(before_site, before_server.handler_class)
            write_baseline(before_site)
            write_import_probe(before_site)
            before = (before_site, before_server, before_base, before_traffic)
            print(f"==> Serving {args.before} at {before_base}", flush=True)
        browser = Browser()
        results = {"runs": args.runs, "url": base, "chromium": browser.version, "load_before": os.getloadavg()}
        try:
            if not args.limits_only:
                print(f"==> 1-2. Cold first result and main-thread blocking ({args.runs} runs each)", flush=True)
                results["cold"] = measure_cold(browser, base, args.runs)
                print("==> 3. Recalculation latency", flush=True)
                results["recalc"] = measure_recalc(browser, base, debounce_ms)
                print("==> 4. Bytes transferred", flush=True)
                results["bytes"] = measure_bytes(browser, base, traffic)
                print("==> 5. Warm start", flush=True)
                results["warm"] = measure_warm(browser, base)
            print("==> 7. The tools at their limits", flush=True)
            cases = limit_cases(date.today())
            results["limits"] = measure_limits(browser, base, cases)
            requests = limit_requests(cases)
            results["python"] = {"CPython": time_cpython(requests), "Pyodide/Node": time_pyodide(requests)}
            lighthouse_pages = {}
            if not args.no_lighthouse and not args.limits_only:
                for path in LIGHTHOUSE_PAGES:
                    print(f"==> 6. Lighthouse {path or '(home)'}", flush=True)
                    lighthouse_pages[path] = lighthouse(base + path, browser.chromium, browser.launch_args)
            results["lighthouse"] = lighthouse_pages
            if not args.limits_only:
                slow = not args.no_slow_phone
                results["runtime"] = {"after": measure_runtime(browser, base, traffic, site, args.runs, "after", args.screenshots, slow)}
                results["runtime"]["after"]["cold"] = results["cold"]
            if before and not args.limits_only:
                before_site, _, before_base, before_traffic = before
                print(f"==> R0. before: cold first result ({args.runs} runs each)", flush=True)
                cold = measure_cold(browser, before_base, args.runs)
                results["runtime"]["before"] = measure_runtime(browser, before_base, before_traffic, before_site, args.runs, "before", args.screenshots, slow)
                results["runtime"]["before"]["cold"] = cold
            results["load_after"] = os.getloadavg()
            results["problems"] = sorted(set(browser.problems))
            results["http_errors"] = sorted({f"{status} {path}" for path, status, _ in traffic.since(0) if status >= 400})
        finally:
            browser.close()
            server.shutdown()
            if before:
                before[1].shutdown()

    print("\n" + details(results))
    if results["problems"]:
        print("Console problems seen during the runs:\n  " + "\n  ".join(results["problems"]))
    if results["http_errors"]:
        print("Requests the server answered with an error:\n  " + "\n  ".join(results["http_errors"]))
    load = f"load average {results['load_before'][0]:.1f} before, {results['load_after'][0]:.1f} after"
    print(f"\nBenchmark ({args.runs} cold runs each, {results['chromium']}, {os.cpu_count()} CPUs, {load}):\n")
    print(format_table(("What", "Target", "Measured", "Result"), summary_rows(results)))
    if results.get("runtime"):
        print("\n" + runtime_details(results))
        print(f"\nRuntime (issue 13), {'before = ' + args.before + ', ' if args.before else ''}after = this checkout; one run, same machine:\n")
        print(format_table(("What", "Target", "Before", "After", "Result"), runtime_rows(results)))
    print(
        f"\nRecalculation target is compared with the compute+render part: from the bridge posting the call to the worker "
        f"to the next frame after the result is in the page, i.e. excluding the {debounce_ms} ms input debounce."
    )
    print(
        f"Bytes: 'all requests' = response bodies the local server sent ({'no gzip' if args.no_gzip else 'text and wasm gzipped, zip as-is'}), counting the page, its workers and the\n"
        "service worker; 'page CDP only' = encodedDataLength from the page's CDP Network events, which do not see the\n"
        "dedicated worker's or the service worker's fetches (so not Pyodide). Each context is a fresh on-disk profile."
    )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
