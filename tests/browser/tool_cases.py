"""One realistic case for every tool page: the one table the smoke tests of all three engines use.

A new tool page needs an entry here, or the smoke tests fail and name it.

Each case:
- fill: field -> text typed into it. A field is its `name`, or `group.index.name` for a field
  in a repeated row (as in the bridge's error names), e.g. "lenders.1.amount".
- tick: checkboxes and radio buttons to choose, as `name` or `name=value`.
- expect: texts the result must show.
- download: (the end of the download's file name, a text the file must contain), if the tool
  offers a download.
- refuse: (field, a bad amount, a word of the message shown next to it), for a tool with an
  amount to type.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ToolCase:
    expect: tuple[str, ...]
    fill: dict[str, str] = field(default_factory=dict)
    tick: tuple[str, ...] = ()
    download: tuple[str, str] | None = None
    refuse: tuple[str, str, str] | None = None


CASES: dict[str, ToolCase] = {
    "tools/budget/": ToolCase(
        fill={"income": "5000", "expenses": "2000"},
        expect=("3,000.00 元", "2,700.00 元"),
        refuse=("income", "-5", "不能是负数"),
    ),
    "tools/plan/": ToolCase(
        fill={"total": "3万", "monthly": "３０００", "start": "2026-01-31"},
        expect=("30,000.00 元", "2026-02-28", "2026-10-31"),
        download=(".csv", "2026-10-31,3000.00,0.00"),
        refuse=("total", "abc", "请填数字"),
    ),
    "tools/lenders/": ToolCase(
        fill={
            "capacity": "2700",
            "lenders.0.name": "借呗",
            "lenders.0.amount": "30000",
            "lenders.0.demand": "2500",
            "lenders.1.name": "微粒贷",
            "lenders.1.amount": "1.2万",
            "lenders.1.demand": "1000",
        },
        expect=("1,928.57 元", "771.43 元", "16 个月", "800.00 元"),
        refuse=("lenders.1.amount", "-5", "不能是负数"),
    ),
    "tools/checklist/": ToolCase(
        tick=("reasons=illness", "loans=card", "situation=sued"),
        expect=("医院的诊断证明", "最近几期信用卡账单", "十五日内"),
    ),
    "tools/letter/": ToolCase(
        fill={
            "name": "王小明",
            "lender": "某某消费金融有限公司",
            "owed": "3万",
            "overdue_since": "2026-03-05",
            "monthly": "3000",
            "months": "10",
        },
        tick=("reasons=pay_cut",),
        expect=("我是借款人王小明", "每月还款 3,000.00 元，共 10 期，合计 30,000.00 元"),
        download=(".txt", "申请人：王小明"),
        refuse=("owed", "-5", "不能是负数"),
    ),
    "tools/offer-check/": ToolCase(
        fill={
            "lender": "某某平台",
            "monthly": "3000",
            "installments": "10",
            "down_payment": "1000",
            "capacity": "2700",
            "first_due": "2026-01-31",
        },
        tick=("channel=personal", "written=no"),
        expect=("有 2 处风险，先别付款", "很可能是诈骗"),
        download=(".ics", "DTSTART;VALUE=DATE:20260131"),
        refuse=("monthly", "-5", "不能是负数"),
    ),
    "tools/scam-check/": ToolCase(
        tick=("code", "personal_account"),
        expect=("发现 2 个诈骗警示信号", "96110"),
    ),
    "tools/log/": ToolCase(
        fill={
            "entries.0.date": "2026-05-03",
            "entries.0.time": "10:05",
            "entries.0.channel": "app",
            "entries.0.who": "工号 A1029",
            "entries.0.said": "受理了申请，三个工作日内回复",
        },
        expect=("2026-05-03", "官方 App 或在线客服", "工号 A1029"),
        download=(".csv", "2026-05-03,10:05,官方 App 或在线客服,工号 A1029"),
    ),
    "tools/pack/": ToolCase(
        fill={
            "income": "5000",
            "expenses": "2000",
            "name": "王小明",
            "lender": "某某平台",
            "owed": "30000",
            "monthly": "2700",
            "months": "12",
            "total": "30000",
            "start": "2026-06-15",
        },
        tick=("reasons=illness",),
        expect=("一、我的收支情况", "2,700.00 元", "医院的诊断证明", "我是借款人王小明"),
        download=(".txt", "合计 30,000.00 元"),
        refuse=("income", "-5", "不能是负数"),
    ),
}


def missing_cases(tool_pages) -> list[str]:
    """Tool pages of the built site that have no case here."""
    return [page for page in tool_pages if page not in CASES]
