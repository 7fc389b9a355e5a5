"""scam: every combination of answers gives specific reasons and steps, and never calls a caller safe."""

import itertools
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.core.helplines import crisis_notice
from calculators.core.render import to_html
from calculators.tools.scam_check import ALREADY_KEY, SIGNS, assess, tool
from calculators.core.view import BulletList, Notice
from strategies import field_value

KEYS = [sign.key for sign in SIGNS] + [ALREADY_KEY]
CRISIS_TITLE = crisis_notice().title


class Text(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.parts, self.tags = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)

    def __str__(self):
        return "".join(self.parts)


def test_every_combination_of_answers():
    count = 0
    for answers in itertools.product([False, True], repeat=len(KEYS)):
        fields = dict(zip(KEYS, answers))
        view = tool(fields)
        text = str(Text(to_html(view)))
        ticked = [sign for sign, on in zip(SIGNS, answers) if on]
        already = answers[-1]
        assert "安全" not in text and "安全" not in view.announce
        assert view.data == {"signs": [s.key for s in ticked], "already": already}
        notices = [b for b in view.blocks if isinstance(b, Notice)]
        crisis = [n for n in notices if n.title == CRISIS_TITLE]
        assert bool(crisis) == already  # money already gone: the help lines, as tel: links
        if already:
            assert {link.path for link in crisis[0].links} >= {"tel:12356", "tel:110", "tel:120"}
        notices = [n for n in notices if n not in crisis]
        if ticked:
            assert notices[-1].level == "danger" and f"发现 {len(ticked)} 个诈骗警示信号" in notices[-1].title
            reasons = next(b for b in view.blocks if isinstance(b, BulletList) and b.title == "为什么这些是警示信号")
            assert reasons.items == tuple(f"{s.question}：{s.reason}" for s in ticked)
            assert "96110" in text and "110" in text and "挂断" in text and "官方" in text
        else:
            (info,) = [n for n in notices if n.level == "info"]
            assert info.title == ("上面这些警示信号都没有勾选" if already else "按你勾选的情况，没有发现这些警示信号")
            assert len(notices) == (2 if already else 1)
            assert "核实" in text and "验证码" in text
        if already:
            assert notices[0].level == "danger" and "110" in "".join(notices[0].paragraphs)
        else:
            assert not any("报警，说清楚" in p for n in notices for p in n.paragraphs)
        count += 1
    assert count == 2 ** len(KEYS)


def test_nothing_ticked_says_only_that_no_sign_was_found():
    view = tool({})
    (notice,) = view.blocks
    assert notice.level == "info" and "没有发现这些警示信号" in notice.title
    assert any("并不能证明" in p for p in notice.paragraphs)


def test_each_sign_named_in_the_issue_is_asked():
    questions = " ".join(sign.question for sign in SIGNS)
    for words in ["保证金", "解冻费", "个人的账户", "屏幕共享", "验证码", "内部渠道", "注销", "停息挂账", "征信修复"]:
        assert words in questions


def test_checkbox_values_from_the_browser_are_understood():
    assert tool({"code": True, "deposit": "on", "paid_fix": "false", "other_app": False}).data["signs"] == ["deposit", "code"]
    assert assess({"code", "nonsense"}).signs == (SIGNS[4],)


def test_bridge_round_trip():
    response = bridge.call("scam_check", {"screen_share": True})
    assert response["ok"] and "共享屏幕" in response["html"] and "96110" in response["html"]


@given(st.dictionaries(st.sampled_from(KEYS + ["x"]), field_value))
def test_any_fields_give_a_view_that_never_says_safe(fields):
    view = tool(fields)
    parsed = Text(to_html(view))
    assert "安全" not in str(parsed)
    assert set(parsed.tags) <= {"div", "p", "ul", "ol", "li", "a", "section", "h3"}


def test_already_paid_shows_the_crisis_lines_and_a_call_to_110():
    view = tool({"already": True})
    html = to_html(view)
    for number in ("12356", "110", "120", "12348"):
        assert f'href="tel:{number}"' in html
    assert "据报道" in html  # 12356 is grade B: hedged
    assert view.blocks[0].links[0].path == "tel:110"


def test_without_money_gone_there_is_no_crisis_notice():
    assert CRISIS_TITLE not in {b.title for b in tool({"deposit": True}).blocks if isinstance(b, Notice)}
