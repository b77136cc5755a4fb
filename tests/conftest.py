"""Shared test fixtures: the real factors, loaded once per session."""

from __future__ import annotations

import pytest

from bot.factors import Factors, default_factors_path, load_factors


@pytest.fixture(scope="session")
def factors() -> Factors:
    """The repository's factors.yaml, validated."""
    return load_factors(default_factors_path())
