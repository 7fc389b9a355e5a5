"""What the throwaway snapshot maker costs (Chromium). Prints; never fails.

    python -m scripts.bench.snapshot_maker [--runs N] [--site DIR]

A reader whose saved values fill the form sends them with the first call, so that visit's Python
makes no snapshot; the page then starts a second, throwaway worker once idle (runtime.mjs), which
starts Python, imports the page's tools, keeps a snapshot and ends. In one Chromium profile this
visits the budget page once to compile the stdlib bytecode, saves values with 在本机保存, and
then, `--runs` times: deletes the snapshot, opens the page (the saved values give the first
call), and samples the browser's process tree every 100 ms (PSS, as startup_stages.py reads it,
and CPU time from /proc) until the snapshot is kept. It prints the tree's memory before the maker
started, its peak while it ran, after it ended, and the CPU seconds and wall time the maker took,
with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts import devserver  # noqa: E402
from scripts.bench import figures, site as bench_site  # noqa: E402
from scripts.bench.startup_stages import PersistentChromium, SNAPSHOT_MADE, load, median, tree_memory_mb, wait_for  # noqa: E402

PAGE = "tools/budget/"
SAVED = {"income": "8316425", "expenses": "1904733"}
# Counts the snapshot makers the page has started (their worker name says what they are).
COUNT_MAKERS = """
(() => {
  window.__snapshotMakers = 0;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (options && options.name === "snapshot-maker") window.__snapshotMakers += 1;
    }
  };
})();
"""
TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(marker: str) -> float:
    """User + system CPU seconds of the processes whose command line names `marker`, and their children."""
    procs = {}
    for folder in Path("/proc").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            fields = (folder / "stat").read_text().rsplit(")", 1)[1].split()
            named = marker.encode() in (folder / "cmdline").read_bytes()
        except OSError:
            continue
        procs[int(folder.name)] = (int(fields[1]), named, (int(fields[11]) + int(fields[12])) / TICKS)
    chosen = {pid for pid, (_, named, _) in procs.items() if named}
    grew = True
    while grew:
        more = {pid for pid, (parent, _, _) in procs.items() if parent in chosen} - chosen
        chosen |= more
        grew = bool(more)
    return sum(procs[pid][2] for pid in chosen)


def one_run(engine, url: str) -> dict:
    engine.goto(url.rsplit("/", 3)[0] + "/about/privacy/")  # no calculators here: no worker
    engine.call("() => caches.delete('xsh-snapshot')")
    engine.goto(url)
    wait_for(engine, "() => document.querySelector('[data-calc-result]')?.textContent.includes('6,411,692')")
    before_mb = tree_memory_mb(engine.marker)
    cpu_before = tree_cpu_seconds(engine.marker)
    started = None
    peak = before_mb or 0.0
    t0 = time.monotonic()
    size = None
    while time.monotonic() - t0 < 300:
        if started is None and engine.call("() => window.__snapshotMakers > 0"):
            started = time.monotonic()
            cpu_before = tree_cpu_seconds(engine.marker)
        peak = max(peak, tree_memory_mb(engine.marker) or 0.0)
        size = engine.call(SNAPSHOT_MADE)
        if size:
            break
        time.sleep(0.1)
    ended = time.monotonic()
    time.sleep(1.0)  # the maker has closed: what the tab holds after it
    return {
        "before": before_mb,
        "peak": peak,
        "after": tree_memory_mb(engine.marker),
        "cpu": tree_cpu_seconds(engine.marker) - cpu_before if started else None,
        "wall": (ended - started) * 1000 if started and size else None,
        "size": size,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    server, base, _traffic, gzipped = devserver.serve(Path(args.site or tempfile.mkdtemp(prefix="snapshot-maker-site-")))
    site = args.site or bench_site.build_site(server.handler_class.root, base)
    server.handler_class.root = site
    gzipped.fill(site, server.handler_class)
    print(f"snapshot maker, Chromium; {load()}", flush=True)
    with sync_playwright() as playwright:
        engine = PersistentChromium(playwright)
        try:
            engine.context.add_init_script(COUNT_MAKERS)
            url = base + PAGE
            engine.goto(url)
            # First visit: the stdlib bytecode is compiled and kept.
            wait_for(engine, "() => caches.open('xsh-runtime').then((c) => c.keys()).then((k) => k.some((r) => r.url.endsWith('.compiled.zip')))")
            engine.page.get_by_label("在本机保存我填写的内容").check()
            for name, value in SAVED.items():
                engine.page.fill(f'input[name="{name}"]', value)
            runs = []
            for index in range(args.runs):
                run = one_run(engine, url)
                runs.append(run)
                print(f"  run {index + 1}: tab {run['before']} MB before, peak {run['peak']} MB, after {run['after']} MB;"
                      f" maker {figures.ms(run['wall'])} wall, {run['cpu'] if run['cpu'] is None else round(run['cpu'], 1)} s CPU;"
                      f" snapshot {run['size']}; {load()}", flush=True)
        finally:
            engine.close()
            server.shutdown()
    grow = [r["peak"] - r["before"] for r in runs if r["before"]]
    print(f"median: peak - before {median(grow)} MB, maker wall {figures.ms(median(r['wall'] for r in runs))},"
          f" CPU {round(median(r['cpu'] for r in runs) or 0, 1)} s; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
