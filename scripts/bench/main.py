"""Speed and size figures for the built site, measured in headless Chromium. Prints; never fails.

    bash scripts/benchmark.sh [--runs N] [--no-lighthouse] [--json PATH] [--site DIR] [--before REF] ...

It builds the site (`mkdocs build --strict`, or takes `--site DIR`), adds the benchmark's own pages
(scripts/bench/pages/), serves it under a sub-path like GitHub Pages (scripts/devserver.py), and
measures side by side in one run, one module each (see their docstrings):

1-2. cold.py: cold first result, bare baseline page against tools/budget/, and main-thread blocking;
3.   recalc.py: recalculation latency after Python is ready (median of 20 edits);
4.   transfer.py: bytes transferred on a guide page and a calculator page, cold and warm;
5.   warm.py: warm start, tools/budget/ to tools/plan/ by a link click (instant navigation);
7.   limits.py and python_only.py: the tools at their limits (--limits-only runs just these);
6.   lighthouse.py: Lighthouse 12.2.3 mobile scores (skip with --no-lighthouse);
R.   runtime.py and slow_phone.py: runtime requests per cache mode, import times, the slow phone,
     for this checkout and, with --before REF, an earlier one side by side.

A missed target is reported, never an error: the exit status is 0 unless the script itself breaks.
To add a measurement, write a module as run.py describes and put it in MEASUREMENTS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from scripts.devserver import serve

from . import cold, lighthouse, limits, python_only, recalc, runtime, transfer, warm
from .browser import Browser
from .report import print_report
from .run import Run, Served
from .site import ROOT, add_pages, build_site, export_site

# In the order they run and are printed.
MEASUREMENTS = (cold, recalc, transfer, warm, limits, python_only, lighthouse, runtime)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold runs of each page (default 3)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    parser.add_argument("--no-gzip", action="store_true", help="serve text uncompressed (default: gzip, like GitHub Pages)")
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building one")
    parser.add_argument("--limits-only", action="store_true", help="measure only the tools at their limits (7.)")
    parser.add_argument("--before", help="also measure the runtime of this git ref (or built site folder), side by side")
    parser.add_argument("--screenshots", type=Path, help="save the slow-phone run's screenshots in this folder")
    parser.add_argument("--trace-runs", type=int, default=2, help="traced cold runs of tools/budget/: the long tasks' composition (default 2)")
    parser.add_argument("--only", help="measure only these (comma-separated module names, e.g. cold)")
    parser.add_argument("--no-slow-phone", action="store_true", help="skip the throttled slow-phone runs (minutes each)")
    return parser.parse_args(argv)


def prepare(label: str, folder: Path, source, compress: bool) -> Served:
    """Serve `folder` and fill it: this checkout built for the server's address (source None), a
    copy of a built site (a folder), or a git ref built for the server's address; then gzip it
    like GitHub Pages and add the benchmark's pages."""
    server, base, traffic, gzipped = serve(folder, compress=compress)
    if source is None:
        build_site(folder, base)
    elif Path(source).is_dir():
        shutil.copytree(source, folder)
        if label == "after":
            print(f"==> Using {source}: instant navigation works only if it was built with SITE_URL={base}", flush=True)
    else:
        export_site(source, folder, base)
    gzipped.fill(folder, server.handler_class)
    add_pages(folder)
    return Served(label=label, site=folder, server=server, base=base, traffic=traffic)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)

    debounce_ms = recalc.read_debounce_ms((ROOT / "docs" / "assets" / "js" / "form.mjs").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
        after = prepare("after", Path(tmp) / "site", args.site, not args.no_gzip)
        print(f"==> Serving at {after.base}", flush=True)
        before = None
        if args.before:
            before = prepare("before", Path(tmp) / "before-site", args.before, not args.no_gzip)
            print(f"==> Serving {args.before} at {before.base}", flush=True)
        browser = Browser()
        run = Run(browser=browser, args=args, debounce_ms=debounce_ms, after=after, before=before)
        results = {"runs": args.runs, "url": after.base, "chromium": browser.version, "load_before": os.getloadavg()}
        try:
            for measurement in MEASUREMENTS:
                if args.only and measurement.__name__.rsplit(".", 1)[1] not in args.only.split(","):
                    continue
                figures = measurement.measure(run, results)
                if figures is not None:
                    results[measurement.KEY] = figures
            results["load_after"] = os.getloadavg()
            results["problems"] = sorted(set(browser.problems))
            results["http_errors"] = sorted({f"{status} {path}" for path, status, _ in after.traffic.since(0) if status >= 400})
        finally:
            browser.close()
            after.server.shutdown()
            if before:
                before.server.shutdown()

    print_report(results, MEASUREMENTS, args, debounce_ms)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
