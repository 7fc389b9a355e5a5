"""After one visit to a calculator page, the site and its calculators work with the network off."""

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CACHED_RUNTIME = "caches.open('xsh-runtime').then(c => c.keys()).then(k => k.length)"


def service_worker_settings(site) -> dict:
    text = (site.dir / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"^const SETTINGS = (.*);$", text, re.M).group(1))


def test_the_service_worker_keeps_every_page_but_not_the_runtime(site):
    settings = service_worker_settings(site)
    assert re.fullmatch(r"[0-9a-f]{12}", settings["version"])
    precache = set(settings["precache"])
    assert {f"{page}index.html" for page in site.pages()} <= precache
    assert not [name for name in precache if name.startswith(("assets/pyodide/", "assets/calculators/"))]
    runtime = settings["runtime"]
    assert {name.rsplit("/", 1)[-1] for name in runtime} >= {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"}
    assert [name for name in runtime if re.search(r"/python_stdlib-[0-9a-f]{12}\.zip$", name)]  # versioned by content
    assert [name for name in runtime if name.startswith("assets/calculators/") and name.endswith(".whl")]
    folder = next(name for name in runtime if name.endswith("/pyodide.mjs")).rsplit("/", 1)[0]
    stdlib = next(name for name in runtime if "/python_stdlib-" in name)
    assert settings["optional"] == [f"{folder}/python_stdlib.zip", stdlib.removesuffix(".zip") + ".compiled.zip"]
    assert all((site.dir / name).is_file() for name in runtime + settings["optional"][:1])
    assert not (site.dir / settings["optional"][1]).exists()  # compiled on the reader's device only


@pytest.mark.allow_console_errors  # offline, the browser logs its failed update check of sw.js
def test_pages_and_calculators_work_offline_after_one_visit(context, site, wait_ready):
    page = context.new_page()
    page.goto(site.page_url("tools/budget/"))
    wait_ready(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    runtime_files = len(service_worker_settings(site)["runtime"])
    for _ in range(60):  # the worker copies each file into the cache as it arrives
        if page.evaluate(CACHED_RUNTIME) >= runtime_files:
            break
        page.wait_for_timeout(500)
    assert page.evaluate(CACHED_RUNTIME) == runtime_files
    expect(page.locator(".calc-offline")).to_contain_text("可离线使用")

    context.set_offline(True)
    offline = context.new_page()
    offline.goto(site.page_url("guide/materials/"))
    expect(offline.locator("article h1")).to_be_visible()
    offline.goto(site.page_url("tools/plan/"))
    wait_ready(offline)
    offline.fill('input[name="total"]', "30000")
    offline.fill('input[name="monthly"]', "3000")
    offline.fill('input[name="start"]', "2026-01-31")
    expect(offline.locator("[data-calc-result] table tbody tr")).to_have_count(10)
    offline.goto(site.page_url("tools/budget/"))
    offline.fill('input[name="income"]', "5000")
    offline.fill('input[name="expenses"]', "2000")
    expect(offline.locator("[data-calc-result]")).to_contain_text("3,000.00 元", timeout=90_000)
