"""Which of the site's ways of starting Pyodide costs time, engine by engine. Prints; never fails.

    python -m scripts.bench.startup_suspects [--runs N] [--engines webkit,chromium,firefox] [--site DIR]

In one profile of each engine, in turn and in rotating order, it visits the site's budget page,
bare Pyodide in a module worker, and bare Pyodide with one of the site's ways added at a time
(startup_stages.SUSPECTS): the trimmed stdlib zip, the wasm and stdlib read from Cache Storage, a
clone read to count progress, a Response made in JavaScript around the wasm, pyodide.asm.mjs
imported from a Blob URL, compileStreaming + instantiate in place of instantiateStreaming, the
device's stdlib bytecode, and all of them together; and the site with this device's start-up
snapshot dropped before each visit (`site-no-snapshot`: the site's start before snapshots; run it
without `site`, whose snapshot it would drop). It prints the medians of the repeat visits and
each one's ratio to bare Pyodide measured in the same rounds, with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts import devserver  # noqa: E402
from scripts.bench import figures, site as bench_site, startup_stages as stages  # noqa: E402

WORKER = stages.BARE + "worker/"
VARIANTS = {
    "site": stages.SITE_PAGE,
    "site-no-snapshot": stages.SITE_PAGE + stages.NO_SNAPSHOT,
    "bare": WORKER,
    "+trimmed": WORKER + "?trimmed",
    "+cache": WORKER + "?trimmed&cache",
    "+count": WORKER + "?trimmed&count",
    "+synth": WORKER + "?trimmed&synth",
    "+blob": WORKER + "?trimmed&blob",
    "+split": WORKER + "?trimmed&split",
    "+compiled": WORKER + "?compiled",
    "+all": WORKER + "?compiled&cache&count&blob&split",
}


def table(name: str, visits: dict) -> str:
    kinds = [k for k in visits if k != "error" and visits[k]]
    if not kinds:
        return f"{name}: nothing measured ({visits.get('error')})"
    bare = stages.median(v.get("result") for v in visits["bare"][1:]) if "bare" in kinds else None
    rows = []
    for kind in kinds:
        repeat = visits[kind][1:]
        result = stages.median(v.get("result") for v in repeat)
        durations = [stages.stage_durations(v) for v in repeat]
        pick = lambda stage: figures.ms(stages.median(d.get(stage) for d in durations))  # noqa: E731
        stdlib = sorted({str(v.get("stdlib")).split("/")[-1] for v in repeat})
        rows.append(
            (kind, figures.ms(result), figures.number(figures.ratio(result, bare)), pick("import"), pick("pyodide"), pick("imports"), ",".join(stdlib))
        )
    head = ("page", "first result", "÷ bare", "import", "loadPyodide", "imports", "stdlib")
    return f"{name} (medians of {len(visits[kinds[0]]) - 1} repeat visits)\n" + figures.format_table(head, rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engines", default="webkit,chromium,firefox")
    parser.add_argument("--variants", help="comma-separated names from: " + ", ".join(VARIANTS))
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building one")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = {k: v for k, v in VARIANTS.items() if not args.variants or k in args.variants.split(",")}
    server, base, _traffic, gzipped = devserver.serve(Path(args.site or tempfile.mkdtemp(prefix="suspects-site-")))
    site = args.site or bench_site.build_site(server.handler_class.root, base)
    server.handler_class.root = site
    stages.write_bare_pages(site)
    gzipped.fill(site, server.handler_class)
    print(f"==> Start-up suspects, {args.runs} repeat visits per page ({stages.load()}, {os.cpu_count()} cores)", flush=True)
    results = {}
    for name in args.engines.split(","):
        results[name] = stages.measure_engine(name.strip(), base, args.runs, pages=pages, compiled=stages.compiled_path(site))
        print(table(name, results[name]), flush=True)
    print(f"\n({stages.load()})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
