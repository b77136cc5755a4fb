"""Per-chat flood guard: a few messages per window are answered, the next one is told to wait."""

from __future__ import annotations

import sys
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    """What to do with a chat's next message."""

    ANSWER = "answer"
    # The first message over the limit: say once that the chat is going too fast.
    WARN = "warn"
    # Every later message in the same window: say nothing, so a flood gets no echo.
    DROP = "drop"


@dataclass(frozen=True)
class Limit:
    """At most `messages` answered per window of `seconds`, counted from the window's first."""

    messages: int
    seconds: float


# Telegram asks for about 1 message a second per chat (bursts tolerated) and at most 20 a minute
# per group. A private chat gets a burst of 8 answers per 10 s; a group 10 answers a minute,
# leaving room under Telegram's 20 for the warning, multi-part answers and button edits.
PRIVATE_LIMIT = Limit(messages=8, seconds=10.0)
GROUP_LIMIT = Limit(messages=10, seconds=60.0)
# Chats remembered at once; beyond it the oldest windows are forgotten (at worst, a flooding
# chat gets a fresh window early). At a few dozen bytes each this bounds the memory used.
MAX_CHATS = 10_000


@dataclass
class _Window:
    start: float
    count: int
    limit: Limit


class FloodGuard:
    """Counts each chat's messages in fixed windows and says which ones to answer.

    Only counters and chat ids, in memory, for at most one window; nothing is written anywhere.
    """

    def __init__(
        self,
        *,
        private: Limit = PRIVATE_LIMIT,
        group: Limit = GROUP_LIMIT,
        max_chats: int = MAX_CHATS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._private = private
        self._group = group
        self._max_chats = max_chats
        self._clock = clock
        # Oldest window first: a new window moves its chat to the end.
        self._windows: OrderedDict[int, _Window] = OrderedDict()

    @classmethod
    def unlimited(cls) -> FloodGuard:
        """A guard that answers everything, for the terminal chat (no Telegram limits there)."""
        everything = Limit(messages=sys.maxsize, seconds=1.0)
        return cls(private=everything, group=everything, max_chats=1)

    def check(self, chat_id: int, *, group: bool, now: float | None = None) -> Verdict:
        """Count one message from the chat and say what to do with it."""
        now = self._clock() if now is None else now
        window = self._windows.get(chat_id)
        if window is None or _expired(window, now):
            self._windows.pop(chat_id, None)
            self._windows[chat_id] = _Window(now, 1, self._group if group else self._private)
            self._prune(now)
            return Verdict.ANSWER
        window.count += 1
        if window.count <= window.limit.messages:
            return Verdict.ANSWER
        if window.count == window.limit.messages + 1:
            return Verdict.WARN
        return Verdict.DROP

    @property
    def chats(self) -> int:
        """How many chats are remembered."""
        return len(self._windows)

    def _prune(self, now: float) -> None:
        # Bounded by the number of windows: each pass removes one.
        while self._windows:
            oldest_id, oldest = next(iter(self._windows.items()))
            if len(self._windows) <= self._max_chats and not _expired(oldest, now):
                return
            del self._windows[oldest_id]


def _expired(window: _Window, now: float) -> bool:
    return now - window.start >= window.limit.seconds
