"""Updates through the real Application's process_update, against an offline recording Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from dataclasses import dataclass
from typing import Any
from unittest import mock

from pydantic import SecretStr
from telegram import Bot, Update

import bot.app
from bench.core import load_services, one_core
from bench.fixtures import UNLIMITED, tests_module
from bench.report import Measure, at_least, below, percentile
from bot.app import build_application
from bot.settings import Settings
from bot.store import ChatStore

SECTION = "In-process (Application.process_update)"
FIRST_CHAT_ID = 5_000_000
CHATS = 1000
WARM_UP = 20
DATE = 1_750_000_000


@dataclass(frozen=True)
class Run:
    samples_ms: list[float]
    wall_s: float
    replies: int


def text_update(bot: Bot, number: int, text: str, chat_id: int) -> Update:
    """A private text message, users' Telegram languages alternating en/ko."""
    user = {
        "id": chat_id,
        "is_bot": False,
        "first_name": "Bench",
        "language_code": "ko" if number % 2 else "en",
    }
    message = {
        "message_id": number + 1,
        "date": DATE,
        "chat": {"id": chat_id, "type": "private", "first_name": "Bench"},
        "from": user,
        "text": text,
    }
    return Update.de_json({"update_id": number + 1, "message": message}, bot)


async def _run(messages: list[str], count: int, seconds: float, *, limited: bool) -> Run:
    fakes = tests_module("fakes", "telegram")
    factors, catalogs = load_services()
    store = ChatStore.in_memory()
    request = fakes.RecordingRequest()
    patch = (
        contextlib.nullcontext()
        if limited
        else mock.patch.object(bot.app, "AIORateLimiter", UNLIMITED)
    )
    with patch:
        app = build_application(
            Settings(token=SecretStr("123456:TEST")),
            factors=factors,
            catalogs=catalogs,
            store=store,
            request=request,
            updater=False,
        )
    try:
        async with app:
            # Private chats across many ids: the store is asked for each chat's language.
            updates = [
                text_update(app.bot, i, messages[i % len(messages)], FIRST_CHAT_ID + i % CHATS)
                for i in range(count + WARM_UP)
            ]
            for update in updates[:WARM_UP]:
                await app.process_update(update)
            request.clear()
            samples: list[float] = []
            clock = time.perf_counter_ns
            started = time.perf_counter()
            for update in updates[WARM_UP:]:
                t0 = clock()
                await app.process_update(update)
                samples.append((clock() - t0) / 1e6)
                if time.perf_counter() - started > seconds:
                    break
            wall = time.perf_counter() - started
            return Run(samples, wall, len(request.sent))
    finally:
        store.close()


def run(
    messages: list[str], *, count: int, limited_count: int, seconds: float
) -> tuple[list[Measure], dict[str, Any]]:
    with one_core():
        own = asyncio.run(_run(messages, count, seconds, limited=False))
        configured = asyncio.run(_run(messages, limited_count, seconds, limited=True))
    own_rate = len(own.samples_ms) / own.wall_s
    configured_rate = len(configured.samples_ms) / configured.wall_s
    measures = [
        Measure(SECTION, "Updates/s, limiter off", own_rate, "upd/s", at_least(2000)),
        Measure(SECTION, "p50, limiter off", statistics.median(own.samples_ms), "ms"),
        Measure(SECTION, "p99, limiter off", percentile(own.samples_ms, 99), "ms", below(5)),
        Measure(
            SECTION,
            "Updates/s, AIORateLimiter as configured",
            configured_rate,
            "upd/s",
            at_least(2000),
            "AIORateLimiter's 30 msg/s cap, by design",
        ),
        Measure(
            SECTION,
            "p99, AIORateLimiter as configured",
            percentile(configured.samples_ms, 99),
            "ms",
        ),
    ]
    details = {
        "limiter_off": {"updates": len(own.samples_ms), "replies": own.replies},
        "limiter_as_configured": {
            "updates": len(configured.samples_ms),
            "replies": configured.replies,
            "p50_ms": statistics.median(configured.samples_ms),
        },
        "chats": CHATS,
        "warm_up_updates": WARM_UP,
    }
    return measures, details
