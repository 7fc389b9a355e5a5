"""The benchmark, one module per measurement: `bash scripts/benchmark.sh` (see main.py).

- main.py: the command line, and MEASUREMENTS in the order they run and print;
- run.py: what a measurement module provides and what it gets;
- figures.py: targets, medians and table cells; report.py: what is printed at the end;
- site.py: the build and the benchmark's own pages (pages/); browser.py: Chromium and the marks
  that js/init.js leaves in every page; js/: the functions run in pages and under Node;
- cold.py, recalc.py, transfer.py, warm.py, limits.py, python_only.py, lighthouse.py,
  runtime.py, slow_phone.py: the measurements.

The local server and the Chromium settings are shared with the tests: scripts/devserver.py.
"""
