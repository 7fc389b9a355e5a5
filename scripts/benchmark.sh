#!/usr/bin/env bash
# README: speed and size figures for the built site (prints them; never fails on a missed target).
# `--stages [...]`: start-up stage by stage in Chromium, WebKit and Firefox against bare Pyodide
# (scripts/bench/startup_stages.py) instead of the Chromium figures.
set -euo pipefail; cd "$(dirname "$0")/.."; scripts/setup.sh --test
if [[ "${1:-}" == "--stages" ]]; then shift; NO_MKDOCS_2_WARNING=1 exec .venv/bin/python -m scripts.bench.startup_stages "$@"; fi
NO_MKDOCS_2_WARNING=1 exec .venv/bin/python scripts/benchmark.py "$@"
