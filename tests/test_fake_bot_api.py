"""The fake Bot API server behaves as python-telegram-bot expects of Telegram."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from fake_bot_api import PRIVATE_CHAT_ID, Delay, Drop, FakeBotApi, ServerError
from fake_bot_api import RetryAfter as RetryAfterFault
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    request = HTTPXRequest(read_timeout=5, connect_timeout=5)
    async with Bot(
        api.token, base_url=api.base_url, base_file_url=api.base_file_url, request=request
    ) as client:
        yield client


def post(api: FakeBotApi, method: str, body: bytes, content_type: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{api.base_url}{api.token}/{method}",
        data=body,
        headers={"Content-Type": content_type},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            result: dict[str, Any] = json.loads(response.read())
    except urllib.error.HTTPError as error:
        result = json.loads(error.read())
        error.close()
    return result


async def test_get_me_describes_the_bot_from_its_token(api: FakeBotApi, bot: Bot) -> None:
    assert bot.id == 123456
    assert bot.username == "kilowhat_test_bot"
    assert api.calls_to("getMe")


async def test_a_sent_message_is_recorded_and_returned(api: FakeBotApi, bot: Bot) -> None:
    api.send_text("hello")  # so the fake knows the chat
    message = await bot.send_message(PRIVATE_CHAT_ID, "<b>100</b>", parse_mode="HTML")
    assert message.text == "<b>100</b>"
    assert message.chat.type == "private"
    call = api.wait_for("sendMessage")
    assert call.params == {"chat_id": PRIVATE_CHAT_ID, "text": "<b>100</b>", "parse_mode": "HTML"}


async def test_a_numeric_text_stays_a_string(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(PRIVATE_CHAT_ID, "100")
    assert api.wait_for("sendMessage").params["text"] == "100"


async def test_an_edit_returns_the_edited_message(api: FakeBotApi, bot: Bot) -> None:
    edited = await bot.edit_message_text("new", chat_id=PRIVATE_CHAT_ID, message_id=7)
    assert not isinstance(edited, bool)
    assert (edited.message_id, edited.text) == (7, "new")


async def test_an_empty_or_too_long_message_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(PRIVATE_CHAT_ID, "x" * 4097)


async def test_set_up_calls_succeed(api: FakeBotApi, bot: Bot) -> None:
    assert await bot.set_my_commands([("help", "Help")], language_code="ko")
    assert await bot.set_my_description("d")
    assert await bot.set_my_short_description("s")
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""
    assert api.calls_to("setMyCommands")[0].params["commands"] == [
        {"command": "help", "description": "Help"}
    ]


async def test_get_updates_returns_queued_updates_and_confirms_by_offset(
    api: FakeBotApi, bot: Bot
) -> None:
    first = api.send_text("one")
    api.send_text("two", language_code="ko")
    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates if u.message] == ["one", "two"]
    assert updates[1].message is not None
    assert updates[1].message.from_user is not None
    assert updates[1].message.from_user.language_code == "ko"
    again = await bot.get_updates(offset=first["update_id"] + 1, timeout=0)
    assert [u.message.text for u in again if u.message] == ["two"]


async def test_a_long_poll_wakes_when_an_update_arrives(api: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await asyncio.to_thread(api.wait_for, "getUpdates")
    api.send_text("/start")
    updates = await asyncio.wait_for(poll, timeout=10)
    assert updates[0].message is not None
    assert updates[0].message.text == "/start"
    assert updates[0].message.entities[0].type == "bot_command"


async def test_a_long_poll_with_nothing_to_deliver_returns_empty(bot: Bot) -> None:
    assert await bot.get_updates(timeout=0) == ()


async def test_a_webhook_blocks_get_updates_until_deleted(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_webhook("https://example.invalid/hook", secret_token="abc")
    assert api.webhook is not None
    assert api.webhook["secret_token"] == "abc"
    with pytest.raises(Exception, match="Conflict"):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()
    assert api.webhook is None
    assert await bot.get_updates(timeout=0) == ()


async def test_a_retry_after_fault_raises_retry_after_once(
    api: FakeBotApi, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22.2+ warns on every RetryAfter unless opted in to timedelta values.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    api.inject("sendMessage", RetryAfterFault(3))
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(PRIVATE_CHAT_ID, "a")
    assert caught.value.retry_after == dt.timedelta(seconds=3)
    await bot.send_message(PRIVATE_CHAT_ID, "b")
    assert [call.fault for call in api.calls_to("sendMessage")] == [RetryAfterFault(3), None]


async def test_a_server_error_fault_raises_a_network_error(api: FakeBotApi, bot: Bot) -> None:
    api.inject("sendMessage", ServerError(502, "Bad Gateway"), times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(PRIVATE_CHAT_ID, "a")
    await bot.send_message(PRIVATE_CHAT_ID, "b")


async def test_faults_for_a_method_apply_in_order(
    api: FakeBotApi, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    api.inject("sendMessage", ServerError())
    api.inject("sendMessage", RetryAfterFault(1))
    with pytest.raises(NetworkError):
        await bot.send_message(PRIVATE_CHAT_ID, "a")
    with pytest.raises(RetryAfter):
        await bot.send_message(PRIVATE_CHAT_ID, "b")


async def test_a_permanent_fault_lasts_until_cleared(api: FakeBotApi, bot: Bot) -> None:
    api.inject("sendMessage", ServerError(), times=None)
    for _ in range(3):
        with pytest.raises(NetworkError):
            await bot.send_message(PRIVATE_CHAT_ID, "a")
    api.clear_faults()
    await bot.send_message(PRIVATE_CHAT_ID, "b")


async def test_a_dropped_connection_raises_a_network_error(api: FakeBotApi, bot: Bot) -> None:
    api.inject("sendMessage", Drop())
    with pytest.raises(NetworkError):
        await bot.send_message(PRIVATE_CHAT_ID, "a")
    await bot.send_message(PRIVATE_CHAT_ID, "b")


async def test_a_delay_longer_than_the_read_timeout_times_out(api: FakeBotApi, bot: Bot) -> None:
    api.inject("sendMessage", Delay(3))
    with pytest.raises(TimedOut):
        await bot.send_message(PRIVATE_CHAT_ID, "a", read_timeout=0.5)


async def test_a_short_delay_still_answers(api: FakeBotApi, bot: Bot) -> None:
    api.inject("sendMessage", Delay(0.1))
    message = await bot.send_message(PRIVATE_CHAT_ID, "a")
    assert message.text == "a"


def test_a_json_body_is_understood(api: FakeBotApi) -> None:
    body = json.dumps({"chat_id": 5, "text": "hi"}).encode()
    assert post(api, "sendMessage", body, "application/json")["result"]["text"] == "hi"
    assert api.calls_to("sendMessage")[0].params == {"chat_id": 5, "text": "hi"}


def test_a_wrong_token_is_unauthorized(api: FakeBotApi) -> None:
    request = urllib.request.Request(f"{api.base_url}999:WRONG/getMe", data=b"", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 401
    caught.value.close()


def test_an_unknown_method_is_not_found(api: FakeBotApi) -> None:
    assert post(api, "sendPoll", b"", "application/json")["error_code"] == 404


def test_stopping_wakes_a_pending_long_poll() -> None:
    server = FakeBotApi().start()
    result: list[dict[str, Any]] = []

    def poll() -> None:
        body = b"timeout=30"
        result.append(post(server, "getUpdates", body, "application/x-www-form-urlencoded"))

    poller = threading.Thread(target=poll)
    poller.start()
    server.wait_for("getUpdates")
    server.stop()
    poller.join(timeout=10)
    assert not poller.is_alive()


def test_wait_for_gives_up_after_its_timeout(api: FakeBotApi) -> None:
    with pytest.raises(AssertionError, match=r"no sendMessage call within 0\.2s"):
        api.wait_for("sendMessage", timeout=0.2)
