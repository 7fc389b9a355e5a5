"""Tools and the case (我的情况) in Chromium at 390 px: a tool offers 存入我的情况 after a result and
从我的情况填入 once there is a case (choosing the lender on a one-lender tool), declared by the
page's data-case attributes; with no case every tool works as before. The start route ticks the
steps the case already shows as done."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from reader import clear_site_data, follow_menu_link, open_tool, wait_ready

from scripts.bench.journey import CALL_MS

pytestmark = pytest.mark.browser


def result(form):
    return form.locator("[data-calc-result]")


def store(form):
    """Taps 存入我的情况 and checks its answer. The store is a call to Python; the first of a visit
    also imports the case's modules, which on a busy machine took more than Playwright's default
    5 s once: it waits as long as the journey does (CALL_MS), then says what the line said."""
    said = form.locator(".calc-case-save [role=status]")
    form.locator("[data-case-save]").click()
    expect(said).not_to_have_text("", timeout=CALL_MS)
    expect(said).to_contain_text("已存入")


def test_the_seed_s_lenders_go_from_tool_to_tool_through_the_case(warm_page, site):
    page = warm_page
    form = open_tool(page, site, "budget")
    clear_site_data(page)
    expect(form.locator("[data-case-link]")).to_be_hidden()  # no case: nothing to fill from
    form.locator("[name=income]").fill("5000")
    form.locator("[name=expenses]").fill("2000")
    expect(result(form)).to_contain_text("3,000.00 元")
    store(form)

    form = open_tool(page, site, "lenders")
    expect(form.locator("[name=capacity]")).to_have_value("2700.00")  # the budget's offer, as before
    for index, (name, amount) in enumerate([("借呗", "10000"), ("微粒贷", "20000"), ("某某消费金融", "30000")]):
        if index >= form.locator("[data-repeat] .calc-row").count():
            form.locator("[data-add-row]").click()
        row = form.locator("[data-repeat] .calc-row").nth(index)
        row.locator("[name=name]").fill(name)
        row.locator("[name=amount]").fill(amount)
    expect(result(form)).to_contain_text("某某消费金融")
    store(form)

    follow_menu_link(page, site.page_url("case/"))
    wait_ready(page, 'form[data-calculator="case"]')
    summary = page.locator('form[data-calculator="case"] [data-calc-result]')
    expect(summary).to_contain_text("微粒贷")
    expect(summary).to_contain_text("2,700.00 元")  # the three shares, the reader's monthly offer
    expect(summary).to_contain_text("5,000.00 元")

    form = open_tool(page, site, "plan")
    form.locator("[data-case-pick]").select_option(label="微粒贷")
    form.locator("[data-case-fill]").click()
    expect(form.locator("[name=total]")).to_have_value("20000.00")
    share = form.locator("[name=monthly]").input_value()
    assert share and share != "2700.00"  # this lender's share, not the whole budget
    start = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    form.locator("[name=start]").fill(start)
    expect(result(form)).to_contain_text(start)  # the result for every entry, not one before the last
    store(form)

    form = open_tool(page, site, "letter")
    form.locator("[data-case-pick]").select_option(label="某某消费金融")
    form.locator("[data-case-fill]").click()
    expect(form.locator("[name=lender]")).to_have_value("某某消费金融")
    expect(form.locator("[name=owed]")).to_have_value("30000.00")
    expect(form.locator("[data-case-pick]")).to_have_value("2")
    form.locator("[name=name]").fill("王小明")
    form.locator("[name=months]").fill("23")
    form.locator("[name=reasons][value=illness]").check()
    expect(result(form)).to_contain_text("某某消费金融")
    store(form)  # the letter keeps the reader's name and this lender's plan

    form = open_tool(page, site, "pack")
    form.locator("[data-case-pick]").select_option(label="某某消费金融")
    form.locator("[data-case-fill]").click()
    expect(form.locator("[name=name]")).to_have_value("王小明")
    expect(form.locator("[name=months]")).to_have_value("23")
    expect(form.locator("[name=reasons][value=illness]")).to_be_checked()
    expect(result(form)).to_contain_text("某某消费金融")

    form = open_tool(page, site, "rate")
    form.locator("[data-case-pick]").select_option(label="借呗")
    for name, value in (("principal", "10000"), ("deducted", "1000"), ("installment", "1000"), ("count", "12"), ("contract_date", "2025-06-10")):
        form.locator(f"[name={name}]").fill(value)
    form.locator("[name=lender][value=private]").check()
    expect(result(form)).to_contain_text("%")
    store(form)  # the rate checker's result, kept with 借呗

    form = open_tool(page, site, "court-deadlines")
    form.locator("[name=kinds][value=payment_order]").check()
    form.locator("[name=received]").fill((dt.date.today() - dt.timedelta(days=3)).isoformat())
    expect(result(form)).to_contain_text("支付令")
    store(form)

    follow_menu_link(page, site.page_url("case/"))
    wait_ready(page, 'form[data-calculator="case"]')
    expect(summary).to_contain_text("支付令")
    expect(summary).to_contain_text("还有 12 天")
    expect(summary.locator("table", has_text="实际年化利率")).to_contain_text("借呗")  # the rate, with its lender

    form = open_tool(page, site, "start/")  # the route ticks what the case already shows
    form.locator("[name=lenders][value=several]").check()
    form.locator("[name=budget][value=known]").check()
    expect(result(form)).to_contain_text("第 1 步（已做）：先别急着打电话")
    expect(result(form)).to_contain_text("3 家都已经有了每月的计划")
    clear_site_data(page)
    form.locator("[name=offer][value=no]").check()
    expect(result(form)).not_to_contain_text("已做")  # cleared: nothing shows as done


def test_the_contact_log_goes_into_the_case_and_fills_the_log_again(warm_page, site):
    page = warm_page
    form = open_tool(page, site, "log")
    clear_site_data(page)
    row = form.locator("[data-repeat] .calc-row").first
    row.locator("[name=date]").fill("2026-11-02")
    row.locator("[name=channel]").select_option("app")
    row.locator("[name=said]").fill("答应三天内回复")
    expect(result(form)).to_contain_text("答应三天内回复")
    store(form)

    follow_menu_link(page, site.page_url("case/"))
    wait_ready(page, 'form[data-calculator="case"]')
    expect(page.locator('form[data-calculator="case"] [data-calc-result]')).to_contain_text("答应三天内回复")

    form = open_tool(page, site, "log")  # drawn afresh: nothing kept without 在本机保存
    row = form.locator("[data-repeat] .calc-row").first
    expect(row.locator("[name=said]")).to_have_value("")
    form.locator("[data-case-fill]").click()
    expect(row.locator("[name=said]")).to_have_value("答应三天内回复")
    expect(row.locator("[name=channel]")).to_have_value("app")
    expect(result(form)).to_contain_text("答应三天内回复")


def test_stored_papers_fill_the_deadline_tool_again_and_its_deadlines_are_computed(warm_page, site):
    page = warm_page
    form = open_tool(page, site, "court-deadlines")
    clear_site_data(page)
    expect(form.locator("[data-case-link]")).to_be_hidden()  # no case: the page works as before
    today = dt.date.today()
    older, newer = (today - dt.timedelta(days=20)).isoformat(), (today - dt.timedelta(days=3)).isoformat()
    form.locator("[name=kinds][value=judgment]").check()
    form.locator("[name=received]").fill(older)
    expect(result(form)).to_contain_text("判决书")
    store(form)  # a judgment, twenty days ago
    form.locator("[name=kinds][value=judgment]").uncheck()
    form.locator("[name=kinds][value=payment_order]").check()
    form.locator("[name=kinds][value=complaint]").check()
    form.locator("[name=received]").fill(newer)
    expect(result(form)).to_contain_text("支付令")
    store(form)  # a payment order and a complaint, three days ago

    form = open_tool(page, site, "court-deadlines")  # drawn afresh: nothing kept without 在本机保存
    expect(form.locator("[name=received]")).to_have_value("")
    expect(form.locator("[name=kinds][value=payment_order]")).not_to_be_checked()
    form.locator("[name=small_claims]").check()  # the case's papers do not hold this: left as it is
    form.locator("[data-case-fill]").click()
    expect(form.locator("[name=received]")).to_have_value(newer)  # the newest day's papers
    expect(form.locator("[name=kinds][value=payment_order]")).to_be_checked()
    expect(form.locator("[name=kinds][value=complaint]")).to_be_checked()
    expect(form.locator("[name=kinds][value=judgment]")).not_to_be_checked()  # another day's paper
    expect(form.locator("[name=small_claims]")).to_be_checked()
    expect(form.locator("[data-case-link] [role=status]")).to_contain_text(f"最近一次（{newer}）")
    last_day = (today + dt.timedelta(days=12)).isoformat()  # received three days ago, plus 15 days
    expect(result(form)).to_contain_text("支付令")
    expect(result(form)).to_contain_text(last_day)
