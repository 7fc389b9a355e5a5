"""The reference journey of issue 18 with the case (我的情况) in WebKit (every iPhone browser) and
Firefox: the same steps as in Chromium (scripts/bench/journey.py's `Journey`, here over the
engines' own automation, tests/browser/engines.py) and the same checks (test_journey.check_journey):
typed entries within the goal, the case filling the rest, home to the first letter in at most 8
screens, and each of the nine documents with its own lender's figures and no other lender's name.

One window per engine, opened at the home page: the reader moves between pages through links and
the menu (☰), so Python starts once per engine.
"""

from __future__ import annotations

import pytest
from test_engines import opened_engine, xvfb  # noqa: F401  (xvfb: the fixture of the private display WebKit draws on)
from test_journey import check_journey

from scripts.bench.journey import EngineHands, Journey, report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=["webkit", "firefox"])
def engine(request, site):
    """One window of one engine for the whole module."""
    yield from opened_engine(request)


def test_the_reference_journey_with_the_case_stays_within_the_goal_in_webkit_and_firefox(engine, site):
    engine.goto(site.url)
    journey = Journey(EngineHands(engine), site.url, with_case=True)
    journey.run()
    print(report(journey))  # the counts, shown with -s or on failure
    check_journey(journey)
