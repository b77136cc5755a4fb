"""Helpers shared by the hardening tests."""

from __future__ import annotations

from fake_bot_api import FakeBotApi


class Clock:
    """A clock that moves only when told to, so flood windows never depend on the machine."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def confirmed(server: FakeBotApi, update_id: int) -> bool:
    """Whether the bot has asked for the updates after `update_id`, confirming it to Telegram."""
    return any(
        int(call.params.get("offset") or 0) > update_id for call in server.calls_to("getUpdates")
    )
