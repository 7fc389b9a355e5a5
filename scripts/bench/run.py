"""What every measurement gets: the browser, the served site(s) and the command line.

A measurement is a module of scripts/bench/ with:
- `KEY`: where its figures go in the results (and in the --json file);
- `measure(run) -> dict | None`: prints its `==> ...` line and measures; None when the command
  line leaves it out;
- `summary(results, table)`: adds its rows to the summary table (`figures.Summary.add`);
- `details(results) -> list[str]`: the lines printed above the summary.
scripts/bench/main.py lists them in MEASUREMENTS, in the order they run and are printed.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from scripts.devserver import Traffic

from .browser import Browser


@dataclass
class Served:
    """One built site and the local server that sends it."""

    label: str  # "after" (this checkout) or "before" (--before)
    site: Path
    server: object
    base: str
    traffic: Traffic


@dataclass
class Run:
    browser: Browser
    args: argparse.Namespace
    debounce_ms: int
    after: Served
    before: Served | None = None

    @property
    def base(self) -> str:
        return self.after.base
