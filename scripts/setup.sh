#!/usr/bin/env bash
# Install everything the project needs, idempotently. Used by the README's two commands.
#   scripts/setup.sh           site only: Python venv + pinned packages, pinned npm packages
#   scripts/setup.sh --test    also the test browsers (Chromium, WebKitGTK under Xvfb, Firefox ESR),
#                              nginx, a Chinese font and the test packages
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "Need root to run: $*" >&2; exit 1; fi; }

apt_packages=()
command -v python3 >/dev/null || apt_packages+=(python3 python3-venv)
python3 -c "import venv, ensurepip" 2>/dev/null || apt_packages+=(python3-venv)
command -v node >/dev/null || apt_packages+=(nodejs)
command -v npm >/dev/null || apt_packages+=(npm)
if [ "$want_test" = 1 ]; then
  # A GitHub runner brings its own Chrome: point CHROMIUM_PATH at it to skip Debian's.
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || apt_packages+=(chromium)
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || apt_packages+=(fonts-wqy-microhei)
  # The other two engines, driven without downloading any browser or driver (tests/browser/engines.py).
  [ -x /usr/bin/WebKitWebDriver ] || apt_packages+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || apt_packages+=(xvfb)
  [ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || apt_packages+=(firefox-esr)
  # The documented server configuration is tested with the real thing (deploy/nginx.conf).
  [ -x /usr/sbin/nginx ] || apt_packages+=(nginx)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  say "Installing Debian packages: ${apt_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi

requirements=requirements.txt
[ "$want_test" = 1 ] && requirements=requirements-test.txt
stamp=".venv/.installed-$(cat "$requirements" requirements.txt requirements.lock | sha256sum | cut -c1-16)-$want_test"
if [ ! -f "$stamp" ]; then
  say "Installing Python packages ($requirements, versions from requirements.lock)"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check "pip==26.3"  # pinned like the rest: every clone the same pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements" -c requirements.lock
  rm -f .venv/.installed-*
  touch "$stamp"
fi

npm_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$npm_stamp" ]; then
  say "Installing pinned npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$npm_stamp"
fi
