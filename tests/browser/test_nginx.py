"""The release archive, unpacked and served by Debian's nginx with the settings it carries
(deploy/nginx-site.conf), under another sub-path than the one it was built for, with gzip on:
the documented deployment, tested. nginx runs in the foreground from a temporary prefix on a free
port, started and stopped by the test itself."""

import gzip
import http.client
import os
import pwd
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from engines import ChromiumEngine, check_case, enter_case, keep_offline_copy, wait_for_texts, wait_until
from tool_cases import CASES

from scripts import package_site

pytestmark = pytest.mark.browser

NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
MIRROR_PATH = "/mirror/legal-aid/"  # not the fixture's /xieshang/: the archive must not care

WRAPPER = """\
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        # As DEPLOYING.md says: the site's folder under a sub-path, and the archive's settings.
        location {path} {{
            alias {site}/;
            include {settings};
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """nginx serving one unpacked archive, in the foreground, from a temporary prefix."""

    def __init__(self, folder: Path, prefix: Path):
        if not Path(NGINX).exists():
            pytest.fail(f"nginx not found at {NGINX}: run the README's test command, which installs it", pytrace=False)
        (prefix / "tmp").mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        # As root, nginx's workers would run as nobody, who cannot read the test's private folders.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
        config = prefix / "nginx.conf"
        config.write_text(
            WRAPPER.format(prefix=prefix, user=user, port=self.port, path=MIRROR_PATH, site=folder / "site", settings=folder / "nginx-site.conf")
        )
        self.log = prefix / "error.log"
        self.process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(config), "-e", str(self.log)], stderr=subprocess.PIPE, text=True)
        self.url = f"http://127.0.0.1:{self.port}{MIRROR_PATH}"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"nginx stopped: {self.process.stderr.read()} {self.log.read_text() if self.log.exists() else ''}", pytrace=False)
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("nginx did not start listening within 15 s", pytrace=False)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # a fast shutdown
            self.process.wait(timeout=15)


@pytest.fixture(scope="module")
def unpacked(built_site, tmp_path_factory) -> Path:
    """The release archive of the built site, unpacked as a legal-aid group would."""
    work = tmp_path_factory.mktemp("mirror")
    archive = package_site.package(built_site, work / "xieshang-site.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(work / "unpacked")
    return work / "unpacked" / "xieshang-site"


@pytest.fixture
def nginx(unpacked, tmp_path):
    server = Nginx(unpacked, tmp_path / "nginx")
    yield server
    server.stop()


def fetch(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_the_archive_carries_the_documented_settings(unpacked):
    assert (unpacked / "nginx-site.conf").read_bytes() == (package_site.ROOT / "deploy" / "nginx-site.conf").read_bytes()
    assert "nginx-site.conf" in (package_site.ROOT / "DEPLOYING.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "content_type", "compressed"),
    [
        ("tools/budget/", "text/html; charset=utf-8", True),
        ("assets/js/bridge.mjs", "text/javascript; charset=utf-8", True),
        ("sw.js", "text/javascript; charset=utf-8", True),
        ("manifest.webmanifest", "application/manifest+json; charset=utf-8", False),  # under gzip_min_length
        ("assets/icons/icon-192.png", "image/png", False),
    ],
)
def test_nginx_sends_each_file_with_its_type(nginx, unpacked, path, content_type, compressed):
    status, headers, body = fetch(nginx.url + path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert (headers.get("Content-Encoding") == "gzip") is compressed
    assert headers["X-Content-Type-Options"] == "nosniff"
    local = unpacked / "site" / (path + "index.html" if path.endswith("/") else path)
    assert (gzip.decompress(body) if compressed else body) == local.read_bytes()


def test_nginx_compresses_the_python_runtime_and_leaves_zips_alone(nginx, unpacked):
    runtime = next((unpacked / "site" / "assets" / "pyodide").iterdir())
    version = runtime.name
    status, headers, body = fetch(f"{nginx.url}assets/pyodide/{version}/pyodide.asm.wasm")
    assert status == 200 and headers["Content-Type"] == "application/wasm"
    assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == (runtime / "pyodide.asm.wasm").read_bytes()
    assert len(body) < 0.45 * (runtime / "pyodide.asm.wasm").stat().st_size
    status, headers, _ = fetch(f"{nginx.url}assets/pyodide/{version}/pyodide.mjs")
    assert headers["Content-Type"] == "text/javascript; charset=utf-8"
    status, headers, _ = fetch(f"{nginx.url}assets/pyodide/{version}/python_stdlib.zip")
    assert status == 200 and headers["Content-Type"] == "application/zip" and "Content-Encoding" not in headers


def test_nginx_serves_only_under_the_sub_path_and_keeps_redirects_on_it(nginx):
    assert fetch(f"http://127.0.0.1:{nginx.port}/tools/budget/")[0] == 404
    connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=30)
    connection.request("GET", MIRROR_PATH + "tools/budget")
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == MIRROR_PATH + "tools/budget/"  # no host, no port: whatever the reader used
    connection.close()


def test_the_calculators_and_the_offline_second_visit_work_under_nginx(browser, nginx):
    # Every tool runs in every engine in test_engines.py; here, what the server could break.
    engine = ChromiumEngine(browser)
    try:
        check_case(engine, nginx.url + "tools/budget/", CASES["tools/budget/"])
        # A reader follows a link in the menu (the site was built for another address).
        engine.call("() => document.querySelector('.md-nav a[href$=\"tools/lenders/\"]').click()")
        wait_until(engine, "() => location.pathname.endsWith('/mirror/legal-aid/tools/lenders/')", what="the lenders page")
        enter_case(engine, CASES["tools/lenders/"])
        keep_offline_copy(engine, nginx.url + "tools/budget/")
        nginx.stop()  # from here on nothing answers at that address
        engine.goto(nginx.url + "guide/materials/")
        wait_for_texts(engine, "article h1", ["准备"])
        check_case(engine, nginx.url + "tools/plan/", CASES["tools/plan/"])
        assert engine.foreign_requests() == []
    finally:
        engine.close()
