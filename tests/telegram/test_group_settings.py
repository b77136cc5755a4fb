"""In a group only admins change the settings everyone shares; anyone may still ask."""

from __future__ import annotations

import pytest
from fakes import (
    GROUP_CHAT_ID,
    USER_ID,
    RecordingRequest,
    bot_user,
    buttons,
    chat,
    has_hangul,
    make_callback_update,
    make_message_update,
    message,
)

from bot.app import KiloApplication
from bot.parsing.models import Language
from bot.store import ChatStore

ADMINS_ONLY_EN = "Only this group's admins can change my settings here."


@pytest.mark.parametrize(
    ("command", "chat_type"),
    [
        ("/language ko", "group"),
        ("/language@kilowhat_bot auto", "supergroup"),
        ("/forget", "group"),
        ("/forget@kilowhat_bot", "supergroup"),
    ],
)
async def test_a_member_who_is_not_an_admin_cannot_change_a_groups_settings(
    app: KiloApplication, api: RecordingRequest, store: ChatStore, command: str, chat_type: str
) -> None:
    chat_id = chat(chat_type)["id"]
    store.set_language(chat_id, Language.EN)

    await app.process_update(make_message_update(app.bot, command, chat_type=chat_type))

    assert store.get_language(chat_id) is Language.EN
    [lookup] = api.of("getChatMember")
    assert (lookup["chat_id"], lookup["user_id"]) == (chat_id, USER_ID)
    [reply] = api.sent
    assert reply["text"].startswith(ADMINS_ONLY_EN)


async def test_the_admins_only_reply_is_in_the_groups_language(
    app: KiloApplication, api: RecordingRequest, store: ChatStore
) -> None:
    store.set_language(GROUP_CHAT_ID, Language.KO)

    await app.process_update(make_message_update(app.bot, "/language en", chat_type="group"))

    assert store.get_language(GROUP_CHAT_ID) is Language.KO
    [reply] = api.sent
    assert has_hangul(reply["text"])


@pytest.mark.parametrize(
    ("command", "stored"),
    [("/language ko", Language.KO), ("/language en", Language.EN), ("/forget", None)],
)
async def test_an_admin_changes_a_groups_settings(
    app: KiloApplication,
    api: RecordingRequest,
    store: ChatStore,
    command: str,
    stored: Language | None,
) -> None:
    api.admins.add(USER_ID)
    store.set_language(GROUP_CHAT_ID, Language.KO if stored is None else None)

    await app.process_update(make_message_update(app.bot, command, chat_type="group"))

    assert store.get_language(GROUP_CHAT_ID) is stored
    [reply] = api.sent
    assert ADMINS_ONLY_EN not in reply["text"]


async def test_an_anonymous_admin_writing_as_the_group_changes_its_language(
    app: KiloApplication, api: RecordingRequest, store: ChatStore
) -> None:
    # Telegram shows an anonymous admin as the group itself, from @GroupAnonymousBot.
    anonymous = {"id": 1087968824, "is_bot": True, "first_name": "Group"}
    update = make_message_update(
        app.bot,
        "/language ko",
        chat_type="group",
        sender=anonymous,
        sender_chat=chat("group"),
    )

    await app.process_update(update)

    assert store.get_language(GROUP_CHAT_ID) is Language.KO
    assert api.of("getChatMember") == []


async def test_anyone_in_a_group_may_see_the_language_setting_and_its_buttons(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "/language", chat_type="group"))

    [prompt] = api.sent
    assert len(buttons(prompt)) == 3
    assert api.of("getChatMember") == []


async def test_a_private_chat_needs_no_admin(
    app: KiloApplication, api: RecordingRequest, store: ChatStore
) -> None:
    await app.process_update(make_message_update(app.bot, "/language ko"))

    assert store.get_language(USER_ID) is Language.KO
    assert api.of("getChatMember") == []


@pytest.mark.parametrize(("admin", "stored"), [(False, None), (True, Language.KO)])
async def test_a_language_button_in_a_group_works_only_for_an_admin(
    app: KiloApplication,
    api: RecordingRequest,
    store: ChatStore,
    admin: bool,
    stored: Language | None,
) -> None:
    if admin:
        api.admins.add(USER_ID)
    prompt = message("🌐 …", chat_type="group", sender=bot_user())

    await app.process_update(make_callback_update(app.bot, "l1|ko", on=prompt))

    assert store.get_language(GROUP_CHAT_ID) is stored
    [answer] = api.of("answerCallbackQuery")
    if admin:
        [edit] = api.of("editMessageText")
        assert has_hangul(edit["text"])
    else:
        assert api.of("editMessageText") == []
        assert answer["text"].startswith(ADMINS_ONLY_EN)
        assert answer["show_alert"] is True
        assert len(answer["text"]) <= 200


async def test_when_telegram_cannot_say_who_is_an_admin_nothing_changes_and_the_user_is_told(
    app: KiloApplication, api: RecordingRequest, store: ChatStore
) -> None:
    store.set_language(GROUP_CHAT_ID, Language.EN)
    api.fail_next("getChatMember", "Bad Request: member not found")
    api.fail_next("getChatMember", "Bad Request: member not found")
    prompt = message("🌐 …", chat_type="group", sender=bot_user())

    await app.process_update(make_message_update(app.bot, "/language ko", chat_type="group"))
    await app.process_update(make_callback_update(app.bot, "l1|ko", on=prompt))

    assert store.get_language(GROUP_CHAT_ID) is Language.EN
    [reply] = api.sent
    [toast] = api.of("answerCallbackQuery")
    for text in (reply["text"], toast["text"]):
        assert text.startswith("I couldn't check with Telegram that you're an admin here")
        assert len(text) <= 200
