"""Help lines shown beside results that may bring despair: one place for the numbers and their hedges.

The numbers of the lines with a source, and the one wording of what 12378 takes, come from the
citation registry (data/citations.yml, through calculators.cite), the same entries the pages
cite; includes/helplines.md is checked against them (tests/test_citations.py).
Grades follow the project's fact sheet: 12356 (mental-health help line) and 12348 (public legal
service line) are reported by official media but their texts were not read, so they carry a
hedge; 110 and 120 are the emergency numbers. 12368 (the courts' litigation-service line) is
grade B too: `COURT_SERVICE_TEXT` carries its hedge wherever it is shown.
"""

from __future__ import annotations

from .cite import cite, line
from .view import Link, Notice

MENTAL_HEALTH = line("helpline-12356")["number"]
POLICE = "110"
AMBULANCE = "120"
LEGAL_SERVICE = line("helpline-12348")["number"]
COURT_SERVICE = line("helpline-12368")["number"]  # people's courts' litigation-service line: grade B (one court's own page)


COURT_SERVICE_TEXT = (
    f"据法院官网介绍，{COURT_SERVICE} 是人民法院的诉讼服务热线，可以查询案件、联系法官、咨询诉讼问题"
    "（以当地法院公布为准）。"
)


COMPLAINT_LINE = line("helpline-12378")["number"]  # the financial regulator's consumer complaint line: grade B
# The one wording of what 12378 takes (fact 10.5): the institutions the regulator supervises, not any lender.
COMPLAINT_LINE_SCOPE = line("helpline-12378")["scope"]
COMPLAINT_LINE_TEXT = (
    f"据多方来源，{COMPLAINT_LINE} 银行保险消费者投诉维权热线可以{COMPLAINT_LINE_SCOPE}"
    "（服务时间和受理范围以官方公布为准）。"
)


def call_link(number: str, text: str) -> Link:
    """A link that starts a phone call to `number` on a phone."""
    return Link(text, f"tel:{number}")


def crisis_notice(lead: str = "") -> Notice:
    """A calm notice with the mental-health, emergency and legal help lines; `lead` opens it."""
    paragraphs = (lead,) if lead else ()
    paragraphs += (
        "还不上钱，不代表你这个人失败了。很多人走过这一步，后来也慢慢走了出来。先照顾好自己。",
        f"心里扛不住的时候，可以打 {MENTAL_HEALTH} 心理援助热线。"
        "据报道各地都已开通这条热线，来电可以不报姓名；但不一定全天有人接听，以当地实际情况为准。",
        f"有人威胁要伤害你，或者你有伤害自己的念头，请马上打 {POLICE}；需要急救，打 {AMBULANCE}。",
        f"想问法律上的事，可以打 {LEGAL_SERVICE} 公共法律服务热线，免费咨询，也能问怎样申请法律援助"
        "（各地安排以当地公布为准）。",
    )
    links = (
        call_link(MENTAL_HEALTH, f"拨打 {MENTAL_HEALTH} 心理援助热线"),
        call_link(POLICE, f"拨打 {POLICE} 报警"),
        call_link(AMBULANCE, f"拨打 {AMBULANCE} 急救"),
        call_link(LEGAL_SERVICE, f"拨打 {LEGAL_SERVICE} 法律咨询"),
    )
    return Notice(level="info", title="你不是一个人在扛", paragraphs=paragraphs, links=links)


def legal_help_notice(lead: str = "") -> Notice:
    """Where free legal help is: legal aid, 12348, the court's litigation-service centre and 12368."""
    paragraphs = (lead,) if lead else ()
    paragraphs += (
        "法律咨询人人可以问：当地的法律援助机构（法律援助中心）应当通过服务窗口、电话、网络等方式提供法律咨询"
        f"（《法律援助法》{cite('legal-aid-23')}）。带上你收到的全部材料去问。"
        "代写文书、代理诉讼等其他服务，要不要审查经济困难，以当地法律援助机构的规定为准。",
        f"{LEGAL_SERVICE} 公共法律服务热线可以免费咨询，也能问怎样申请法律援助（各地安排以当地公布为准）。",
        "发文书的法院一般设有诉讼服务中心，可以当面或打电话问：文书是不是真的、期限怎么算、材料交到哪里。"
        + COURT_SERVICE_TEXT,
        "问这些不需要花钱请“代理”替你办。",
    )
    links = (
        call_link(LEGAL_SERVICE, f"拨打 {LEGAL_SERVICE} 法律咨询"),
        call_link(COURT_SERVICE, f"拨打 {COURT_SERVICE} 诉讼服务热线"),
    )
    return Notice(level="info", title="免费的法律帮助", paragraphs=paragraphs, links=links)
