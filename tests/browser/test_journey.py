"""The reference journey of issue 18 with the case (我的情况), in Chromium: from the home page, the
seed's budget and three lenders, then a plan, a letter and a pack for each lender, each opened in
one tap from the 我的情况 summary and filled with that lender's figures. The steps are the
benchmark's (scripts/bench/journey.py), which prints the counts; here they are checked against
the issue's goal. A second test opens a lender's documents from the summary by keyboard at 320 px
and runs axe on the summary with its links."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import check_watch, new_watched_context
from playwright.sync_api import expect
from test_accessibility import axe_at_widths

from calculators.core.money import format_amount
from scripts.bench.journey import FACTS, GOAL, LENDERS, Journey, PlaywrightHands

pytestmark = pytest.mark.browser


def test_the_reference_journey_with_the_case_stays_within_the_goal_and_each_document_has_its_lender_s_figures(browser, site, watch, request):
    context = new_watched_context(browser, watch)
    try:
        page = context.new_page()
        page.goto(site.url)
        journey = Journey(PlaywrightHands(page), site.url, with_case=True)
        journey.run()
    finally:
        context.close()
    check_watch(watch, request)
    check_journey(journey)


def check_journey(journey: Journey) -> None:
    """What the reference journey must show in every engine: typed entries within the goal, the
    case filling the rest, home to the first letter in at most 8 screens, and each of the nine
    documents with its own lender's figures and no other lender's name."""
    counts = journey.counts
    assert counts.typed <= GOAL, f"{counts.typed} typed entries, goal {GOAL} ({FACTS} facts + 3): {counts.typed_where}"
    assert counts.needed > counts.typed  # the case filled the rest
    assert counts.to_first_letter is not None and counts.to_first_letter[2] <= 8
    assert len(journey.documents) == 3 * len(LENDERS)
    for tool, name, text in journey.documents:
        own = next(lender for lender in journey.figures if lender["name"] == name)
        assert format_amount(Decimal(own["monthly"])) in text, (tool, name)
        if tool != "plan":
            assert name in text and format_amount(Decimal(own["owed"])) in text, (tool, name)
        for other in journey.figures:
            if other is not own and tool != "plan":
                assert other["name"] not in text, (tool, name, other["name"])  # not another lender's letter


def open_by_keyboard(page, journey, summary, name: str, tool: str):
    """Follows the summary's link `name` with Tab's focus and Enter; returns the ready form of `tool`."""
    link = summary.get_by_role("link", name=name, exact=True)
    link.focus()
    page.keyboard.press("Enter")
    path = f"/tools/{tool.replace('_', '-')}/"
    page.wait_for_url(lambda url: path in url)  # Material's section tracking may change the fragment
    return page.locator(journey.ready(tool))


def test_a_lender_s_documents_open_filled_from_the_summary_by_keyboard_at_320_px(browser, site, watch, request):
    context = new_watched_context(browser, watch, viewport={"width": 320, "height": 720})
    found = {}
    try:
        page = context.new_page()
        page.goto(site.url)
        journey = Journey(PlaywrightHands(page), site.url, with_case=True)
        journey.budget()
        journey.lenders()
        journey.open("case/")
        summary = page.locator(journey.ready("case")).locator("[data-calc-result]")
        second = journey.figures[1]
        expect(summary.get_by_role("link", name=f"{second['name']}：给平台的信", exact=True)).to_be_visible()
        axe_at_widths(page, "case/ (with lenders)", found, widths=(320, 390))
        form = open_by_keyboard(page, journey, summary, f"{second['name']}：给平台的信", "lender_letters")
        expect(form.locator("[name=lender]")).to_have_value(second["name"])
        expect(form.locator("[name=recipient]")).to_have_value(second["name"])
        expect(form.locator("[name=claimed]")).to_have_value(f"{Decimal(second['owed']):.2f}")
        expect(form.locator("[data-case-pick]")).to_have_value("1")
        form.locator("[name=kind][value=breakdown]").check()
        form.locator("[name=name]").fill("王小明")  # the case has no name yet: no letter was made
        expect(form.locator("[data-calc-result]")).to_contain_text(second["name"])
        expect(form.locator("[data-calc-result]")).not_to_contain_text(journey.figures[0]["name"])

        page.go_back()
        summary = page.locator(journey.ready("case")).locator("[data-calc-result]")
        third = journey.figures[2]
        form = open_by_keyboard(page, journey, summary, f"{third['name']}：材料包", "pack")
        expect(form.locator("[name=lender]")).to_have_value(third["name"])
        expect(form.locator("[name=owed]")).to_have_value(f"{Decimal(third['owed']):.2f}")
        expect(form.locator("[name=monthly]")).to_have_value(third["monthly"])  # its share, from the several-lenders tool
        expect(form.locator("[name=income]")).to_have_value("5000.00")
        assert form.locator("[name=months]").input_value() == ""  # no plan stored yet: not another lender's
    finally:
        context.close()
    check_watch(watch, request)
    assert not found, found
