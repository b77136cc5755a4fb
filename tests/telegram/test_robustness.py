"""Updates the bot does not serve are ignored quietly; failures are logged and apologised for."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fakes import (
    DATE,
    PHOTO,
    PRIVATE_CHAT_ID,
    STICKER,
    RecordingRequest,
    channel_post,
    chat,
    make_channel_post_update,
    make_edited_message_update,
    make_message_update,
    make_photo_update,
    make_sticker_update,
    message,
    update,
    user,
)

import bot.handlers.replies
from bot.app import KiloApplication

_IGNORED: list[tuple[str, dict[str, Any]]] = [
    ("sticker", {"message": message(None, sticker=STICKER)}),
    ("photo without caption", {"message": message(None, photo=PHOTO)}),
    ("group photo without caption", {"message": message(None, chat_type="group", photo=PHOTO)}),
    ("edited message", {"edited_message": message("100 queries a day", edit_date=DATE)}),
    ("edited command", {"edited_message": message("/start", edit_date=DATE)}),
    ("channel post", {"channel_post": channel_post("100 queries a day")}),
    ("channel command", {"channel_post": channel_post("/energy 100 queries a day")}),
    ("edited channel post", {"edited_channel_post": channel_post("100 queries a day")}),
    ("new members", {"message": message(None, chat_type="group", new_chat_members=[user()])}),
    (
        "chosen inline result",
        {"chosen_inline_result": {"result_id": "short", "from": user(), "query": "100"}},
    ),
    (
        "my chat member",
        {
            "my_chat_member": {
                "chat": chat("group"),
                "from": user(),
                "date": DATE,
                "old_chat_member": {"status": "left", "user": user(123456789, is_bot=True)},
                "new_chat_member": {"status": "member", "user": user(123456789, is_bot=True)},
            }
        },
    ),
    (
        "poll",
        {
            "poll": {
                "id": "1",
                "question": "?",
                "options": [],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
                "allows_revoting": False,
                "members_only": False,
            }
        },
    ),
]


@pytest.mark.parametrize(("kind", "payload"), _IGNORED, ids=[kind for kind, _ in _IGNORED])
async def test_updates_the_bot_does_not_serve_are_ignored_quietly(
    app: KiloApplication,
    api: RecordingRequest,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    payload: dict[str, Any],
) -> None:
    await app.process_update(update(app.bot, **payload))

    assert api.calls == [], kind
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def _explode(*args: object, **kwargs: object) -> object:
    raise RuntimeError("the pipeline broke")


async def test_the_update_factories_build_what_the_handlers_ignore(
    app: KiloApplication, api: RecordingRequest
) -> None:
    updates = [
        make_sticker_update(app.bot),
        make_photo_update(app.bot),
        make_edited_message_update(app.bot, "100 queries a day"),
        make_channel_post_update(app.bot, "100 queries a day"),
        make_channel_post_update(app.bot, "100 queries a day", edited=True),
    ]

    for ignored in updates:
        await app.process_update(ignored)

    assert api.calls == []


async def test_a_photo_with_a_caption_in_a_private_chat_is_answered(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_photo_update(app.bot, caption="100 queries a day"))

    [reply] = api.sent
    assert "kWh" in reply["text"]


async def test_a_failure_in_a_private_chat_is_logged_once_and_apologised_for(
    app: KiloApplication,
    api: RecordingRequest,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bot.handlers.replies, "answer_text", _explode)

    await app.process_update(make_message_update(app.bot, "하루에 100번", language_code="ko"))

    [apology] = api.sent
    assert apology["chat_id"] == PRIVATE_CHAT_ID
    assert "죄송" in apology["text"]
    [record] = [r for r in caplog.records if r.name == "bot.handlers.errors"]
    assert record.levelno == logging.ERROR
    assert "\n" not in record.getMessage()
    assert "the pipeline broke" in record.getMessage()
    assert "123456:TEST" not in record.getMessage()


async def test_a_failure_in_a_group_is_logged_but_not_announced(
    app: KiloApplication,
    api: RecordingRequest,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bot.handlers.replies, "answer_text", _explode)
    answer = message("⚡", chat_type="group", sender=user(123456789, is_bot=True))

    await app.process_update(
        make_message_update(app.bot, "100 a day", chat_type="group", reply_to=answer)
    )

    assert api.calls == []
    assert [r for r in caplog.records if r.name == "bot.handlers.errors"]


async def test_a_failing_apology_does_not_raise_from_the_error_handler(
    app: KiloApplication,
    api: RecordingRequest,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for _ in range(2):
        api.fail_next("sendMessage", "Forbidden: bot was blocked by the user", code=403)

    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    assert [call.method for call in api.calls] == ["sendMessage", "sendMessage"]
    records = [r.getMessage() for r in caplog.records if r.name == "bot.handlers.errors"]
    assert len(records) == 2
    assert all("Forbidden" in record for record in records)
