"""The site under measurement: built for the local server's address, plus the benchmark's own pages.

The pages the benchmark adds live as files in scripts/bench/pages/<folder>/ and are copied into
the built site under the same folder name:
- bench-baseline/: a bare page that starts the same self-hosted Pyodide and wheel and makes one
  `bridge.run` call, the yardstick for our cold start;
- bench-import/: a probe that times loadPyodide, Python's imports and the first calls.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).resolve().parent / "pages"

OURS = "tools/budget/"
WARM_TARGET = "tools/plan/"
GUIDE = "guide/plan/"
BASELINE = "bench-baseline/"
IMPORT_PROBE = "bench-import/"


def read_build_info(build_mjs: str) -> dict:
    """The BUILD object written by the calculators hook into assets/js/build.mjs."""
    found = re.search(r"BUILD\s*=\s*(\{.*?\})\s*;", build_mjs, re.S)
    if not found:
        raise ValueError("BUILD object not found in build.mjs")
    return json.loads(found.group(1))


def _mkdocs_build(source: Path, target: Path, site_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=source,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
        capture_output=True,
        text=True,
    )


def build_site(target: Path, site_url: str) -> Path:
    """`mkdocs build --strict` into target for site_url (instant navigation needs the real address,
    as the browser tests do); exits with the build output if it fails."""
    print(f"==> Building the site into {target}", flush=True)
    started = time.monotonic()
    result = _mkdocs_build(ROOT, target, site_url)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed, nothing measured:\n{result.stdout}\n{result.stderr}")
    print(f"    built in {time.monotonic() - started:.1f} s", flush=True)
    return target


def export_site(ref: str, target: Path, site_url: str) -> Path:
    """Build the site as it was at git `ref` (for --before), with this checkout's packages."""
    source = target.parent / "before-source"
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    (source / "node_modules").symlink_to(ROOT / "node_modules")
    print(f"==> Building {ref} for comparison", flush=True)
    result = _mkdocs_build(source, target, site_url)
    if result.returncode != 0:
        sys.exit(f"building {ref} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return target


def _copy_page(site: Path, folder: str) -> Path:
    target = site / folder
    shutil.copytree(PAGES / folder.rstrip("/"), target, dirs_exist_ok=True)
    return target


def write_baseline(site: Path) -> None:
    """The bare baseline page: same Pyodide and wheel as the site, no theme, no bridge."""
    read_build_info((site / "assets" / "js" / "build.mjs").read_text(encoding="utf-8"))  # fail early if missing
    folder = _copy_page(site, BASELINE)
    # Bare Pyodide fetches its lock file; the site itself no longer ships it.
    lock = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
    if lock.is_file():
        shutil.copyfile(lock, folder / "pyodide-lock.json")


def write_import_probe(site: Path) -> None:
    """The import probe page (times loadPyodide, the imports and the first calls in a worker)."""
    _copy_page(site, IMPORT_PROBE)


def add_pages(site: Path) -> None:
    """Both benchmark pages, into a built site."""
    write_baseline(site)
    write_import_probe(site)
