"""7. (continued) The pure Python time of the limit cases' calls: `bridge.run` in this CPython and
in the pinned Pyodide under Node (the browser's Python, off the browser). No browser involved.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date

from .figures import Summary, median, ms
from .limits import limit_cases, limit_requests
from .site import ROOT

KEY = "python"
RUNS = 15
PYODIDE_TIMING = ROOT / "scripts" / "bench" / "js" / "pyodide-timing.mjs"


def time_cpython(requests: dict, runs: int = RUNS) -> dict:
    """Median and max ms of `bridge.run` per tool in this CPython, after one warm-up call (whether
    the call gave a result is kept as `ok`)."""
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


def time_pyodide(requests: dict, runs: int = RUNS) -> dict:
    """The same as `time_cpython`, in the pinned Pyodide under Node (js/pyodide-timing.mjs)."""
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "pyodide").is_dir():
        return {"error": "node or node_modules/pyodide missing: run scripts/setup.sh"}
    finished = subprocess.run(
        [node, str(PYODIDE_TIMING)],
        cwd=ROOT,
        input=json.dumps({"requests": requests, "runs": runs}, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if finished.returncode != 0:
        return {"error": f"node exited {finished.returncode}: {finished.stderr.strip()[-400:]}"}
    return json.loads(finished.stdout.strip().splitlines()[-1])


def measure(run, results: dict) -> dict:
    requests = limit_requests(limit_cases(date.today()))
    return {"CPython": time_cpython(requests), "Pyodide/Node": time_pyodide(requests)}


def summary(results: dict, table: Summary) -> None:
    for runtime, timings in results.get(KEY, {}).items():
        if "error" in timings:
            table.add(f"Python only, {runtime}", None, None, timings["error"][:60])
            continue
        for tool, timing in timings["timings"].items():
            shown = f"{ms(timing['median_ms'])} (max {ms(timing['max_ms'])})" + ("" if timing["ok"] else " REFUSED")
            table.add(f"Python only, bridge.run {tool} at its limit, {runtime} (median)", None, None, shown)


def details(results: dict) -> list:
    return []
