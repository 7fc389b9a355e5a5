"""Shared test settings and the one site build.

HYPOTHESIS_PROFILE=slow runs at least 10,000 examples per property.

The site is built once per run, also with pytest-xdist workers (`scripts/test.sh` runs two):
the controller process serves one folder under the run's base temp on one address for the whole
run (it outlives every worker), and the first worker that needs the site builds it there, for that
address, while holding a file lock; the other worker waits on the lock and finds it built. Without
xdist (`pytest tests/x.py`), the test process serves and builds it itself, as before.
"""

import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, settings

from scripts.devserver import SUB_PATH, QuietServer, SubPathHandler

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


def start_server(root: Path | None) -> tuple[QuietServer, SiteServer]:
    """A local server on a free port serving `root` (or what `handler.root` is set to later); a
    browser hanging up mid-answer prints no traceback."""
    handler = type("SiteHandler", (SubPathHandler,), {"root": root})
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    return server, SiteServer(url=origin + SUB_PATH, origin=origin, handler=handler)


def shared_site_dir(basetemp: Path) -> Path:
    """Where the xdist workers' one site build goes: beside the workers' own temp folders."""
    return basetemp / "site" / "out"


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist controller: start the one server for every worker, and tell each worker its address."""
    config = node.config
    if not hasattr(config, "_site_server"):
        root = shared_site_dir(config._tmp_path_factory.getbasetemp())
        config._site_server = start_server(root)
    node.workerinput["site_origin"] = config._site_server[1].origin


def pytest_unconfigure(config):
    if hasattr(config, "_site_server"):
        config._site_server[0].shutdown()


def pytest_collection_modifyitems(config, items):
    """Under xdist: the files that need no built site run right after the first file that needs
    it. With `--dist loadfile --no-loadscope-reorder` files go out in this order, so while one
    worker builds the site (~30 s), the other runs those unit tests instead of waiting on the lock.
    Within a file, the order is unchanged; without xdist nothing moves."""
    if not hasattr(config, "workerinput"):
        return
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    needs_site = [name for name, its in files.items() if any("built_site" in item.fixturenames for item in its)]
    if not needs_site:
        return
    free = [name for name in files if name not in needs_site]
    order = needs_site[:1] + free + needs_site[1:]
    items[:] = [item for name in order for item in files[name]]


@pytest.fixture(scope="session")
def site_server(request, tmp_path_factory):
    """A local server, started before the build so the site can be built for its address.

    Under xdist it is the controller's (see the module docstring): `handler` is then a handler class
    of this worker's own, for tests that start a server of their own on the built site."""
    origin = getattr(request.config, "workerinput", {}).get("site_origin")
    if origin:
        root = shared_site_dir(tmp_path_factory.getbasetemp().parent)
        handler = type("SiteHandler", (SubPathHandler,), {"root": root})
        yield SiteServer(url=origin + SUB_PATH, origin=origin, handler=handler)
        return
    server, site_server = start_server(None)
    yield site_server
    server.shutdown()


def build_site(target: Path, url: str) -> None:
    """`mkdocs build --strict` into `target` for the address `url`; fails the test if it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory, site_server) -> Path:
    """The site built once per run with `mkdocs build --strict` for the local server's address."""
    if "site_origin" in getattr(request.config, "workerinput", {}):
        target = site_server.handler.root
        done = target.parent / "built"
        target.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(target.parent.parent / "site.lock"):
            if not done.exists():
                build_site(target, site_server.url)
                done.write_text(site_server.url, encoding="utf-8")
        return target
    target = tmp_path_factory.mktemp("site") / "out"
    build_site(target, site_server.url)
    site_server.handler.root = target
    return target
