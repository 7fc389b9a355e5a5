#!/usr/bin/env bash
# README command 2: set everything up (Chromium and fonts included), then run every test.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/test_core_money.py
# Two pytest-xdist workers (the machine and CI have 2 cores; a browser test mostly waits), whole
# files to one worker each (--dist loadfile), so a module's warm page starts Python once; files
# in collection order (--no-loadscope-reorder: the browser files, the longest, first; the many
# short unit files that need the built site fill the end), not most-tests-first, which would leave
# the few-test browser files that take longest (axe on every page) to the end, each on one worker.
# The unit files that need no built site go right after the first browser file (tests/conftest.py,
# pytest_collection_modifyitems): one worker runs them while the other builds the site.
# `-n 0` after it runs in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder "$@"
