"""One built site, served under a sub-path, and Chromium pages that watch every request.

Fixtures:
- `site`: the site built once per run (`built_site`, tests/conftest.py), served at `site.url`
  (http://127.0.0.1:PORT/xieshang/, like GitHub Pages' /<repo>/), files in `site.dir`.
- `browser`: Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), kept off the network.
- `wait_ready(page)`: waits until Python is ready on the page's calculator form.
- `follow_menu_link(page, url)`: opens a page from the menu (instant navigation), so Python
  stays warm from one tool page to the next.
- `chromium_profile`: a Chromium window with an on-disk profile, as a reader's browser has.
- `context` / `page`: a fresh profile per test, for what needs a cold start (a first visit,
  loading states, failures, offline). The test fails if the page asked any host but the local
  server, or logged a console error (mark a test `allow_console_errors` to permit it).
- `warm_page`: one window per test module, where Python starts once and each test moves on
  from the menu (`reader.open_tool`), as a reader does. Each test gets the same checks as `page`,
  for its own requests and console; the site's storage is emptied before it. What earlier tests
  computed stays in memory, as in a reader's visit.
- `warm_tool_page`: `warm_page`, and after each test the reader clears what the site keeps
  (清除本机数据: storage, results other tools prefill from, the case), as test_phone's windows do.

The reader's actions themselves (`open_tool`, `follow_menu_link`, `wait_ready`) live in reader.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import reader

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


def new_watched_context(browser, watch, **options):
    """A fresh profile (a 390 px phone, zh-CN, downloads on) whose requests and console go to `watch`."""
    context = browser.new_context(
        **{"viewport": {"width": 390, "height": 844}, "locale": "zh-CN", "accept_downloads": True, **options}
    )
    context.on("request", watch.on_request)
    context.on("console", watch.on_console)
    context.on("weberror", lambda error: watch.console_errors.append(f"page error: {error.error}"))
    context.set_default_timeout(30_000)
    return context


def check_watch(watch, request):
    """Fails the test if its page asked another host, or logged an error it did not expect."""
    assert not watch.foreign, f"requests left the local server: {watch.foreign}"
    if not request.node.get_closest_marker("allow_console_errors"):
        assert not watch.console_errors, f"console errors: {watch.console_errors}"


@pytest.fixture
def context(browser, watch, request):
    context = new_watched_context(browser, watch)
    yield context
    context.close()
    check_watch(watch, request)


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="module")
def module_window(browser, site, request):
    """One window for a test module: (page, watch). Python starts on its first tool page only.
    A module may set `WINDOW` to more context options (e.g. `{"service_workers": "block"}`)."""
    watch = Watch(origin=site.origin)
    context = new_watched_context(browser, watch, **getattr(request.module, "WINDOW", {}))
    yield context.new_page(), watch
    context.close()


@pytest.fixture
def warm_page(module_window, request):
    """The module's window, with the site's storage emptied, checked like `page` after the test;
    a test that resizes it gets it back at its size."""
    page, watch = module_window
    size = page.viewport_size
    if page.url.startswith("http"):
        page.evaluate("for (const area of [localStorage, sessionStorage]) for (const k of Object.keys(area)) if (k.startsWith('xsh:')) area.removeItem(k)")
    watch.foreign.clear()
    watch.console_errors.clear()
    yield page
    page.unroute_all(behavior="ignoreErrors")
    page.emulate_media(media="null")  # no emulation, as in a new window ("screen" would also make page.pdf print the screen)
    if page.viewport_size != size:
        page.set_viewport_size(size)
    check_watch(watch, request)


@pytest.fixture
def warm_tool_page(warm_page):
    """`warm_page` for tests that open tools from the menu; after each test the reader starts again
    (reader.clear_after_test: storage, the results other tools prefill from, the case, the form), so
    no test depends on what another left in the window's memory."""
    yield warm_page
    reader.clear_after_test(warm_page)


@pytest.fixture
def wait_ready():
    """A function that waits until Python is ready on a page's calculator form (reader.wait_ready)."""
    return reader.wait_ready


@pytest.fixture
def follow_menu_link():
    """A function that opens `url` from the menu, as a reader would (reader.follow_menu_link):
    Material's instant navigation keeps the document, so Python stays warm from one tool page to
    the next."""
    return reader.follow_menu_link
