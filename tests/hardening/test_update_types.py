"""Every kind of update the Bot API delivers is handled or ignored, never an error."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fakes import (
    DATE,
    RecordingRequest,
    bot_user,
    channel_post,
    chat,
    message,
    update,
    user,
)
from telegram import Update

from bot.app import KiloApplication

_REACTION = {"type": "emoji", "emoji": "👍"}
_MEMBER_CHANGE = {
    "chat": chat("group"),
    "from": user(),
    "date": DATE,
    "old_chat_member": {"status": "left", "user": user(555)},
    "new_chat_member": {"status": "member", "user": user(555)},
}
_BOOST_SOURCE = {"source": "premium", "user": user()}
_POLL = {
    "id": "p",
    "question": "More?",
    "options": [{"text": "yes", "voter_count": 0, "persistent_id": "0"}],
    "total_voter_count": 0,
    "is_closed": False,
    "is_anonymous": True,
    "type": "regular",
    "allows_multiple_answers": False,
    "allows_revoting": False,
    "members_only": False,
}

# One minimal, valid payload per kind of update, and the calls the bot makes for it: only
# messages, button presses and inline queries are the bot's business.
UPDATES: dict[str, tuple[dict[str, Any], list[str]]] = {
    "message": (message("100 queries a day"), ["sendMessage"]),
    "edited_message": (message("100 queries a day", edit_date=DATE), []),
    "channel_post": (channel_post("/energy 100 queries a day"), []),
    "edited_channel_post": (channel_post("100 queries a day"), []),
    "business_connection": (
        {"id": "bc", "user": user(), "user_chat_id": 4242, "date": DATE, "is_enabled": True},
        [],
    ),
    "business_message": (message("100 queries a day", business_connection_id="bc"), []),
    "edited_business_message": (
        message("100 queries a day", business_connection_id="bc", edit_date=DATE),
        [],
    ),
    "deleted_business_messages": (
        {"business_connection_id": "bc", "chat": chat(), "message_ids": [1, 2]},
        [],
    ),
    "message_reaction": (
        {
            "chat": chat("group"),
            "message_id": 1,
            "date": DATE,
            "user": user(),
            "old_reaction": [],
            "new_reaction": [_REACTION],
        },
        [],
    ),
    "message_reaction_count": (
        {
            "chat": chat("supergroup"),
            "message_id": 1,
            "date": DATE,
            "reactions": [{"type": _REACTION, "total_count": 3}],
        },
        [],
    ),
    "inline_query": (
        {"id": "iq", "from": user(), "query": "100 queries a day", "offset": ""},
        ["answerInlineQuery"],
    ),
    "chosen_inline_result": ({"result_id": "short", "from": user(), "query": "100"}, []),
    "callback_query": (
        {"id": "cq", "from": user(), "chat_instance": "ci", "data": "forged"},
        ["answerCallbackQuery"],
    ),
    "shipping_query": (
        {
            "id": "sq",
            "from": user(),
            "invoice_payload": "p",
            "shipping_address": {
                "country_code": "KR",
                "state": "",
                "city": "Seoul",
                "street_line1": "1",
                "street_line2": "",
                "post_code": "04524",
            },
        },
        [],
    ),
    "pre_checkout_query": (
        {
            "id": "pq",
            "from": user(),
            "currency": "XTR",
            "total_amount": 1,
            "invoice_payload": "p",
        },
        [],
    ),
    "purchased_paid_media": ({"from": user(), "paid_media_payload": "p"}, []),
    "poll": (_POLL, []),
    "poll_answer": (
        {"poll_id": "p", "option_ids": [0], "option_persistent_ids": ["0"], "user": user()},
        [],
    ),
    "my_chat_member": (
        {
            **_MEMBER_CHANGE,
            "old_chat_member": {"status": "left", "user": bot_user()},
            "new_chat_member": {"status": "member", "user": bot_user()},
        },
        [],
    ),
    "chat_member": (_MEMBER_CHANGE, []),
    "chat_join_request": (
        {"chat": chat("supergroup"), "from": user(), "user_chat_id": 4242, "date": DATE},
        [],
    ),
    "chat_boost": (
        {
            "chat": chat("channel", -1009),
            "boost": {
                "boost_id": "b",
                "add_date": DATE,
                "expiration_date": DATE + 86400,
                "source": _BOOST_SOURCE,
            },
        },
        [],
    ),
    "removed_chat_boost": (
        {
            "chat": chat("channel", -1009),
            "boost_id": "b",
            "remove_date": DATE,
            "source": _BOOST_SOURCE,
        },
        [],
    ),
    "managed_bot": ({"user": user(), "bot": user(777, is_bot=True)}, []),
    "guest_message": (message("100 queries a day", guest_query_id="gq"), []),
}


def update_kinds() -> set[str]:
    """Every kind of update this PTB knows: Update's public attributes besides update_id."""
    return {name for name in Update.__slots__ if not name.startswith("_") and name != "update_id"}


def test_the_table_covers_every_kind_of_update_this_ptb_knows() -> None:
    # A PTB upgrade that adds a kind of update fails here until the table has a row for it.
    assert set(UPDATES) == update_kinds()
    assert {str(kind) for kind in Update.ALL_TYPES} <= set(UPDATES)


@pytest.mark.parametrize("kind", sorted(UPDATES))
async def test_each_kind_of_update_is_handled_or_ignored_without_an_error(
    app: KiloApplication,
    api: RecordingRequest,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    payload, expected_calls = UPDATES[kind]
    incoming = update(app.bot, **{kind: payload})
    assert getattr(incoming, kind) is not None, "the payload did not parse as its kind"

    await app.process_update(incoming)

    assert [call.method for call in api.calls] == expected_calls
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


async def test_a_kind_of_update_from_a_newer_bot_api_is_ignored(
    app: KiloApplication, api: RecordingRequest, caplog: pytest.LogCaptureFixture
) -> None:
    incoming = update(app.bot, future_update={"id": "x", "chat": chat(), "from": user()})

    await app.process_update(incoming)

    assert api.calls == []
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
