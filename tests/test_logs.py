"""Logging set-up: one-line records, quiet HTTP libraries, and secrets redacted from everything."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator

import pytest

from bot.logs import REDACTED, RedactingFilter, configure_logging

TOKEN = "123456:TEST-secret"
HOOK_SECRET = "hook-s3cret"


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    """Configure logging into a buffer, then put the root logger back as pytest had it."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    stream = io.StringIO()
    configure_logging("DEBUG", [TOKEN, HOOK_SECRET], stream=stream)
    yield stream
    logging.captureWarnings(False)
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name, level in quiet.items():
        logging.getLogger(name).setLevel(level)


def test_a_secret_in_the_message_is_redacted(output: io.StringIO) -> None:
    logging.getLogger("telegram.Bot").debug(f"Set Bot API URL: https://x/bot{TOKEN}")
    assert TOKEN not in output.getvalue()
    assert f"https://x/bot{REDACTED}" in output.getvalue()


def test_a_secret_in_the_arguments_is_redacted(output: io.StringIO) -> None:
    logging.getLogger("telegram.ext").info("calling %s with %r", f"bot{TOKEN}", {"s": HOOK_SECRET})
    assert TOKEN not in output.getvalue()
    assert HOOK_SECRET not in output.getvalue()
    assert output.getvalue().count(REDACTED) == 2


def test_a_secret_in_a_traceback_is_redacted(output: io.StringIO) -> None:
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
    except ConnectionError:
        logging.getLogger("telegram.ext.Updater").exception("network loop failed")
    text = output.getvalue()
    assert "Traceback (most recent call last)" in text
    assert "ConnectionError: cannot reach https://api.telegram.org/bot[redacted]/getMe" in text
    assert TOKEN not in text


def test_a_secret_in_a_chained_exception_is_redacted(output: io.StringIO) -> None:
    try:
        try:
            raise OSError(f"url {TOKEN}")
        except OSError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        logging.getLogger("x").error("failed", exc_info=outer)
    assert "The above exception was the direct cause" in output.getvalue()
    assert TOKEN not in output.getvalue()


def test_a_secret_in_the_stack_info_is_redacted() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "here", None, None)
    record.stack_info = f'Stack (most recent call last):\n  connect("{TOKEN}")'
    RedactingFilter([TOKEN]).filter(record)
    assert record.stack_info == f'Stack (most recent call last):\n  connect("{REDACTED}")'


def test_a_percent_encoded_secret_is_redacted(output: io.StringIO) -> None:
    logging.getLogger("x").info("form body token=123456%3ATEST-secret")
    assert "123456%3ATEST-secret" not in output.getvalue()
    assert f"token={REDACTED}" in output.getvalue()


def test_warnings_go_through_the_same_filter(output: io.StringIO) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(f"suspicious base url {TOKEN}", UserWarning, stacklevel=1)
    assert "suspicious base url [redacted]" in output.getvalue()
    assert TOKEN not in output.getvalue()


def test_a_record_is_one_line_with_time_level_and_logger(output: io.StringIO) -> None:
    logging.getLogger("bot.runner").info("started in %s mode", "polling")
    lines = output.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(" INFO bot.runner: started in polling mode")


def test_httpx_and_httpcore_are_quiet_below_warning(output: io.StringIO) -> None:
    logging.getLogger("httpx").info(f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/x")
    logging.getLogger("httpcore.http11").debug("send_request_headers.started")
    logging.getLogger("httpx").warning("a warning still shows")
    assert output.getvalue().count("\n") == 1
    assert "a warning still shows" in output.getvalue()


def test_the_level_hides_lower_records() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    try:
        configure_logging("WARNING", [], stream=stream)
        logging.getLogger("x").info("hidden")
        logging.getLogger("x").warning("shown")
    finally:
        logging.captureWarnings(False)
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]
    assert stream.getvalue().count("\n") == 1
    assert "shown" in stream.getvalue()


def test_no_secrets_means_nothing_is_redacted() -> None:
    redactor = RedactingFilter(["", ""])
    assert redactor.redact("any text at all") == "any text at all"


def test_a_longer_secret_containing_a_shorter_one_is_redacted_whole() -> None:
    redactor = RedactingFilter(["abc", "xxabcxx"])
    assert redactor.redact("1 xxabcxx 2 abc") == f"1 {REDACTED} 2 {REDACTED}"


def test_a_record_with_bad_format_arguments_is_still_logged_and_redacted() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d items", (TOKEN,), None)
    assert RedactingFilter([TOKEN]).filter(record)
    assert TOKEN not in record.getMessage()
