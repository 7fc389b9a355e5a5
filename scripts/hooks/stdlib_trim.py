"""Runs inside Pyodide (see stdlib_trim.mjs): which standard-library files the calculators need.

It may import only what Pyodide's start-up loads anyway (`trace` checks), so it adds nothing.

`trace()` exercises everything the browser runs, in the interpreter it was called in:
Pyodide's own start-up, every tool in the bridge's registry (imported, then called with empty
fields), every module of the calculators package, every module named by an `import` anywhere in
it (so imports inside functions count), and the reviewed SAFETY list. It returns the stdlib files
that were loaded.

`make_zip()` writes those files, docstrings and comments removed, into a zip for `stdLibURL`.
`FallbackWatch` is installed in a second interpreter started with that zip: a module found only
in the full standard library is recorded there, so the build can fail naming module and tool.
"""

from __future__ import annotations

import ast
import importlib
import io
import json
import os
import sys
import zipfile
import zipimport

# Modules no trace reaches today but a calculator may need for some input, reviewed by hand.
# Each is small; an import that still misses makes the browser fetch the full zip (worker).
SAFETY = {
    "_strptime": "datetime.strptime / time.strptime import it lazily",
    "encodings.utf_8_sig": "decoding text that starts with a byte-order mark",
    "encodings.gbk": "Chinese text from older Windows tools",
    "encodings.gb18030": "Chinese text, the national standard encoding",
    "encodings.gb2312": "Chinese text, the oldest encoding still met",
    "encodings.ascii": "codecs.lookup('ascii') and friends",
    "encodings.latin_1": "codecs.lookup('latin-1')",
    "fractions": "exact ratios beside Decimal (rates, shares)",
    "statistics": "medians and means of amounts",
    "urllib.parse": "building tel:, mailto: or site links",
}


def stdlib_zip() -> str:
    """The path of the standard-library zip this interpreter runs from."""
    return next(p for p in sys.path if p.endswith(".zip") and os.path.basename(p).startswith("python"))


def loaded_files(zip_path: str, names=None) -> set[str]:
    """Names inside `zip_path` of every module now imported from it (or of those among `names`)."""
    prefix = zip_path + "/"
    found = set()
    for name, module in list(sys.modules.items()):
        if names is not None and name not in names:
            continue
        path = getattr(module, "__file__", None) or ""
        if path.startswith(prefix):
            found.add(path[len(prefix) :])
    return found


def named_imports(package_dir: str) -> set[str]:
    """Absolute module names imported anywhere (module level or inside functions) in a package's files."""
    names = set()
    for folder, _, files in os.walk(package_dir):
        for file in files:
            if not file.endswith(".py"):
                continue
            with open(os.path.join(folder, file), encoding="utf-8") as handle:
                tree = ast.parse(handle.read())
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module)
                    names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def exercise(package: str = "calculators", step=lambda name: None) -> list[str]:
    """Import and call every registered tool, then the named imports and SAFETY; returns the tool names.

    `step(name)` is called before each part, so a watcher can say which part loaded what.
    Raises RuntimeError naming the tool whose module does not import.
    """
    step("bridge")
    bridge = importlib.import_module(f"{package}.bridge")
    tools = list(bridge.tool_names())
    if not tools:
        raise RuntimeError("the bridge's registry names no tool")
    for tool in tools:
        step(f"tool {tool}")
        try:
            bridge.tool_function(tool)
        except Exception as error:
            raise RuntimeError(f"tool {tool!r}: importing its module failed: {type(error).__name__}: {error}") from error
        bridge.run(json.dumps({"tool": tool, "fields": {}}))
    package_dir = os.path.dirname(importlib.import_module(package).__file__)
    for folder, _, files in sorted(os.walk(package_dir)):
        inside = os.path.relpath(folder, package_dir)
        prefix = package if inside == "." else ".".join([package, *inside.split(os.sep)])
        for file in sorted(files):
            if file.endswith(".py") and file != "__init__.py":
                step(f"module {prefix}.{file[:-3]}")
                importlib.import_module(f"{prefix}.{file[:-3]}")
    for name in sorted(named_imports(package_dir)) + sorted(SAFETY):
        step(f"import {name}")
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # `from x import function` names a function, not a module
    return tools


def trace(package: str = "calculators") -> dict:
    """The stdlib files loaded at start-up and by each part of `exercise`, in this interpreter."""
    zip_path = stdlib_zip()
    boot = loaded_files(zip_path, getattr(sys, "_xsh_started_with", None))
    extra = loaded_files(zip_path) - boot
    if extra:
        raise RuntimeError(f"stdlib_trim.py itself loaded {sorted(extra)}: it may import only what start-up loads")
    seen = set(boot)
    parts = {}
    current = ["start-up"]

    def step(name):
        note()
        current[0] = name

    def note():
        now = loaded_files(zip_path)
        parts.setdefault(current[0], []).extend(sorted(now - seen))
        seen.update(now)

    tools = exercise(package, step)
    note()
    return {"tools": tools, "boot": sorted(boot), "parts": {k: v for k, v in parts.items() if v}, "files": sorted(seen)}


def strip_source(source: bytes, name: str) -> bytes:
    """The module's source without docstrings or comments (what `python -OO` would drop, and more).

    Checked: the result parses to the same tree as the original minus its docstrings.
    """
    tree = ast.parse(source, name)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    text = ast.unparse(tree)
    if ast.dump(ast.parse(text, name)) != ast.dump(tree):
        raise RuntimeError(f"{name}: ast.unparse did not round-trip")
    return (text + "\n").encode("utf-8")


def make_zip(files, source_zip: str | None = None) -> bytes:
    """A zip of the given stdlib files, sources stripped, deflated at level 9, in a stable order."""
    source = zipfile.ZipFile(source_zip or stdlib_zip())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name in sorted(files):
            data = source.read(name)
            if name.endswith(".py"):
                data = strip_source(data, name)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data, compresslevel=9)
    return out.getvalue()


class FallbackWatch:
    """A meta-path finder of last resort: finds modules in the full stdlib zip and records each one.

    `blame` is a function returning who caused the import (a step name, or None to ignore it).
    """

    def __init__(self, full_zip: str, blame):
        self.full_zip = full_zip
        self.blame = blame
        self.found = []

    def find_spec(self, name, path=None, target=None):
        folder = os.path.join(self.full_zip, *name.split(".")[:-1])
        try:
            spec = zipimport.zipimporter(folder).find_spec(name)
        except zipimport.ZipImportError:
            return None
        if spec is None:
            return None
        who = self.blame()
        if who is not None:
            self.found.append({"module": name, "by": who})
        return spec

    def install(self):
        sys.meta_path.append(self)
        return self


def verify(full_zip: str, package: str = "calculators") -> dict:
    """Run `exercise` with the full zip as a watched fallback; returns what came from outside the trimmed zip."""
    current = ["bridge"]
    watch = FallbackWatch(full_zip, lambda: current[0]).install()

    def step(name):
        current[0] = name

    tools = exercise(package, step)
    return {"tools": tools, "outside": watch.found}
