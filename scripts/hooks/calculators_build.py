"""MkDocs hook: put the calculators wheel and the self-hosted Pyodide runtime into the site.

After every build (so `mkdocs build` and `mkdocs serve` alike give a working site):
- builds the `calculators` wheel with `python -m build`;
- copies the five Pyodide core files from the pinned npm package into
  assets/pyodide/<version>/;
- writes assets/js/build.mjs, which tells the worker where both are and which build this is.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PACKAGE_DIR = ROOT / "calculators"
JS_DIR = ROOT / "docs" / "assets" / "js"
IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"\./([\w-]+\.mjs)";', re.M)

_wheel_cache: dict[str, tuple[str, bytes]] = {}


def bridge_modules(js_dir: Path = JS_DIR, entry: str = "bridge.mjs") -> list[str]:
    """The modules the bridge imports, directly or through each other, in first-seen order."""
    found, queue = [], [entry]
    while queue:
        for name in IMPORT.findall((js_dir / queue.pop(0)).read_text(encoding="utf-8")):
            if name not in found:
                found.append(name)
                queue.append(name)
    return found


def on_post_page(output: str, page, config) -> str:
    """Pages with a calculator load the bridge from <head>, so Python starts while the page parses.

    Its modules are preloaded beside it, so a slow link pays one round trip for all of them.
    """
    if 'data-calculator="' not in output:
        return output
    url = lambda name: get_relative_url(f"assets/js/{name}", page.url)  # noqa: E731
    preload = "".join(f'<link rel="modulepreload" href="{url(name)}">' for name in bridge_modules())
    early = f'<meta name="xsh-calculators" content="on"><script type="module" async src="{url("bridge.mjs")}"></script>'
    return output.replace("</head>", early + preload + "</head>", 1)


def on_serve(server, config, builder):
    server.watch(str(PACKAGE_DIR))
    return server


def on_post_build(config):
    site = Path(config["site_dir"])
    pyodide_version = _copy_pyodide(site / "assets" / "pyodide")
    wheel_name, wheel_bytes = _build_wheel()
    wheel_sha = hashlib.sha256(wheel_bytes).hexdigest()
    wheel_dir = site / "assets" / "calculators" / wheel_sha[:12]
    wheel_dir.mkdir(parents=True, exist_ok=True)
    (wheel_dir / wheel_name).write_bytes(wheel_bytes)
    build_id = hashlib.sha256(f"{pyodide_version}:{wheel_sha}".encode()).hexdigest()[:12]
    info = {
        "buildId": build_id,
        "pyodideVersion": pyodide_version,
        "wheel": f"{wheel_sha[:12]}/{wheel_name}",
        "wheelSha256": wheel_sha,
    }
    js = site / "assets" / "js" / "build.mjs"
    js.parent.mkdir(parents=True, exist_ok=True)
    js.write_text(f"// Written by scripts/hooks/calculators_build.py\nexport const BUILD = {json.dumps(info, indent=2)};\n", encoding="utf-8")
    config["calculators_build"] = info


def _copy_pyodide(target_root: Path) -> str:
    package_json = PYODIDE_DIR / "package.json"
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if not package_json.is_file() or missing:
        raise PluginError(
            "Pyodide files are missing from node_modules/pyodide "
            f"({', '.join(missing) or 'package.json'}). Run `npm ci` in the project folder first."
        )
    version = json.loads(package_json.read_text(encoding="utf-8"))["version"]
    target = target_root / version
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source, dest = PYODIDE_DIR / name, target / name
        if not dest.exists() or dest.stat().st_size != source.stat().st_size or dest.stat().st_mtime < source.stat().st_mtime:
            shutil.copy2(source, dest)
    return version


def _source_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), ROOT / "pyproject.toml"]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _build_wheel() -> tuple[str, bytes]:
    """The wheel's file name and bytes, rebuilt only when the package source changed."""
    key = _source_digest()
    if key not in _wheel_cache:
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run(
                [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, str(ROOT)],
                capture_output=True,
                text=True,
            )
            wheels = list(Path(out).glob("calculators-*.whl"))
            if result.returncode != 0 or len(wheels) != 1:
                raise PluginError(f"Building the calculators wheel failed:\n{result.stdout}\n{result.stderr}")
            _wheel_cache.clear()
            _wheel_cache[key] = (wheels[0].name, wheels[0].read_bytes())
    return _wheel_cache[key]
