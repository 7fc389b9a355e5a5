"""Start-up stage by stage, per engine, against bare Pyodide in the same browser. Prints; never fails.

    python -m scripts.bench.startup_stages [--runs N] [--engines chromium,webkit,firefox] [--site DIR]

Builds the site (or takes --site DIR, built for any address), adds two bare Pyodide pages (the
same self-hosted Pyodide and wheel, no theme, no bridge: one loads Pyodide in a module worker, the
other on the main thread; both then import the wheel's bridge and run the budget tool once), and
serves them like GitHub Pages (gzip, max-age=600, under a sub-path).

In each engine, in one profile, it visits the budget page, the bare worker page and the bare
main-thread page in turn, `--runs` + 1 times: the first round is the first visit, the others are
repeat visits (HTTP cache, Cache Storage and the service worker as a reader's browser has them).
Rounds start with a different page each time; in the first round the site goes first, so its
first-visit figure also carries the fresh browser's own warm-up (read it with that in mind).
For every visit it reads the stage timings the page itself records (`__calculatorsTest.timings()`
on the site, `__bare` on the bare pages), the time to ready and to the first result, all in ms
from navigation start. It prints the medians of the repeat visits side by side, the ratio to bare
Pyodide, and the machine's load average (other work on the machine makes every figure noisy:
compare the columns of one run, not figures from different runs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts import devserver  # noqa: E402
from scripts.bench import figures, site as bench_site  # noqa: E402
from scripts.bench import engine_drivers  # noqa: E402  (the WebKit and Firefox drivers the tests use)

SITE_PAGE = "tools/budget/"
BARE = "bench-bare/"
BARE_PAGES = {"bare worker": BARE + "worker/", "bare main thread": BARE + "main/"}
FIELDS = {"income": "5000", "expenses": "2000"}
EXPECT = "3,000.00"
# Stages in the order they happen: name, what it is. The site records all; bare pages some.
STAGES = (
    ("load worker", "page creates the worker until its module runs"),
    ("fetch", "every runtime file in (Cache Storage or network; counted for progress)"),
    ("painted", "the worker waits for the page's first frame before its CPU work (downloads go on)"),
    ("snapshot", "this device's memory snapshot read, unzipped and checked (beside fetch and import)"),
    ("import", "pyodide.mjs and pyodide.asm.mjs imported"),
    ("compile", "the wasm compiled (compileStreaming)"),
    ("instantiate", "the wasm instantiated"),
    ("stdlib", "the standard library written into Pyodide's file system"),
    ("init", "Python's own start-up until loadPyodide resolves"),
    ("pyodide", "loadPyodide() in all"),
    ("wheel", "the wheel checked and unpacked"),
    ("imports", "calculators.bridge and the page's tools imported"),
    ("call", "the first call, posted to answered"),
)

BARE_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>bare Pyodide</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"></head>
<body><p>Bare Pyodide: loadPyodide, the wheel, one bridge.run call.</p><div data-result></div>
<script type="module" src="./main.mjs"></script></body></html>
"""

# Runs in the worker or on the main thread: the same steps, timed with the same stage names.
BARE_START = """import { BUILD } from "../../assets/js/build.mjs";
const base = new URL(`../../assets/pyodide/${BUILD.pyodideVersion}/`, import.meta.url);
const timings = {};
const clock = () => performance.timeOrigin + performance.now();
const timed = async (stage, action) => {
  const start = clock();
  try { return await action(); } finally { timings[stage] = { start, end: clock() }; }
};
__SUSPECTS__
export async function startBare(flags = new Set()) {
  const options = { indexURL: base.href, lockFileURL: new URL("../pyodide-lock.json", import.meta.url).href };
  await suspects(flags, options);
  const { loadPyodide } = await timed("import", () => import(new URL("pyodide.mjs", base).href));
  const pyodide = await timed("pyodide", () => loadPyodide(options));
  await timed("wheel", async () => {
    const response = await fetch(new URL(`../../assets/calculators/${BUILD.wheel}`, import.meta.url));
    pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel");
  });
  const bridge = await timed("imports", () => pyodide.pyimport("calculators.bridge"));
  const ready = clock();
  const request = { tool: "budget", fields: __FIELDS__ };
  const response = await timed("call", () => JSON.parse(bridge.run(JSON.stringify(request))));
  return { response, timings, ready, stdlib: options.stdLibURL || "full" };
}
"""

# Bare Pyodide with one of the site's ways of starting it added, named in the page's query
# (?trimmed&cache...): each suspect of the start-up gap, alone. With no flag, nothing is added.
SUSPECTS = """async function suspects(flags, options) {
  const wasm = new URL("pyodide.asm.wasm", base).href;
  const trimmed = new URL(BUILD.stdlib, base).href;
  const compiled = BUILD.compiledStdlib && new URL(BUILD.compiledStdlib, base).href;
  if (flags.has("trimmed")) options.stdLibURL = trimmed; // the site's trimmed stdlib zip
  if (flags.has("compiled") && compiled) {
    // the bytecode the site's worker compiled on this device (Cache Storage "xsh-runtime")
    if (await (await caches.open("xsh-runtime")).match(compiled)) options.stdLibURL = compiled;
  }
  if (flags.has("blob")) {
    // pyodide.asm.mjs imported from a Blob URL of its fetched bytes, as the site's importOnce does
    options.createPyodideModule = await timed("blob", async () => {
      const text = await (await fetch(new URL("pyodide.asm.mjs", base))).arrayBuffer();
      const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
      try { return (await import(url)).default; } finally { URL.revokeObjectURL(url); }
    });
  }
  const nativeFetch = globalThis.fetch;
  const cacheOpen = flags.has("cache") ? caches.open("bench-suspects") : null;
  globalThis.fetch = async (input, init) => {
    const href = new URL(input instanceof Request ? input.url : input, location.href).href;
    if (href !== wasm && href !== trimmed && href !== options.stdLibURL) return nativeFetch(input, init);
    let response;
    if (href === compiled) {
      response = await (await caches.open("xsh-runtime")).match(compiled);
    } else if (cacheOpen) {
      // from Cache Storage (put there on the first visit), as the site's RuntimeFiles does
      const cache = await cacheOpen;
      response = await cache.match(href);
      if (!response) {
        response = await nativeFetch(input, init);
        await cache.put(href, response.clone());
      }
    } else {
      response = await nativeFetch(input, init);
    }
    if (flags.has("count")) {
      // a clone read to its end to count bytes, as the site's progress does
      const reader = response.clone().body.getReader();
      (async () => { let n = 0; for (;;) { const { done, value } = await reader.read(); if (done) break; n += value.byteLength; } })();
    }
    if (flags.has("synth") && href === wasm) {
      // a Response made in JavaScript around the body (what withWasmType does for a wrong MIME type)
      response = new Response(response.body, { status: response.status, headers: response.headers });
    }
    return response;
  };
  if (flags.has("split")) {
    // compileStreaming then instantiate, as the site's stage timing does (instead of instantiateStreaming)
    WebAssembly.instantiateStreaming = async (source, imports) => {
      const module = await WebAssembly.compileStreaming(source);
      return { module, instance: await WebAssembly.instantiate(module, imports) };
    };
  }
}
"""

BARE_WORKER = """import { startBare } from "./start.mjs";
const flags = new Set(new URL(import.meta.url).searchParams.keys());
try { postMessage(await startBare(flags)); } catch (error) { postMessage({ error: String(error) }); }
"""

# The page: in the worker variant it creates the worker; in the main-thread one it starts Pyodide itself.
BARE_MAIN = """const bare = (window.__bare = { created: performance.now() });
const toPage = (t) => t - performance.timeOrigin;
function show({ response, timings, ready, error, stdlib }) {
  bare.stdlib = stdlib;
  if (error || !response.ok) { bare.error = error || JSON.stringify(response); return; }
  bare.timings = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, { start: toPage(v.start), end: toPage(v.end) }]));
  bare.ready = toPage(ready);
  const out = document.querySelector("[data-result]");
  out.innerHTML = response.html;
  bare.result = performance.now();
}
__START__
"""
START_IN_WORKER = """const worker = new Worker(new URL("./worker.mjs" + location.search, import.meta.url), { type: "module" });
worker.onmessage = (event) => show(event.data);
"""
START_ON_MAIN = """import { startBare } from "./start.mjs";
startBare(new Set(new URLSearchParams(location.search).keys())).then(show, (error) => show({ error: String(error) }));
"""

# On the site's page, right after load: type the figures as a reader would (before Python is
# ready) and note when the result shows them.
SITE_FILL = """(fields, expect) => {
  const form = document.querySelector('form[data-calculator="budget"]');
  const seen = (window.__startup = { result: null });
  const look = () => {
    const result = form.querySelector("[data-calc-result]");
    if (seen.result === null && result && result.textContent.includes(expect)) seen.result = performance.now();
  };
  new MutationObserver(look).observe(form, { subtree: true, childList: true, characterData: true });
  for (const [name, value] of Object.entries(fields)) {
    const input = form.querySelector(`[name="${name}"]`);
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  look();
  return true;
}"""

SITE_READ = """() => {
  const seen = window.__startup;
  if (!seen || seen.result === null) return null;
  const timings = window.__calculatorsTest.timings();
  const snapshot = window.__calculatorsTest.snapshot ? window.__calculatorsTest.snapshot() : {};
  return { result: seen.result, ready: timings.start && timings.start.end, timings, stdlib: window.__calculatorsTest.stdlib(), snapshot: snapshot.state || null };
}"""

BARE_READ = """() => { const b = window.__bare;
  if (!b || (b.result === undefined && !b.error)) return null;
  return { result: b.result ?? null, ready: b.ready ?? null, error: b.error || null, timings: b.timings || {}, stdlib: b.stdlib || null }; }"""


def write_bare_pages(site: Path) -> None:
    """The bare Pyodide pages (worker and main thread) beside the built site."""
    folder = site / BARE
    for variant, start in (("worker", START_IN_WORKER), ("main", START_ON_MAIN)):
        page = folder / variant
        page.mkdir(parents=True, exist_ok=True)
        (page / "index.html").write_text(BARE_HTML, encoding="utf-8")
        (page / "main.mjs").write_text(BARE_MAIN.replace("__START__", start), encoding="utf-8")
        start_module = BARE_START.replace("__FIELDS__", json.dumps(FIELDS)).replace("__SUSPECTS__", SUSPECTS)
        (page / "start.mjs").write_text(start_module, encoding="utf-8")
        (page / "worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
    lock = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"  # bare Pyodide fetches it; the site does not
    (folder / "pyodide-lock.json").write_bytes(lock.read_bytes())


def compiled_path(site: Path) -> str | None:
    """Where, from a tool page, a device keeps the stdlib bytecode it compiles (None: builds without it)."""
    info = bench_site.read_build_info((site / "assets" / "js" / "build.mjs").read_text(encoding="utf-8"))
    name = info.get("compiledStdlib")
    return f"../../assets/pyodide/{info['pyodideVersion']}/{name}" if name else None


def stage_durations(visit: dict) -> dict:
    """Each stage's duration in ms, plus "load worker" (page creates the worker until it runs)."""
    timings = visit.get("timings") or {}
    out = {name: t["end"] - t["start"] for name, t in timings.items() if t.get("end") is not None and t.get("start") is not None}
    if "start" in timings and "worker" in timings:
        out["load worker"] = timings["worker"]["start"] - timings["start"]["start"]
    return out


def tree_memory_mb(marker: str | None) -> float | None:
    """The proportional memory (PSS, MB) of the processes whose command line or environment names
    `marker` (a browser's own profile or home folder), and of all their children: the browser
    with its one tab and the tab's workers. None where /proc cannot tell (not Linux, no marker)."""
    if not marker:
        return None
    procs = {}
    for folder in Path("/proc").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            parent = int((folder / "stat").read_text().rsplit(")", 1)[1].split()[1])
            named = marker.encode() in (folder / "cmdline").read_bytes() or marker.encode() in (folder / "environ").read_bytes()
        except OSError:
            continue
        procs[int(folder.name)] = (parent, named)
    chosen = {pid for pid, (_, named) in procs.items() if named}
    grew = True
    while grew:
        more = {pid for pid, (parent, _) in procs.items() if parent in chosen} - chosen
        chosen |= more
        grew = bool(more)
    total_kb = 0
    for pid in chosen:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return round(total_kb / 1024, 1) if total_kb else None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


class PersistentChromium:
    """Chromium with an on-disk profile (a disk cache like a phone's; Playwright's default context has none)."""

    name = "chromium"

    def __init__(self, playwright):
        self.profile = tempfile.mkdtemp(prefix="startup-stages-")
        self.context = playwright.chromium.launch_persistent_context(
            self.profile, executable_path=devserver.CHROMIUM, headless=True, args=devserver.LAUNCH_ARGS, viewport={"width": 390, "height": 844}
        )
        self.context.set_default_timeout(150_000)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.marker = self.profile  # in the browser's command line: its memory is this tree's

    def goto(self, url):
        self.page.goto(url)

    def call(self, function, *args):
        return self.page.evaluate(f"(args) => ({function})(...args)", list(args))

    def close(self):
        import shutil

        self.context.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def wait_for(engine, function, *args, timeout=300.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = engine.call(function, *args)
        except Exception:  # noqa: BLE001  the page may be between two documents
            value = None
        if value:
            return value
        time.sleep(0.1)
    return None


# The size of this device's start-up snapshot, {raw, stored}, once the worker kept one (older builds: none).
SNAPSHOT_MADE = """() => {
  const test = window.__calculatorsTest;
  const snapshot = test && test.snapshot && test.snapshot();
  return snapshot && snapshot.state === "made" ? snapshot.size : null;
}"""

# Whether this device kept the stdlib bytecode the worker compiles after a first visit.
COMPILED_KEPT = """async (path) => {
  const url = new URL(path, location.href).href;
  const cache = await caches.open("xsh-runtime");
  return (await cache.keys()).some((request) => request.url === url);
}"""


# A page ending in this is the site's page with this device's snapshot dropped before the visit.
NO_SNAPSHOT = "#no-snapshot"
DROP_SNAPSHOT = "async () => { await caches.delete('xsh-snapshot'); return true; }"


def visit(engine, base: str, page: str, compiled: str | None = None) -> dict:
    """One visit: navigation to first result, with the page's own stage timings. On the site, it
    then stays, as a reader would, until the worker has kept its compiled stdlib (`compiled`, a
    path from the page; up to 90 s), so that later visits start as a reader's would."""
    engine.goto("about:blank")
    if page.endswith(NO_SNAPSHOT):
        # The site as it started before snapshots: this device's snapshot is dropped first, from a
        # page of the same origin that starts no Python.
        engine.goto(base + "404.html")
        engine.call(DROP_SNAPSHOT)
    engine.goto(base + page)
    if SITE_PAGE not in page:
        found = wait_for(engine, BARE_READ)
        return found or {"result": None, "ready": None, "timings": {}, "error": "no result within 300 s"}
    engine.call(SITE_FILL, FIELDS, EXPECT)
    found = wait_for(engine, SITE_READ)
    if not found:
        return {"result": None, "ready": None, "timings": {}, "error": "no result within 300 s"}
    time.sleep(1)
    found["memory_mb"] = tree_memory_mb(getattr(engine, "marker", None))
    if compiled:
        started = time.monotonic()
        found["compiled_kept"] = bool(wait_for(engine, COMPILED_KEPT, compiled, timeout=90))
        found["stayed_s"] = round(time.monotonic() - started, 1)
        if found["compiled_kept"] and found.get("snapshot") == "none" and not page.endswith(NO_SNAPSHOT):
            # The figures were typed before Python was ready, so this Python made no snapshot:
            # the reader comes back once without typing, and stays until one is kept (untimed).
            engine.goto(base + page)
            found["snapshot_size"] = wait_for(engine, SNAPSHOT_MADE, timeout=90)
    return found


def open_engine(name: str, stack: list):
    if name == "chromium":
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        stack.append(playwright.stop)
        engine = PersistentChromium(playwright)
    elif name == "webkit":
        WebKitEngine, Xvfb = engine_drivers.engines().WebKitEngine, engine_drivers.engines().Xvfb

        display = Xvfb()
        stack.append(display.stop)
        engine = WebKitEngine(display.display)
        engine.marker = str(engine.home)  # HOME of the driver and MiniBrowser: its processes' memory
    else:
        FirefoxEngine = engine_drivers.engines().FirefoxEngine

        engine = FirefoxEngine()
    stack.append(engine.close)
    return engine


def measure_engine(name: str, base: str, runs: int, pages: dict | None = None, compiled: str | None = None) -> dict:
    """Visits the site and both bare pages (or `pages`, kind to path) in turn, runs + 1 rounds, in
    one profile of the engine. `compiled`: the compiled stdlib's path from a site page."""
    pages = pages or {"site": SITE_PAGE, **BARE_PAGES}
    visits = {kind: [] for kind in pages}
    def rounds(engine):
        order = list(pages.items())
        for round_ in range(runs + 1):
            # Each round starts with another page: the first page a fresh browser opens pays for
            # its warm-up, which would otherwise always fall on the same column.
            for kind, page in order[round_ % len(order) :] + order[: round_ % len(order)]:
                visits[kind].append(visit(engine, base, page, compiled))
            line = ", ".join(f"{kind} {figures.ms(visits[kind][-1]['result'])}" for kind in pages)
            print(f"    {name} visit {round_ + 1}: first result {line} ({load()})", flush=True)
    engine_drivers.run_in_engine(name, visits, open_engine, rounds)
    return visits


def summary(name: str, visits: dict) -> str:
    """The medians of the repeat visits (the first visit apart), per page, stage by stage."""
    kinds = [k for k in visits if k != "error" and visits[k]]
    if not kinds:
        return f"{name}: nothing measured ({visits.get('error')})"

    def med(kind, pick, repeat=True):
        rows = visits[kind][1:] if repeat else visits[kind][:1]
        return median(pick(v) for v in rows)

    rows = []
    for key, label in (("result", "first result"), ("ready", "ready")):
        rows.append((f"first visit: {label}", *(figures.ms(med(k, lambda v: v.get(key), repeat=False)) for k in kinds)))
        rows.append((f"repeat visits: {label} (median)", *(figures.ms(med(k, lambda v: v.get(key))) for k in kinds)))
    for stage, _ in STAGES:
        values = [med(k, lambda v: stage_durations(v).get(stage)) for k in kinds]
        if any(v is not None for v in values):
            rows.append((f"  repeat: {stage}", *(figures.ms(v) for v in values)))
    out = [f"{name} ({len(visits[kinds[0]]) - 1} repeat visits)", figures.format_table(("", *kinds), rows)]
    site = med(kinds[0], lambda v: v.get("result"))
    for kind in BARE_PAGES:
        if kind in kinds:
            ratio = figures.ratio(site, med(kind, lambda v: v.get("result")))
            out.append(f"  {kinds[0]} / {kind}, repeat first result: {figures.number(ratio)} (goal ≤ 1.10)")
    site_visits = [v for v in visits[kinds[0]] if v.get("snapshot") is not None]
    for state in ("none", "loaded"):
        memory = median(v.get("memory_mb") for v in site_visits if v.get("snapshot") == state)
        result = median(v.get("result") for v in site_visits[1:] if v.get("snapshot") == state)
        count = sum(1 for v in site_visits if v.get("snapshot") == state)
        if count:
            out.append(f"  {kinds[0]}, Python started {'from its snapshot' if state == 'loaded' else 'normally'}: {count} visits, "
                       f"repeat first result median {figures.ms(result)}, browser memory (PSS) median {round(memory) if memory is not None else 'n/a'} MB")
    sizes = [v["snapshot_size"] for v in site_visits if v.get("snapshot_size")]
    if sizes:
        out.append(f"  snapshot kept: {sizes[-1]['raw'] / 1e6:.1f} MB raw, {sizes[-1]['stored'] / 1e6:.1f} MB as stored (gzip)")
    errors = sorted({v.get("error") for k in kinds for v in visits[k] if v.get("error")})
    if errors:
        out.append("  problems: " + "; ".join(errors))
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeat visits per page and engine (default 5)")
    parser.add_argument("--engines", default="chromium,webkit,firefox")
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building one")
    parser.add_argument("--json", type=Path, help="also write every visit's figures here")
    args = parser.parse_args(argv)
    server, base, _traffic, gzipped = devserver.serve(Path(args.site or tempfile.mkdtemp(prefix="startup-site-")))
    site = args.site or bench_site.build_site(server.handler_class.root, base)
    server.handler_class.root = site
    write_bare_pages(site)
    gzipped.fill(site, server.handler_class)
    print(f"==> Start-up stages, {args.runs} repeat visits per page ({load()}, {os.cpu_count()} cores)", flush=True)
    results = {}
    compiled = compiled_path(site)
    for name in args.engines.split(","):
        results[name] = measure_engine(name.strip(), base, args.runs, compiled=compiled)
    print()
    for stage, what in STAGES:
        print(f"  {stage}: {what}")
    for name, visits in results.items():
        print()
        print(summary(name, visits))
    print(f"\n({load()})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
