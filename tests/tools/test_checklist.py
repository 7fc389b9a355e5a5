"""checklist: a tailored, tickable list of materials for every combination of choices."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from calculators import bridge
from calculators.tools.checklist import (
    HARDSHIP,
    LOAN_ITEMS,
    LOANS,
    REASONS,
    SITUATION_ITEMS,
    SITUATIONS,
    evidence_names,
    materials,
    tool,
)
from calculators.core.render import to_html
from calculators.core.view import Checklist, Notice
from strategies import field_value, json_values
from html_parts import Parsed

ALLOWED_TAGS = {"section", "h3", "div", "p", "ul", "li", "a", "label", "input", "span"}


def subsets(keys):
    return [combo for r in range(len(keys) + 1) for combo in itertools.combinations(keys, r)]


def test_every_combination_gives_the_right_groups_and_items():
    seen = 0
    for reasons, loans, situations in itertools.product(subsets(REASONS), subsets(LOANS), subsets(SITUATIONS)):
        view = tool({"reasons": list(reasons), "loans": list(loans), "situation": list(situations)})
        lists = [b for b in view.blocks if isinstance(b, Checklist)]
        assert len(lists) == (6 if situations else 5)
        keys = [item.key for block in lists for item in block.items]
        assert len(keys) == len(set(keys)) == view.data["count"]
        assert all(block.group == "materials" for block in lists)
        assert all(item.detail.startswith("去哪里拿：") for block in lists for item in block.items)
        hardship = {item.key for item in lists[1].items}
        expected = {m.key for r in reasons for m in HARDSHIP[r]} or {"hardship_any"}
        assert hardship == expected
        assert {m.key for m in LOAN_ITEMS.values()} & set(keys) == {LOAN_ITEMS[k].key for k in loans}
        assert {m.key for items in SITUATION_ITEMS.values() for m in items} & set(keys) == {
            m.key for s in situations for m in SITUATION_ITEMS[s]
        }
        court = [b for b in view.blocks if isinstance(b, Notice) and "法院" in b.title]
        assert bool(court) == ("sued" in situations)
        assert view.data == {"reasons": list(reasons), "loans": list(loans), "situation": list(situations), "count": len(keys)}
        seen += 1
    assert seen == 2 ** (len(REASONS) + len(LOANS) + len(SITUATIONS))


def test_illness_lists_the_three_medical_proofs_with_where_to_get_them():
    groups = materials(reasons=("illness",))
    texts = [item.text for item in groups[1].items]
    assert texts == ["医院的诊断证明", "住院记录或出院小结", "医疗费用单据"]
    assert "医院" in groups[1].items[0].source


def test_the_five_groups_always_come_in_order():
    titles = [g.title for g in materials()]
    assert titles == ["一、身份和借款合同", "二、困难原因的证明", "三、收入证明和银行流水", "四、家庭必要开支", "五、还款方案"]


def test_tips_for_covering_numbers_appear_on_identity_and_bank_items():
    details = {item.key: item.detail for group in materials(loans=("card",)) for item in group.items}
    assert "遮住" in details["id_card"]
    assert "后四位" in details["bank_statements"] and "后四位" in details["card_statements"]


def test_ticks_render_with_stable_persist_keys():
    html = to_html(tool({"reasons": "job_loss"}))
    keys = [value for name, value in Parsed(html).attrs if name == "data-persist-key"]
    assert "materials:termination" in keys and "materials:id_card" in keys
    assert html == to_html(tool({"reasons": ["job_loss"]}))


def test_evidence_names_follow_the_reasons_in_a_fixed_order():
    assert evidence_names(("pay_cut", "illness", "nonsense")) == evidence_names(("illness", "pay_cut"))
    assert evidence_names(()) == ()
    assert "医疗费用单据" in evidence_names(("illness",))


def test_unknown_and_hostile_values_are_ignored_not_shown():
    hostile = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "illness"]
    view = tool({"reasons": hostile, "loans": hostile, "situation": hostile, "extra": "<script>"})
    html = to_html(view)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert view.data["reasons"] == ["illness"] and view.data["loans"] == []


def test_bridge_round_trip():
    response = bridge.call("checklist", {"reasons": ["family"], "loans": ["online", "card"], "situation": ["collection"]})
    assert response["ok"] and "与这位家人关系的证明" in response["html"]
    assert response["downloads"] == []


@given(st.dictionaries(st.sampled_from(["reasons", "loans", "situation", "other"]), st.one_of(field_value, json_values, st.lists(st.text(max_size=12)))))
def test_any_fields_give_a_view(fields):
    view = tool(fields)
    parsed = Parsed(to_html(view))
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert not any(name.startswith("on") for name, _ in parsed.attrs)


def test_sued_shows_the_payment_order_facts_the_crisis_lines_and_the_help_page():
    view = tool({"situation": ["sued"]})
    notices = [b for b in view.blocks if isinstance(b, Notice)]
    court = next(n for n in notices if "法院" in n.title)
    text = "".join(court.paragraphs)
    assert "不会因为你在和对方协商就停下来" in text  # the 15 days run on during talks
    assert "第四百三十六条" in text and "还不起的异议" in text  # "I can't pay" does not stop the order
    help_link = next(link for link in court.links if link.text == "免费法律援助与求助渠道")
    assert help_link.path == "help/"  # not the collection-rights page
    crisis = [n for n in notices if any(link.path == "tel:12356" for link in n.links)]
    assert len(crisis) == 1
    assert {link.path for link in crisis[0].links} >= {"tel:12356", "tel:110", "tel:120", "tel:12348"}
    html = to_html(view)
    assert 'href="tel:12356"' in html


def test_no_crisis_notice_without_court_papers():
    view = tool({"situation": ["collection"]})
    assert not any(link.path.startswith("tel:") for b in view.blocks if isinstance(b, Notice) for link in b.links)


def test_credit_report_channels_are_hedged_and_the_free_reports_counted():
    (item,) = [m for g in materials() for m in g.items if m.key == "credit_report"]
    assert "每年可以免费查两次" in item.source and "第十七条" in item.source
    assert "据公开的查询指南" in item.source and "以征信中心公布为准" in item.source


def test_a_complaint_copy_gets_its_defence_period_not_a_date_it_does_not_carry():
    # issue 19 point 12: a 起诉状副本 carries no date; the defence period is 15 days from receipt (第一百二十八条).
    from calculators.tools.checklist import SUED

    text = "".join(SUED.paragraphs)
    assert "收到起诉状副本的，可以在收到之日起十五日内向法院交书面答辩状" in text and "第一百二十八条" in text
    assert "按上面写的日期到庭" not in text
