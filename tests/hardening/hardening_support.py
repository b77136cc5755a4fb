"""Helpers shared by the hardening tests."""

from __future__ import annotations


class Clock:
    """A clock that moves only when told to, so flood windows never depend on the machine."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
