"""The 404 page works under any sub-path and at any depth (scripts/hooks/not_found.py).

The site built for the test's sub-path (SUB_PATH, /xieshang/) is served, as GitHub Pages and
nginx's error_page do, with 404.html for every missing address: under SUB_PATH, at a domain
root, and under a sub-path it was not built for. On each, a missing page at several depths shows
the page styled, with working links to the site's own pages.
"""

import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from scripts.devserver import QuietServer
from tests.conftest import SUB_PATH, SubPathHandler

pytestmark = pytest.mark.browser

PREFIXES = [SUB_PATH, "/", "/mirror/legal-aid/"]
MISSING = ["no-such-page", "guide/no-such-page/", "tools/no/such/page/"]


class NotFoundHandler(SubPathHandler):
    """Serves `root` under `prefix`, and 404.html (status 404) for anything missing."""

    prefix = "/"

    def translate_path(self, path):
        parts = urlsplit(path)
        if not parts.path.startswith(self.prefix):
            return "/nonexistent-outside-prefix"
        return http.server.SimpleHTTPRequestHandler.translate_path(self, "/" + parts.path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.root) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(params=PREFIXES, ids=["built-sub-path", "domain-root", "other-sub-path"])
def mirror(request, site):
    handler = type("Mirror", (NotFoundHandler,), {"root": site.dir, "prefix": request.param})
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{request.param}"
    server.shutdown()


def test_the_404_page_has_no_link_from_the_server_root(site):
    html = (site.dir / "404.html").read_text(encoding="utf-8")
    assert not re.findall(r"""(?:href|src)=["']/""", html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "base-uri 'self'" in policy and "'unsafe-inline'" not in policy


@pytest.mark.parametrize("missing", MISSING)
def test_a_missing_page_shows_the_404_page_with_working_links(browser, mirror, missing):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    failed, errors = [], []
    context.on("response", lambda response: response.status >= 400 and response.url != mirror + missing and failed.append(response.url))
    context.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page = context.new_page()
    try:
        response = page.goto(mirror + missing)
        assert response.status == 404
        expect(page.locator("article h1")).to_have_text("找不到这一页")
        # Material's stylesheet applies (the header is laid out as a bar, not as plain text)
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
        links = page.evaluate("[...document.querySelectorAll('a.md-nav__link[href], article a[href]')].map((a) => a.href)")
        assert len(links) > 20
        assert all(link.startswith(mirror) for link in links), [link for link in links if not link.startswith(mirror)][:3]
        for link in sorted(set(links))[:: max(1, len(set(links)) // 6)]:
            assert context.request.get(link).status == 200, link
        page.locator("article a", has_text="求助电话和免费帮助").click()
        expect(page.locator("article h1")).to_contain_text("求助电话和免费帮助")
        assert page.url == mirror + "help/"
        assert not failed, failed
        assert not [error for error in errors if "404" not in error], errors
    finally:
        context.close()
