"""Fixtures for driving the real Application against the offline, recording Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fakes import RecordingRequest
from pydantic import SecretStr

from bot.app import KiloApplication, build_application
from bot.factors import Factors
from bot.rendering.i18n import Catalogs
from bot.settings import Settings
from bot.store import ChatStore


@pytest.fixture
def api() -> RecordingRequest:
    """The offline Bot API; its `calls` are what the bot said."""
    return RecordingRequest()


@pytest.fixture
async def app(
    factors: Factors, catalogs: Catalogs, api: RecordingRequest, store: ChatStore
) -> AsyncIterator[KiloApplication]:
    """The real application, initialised (getMe answered), with the call log cleared."""
    application = build_application(
        Settings(token=SecretStr("123456:TEST")),
        factors=factors,
        catalogs=catalogs,
        store=store,
        request=api,
        updater=False,
    )
    async with application:
        api.clear()
        yield application
