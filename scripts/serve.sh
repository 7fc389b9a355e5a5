#!/usr/bin/env bash
# README command 1: set everything up, then serve the site locally with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
addr="${SERVE_ADDR:-127.0.0.1:8000}"
echo
echo "==> Serving the site at http://${addr}/  (Ctrl+C to stop)"
SITE_URL="http://${addr}/" NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs serve --dev-addr "$addr"
