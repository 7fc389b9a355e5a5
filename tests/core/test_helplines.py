"""helplines: the crisis notice carries every line, each as a phone link, with the hedge for 12356."""

from calculators.core import helplines
from calculators.core.render import to_html
from calculators.core.view import Link, Notice, View



def test_crisis_notice_has_every_line_as_a_call_link():
    notice = helplines.crisis_notice()
    assert isinstance(notice, Notice)
    assert {link.path for link in notice.links} == {"tel:12356", "tel:110", "tel:120", "tel:12348"}
    text = "".join(notice.paragraphs)
    for number in ("12356", "110", "120", "12348"):
        assert number in text


def test_mental_health_line_is_hedged():
    text = "".join(helplines.crisis_notice().paragraphs)
    assert "据报道" in text and "不一定全天有人接听" in text


def test_lead_opens_the_notice():
    assert helplines.crisis_notice("先喘口气。").paragraphs[0] == "先喘口气。"


def test_phone_links_render_as_tel_and_site_links_stay_relative():
    html = to_html(View((Notice(level="info", title="t", paragraphs=(), links=(Link("打电话", "tel:12356"), Link("指南", "guide/plan/"))),)))
    assert 'href="tel:12356"' in html
    assert 'data-site-link="guide/plan/"' in html


def test_a_path_that_only_looks_like_a_phone_stays_a_site_link():
    html = to_html(View((Notice(level="info", title="t", paragraphs=(), links=(Link("x", "tel:123;javascript:alert(1)"),)),)))
    assert 'href="tel:' not in html
    assert 'data-site-link="tel:123;javascript:alert(1)"' in html


def test_legal_aid_promises_consultation_to_everyone_and_nothing_more():
    # fact 10.3: consultation for everyone (第二十三条); other services depend on local eligibility rules.
    text = "".join(helplines.legal_help_notice().paragraphs)
    assert "法律咨询人人可以问" in text and "第二十三条" in text
    assert "以当地法律援助机构的规定为准" in text
    assert "这些都是免费的" not in text and "第二十二条" not in text
