"""One built site, served under a sub-path, and Chromium pages that watch every request.

Fixtures:
- `site`: the site built once per run (`built_site`, tests/conftest.py), served at `site.url`
  (http://127.0.0.1:PORT/xieshang/, like GitHub Pages' /<repo>/), files in `site.dir`.
- `browser`: Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), kept off the network.
- `wait_ready(page)`: waits until Python is ready on the page's calculator form.
- `follow_menu_link(page, url)`: opens a page from the menu (instant navigation), so Python
  stays warm from one tool page to the next.
- `chromium_profile`: a Chromium window with an on-disk profile, as a reader's browser has.
- `context` / `page`: a fresh profile per test. The test fails if the page asked any host but
  the local server, or logged a console error (mark a test `allow_console_errors` to permit it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.devserver import CHROMIUM, LAUNCH_ARGS

ROOT = Path(__file__).resolve().parents[2]


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_console_errors: the test expects console errors")


@dataclass
class Site:
    dir: Path
    url: str
    origin: str

    def page_url(self, path: str = "") -> str:
        return self.url + path.lstrip("/")

    def pages(self) -> list[str]:
        """Every page's path from the site root: '', 'guide/plan/', ..."""
        found = []
        for path in self.dir.rglob("index.html"):
            folder = path.parent.relative_to(self.dir).as_posix()
            if not folder.startswith("assets"):
                found.append("" if folder == "." else folder + "/")
        return sorted(found)

    def tool_pages(self) -> list[str]:
        """Pages that declare a calculator form."""
        return [p for p in self.pages() if 'data-calculator="' in (self.dir / p / "index.html").read_text(encoding="utf-8")]


@pytest.fixture(scope="session")
def site(built_site, site_server):
    return Site(dir=built_site, url=site_server.url, origin=site_server.origin)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the README's test command, which installs it.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def chromium_profile(browser, tmp_path):
    """A Chromium window with a normal, on-disk profile (what incognito lacks: install as an app)."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS, viewport={"width": 390, "height": 844}
    )
    yield context
    context.close()


@dataclass
class Watch:
    """Everything a page asked for and complained about."""

    origin: str
    foreign: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)

    def on_request(self, request):
        self.requests.append(request.url)
        scheme = urlsplit(request.url).scheme
        if scheme in ("data", "blob", "about", "chrome-extension"):
            return
        if not request.url.startswith(self.origin + "/"):
            self.foreign.append(request.url)

    def on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def watch(site):
    return Watch(origin=site.origin)


@pytest.fixture
def context(browser, watch, request):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", accept_downloads=True)
    context.on("request", watch.on_request)
    context.on("console", watch.on_console)
    context.on("weberror", lambda error: watch.console_errors.append(f"page error: {error.error}"))
    context.set_default_timeout(30_000)
    yield context
    context.close()
    assert not watch.foreign, f"requests left the local server: {watch.foreign}"
    if not request.node.get_closest_marker("allow_console_errors"):
        assert not watch.console_errors, f"console errors: {watch.console_errors}"


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def wait_ready():
    """A function that waits until Python is ready on a page's calculator form."""

    def wait(page, selector="form[data-calculator]", timeout=90_000):
        page.wait_for_selector(f'{selector}[data-calc-state="ready"]', timeout=timeout)

    return wait


@pytest.fixture
def follow_menu_link():
    """A function that opens `url` from the menu, as a reader would: Material's instant navigation
    keeps the document, so Python stays warm from one tool page to the next."""
    from playwright.sync_api import expect

    def follow(page, url) -> None:
        if page.url == url:
            return
        clicked = page.evaluate(
            """url => { const link = [...document.querySelectorAll("a.md-nav__link[href]")].find((a) => a.href === url);
                        if (!link) return false;
                        document.querySelector("article").setAttribute("data-left", "");
                        link.click();
                        return true; }""",
            url,
        )
        if not clicked:
            page.goto(url)
            return
        page.wait_for_url(url)
        expect(page.locator("article[data-left]")).to_have_count(0)
        expect(page.locator("article h1")).to_be_visible()

    return follow
