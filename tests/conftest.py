"""Shared test fixtures: the real factors, loaded once per session."""

from __future__ import annotations

import os

import pytest

from bot.factors import Factors, default_factors_path, load_factors

# PTB 22 warns (an error under filterwarnings=error) whenever it builds a RetryAfter, unless
# told to give retry_after as a timedelta; the runner sets the same in the bot process.
os.environ.setdefault("PTB_TIMEDELTA", "1")


@pytest.fixture(scope="session")
def factors() -> Factors:
    """The repository's factors.yaml, validated."""
    return load_factors(default_factors_path())
