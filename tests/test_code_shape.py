"""The shape of the calculators' code, read with `ast`: what a reviewer would otherwise have to catch.

- A frozen dataclass with more than two fields is built with keyword arguments: one misplaced
  positional value would silently shift every field after it (issue 17).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "calculators"


def modules():
    return sorted(PACKAGE.rglob("*.py"))


def frozen_dataclasses() -> dict:
    """Class name -> (field names, kw_only) for every frozen dataclass in the package."""
    found = {}
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "dataclass":
                    options = {k.arg: ast.unparse(k.value) for k in decorator.keywords}
                    if options.get("frozen") == "True":
                        names = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
                        found.setdefault(node.name, []).append((names, options.get("kw_only") == "True"))
    return found


def test_frozen_dataclasses_with_more_than_two_fields_are_built_by_keyword():
    wide = {name for name, shapes in frozen_dataclasses().items() if any(len(fields) > 2 for fields, _ in shapes)}
    assert {"Entry", "Offer", "Inputs", "Installment", "Notice", "Table", "Download"} <= wide  # the scan sees them
    positional = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and len(node.args) > 2:
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if name in wide:
                    positional.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(...)")
    assert positional == [], "name the fields: " + ", ".join(positional)


def test_the_named_records_refuse_positional_values():
    """kw_only=True (Python 3.10+; Pyodide runs 3.14): the ones the issue named, and the documents."""
    shapes = frozen_dataclasses()
    for name in ("Entry", "Offer", "Inputs", "Installment", "Letter", "Settlement", "Complaint", "Objection"):
        assert shapes[name] and all(kw_only for _, kw_only in shapes[name]), name
