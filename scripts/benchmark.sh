#!/usr/bin/env bash
# README: speed and size figures for the built site (prints them; never fails on a missed target).
set -euo pipefail; cd "$(dirname "$0")/.."; scripts/setup.sh --test
NO_MKDOCS_2_WARNING=1 exec .venv/bin/python scripts/benchmark.py "$@"
