"""Updates of different chats run concurrently; one chat's updates keep their order."""

from __future__ import annotations

import asyncio
import datetime

import pytest
from telegram import Chat, Message, Update, User

from bot.update_order import PerChatUpdateProcessor

USER = User(id=7, first_name="Ada", is_bot=False)
NOW = datetime.datetime(2026, 11, 27, tzinfo=datetime.UTC)


def update_in(chat_id: int, update_id: int) -> Update:
    chat = Chat(id=chat_id, type=Chat.PRIVATE if chat_id > 0 else Chat.GROUP)
    message = Message(message_id=update_id, date=NOW, chat=chat, from_user=USER, text="x")
    return Update(update_id=update_id, message=message)


async def test_one_chats_updates_finish_in_the_order_they_came() -> None:
    processor = PerChatUpdateProcessor()
    finished: list[int] = []

    async def handle(update_id: int, pause: float) -> None:
        await asyncio.sleep(pause)
        finished.append(update_id)

    async with processor:
        await asyncio.gather(
            processor.process_update(update_in(1, 1), handle(1, 0.05)),
            processor.process_update(update_in(1, 2), handle(2, 0.0)),
            processor.process_update(update_in(1, 3), handle(3, 0.01)),
        )

    assert finished == [1, 2, 3]


async def test_a_slow_chat_does_not_hold_up_another() -> None:
    processor = PerChatUpdateProcessor()
    slow_started = asyncio.Event()
    release_slow = asyncio.Event()
    finished: list[str] = []

    async def slow() -> None:
        slow_started.set()
        await release_slow.wait()
        finished.append("slow chat")

    async def quick() -> None:
        await slow_started.wait()
        finished.append("other chat")
        release_slow.set()

    async with processor:
        await asyncio.wait_for(
            asyncio.gather(
                processor.process_update(update_in(1, 1), slow()),
                processor.process_update(update_in(-2, 2), quick()),
            ),
            timeout=5,
        )

    assert finished == ["other chat", "slow chat"]


async def test_idle_chats_are_forgotten_even_after_a_failure() -> None:
    processor = PerChatUpdateProcessor()

    async def fails() -> None:
        raise RuntimeError("boom")

    async def works() -> None:
        return None

    async with processor:
        await processor.process_update(update_in(1, 1), works())
        with pytest.raises(RuntimeError):
            await processor.do_process_update(update_in(2, 2), fails())

    assert processor._turns == {}


async def test_updates_without_a_chat_or_user_run_at_once() -> None:
    processor = PerChatUpdateProcessor()
    ran: list[str] = []

    async def handle() -> None:
        ran.append("ran")

    async with processor:
        await processor.process_update(Update(update_id=1), handle())
        await processor.process_update(object(), handle())

    assert ran == ["ran", "ran"]
