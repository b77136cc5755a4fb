"""The webhook secret is checked in constant time: by our class, through PTB's own webhook."""

from __future__ import annotations

import asyncio
import hmac
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_bot_api import FakeBotApi
from fakes import RecordingRequest
from pydantic import SecretStr
from test_process import (
    REPLY_TIMEOUT,
    START_TIMEOUT,
    base_env,
    free_port,
    post_update,
    running_bot,
)

import bot.runner
from bot.app import build_application
from bot.factors import Factors
from bot.rendering.i18n import Catalogs
from bot.runner import ConstantTimeSecret
from bot.settings import Settings
from bot.store import ChatStore

SECRET = "Hook_s3cret-0123456789"
# Wrong in every way a guesser might probe: one character off, a prefix, longer, empty-ish,
# and outside ASCII (compare_digest refuses non-ASCII str; the check must still say 403).
_WRONG = [SECRET[:-1] + "X", SECRET[:-1], SECRET + "0", "x", "Hook_s3cret-012345678é"]


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, bytes]]:
    """Every comparison made through hmac.compare_digest by bot.runner."""
    calls: list[tuple[bytes, bytes]] = []
    compare_digest = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return compare_digest(a, b)

    monkeypatch.setattr(bot.runner.hmac, "compare_digest", spy)
    return calls


def test_the_secret_equals_only_itself(compared: list[tuple[bytes, bytes]]) -> None:
    secret = ConstantTimeSecret(SECRET)

    # Both orders on purpose: PTB has the received header on the left.
    assert secret == SECRET
    assert SECRET == secret  # noqa: SIM300
    assert not SECRET != secret  # noqa: SIM202, SIM300
    for wrong in _WRONG:
        assert wrong != secret
        assert secret != wrong
        assert not wrong == secret  # noqa: SIM201
    assert secret != 42
    # Three comparisons with the secret, three per wrong one; 42 is not even compared.
    assert len(compared) == 3 + 3 * len(_WRONG)


def test_the_secret_is_still_a_plain_string_for_everything_else() -> None:
    secret = ConstantTimeSecret(SECRET)

    assert hash(secret) == hash(SECRET)
    assert {SECRET: 1}[secret] == 1
    assert json.dumps({"secret_token": secret}) == json.dumps({"secret_token": SECRET})


def post(port: int, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    # An update the handlers ignore (an edit), so the offline Bot API is not needed.
    chat = {"id": 1, "type": "private"}
    body = {"update_id": 1, "edited_message": {"message_id": 1, "date": 0, "chat": chat}}
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/hook", json.dumps(body).encode(), headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=REPLY_TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


async def test_ptbs_webhook_compares_the_header_through_the_constant_time_secret(
    factors: Factors, catalogs: Catalogs, compared: list[tuple[bytes, bytes]]
) -> None:
    # A tripwire: if PTB stops comparing with == or != (or copies the secret into a plain
    # str), no comparison reaches compare_digest and this fails; see bot.runner.
    store = ChatStore.in_memory()
    app = build_application(
        Settings(token=SecretStr("123456:TEST")),
        factors=factors,
        catalogs=catalogs,
        store=store,
        request=RecordingRequest(),
    )
    port = free_port()
    assert app.updater is not None
    async with app:
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url="https://example.invalid/hook",
            secret_token=ConstantTimeSecret(SECRET),
        )
        try:
            statuses = [await asyncio.to_thread(post, port, wrong) for wrong in _WRONG]
            missing = await asyncio.to_thread(post, port, None)
            right = await asyncio.to_thread(post, port, SECRET)
        finally:
            await app.updater.stop()
    store.close()

    assert statuses == [403] * len(_WRONG)
    assert missing == 403
    assert right == 200
    # Each request that carried a header was decided by compare_digest, on UTF-8 bytes.
    assert len(compared) == len(_WRONG) + 1
    assert all(expected == SECRET.encode() for expected, _ in compared)
    assert [given.decode() for _, given in compared] == [*_WRONG, SECRET]


@pytest.fixture
def server() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def test_the_running_bot_refuses_near_miss_secrets_and_answers_the_right_one_once(
    server: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    env = base_env(
        tmp_path,
        **server.env(),
        WEBHOOK_URL="https://example.invalid/hook",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port),
    )
    with running_bot(tmp_path, env) as bot:
        server.wait_for("setWebhook", timeout=START_TIMEOUT)
        update: dict[str, Any] = server.text_update("100 queries a day")

        refused = [post_update(port, "hook", update, wrong) for wrong in _WRONG]
        accepted = post_update(port, "hook", update, SECRET)
        server.wait_until(lambda: bool(server.delivered("sendMessage")), timeout=REPLY_TIMEOUT)
        assert bot.stop() == 0

    assert refused == [403] * len(_WRONG)
    assert accepted == 200
    assert len(server.calls_to("sendMessage")) == 1
    assert SECRET not in bot.stderr
    assert "Traceback" not in bot.stderr
