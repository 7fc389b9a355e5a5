"""Scam check (诈骗风险自查): warning signs in what a caller asked the reader to do.

The answer never calls a caller genuine. With no sign ticked it says only that none of these
signs was found, and reminds the reader to verify through the lender's official channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.helplines import POLICE, call_link, crisis_notice
from ..core.inputs import parse_flag
from ..core.view import BulletList, Link, Notice, View

@dataclass(frozen=True, kw_only=True)
class Sign:
    """One warning sign: the form field `key`, the question asked, and why it is a warning."""

    key: str
    question: str
    reason: str


SIGNS = (
    Sign(
        key="deposit",
        question="要你先交保证金、解冻费、手续费之类的钱",
        reason="先交钱才能办事，是骗子最常用的说法。正规机构办理协商还款，不会先收保证金或解冻费。",
    ),
    Sign(
        key="personal_account",
        question="要你把钱转到个人的账户",
        reason="还款只应进入平台的对公账户或官方 App。钱转给个人，出了问题很难追回。",
    ),
    Sign(
        key="other_app",
        question="要你加 QQ、微信等私人聊天，或换到别的软件继续谈",
        reason="把你从官方渠道拉进私人聊天，是为了避开平台的记录，也让你难以核实对方身份。",
    ),
    Sign(
        key="screen_share",
        question="要你打开屏幕共享，或下载会议、远程控制软件",
        reason="共享屏幕时，对方能看到你收到的验证码、银行卡号和余额。",
    ),
    Sign(
        key="code",
        question="向你要短信验证码、银行卡密码或支付密码",
        reason="验证码和密码能直接动你的钱。无论对方自称是谁，都不能给。",
    ),
    Sign(
        key="inside_channel",
        question="说有“内部渠道”“特殊关系”，能帮你减免或消除记录",
        reason="协商还款由本人向平台的官方客服申请就可以，不需要也不存在收费的“内部渠道”。",
    ),
    Sign(
        key="cancel_account",
        question="说你有账户（比如“校园贷账户”）必须“注销”，不然影响征信",
        reason="据多地公安机关的反诈提示，这是冒充客服的常见骗局。并没有这种注销手续，征信记录也不能由个人随意改动。",
    ),
    Sign(
        key="paid_fix",
        question="收费帮你办“停息挂账”“征信修复”“债务优化”或“反催收”",
        reason="这些事本人都可以免费向平台申请或依法处理。据国家金融监督管理总局 2024 年的风险提示，"
        "付费找人“代理维权”可能损失钱财、泄露个人信息，还可能要自己承担法律责任。",
    ),
    Sign(
        key="new_loan",
        question="要你去别的平台借钱，再把钱转给对方",
        reason="让你借新钱转出去“还款”或“验证”，是冒充客服诈骗的典型步骤。",
    ),
)

ALREADY_KEY = "already"


@dataclass(frozen=True)
class Verdict:
    """The signs found, in the order of SIGNS, and whether money or a code has already gone out."""

    signs: tuple[Sign, ...]
    already: bool

    @property
    def warning(self) -> bool:
        return bool(self.signs) or self.already


def assess(ticked, already: bool = False) -> Verdict:
    """The verdict for the ticked sign keys (unknown keys are ignored)."""
    return Verdict(tuple(sign for sign in SIGNS if sign.key in ticked), bool(already))


NOW_STEPS = (
    "挂断电话，停止屏幕共享，不再点对方发来的链接，不在对方给的软件里继续聊。",
    "自己找到平台的官方客服电话（在官方 App、借款合同或官网上找，不用对方给的号码），打过去问清楚有没有这回事。",
    "拿不准的，可以拨打 96110 反诈专线咨询（据公安机关发布，以官方公布为准）。它不是报警电话，被骗了请拨 110。",
    "保存通话记录、短信、聊天截图和转账凭证，并记在本站的“沟通记录”里。",
)
ALREADY_STEPS = (
    "马上拨打 110 报警，说清楚转了多少钱、转到哪个账户。",
    "用银行卡背面或银行官方 App 上的电话联系你的银行，说明情况，修改密码或挂失相关的卡。",
    "不要再按对方的要求做任何事，也不要相信自称能帮你“追回损失”的人。",
)
LINKS = (Link("小心骗局和陷阱", "guide/watch-out/"), Link("找对协商渠道", "guide/channels/"))
ALREADY_CRISIS = crisis_notice("被骗不是你的错，骗子专挑着急的人下手。先报警，再一步一步处理。")


def blocks_for(verdict: Verdict) -> tuple:
    """The verdict as blocks: what was found, why it matters, and what to do now."""
    blocks = []
    if verdict.already:
        blocks.append(
            Notice(level="danger", title="钱已经转出或验证码已经给出：请现在就处理", paragraphs=ALREADY_STEPS, links=(call_link(POLICE, f"拨打 {POLICE} 报警"),))
        )
    if verdict.signs:
        blocks.append(
            Notice(
                level="danger",
                title=f"发现 {len(verdict.signs)} 个诈骗警示信号，请按诈骗对待",
                paragraphs=(
                    "对方的要求和常见诈骗手法一样。核实清楚之前，不要转账，不要给验证码，不要按对方说的操作。",
                ),
                links=LINKS,
            )
        )
        blocks.append(BulletList("为什么这些是警示信号", tuple(f"{s.question}：{s.reason}" for s in verdict.signs)))
        blocks.append(BulletList("现在就做", NOW_STEPS, ordered=True))
    else:
        title = "按你勾选的情况，没有发现这些警示信号" if not verdict.already else "上面这些警示信号都没有勾选"
        blocks.append(
            Notice(
                level="info",
                title=title,
                paragraphs=(
                    "这只说明对方没有提出上面这些要求，并不能证明对方真的来自平台。",
                    "协商之前，请自己从官方 App 或借款合同上找到客服电话，打过去核实。还款只还到官方 App 或对公账户。",
                    "任何时候都不要说出验证码和密码。以后对方一提这些要求，马上挂断。",
                ),
                links=LINKS,
            )
        )
    if verdict.already:
        blocks.append(ALREADY_CRISIS)
    return tuple(blocks)


def tool(fields: dict) -> View:
    """The scam-check page: each ticked sign with its reason, and the steps to take now."""
    ticked = {sign.key for sign in SIGNS if parse_flag(fields.get(sign.key))}
    verdict = assess(ticked, parse_flag(fields.get(ALREADY_KEY)))
    if verdict.signs:
        announce = f"发现 {len(verdict.signs)} 个诈骗警示信号，请先停下来核实。"
    elif verdict.already:
        announce = "请马上拨打 110 报警，并联系你的银行。"
    else:
        announce = "没有发现这些警示信号，但仍请通过官方渠道核实。"
    return View(
        blocks_for(verdict),
        announce=announce,
        data={"signs": [s.key for s in verdict.signs], "already": verdict.already},
    )
