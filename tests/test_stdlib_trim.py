"""stdlib_trim: the trimmed standard library's pieces (run here in CPython), and the build's refusal
of a tool it cannot trace (run in Pyodide under Node, as the build does)."""

import io
import json
import sys
import zipfile

import pytest
from mkdocs.exceptions import PluginError

from scripts.hooks import calculators_build, stdlib_trim

SOURCE = b'''"""Module docstring."""
# a comment
import os


class Thing:
    """Class docstring."""

    def only_doc(self):
        """Nothing else here."""

    def value(self):
        """Returns 3."""
        text = """not a docstring"""
        return len(text) - 12
'''


def test_strip_source_drops_docstrings_and_comments_and_keeps_behaviour():
    stripped = stdlib_trim.strip_source(SOURCE, "thing.py")
    assert b"docstring." not in stripped and b"comment" not in stripped and b"Returns" not in stripped
    assert b"not a docstring" in stripped
    space = {}
    exec(compile(stripped, "thing.py", "exec"), space)
    assert space["Thing"]().value() == 3
    assert space["Thing"]().only_doc() is None
    assert space["Thing"].__doc__ is None and len(stripped) < len(SOURCE)


def test_named_imports_include_imports_inside_functions(tmp_path):
    (tmp_path / "a.py").write_text("import json\nfrom decimal import Decimal\nfrom . import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f():\n    import csv\n    from html import escape\n", encoding="utf-8")
    names = stdlib_trim.named_imports(str(tmp_path))
    assert {"json", "decimal", "csv", "html", "html.escape"} <= names
    assert "b" not in names  # relative imports are the package's own


def test_make_zip_is_stable_and_holds_only_the_given_files(tmp_path):
    source = tmp_path / "python_full.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("keep.py", SOURCE)
        archive.writestr("drop.py", b"x = 1\n")
    first = stdlib_trim.make_zip(["keep.py"], str(source))
    assert first == stdlib_trim.make_zip(["keep.py"], str(source))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["keep.py"]
        assert archive.getinfo("keep.py").compress_type == zipfile.ZIP_DEFLATED
        assert b"Module docstring" not in archive.read("keep.py")


def test_fallback_watch_finds_and_records_modules_outside_the_trimmed_set(tmp_path, monkeypatch):
    full = tmp_path / "full.zip"
    with zipfile.ZipFile(full, "w") as archive:
        archive.writestr("xsh_outside.py", "VALUE = 7\n")
        archive.writestr("xsh_pkg/__init__.py", "")
        archive.writestr("xsh_pkg/inner.py", "VALUE = 8\n")
    blamed = ["tool budget"]
    watch = stdlib_trim.FallbackWatch(str(full), lambda: blamed[0])
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, watch])
    for name in ("xsh_outside", "xsh_pkg", "xsh_pkg.inner"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import xsh_outside  # noqa: F401  (found only by the watch)

    blamed[0] = None  # the tests' own helpers: found, not recorded
    import xsh_pkg.inner

    assert xsh_outside.VALUE == 7 and xsh_pkg.inner.VALUE == 8
    assert watch.found == [{"module": "xsh_outside", "by": "tool budget"}]
    assert watch.find_spec("xsh_nowhere") is None
    for name in ("xsh_outside", "xsh_pkg", "xsh_pkg.inner"):
        sys.modules.pop(name, None)


def test_safety_list_says_why_each_module_is_kept():
    assert stdlib_trim.SAFETY and all(reason.strip() for reason in stdlib_trim.SAFETY.values())


def test_the_build_fails_naming_a_tool_whose_module_is_missing():
    wheel = io.BytesIO()
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("calculators/__init__.py", "")
        archive.writestr(
            "calculators/bridge.py",
            "import importlib\nTOOLS = {'ghost': 'ghost'}\n"
            "def tool_names(): return sorted(TOOLS)\n"
            "def tool_function(tool): return importlib.import_module(f'{__package__}.{TOOLS[tool]}').tool\n"
            "def run(text): return '{}'\n",
        )
    with pytest.raises(PluginError, match=r"tool 'ghost': importing its module failed"):
        calculators_build.trimmed_stdlib(wheel.getvalue(), "test")


def test_the_site_ships_the_trimmed_stdlib_and_lists_every_runtime_file_with_its_size(built_site):
    text = (built_site / "assets/js/build.mjs").read_text(encoding="utf-8")
    build = json.loads(text.split("export const BUILD = ", 1)[1].rstrip().rstrip(";"))
    for path, size in build["runtime"].items():
        assert (built_site / "assets" / path).stat().st_size == size, path
    folder = built_site / "assets" / "pyodide" / build["pyodideVersion"]
    trimmed, full = folder / build["stdlib"], folder / build["fullStdlib"]
    assert f"pyodide/{build['pyodideVersion']}/{build['stdlib']}" in build["runtime"]
    assert not (folder / "pyodide-lock.json").exists()  # the worker passes a lock with no packages
    assert trimmed.stat().st_size < full.stat().st_size / 4
    with zipfile.ZipFile(trimmed) as archive:
        names = set(archive.namelist())
        assert {"decimal.py", "calendar.py", "csv.py", "html/__init__.py", "json/__init__.py", "_strptime.py"} <= names
        assert not [name for name in names if name.startswith(("unittest/", "tkinter/", "email/", "sqlite3/"))]
        docstring = b"Calendar printing functions"  # the first words of calendar.py
        assert docstring not in archive.read("calendar.py")
    with zipfile.ZipFile(full) as archive:
        assert docstring in archive.read("calendar.py")
    assert build["stdlibModules"] == len(names)
