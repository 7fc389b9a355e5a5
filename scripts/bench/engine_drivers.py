"""The WebKit and Firefox drivers the browser tests use (tests/browser/engines.py), for the
benchmarks (start-up stages, case file, the reference journey): imported here in one named place,
with one way to open a window of each engine.

The drivers live with the tests because they check each tool's realistic case
(tests/browser/tool_cases.py). Moving both to a shared package is left for the calculators'
layering work (issue 17); until then this is the one place the benchmark reaches into tests/.
"""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path

DRIVERS = Path(__file__).resolve().parents[2] / "tests" / "browser"


@functools.cache
def engines():
    """The module tests/browser/engines.py (WebKitEngine, FirefoxEngine, Xvfb, ...)."""
    if str(DRIVERS) not in sys.path:
        sys.path.insert(0, str(DRIVERS))
    return importlib.import_module("engines")


def open_engine(name: str, stack: list):
    """A 390 px window of the engine; what must be closed afterwards goes on `stack`."""
    from scripts import devserver

    drivers = engines()
    if name == "chromium":
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        stack.append(playwright.stop)
        browser = playwright.chromium.launch(executable_path=devserver.CHROMIUM, headless=True, args=devserver.LAUNCH_ARGS)
        stack.append(browser.close)
        engine = drivers.ChromiumEngine(browser)
        engine.context.set_default_timeout(150_000)
    elif name == "webkit":
        display = drivers.Xvfb()
        stack.append(display.stop)
        engine = drivers.WebKitEngine(display.display)
    else:
        engine = drivers.FirefoxEngine()
    stack.append(engine.close)
    return engine


def run_in_engine(name: str, found: dict, open_engine, measure) -> None:
    """Calls `measure(open_engine(name, stack))`, then closes what went on `stack`, newest first.
    An engine that cannot run is reported (printed, and `found["error"]`), never fatal."""
    stack: list = []
    try:
        measure(open_engine(name, stack))
    except Exception as error:  # noqa: BLE001
        print(f"    {name}: stopped: {error}", flush=True)
        found["error"] = str(error)
    finally:
        for close in reversed(stack):
            try:
                close()
            except Exception:  # noqa: BLE001
                pass
