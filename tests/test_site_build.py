"""The strict build gives a complete site: pages, the calculators wheel and self-hosted Pyodide."""

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from scripts.hooks import calculators_build

ROOT = Path(__file__).resolve().parents[1]
PYODIDE_VERSION = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]


def build_info(site: Path) -> dict:
    text = (site / "assets/js/build.mjs").read_text(encoding="utf-8")
    return json.loads(text.split("export const BUILD = ", 1)[1].rstrip().rstrip(";"))


def test_pyodide_core_files_are_copied_under_a_versioned_path(built_site):
    runtime = built_site / "assets" / "pyodide" / PYODIDE_VERSION
    for name in calculators_build.PYODIDE_FILES:
        assert (runtime / name).stat().st_size > 0, name
    assert build_info(built_site)["pyodideVersion"] == PYODIDE_VERSION


def test_wheel_holds_the_calculators_package(built_site):
    info = build_info(built_site)
    wheel = built_site / "assets" / "calculators" / info["wheel"]
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "calculators/bridge.py" in names and "calculators/money.py" in names
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == info["wheelSha256"]


def test_every_page_loads_nothing_from_another_host(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        loaded = re.findall(r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=[\"'](?:https?:)?//[^\"']+", text)
        loaded += [
            tag
            for tag in re.findall(r"<link\b[^>]*>", text)
            if re.search(r"href=[\"'](?:https?:)?//", tag) and not re.search(r"rel=[\"'](?:canonical|alternate)", tag)
        ]
        assert not loaded, f"{page}: {loaded}"


def test_missing_pyodide_files_fail_with_the_command_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(calculators_build, "PYODIDE_DIR", tmp_path / "node_modules" / "pyodide")
    with pytest.raises(PluginError, match="npm ci"):
        calculators_build.on_post_build({"site_dir": str(tmp_path / "site")})
