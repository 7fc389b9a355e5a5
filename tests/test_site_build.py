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
    assert "calculators/bridge.py" in names and "calculators/core/money.py" in names
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


def test_bridge_modules_are_found_through_their_imports(tmp_path):
    (tmp_path / "bridge.mjs").write_text('import { a } from "./a.mjs";\nimport { b } from "./b.mjs";\n', encoding="utf-8")
    (tmp_path / "a.mjs").write_text('import { c } from "./c.mjs";\nimport { b } from "./b.mjs";\n', encoding="utf-8")
    (tmp_path / "b.mjs").write_text("export const b = 1;\n", encoding="utf-8")
    (tmp_path / "c.mjs").write_text("export const c = 1;\n", encoding="utf-8")
    assert calculators_build.bridge_modules(tmp_path) == ["a.mjs", "b.mjs", "c.mjs"]


def test_calculator_pages_preload_every_bridge_module_and_guide_pages_none(built_site):
    modules = calculators_build.bridge_modules()
    assert {"runtime.mjs", "form.mjs", "storage.mjs"} <= set(modules)
    tool = (built_site / "tools" / "budget" / "index.html").read_text(encoding="utf-8")
    head = tool.split("</head>", 1)[0]
    for name in modules:
        assert f'<link rel="modulepreload" href="../../assets/js/{name}">' in head
        assert (built_site / "assets" / "js" / name).is_file()
    guide = (built_site / "guide" / "plan" / "index.html").read_text(encoding="utf-8")
    assert "modulepreload" not in guide.split("</head>", 1)[0]


def test_the_stylesheet_closes_every_block_it_opens():
    """A block left open (as a merge once left @media print) silently swallows every rule after it."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "docs/assets/css/site.css").read_text(encoding="utf-8"), flags=re.S)
    depth = 0
    for number, line in enumerate(css.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"site.css: a '}}' with no block to close (line {number} without comments)"
    assert depth == 0, f"site.css: {depth} block(s) left open"
