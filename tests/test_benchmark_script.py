"""The benchmark's pure helpers (scripts/bench/): statistics, blocking time, targets, parsing,
tables, its pages, and the local server it shares with the tests (scripts/devserver.py).

No browser and no timing here: the benchmark itself only prints figures.
"""

import gzip
import re
import urllib.request
from pathlib import Path

import pytest

from scripts import devserver
from scripts.bench import cold, figures, limits, main, recalc, report, runtime, site, slow_phone, transfer
from scripts.bench.figures import Target, longest, median, ratio, total_blocking_time, verdict
from scripts.bench.lighthouse import audit_items, failing_audits

ROOT = Path(__file__).resolve().parents[1]


def test_median_of_odd_and_even_counts():
    assert median([5, 1, 3]) == 3
    assert median([4, 1, 3, 2]) == 2.5


def test_median_skips_missing_values_and_is_none_for_none():
    assert median([None, 7, None, 1]) == 4
    assert median([None, None]) is None
    assert median([]) is None


def test_total_blocking_time_counts_only_time_beyond_50_ms():
    assert total_blocking_time([30, 50, 51, 120]) == pytest.approx(1 + 70)
    assert total_blocking_time([]) == 0
    assert total_blocking_time([49.9, 10]) == 0


def test_total_blocking_time_threshold_is_adjustable():
    assert total_blocking_time([100, 200], threshold=150) == 50


def test_longest_task():
    assert longest([12, 180, 60]) == 180
    assert longest([]) == 0


def test_ratio_is_none_without_a_baseline():
    assert ratio(110, 100) == pytest.approx(1.1)
    assert ratio(None, 100) is None
    assert ratio(100, None) is None
    assert ratio(100, 0) is None


@pytest.mark.parametrize(
    ("target", "value", "expected"),
    [
        (Target("at_most", 1.10), 1.10, True),
        (Target("at_most", 1.10), 1.11, False),
        (Target("at_least", 95), 95, True),
        (Target("at_least", 95), 94, False),
        (Target("exactly", 100), 100, True),
        (Target("exactly", 100), 99, False),
        (Target("exactly", 0), 0, True),
        (Target("exactly", 0), 1, False),
    ],
)
def test_target_comparison(target, value, expected):
    assert target.met(value) is expected
    assert verdict(target, value) == ("met" if expected else "MISSED")


def test_nothing_measured_is_neither_met_nor_missed():
    assert Target("at_most", 50).met(None) is None
    assert verdict(Target("at_most", 50), None) == "n/a"


def test_unknown_target_kind_is_refused():
    with pytest.raises(ValueError):
        Target("about", 3).met(3)


def test_targets_match_the_issue():
    targets = figures.TARGETS
    assert targets["cold_ratio"].describe() == "≤ 1.10"
    assert targets["recalc"].describe() == "≤ 50 ms"
    assert targets["blocking_tbt"].describe() == "≤ 50 ms"
    assert targets["guide_wasm"].describe() == "= 0 B"
    assert targets["performance"].describe() == "≥ 95"
    assert targets["accessibility"].describe() == "= 100"
    assert targets["best-practices"].describe() == "= 100"
    assert targets["seo"].describe() == "≥ 95"


def test_debounce_is_read_from_the_form_source():
    assert recalc.read_debounce_ms("const STALL_MS = 45000;\nconst DEBOUNCE_MS = 200;\n") == 200
    with pytest.raises(ValueError):
        recalc.read_debounce_ms("const OTHER_MS = 1;")


def test_the_real_form_controller_declares_its_debounce():
    source = (ROOT / "docs" / "assets" / "js" / "form.mjs").read_text(encoding="utf-8")
    assert recalc.read_debounce_ms(source) > 0


def test_build_info_is_read_from_build_mjs():
    text = '// Written by the hook\nexport const BUILD = {\n  "pyodideVersion": "314.0.7",\n  "wheel": "ab/c.whl"\n};\n'
    assert site.read_build_info(text) == {"pyodideVersion": "314.0.7", "wheel": "ab/c.whl"}
    with pytest.raises(ValueError):
        site.read_build_info("export const OTHER = {};")


def test_bytes_are_summed_by_kind():
    entries = [
        ("http://x/a/pyodide.asm.wasm", "application/wasm", 1000),
        ("http://x/assets/pyodide/1/python_stdlib.zip", "application/zip", 300),
        ("http://x/index.html", "text/html", 20),
        ("http://x/blob", "application/wasm", 5),
    ]
    assert transfer.bytes_by(entries) == 1325
    assert transfer.bytes_by(entries, transfer.is_wasm) == 1005
    assert transfer.bytes_by(entries, transfer.is_pyodide) == 1305


def test_gzip_is_for_text_and_wasm_not_for_zip():
    assert devserver.gzip_worthy("text/html")
    assert devserver.gzip_worthy("text/javascript")
    assert devserver.gzip_worthy("application/json")
    assert devserver.gzip_worthy("application/wasm")
    assert not devserver.gzip_worthy("application/zip")


def test_failing_audits_lists_scored_audits_below_one_only():
    report = {
        "categories": {"accessibility": {"auditRefs": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]}},
        "audits": {
            "a": {"title": "Named dialogs", "score": 0, "scoreDisplayMode": "binary"},
            "b": {"title": "Contrast", "score": 1, "scoreDisplayMode": "binary"},
            "c": {"title": "Manual check", "score": None, "scoreDisplayMode": "manual"},
            "d": {"title": "Not applicable", "score": None, "scoreDisplayMode": "notApplicable"},
        },
    }
    assert failing_audits(report, "accessibility") == [("a", "Named dialogs", 0)]
    assert failing_audits(report, "seo") == []


def test_table_aligns_columns_and_counts_chinese_as_wide():
    text = figures.format_table(("What", "Value"), [("还款", "1"), ("ab", "22")])
    lines = text.splitlines()
    assert lines[0] == "What  Value"
    assert lines[1] == "----  -----"
    assert lines[2] == "还款  1"
    assert lines[3] == "ab    22"


def test_summary_marks_missed_targets():
    results = {
        "cold": {
            "baseline_median_ms": 1000.0,
            "ours_median_ms": 1200.0,
            "ours_ready_median_ms": 1100.0,
            "ratio": 1.2,
            "tbt_median_ms": 10.0,
            "longest_median_ms": 60.0,
        },
        "lighthouse": {"": {"scores": {"performance": 96, "accessibility": 100, "best-practices": 92, "seo": 100}}},
    }
    rows = {row[0]: row for row in report.summary_rows(results, main.MEASUREMENTS)}
    assert rows["Cold ratio ours / baseline"][2:] == ("1.20", "MISSED")
    assert rows["Main thread: total blocking time (median)"][2:] == ("10 ms", "met")
    assert rows["Main thread: longest task (median)"][2:] == ("60 ms", "MISSED")
    assert rows["Lighthouse (home) performance"][2:] == ("96", "met")
    assert rows["Lighthouse (home) best-practices"][2:] == ("92", "MISSED")


def test_baseline_page_uses_the_built_pyodide_and_wheel(tmp_path):
    build = tmp_path / "assets" / "js" / "build.mjs"
    build.parent.mkdir(parents=True)
    build.write_text('export const BUILD = {"pyodideVersion": "1", "wheel": "ab/c.whl"};\n', encoding="utf-8")
    site.write_baseline(tmp_path)
    worker = (tmp_path / "bench-baseline" / "worker.mjs").read_text(encoding="utf-8")
    assert 'from "../assets/js/build.mjs"' in worker
    assert "loadPyodide" in worker and 'unpackArchive' in worker and "calculators.bridge" in worker
    assert (tmp_path / "bench-baseline" / "index.html").is_file()


def test_server_gzips_text_under_the_sub_path_and_counts_bytes(tmp_path):
    (tmp_path / "index.html").write_text("<p>" + "协商" * 500 + "</p>", encoding="utf-8")
    (tmp_path / "a.wasm").write_bytes(b"\0asm" + b"\1" * 100)
    (tmp_path / "a.zip").write_bytes(b"PK" + b"\1" * 100)
    server, base, traffic, gzipped = devserver.serve(tmp_path)
    gzipped.fill(tmp_path, server.handler_class)
    try:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == "max-age=600"
        assert gzip.decompress(body).decode("utf-8").startswith("<p>协商")
        with urllib.request.urlopen(urllib.request.Request(base + "a.wasm", headers={"Accept-Encoding": "gzip"})) as response:
            assert response.headers["Content-Type"] == "application/wasm"
            assert response.headers["Content-Encoding"] == "gzip"
            wasm = response.read()
            assert gzip.decompress(wasm)[:4] == b"\0asm"
        with urllib.request.urlopen(urllib.request.Request(base + "a.zip", headers={"Accept-Encoding": "gzip"})) as response:
            assert response.headers.get("Content-Encoding") is None
            assert response.read()[:2] == b"PK"
    finally:
        server.shutdown()
    # Keyed by path: the server counts a response after sending it, so on a busy machine the
    # client may have asked for the next file before the last one was counted.
    assert len(traffic.since(0)) == 3
    served = {path: (status, size) for path, status, size in traffic.since(0)}
    assert served == {"/xieshang/": (200, len(body)), "/xieshang/a.wasm": (200, len(wasm)), "/xieshang/a.zip": (200, 102)}


def test_stage_times_from_marks():
    ours = {"worker:created": 1500, "worker:download": 1600, "worker:python": 2400, "worker:tools": 9400, "worker:ready": 10100, "result:budget": 10320}
    assert cold.stage_times(ours) == {
        "worker created": 1500,
        "download runtime files": 800,
        "loadPyodide": 7000,
        "wheel + import (+ run, baseline)": 700,
        "ready to first result": 220,
    }
    baseline = {"worker:created": 200, "worker:python": 300, "worker:tools": 8300, "result:baseline": 8900}
    assert cold.stage_times(baseline) == {"worker created": 200, "loadPyodide": 8000, "wheel + import (+ run, baseline)": 600}


def test_audit_items_name_elements_and_scripts():
    report = {
        "audits": {
            "color-contrast": {"details": {"items": [{"node": {"selector": "div.md-footer > a", "explanation": "Fix:\n  contrast 4.47"}, "contrastRatio": 4.47}]}},
            "long-tasks": {"details": {"items": [{"url": "http://h/xieshang/assets/javascripts/bundle.js", "duration": 182.4}]}},
        }
    }
    assert audit_items(report, "color-contrast") == ["div.md-footer > a (contrast 4.47)"]
    assert audit_items(report, "long-tasks") == ["assets/javascripts/bundle.js: duration 182 ms"]
    assert audit_items(report, "missing") == []


def test_limit_cases_reach_each_maximum_and_give_results():
    import datetime as dt
    import json

    from calculators import bridge

    from calculators.tools import lenders, log, plan, rate

    cases = limits.limit_cases(dt.date(2026, 11, 30))
    assert len(cases["lenders"]["rows"]) == lenders.MAX_LENDERS and len(cases["log"]["rows"]) == log.MAX_ENTRIES
    assert len(cases["rate"]["rows"]) == rate.MAX_PAYMENTS == 360
    requests = limits.limit_requests(cases)
    assert len(requests["lenders"]["lenders"]) == lenders.MAX_LENDERS
    for tool, fields in requests.items():
        response = json.loads(bridge.run(json.dumps({"tool": tool, "fields": {"today": "2026-11-30", **fields}})))
        assert response["ok"], (tool, response.get("message"))
        assert cases[tool]["ready_text"] in response["html"]
        edit = cases[tool]["edit"](3)
        assert edit["expect"] and edit["name"]
    schedule = json.loads(bridge.run(json.dumps({"tool": "plan", "fields": {"today": "2026-11-30", **requests["plan"]}})))["data"]
    assert schedule["months"] == plan.MAX_INSTALLMENTS
    edited = dict(requests["plan"], total=cases["plan"]["edit"](9)["value"])
    assert json.loads(bridge.run(json.dumps({"tool": "plan", "fields": edited})))["data"]["months"] == plan.MAX_INSTALLMENTS


def test_limits_are_summarised_against_the_recalculation_target():
    results = {
        "limits": {
            "lenders": {"rows": 50, "wanted_rows": 50, "compute_dom_median_ms": 12.0, "compute_frame_median_ms": 40.0, "compute_frame_max_ms": 70.0, "samples": [{}] * 10},
            "log": {"rows": 30, "wanted_rows": 500, "compute_dom_median_ms": 30.0, "compute_frame_median_ms": 80.0, "compute_frame_max_ms": 90.0, "samples": [{}] * 10},
            "plan": {"error": "Python never became ready"},
        },
        "python": {"CPython": {"version": "3.11", "timings": {"log": {"ok": True, "median_ms": 12.0, "max_ms": 15.0}}}, "Pyodide/Node": {"error": "node missing"}},
    }
    rows = {row[0]: row for row in report.summary_rows(results, main.MEASUREMENTS)}
    assert rows["Recalculation at the limit: lenders, 50 rows, post to next frame"][1:] == ("≤ 50 ms", "40 ms", "met")
    assert rows["  lenders, 50 rows: of which post to result in DOM"][2] == "12 ms"
    assert rows["Recalculation at the limit: log, 30 of 500 rows, post to next frame"][3] == "MISSED"
    assert rows["Recalculation at the limit: plan"][2] == "Python never became ready"
    assert rows["Python only, bridge.run log at its limit, CPython (median)"][2] == "12 ms (max 15 ms)"
    assert rows["Python only, Pyodide/Node"][2] == "node missing"


def test_rate_limit_edit_changes_the_total_the_result_shows():
    import datetime as dt
    import json

    from calculators import bridge

    case = limits.limit_cases(dt.date(2026, 11, 30))["rate"]
    fields = limits.limit_requests({"rate": case})["rate"]
    edit = case["edit"](4)
    fields["payments"][edit["row"]] = dict(fields["payments"][edit["row"]], amount=edit["value"])
    response = json.loads(bridge.run(json.dumps({"tool": "rate", "fields": fields})))
    assert edit["expect"] in response["html"]


def test_add_months_keeps_the_day():
    import datetime as dt

    assert limits.add_months(dt.date(2026, 1, 15), 1) == dt.date(2026, 2, 15)
    assert limits.add_months(dt.date(2026, 1, 15), 360) == dt.date(2056, 1, 15)


def test_runtime_requests_are_counted_per_file_name():
    entries = [
        ("/x/assets/pyodide/1/pyodide.asm.wasm", 200, 10),
        ("/x/assets/pyodide/1/pyodide.asm.wasm?v=1", 200, 10),
        ("/x/assets/calculators/ab/c.whl", 304, 0),
        ("/x/tools/budget/", 200, 5),
    ]
    assert runtime.runtime_requests(entries) == {"c.whl": 1, "pyodide.asm.wasm": 2}


def test_runtime_file_sizes_say_what_a_gzip_host_sends(tmp_path):
    folder = tmp_path / "assets" / "pyodide" / "1"
    folder.mkdir(parents=True)
    (folder / "pyodide.asm.wasm").write_bytes(b"\0asm" + b"\0" * 10_000)
    (folder / "python_stdlib-abc.zip").write_bytes(b"PK" + b"\0" * 10_000)
    sizes = {name: (raw, packed, sent) for name, raw, packed, sent in runtime.runtime_file_sizes(tmp_path)}
    raw, packed, sent = sizes["pyodide.asm.wasm"]
    assert raw == 10_004 and sent == packed < 200
    raw, packed, sent = sizes["python_stdlib-abc.zip"]
    assert sent == raw == 10_002  # zips are sent as they are


def test_runtime_rows_compare_before_and_after_against_the_targets():
    def side(requests, first_visit, ready):
        visit = lambda counts, size: {"requests": counts, "bytes": size, "runtime_bytes": size - 100, "first_result_ms": 4000.0}  # noqa: E731
        return {
            "requests": {
                "no disk cache": visit(requests, first_visit),
                "no disk cache, host without gzip": visit(requests, first_visit),
                "disk cache": visit(requests, first_visit),
                "second visit": visit({}, 0),
            },
            "imports": {"bridge_ms": 170.0},
            "cold": {"ratio": 1.2, "stages": {"ours": {"ready to first result": ready}}},
            "slow": {"first_result_s": None if ready > 100 else 95.0, "state": "failed" if ready > 100 else "ready"},
        }

    results = {"runtime": {"before": side({"pyodide.asm.wasm": 3}, 6_730_000, 170.0), "after": side({"pyodide.asm.wasm": 1}, 4_700_000, 20.0)}}
    rows = {row[0]: row[1:] for row in runtime.runtime_rows(results)}
    assert rows["Most requests for one runtime file, no disk cache"] == ("= 1", "3", "1", "met")
    assert rows["First visit, calculator page, bytes sent (gzip)"] == ("≤ 5.20 MB", "6.73 MB", "4.70 MB", "met")
    assert rows["Ready to first result (cold median)"] == ("≤ 60 ms", "170 ms", "20 ms", "met")
    assert rows["Slow phone: first result"][1:3] == ("none (failed)", "95 s")


def test_import_probe_page_times_the_bridge_with_the_build_stdlib(tmp_path):
    site.write_import_probe(tmp_path)
    worker = (tmp_path / "bench-import" / "worker.mjs").read_text(encoding="utf-8")
    assert "stdLibURL" in worker and "import calculators.bridge" in worker and "bridge_ms" in worker
    assert (tmp_path / "bench-import" / "index.html").is_file()


def test_slow_phone_milestones_keep_stages_and_every_tenth_of_the_download():
    seen = [(0.5, "", "blank")] + [(1.0 + n, f"第 1/3 步：下载运行环境 {n}%", "guide") for n in range(0, 100, 3)]
    seen += [(120.0, "第 2/3 步：启动 Python", "guide"), (130.0, "每月剩下 3,000.00 元", "guide")]
    shown = [status for _, status, _ in slow_phone.milestones(seen)]
    assert shown[0] == "" and shown[-2:] == ["第 2/3 步：启动 Python", "每月剩下 3,000.00 元"]
    assert [s for s in shown if "%" in s] == [f"第 1/3 步：下载运行环境 {n}%" for n in (0, 12, 21, 30, 42, 51, 60, 72, 81, 90)]


def test_every_measurement_gives_what_the_entry_point_uses():
    keys = [measurement.KEY for measurement in main.MEASUREMENTS]
    assert len(set(keys)) == len(keys) == 8
    assert keys[:4] == ["cold", "recalc", "bytes", "warm"]  # the summary keeps its order
    for measurement in main.MEASUREMENTS:
        assert callable(measurement.measure)
        table = figures.Summary()
        measurement.summary({}, table)
        assert table.rows == [] and measurement.details({}) == [], measurement.__name__  # nothing measured, nothing printed
    assert runtime.report({}, None) == ""


def test_the_command_line_keeps_its_options():
    args = main.parse_args(["--runs", "1", "--no-lighthouse", "--before", "main", "--screenshots", "shots", "--no-slow-phone", "--limits-only", "--no-gzip"])
    assert (args.runs, args.before, str(args.screenshots)) == (1, "main", "shots")
    assert args.no_lighthouse and args.no_slow_phone and args.limits_only and args.no_gzip
    assert main.parse_args([]).runs == 3


def test_the_thin_entry_point_starts_the_benchmark():
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--help"], capture_output=True, text=True, check=True).stdout
    for option in ("--runs", "--no-lighthouse", "--json", "--no-gzip", "--site", "--limits-only", "--before", "--screenshots", "--no-slow-phone"):
        assert option in shown


def _node_check(path: Path):
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "node is missing: run scripts/setup.sh"
    checked = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, f"{path}: {checked.stderr}"


BENCH = ROOT / "scripts" / "bench"


@pytest.mark.parametrize("path", sorted(p.relative_to(BENCH).as_posix() for p in BENCH.rglob("*") if p.suffix in (".js", ".mjs")))
def test_the_benchmark_scripts_and_pages_are_valid_javascript(path):
    _node_check(BENCH / path)


@pytest.mark.parametrize("name", sorted(p.name for p in (BENCH / "js").glob("*.js")))
def test_each_in_page_script_is_one_function(name):
    import shutil
    import subprocess

    from scripts.bench import browser

    node = shutil.which("node")
    assert node, "node is missing: run scripts/setup.sh"
    source = browser.page_function(name)  # what page.evaluate gets: comments first, then the function
    kind = subprocess.run([node, "-e", "process.stdout.write(typeof eval(require('fs').readFileSync(0, 'utf8')))"], input=source, capture_output=True, text=True)
    assert kind.stdout == "function", (name, kind.stderr)


def test_the_init_script_is_called_with_what_it_fills_and_expects(tmp_path):
    from scripts.bench import browser

    script = browser.init_script()
    assert json_in(browser.FILL, script) and json_in(browser.EXPECT, script)
    (tmp_path / "init.js").write_text(script, encoding="utf-8")
    _node_check(tmp_path / "init.js")


def json_in(value, text: str) -> bool:
    import json

    return json.dumps(value) in text


def test_the_benchmark_pages_are_copied_into_the_site(tmp_path):
    (tmp_path / "assets" / "js").mkdir(parents=True)
    (tmp_path / "assets" / "js" / "build.mjs").write_text('export const BUILD = {"pyodideVersion": "1", "wheel": "a.whl"};\n', encoding="utf-8")
    site.add_pages(tmp_path)
    for folder in ("bench-baseline", "bench-import"):
        for page in (BENCH / "pages" / folder).iterdir():
            assert (tmp_path / folder / page.name).read_bytes() == page.read_bytes()


def test_the_shared_server_serves_only_under_the_sub_path_with_browser_types(tmp_path):
    import urllib.error

    (tmp_path / "a.mjs").write_text("export {};\n", encoding="utf-8")
    (tmp_path / "b.wasm").write_bytes(b"\0asm")
    (tmp_path / "app.webmanifest").write_text("{}", encoding="utf-8")
    server, base, traffic, _ = devserver.serve(tmp_path, compress=False)
    try:
        assert base.endswith(devserver.SUB_PATH)
        for name, kind in (("a.mjs", "text/javascript"), ("b.wasm", "application/wasm"), ("app.webmanifest", "application/manifest+json")):
            with urllib.request.urlopen(base + name) as response:
                assert response.headers["Content-Type"] == kind
        outside = base.removesuffix(devserver.SUB_PATH) + "/a.mjs"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(outside)
        assert refused.value.code == 404
    finally:
        server.shutdown()
    # By path: a response is counted after it is sent, so the order may differ on a busy machine.
    assert len(traffic.since(0)) == 4
    assert {path: status for path, status, _ in traffic.since(0)} == {
        "/xieshang/a.mjs": 200, "/xieshang/b.wasm": 200, "/xieshang/app.webmanifest": 200, "/a.mjs": 404}


def test_tests_and_benchmark_share_one_server_and_one_slow_link():
    python = [p for p in [*(ROOT / "scripts").rglob("*.py"), *(ROOT / "tests").rglob("*.py")] if p != Path(__file__).resolve()]
    for definition in ("\nSLOW_LINK =", "\nSUB_PATH =", "class SubPathHandler", "\nLAUNCH_ARGS ="):
        defined = [p.relative_to(ROOT).as_posix() for p in python if definition in p.read_text(encoding="utf-8")]
        assert defined == ["scripts/devserver.py"], definition
    imported = re.search(r"^from scripts\.devserver import (.+)$", (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"), re.M)
    assert imported and {"SUB_PATH", "SubPathHandler"} <= {name.strip() for name in imported.group(1).split(",")}
    for path in [ROOT / "scripts" / "benchmark.py", *BENCH.rglob("*.py"), ROOT / "scripts" / "devserver.py"]:
        text = path.read_text(encoding="utf-8")
        for loads_a_test_file in ("spec_from_file_location", 'ROOT / "tests"', "from tests", "import tests", "import conftest"):
            assert loads_a_test_file not in text, (path, loads_a_test_file)
        # The engine drivers are the one piece shared with tests/browser, reached in one named place.
        if path.name != "engine_drivers.py":
            assert '"tests"' not in text and "import engines" not in text and "from engines" not in text, path


def test_a_built_site_given_on_the_command_line_is_served_with_the_benchmark_pages(tmp_path, capsys):
    built = tmp_path / "built"
    (built / "assets" / "js").mkdir(parents=True)
    (built / "assets" / "js" / "build.mjs").write_text('export const BUILD = {"pyodideVersion": "1", "wheel": "a.whl"};\n', encoding="utf-8")
    (built / "index.html").write_text("<p>" + "协商" * 500 + "</p>", encoding="utf-8")
    served = main.prepare("after", tmp_path / "site", built, compress=True)
    gzip_please = {"Accept-Encoding": "gzip"}
    try:
        assert served.base.endswith(devserver.SUB_PATH) and f"SITE_URL={served.base}" in capsys.readouterr().out
        with urllib.request.urlopen(urllib.request.Request(served.base, headers=gzip_please)) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode("utf-8").startswith("<p>协商")
        with urllib.request.urlopen(urllib.request.Request(served.base + "bench-baseline/worker.mjs", headers=gzip_please)) as response:
            assert response.read() == (BENCH / "pages" / "bench-baseline" / "worker.mjs").read_bytes()
    finally:
        served.server.shutdown()
    assert [status for _, status, _ in served.traffic.since(0)] == [200, 200]


def test_startup_stages_durations_and_the_worker_load_time():
    from scripts.bench.startup_stages import stage_durations

    visit = {"timings": {"start": {"start": 100, "end": 900}, "worker": {"start": 160, "end": 170}, "init": {"start": 300, "end": 750}, "call": {"start": 950}}}
    assert stage_durations(visit) == {"start": 800, "worker": 10, "init": 450, "load worker": 60}
    assert stage_durations({}) == {}


def test_startup_stages_summary_puts_the_site_beside_bare_pyodide():
    from scripts.bench.startup_stages import summary

    def visit(result, init):
        return {"result": result, "ready": result - 100, "timings": {"init": {"start": 0, "end": init}}}

    text = summary("webkit", {"site": [visit(9000, 1), visit(4400, 3000), visit(4600, 3200)], "bare worker": [visit(5000, 1), visit(4000, 2000), visit(4000, 2000)]})
    lines = {line.strip().split("  ")[0]: line.split() for line in text.splitlines()}
    assert "webkit (2 repeat visits)" in text
    assert lines["first visit: first result"][-4:] == ["9000", "ms", "5000", "ms"]
    assert lines["repeat visits: first result (median)"][-4:] == ["4500", "ms", "4000", "ms"]
    assert lines["repeat: init"][-4:] == ["3100", "ms", "2000", "ms"]
    assert "site / bare worker, repeat first result: 1.12" in text


def test_long_tasks_before_the_mark_are_split_by_what_ran_in_them():
    from scripts.bench import long_tasks

    def x(name, ts, dur, url=None, tid=1):
        return {"ph": "X", "name": name, "pid": 1, "tid": tid, "ts": ts, "dur": dur, "args": {"data": {"url": url}} if url else {}}

    bundle = "http://127.0.0.1/site/assets/javascripts/bundle.abc.min.js"
    events = [
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 2, "args": {"name": "DedicatedWorker thread"}},
        x("RunTask", 0, 120_000),
        x("EvaluateScript", 1_000, 60_000, bundle),
        x("v8.compile", 1_000, 10_000),  # no URL of its own: the script it compiles
        x("Layout", 70_000, 20_000),
        x("FunctionCall", 95_000, 15_000, "http://127.0.0.1/site/assets/js/form.mjs"),
        x("RunTask", 130_000, 30_000),  # not a long task
        {"ph": "R", "name": "bench:result:budget", "pid": 1, "tid": 1, "ts": 200_000},
        x("RunTask", 300_000, 80_000),  # after the first result
        x("RunTask", 0, 900_000, tid=2),  # another thread (Python's worker)
        {"ph": "M", "name": "thread_name", "pid": 2, "tid": 3, "args": {"name": "CrRendererMain"}},
        {**x("RunTask", 0, 500_000), "pid": 2, "tid": 3},  # a busier renderer: the profile's own chrome:// page
        {**x("EvaluateScript", 0, 400_000, "chrome://new-tab-page/lit.rollup.js"), "pid": 2, "tid": 3},
    ]
    found = long_tasks.composition(events, "result:budget")
    assert (found["tasks"], found["total_ms"], found["tbt_ms"]) == (1, 120.0, 70.0)
    assert found["ms"]["Material's bundle"] == 60.0
    assert found["ms"]["layout"] == 20.0
    assert found["ms"]["our modules"] == 15.0
    assert found["ms"]["other"] == 25.0
    assert round(sum(found["share"].values()), 6) == 1.0


def test_long_tasks_can_be_split_by_the_threads_cpu_time():
    from scripts.bench import long_tasks

    def x(name, ts, dur, tdur, url=None):
        return {"ph": "X", "name": name, "pid": 1, "tid": 1, "ts": ts, "dur": dur, "tdur": tdur, "args": {"data": {"url": url}} if url else {}}

    events = [
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
        x("RunTask", 0, 300_000, 100_000),  # long in wall time, mostly waiting for a core
        x("EvaluateScript", 1_000, 200_000, 60_000, "http://h/site/assets/javascripts/bundle.abc.min.js"),
        x("Layout", 210_000, 80_000, 30_000),
    ]
    wall = long_tasks.composition(events, "none")
    cpu = long_tasks.composition(events, "none", clock="tdur")
    assert (wall["total_ms"], wall["ms"]["Material's bundle"], wall["ms"]["other"]) == (300.0, 200.0, 20.0)
    assert (cpu["total_ms"], cpu["ms"]["Material's bundle"], cpu["ms"]["layout"], cpu["ms"]["other"]) == (100.0, 60.0, 30.0, 10.0)
    assert cpu["tbt_ms"] == wall["tbt_ms"] == 250.0  # blocking stays wall time


MATERIAL_PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">
<link rel="stylesheet" href="../../assets/stylesheets/palette.fb2fffe2.min.css">
<link rel="stylesheet" href="../../assets/css/site.css">
<meta name="xsh-calculators" content="on"><script type="module" async src="../../assets/js/bridge.mjs"></script>
<link rel="modulepreload" href="../../assets/js/form.mjs">
</head><body dir="ltr"><div class="md-sidebar md-sidebar--primary">
<nav class="md-nav md-nav--primary" aria-label="导航栏"><ul><li><nav class="md-nav"><a href="x">计划</a></nav></li></ul></nav>
</div><article><h1>还款能力计算</h1><form class="calc" data-calculator="budget"></form></article>
<script id="__config" type="application/json">{"base": "../..", "features": ["navigation.instant", "navigation.top"], "search": "x"}</script>
<script src="../../assets/js/search-later.js"></script>
<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>
<script src="../../assets/js/bridge.mjs" type="module"></script>
</body></html>"""


def test_blocking_variants_are_copies_of_the_tool_page_without_one_part(tmp_path):
    from scripts.bench import blocking_variants as variants

    (tmp_path / "tools" / "budget").mkdir(parents=True)
    (tmp_path / "assets" / "css").mkdir(parents=True)
    (tmp_path / "tools" / "budget" / "index.html").write_text(MATERIAL_PAGE, encoding="utf-8")
    extra = tmp_path / "extra.css"
    extra.write_text(".md-footer { content-visibility: auto }", encoding="utf-8")
    names = ["shipped", "guide", "before", *variants.TRANSFORMS]
    paths = variants.write_variants(tmp_path, names, extra)
    assert paths["shipped"] == "tools/budget/" and paths["guide"] == variants.GUIDE
    page = {name: (tmp_path / path / "index.html").read_text(encoding="utf-8") for name, path in paths.items() if name in variants.TRANSFORMS}
    assert "assets/js/" not in page["no-our-js"] and "bundle.a5f9d56c" in page["no-our-js"]
    assert "bundle.a5f9d56c" not in page["no-material-js"] and "bridge.mjs" in page["no-material-js"]
    assert "stylesheets/" not in page["no-material-css"] and "css/site.css" in page["no-material-css"]
    assert "stylesheet" not in page["no-css"]
    assert "md-nav" not in page["no-nav"] and "还款能力计算" in page["no-nav"] and "</div><article>" in page["no-nav"]
    assert "还款" not in page["latin-text"] and "xxxxxx" in page["latin-text"] and 'data-calculator="budget"' in page["latin-text"]
    assert '"features": [], "search"' in page["no-features"]
    assert "xsh-calculators" not in page["late-start"] and "bridge.mjs" in page["late-start"]
    assert "assets/css/bench-extra.css" in page["extra-css"] and (tmp_path / "assets" / "css" / "bench-extra.css").is_file()
    assert (tmp_path / variants.PAGE).read_text(encoding="utf-8") == MATERIAL_PAGE  # the shipped page is untouched


def test_a_blocking_variant_that_finds_nothing_to_remove_fails(tmp_path):
    from scripts.bench import blocking_variants as variants

    (tmp_path / "tools" / "budget").mkdir(parents=True)
    (tmp_path / "tools" / "budget" / "index.html").write_text("<html><head></head><body></body></html>", encoding="utf-8")
    with pytest.raises(ValueError, match="nothing matched"):
        variants.write_variants(tmp_path, ["no-material-js"], None)


def test_the_main_threads_cpu_counts_every_top_level_task_before_the_mark():
    from scripts.bench import blocking_variants as variants

    def x(name, ts, dur, tdur):
        return {"ph": "X", "name": name, "pid": 1, "tid": 1, "ts": ts, "dur": dur, "tdur": tdur, "args": {}}

    events = [
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
        x("RunTask", 0, 90_000, 40_000),
        x("ThreadControllerImpl::RunTask", 1_000, 80_000, 39_000),  # inside the first: not counted twice
        x("RunTask", 100_000, 10_000, 8_000),  # short tasks count too
        {"ph": "R", "name": "bench:result:budget", "pid": 1, "tid": 1, "ts": 150_000},
        x("RunTask", 200_000, 70_000, 70_000),  # after the mark
    ]
    assert variants.main_thread_cpu(events, "result:budget") == 48.0
    assert variants.main_thread_cpu(events, "(none)") == 118.0
