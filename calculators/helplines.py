"""Help lines shown beside results that may bring despair: one place for the numbers and their hedges.

Grades follow the project's fact sheet: 12356 (mental-health help line) and 12348 (public legal
service line) are reported by official media but their texts were not read, so they carry a
hedge; 110 and 120 are the emergency numbers.
"""

from __future__ import annotations

from .view import Link, Notice

MENTAL_HEALTH = "12356"
POLICE = "110"
AMBULANCE = "120"
LEGAL_SERVICE = "12348"


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
    return Notice("info", "你不是一个人在扛", paragraphs, links)
