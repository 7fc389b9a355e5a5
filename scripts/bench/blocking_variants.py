"""Whose main-thread long tasks these are: the budget page's total blocking time beside variants of
it, side by side in one run, Chromium. Prints; never fails.

    python -m scripts.bench.blocking_variants [--runs 5] [--trace-runs 2] [--variants a,b] [--site DIR]
                                              [--before REF|DIR] [--extra-css FILE] [--engines chromium,firefox,webkit]

Every variant is a copy of tools/budget/index.html written beside it in a copy of the built site
(same depth, so every relative address still works); what readers get is never changed:

- shipped: tools/budget/ as built;
- no-our-js: without our scripts (bridge.mjs, search-later.js, the modulepreload links): no calculator;
- guide: the guide page guide/plan/ as built (no calculator on it);
- no-material-js: without Material's bundle.*.min.js (our modules kept: the result still comes);
- no-material-css: without Material's two style sheets (our site.css and outreach.css kept);
- no-css: without any style sheet;
- late-start: without the early start (the <meta name="xsh-calculators"> bridge.mjs looks for):
  Python starts when the page is set up after DOMContentLoaded, at idle, as on a page without the
  meta (issue 21: does the worker's start stretch Material's tasks on 2 cores?);
- no-nav: without the primary navigation (the menu's 50-odd links) inside Material's drawer;
- no-features: Material's theme features all off in the page's __config (instant navigation,
  tracking, sections, back-to-top, footer, search suggestions...): what they cost at start;
- latin-text: every Chinese character of the body replaced by "x" (the same layout, no CJK font
  fallback: what Chinese text shaping costs);
- extra-css: the page with one more style sheet, the file given by --extra-css (an experiment
  before it goes into site.css; css/drawer-hidden.css is the one tried for issue 21, its drawer part
  now in site.css);
- before: tools/budget/ of another build (--before: a git ref, built, or a built site folder),
  served from its own folder under the same server, to compare a change side by side.

Each visit is a cold load in a fresh profile (as `cold.py`), the variants in rotating order. The
long tasks counted are those that start before the first result (the budget form filled by the
bench's init script), or, on a page without a calculator, before the load event + 2 s. Printed per
variant: the median TBT, longest task and number of long tasks, the first result, the page's
element count, and from the long animation frames the script time by source (Material's bundle, our
modules). Then `--trace-runs` traced loads per variant split the long tasks by what ran
(long_tasks.py: style, layout, Material's bundle, our modules...), median shares and ms.

`--engines` also asks Firefox and WebKit, once, whether they expose long tasks at all
(PerformanceObserver.supportedEntryTypes) and prints what they answer.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts import devserver  # noqa: E402
from scripts.bench import engine_drivers, figures, long_tasks  # noqa: E402
from scripts.bench import site as bench_site  # noqa: E402
from scripts.bench.browser import Browser, wait_mark  # noqa: E402

PAGE = "tools/budget/index.html"
GUIDE = "guide/plan/"
QUIET_MS = 2000  # on a page without a calculator: long tasks up to the load event + this
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _drop(pattern: str, html: str) -> str:
    changed, count = re.subn(pattern, "", html, flags=re.S)
    if not count:
        raise ValueError(f"variant: nothing matched {pattern!r}")
    return changed


def _no_our_js(html: str) -> str:
    html = _drop(r'<script[^>]*src="[^"]*/assets/js/[^"]*"[^>]*></script>', html)
    return _drop(r'<link rel="modulepreload"[^>]*>', html)


def _no_nav(html: str) -> str:
    start = html.index('<nav class="md-nav md-nav--primary"')
    depth, at = 0, start
    for found in re.finditer(r"<(/?)nav\b", html[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            at = start + found.start()
            break
    end = html.index(">", at) + 1
    return html[:start] + html[end:]


def _latin_text(html: str) -> str:
    head, body = html.split("<body", 1)
    return head + "<body" + CJK.sub("x", body)


def _no_features(html: str) -> str:
    changed, count = re.subn(r'("features": )\[[^\]]*\]', r"\1[]", html, count=1)
    if not count:
        raise ValueError("variant: no features list in Material's __config")
    return changed


def _extra_css(html: str) -> str:
    return html.replace("</head>", '<link rel="stylesheet" href="../../assets/css/bench-extra.css">\n</head>', 1)


TRANSFORMS = {
    "no-our-js": _no_our_js,
    "no-material-js": lambda html: _drop(r'<script src="[^"]*/javascripts/bundle\.[^"]*\.min\.js"></script>', html),
    "no-material-css": lambda html: _drop(r'<link rel="stylesheet" href="[^"]*/stylesheets/(main|palette)\.[^"]*\.css">', html),
    "no-css": lambda html: _drop(r'<link rel="stylesheet"[^>]*>', html),
    "no-nav": _no_nav,
    "late-start": lambda html: _drop(r'<meta name="xsh-calculators" content="on">', html),
    "latin-text": _latin_text,
    "no-features": _no_features,
    "extra-css": _extra_css,
}
HAS_RESULT = {"shipped", "late-start", "no-features", "no-material-js", "no-material-css", "no-css", "no-nav", "latin-text", "extra-css", "before"}


def write_variants(site: Path, names: list, extra_css: Path | None) -> dict:
    """Writes each variant's page into `site`; returns {variant: its path from the site's root}."""
    paths = {}
    source = (site / PAGE).read_text(encoding="utf-8")
    for name in names:
        if name == "shipped":
            paths[name] = "tools/budget/"
        elif name == "guide":
            paths[name] = GUIDE
        elif name == "before":
            paths[name] = "before/tools/budget/"
        else:
            folder = site / "tools" / f"bench-{name}"
            folder.mkdir(exist_ok=True)
            (folder / "index.html").write_text(TRANSFORMS[name](source), encoding="utf-8")
            paths[name] = f"tools/bench-{name}/"
    if extra_css is not None:
        shutil.copyfile(extra_css, site / "assets" / "css" / "bench-extra.css")
    return paths


# The page's whole style and layout once more, the layout tree built anew (body hidden, then shown),
# the fastest of 15: the CPU the page's DOM and CSS cost, with little of the machine's load in it.
RELAYOUT = """() => {
  const body = document.body, times = [];
  for (let i = 0; i < 15; i++) {
    body.style.display = "none";
    void body.offsetHeight;
    const start = performance.now();
    body.style.display = "";
    void body.offsetHeight;
    times.push(performance.now() - start);
  }
  return Math.min(...times);
}"""


def visit(browser: Browser, url: str, has_result: bool, trace: bool) -> dict:
    """One cold load in a fresh profile: its long tasks up to the first result (or load + 2 s)."""
    context = browser.context()
    try:
        page = browser.first_page(context)
        session = long_tasks.start(context, page) if trace else None
        page.goto(url, wait_until="load")
        at = wait_mark(page, "result:budget") if has_result else None
        if not has_result:
            page.wait_for_timeout(QUIET_MS)
        page.wait_for_timeout(300)  # let the tasks that end the load be reported
        bench = page.evaluate(
            "() => ({ longtasks: __bench.longtasks, frames: __bench.frames, marks: __bench.marks,"
            " elements: document.getElementsByTagName('*').length,"
            " load: performance.getEntriesByType('navigation')[0].loadEventEnd })"
        )
        events = long_tasks.stop(session, page) if trace else None
        relayout = None if trace else page.evaluate(RELAYOUT)
    finally:
        context.close()
    cut = at if has_result else bench["load"] + QUIET_MS
    tasks = [t for t in bench["longtasks"] if cut is None or t["start"] <= cut]
    durations = [t["duration"] for t in tasks]
    scripts = {"Material's bundle": 0.0, "our modules": 0.0, "other scripts": 0.0}
    for frame in bench["frames"]:
        if cut is None or frame["start"] <= cut:
            for script in frame["scripts"]:
                source = "/" + script["source"]
                scripts[long_tasks.script_bucket(source) if script["source"] else "other scripts"] += script["duration"]
    found = {
        "result_ms": at,
        "cut_ms": cut,
        "tbt_ms": figures.total_blocking_time(durations),
        "longest_ms": figures.longest(durations),
        "tasks": len(durations),
        "elements": bench["elements"],
        "loaf_scripts_ms": scripts,
        "load_ms": bench["load"],
        "load_tbt_ms": figures.total_blocking_time([t["duration"] for t in bench["longtasks"] if t["start"] <= bench["load"] + QUIET_MS]),
        "longtasks": [t for t in bench["longtasks"] if cut is None or t["start"] <= cut],
        "relayout_ms": relayout,
    }
    if trace:
        if has_result and at is None:
            found["composition"] = None
        else:
            mark = "result:budget" if has_result else "(none)"
            found["composition"] = long_tasks.composition(events, mark)
            found["cpu"] = long_tasks.composition(events, mark, clock="tdur")
            found["cpu_all_ms"] = main_thread_cpu(events, mark)
    return found


def main_thread_cpu(events: list, mark: str) -> float:
    """The main thread's CPU time (ms) in all its top-level tasks, long or not, before `mark` (or
    the whole trace): what the page costs, with little of the machine's load in it."""
    cut = next((e["ts"] for e in events if e.get("name") == f"bench:{mark}"), None)
    _, items = long_tasks.main_thread_tasks(events)
    total, end = 0, -1
    for e in items:
        if e["name"] in long_tasks.TOP_LEVEL and e["ts"] >= end and (cut is None or e["ts"] <= cut):
            total += e.get("tdur", e.get("dur", 0))
            end = e["ts"] + e.get("dur", 0)
    return total / 1000


def measure_chromium(base: str, paths: dict, runs: int, trace_runs: int) -> dict:
    browser = Browser()
    visits = {name: [] for name in paths}
    traced = {name: [] for name in paths}
    order = list(paths)
    try:
        for round_ in range(runs):
            for name in order[round_ % len(order) :] + order[: round_ % len(order)]:
                visits[name].append(visit(browser, base + paths[name], name in HAS_RESULT, trace=False))
            line = ", ".join(f"{n} {figures.ms(visits[n][-1]['tbt_ms'])}" for n in paths)
            print(f"    round {round_ + 1}/{runs}: TBT {line} ({load()})", flush=True)
        for round_ in range(trace_runs):
            for name in order[round_ % len(order) :] + order[: round_ % len(order)]:
                traced[name].append(visit(browser, base + paths[name], name in HAS_RESULT, trace=True))
            print(f"    traced round {round_ + 1}/{trace_runs} ({load()})", flush=True)
    finally:
        browser.close()
    return {"visits": visits, "traced": traced, "chromium": browser.version}


def blocking_table(visits: dict) -> str:
    rows = []
    shipped = figures.median(v["tbt_ms"] for v in visits.get("shipped", [])) if visits.get("shipped") else None
    for name, runs in visits.items():
        tbt = figures.median(v["tbt_ms"] for v in runs)
        pick = lambda key: figures.median(v[key] for v in runs)  # noqa: E731
        script = lambda bucket: figures.ms(figures.median(v["loaf_scripts_ms"][bucket] for v in runs))  # noqa: E731
        results = [v["result_ms"] for v in runs if v["result_ms"] is not None]
        relayout = [v["relayout_ms"] for v in runs if v.get("relayout_ms") is not None]
        rows.append(
            (
                name,
                figures.ms(tbt),
                f"{min(v['tbt_ms'] for v in runs):.0f}–{max(v['tbt_ms'] for v in runs):.0f}",
                figures.number(figures.ratio(tbt, shipped)),
                figures.ms(pick("longest_ms")),
                f"{pick('tasks'):.0f}",
                figures.ms(pick("load_tbt_ms")),
                figures.ms(figures.median(results)) if results else "(none)",
                f"{figures.median(relayout):.1f} ms" if relayout else "",
                f"{pick('elements'):.0f}",
                script("Material's bundle"),
                script("our modules"),
            )
        )
    head = (
        "variant", "TBT", "range", "÷ shipped", "longest", "long tasks", "TBT to load+2s", "first result",
        "relayout", "elements", "bundle (LoAF)", "ours (LoAF)",
    )
    return figures.format_table(head, rows)


def composition_table(traced: dict, key: str) -> str:
    rows = []
    for name, runs in traced.items():
        found = [r[key] for r in runs if r.get(key)]
        if not found:
            continue
        cells = [name, figures.ms(figures.median(c["total_ms"] for c in found)), figures.ms(figures.median(c["tbt_ms"] for c in found))]
        if key == "cpu":
            cells.append(figures.ms(figures.median(r["cpu_all_ms"] for r in runs if r.get(key))))
        for bucket in long_tasks.BUCKETS:
            cells.append(f"{figures.median(c['ms'][bucket] for c in found):.0f}")
        rows.append(tuple(cells))
    short = {"Material's bundle": "bundle", "our modules": "ours", "other scripts": "other js", "paint and compositing": "paint", "HTML parsing": "HTML", "garbage collection": "GC"}
    head = ("variant", "long tasks", "TBT (traced)", *(("CPU, all tasks",) if key == "cpu" else ()), *(short.get(b, b) for b in long_tasks.BUCKETS))
    return figures.format_table(head, rows)


PROBE = """() => ({
  userAgent: navigator.userAgent,
  supported: (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) ? [...PerformanceObserver.supportedEntryTypes] : "PerformanceObserver.supportedEntryTypes missing",
  longtask: (() => { try { new PerformanceObserver(() => {}).observe({ type: "longtask", buffered: true }); return "observe() accepted"; } catch (error) { return String(error); } })(),
  longAnimationFrame: typeof window.PerformanceLongAnimationFrameTiming,
})"""


def probe_engine(name: str, url: str) -> dict:
    """Whether Firefox or WebKit can report long tasks: what the page's PerformanceObserver says."""
    from scripts.bench.startup_stages import open_engine

    found = {}

    def ask(engine):
        engine.goto(url)
        found.update(engine.call(PROBE))

    engine_drivers.run_in_engine(name, found, open_engine, ask)
    return found


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--trace-runs", type=int, default=2)
    parser.add_argument("--variants", default="shipped,no-our-js,guide,no-material-js,no-material-css,no-css,no-nav,latin-text")
    parser.add_argument("--site", type=Path, help="a built site to copy instead of building one")
    parser.add_argument("--before", help="also tools/budget/ of this git ref (built) or built site folder, as the variant 'before'")
    parser.add_argument("--extra-css", type=Path, help="a style sheet for the variant 'extra-css'")
    parser.add_argument("--engines", default="chromium", help="chromium measures; firefox and webkit are asked whether they expose long tasks")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    names = args.variants.split(",")
    if args.before and "before" not in names:
        names.append("before")
    if args.extra_css and "extra-css" not in names:
        names.append("extra-css")
    with tempfile.TemporaryDirectory(prefix="blocking-") as tmp:
        site = Path(tmp) / "site"
        server, base, _traffic, gzipped = devserver.serve(site)
        if args.site:
            shutil.copytree(args.site, site)
        else:
            bench_site.build_site(site, base)
        if args.before:
            if Path(args.before).is_dir():
                shutil.copytree(args.before, site / "before")
            else:
                bench_site.export_site(args.before, Path(tmp) / "before" / "site", base + "before/")
                shutil.copytree(Path(tmp) / "before" / "site", site / "before")
        paths = write_variants(site, names, args.extra_css)
        gzipped.fill(site, server.handler_class)
        results = {"load_before": os.getloadavg(), "cores": os.cpu_count()}
        engines = [e.strip() for e in args.engines.split(",")]
        for name in engines:
            if name != "chromium":
                results[name] = probe_engine(name, base + GUIDE)
                print(f"==> {name}: {json.dumps(results[name], ensure_ascii=False)}", flush=True)
        if "chromium" in engines:
            print(f"==> Long tasks of the budget page and its variants, Chromium, {args.runs} cold visits each ({load()}, {os.cpu_count()} cores)", flush=True)
            results["chromium"] = measure_chromium(base, paths, args.runs, args.trace_runs)
            results["load_after"] = os.getloadavg()
            print(f"\nChromium ({results['chromium']['chromium']}), medians of {args.runs} cold visits: long tasks before the first result (or load + {QUIET_MS / 1000:.0f} s)")
            print(blocking_table(results["chromium"]["visits"]))
            if args.trace_runs:
                print(f"\nWhat the long tasks consist of, wall ms (medians of {args.trace_runs} traced cold visits; self time, long_tasks.py)")
                print(composition_table(results["chromium"]["traced"], "composition"))
                print(f"\nThe same long tasks in the main thread's CPU ms (time waiting for a core left out), and its CPU in all tasks before the cut")
                print(composition_table(results["chromium"]["traced"], "cpu"))
        print(f"\n({load()}; before: %.2f %.2f %.2f)" % tuple(results["load_before"]))
        server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
