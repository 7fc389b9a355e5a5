"""One realistic case for every tool page: the one table the browser tests share (the three
engines' smoke tests, axe, the phone suite and the nginx mirror test).

A new tool page needs an entry here, or the smoke tests and the phone suite fail and name it.

Each case:
- fill: field -> text, entered in this order. A field is its `name`, or `group.index.name` for a
  field in a repeated row (as in the bridge's error names), e.g. "lenders.1.amount"; a row that is
  not on the page yet is added with the group's add button. Date, time and select fields are set
  (picked), every other field is typed.
- tick: checkboxes and radio buttons to choose, as `name` or `name=value`.
- expect: texts the result must show.
- download: (the end of the download's file name, a text the file must contain), if the tool
  offers a download.
- refuse: (field, a bad amount, a word of the message shown next to it), for a tool with an
  amount to type.
- mistake: for a tool without an amount to refuse, keys of `fill`/`tick` that a reader enters
  alone before tapping 计算, leaving a required field empty. (A tool with `refuse` is given its
  bad amount instead; a tool with only boxes to tick has nothing to get wrong.)

Dates are what a reader would enter today: court papers arrive "three days ago", so their
deadlines are still running whenever the suite runs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

ROW_KEY = re.compile(r"([\w-]+)\.(\d+)\.([\w-]+)")  # group.index.name: (group, index, name)


@dataclass(frozen=True)
class ToolCase:
    expect: tuple[str, ...]
    fill: dict[str, str] = field(default_factory=dict)
    tick: tuple[str, ...] = ()
    download: tuple[str, str] | None = None
    refuse: tuple[str, str, str] | None = None
    mistake: tuple[str, ...] = ()

    def entries(self) -> list[tuple[str, str | None]]:
        """The case as a reader enters it: (field, text) for each fill, then (box, None) for each tick."""
        return [*self.fill.items(), *((key, None) for key in self.tick)]

    def mistake_entries(self) -> list[tuple[str, str | None]] | None:
        """What a reader enters on the fresh form before a refused 计算 (as in `entries`), or None
        when the tool has nothing to get wrong."""
        if self.refuse:
            key, bad, _ = self.refuse
            return [(key, bad)]
        if self.mistake:
            return [entry for entry in self.entries() if entry[0] in self.mistake]
        return None


WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
RECEIVED = dt.date.today() - dt.timedelta(days=3)  # a court paper received three days ago
LAST_DAY = RECEIVED + dt.timedelta(days=15)  # 15 days, the day of receipt not counted (第八十五条)
HEARING = dt.date.today() + dt.timedelta(days=25)


def shown(day: dt.date) -> str:
    """A date as the court tools show it: 2026-12-12（星期六）, or 2027-01-01（星期五，元旦）."""
    from calculators.core.court_days import FIXED_HOLIDAYS  # named beside the date (fact 10.7)

    holiday = FIXED_HOLIDAYS.get((day.month, day.day))
    return f"{day.isoformat()}（{WEEKDAYS[day.weekday()]}{'，' + holiday if holiday else ''}）"


CASES: dict[str, ToolCase] = {
    "tools/budget/": ToolCase(
        fill={"income": "5000", "expenses": "2000"},
        expect=("3,000.00 元", "2,700.00 元"),
        refuse=("income", "-5", "不能是负数"),
    ),
    "start/": ToolCase(
        # A payment order three days ago, collectors calling the family, two lenders: the order's
        # last day comes first, then the contacts warning and the crisis lines, then the steps.
        fill={"received": RECEIVED.isoformat()},
        tick=("court=paper", "kinds=payment_order", "pressure=contacts", "lenders=several", "budget=known"),
        expect=(f"最后一天：{shown(LAST_DAY)}", "清偿，或者向法院提出书面异议", "先留证据", "12356", "第 4 步：做一个还得起的计划", "多个平台一起算"),
        mistake=("court=paper", "kinds=payment_order"),  # the paper ticked, the day it came forgotten
    ),
    "case/": ToolCase(
        # A fresh browser holds no case: the page says how to get one (the case is imported, exported
        # and cleared in test_case_browser.py).
        expect=("还没有“我的情况”", "存入我的情况"),
    ),
    "tools/plan/": ToolCase(
        # The lender asks 3,000 a month; the reader can spare 2,700: the plan warns.
        fill={"total": "3万", "monthly": "３０００", "start": "2026-01-31", "capacity": "2700"},
        expect=("30,000.00 元", "2026-02-28", "2026-10-31", "超过了你每月能拿出的 2,700.00 元"),
        download=(".csv", "2026-10-31,3000.00,0.00"),
        refuse=("total", "abc", "请填数字"),
    ),
    "tools/lenders/": ToolCase(
        # 2,700 a month shared by 30,000 + 12,000 + 5,000 (a third row, added): 18 months.
        fill={
            "capacity": "2700",
            "lenders.0.name": "借呗",
            "lenders.0.amount": "30000",
            "lenders.0.demand": "2500",
            "lenders.1.name": "微粒贷",
            "lenders.1.amount": "1.2万",
            "lenders.1.demand": "1000",
            "lenders.2.name": "信用卡",
            "lenders.2.amount": "５０００",
        },
        expect=("47,000.00 元", "1,723.41 元", "689.36 元", "287.23 元", "18 个月", "800.00 元"),
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
        # Two calls, the second written down first: the log puts them in date order.
        fill={
            "entries.0.date": "2026-05-03",
            "entries.0.time": "10:05",
            "entries.0.channel": "app",
            "entries.0.who": "工号 A1029",
            "entries.0.said": "受理了申请，说三个工作日内回复，还要我补一份收入证明",
            "entries.1.date": "2026-05-01",
            "entries.1.evidence": "录音 0501.m4a",
        },
        expect=("2026-05-01", "录音 0501.m4a", "官方 App 或在线客服", "工号 A1029"),
        download=(".csv", "2026-05-01,,电话,,,录音 0501.m4a\r\n2026-05-03,10:05,官方 App 或在线客服,工号 A1029"),
        mistake=("entries.0.who",),  # who answered, but not the date
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
    "tools/rate/": ToolCase(
        # 砍头息: a 20,000 contract, 4,000 kept back on the day, 12 × 1,980 plus a 99 fee a month,
        # lent by a company without a lending licence: 91.16% a year on the 16,000 received, and
        # 8,215.20 above four times the LPR of 2025-09 (3.00% × 4 = 12%).
        fill={
            "principal": "2万",
            "deducted": "4000",
            "installment": "1,980",
            "count": "12",
            "fee": "99元",
            "contract_date": "2025-09-15",
        },
        tick=("lender=private",),
        expect=("16,000.00 元", "24,948.00 元", "8,948.00 元", "91.16%", "140.77%", "42.92%", "8,215.20 元"),
        refuse=("principal", "-5", "不能是负数"),
    ),
    "tools/court-deadlines/": ToolCase(
        # 起诉状副本 and 传票 arrived together three days ago; the hearing is in 25 days.
        fill={"received": RECEIVED.isoformat(), "hearing": HEARING.isoformat()},
        tick=("kinds=complaint", "kinds=summons"),
        expect=(shown(LAST_DAY), shown(HEARING), "交答辩状", "按传票上的时间到庭", "第一百二十八条", "12348"),
        download=(".ics", f"DTSTART;VALUE=DATE:{LAST_DAY:%Y%m%d}"),
        mistake=("kinds=complaint", "kinds=summons"),  # the papers ticked, the day they came forgotten
    ),
    "tools/payment-order-objection/": ToolCase(
        # 4,000 kept back from a 12,000 loan, 3,000 repaid that the order leaves out.
        fill={
            "received": RECEIVED.isoformat(),
            "actual_received": "8千",
            "repaid": "3,000元",
            "court": "某某区人民法院",
            "creditor": "某某小额贷款有限公司",
            "name": "王小明",
        },
        tick=("stance=dispute", "grounds=upfront", "grounds=repaid"),
        expect=(
            "我实际收到的是 8,000.00 元",
            "我已经还过的款项（共 3,000.00 元）",
            f"异议最晚要在 {shown(LAST_DAY)}交到法院",
            "异议人：王小明",
        ),
        download=(".txt", "请求贵院依法审查本异议，裁定终结督促程序。"),
        refuse=("actual_received", "-5", "不能是负数"),
    ),
    "tools/enforcement-settlement/": ToolCase(
        # 35,000 on the notice; 2,000 now and 10 × 2,800 offered: 30,000, 5,000 asked to be waived.
        fill={
            "court": "某某区人民法院",
            "applicant": "某某消费金融有限公司",
            "owed": "35,000",
            "total": "3万",
            "down_payment": "2000",
            "monthly": "2800",
            "start": "2026-12-15",
            "details": "去年失业，现在打零工，每月收入约 4500 元。",
            "name": "王小明",
        },
        expect=("共 10 期，合计 30,000.00 元", "少 5,000.00 元", "2027-10-15", "被执行人：王小明"),
        download=(".txt", "第 10/10 期　2027-10-15　2,800.00 元"),
        refuse=("monthly", "-5", "不能是负数"),
    ),
    "tools/credit-objection/": ToolCase(
        # A card paid off in February still shown three months overdue, sent to the bank itself.
        fill={
            "lender": "某某银行股份有限公司信用卡中心",
            "account": "尾号 6021",
            "record": "2025 年 3 月至 5 月逾期 3 期，当前状态未结清",
            "actual": "2025 年 2 月 28 日已经全部还清，有结清证明",
            "recipient": "lender",
            "evidence": "结清证明、还款流水",
            "name": "王小明",
        },
        tick=("truth=wrong", "errors=paid", "errors=dates"),
        expect=("某某银行股份有限公司信用卡中心：", "这笔欠款已经还清，记录却仍显示未结清", "20 日内核查处理"),
        download=(".txt", "我附上的材料：结清证明、还款流水"),
        mistake=("lender", "truth=wrong"),  # the record and the facts not written yet
    ),
    "tools/lender-letters/": ToolCase(
        # A collector says 46,000 is owed: ask for the breakdown in writing.
        fill={
            "recipient": "某某资产管理有限公司",
            "lender": "某某消费金融有限公司",
            "loan_number": "XF2024-0815",
            "claimed": "4.6万",
            "name": "王小明",
        },
        tick=("kind=breakdown",),
        expect=("请求提供欠款明细的函", "你方告诉我目前欠款 46,000.00 元", "以上各项相加得出的欠款总额"),
        download=(".txt", "借款合同编号 XF2024-0815"),
        refuse=("claimed", "-5", "不能是负数"),
    ),
    "tools/complaint/": ToolCase(
        # Collectors calling a colleague and the mother; the lender's own complaint line did not
        # help, so the letter goes to the regulator with two log rows as evidence.
        fill={
            "addressee": "regulator",
            "lender": "某某消费金融有限公司",
            "facts": "2026 年 10 月起，催收人员每天多次打电话给我的同事和母亲，说我欠钱不还。",
            "requests": "停止联系我的同事和家人，有关欠款的事只和我本人书面联系。",
            "ticket": "KF20261102-0457",
            "lender_date": "2026-11-02",
            "entries.0.date": "2026-11-05",
            "entries.0.time": "09:40",
            "entries.0.who": "自称某某律所",
            "entries.0.said": "打给我母亲，说要上门",
            "entries.1.date": "2026-10-28",
            "entries.1.channel": "sms",
            "entries.1.said": "短信说要通知单位",
            "name": "王小明",
        },
        tick=("lender_kind=consumer_finance", "problems=collection"),
        expect=(
            "12378",
            "工单号 KF20261102-0457",
            "1. 2026-10-28，短信，内容：短信说要通知单位。",
            "2. 2026-11-05 09:40，电话，对方：自称某某律所，内容：打给我母亲，说要上门。",
        ),
        download=(".txt", "投诉编号（工单号）：KF20261102-0457"),
        mistake=("lender", "problems=collection"),  # the facts and the request not written yet
    ),
}


def missing_cases(tool_pages) -> list[str]:
    """Tool pages of the built site that have no case here."""
    return [page for page in tool_pages if page not in CASES]


# Refusals the byte check (scripts/tool_snapshot.py) covers beside each case's own: page -> name ->
# (entries added to the page's case, as in `ToolCase.entries`, and the field its answer refuses).
# For paths no case reaches; the browser tests do not read this. tests/test_tool_snapshot.py
# checks that each is refused on that field.
MORE_REFUSALS: dict[str, dict[str, tuple[tuple[tuple[str, str | None], ...], str]]] = {
    "tools/letter/": {
        # the rate paragraph asked for, with a rate that is not above the limit typed beside it
        "rate-paragraph": ((("rate_paragraph", None), ("rate_apr", "12"), ("rate_limit", "14.8")), "rate_apr"),
    },
}
