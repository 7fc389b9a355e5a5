"""Shared test settings and the one site build.

HYPOTHESIS_PROFILE=slow runs at least 10,000 examples per property.
"""

import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from scripts.devserver import SUB_PATH, SubPathHandler

ROOT = Path(__file__).resolve().parents[1]

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile(
    "slow", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@dataclass
class SiteServer:
    url: str
    origin: str
    handler: type


@pytest.fixture(scope="session")
def site_server():
    """A local server, started before the build so the site can be built for its address."""
    handler = type("SiteHandler", (SubPathHandler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    yield SiteServer(url=origin + SUB_PATH, origin=origin, handler=handler)
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_server) -> Path:
    """The site built once per run with `mkdocs build --strict` for the local server's address."""
    target = tmp_path_factory.mktemp("site") / "out"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_server.url},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    site_server.handler.root = target
    return target
