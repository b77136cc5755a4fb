"""Buttons under a reply re-render it in place; stale or forged ones get a polite toast."""

from __future__ import annotations

from typing import Any

import pytest
from fakes import (
    PRIVATE_CHAT_ID,
    RecordingRequest,
    bot_user,
    buttons,
    has_hangul,
    make_callback_update,
    make_message_update,
    message,
)

from bot.app import KiloApplication
from bot.callback_codec import decode_usage
from bot.factors import Factors
from bot.handlers.replies import answer_keyboard
from bot.parsing.models import Language
from bot.pipeline import answer_usage
from bot.rendering import Catalogs
from bot.store import ChatStore
from bot.usage import build_usage


async def _reply_to(app: KiloApplication, api: RecordingRequest, text: str) -> dict[str, Any]:
    """The bot's reply to `text` as the message a later button press arrives on."""
    await app.process_update(make_message_update(app.bot, text))
    sent = api.sent[-1]
    api.clear()
    return message(sent["text"], sender=bot_user(), reply_markup=sent["reply_markup"])


def _button(reply: dict[str, Any], label: str) -> str:
    [data] = [b["callback_data"] for b in buttons(reply) if b["text"].endswith(label)]
    return data


@pytest.mark.parametrize(
    ("label", "horizon_words"), [("Day", "a day"), ("Month", "a month"), ("Year", "a year")]
)
async def test_a_horizon_button_edits_the_reply_in_place(
    app: KiloApplication, api: RecordingRequest, label: str, horizon_words: str
) -> None:
    reply = await _reply_to(app, api, "100 queries a day")

    await app.process_update(make_callback_update(app.bot, _button(reply, label), on=reply))

    [edit] = api.of("editMessageText")
    assert edit["message_id"] == reply["message_id"]
    assert edit["chat_id"] == PRIVATE_CHAT_ID
    assert horizon_words in edit["text"]
    assert [b["text"] for b in buttons(edit) if b["text"].startswith("✓")] == [f"✓ {label}"]
    # The Share button keeps the user's phrase, which only the message itself carries.
    assert buttons(edit)[-1]["switch_inline_query"] == "100 queries a day"
    assert len(api.of("answerCallbackQuery")) == 1
    assert api.sent == []


async def test_more_shows_the_detailed_reply_and_less_goes_back(
    app: KiloApplication, api: RecordingRequest
) -> None:
    reply = await _reply_to(app, api, "100 queries a day")

    await app.process_update(make_callback_update(app.bot, _button(reply, "More"), on=reply))
    [detailed] = api.of("editMessageText")
    detailed_message = message(
        detailed["text"], sender=bot_user(), reply_markup=detailed["reply_markup"]
    )
    await app.process_update(
        make_callback_update(app.bot, _button(detailed, "Less"), on=detailed_message)
    )

    _, short = api.of("editMessageText")
    assert "<a href=" in detailed["text"]
    assert short["text"] == reply["text"]
    assert [b["text"] for b in buttons(short)][3] == "More"


async def test_a_korean_reply_stays_korean_when_a_button_is_pressed_by_anyone(
    app: KiloApplication, api: RecordingRequest
) -> None:
    reply = await _reply_to(app, api, "하루에 100번")

    await app.process_update(
        make_callback_update(app.bot, _button(reply, "하루"), on=reply, language_code="en")
    )

    [edit] = api.of("editMessageText")
    assert has_hangul(edit["text"])


async def test_pressing_the_horizon_already_shown_is_harmless(
    app: KiloApplication, api: RecordingRequest
) -> None:
    reply = await _reply_to(app, api, "100 queries a day")
    api.fail_next("editMessageText", "Bad Request: message is not modified: specified new …")

    await app.process_update(make_callback_update(app.bot, _button(reply, "Year"), on=reply))

    assert len(api.of("answerCallbackQuery")) == 1
    assert api.sent == []


async def test_a_button_on_an_inline_message_edits_that_message(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(
        make_callback_update(app.bot, "u1|e|s|d|t100/d", inline_message_id="inline-1")
    )

    [edit] = api.of("editMessageText")
    assert edit["inline_message_id"] == "inline-1"
    assert "a day" in edit["text"]


@pytest.mark.parametrize(
    "data",
    [
        "u1|e|s|y|t1e300/d",  # absurd count
        "u1|e|s|y|tnan/d",
        "u1|e|s|0|t100/d",  # zero horizon
        "u1|x|s|y|t100/d",  # unknown language
        "u0|e|s|y|t100/d",  # an old format
        "u1|garbage",
        "l1|klingon",
        "something else entirely",
        "",
    ],
)
@pytest.mark.parametrize("language_code", ["en", "ko"])
async def test_stale_or_forged_buttons_get_an_expired_toast_and_change_nothing(
    app: KiloApplication, api: RecordingRequest, store: ChatStore, data: str, language_code: str
) -> None:
    await app.process_update(make_callback_update(app.bot, data, language_code=language_code))

    [toast] = api.of("answerCallbackQuery")
    assert 0 < len(toast["text"]) <= 200
    assert has_hangul(toast["text"]) is (language_code == "ko")
    assert [call.method for call in api.calls] == ["answerCallbackQuery"]
    assert store.get_language(PRIVATE_CHAT_ID) is None


async def test_a_button_on_a_message_too_old_to_edit_has_expired(
    app: KiloApplication, api: RecordingRequest
) -> None:
    inaccessible = {"chat": {"id": PRIVATE_CHAT_ID, "type": "private"}, "message_id": 1, "date": 0}

    await app.process_update(make_callback_update(app.bot, "u1|e|s|d|t100/d", on=inaccessible))

    [toast] = api.of("answerCallbackQuery")
    assert toast["text"]
    assert api.of("editMessageText") == []


@pytest.mark.parametrize(
    ("data", "stored", "korean"),
    [("l1|ko", Language.KO, True), ("l1|en", Language.EN, False), ("l1|auto", None, False)],
)
async def test_a_language_button_sets_the_chat_language_and_confirms_in_place(
    app: KiloApplication,
    api: RecordingRequest,
    store: ChatStore,
    data: str,
    stored: Language | None,
    korean: bool,
) -> None:
    store.set_language(PRIVATE_CHAT_ID, Language.EN if stored is None else None)

    await app.process_update(make_callback_update(app.bot, data))

    [edit] = api.of("editMessageText")
    assert store.get_language(PRIVATE_CHAT_ID) is stored
    assert has_hangul(edit["text"]) is korean
    assert len(api.of("answerCallbackQuery")) == 1


async def test_every_button_payload_in_a_reply_decodes(
    app: KiloApplication, api: RecordingRequest
) -> None:
    reply = await _reply_to(app, api, "100 queries a day")

    payloads = [b["callback_data"] for b in buttons(reply) if "callback_data" in b]

    assert len(payloads) == 4
    assert all(decode_usage(data) is not None for data in payloads)


def test_a_usage_too_long_for_button_payloads_keeps_only_share(
    factors: Factors, catalogs: Catalogs
) -> None:
    items = [{"count": 123.456 + n, "period_days": 3.21 + n} for n in range(6)]
    answer = answer_usage(
        build_usage(items), factors=factors, catalogs=catalogs, language=Language.EN
    )

    keyboard = answer_keyboard(
        answer, catalogs.translator(Language.EN), detailed=False, share="a long story"
    )

    assert keyboard is not None
    [[share]] = keyboard.inline_keyboard
    assert share.switch_inline_query == "a long story"
