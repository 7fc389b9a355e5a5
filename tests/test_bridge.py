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
    assert response["data"] == {"income": "5000.00", "expenses": "2000.00", "available": "3000.00", "offer": "2700.00", "margin": 10}
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
    assert response["ok"] is False
    assert [e["field"] for e in response["errors"]] == ["income", "expenses"]
    single = run({"tool": "budget", "fields": {"income": "abc"}})
    assert single["message"] == single["errors"][0]["message"]
    rows = run({"tool": "lenders", "fields": {"capacity": "1", "lenders": [{"name": "x", "amount": "-1"}]}})
    assert rows["errors"][0]["field"] == "lenders.0.amount"


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


@given(st.text(max_size=80))
def test_any_string_gives_json(text):
    assert isinstance(run(text)["ok"], bool)


def test_every_tool_is_registered_by_module_name_and_answers():
    for name, module in bridge.TOOLS.items():
        assert isinstance(module, str), f"tool {name!r}: register its module name (a string), so it is imported on first use"
        assert callable(bridge.tool_function(name)), f"tool {name!r}: module calculators.{module} has no tool()"


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
    assert not loaded & {f"calculators.{module}" for module in bridge.TOOLS.values()}, loaded


def test_prepare_imports_only_registered_tools():
    assert bridge.prepare(["budget", "nope", "plan"]) == ["budget", "plan"]
