"""The single entry point the browser calls: JSON in, JSON out, never a traceback.

Request:  {"tool": "budget", "fields": {"income": "5000", ...}}
Response: {"ok": true, "html": "...", "downloads": [...], "announce": "...", "data": {...}}
      or  {"ok": false, "errors": [{"field": "income", "message": "..."}], "message": "...",
           "missing": ["工资或经营收入"]}

Field names of repeated rows are written "group.index.name", e.g. "lenders.0.amount".
"missing" lists, in order and without repeats, the Chinese labels of the required fields that
are empty (errors raised with missing=True); the page names them in its status line.
The page also sends the reader's local date as fields["today"] ("YYYY-MM-DD"); see
inputs.reference_date.
"""

from __future__ import annotations

import json

from . import budget
from . import lenders
from . import plan
from . import checklist
from . import letter
from . import offer
from . import scam
from . import log
from . import pack
from . import deadlines
from . import answers
from . import complaint
from . import rate
from .inputs import InputError, InputErrors
from .render import to_html

TOOLS = {
    "budget": budget.tool,
    "lenders": lenders.tool,
    "plan": plan.tool,
    "checklist": checklist.tool,
    "letter": letter.tool,
    "offer": offer.tool,
    "scam": scam.tool,
    "log": log.tool,
    "pack": pack.tool,
    "deadlines": deadlines.tool,
    "payment_objection": answers.payment_objection_tool,
    "settlement": answers.settlement_tool,
    "credit_objection": answers.credit_objection_tool,
    "lender_letter": answers.lender_letter_tool,
    "complaint": complaint.tool,
    "rate": rate.tool,
}

GENERIC_FAILURE = "计算时出了点问题，请检查输入后再试一次。你的输入没有离开这台设备。"


def call(tool: str, fields) -> dict:
    """The response for one tool call as plain data."""
    if tool not in TOOLS:
        return {"ok": False, "errors": [], "message": "没有找到这个计算器，请刷新页面后再试。", "missing": []}
    if not isinstance(fields, dict):
        fields = {}
    try:
        view = TOOLS[tool](fields)
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
        if error.missing and error.label and error.label not in missing:
            missing.append(error.label)
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
