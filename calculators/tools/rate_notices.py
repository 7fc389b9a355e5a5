"""The rate page's words around the figures: the summary and the table of rates, what the cost
means, how it was computed, the limits for the kind of lender, the four-times-LPR walk, and what to
do next. Every figure comes from core/irr.py; this module only says what it means."""

from __future__ import annotations

from decimal import Decimal

from ..core import helplines, lpr_data
from ..core.cite import cite
from ..core.irr import CHECKED, DISPLAY_CAP, HUNDRED, LPR_HEDGE, CapCheck, Limit, Loan, Rate, Unit, beside, before_new_rules, format_percent, lpr_on
from ..core.lender_kinds import LENDERS, LICENSED
from ..core.money import format_amount
from ..core.view import Figure, Link, Notice, Summary, Table

TYPE_CHECKING = False  # no runtime import of typing; checkers read the block below
if TYPE_CHECKING:
    from .rate import Case

REPORTED_LINE = Decimal("24")  # percent: the reported regulatory line (grade B), never a court rule
FINAL_WORD = "以上按本工具的计算，最终以法院认定为准。"


def summary(case: Case, on_received: Rate) -> Summary:
    loan = case.loan
    figures = [Figure("合同本金", format_amount(loan.principal)), Figure("实际到手", format_amount(loan.received))]
    if loan.deducted:
        figures.append(Figure("放款时预先扣掉", format_amount(loan.deducted)))
    figures += [
        Figure(f"一共要还（{case.count} 笔）", format_amount(loan.total_paid)),
        Figure("借款总成本（一共还的 − 实际到手）", format_amount(loan.cost), emphasis=True),
        Figure("实际年化利率（按到手的钱，单利）", format_percent(on_received.simple), emphasis=True),
        Figure("实际年化利率（按到手的钱，复利）", format_percent(on_received.compound)),
    ]
    return Summary("这笔借款的真实成本", tuple(figures))


def rates_table(case: Case, on_received: Rate, on_principal: Rate) -> Table:
    loan = case.loan
    unit = loan.unit

    def row(label, rate):  # a rate per day or month is small: four decimals, so 日息 0.05% can be compared
        return (label, format_percent(rate.per_unit, 4), format_percent(rate.simple), format_percent(rate.compound))

    return Table(
        caption=f"实际年化利率：两种本金口径，两种算法（r 是{unit.every}的利率，k = {unit.k_text}，即一年的期数）",
        headers=("本金按", f"{unit.every}利率 r", "单利 r × k", "复利 (1 + r)^k − 1"),
        rows=(
            row(f"实际到手 {format_amount(loan.received)}", on_received),
            row(f"合同本金 {format_amount(loan.principal)}", on_principal),
        ),
        numeric=(1, 2, 3),
    )


def cost_notices(loan: Loan, on_received: Rate, on_principal: Rate) -> list:
    notices = []
    if loan.cost == 0:
        notices.append(
            Notice(level="success", title="按这些数字，这笔借款没有成本", paragraphs=("一共还的钱正好等于实际到手的钱，年化利率是 0。请再核对一下每期金额和期数。",))
        )
    elif loan.cost < 0:
        notices.append(
            Notice(
                level="info",
                title="一共还的钱比到手的还少",
                paragraphs=(
                    f"少了 {format_amount(-loan.cost)}，所以算出来的利率是负数，相当于有返利或减免。",
                    "如果不是这样，请检查是不是漏填了几期还款，或者把每期金额填少了。"
                    "借款还没还完的，请把以后按合同还要还的各期也填进去，算出来的才是这笔借款的利率。",
                ),
            )
        )
    if loan.deducted and on_principal.simple < on_received.simple:
        notices.append(
            Notice(
                level="info",
                title="放款时扣掉的钱，让真实利率更高",
                paragraphs=(
                    f"按合同本金算，年化利率是 {format_percent(on_principal.simple)}；按实际到手的钱算，是 {format_percent(on_received.simple)}。",
                    "按合同本金的算法，等于假设你拿到了合同上的全部本金，没有把预先扣掉的钱算作成本，所以偏低。"
                    "本工具按实际到手的钱算，费用也算进成本：这才是你用这笔钱的真实代价。",
                    f"法律规定利息不得预先从本金中扣除，扣了的按实际借到的数额返还借款并计算利息（《民法典》{cite('civil-code-670')}）。"
                    "放款时扣掉的“服务费”“手续费”“保证金”等，法院会不会当作利息，要看具体情况，本站不能保证。",
                ),
            )
        )
    if on_received.compound * HUNDRED > DISPLAY_CAP:
        notices.append(
            Notice(
                level="warning",
                title="复利算出来的数大到失去了意义",
                paragraphs=("期限很短、成本很高的借款，按复利折成一年会是天文数字。看单利那一列，以及借款总成本（元），更有意义。",),
            )
        )
    return notices


def method_notice(case: Case) -> Notice:
    unit = case.loan.unit
    if unit == Unit("day", 1) and case.contract_date is not None:
        clock = "还款日期之间没有固定的间隔，所以按实际天数计算：从放款那天起数天数，r 是每天的利率，一年按 365 天算。"
    elif case.contract_date is not None:
        clock = f"每笔还款离放款那天都正好是{unit.span}的整数倍，所以按“期”计算：每期{unit.span}，一年 {unit.k_text} 期。"
    else:
        clock = f"按“期”计算：每期{unit.span}，一年 {unit.k_text} 期。"
    paragraphs = [
        "用的是内部收益率法（IRR）：找出一个每期利率 r，使你以后每次还的钱按 r 折回放款那天，加起来正好等于你实际到手的钱（表里“合同本金”那一行，换成合同本金）。"
        "它把利息、手续费、服务费、会员费等所有成本都算进去，也考虑了本金是一期一期还掉的。",
        clock,
        "单利年化 = r × k；复利年化 = (1 + r)^k − 1，k 是一年的期数。复利总是更高一些。年化利率四舍五入到百分之零点零一，每期利率保留四位小数。",
        "人民银行要求放贷机构以年化利率展示所有贷款成本，可以用复利（内部收益率法）或注明的单利计算"
        "（人民银行公告〔2021〕第 3 号，据报道，以官方公布为准）。",
    ]
    if case.first_period_assumed:
        paragraphs.append("你只填了第一期还款日、没有填合同日期，所以假设第一期也是完整的一期。填上合同日期会更准确。")
    elif case.contract_date is None:
        paragraphs.append("没有填日期，所以假设每期间隔一样长。填上合同日期，还能和合同成立时的利率上限对照。")
    return Notice(level="info", title="这些数是怎么算的", paragraphs=tuple(paragraphs))


def limit_blocks(case: Case, simple: Decimal, limit: Limit | None, above: bool) -> list:
    """The comparison table and what it means for the kind of lender. `simple` is the unrounded
    annual rate (a fraction), so that rounding never makes the rate and a line look equal."""
    lender = case.lender
    rows = []
    value = simple * HUNDRED

    def verdict(line: Decimal, over: bool | None = None) -> str:
        if over is None:
            over = value > line
        if over and value <= line:  # only the payment-by-payment walk found an excess
            return "按逐笔计算高于这条线（见下面的说明）"
        return f"{'高于' if over else '不高于'}这条线"

    if limit is not None:
        applies = {"private": "适用", "unknown": "如果放款人是个人或没有放贷资格的公司，就适用"}.get(lender, "银行、消费金融公司、小额贷款公司一般不直接适用")
        source = f"LPR 为你填写的 {limit.lpr:.2f}%" if limit.published is None else f"LPR {limit.lpr:.2f}%，数据核对到 {lpr_data.CHECKED}，据转引和报道"
        rows.append(
            (
                f"四倍 LPR：{limit.cap:.2f}%",
                f"民间借贷规定{cite('private-lending-25')}、{cite('private-lending-29')}（原文已核）；{source}",
                "个人、没有放贷资格的公司（民间借贷）",
                applies,
                verdict(limit.cap, above),
            )
        )
    if lender in ("small_loan", "unknown"):
        rows.append(
            (
                "24%（据报道）",
                "据报道，2025 年 12 月下发的小额贷款公司综合融资成本指引（未见官方公开版本，以官方公布为准）",
                "小额贷款公司（含网络小贷）",
                "监管处理的线，不是法院的裁判标准",
                verdict(REPORTED_LINE),
            )
        )
    if lender in ("bank", "unknown"):
        rows.append(
            (
                "24%（律所解读）",
                "有律所解读认为，金规〔2025〕9号（2025-10-01 起施行）要求银行互联网助贷的综合融资成本不超过 24%；原文是否这样写未核实，以官方公布为准",
                "银行通过互联网平台发放的贷款",
                "只是一种解读，不确定",
                verdict(REPORTED_LINE),
            )
        )
    blocks = []
    if rows:
        blocks.append(
            Table(
                caption=f"和利率上限对照：你的借款按到手的钱、单利是 {beside(simple, limit.cap if limit else REPORTED_LINE)}",
                headers=("上限", "依据（可信度）", "针对谁", "对你选的放款人", "你的借款"),
                rows=tuple(rows),
            )
        )
    blocks.append(lender_notice(case, limit, above))
    if before_new_rules(case.contract_date):
        blocks.append(
            Notice(
                level="info",
                title="合同成立在 2020-08-20 之前：利息的上限分两段看",
                paragraphs=(
                    "2020-08-20 以后法院新受理的一审民间借贷案件，合同成立在这一天之前的："
                    "从合同成立到 2020-08-19 的利息，当事人请求适用当时的司法解释计算的，法院应予支持；"
                    f"从 2020-08-20 到还款那天的利息，按起诉时民间借贷规定的利率保护标准计算（民间借贷规定{cite('private-lending-31', '第三十一条第二款')}）。",
                    "所以这类借款不能简单地拿合同成立时 LPR 的四倍来比。本工具不做这种分段计算，"
                    "不替你算超出多少，也不建议你在协商时据此要求对方去掉某个金额。",
                    f"放款人是个人或没有放贷资格的公司的，先打 {helplines.LEGAL_SERVICE} 公共法律服务热线，"
                    "或者到当地的法律援助机构问一问，再决定协商时怎么提（据报道，各地安排以当地公布为准）。",
                    "当时的旧标准，据多份资料转引，是“年利率 24% 以内支持、超过 36% 的部分无效”（2015 年版民间借贷规定，原文本站未读到）。"
                    "这条线已经被四倍 LPR 取代，这里只作为历史说明。",
                ),
            )
        )
    return blocks


def lender_notice(case: Case, limit: Limit | None, above: bool) -> Notice:
    lender = case.lender
    lpr_lines = []
    if limit is None:
        if before_new_rules(case.contract_date):
            lpr_lines.append(
                "你的合同成立在 2020-08-20 之前，利息的上限要分两段看（见下面的说明），"
                "所以这里不按合同成立时 LPR 的四倍对照，也不算超出多少。"
            )
        else:  # every date before the first LPR (2019-08-20) is also before 2020-08-20
            lpr_lines.append("填上合同日期（或者在下面自己填写 LPR），才能找到合同成立时的一年期 LPR，算出四倍的上限。")
    else:
        lpr_lines.append(f"四倍 LPR 上限：年利率 {limit.cap:.2f}%，也就是{limit.describe()}。")
        if limit.after_checked:
            lpr_lines.append(
                f"你的合同日期晚于本站核对到的最后一期（{lpr_data.CHECKED}），这期间 LPR 可能变了。"
                "请到中国人民银行网站或中国货币网查合同成立时的一年期 LPR，填在下面“合同成立时的一年期 LPR”里。"
            )
        if limit.published is None and case.contract_date is not None:
            ours = lpr_on(case.contract_date)
            if ours is not None and ours[1] != limit.lpr and case.contract_date <= CHECKED:
                lpr_lines.append(f"本站数据里，这一天的一年期 LPR 是 {ours[1]:.2f}%（{LPR_HEDGE}）。请核对你填的数。")
    if lender == "private":
        title = "放款人是个人或没有放贷资格的公司：适用民间借贷的四倍 LPR 上限"
        paragraphs = [
            f"民间借贷约定的利率，超过合同成立时一年期贷款市场报价利率（LPR）四倍的部分，法院不支持（民间借贷规定{cite('private-lending-25')}）。"
            f"逾期利息、违约金和其他费用加在一起，超过四倍 LPR 的部分也不支持（{cite('private-lending-29')}）。"
            f"预先从本金中扣除利息的，按实际出借的金额认定本金（{cite('private-lending-26')}），所以这里用实际到手的钱、单利来对照。"
            "放款时扣掉的是“服务费”“保证金”等名目的，法院会不会同样处理，要看具体情况。",
            *lpr_lines,
            f"另外，没有依法取得放贷资格的出借人，以营利为目的向社会不特定对象提供借款的，民间借贷合同无效（{cite('private-lending-13-3')}）。"
            "是否属于这种情况、无效以后怎样处理，由法院认定。",
        ]
    elif lender in LICENSED:
        title = f"放款人是{LENDERS[lender]}：四倍 LPR 一般不直接适用"
        who = (
            f"小额贷款公司属于由地方金融监管部门监管、经批准设立的金融机构，它们的放贷纠纷同样不适用民间借贷规定（最高人民法院的批复{cite('private-lending-reply-1')}）。"
            if lender == "small_loan"
            else f"经金融监管部门批准设立的放贷金融机构，因放贷引起的纠纷不适用民间借贷规定（民间借贷规定{cite('private-lending-1')}）。"
        )
        paragraphs = [
            who,
            "所以上面的四倍 LPR 只作参考。对这类机构，法院按什么标准调整过高的利息和费用，本站没有核实到可以引用的统一规定，各地做法也可能不同。",
            f"可以确定的是：借款的利率不得违反国家有关规定（《民法典》{cite('civil-code-680')}）；利息不得预先从本金中扣除，扣了的按实际借到的数额计算（{cite('civil-code-670')}）。",
        ]
        if lender == "small_loan":
            paragraphs.append(
                "据报道，2025 年 12 月下发的一份指引要求小额贷款公司签约前以年化形式明示全部息费，明示以外不得再收费；"
                "新发放贷款综合成本超过 24% 的，由地方金融管理机构处理，并逐步降到四倍 LPR 以内。"
                "这份文件本站没有见到官方公开版本，以官方公布为准。"
            )
        if lender == "bank":
            paragraphs.append(
                "有律师事务所解读认为，2025-10-01 起施行的一份银行互联网助贷通知（金规〔2025〕9号）可以理解为综合融资成本最高年化 24%。"
                "这只是律所的解读，本站没有读到原文这样写，不能当作确定的规定，以官方公布为准。"
            )
        if lender == "consumer_finance":
            paragraphs.append("针对消费金融公司的利率上限，本站没有核实到可以引用的具体数字。")
        if limit is not None:
            paragraphs.extend(line for line in lpr_lines if "可能变了" in line or "请核对" in line)
    else:
        title = "还不清楚放款人是谁：先弄清楚，因为它决定适用哪条规则"
        paragraphs = [
            "借款合同上写的“贷款人”“出借人”或“放款机构”，才是放款人。网贷平台的名字不一定是放款人：很多平台只是展示和撮合，钱来自银行、消费金融公司或小额贷款公司。",
            "去哪里找：App 里的“借款记录”或“我的借款”中的借款合同；放款时收到的短信；银行流水上打款的一方；也可以查一份自己的信用报告，看这笔贷款是哪家机构报送的。",
            f"为什么重要：放款人是个人或没有放贷资格的公司，适用民间借贷规定的四倍 LPR 上限（{cite('private-lending-25')}）；"
            f"银行、消费金融公司、小额贷款公司等经批准的机构，不适用这套规定（{cite('private-lending-1')}，以及最高人民法院的批复{cite('private-lending-reply-1')}）。",
            *lpr_lines,
        ]
    paragraphs.append(FINAL_WORD)
    level = "warning" if above and lender in ("private", "unknown") else "info"
    return Notice(level=level, title=title, paragraphs=tuple(paragraphs))


def cap_blocks(case: Case, check: CapCheck, limit: Limit, simple: Decimal) -> list:
    loan = case.loan
    when = f"到最后一笔（{case.last_date.isoformat()}）为止" if case.last_date else "到最后一笔为止"
    whose = "你填写的 LPR" if limit.published is None else f"LPR {limit.lpr:.2f}%，核对到 {lpr_data.CHECKED}"
    figures = [
        Figure(f"上限：四倍 LPR（{whose}）", f"年利率 {check.cap:.2f}%（单利）"),
        Figure("本金按实际到手", format_amount(loan.received)),
        Figure("这些还款一共", format_amount(loan.total_paid)),
        Figure("按上限最多支持", format_amount(check.supported), emphasis=True),
    ]
    if check.excess > 0:
        figures.append(Figure("超出上限的部分", format_amount(check.excess), emphasis=True))
    title = "按四倍 LPR 上限重新算一遍" + ("（如果放款人是个人或没有放贷资格的公司）" if case.lender == "unknown" else "")
    blocks = [Summary(title, tuple(figures))]
    paragraphs = [
        "算法：从实际到手的钱起算，按上限对没还的本金计单利，利息不滚入本金；每笔还款先抵利息、再抵本金"
        f"（《民法典》{cite('civil-code-561')}规定的一般顺序）。本金和利息都抵完以后再付的钱，就是超出的部分。",
    ]
    if check.excess > 0:
        title = f"按本工具的计算，有 {format_amount(check.excess)} 超出了四倍 LPR 支持的范围"
        paragraphs.insert(
            0,
            f"你已还或被要求还的 {format_amount(loan.total_paid)} 里，按上限最多支持 {format_amount(check.supported)}，"
            f"多出 {format_amount(check.excess)}（民间借贷规定{cite('private-lending-25')}、{cite('private-lending-29')}）。"
            + ("协商时可以请对方把这部分去掉。" if case.lender == "private" else "如果放款人是个人或没有放贷资格的公司，协商时可以请对方把这部分去掉。"),
        )
        if simple * HUNDRED <= check.cap:
            paragraphs.append(
                f"上面按内部收益率法折算的单利年化（{beside(simple, check.cap)}）没有超过 {check.cap:.2f}%，逐笔计算却有超出："
                "两次还款隔得较久时，内部收益率法在中间隐含了“利滚利”，而这里的逐笔计算只计单利。"
            )
    else:
        title = f"{when}，这些还款没有超出四倍 LPR 支持的范围"
        paragraphs.insert(
            0,
            f"按上限算，{when}还没还完的本金约 {format_amount(check.owed_principal)}，利息约 {format_amount(check.owed_interest)}"
            "（这以后的利息仍按不超过上限的利率计算）。",
        )
    paragraphs.append(FINAL_WORD)
    blocks.append(Notice(level="warning" if check.excess > 0 else "info", title=title, paragraphs=tuple(paragraphs)))
    return blocks


def next_steps(case: Case, limit: Limit | None, above: bool) -> Notice:
    lender = case.lender
    channel = {
        "bank": helplines.COMPLAINT_LINE_TEXT,
        "consumer_finance": helplines.COMPLAINT_LINE_TEXT,
        "small_loan": "小额贷款公司由地方金融监管部门监管，可以向当地的地方金融管理部门反映。",
        "private": f"有法律问题可以打 {helplines.LEGAL_SERVICE} 公共法律服务热线免费咨询（据报道，各地安排以当地公布为准）。有人威胁你的安全，打 {helplines.POLICE}。",
        "unknown": "先弄清放款人是谁，再找对应的渠道：银行和消费金融公司、小额贷款公司、个人，投诉的地方不一样。",
    }[lender]
    if before_new_rules(case.contract_date) and lender in ("private", "unknown"):
        ask = (
            "2. 合同成立在 2020-08-20 之前，利息的上限要分两段看，本工具不替你判断超出多少。"
            f"先打 {helplines.LEGAL_SERVICE} 或到当地法律援助机构问清楚；协商时请对方列出本金、利息、每一项费用的明细，并书面确认应还的金额。"
        )
    elif lender in LICENSED:
        ask = (
            "2. 协商时，拿这张表说明你实际承担的成本，请对方说明每一项费用的依据、合同上的年化利率怎么算的，并书面确认应还的金额。"
            "对这类机构，本站没有核实到法院统一适用的利率上限，所以不替你判断哪一部分该去掉。"
        )
    elif above and lender == "private":
        ask = "2. 协商时，请对方把超过四倍 LPR 上限的利息和费用去掉，重新核算应还的金额，并书面确认。"
    elif above:
        ask = (
            "2. 先弄清放款人是谁。如果放款人是个人或没有放贷资格的公司，协商时请对方把超过四倍 LPR 上限的利息和费用去掉；"
            "如果是银行、消费金融公司或小额贷款公司，请对方说明每一项费用的依据。两种情况都要请对方重新核算应还的金额，并书面确认。"
        )
    else:
        ask = "2. 协商时，拿这张表说明你实际承担的成本，请对方减免不合理的费用，并书面确认应还的金额。"
    paragraphs = [
        "1. 向放款方要一份书面的费用明细：本金、利息、每一项费用各多少，合同上的年化利率是多少、怎么算的。",
        ask,
        f"3. 找对投诉渠道：{channel}",
        "4. 保存好所有记录：借款合同、放款短信、银行流水（证明实际到账多少）、每一笔还款凭证、App 里的账单截图和聊天记录。",
        "申请书工具可以把这里算出的利率写进去，请对方重新核算。",
    ]
    links = (
        Link("写协商还款申请书", "tools/letter/"),
        Link("投诉找谁", "guide/complaints/"),
        Link("求助电话和免费帮助", "help/"),
        Link("记下每次沟通", "tools/log/"),
    )
    return Notice(level="info", title="下一步可以做什么", paragraphs=tuple(paragraphs), links=links)

