"""The WebKit and Firefox drivers the browser tests use (tests/browser/engines.py), for the
start-up stages benchmark: one driver for both, imported here in one named place.

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
