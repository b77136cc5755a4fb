"""The test suite's fakes, imported from tests/ so the benchmark drives the same doubles."""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from telegram.ext import AIORateLimiter

REPO = Path(__file__).resolve().parents[1]


def tests_module(name: str, *under: str) -> ModuleType:
    """Import tests/<under…>/<name>.py as the tests do: with its folder on sys.path."""
    folder = str(REPO.joinpath("tests", *under))
    if folder not in sys.path:
        sys.path.append(folder)
    return importlib.import_module(name)


def unlimited_rate_limiter(**options: Any) -> AIORateLimiter:
    """The app's AIORateLimiter (same retries and code path) with every limit set to 0.

    AIORateLimiter caps the whole bot at 30 messages a second, Telegram's own limit; with the
    limits off the benchmark sees how fast the bot itself is.
    """
    return AIORateLimiter(**options, overall_max_rate=0, group_max_rate=0)


# For patching bot.app.AIORateLimiter: build_application calls it with max_retries only.
UNLIMITED = functools.partial(unlimited_rate_limiter)
