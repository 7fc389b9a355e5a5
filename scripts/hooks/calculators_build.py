"""MkDocs hook: put the calculators wheel and the self-hosted Pyodide runtime into the site.

After every build (so `mkdocs build` and `mkdocs serve` alike give a working site):
- builds the `calculators` wheel with `python -m build`;
- copies Pyodide's core files from the pinned npm package into assets/pyodide/<version>/
  (its lock file is not needed: the worker passes a lock with no packages);
- makes the trimmed standard library beside them (stdlib_trim.mjs): only what start-up, the
  calculators and a reviewed safety list load, checked by running every tool with it; the full
  zip stays beside it, fetched only if an import ever misses;
- writes assets/js/build.mjs, which tells the worker where all of them are, how big each runtime
  file is (for progress), where a device keeps the bytecode it compiles, and which build this is.
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
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# What the browser loads at start, in the Pyodide folder (the trimmed stdlib is added per build).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
FULL_STDLIB = "python_stdlib.zip"
TRIM_SCRIPTS = (ROOT / "scripts" / "hooks" / "stdlib_trim.mjs", ROOT / "scripts" / "hooks" / "stdlib_trim.py")
CACHE_DIR = ROOT / ".cache" / "stdlib"
PACKAGE_DIR = ROOT / "calculators"
JS_DIR = ROOT / "docs" / "assets" / "js"
MATERIAL_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
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
    output = output.replace("</head>", early + preload + "</head>", 1)
    # Material's search worker waits until Python has started (search-later.js): it must run first.
    later = f'<script src="{url("search-later.js")}"></script>'
    return MATERIAL_BUNDLE.sub(lambda found: later + found.group(0), output, count=1)


def on_serve(server, config, builder):
    server.watch(str(PACKAGE_DIR))
    return server


def on_post_build(config):
    site = Path(config["site_dir"])
    assets = site / "assets"
    pyodide_version = _copy_pyodide(assets / "pyodide")
    wheel_name, wheel_bytes = _build_wheel()
    wheel_sha = hashlib.sha256(wheel_bytes).hexdigest()
    wheel_dir = assets / "calculators" / wheel_sha[:12]
    wheel_dir.mkdir(parents=True, exist_ok=True)
    (wheel_dir / wheel_name).write_bytes(wheel_bytes)
    stdlib_bytes, trace = trimmed_stdlib(wheel_bytes, pyodide_version)
    stdlib_sha = hashlib.sha256(stdlib_bytes).hexdigest()
    stdlib_name = f"python_stdlib-{stdlib_sha[:12]}.zip"
    (assets / "pyodide" / pyodide_version / stdlib_name).write_bytes(stdlib_bytes)
    build_id = hashlib.sha256(f"{pyodide_version}:{wheel_sha}:{stdlib_sha}".encode()).hexdigest()[:12]
    runtime = [f"pyodide/{pyodide_version}/{name}" for name in (*RUNTIME_FILES, stdlib_name)]
    runtime.append(f"calculators/{wheel_sha[:12]}/{wheel_name}")
    info = {
        "buildId": build_id,
        "pyodideVersion": pyodide_version,
        "wheel": f"{wheel_sha[:12]}/{wheel_name}",
        "wheelSha256": wheel_sha,
        "stdlib": stdlib_name,
        # The bytecode a device compiles from the trimmed stdlib and keeps (never on the server).
        "compiledStdlib": stdlib_name.removesuffix(".zip") + ".compiled.zip",
        "fullStdlib": FULL_STDLIB,
        "lockInfo": _lock_info(),
        # Paths from assets/ of every file the worker loads at start, with their sizes in bytes.
        "runtime": {path: (assets / path).stat().st_size for path in runtime},
        "stdlibModules": len(trace["files"]),
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


def _lock_info() -> dict:
    """The `info` of Pyodide's lock file: the worker passes it with no packages, so the 119 kB file is never fetched."""
    return json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]


def trimmed_stdlib(wheel_bytes: bytes, pyodide_version: str) -> tuple[bytes, dict]:
    """The trimmed stdlib zip for this wheel and Pyodide, and its trace; cached in .cache/stdlib/.

    Runs scripts/hooks/stdlib_trim.mjs in Node; a module that any tool loads from outside the
    trimmed set, or a tool that does not import, fails the build with the tool named.
    """
    key = hashlib.sha256(wheel_bytes + pyodide_version.encode() + b"".join(p.read_bytes() for p in TRIM_SCRIPTS))
    cached_zip, cached_trace = CACHE_DIR / f"{key.hexdigest()[:24]}.zip", CACHE_DIR / f"{key.hexdigest()[:24]}.json"
    if cached_zip.is_file() and cached_trace.is_file():
        return cached_zip.read_bytes(), json.loads(cached_trace.read_text(encoding="utf-8"))
    node = shutil.which("node")
    if not node:
        raise PluginError("node is not installed: it runs Pyodide at build time to trim the standard library (see README)")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel, out = Path(tmp) / "calculators-0-py3-none-any.whl", Path(tmp) / "stdlib.zip"
        wheel.write_bytes(wheel_bytes)
        result = subprocess.run([node, str(TRIM_SCRIPTS[0]), str(wheel), str(out)], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0 or not out.is_file():
            raise PluginError(f"Trimming the standard library failed:\n{result.stderr.strip() or result.stdout.strip()}")
        trace = json.loads(result.stdout.strip().splitlines()[-1])
        data = out.read_bytes()
    cached_trace.write_text(json.dumps(trace, indent=1), encoding="utf-8")
    cached_zip.write_bytes(data)
    for old in sorted(CACHE_DIR.glob("*.zip"), key=lambda path: path.stat().st_mtime)[:-8]:
        old.unlink(missing_ok=True)
        old.with_suffix(".json").unlink(missing_ok=True)
    return data, trace


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
