"""The composition root: defaults, the menus per scope and language, and what it refuses."""

from __future__ import annotations

from typing import Any

import pytest
from fakes import RecordingRequest, has_hangul, make_message_update
from pydantic import SecretStr
from telegram.error import InvalidToken

from bot.app import KiloApplication, build_application
from bot.factors import Factors
from bot.rendering.i18n import Catalogs
from bot.settings import Settings
from bot.store import ChatStore

_SCOPES = ["default", "all_private_chats", "all_group_chats"]


async def _post_init(app: KiloApplication, api: RecordingRequest) -> None:
    # run_polling and run_webhook call post_init; tests feed updates in, so call it here.
    assert app.post_init is not None
    await app.post_init(app)


async def test_menus_are_set_for_every_scope_in_both_languages(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await _post_init(app, api)

    menus = {
        (call["scope"]["type"], call.get("language_code")): call["commands"]
        for call in api.of("setMyCommands")
    }
    assert set(menus) == {(scope, code) for scope in _SCOPES for code in (None, "ko")}
    for (scope, code), commands in menus.items():
        names = [command["command"] for command in commands]
        assert ("energy" in names) is (scope == "all_group_chats")
        assert "help" in names
        assert all(has_hangul(c["description"]) is (code == "ko") for c in commands)
        assert all(0 < len(c["description"]) <= 256 for c in commands)


async def test_descriptions_are_set_in_both_languages_within_telegrams_limits(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await _post_init(app, api)

    descriptions = {c.get("language_code"): c["description"] for c in api.of("setMyDescription")}
    shorts = {
        c.get("language_code"): c["short_description"] for c in api.of("setMyShortDescription")
    }
    assert set(descriptions) == set(shorts) == {None, "ko"}
    assert all(0 < len(text) <= 512 for text in descriptions.values())
    assert all(0 < len(text) <= 120 for text in shorts.values())
    assert has_hangul(descriptions["ko"]) and has_hangul(shorts["ko"])
    assert not has_hangul(descriptions[None])


async def test_a_menu_failure_does_not_stop_the_bot(
    app: KiloApplication, api: RecordingRequest, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next("setMyCommands", "Too Many Requests: retry later", code=400)

    await _post_init(app, api)

    assert "could not set the command menus" in caplog.text


async def test_replies_use_html_without_link_previews(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_message_update(app.bot, "/sources"))

    assert all(reply["parse_mode"] == "HTML" for reply in api.sent)
    assert all(reply["link_preview_options"] == {"is_disabled": True} for reply in api.sent)


def _build(factors: Factors, catalogs: Catalogs, **kwargs: Any) -> KiloApplication:
    settings = kwargs.pop("settings", Settings())
    return build_application(
        settings, factors=factors, catalogs=catalogs, store=ChatStore.in_memory(), **kwargs
    )


def test_without_a_token_only_a_fake_bot_api_will_do(factors: Factors, catalogs: Catalogs) -> None:
    with pytest.raises(ValueError, match="token"):
        _build(factors, catalogs)

    assert _build(factors, catalogs, request=RecordingRequest(), updater=False).updater is None


def test_the_api_base_urls_come_from_the_settings(factors: Factors, catalogs: Catalogs) -> None:
    settings = Settings(token=SecretStr("123456:TEST"), api_base_url="http://127.0.0.1:8081/bot")

    app = _build(factors, catalogs, settings=settings)

    assert app.bot.base_url == "http://127.0.0.1:8081/bot123456:TEST"
    assert app.bot.base_file_url == "http://127.0.0.1:8081/file/bot123456:TEST"
    assert app.updater is not None


async def test_the_bot_knows_its_own_name_from_get_me(app: KiloApplication) -> None:
    assert app.bot.username == "kilowhat_bot"
    assert app.bot.id == 123456789


class ClosableRequest(RecordingRequest):
    """A recording Bot API that notes whether its connections were closed."""

    closed = False

    async def shutdown(self) -> None:
        self.closed = True


async def test_a_failed_start_still_closes_the_bot_api_connections(
    factors: Factors, catalogs: Catalogs
) -> None:
    request = ClosableRequest()
    request.fail_next("getMe", "Unauthorized", code=401)
    app = _build(
        factors, catalogs, settings=Settings(token=SecretStr("123456:TEST")), request=request
    )

    with pytest.raises(InvalidToken):
        await app.initialize()
    # What run_polling and run_webhook do when start-up fails: PTB's shutdown skips the bot.
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)

    assert request.closed
