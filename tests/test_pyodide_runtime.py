"""The calculators' unit tests, run again inside the real Pyodide runtime under Node.

Fails loudly when node or the pinned node_modules/pyodide is missing: the browser runs this
Python, so a CPython-only construct must not get through unnoticed.
"""

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tests" / "pyodide" / "run_tests.mjs"


def test_unit_tests_pass_inside_pyodide():
    node = shutil.which("node")
    assert node, "node is not installed: the Pyodide runtime check cannot run"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists(), "node_modules/pyodide is missing: run npm ci"
    finished = subprocess.run([node, str(RUNNER)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = finished.stdout + finished.stderr
    summary = re.search(r"(\d+) passed, (\d+) failed, (\d+) skipped", output)
    assert summary, output
    passed, failed, _ = map(int, summary.groups())
    assert failed == 0 and finished.returncode == 0, output
    assert passed >= 100, output
    assert "on emscripten" in output, output
