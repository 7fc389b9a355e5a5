"""The LPR history: data/lpr.yml is the one source; calculators/core/lpr_data.py and the page table follow it."""

import pytest

from calculators.core import lpr_data
from scripts.hooks import lpr


def test_generated_module_matches_the_yaml():
    expected = lpr.module_text(lpr.load())
    actual = lpr.MODULE.read_text(encoding="utf-8")
    assert actual == expected, f"calculators/core/lpr_data.py is out of date: run `{lpr.COMMAND}`"
    assert not lpr.stale()


def test_values_follow_the_fact_sheet():
    data = lpr.load()
    assert data["values"][0] == ("2019-08-20", "4.25")
    assert data["values"][-1] == ("2025-05-20", "3.00")
    assert ("2020-04-20", "3.85") in data["values"] and ("2023-08-21", "3.45") in data["values"]
    assert len(data["values"]) == 13
    assert data["checked"] == "2026-04-20" and data["grade"] == "B"
    assert lpr_data.CHECKED == data["checked"] and lpr_data.ONE_YEAR == tuple(data["values"])


def test_page_table_carries_the_checked_date():
    table = lpr.table_markdown(lpr.load())
    assert "| 2025-05-20 起，核对到 2026-04-20 仍是这个数 | 3.00% | 12.00% |" in table
    assert "| 2020-04-20 至 2021-12-19 | 3.85% | 15.40% |" in table
    assert "以上数值核对到 2026-04-20" in table and "以中国人民银行" in table
    assert ":|" not in table  # an aligned column becomes style="text-align", which the pages' CSP refuses


def test_the_hook_fills_the_marker_and_leaves_other_pages_alone():
    page = f"前文\n\n{lpr.MARKER}\n\n后文"
    filled = lpr.on_page_markdown(page, None, None, None)
    assert lpr.MARKER not in filled and "| 2019-08-20 至 2019-09-19 | 4.25% | 17.00% |" in filled
    assert lpr.on_page_markdown("没有标记", None, None, None) == "没有标记"


@pytest.mark.parametrize(
    "body, problem",
    [
        ("checked: '2026-04-20'\nreviewed: '2026-11-30'\ngrade: B\nsource: x\nvalues: []\n", "non-empty"),
        ("checked: '2026-04-20'\nreviewed: '2026-11-30'\ngrade: B\nsource: x\nvalues:\n  - {published: '2020-01-01', percent: '4'}\n  - {published: '2019-01-01', percent: '4'}\n", "date order"),
        ("checked: '2019-04-20'\nreviewed: '2026-11-30'\ngrade: B\nsource: x\nvalues:\n  - {published: '2020-01-01', percent: '4'}\n", "earlier"),
        ("checked: '2026-04-20'\nreviewed: '2026-11-30'\ngrade: B\nsource: x\nvalues:\n  - {published: '2020-01-01', percent: '4.125'}\n", "two decimals"),
        ("checked: '2026-04-20'\nreviewed: '2026-11-30'\ngrade: C\nsource: x\nvalues:\n  - {published: '2020-01-01', percent: '4'}\n", "grade"),
        ("checked: '2026-04-20'\nreviewed: 'soon'\ngrade: B\nsource: x\nvalues:\n  - {published: '2020-01-01', percent: '4'}\n", "reviewed"),
        ("checked: '2026-04-20'\nreviewed: '2026-11-30'\ngrade: B\nvalues:\n  - {published: '2020-01-01', percent: '4'}\n", "source"),
    ],
)
def test_a_malformed_file_is_refused_with_what_to_fix(tmp_path, body, problem):
    path = tmp_path / "lpr.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(lpr.LprDataError, match=problem):
        lpr.load(path)


def test_a_stale_module_fails_the_build(monkeypatch, tmp_path):
    from mkdocs.exceptions import PluginError

    stale = tmp_path / "lpr_data.py"
    stale.write_text("CHECKED = 'old'\n", encoding="utf-8")
    monkeypatch.setattr(lpr, "MODULE", stale)
    with pytest.raises(PluginError, match="scripts/hooks/lpr.py"):
        lpr.on_pre_build({})


def test_the_yaml_comments_name_files_that_exist():
    """The how-to-edit comments in data/lpr.yml point at the real generator and test."""
    import re

    comments = "\n".join(line for line in lpr.DATA.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    named = set(re.findall(r"\b(?:scripts|tests|calculators)/[\w/]+\.py\b", comments))
    assert {"scripts/hooks/lpr.py", "tests/test_lpr_hook.py"} <= named
    for path in named:
        assert (lpr.ROOT / path).is_file(), f"data/lpr.yml names {path}, which does not exist"
