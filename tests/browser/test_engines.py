"""Smoke tests in the three engines readers use: Chromium, WebKit (every iPhone browser) and Firefox.

Every tool page computes its realistic case from tool_cases.py, offers its download and refuses a
bad amount next to the field; after one visit, the site and its calculators work with the server
gone. All three engines support service workers and downloads under automation.
"""

import threading

import pytest
from engines import ChromiumEngine, FirefoxEngine, WebKitEngine, Xvfb, check_case, keep_offline_copy, wait_for_texts
from tool_cases import CASES, missing_cases

from scripts.devserver import QuietServer

pytestmark = pytest.mark.browser

ENGINES = ["chromium", "webkit", "firefox"]


@pytest.fixture(scope="session")
def xvfb():
    display = Xvfb()
    yield display
    display.stop()


def opened_engine(request):
    """Yields a fresh window (and profile) of the engine `request.param` names; closing it, fails
    if any request left the local server."""
    if request.param == "chromium":
        engine = ChromiumEngine(request.getfixturevalue("browser"))
    elif request.param == "webkit":
        engine = WebKitEngine(request.getfixturevalue("xvfb").display)
    else:
        engine = FirefoxEngine()
    yield engine
    foreign = engine.foreign_requests()
    engine.close()
    assert not foreign, f"{engine.name}: requests left the local server: {foreign}"


@pytest.fixture(params=ENGINES)
def engine(request, site):
    """A fresh window (and profile) of one engine."""
    yield from opened_engine(request)


class OwnServer:
    """The built site on a server of the test's own, under the same sub-path, that it can switch off."""

    def __init__(self, site_server):
        handler = type("OwnHandler", (site_server.handler,), {})
        self.server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{site_server.url.removeprefix(site_server.origin)}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_every_tool_page_has_a_realistic_case(site):
    pages = site.tool_pages()
    assert missing_cases(pages) == [], "add a case for each new tool page to tests/browser/tool_cases.py"
    assert sorted(set(CASES) - set(pages)) == [], "tests/browser/tool_cases.py has cases for pages that are gone"


@pytest.mark.slow
def test_every_tool_page_computes_its_realistic_case(engine, site):
    pages = site.tool_pages()
    assert len(pages) >= 9
    failures = []
    for path in pages:
        if path not in CASES:
            failures.append(f"{path}: no case in tests/browser/tool_cases.py: add one")
            continue
        try:
            check_case(engine, site.page_url(path), CASES[path])
        except AssertionError as error:
            failures.append(f"{path}: {error}")
    assert not failures, f"{engine.name}:\n" + "\n".join(failures)


@pytest.mark.slow
def test_the_second_visit_works_offline(engine, site, site_server):
    server = OwnServer(site_server)
    try:
        keep_offline_copy(engine, server.url + "tools/budget/")
    finally:
        server.stop()  # from here on nothing answers at that address
    engine.goto(server.url + "guide/materials/")
    wait_for_texts(engine, "article h1", ["准备"])
    check_case(engine, server.url + "tools/plan/", CASES["tools/plan/"], by_menu=False)  # a new document, offline
