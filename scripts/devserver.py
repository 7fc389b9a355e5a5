"""The local stand-in for GitHub Pages, and the Chromium that visits it: shared by the tests and the benchmark.

- `SubPathHandler` serves a folder only under SUB_PATH (like GitHub Pages' /<repo>/), with the
  MIME types browsers insist on. tests/conftest.py serves the built site with it.
- `serve(site)` starts a server with that handler that also behaves like GitHub Pages on the wire
  (text and wasm gzipped, `Cache-Control: max-age=600`) and counts every response it sends in a
  `Traffic`, so "crossed the network" can mean "the server sent it".
- CHROMIUM and LAUNCH_ARGS: Debian's Chromium and the flags that keep it off every host but the
  local server. SLOW_LINK and SLOW_CPU: the slow phone on a slow link, as Chrome DevTools
  Protocol settings (`Network.emulateNetworkConditions`, `Emulation.setCPUThrottlingRate`);
  `throttle(page)` puts a Playwright Chromium page on them.

Standard library only: the tests import it without the benchmark and the benchmark without pytest.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import mimetypes
import os
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

SUB_PATH = "/xieshang/"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

# About 400 kbit/s with 400 ms latency, on a CPU four times slower than this one.
SLOW_LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
SLOW_CPU = 4


def throttle(page):
    """Puts a Playwright Chromium page on the slow link and the slow CPU (SLOW_LINK, SLOW_CPU) for
    as long as it lives; returns its DevTools session."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
    return cdp

# GitHub Pages gzips text and, on the fly, .wasm too (seen in go-app issue #866, 2023); not zips.
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json", "application/wasm")
CACHE_SECONDS = 600  # GitHub Pages sends Cache-Control: max-age=600


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `root` only under SUB_PATH (like GitHub Pages' /<repo>/), with the MIME types browsers insist on."""

    root = None
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.root), **kwargs)

    def translate_path(self, path):
        parts = urlsplit(path)
        if not parts.path.startswith(SUB_PATH):
            return "/nonexistent-outside-sub-path"
        return super().translate_path(parts.path[len(SUB_PATH) - 1 :])

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that does not print a traceback when a browser hangs up."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class Traffic:
    """What the local server sent: (path, status, body bytes), counted per request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []
        self.last = time.monotonic()

    def add(self, path, status, size):
        with self.lock:
            self.entries.append((path, status, size))
            self.last = time.monotonic()

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)

    def since(self, mark: int) -> list:
        with self.lock:
            return list(self.entries[mark:])

    def wait_quiet(self, seconds: float = 1.5, limit: float = 30.0) -> None:
        """Wait until nothing was served for `seconds` (service worker and worker fetches included)."""
        end = time.monotonic() + limit
        while time.monotonic() < end and time.monotonic() - self.last < seconds:
            time.sleep(0.1)


class _Counting:
    def __init__(self, raw):
        self.raw = raw
        self.size = 0

    def write(self, data):
        self.size += len(data)
        return self.raw.write(data)


def gzip_worthy(content_type: str) -> bool:
    """Whether a host like GitHub Pages would gzip this type (text and wasm, not zip or images)."""
    return content_type.startswith(GZIP_TYPES)


def content_type(handler_class, file: Path) -> str:
    """The Content-Type the handler class sends for a file."""
    return handler_class.extensions_map.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"


class Gzipped:
    """Gzipped copies of the site's text files, made once before measuring."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.files = {}

    def fill(self, site: Path, handler_class) -> None:
        if not self.enabled:
            return
        for file in site.rglob("*"):
            if file.is_file() and gzip_worthy(content_type(handler_class, file)):
                self.files[str(file)] = gzip.compress(file.read_bytes(), 6, mtime=0)


def serve(site: Path, compress: bool = True):
    """Serve `site` under SUB_PATH; returns (server, base url, Traffic, Gzipped).

    The server may start before the site is built, so the build can know its address (Material's
    instant navigation needs site_url). Like GitHub Pages, text is gzipped once `Gzipped.fill`
    ran (unless compress is False) and every response says max-age=600; SubPathHandler does the
    rest (sub-path, MIME types). Stop it with `server.shutdown()`."""
    traffic = Traffic()
    gzipped = Gzipped(compress)

    class CountingHandler(SubPathHandler):
        status = None
        root = site

        def send_response(self, code, message=None):
            self.status = code
            super().send_response(code, message)

        def end_headers(self):
            self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
            super().end_headers()

        def copyfile(self, source, outputfile):
            counting = _Counting(outputfile)
            super().copyfile(source, counting)
            self.counted = counting.size

        def do_GET(self):
            file = self._file()
            if file is None or file not in gzipped.files or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().do_GET()
            stat = os.stat(file)
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                        self.send_response(304)
                        self.end_headers()
                        return
                except (TypeError, ValueError, OverflowError):
                    pass
            body = gzipped.files[file]
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(file))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)
            self.counted = len(body)

        def _file(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                if not urlsplit(self.path).path.endswith("/"):
                    return None  # the parent class redirects
                path = os.path.join(path, "index.html")
            return path if os.path.isfile(path) else None

        def handle_one_request(self):
            self.counted = 0
            self.status = None
            super().handle_one_request()
            if self.status is not None:
                traffic.add(getattr(self, "path", "?"), self.status, self.counted)

    server = QuietServer(("127.0.0.1", 0), CountingHandler)
    server.handler_class = CountingHandler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}", traffic, gzipped
