"""The calculators' unit tests, run again inside the real Pyodide runtime under Node, with the
trimmed standard library the site ships (the proof that it holds everything the tools use).

Fails loudly when node or the pinned node_modules/pyodide is missing: the browser runs this
Python, so a CPython-only construct must not get through unnoticed.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tests" / "pyodide" / "run_tests.mjs"


def trimmed_stdlib(site: Path) -> Path:
    text = (site / "assets/js/build.mjs").read_text(encoding="utf-8")
    build = json.loads(text.split("export const BUILD = ", 1)[1].rstrip().rstrip(";"))
    return site / "assets" / "pyodide" / build["pyodideVersion"] / build["stdlib"]


@pytest.mark.slow
def test_unit_tests_pass_inside_pyodide_with_the_trimmed_stdlib(built_site):
    node = shutil.which("node")
    assert node, "node is not installed: the Pyodide runtime check cannot run"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists(), "node_modules/pyodide is missing: run npm ci"
    stdlib = trimmed_stdlib(built_site)
    finished = subprocess.run([node, str(RUNNER), "--stdlib", str(stdlib)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = finished.stdout + finished.stderr
    summary = re.search(r"(\d+) passed, (\d+) failed, (\d+) skipped", output)
    assert summary, output
    passed, failed, _ = map(int, summary.groups())
    assert failed == 0 and finished.returncode == 0, output
    assert passed >= 200, output
    assert "on emscripten" in output and f"with {stdlib.name}" in output, output
    assert "OUTSIDE THE TRIMMED STDLIB" not in output, output
