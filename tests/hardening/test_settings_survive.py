"""Settings survive kill -9 and a group's migration, /forget deletes, SIGTERM finishes replies."""

from __future__ import annotations

import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_bot_api import PRIVATE_CHAT_ID, Delay, FakeBotApi
from fakes import (
    DATE,
    GROUP_CHAT_ID,
    SUPERGROUP_CHAT_ID,
    USER_ID,
    RecordingRequest,
    chat,
    has_hangul,
    make_message_update,
    update,
)
from hardening_support import confirmed
from telegram import Update
from test_process import EXIT_TIMEOUT, REPLY_TIMEOUT, START_TIMEOUT, base_env, running_bot

from bot.app import KiloApplication
from bot.factors import Factors
from bot.parsing.models import Language
from bot.rendering.commands import render_sources
from bot.rendering.i18n import Catalogs
from bot.store import DATABASE_NAME, ChatStore


@pytest.fixture
def server() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def rows(data_dir: Path) -> list[tuple[int, str]]:
    """What the bot's database file holds, read as another process would."""
    with sqlite3.connect(data_dir / DATABASE_NAME) as connection:
        return connection.execute("SELECT chat_id, language FROM chat_language").fetchall()


def answers_after(server: FakeBotApi, seen: int) -> list[str]:
    return [call.params["text"] for call in server.delivered("sendMessage")[seen:]]


def test_a_language_choice_survives_kill_9_once_confirmed(
    server: FakeBotApi, tmp_path: Path
) -> None:
    env = base_env(tmp_path, **server.env())
    with running_bot(tmp_path, env) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        choice = server.send_text("/language ko")["update_id"]
        server.wait_until(lambda: len(server.delivered("sendMessage")) == 1, timeout=REPLY_TIMEOUT)
        # Telegram must not deliver /language again after the restart (as it would, had the bot
        # died before asking for the next updates), or the choice would simply be made anew.
        server.wait_until(lambda: confirmed(server, choice), timeout=REPLY_TIMEOUT)
        # The confirmation is out: no clean shutdown, no chance to flush anything more.
        bot.process.send_signal(signal.SIGKILL)
        assert bot.process.wait(timeout=EXIT_TIMEOUT) == -signal.SIGKILL

    with running_bot(tmp_path, env) as bot:
        seen = len(server.delivered("sendMessage"))
        server.send_text("100 queries a day", language_code="en")
        server.wait_until(
            lambda: len(server.delivered("sendMessage")) > seen, timeout=START_TIMEOUT
        )
        assert bot.stop() == 0

    [answer] = answers_after(server, seen)
    assert has_hangul(answer)


def test_forget_deletes_the_chats_row_from_the_database_file(
    server: FakeBotApi, tmp_path: Path
) -> None:
    other = PRIVATE_CHAT_ID + 1
    with running_bot(tmp_path, base_env(tmp_path, **server.env())) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        server.send_text("/language ko")
        server.send_text("/language en", chat_id=other, user_id=other)
        server.wait_until(lambda: len(server.delivered("sendMessage")) == 2, timeout=REPLY_TIMEOUT)
        assert sorted(rows(tmp_path / "data")) == [(PRIVATE_CHAT_ID, "ko"), (other, "en")]

        server.send_text("/forget")
        server.wait_until(lambda: len(server.delivered("sendMessage")) == 3, timeout=REPLY_TIMEOUT)
        # Gone as soon as /forget is confirmed, while the bot still runs.
        assert rows(tmp_path / "data") == [(other, "en")]
        assert bot.stop() == 0

    assert rows(tmp_path / "data") == [(other, "en")]


def test_sigterm_while_a_reply_is_in_flight_sends_every_part_and_exits_0(
    server: FakeBotApi, tmp_path: Path, factors: Factors, catalogs: Catalogs
) -> None:
    # /sources in English is the bot's longest answer; all its parts must still go out.
    parts = len(render_sources(factors, catalogs.translator(Language.EN)))
    # A part sent after the signal is the proof that the handler was let finish.
    assert parts >= 2, "this test needs a reply in several parts"
    with running_bot(tmp_path, base_env(tmp_path, **server.env())) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        server.inject("sendMessage", Delay(2.0))
        server.send_text("/sources", language_code="en")
        # The first part has reached Telegram, which takes its time to answer.
        server.wait_for("sendMessage", timeout=REPLY_TIMEOUT)
        assert server.delivered("sendMessage") == []
        bot.process.send_signal(signal.SIGTERM)
        assert bot.process.wait(timeout=EXIT_TIMEOUT) == 0

    assert len(server.delivered("sendMessage")) == parts
    assert len(server.calls_to("sendMessage")) == parts
    assert "Traceback" not in bot.stderr
    assert bot.stderr.rstrip().endswith("INFO bot.runner: stopped")


def test_sigint_while_a_language_choice_is_confirmed_keeps_the_choice(
    server: FakeBotApi, tmp_path: Path
) -> None:
    env = base_env(tmp_path, **server.env())
    with running_bot(tmp_path, env) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        server.inject("sendMessage", Delay(2.0))
        server.send_text("/language ko")
        server.wait_for("sendMessage", timeout=REPLY_TIMEOUT)
        assert bot.stop(signal.SIGINT) == 0

    assert len(server.delivered("sendMessage")) == 1
    assert rows(tmp_path / "data") == [(PRIVATE_CHAT_ID, "ko")]


# A group that becomes a supergroup: Telegram sends a service message in each chat.


def migration(app: KiloApplication, *, to: bool) -> Update:
    """The service message in the old group (`to`) or in the new supergroup."""
    if to:
        service = {"chat": chat("group", GROUP_CHAT_ID), "migrate_to_chat_id": SUPERGROUP_CHAT_ID}
    else:
        service = {
            "chat": chat("supergroup", SUPERGROUP_CHAT_ID),
            "migrate_from_chat_id": GROUP_CHAT_ID,
        }
    return update(app.bot, message={"message_id": 1, "date": DATE, **service})


@pytest.mark.parametrize(
    "order",
    [(True, False), (False, True), (True,), (False,)],
    ids=["to+from", "from+to", "to", "from"],
)
async def test_a_group_that_becomes_a_supergroup_keeps_its_language(
    app: KiloApplication, api: RecordingRequest, store: ChatStore, order: tuple[bool, ...]
) -> None:
    api.admins.add(USER_ID)
    await app.process_update(make_message_update(app.bot, "/language ko", chat_type="group"))
    api.clear()

    for to in order:
        await app.process_update(migration(app, to=to))
    await app.process_update(
        make_message_update(app.bot, "/energy 100 queries a day", chat_type="supergroup")
    )

    assert store.get_language(GROUP_CHAT_ID) is None
    assert store.get_language(SUPERGROUP_CHAT_ID) is Language.KO
    [answer] = api.sent
    assert answer["chat_id"] == SUPERGROUP_CHAT_ID
    assert has_hangul(answer["text"])
