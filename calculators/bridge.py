"""The single entry point the browser calls: JSON in, JSON out, never a traceback.

Request:  {"tool": "budget", "fields": {"income": "5000", ...}}
Response: {"ok": true, "html": "...", "downloads": [...], "announce": "...", "data": {...}}
      or  {"ok": false, "errors": [{"field": "income", "message": "..."}], "message": "...",
           "missing": ["income"]}

Field names of repeated rows are written "group.index.name", e.g. "lenders.0.amount".
"missing" lists, in order and without repeats, the names of the required fields that are empty
(errors raised with missing=True): the form fields' `name`s, never a label. The page shows each
with the label it gives that field itself (form-values.mjs `labelFor`), so the words in its 还差
line are always the page's own.
The page also sends the reader's local date as fields["today"] ("YYYY-MM-DD"); see
inputs.reference_date.
"""

from __future__ import annotations

import importlib
import json

from .core.inputs import InputError, InputErrors
from .core.render import to_html

# Tool name -> the module in this package whose `tool(fields) -> View` answers it, or
# "module:function" for a module that answers several tools. A module is imported on the first
# call, so a page imports only the tools it uses.
TOOLS = {
    "budget": "tools.budget",
    "lenders": "tools.lenders",
    "plan": "tools.plan",
    "checklist": "tools.checklist",
    "letter": "tools.letter",
    "offer_check": "tools.offer_check",
    "scam_check": "tools.scam_check",
    "log": "tools.log",
    "pack": "tools.pack",
    "court_deadlines": "tools.court_deadlines",
    "payment_order_objection": "tools.payment_order_objection",
    "enforcement_settlement": "tools.enforcement_settlement",
    "credit_objection": "tools.credit_objection",
    "lender_letters": "tools.lender_letters",
    "complaint": "tools.complaint",
    "rate": "tools.rate",
    "start": "tools.start",
    "case": "tools.case",
}

GENERIC_FAILURE = "计算时出了点问题，请检查输入后再试一次。你的输入没有离开这台设备。"


def call(tool: str, fields) -> dict:
    """The response for one tool call as plain data."""
    if tool not in TOOLS:
        return {"ok": False, "errors": [], "message": "没有找到这个计算器，请刷新页面后再试。", "missing": []}
    if not isinstance(fields, dict):
        fields = {}
    try:
        view = tool_function(tool)(fields)
    except InputError as error:
        return _refused((error,))
    except InputErrors as many:
        return _refused(many.errors)
    return {
        "ok": True,
        "html": to_html(view),
        "downloads": [vars(d) for d in view.downloads],
        "announce": view.announce,
        "data": view.data,
    }


def _refused(errors) -> dict:
    missing = []
    for error in errors:
        if error.missing and error.field not in missing:
            missing.append(error.field)
    return {
        "ok": False,
        "errors": [{"field": e.field, "message": e.message} for e in errors],
        "message": "有几项需要修改，请看输入框下方的提示。" if len(errors) > 1 else errors[0].message,
        "missing": missing,
    }


def run(request_json: str) -> str:
    """`call` for a JSON request string; any unexpected failure becomes a calm Chinese message."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise ValueError("request must be an object")
        response = call(str(request.get("tool", "")), request.get("fields", {}))
    except Exception as error:  # the page must never show a traceback
        response = {"ok": False, "errors": [], "message": GENERIC_FAILURE, "missing": [], "detail": type(error).__name__}
    return json.dumps(response, ensure_ascii=False, default=str)


def tool_names() -> list[str]:
    return sorted(TOOLS)


def module_of(tool: str) -> str:
    """The name of the module (in this package) that answers a registered tool."""
    return TOOLS[tool].partition(":")[0]


def tool_function(tool: str):
    """The function that answers a registered tool, importing its module on first use."""
    module, _, function = TOOLS[tool].partition(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), function or "tool")


def prepare(tools) -> list[str]:
    """Import the modules of the given registered tools ahead of their first call; returns those imported."""
    ready = []
    for tool in tools:
        if tool in TOOLS:
            tool_function(tool)
            ready.append(tool)
    return ready
