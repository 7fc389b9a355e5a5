"""6. Lighthouse 12 mobile scores of the home page, a guide page and our calculator page
(skipped with --no-lighthouse and --limits-only), and what keeps each score below 100.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from .figures import Summary, number
from .site import GUIDE, OURS, ROOT

KEY = "lighthouse"
PAGES = ("", GUIDE, OURS)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")


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
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(flags)}",
        ]
        started = time.monotonic()
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, timeout=240)
        if result.returncode != 0 or not out.exists():
            return {"error": f"lighthouse exited {result.returncode}: {result.stderr.strip()[-800:]}"}
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) if report["categories"][c]["score"] is not None else None for c in CATEGORIES}
    metrics = {}
    for audit in METRICS:
        data = report["audits"].get(audit, {})
        metrics[audit] = {"value": data.get("displayValue"), "score": data.get("score")}
    return {
        "seconds": round(time.monotonic() - started, 1),
        "scores": scores,
        "metrics": metrics,
        "failing": {c: failing_audits(report, c) for c in CATEGORIES},
        "where": {audit_id: audit_items(report, audit_id) for category in CATEGORIES[1:] for audit_id, _, _ in failing_audits(report, category)}
        | {"long-tasks": audit_items(report, "long-tasks"), "bootup-time": audit_items(report, "bootup-time", 4)},
        "runtime_error": report.get("runtimeError"),
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "warnings": report.get("runWarnings", []),
    }


def measure(run, results: dict) -> dict:
    """Every page's report, or {} when the command line leaves Lighthouse out."""
    pages = {}
    if run.args.no_lighthouse or run.args.limits_only:
        return pages
    for path in PAGES:
        print(f"==> 6. Lighthouse {path or '(home)'}", flush=True)
        pages[path] = lighthouse(run.base + path, run.browser.chromium, run.browser.launch_args)
    return pages


def summary(results: dict, table: Summary) -> None:
    for path, report in results.get(KEY, {}).items():
        label = path or "(home)"
        if "error" in report:
            table.add(f"Lighthouse {label}", None, None, report["error"][:60])
            continue
        for category in CATEGORIES:
            value = report["scores"][category]
            table.add(f"Lighthouse {label} {category}", category, value, number(value))


def details(results: dict) -> list:
    out = []
    for path, report in results.get(KEY, {}).items():
        label = path or "(home)"
        if "error" in report:
            out.append(f"Lighthouse {label}: {report['error']}")
            continue
        metrics = ", ".join(f"{k} {v['value']} ({number(v['score'])})" for k, v in report["metrics"].items())
        out.append(f"Lighthouse {label} ({report['seconds']} s, benchmarkIndex {report['benchmark_index']}): {metrics}")
        for category, audits in report["failing"].items():
            for audit_id, title, score in audits:
                out.append(f"    {category}: {audit_id} (score {number(score)}): {title}")
                for where in report["where"].get(audit_id, []) if category != "performance" else []:
                    out.append(f"        at {where}")
        for audit_id in ("long-tasks", "bootup-time"):
            if report["where"].get(audit_id):
                out.append(f"    {audit_id}: " + "; ".join(report["where"][audit_id]))
        for warning in report["warnings"]:
            out.append(f"    warning: {warning}")
    return out
