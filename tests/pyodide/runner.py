"""Run plain test functions of the given modules, stdlib only (no pytest inside Pyodide).

A test is a module-level function named test_*; parametrize cases are expanded; functions
marked by the hypothesis shim, that need fixtures, or that call pytest.skip are skipped and
counted. Prints one line per failure and then 'N passed, M failed, K skipped'. `current` names
the test that is running (for run_tests.mjs's import watch).
"""

import importlib
import inspect
import itertools
import sys
import traceback

import pytest

current = ["(importing test modules)"]


def cases(function):
    """Keyword-argument dicts for each call of `function` (one empty dict if not parametrized)."""
    groups = getattr(function, "_parametrize", [])
    for combination in itertools.product(*groups):
        merged = {}
        for part in combination:
            merged.update(part)
        yield merged


def run(module_names):
    passed, failed, skipped = 0, 0, 0
    for name in module_names:
        current[0] = f"{name} (import)"
        try:
            module = importlib.import_module(name)
        except Exception:
            failed += 1
            print(f"FAILED {name} (import)\n{traceback.format_exc()}")
            continue
        for attr, function in sorted(vars(module).items()):
            if not attr.startswith("test_") or not inspect.isfunction(function):
                continue
            if getattr(function, "_skip_reason", None):
                skipped += 1
                continue
            parameters = set(inspect.signature(function).parameters)
            for index, kwargs in enumerate(cases(function)):
                if parameters - set(kwargs):
                    skipped += 1  # needs a fixture
                    continue
                current[0] = f"{name}::{attr}[{index}]"
                try:
                    function(**kwargs)
                except pytest._Skip:
                    skipped += 1
                    continue
                except Exception:
                    failed += 1
                    print(f"FAILED {name}::{attr}[{index}]\n{traceback.format_exc()}")
                else:
                    passed += 1
    print(f"Python {sys.version.split()[0]} on {sys.platform}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return failed
