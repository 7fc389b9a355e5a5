"""bridge: JSON in, JSON out, for every tool; unknown tools and garbage never raise."""

import json

from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from strategies import json_values


def run(request) -> dict:
    return json.loads(bridge.run(request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)))


def test_engine_tools_are_registered():
    assert {"budget", "plan", "lenders"} <= set(bridge.tool_names())


def test_budget_round_trip():
    response = run({"tool": "budget", "fields": {"income": "5000", "expenses": "2000"}})
    assert response["ok"] is True
    assert response["data"] == {"income": "5000.00", "expenses": "2000.00", "available": "3000.00", "shortfall": "0.00", "offer": "2700.00", "margin": 10}
    assert "3,000.00 元" in response["html"] and response["announce"]


def test_plan_round_trip_carries_the_csv_download():
    response = run({"tool": "plan", "fields": {"total": "30000", "monthly": "3000", "start": "2026-01-31"}})
    assert response["ok"] and response["data"]["months"] == 10
    (download,) = response["downloads"]
    assert download["filename"].endswith(".csv") and download["text"].startswith("\ufeff期数")
    assert response["data"]["schedule"][1]["date"] == "2026-02-28"


def test_lenders_round_trip():
    fields = {"capacity": "3000", "lenders": [{"name": "A", "amount": "20000"}, {"name": "B", "amount": "10000"}]}
    response = run({"tool": "lenders", "fields": fields})
    assert [o["offer"] for o in response["data"]["offers"]] == ["2000.00", "1000.00"]


def test_refused_fields_come_back_as_messages():
    response = run({"tool": "budget", "fields": {"income": "-5", "expenses": "abc"}})
    assert response["ok"] is False and response["missing"] == []
    assert [e["field"] for e in response["errors"]] == ["income", "expenses"]
    single = run({"tool": "budget", "fields": {"income": "abc"}})
    assert single["message"] == single["errors"][0]["message"]
    rows = run({"tool": "lenders", "fields": {"capacity": "1", "lenders": [{"name": "x", "amount": "-1"}]}})
    assert rows["errors"][0]["field"] == "lenders.0.amount"


def test_refused_calls_name_the_empty_required_fields():
    response = run({"tool": "plan", "fields": {"monthly": "3000"}})
    assert response == {
        "ok": False,
        "errors": [{"field": "total", "message": "请填写欠款总额，或者分别填本金、利息和费用。"}],
        "message": "请填写欠款总额，或者分别填本金、利息和费用。",
        "missing": ["total"],
    }
    several = run({"tool": "lenders", "fields": {"lenders": [{"name": "甲"}, {"name": "乙"}]}})
    assert several["missing"] == ["capacity", "lenders.0.amount", "lenders.1.amount"]
    assert run({"tool": "nope", "fields": {}})["missing"] == [] and run("{")["missing"] == []


def test_unknown_tool_and_garbage():
    assert run({"tool": "nope", "fields": {}})["ok"] is False
    for garbage in ("", "{", "null", "[1,2]", '"text"', "{\"tool\": 5}", "{\"tool\": \"budget\", \"fields\": [1]}", "\udcff"):
        response = run(garbage)
        assert response["ok"] is False and response["message"]
        assert "Traceback" not in json.dumps(response)


@given(st.sampled_from(["budget", "plan", "lenders", "other", ""]), json_values)
def test_any_request_gives_a_calm_answer(tool, fields):
    response = run({"tool": tool, "fields": fields})
    assert isinstance(response["ok"], bool)
    if not response["ok"]:
        assert response["message"] and "detail" not in response
        assert isinstance(response["missing"], list) and all(isinstance(label, str) and label for label in response["missing"])
        assert set(response["missing"]) <= {error["field"] for error in response["errors"]}  # names of refused fields


@given(st.text(max_size=80))
def test_any_string_gives_json(text):
    assert isinstance(run(text)["ok"], bool)


# --- issue 10, defect 14: no message repeats what the reader typed --------------------------

MARKER = "秘QZ"
FIELD_NAMES = (
    "income", "income_other", "expenses", "food", "margin", "total", "principal", "interest", "fees", "waiver",
    "down_payment", "start", "deferral_months", "deferral_amount", "capacity", "monthly", "months", "mode",
    "name", "lender", "loan_number", "owed", "overdue_since", "details", "phone", "dated", "installments",
    "waived", "channel", "written", "breach", "effective", "first_due", "order", "reasons", "loans", "situation",
)
marked = st.builds(
    lambda before, after: before + MARKER + after,
    st.sampled_from(["", "3000", "12", "2026-01-01", "<b>", " "]),
    st.sampled_from(["", "元", "期", "年", "%"]),
)
plausible = st.sampled_from(["3000", "12", "2026-06-01", "", "monthly", "months", "甲"])
value = st.one_of(marked, plausible)


@given(
    st.sampled_from(sorted(set(bridge.tool_names()))),
    st.dictionaries(st.sampled_from(FIELD_NAMES), value, max_size=12),
    st.lists(st.fixed_dictionaries({}, optional={"name": value, "amount": value, "demand": value}), max_size=3),
    st.lists(st.fixed_dictionaries({}, optional={"date": value, "time": value, "channel": value, "who": value, "said": value}), max_size=3),
)
def test_no_message_repeats_what_was_typed(tool, fields, lenders, entries):
    response = bridge.call(tool, {**fields, "lenders": lenders, "entries": entries, "today": "2026-11-30"})
    if response["ok"]:
        return
    assert MARKER not in response["message"]
    assert all(MARKER not in error["message"] for error in response["errors"])
    assert all(MARKER not in label for label in response["missing"])


def test_every_tool_is_registered_by_module_name_and_answers():
    for name, module in bridge.TOOLS.items():
        assert isinstance(module, str), f"tool {name!r}: register its module name (a string), so it is imported on first use"
        assert callable(bridge.tool_function(name)), f"tool {name!r}: calculators.{module} does not answer it"


def test_importing_the_bridge_imports_no_tool():
    # A fresh import in this interpreter (subprocesses do not exist in Pyodide); the modules are put back after.
    import importlib
    import sys

    ours = lambda name: name == "calculators" or name.startswith("calculators.")  # noqa: E731
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if ours(name)}
    try:
        importlib.import_module("calculators.bridge")
        loaded = {name for name in sys.modules if ours(name)}
    finally:
        for name in [name for name in sys.modules if ours(name)]:
            del sys.modules[name]
        sys.modules.update(saved)
    assert "calculators.bridge" in loaded
    assert not loaded & {f"calculators.{bridge.module_of(tool)}" for tool in bridge.TOOLS}, loaded


def test_prepare_imports_only_registered_tools():
    assert bridge.prepare(["budget", "nope", "plan"]) == ["budget", "plan"]
