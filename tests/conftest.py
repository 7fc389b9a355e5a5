"""Shared test settings: hypothesis profiles chosen with HYPOTHESIS_PROFILE (default 'default')."""

import os

from hypothesis import settings

settings.register_profile("default", max_examples=200)
settings.register_profile("slow", max_examples=10000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
