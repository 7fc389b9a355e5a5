"""What the benchmark prints at the end: each measurement's details, the problems seen, the
summary table against the targets, then the runtime's before/after table."""

from __future__ import annotations

import os

from . import runtime
from .figures import Summary, format_table


def summary_rows(results: dict, measurements) -> list:
    """(what, target, measured, result) rows of every measurement, in the order of `measurements`."""
    table = Summary()
    for measurement in measurements:
        measurement.summary(results, table)
    return table.rows


def details(results: dict, measurements) -> str:
    return "\n".join(line for measurement in measurements for line in measurement.details(results))


def print_report(results: dict, measurements, args, debounce_ms: int) -> None:
    print("\n" + details(results, measurements))
    if results["problems"]:
        print("Console problems seen during the runs:\n  " + "\n  ".join(results["problems"]))
    if results["http_errors"]:
        print("Requests the server answered with an error:\n  " + "\n  ".join(results["http_errors"]))
    load = f"load average {results['load_before'][0]:.1f} before, {results['load_after'][0]:.1f} after"
    print(f"\nBenchmark ({args.runs} cold runs each, {results['chromium']}, {os.cpu_count()} CPUs, {load}):\n")
    print(format_table(("What", "Target", "Measured", "Result"), summary_rows(results, measurements)))
    shown = runtime.report(results, args.before)
    if shown:
        print(shown)
    print(
        f"\nRecalculation target is compared with the compute+render part: from the bridge posting the call to the worker "
        f"to the next frame after the result is in the page, i.e. excluding the {debounce_ms} ms input debounce."
    )
    print(
        f"Bytes: 'all requests' = response bodies the local server sent ({'no gzip' if args.no_gzip else 'text and wasm gzipped, zip as-is'}), counting the page, its workers and the\n"
        "service worker; 'page CDP only' = encodedDataLength from the page's CDP Network events, which do not see the\n"
        "dedicated worker's or the service worker's fetches (so not Pyodide). Each context is a fresh on-disk profile."
    )
