"""Shared test fixtures: the real factors and catalogs, and a fresh chat store."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bot.factors import Factors, default_factors_path, load_factors
from bot.rendering.i18n import Catalogs, default_locales_path
from bot.store import ChatStore

# PTB 22 warns (an error under filterwarnings=error) whenever it builds a RetryAfter, unless
# told to give retry_after as a timedelta; the runner sets the same in the bot process.
os.environ.setdefault("PTB_TIMEDELTA", "1")


@pytest.fixture(scope="session")
def factors() -> Factors:
    """The repository's factors.yaml, validated."""
    return load_factors(default_factors_path())


@pytest.fixture(scope="session")
def catalogs() -> Catalogs:
    """The repository's catalogs, compiled once."""
    return Catalogs.load(default_locales_path())


@pytest.fixture
def store() -> Iterator[ChatStore]:
    """A fresh in-memory chat store."""
    chat_store = ChatStore.in_memory()
    yield chat_store
    chat_store.close()
