"""Private chats: any text is answered in the right language, with buttons; commands work."""

from __future__ import annotations

import pytest
from fakes import (
    BOT_USERNAME,
    PRIVATE_CHAT_ID,
    RecordingRequest,
    bot_user,
    buttons,
    has_hangul,
    make_message_update,
    message,
)

from bot.app import KiloApplication
from bot.callback_codec import decode_usage
from bot.parsing.models import Language
from bot.store import ChatStore


@pytest.mark.parametrize(
    ("text", "language_code", "korean"),
    [
        ("100 queries a day", "en", False),
        ("100 queries a day", None, False),
        ("하루에 100번", "ko", True),
        # The message's own script wins over the user's Telegram language.
        ("하루에 100번", "en", True),
        ("100 queries a day", "ko", False),
        # Digits alone have no language: the user's Telegram language decides.
        ("100", "ko", True),
        ("100", "en-US", False),
    ],
)
async def test_a_usage_is_answered_in_the_language_of_its_text_or_user(
    app: KiloApplication,
    api: RecordingRequest,
    text: str,
    language_code: str | None,
    korean: bool,
) -> None:
    await app.process_update(make_message_update(app.bot, text, language_code=language_code))

    [reply] = api.sent
    assert reply["chat_id"] == PRIVATE_CHAT_ID
    assert has_hangul(reply["text"]) is korean
    assert reply["parse_mode"] == "HTML"


async def test_a_usage_reply_has_horizon_more_and_share_buttons(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    [reply] = api.sent
    labels = [button["text"] for button in buttons(reply)]
    assert labels == ["Day", "Month", "✓ Year", "More", "Share"]
    payloads = [button["callback_data"] for button in buttons(reply) if "callback_data" in button]
    assert all(len(data.encode()) <= 64 for data in payloads)
    states = [decode_usage(data) for data in payloads]
    assert all(state is not None and state.language is Language.EN for state in states)
    assert buttons(reply)[-1]["switch_inline_query"] == "100 queries a day"


async def test_korean_buttons_are_labelled_in_korean(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "하루에 100번", language_code="ko"))

    [reply] = api.sent
    assert all(has_hangul(button["text"]) for button in buttons(reply))


async def test_a_message_without_a_usage_gets_a_nudge_without_buttons(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "hello there"))

    [reply] = api.sent
    assert "<code>" in reply["text"]
    assert buttons(reply) == []


async def test_a_photo_caption_is_read_like_text(
    app: KiloApplication, api: RecordingRequest
) -> None:
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
    update = make_message_update(app.bot, caption="100 queries a day", photo=photo)

    await app.process_update(update)

    [reply] = api.sent
    assert "kWh" in reply["text"]


@pytest.mark.parametrize(
    "text",
    [
        "<b>100</b> queries a day",
        "100 queries a day <script>alert(1)</script>",
        "hello <i>there</i> & <bye>",
        "/details <b>100</b> queries a day",
    ],
)
async def test_html_in_the_user_text_never_reaches_telegram_unescaped(
    app: KiloApplication, api: RecordingRequest, text: str
) -> None:
    await app.process_update(make_message_update(app.bot, text))

    assert api.sent
    for reply in api.sent:
        assert "<script>" not in reply["text"]
        assert "<bye>" not in reply["text"]
        assert "<i>there" not in reply["text"]


@pytest.mark.parametrize(
    "text",
    [
        "100 queries a day",
        "/details 100 queries a day",
        "/details 5 queries, 3 images, 2 videos and 7 reasoning queries a day for 9 months",
        "/sources",
        "/help",
        "/start",
        "/details",
        "1" * 4000,
    ],
)
async def test_every_reply_fits_in_one_telegram_message(
    app: KiloApplication, api: RecordingRequest, text: str
) -> None:
    await app.process_update(make_message_update(app.bot, text))

    assert api.sent
    assert all(len(reply["text"]) <= 4096 for reply in api.sent)


async def test_messages_sent_through_the_bot_inline_are_not_answered_again(
    app: KiloApplication, api: RecordingRequest
) -> None:
    update = make_message_update(app.bot, "⚡ ≈ 7.3 kWh a year", via_bot=bot_user())

    await app.process_update(update)

    assert api.calls == []


async def test_start_welcomes_with_three_examples_and_buttons(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "/start"))

    [reply] = api.sent
    assert reply["text"].count("<code>") == 3
    examples = [b["switch_inline_query_current_chat"] for b in buttons(reply)[:3]]
    assert examples == [
        "100 queries a day",
        "5 images a week",
        "20 reasoning queries a day for 6 months",
    ]
    assert buttons(reply)[3]["url"] == f"https://t.me/{BOT_USERNAME}?startgroup=group"


async def test_start_with_a_deep_link_payload_welcomes_too(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(
        make_message_update(app.bot, "/start inline-help", language_code="ko")
    )

    [reply] = api.sent
    assert has_hangul(reply["text"])
    assert reply["text"].count("<code>") == 3


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/help", "/sources"),
        ("/details", "<b>"),
        ("/privacy", "/forget"),
        ("/sources", "<a href="),
        ("/nonsense", "/help"),
    ],
)
@pytest.mark.parametrize("language_code", ["en", "ko"])
async def test_every_command_answers_in_the_users_language(
    app: KiloApplication, api: RecordingRequest, command: str, expected: str, language_code: str
) -> None:
    await app.process_update(make_message_update(app.bot, command, language_code=language_code))

    assert any(expected in reply["text"] for reply in api.sent)
    assert all(has_hangul(reply["text"]) is (language_code == "ko") for reply in api.sent)


async def test_details_with_a_usage_gives_the_detailed_answer(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "100 queries a day"))
    await app.process_update(make_message_update(app.bot, "/details 100 queries a day"))

    short, detailed = api.sent
    assert len(detailed["text"]) > len(short["text"])
    assert "<a href=" in detailed["text"]
    assert "Less" in [button["text"] for button in buttons(detailed)]


async def test_details_as_a_reply_reads_the_replied_message(
    app: KiloApplication, api: RecordingRequest
) -> None:
    original = message("하루에 100번", language_code="ko")

    await app.process_update(make_message_update(app.bot, "/details", reply_to=original))

    [detailed] = api.sent
    assert has_hangul(detailed["text"])
    assert "<a href=" in detailed["text"]


async def test_sources_link_every_factor_with_its_year(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "/sources"))

    text = "\n".join(reply["text"] for reply in api.sent)
    assert text.count("<a href=") >= 20
    assert "2025" in text


@pytest.mark.parametrize(
    ("argument", "stored", "korean"),
    [("ko", Language.KO, True), ("en", Language.EN, False), ("한국어", Language.KO, True)],
)
async def test_language_sets_the_chat_language_and_later_replies_follow_it(
    app: KiloApplication,
    api: RecordingRequest,
    store: ChatStore,
    argument: str,
    stored: Language,
    korean: bool,
) -> None:
    other = "en" if korean else "ko"
    await app.process_update(
        make_message_update(app.bot, f"/language {argument}", language_code=other)
    )
    await app.process_update(make_message_update(app.bot, "100", language_code=other))

    confirmation, later = api.sent
    assert store.get_language(PRIVATE_CHAT_ID) is stored
    assert has_hangul(confirmation["text"]) is korean
    assert has_hangul(later["text"]) is korean


async def test_language_auto_goes_back_to_following_each_message(
    app: KiloApplication, api: RecordingRequest, store: ChatStore
) -> None:
    store.set_language(PRIVATE_CHAT_ID, Language.KO)

    await app.process_update(make_message_update(app.bot, "/language auto"))
    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    assert store.get_language(PRIVATE_CHAT_ID) is None
    assert not has_hangul(api.sent[-1]["text"])


@pytest.mark.parametrize("text", ["/language", "/language klingon"])
async def test_language_without_a_known_choice_offers_buttons(
    app: KiloApplication, api: RecordingRequest, store: ChatStore, text: str
) -> None:
    await app.process_update(make_message_update(app.bot, text))

    [prompt] = api.sent
    assert [button["callback_data"] for button in buttons(prompt)] == ["l1|ko", "l1|en", "l1|auto"]
    assert store.get_language(PRIVATE_CHAT_ID) is None


async def test_forget_deletes_the_chat_settings(
    app: KiloApplication, api: RecordingRequest, store: ChatStore
) -> None:
    store.set_language(PRIVATE_CHAT_ID, Language.KO)

    await app.process_update(make_message_update(app.bot, "/forget", language_code="en"))

    [confirmation] = api.sent
    assert store.get_language(PRIVATE_CHAT_ID) is None
    assert not has_hangul(confirmation["text"])
