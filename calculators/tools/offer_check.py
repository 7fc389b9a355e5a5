"""Offer check (方案核对): what a lender offered, held against the five points an agreement
must settle and against what the reader can safely pay each month.

The five points: the amounts (and any waiver), the term, how to pay, what happens on a
missed payment, and when the agreement takes effect. Plus: is it in writing at all.

Affordability bands compare the monthly amount with the reader's safe monthly capacity, the
amount the budget tool recommends offering (what is left after necessities, less a safety
margin of 10% by default):
- affordable (还得起): at most the safe capacity;
- tight (偏紧): above it by at most 10%, which eats the margin kept for surprises;
- over (很可能再次逾期): more than 10% above it; with the default margin that is about all
  that is left after necessities, so one unexpected expense means a missed payment, and a
  broken renegotiated plan is usually harder to fix than the first overdue.

The offer's installments and total come from `make_plan` (down payment, then the stated
number of installments of the stated amount), the same engine as every other schedule.

When the reader gives the date of the first payment, the agreed schedule is shown and offered
as an .ics calendar file with a reminder before each payment. This is the site's one calendar
export: reminders belong to a schedule the lender has agreed to, not to a proposal.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from ..core import ics
from ..core import lpr_data
from ..core.cite import cite
from ..core.inputs import InputError, collect, parse_choice, parse_count, parse_date_near, parse_percent, parse_text, reference_date
from ..core.irr import HUNDRED
from ..core.lender_kinds import LENDERS, LICENSED
from ..core.money import MAX_AMOUNT, ZERO, format_amount, parse_amount
from ..core.schedule import PLAN_YEARS_AHEAD, Plan, default_start, labels, make_plan
from ..core.view import Download, Figure, Link, Notice, Summary, Table, View
from .rate_notices import FINAL_WORD, REPORTED_LINE

TYPE_CHECKING = False  # no runtime import of typing; checkers read the block below
if TYPE_CHECKING:
    from ..core.lender_kinds import LenderKind

CHANNELS = {
    "corporate": "平台的对公账户",
    "app": "官方 App 内还款",
    "personal": "个人账户",
    "unknown": "不清楚",
}
WRITTEN = {"yes": "有书面或电子协议", "no": "只是口头或电话里说的", "unknown": "不清楚"}
BREACH = {"yes": "写明了", "no": "没有写", "unknown": "不清楚"}
EFFECTIVE = {
    "signing": "签署或确认后就生效",
    "first_payment": "付了首期才生效",
    "unknown": "没写或不清楚",
}

TIGHT_FACTOR = Decimal("1.10")
BANDS = {
    "affordable": "还得起",
    "tight": "偏紧",
    "over": "很可能再次逾期",
}

OK, ASK, RISK = "写清楚了", "要问清楚", "有风险"


@dataclass(frozen=True, kw_only=True)
class Offer:
    monthly: Decimal
    installments: int
    down_payment: Decimal = ZERO
    waived: Decimal = ZERO
    channel: str = "unknown"
    written: str = "unknown"
    breach: str = "unknown"
    effective: str = "unknown"

    @property
    def total(self) -> Decimal:
        """What the reader would pay in all: the down payment plus every installment (as `schedule` adds up)."""
        return self.down_payment + self.monthly * self.installments

    def schedule(self, first_due: _dt.date) -> Plan:
        """The agreed installments from `first_due`, built by make_plan.

        Never refused: the total is the down payment plus `installments` x `monthly`, which always
        fits, and the form allows at most 120 installments (make_plan's PlanError cannot occur)."""
        return make_plan(
            self.total, first_due, monthly=self.monthly, months=self.installments, down_payment=self.down_payment
        )


@dataclass(frozen=True, kw_only=True)
class Point:
    """One line of the agreement check: what the offer says and the status of that point."""

    name: str
    offered: str
    status: str
    advice: str


def band(monthly: Decimal, capacity: Decimal) -> str:
    """'affordable' when monthly <= capacity, 'tight' up to 110% of it, 'over' above that."""
    if monthly <= capacity:
        return "affordable"
    if monthly <= capacity * TIGHT_FACTOR:
        return "tight"
    return "over"


def points(offer: Offer) -> tuple[Point, ...]:
    """The five agreement points, plus whether the offer is in writing, each with a status."""
    waiver = f"，减免 {format_amount(offer.waived)}" if offer.waived else "，没有减免"
    down = f"首期 {format_amount(offer.down_payment)}，" if offer.down_payment else ""
    written = {
        "yes": Point(name="书面协议", offered=WRITTEN["yes"], status=OK, advice="保存好协议原件或截图，和聊天记录放在一起。"),
        "no": Point(name="书面协议", offered=WRITTEN["no"], status=RISK, advice="付钱之前，请对方给书面协议，或通过官方 App、短信、邮件发来能保存的确认。口头答应的事以后很难证明。"),
        "unknown": Point(name="书面协议", offered=WRITTEN["unknown"], status=ASK, advice="问清楚会不会给书面协议或电子确认；拿到之前不要付款。"),
    }[offer.written]
    amount = Point(
        name="1. 还款金额",
        offered=f"{down}每期 {format_amount(offer.monthly)}，合计 {format_amount(offer.total)}{waiver}",
        status=OK if offer.written == "yes" else ASK,
        advice="核对合计金额里本金、利息、费用各多少，减免的是哪一部分；最好写明还的钱先抵本金。"
        + ("" if offer.waived else " 也可以再问一问能否减免部分罚息或违约金。"),
    )
    term = Point(
        name="2. 还款期限",
        offered=f"共 {offer.installments} 期",
        status=OK if offer.written == "yes" else ASK,
        advice="协议里应列出每一期的日期和金额。",
    )
    channel = {
        "corporate": Point(name="3. 还款方式", offered=CHANNELS["corporate"], status=OK, advice="核对账户名是不是平台或放款机构的全称。"),
        "app": Point(name="3. 还款方式", offered=CHANNELS["app"], status=OK, advice="只用自己下载的官方 App，不点对方发来的链接。"),
        "personal": Point(name="3. 还款方式", offered=CHANNELS["personal"], status=RISK, advice="不要转给个人账户。正规平台收款用对公账户或官方 App，这很可能是诈骗。"),
        "unknown": Point(name="3. 还款方式", offered=CHANNELS["unknown"], status=ASK, advice="问清楚钱还到哪里，只接受对公账户或官方 App。"),
    }[offer.channel]
    breach = {
        "yes": Point(name="4. 违约责任", offered=BREACH["yes"], status=OK, advice="读懂哪天没还会怎样：是否恢复原来的欠款、罚息和违约金。"),
        "no": Point(name="4. 违约责任", offered=BREACH["no"], status=RISK, advice="请对方写明：某一期晚还几天会怎样，会不会取消减免、恢复全部欠款。"),
        "unknown": Point(name="4. 违约责任", offered=BREACH["unknown"], status=ASK, advice="问清楚没按新方案还款的后果，并写进协议。"),
    }[offer.breach]
    effective = {
        "signing": Point(name="5. 生效条件", offered=EFFECTIVE["signing"], status=OK, advice="保存好签署或确认的记录。"),
        "first_payment": Point(name="5. 生效条件", offered=EFFECTIVE["first_payment"], status=OK, advice="首期只还到官方渠道，付完请对方确认协议已经生效。"),
        "unknown": Point(name="5. 生效条件", offered=EFFECTIVE["unknown"], status=ASK, advice="问清楚什么时候生效，是不是要先付首期。"),
    }[offer.effective]
    return (written, amount, term, channel, breach, effective)


@dataclass(frozen=True, kw_only=True)
class Inputs:
    offer: Offer
    capacity: Decimal | None = None
    first_due: _dt.date | None = None
    lender: str = ""
    today: _dt.date | None = None


def parse(fields: dict) -> Inputs:
    """The offer, the optional safe monthly capacity, first due date and lender from the raw form fields."""
    today = reference_date(fields)
    got = collect(
        monthly=lambda: parse_amount(fields.get("monthly"), "monthly", "每期还款金额", allow_zero=False),
        installments=lambda: parse_count(fields.get("installments"), "installments", "期数", maximum=120),
        down=lambda: parse_amount(fields.get("down_payment"), "down_payment", "首期款", required=False),
        waived=lambda: parse_amount(fields.get("waived"), "waived", "减免金额", required=False),
        capacity=lambda: parse_amount(fields.get("capacity"), "capacity", "你的安全还款额", required=False),
        channel=lambda: parse_choice(fields.get("channel"), "channel", "还款方式", CHANNELS, default="unknown"),
        written=lambda: parse_choice(fields.get("written"), "written", "是否有书面协议", WRITTEN, default="unknown"),
        breach=lambda: parse_choice(fields.get("breach"), "breach", "是否写明违约责任", BREACH, default="unknown"),
        effective=lambda: parse_choice(fields.get("effective"), "effective", "生效条件", EFFECTIVE, default="unknown"),
        first_due=lambda: parse_date_near(fields.get("first_due"), "first_due", "第一次还款的日期", today, future_years=PLAN_YEARS_AHEAD, required=False),
        lender=lambda: " ".join(parse_text(fields.get("lender"), "lender", "平台或银行的名称", max_length=80).split()),
    )
    offer = Offer(monthly=got.monthly, installments=got.installments, down_payment=got.down or ZERO, waived=got.waived or ZERO, channel=got.channel, written=got.written, breach=got.breach, effective=got.effective)
    if offer.total > MAX_AMOUNT:
        raise InputError("monthly", "首期加上每期金额乘以期数，超过了 1 亿元，请检查是否多写了 0。")
    return Inputs(offer=offer, capacity=got.capacity, first_due=got.first_due, lender=got.lender, today=today)


def schedule(offer: Offer, first_due: _dt.date) -> tuple:
    """The agreed installments from `first_due`: the down payment first (if any), then one a month.

    Built by make_plan, so the dates follow the plan tool's rules and the amounts add up
    to the offer's total.
    """
    return offer.schedule(first_due).installments


def schedule_blocks(offer: Offer, first_due: _dt.date | None, lender: str) -> tuple[tuple, tuple]:
    """The schedule table and the calendar download, or a hint to give the first date."""
    if first_due is None:
        return (
            (
                Notice(
                    level="info",
                    title="想在手机日历里收到还款提醒？",
                    paragraphs=("填上第一次还款的日期，这里会列出每期的日期，并可以下载日历文件（.ics），每期前两天提醒你。",),
                ),
            ),
            (),
        )
    agreed = offer.schedule(first_due)
    rows, names = agreed.installments, labels(agreed, counted=True)
    table = Table(
        caption="按这个方案的还款日期",
        headers=("期数", "日期", "金额"),
        rows=tuple((label, item.due.isoformat(), format_amount(item.amount)) for label, item in zip(names, rows)),
        footer=("合计", "", format_amount(sum((item.amount for item in rows), ZERO))),
        numeric=(2,),
    )
    text = ics.schedule_ics(
        [(item.due, item.amount, label) for label, item in zip(names, rows)], lender
    )
    download = Download(label="下载还款日历（.ics，导入手机日历）", filename=ics.FILENAME, mime=ics.MIME, text=text)
    return (table,), (download,)


def capacity_blocks(offer: Offer, capacity: Decimal | None) -> tuple:
    """The comparison with the reader's capacity, or a pointer to the budget tool when it is unknown."""
    if capacity is None:
        return (
            Notice(
                level="info",
                title="还没有和你的还款能力比较",
                paragraphs=("在“你每月能拿出的钱”里填上还款能力计算的结果，就能看出这个方案还不还得起。",),
                links=(Link("还款能力计算", "tools/budget/"),),
            ),
        )
    result = band(offer.monthly, capacity)
    share = f"{(offer.monthly / capacity * 100):.0f}%" if capacity else "—"
    summary = Summary(
        "和你的还款能力比",
        (
            Figure("每期要还", format_amount(offer.monthly)),
            Figure("你的安全还款额", format_amount(capacity)),
            Figure("占安全还款额", share),
            Figure("结论", BANDS[result], emphasis=True),
        ),
    )
    texts = {
        "affordable": (
            "success",
            "还得起：每期没有超过你的安全还款额",
            "安全还款额已经为临时开支留了余量。按时还，每次都保存凭证。",
        ),
        "tight": (
            "warning",
            "偏紧：每期超过了安全还款额，但超出不到一成",
            "这会用掉留给意外开支的余量，一有变故就可能还不上。可以请对方把期数拉长一些，降低每期金额。",
        ),
        "over": (
            "danger",
            "很可能再次逾期：每期比安全还款额多出一成以上",
            "这差不多是你扣掉必要开支后的全部余钱，甚至更多。答应下来很可能再次违约，后果往往比第一次更难处理。请说明你的实际能力，提出你能做到的金额。",
        ),
    }
    level, title, text = texts[result]
    paragraphs = [text]
    if offer.down_payment > capacity:
        paragraphs.append("首期款比你一个月的安全还款额还多。先想清楚这笔钱从哪里来，不要为了首期再去借新的贷款。")
    return (summary, Notice(level=level, title=title, paragraphs=tuple(paragraphs), links=(Link("做一个还得起的计划", "guide/plan/"),)))


def tool(fields: dict) -> View:
    """The offer-check page: the agreement points with their status, and the affordability band."""
    inputs = parse(fields)
    offer, capacity = inputs.offer, inputs.capacity
    agreed = offer.schedule(inputs.first_due or default_start(inputs.today or _dt.date.today()))
    checked = points(offer)
    table = Table(
        caption="方案核对：协议里应当写清楚的几件事",
        headers=("项目", "对方给的方案", "结论", "建议"),
        rows=tuple((p.name, p.offered, p.status, p.advice) for p in checked),
    )
    risks = [p for p in checked if p.status == RISK]
    blocks = []
    if risks:
        blocks.append(
            Notice(
                level="danger",
                title=f"有 {len(risks)} 处风险，先别付款",
                paragraphs=tuple(f"{p.name.lstrip('0123456789. ')}：{p.advice}" for p in risks),
                links=(Link("拿到书面协议，留好证据", "guide/agreement/"), Link("小心骗局和陷阱", "guide/watch-out/")),
            )
        )
    blocks.append(table)
    blocks.extend(capacity_blocks(offer, capacity))
    blocks.extend(offer_warning_from(fields, offer.total))
    dated, downloads = schedule_blocks(offer, inputs.first_due, inputs.lender)
    blocks.extend(dated)
    result = band(offer.monthly, capacity) if capacity is not None else ""
    asks = sum(p.status == ASK for p in checked)
    announce = f"核对完成：{len(risks)} 处风险，{asks} 处要问清楚。"
    if result:
        announce += f"和你的还款能力比：{BANDS[result]}。"
    return View(
        tuple(blocks),
        downloads=downloads,
        announce=announce,
        data={
            "monthly": str(agreed.monthly),
            "months": len(agreed.regular),
            "down_payment": str(agreed.down_payment),
            "total": str(agreed.total),
            "band": result,
            "risks": len(risks),
        },
    )


def offer_warning(
    total: Decimal, apr: Decimal | None, limit: Decimal | None = None, supported: Decimal | None = None, *, lender: LenderKind | None = None
) -> tuple:
    """Notices for an offer on a loan whose rate was checked: a warning when the rate was above the
    four-times-LPR `limit` (given only for a private lender) and the offer may still carry interest
    and fees above it; for a small-loan company (`lender`), the reported 24% line, hedged. Nothing
    for other lenders: no line that applies to them is known."""
    if apr is None:
        return ()
    if limit is not None and lender not in LICENSED:
        if apr <= limit:
            return ()
        paragraphs = [
            f"你算出原借款的实际年化利率约 {apr:,.2f}%，高于四倍 LPR 上限 {limit:.2f}%"
            f"（民间借贷规定{cite('private-lending-25')}、{cite('private-lending-29')}；LPR 以官方公布为准，本站数据核对到 {lpr_data.CHECKED}）。"
        ]
        if supported is not None and total > supported:
            paragraphs.append(
                f"这个方案一共要还 {format_amount(total)}，比按上限算出的 {format_amount(supported)} 多 {format_amount(total - supported)}。"
                f"多出的部分可能是超过上限的利息和费用，也可能是逾期以后的利息；但逾期利息、违约金和其他费用加起来超过四倍 LPR 的部分，法院同样不支持（{cite('private-lending-29')}）。"
            )
        if lender == "private":
            paragraphs.append("签之前请对方列出本金、利息、费用各多少，并把超过上限的部分去掉。")
        else:
            paragraphs.append(
                "签之前请对方列出本金、利息、费用各多少。放款人是个人或没有放贷资格的公司的，可以请对方把超过上限的部分去掉；"
                "是银行、消费金融公司或小额贷款公司的，这条上限一般不直接适用，请对方说明每一项费用的依据。"
            )
        paragraphs.append(FINAL_WORD)
        return (Notice(level="warning", title="这个方案可能还包含超过上限的利息和费用", paragraphs=tuple(paragraphs), links=(Link("借款实际年化利率", "tools/rate/"),)),)
    if lender == "small_loan" and apr > REPORTED_LINE:
        return (
            Notice(
                level="info",
                title="原借款的成本很高，核对方案里还有没有这些费用",
                paragraphs=(
                    f"你算出原借款的实际年化利率约 {apr:,.2f}%。"
                    "据报道，2025 年 12 月下发的小额贷款公司综合融资成本指引，要求地方金融管理机构处理综合融资成本超过年化 24% 的小额贷款公司新发放贷款"
                    "（本站没有见到官方公开版本，以官方公布为准）。这是监管处理的线，不是法院的裁判标准。",
                    "签之前请对方列出本金、利息、费用各多少，问清楚每一项的依据。",
                    FINAL_WORD,
                ),
                links=(Link("借款实际年化利率", "tools/rate/"),),
            ),
        )
    return ()


def offer_warning_from(fields: dict, total: Decimal) -> tuple:
    """`offer_warning` from the offer form's rate_apr, rate_limit, rate_supported and rate_lender fields."""
    if not isinstance(fields, dict):
        return ()
    got = collect(
        apr=lambda: parse_percent(fields.get("rate_apr"), "rate_apr", "原借款的实际年化利率", maximum=Decimal(10**15)),
        limit=lambda: parse_percent(fields.get("rate_limit"), "rate_limit", "四倍 LPR 上限", maximum=HUNDRED),
        supported=lambda: parse_amount(fields.get("rate_supported"), "rate_supported", "按上限最多支持的金额", required=False),
        lender=lambda: parse_choice(fields.get("rate_lender"), "rate_lender", "原借款的放款人", LENDERS, default="unknown"),
    )
    return offer_warning(total, got.apr, got.limit, got.supported, lender=got.lender)
