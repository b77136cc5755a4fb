"""Hardening fixtures: the real Application offline, its flood guard on a test clock."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

# The offline Bot API and update factories live with the Telegram tests.
_TELEGRAM_TESTS = str(Path(__file__).resolve().parents[1] / "telegram")
if _TELEGRAM_TESTS not in sys.path:
    sys.path.append(_TELEGRAM_TESTS)

from fakes import RecordingRequest  # noqa: E402
from hardening_support import Clock  # noqa: E402

from bot.app import KiloApplication, build_application  # noqa: E402
from bot.factors import Factors  # noqa: E402
from bot.flood import FloodGuard  # noqa: E402
from bot.rendering.i18n import Catalogs  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store import ChatStore  # noqa: E402


@pytest.fixture
def api() -> RecordingRequest:
    """The offline Bot API; its `calls` are what the bot said."""
    return RecordingRequest()


@pytest.fixture
def clock() -> Clock:
    """The flood guard's clock."""
    return Clock()


@pytest.fixture
async def app(
    factors: Factors, catalogs: Catalogs, api: RecordingRequest, store: ChatStore, clock: Clock
) -> AsyncIterator[KiloApplication]:
    """The real application, initialised, with the call log cleared."""
    application = build_application(
        Settings(token=SecretStr("123456:TEST")),
        factors=factors,
        catalogs=catalogs,
        store=store,
        request=api,
        updater=False,
        flood=FloodGuard(clock=clock),
    )
    async with application:
        api.clear()
        yield application
