"""A Telegram fault is one log line: no traceback, no second report, no apology through it."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from fakes import PRIVATE_CHAT_ID, RecordingRequest, make_message_update
from telegram.error import NetworkError, TimedOut

from bot.app import KiloApplication
from bot.logs import configure_logging
from bot.network import MAX_ATTEMPTS

TOKEN = "123456:TEST-secret"


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    """Logging configured as the bot process does, into a buffer; pytest's set-up restored."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    stream = io.StringIO()
    configure_logging("DEBUG", [TOKEN], stream=stream, brief=(NetworkError,))
    yield stream
    logging.captureWarnings(False)
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name, level in quiet.items():
        logging.getLogger(name).setLevel(level)


def test_an_expected_kind_of_error_is_noted_on_its_line_instead_of_a_traceback(
    output: io.StringIO,
) -> None:
    try:
        raise TimedOut(f"no answer from https://api.telegram.org/bot{TOKEN}/getUpdates")
    except TimedOut:
        logging.getLogger("telegram.ext.Updater").exception("polling failed after %d", 3)

    [line] = output.getvalue().splitlines()
    assert line.endswith(
        "ERROR telegram.ext.Updater: polling failed after 3 "
        "(TimedOut: no answer from https://api.telegram.org/bot[redacted]/getUpdates)"
    )


def test_any_other_error_keeps_its_redacted_traceback(output: io.StringIO) -> None:
    try:
        raise KeyError(f"bot{TOKEN}")
    except KeyError:
        logging.getLogger("telegram.ext.Application").exception("a handler broke")

    text = output.getvalue()
    assert "Traceback (most recent call last)" in text
    assert TOKEN not in text


async def test_a_reply_telegram_keeps_failing_is_retried_then_dropped_without_apology(
    app: KiloApplication, api: RecordingRequest, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(MAX_ATTEMPTS):
        api.fail_next("sendMessage", "Internal Server Error", code=500)

    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    # Every attempt was the answer: no fourth message saying sorry through a failing Telegram.
    assert len(api.sent) == MAX_ATTEMPTS
    assert all(sent["chat_id"] == PRIVATE_CHAT_ID and "kWh" in sent["text"] for sent in api.sent)
    faults = [r for r in caplog.records if r.name == "bot.network"]
    assert len(faults) == MAX_ATTEMPTS
    assert all(r.levelno == logging.WARNING for r in faults)
    assert not [r for r in caplog.records if r.name == "bot.handlers.errors"]


async def test_a_reply_that_succeeds_on_a_retry_is_sent_once(
    app: KiloApplication, api: RecordingRequest, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next("sendMessage", "Bad Gateway", code=502)

    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    assert [call.method for call in api.calls] == ["sendMessage", "sendMessage"]
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning.getMessage().startswith("Bot API sendMessage failed: 502 Bad Gateway; trying")
