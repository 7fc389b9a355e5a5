"""The layer rule (CONTRIBUTING, Calculators): core imports no document and no tool, documents no
tool; neither imports the bridge. Every module of calculators/core and calculators/documents is
read with `ast`, imports inside functions included."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "calculators"
HIGHER = {"core": {"documents", "tools", "bridge"}, "documents": {"tools", "bridge"}}


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, the calculators module it names) for each import in `path`, relative ones resolved."""
    package = ["calculators", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("calculators.")]


def layer_of(name: str) -> str:
    return name.split(".")[1]


@pytest.mark.parametrize("layer", sorted(HIGHER))
def test_a_layer_imports_nothing_from_a_higher_one(layer):
    modules = sorted((PACKAGE / layer).rglob("*.py"))
    assert len(modules) > 5
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in modules
        for line, name in imported(path)
        if layer_of(name) in HIGHER[layer]
    ]
    assert wrong == []


def test_the_import_reader_resolves_relative_imports():
    """The check above can fail: the tools' own imports, read the same way, reach the core and documents."""
    reached = {layer_of(name) for _, name in imported(PACKAGE / "tools" / "letter.py")}
    assert {"core", "documents", "tools"} <= reached
