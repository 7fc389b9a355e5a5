"""Every link a calculator result offers leads to a page (and heading) of the built site."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def result_links() -> set[tuple[str, str]]:
    """(module, path) for every Link(text, "path") written in the calculators, phone links aside."""
    found = set()
    for module in sorted((ROOT / "calculators").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Link" and len(node.args) == 2:
                path = node.args[1]
                if isinstance(path, ast.Constant) and isinstance(path.value, str) and not path.value.startswith("tel:"):
                    found.add((module.name, path.value))
    return found


def test_the_calculators_offer_links():
    assert len(result_links()) > 20


@pytest.mark.parametrize("module, path", sorted(result_links()))
def test_a_result_link_leads_to_a_page_and_its_heading(built_site, module, path):
    page, _, anchor = path.partition("#")
    assert page.endswith("/") and not page.startswith("/"), f"{module}: write site paths like 'guide/plan/'"
    html = built_site / page / "index.html"
    assert html.is_file(), f"{module} links {path}, which the site does not have"
    if anchor:
        assert f'id="{anchor}"' in html.read_text(encoding="utf-8"), f"{module} links {path}: no such heading"
