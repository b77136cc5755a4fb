"""Groups with privacy mode on: /energy, replies to the bot, silence for everything else."""

from __future__ import annotations

import pytest
from fakes import (
    GROUP_CHAT_ID,
    OTHER_USER_ID,
    SUPERGROUP_CHAT_ID,
    USER_ID,
    RecordingRequest,
    bot_user,
    buttons,
    has_hangul,
    make_message_update,
    message,
    update,
    user,
)

from bot.app import KiloApplication
from bot.parsing.models import Language
from bot.store import ChatStore


@pytest.mark.parametrize(
    "text",
    [
        "/energy 100 queries a day",
        "/energy@kilowhat_bot 100 queries a day",
        "/ENERGY@KiloWhat_Bot 100 queries a day",
    ],
)
async def test_energy_with_a_usage_is_answered_as_a_reply(
    app: KiloApplication, api: RecordingRequest, text: str
) -> None:
    update = make_message_update(app.bot, text, chat_type="group")

    await app.process_update(update)

    [reply] = api.sent
    assert reply["chat_id"] == GROUP_CHAT_ID
    assert reply["reply_parameters"]["message_id"] == update.message.message_id
    assert "kWh" in reply["text"]
    assert buttons(reply)[-1]["switch_inline_query"] == "100 queries a day"


async def test_energy_for_another_bot_is_ignored(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(
        make_message_update(app.bot, "/energy@other_bot 100 queries a day", chat_type="group")
    )

    assert api.calls == []


@pytest.mark.parametrize(
    ("original", "korean"),
    [
        (message("하루에 100번", chat_type="group"), True),
        (message(None, chat_type="group", caption="100 queries a day", photo=[]), False),
    ],
)
async def test_energy_as_a_reply_reads_and_answers_the_replied_message(
    app: KiloApplication, api: RecordingRequest, original: dict[str, object], korean: bool
) -> None:
    await app.process_update(
        make_message_update(app.bot, "/energy", chat_type="group", reply_to=original)
    )

    [reply] = api.sent
    assert reply["reply_parameters"]["message_id"] == original["message_id"]
    assert has_hangul(reply["text"]) is korean
    assert "kWh" in reply["text"]


async def test_energy_with_a_usage_as_a_reply_answers_the_original_with_the_command_text(
    app: KiloApplication, api: RecordingRequest
) -> None:
    original = message("AI is boiling the oceans!", chat_type="group", sender=user(OTHER_USER_ID))

    await app.process_update(
        make_message_update(
            app.bot, "/energy 100 queries a day", chat_type="group", reply_to=original
        )
    )

    [reply] = api.sent
    assert reply["reply_parameters"]["message_id"] == original["message_id"]
    assert buttons(reply)[-1]["switch_inline_query"] == "100 queries a day"


@pytest.mark.parametrize("language_code", ["en", "ko"])
async def test_energy_with_nothing_to_read_explains_how_to_use_it(
    app: KiloApplication, api: RecordingRequest, language_code: str
) -> None:
    await app.process_update(
        make_message_update(app.bot, "/energy", chat_type="group", language_code=language_code)
    )

    [hint] = api.sent
    assert "/energy" in hint["text"]
    assert has_hangul(hint["text"]) is (language_code == "ko")


async def test_energy_in_a_forum_topic_does_not_read_the_topic_opening(
    app: KiloApplication, api: RecordingRequest
) -> None:
    opening = message(
        None,
        chat_type="supergroup",
        forum_topic_created={"name": "Energy", "icon_color": 7322096},
    )

    await app.process_update(
        make_message_update(
            app.bot, "/energy", chat_type="supergroup", reply_to=opening, is_topic_message=True
        )
    )

    [hint] = api.sent
    assert "/energy" in hint["text"]


@pytest.mark.parametrize(
    "text", ["100 queries a day", "lol", "하루에 100번", "@kilowhat_bot 100 queries a day"]
)
async def test_group_chatter_is_ignored(
    app: KiloApplication, api: RecordingRequest, text: str
) -> None:
    await app.process_update(make_message_update(app.bot, text, chat_type="supergroup"))

    assert api.calls == []


async def test_a_reply_to_the_bot_in_a_group_is_answered(
    app: KiloApplication, api: RecordingRequest
) -> None:
    answer = message("⚡ ≈ 7.3 kWh a year", chat_type="group", sender=bot_user())
    update = make_message_update(
        app.bot, "what about 200 a day", chat_type="group", reply_to=answer
    )

    await app.process_update(update)

    [reply] = api.sent
    assert reply["reply_parameters"]["message_id"] == update.message.message_id
    assert "kWh" in reply["text"]


async def test_a_reply_to_someone_else_in_a_group_is_ignored(
    app: KiloApplication, api: RecordingRequest
) -> None:
    other = message("hi", chat_type="group", sender=user(OTHER_USER_ID))

    await app.process_update(
        make_message_update(app.bot, "100 queries a day", chat_type="group", reply_to=other)
    )

    assert api.calls == []


@pytest.mark.parametrize("command", ["/start", "/help@kilowhat_bot"])
async def test_start_and_help_in_a_group_give_the_short_help(
    app: KiloApplication, api: RecordingRequest, command: str
) -> None:
    await app.process_update(make_message_update(app.bot, command, chat_type="group"))

    [reply] = api.sent
    assert "/energy" in reply["text"]
    assert "/forget" not in reply["text"]
    assert len(reply["text"]) < 600


async def test_unknown_commands_in_a_group_get_silence(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "/ban@kilowhat_bot", chat_type="group"))
    await app.process_update(make_message_update(app.bot, "/roll", chat_type="group"))

    assert api.calls == []


async def test_an_admins_language_setting_applies_to_everyone_in_the_group(
    app: KiloApplication, api: RecordingRequest, store: ChatStore
) -> None:
    api.admins.add(USER_ID)
    await app.process_update(make_message_update(app.bot, "/language ko", chat_type="group"))
    await app.process_update(
        make_message_update(app.bot, "/energy 100 queries a day", chat_type="group")
    )

    assert store.get_language(GROUP_CHAT_ID) is Language.KO
    assert all(has_hangul(reply["text"]) for reply in api.sent)


@pytest.mark.parametrize(
    "service_message",
    [
        # The old group's last message points to the new supergroup …
        message(None, chat_type="group", migrate_to_chat_id=SUPERGROUP_CHAT_ID),
        # … and the supergroup's first message points back; either one moves the settings.
        message(
            None,
            chat_type="supergroup",
            chat_id=SUPERGROUP_CHAT_ID,
            migrate_from_chat_id=GROUP_CHAT_ID,
        ),
    ],
)
async def test_a_group_that_becomes_a_supergroup_keeps_its_language(
    app: KiloApplication,
    api: RecordingRequest,
    store: ChatStore,
    service_message: dict[str, object],
) -> None:
    store.set_language(GROUP_CHAT_ID, Language.KO)

    await app.process_update(update(app.bot, message=service_message))
    await app.process_update(
        make_message_update(
            app.bot, "/energy 100 queries a day", chat_type="supergroup", language_code="en"
        )
    )

    assert store.get_language(SUPERGROUP_CHAT_ID) is Language.KO
    assert store.get_language(GROUP_CHAT_ID) is None
    [reply] = api.sent
    assert has_hangul(reply["text"])
