#!/usr/bin/env bash
# README command 2: set everything up (Chromium and fonts included), then run every test.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/test_core_money.py
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
