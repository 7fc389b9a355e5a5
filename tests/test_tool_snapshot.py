"""scripts/tool_snapshot.py, the byte check for refactorings: the refusals it adds to the cases
(tool_cases.MORE_REFUSALS) are refused, on the field each names, so the dump covers that path."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import tool_snapshot  # noqa: E402
from tool_cases import CASES, MORE_REFUSALS  # noqa: E402


@pytest.mark.parametrize("page, name", [(page, name) for page, more in sorted(MORE_REFUSALS.items()) for name in more])
def test_each_added_refusal_is_refused_on_its_field(page, name):
    entries, field = MORE_REFUSALS[page][name]
    form = tool_snapshot.Form(tool_snapshot.page_source(page).read_text(encoding="utf-8"))
    with_case = tool_snapshot.answer(form.tool, tool_snapshot.fields_for(form, CASES[page].entries() + list(entries), "2026-11-30"))
    assert with_case["ok"] is False and [e["field"] for e in with_case["errors"]] == [field]
    assert tool_snapshot.answer(form.tool, tool_snapshot.fields_for(form, CASES[page].entries(), "2026-11-30"))["ok"] is True


def test_the_letters_rate_paragraph_refusal_is_in_the_dump():
    dump = tool_snapshot.snapshot("2026-11-30")
    refused = dump["tools/letter/"]["answers"]["refuse-rate-paragraph"]
    assert refused["errors"] == [{"field": "rate_apr", "message": "实际年化利率 12.00% 没有超过上限 14.80%，不需要这一段。可以取消勾选。"}]
