"""ResilientRequest: which faults are retried, which are not, and one warning line for each."""

from __future__ import annotations

import contextlib
import json
import logging
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.network import MAX_ATTEMPTS, ResilientRequest

TOKEN = "123456:SECRET-token"

Step = tuple[int, dict[str, Any]] | BaseException


def ok() -> tuple[int, dict[str, Any]]:
    return 200, {"ok": True, "result": True}


def status(code: int, description: str = "Internal Server Error") -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if code == 429:
        body["parameters"] = {"retry_after": 1}
    return code, body


def failure(kind: type[TelegramError], cause: aiohttp.ClientError) -> TelegramError:
    """What AiohttpRequest raises: a PTB error "from" aiohttp's error."""
    error = kind("Timed out") if kind is TimedOut else kind(f"aiohttp.{type(cause).__name__}")
    error.__cause__ = cause
    return error


# aiohttp's connection key, as far as its error message reads it.
_KEY: Any = SimpleNamespace(host="127.0.0.1", port=1, ssl=True)
READ_TIMEOUT = failure(TimedOut, aiohttp.SocketTimeoutError("Timeout on reading data from socket"))
POOL_TIMEOUT = failure(
    TimedOut,
    aiohttp.ConnectionTimeoutError(f"Connection timeout to host http://127.0.0.1:1/bot{TOKEN}/x"),
)
REFUSED = failure(
    NetworkError, aiohttp.ClientConnectorError(_KEY, ConnectionRefusedError(111, "refused"))
)
DROPPED = failure(NetworkError, aiohttp.ServerDisconnectedError())
WRITE_FAILED = failure(
    NetworkError, aiohttp.ClientConnectionResetError("Cannot write to closing transport")
)
RESET = failure(NetworkError, aiohttp.ClientOSError(104, "Connection reset by peer"))


class ScriptedRequest(BaseRequest):
    """Answers each call with the next step of a script: a status and body, or an exception."""

    def __init__(self, script: list[Step]) -> None:
        self.script = list(script)
        self.attempts = 0

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        self.attempts += 1
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        code, body = step
        return code, json.dumps(body).encode()


# (case, Bot API method, script, attempts expected, error expected or None for success)
_CASES: list[tuple[str, str, list[Step], int, type[Exception] | None]] = [
    ("a 500 is retried", "sendMessage", [status(500), ok()], 2, None),
    ("a 502 every time gives up", "sendMessage", [status(502)] * 3, MAX_ATTEMPTS, NetworkError),
    ("a refused connection is retried", "sendMessage", [REFUSED, ok()], 2, None),
    ("a pool timeout (never sent) is retried", "sendMessage", [POOL_TIMEOUT, ok()], 2, None),
    ("a connection closed before any answer is retried", "sendMessage", [DROPPED, ok()], 2, None),
    ("a connection broken while writing is retried", "sendMessage", [WRITE_FAILED, ok()], 2, None),
    ("a read timeout on a send is not retried", "sendMessage", [READ_TIMEOUT], 1, TimedOut),
    ("a reset after sending is not retried", "sendMessage", [RESET], 1, NetworkError),
    ("a 429 is left to AIORateLimiter", "sendMessage", [status(429, "Too Many")], 1, RetryAfter),
    ("a 400 is not a fault", "sendMessage", [status(400, "Bad Request: no")], 1, BadRequest),
    ("a 403 is not a fault", "sendMessage", [status(403, "Forbidden: blocked")], 1, Forbidden),
    ("getUpdates is left to PTB's polling loop", "getUpdates", [status(500)], 1, NetworkError),
    ("a getUpdates timeout too", "getUpdates", [READ_TIMEOUT], 1, TimedOut),
    ("an idempotent call survives a read timeout", "getMe", [READ_TIMEOUT, ok()], 2, None),
    ("and a reset", "setMyCommands", [RESET, RESET, ok()], 3, None),
]


@pytest.mark.parametrize(
    ("method", "script", "attempts", "error"),
    [case[1:] for case in _CASES],
    ids=[case[0] for case in _CASES],
)
async def test_faults_are_retried_only_where_a_retry_cannot_duplicate_a_message(
    method: str,
    script: list[Step],
    attempts: int,
    error: type[Exception] | None,
) -> None:
    inner = ScriptedRequest(script)
    request = ResilientRequest(inner, retry_delays=(0.0, 0.0))
    url = f"http://127.0.0.1:1/bot{TOKEN}/{method}"

    if error is None:
        assert await request.post(url) is True
    else:
        with pytest.raises(error):
            await request.post(url)

    assert inner.attempts == attempts
    assert inner.script == []


@pytest.mark.parametrize(
    ("script", "warnings"),
    [
        ([status(500), ok()], 1),
        ([status(502)] * 3, 3),
        ([DROPPED, REFUSED, ok()], 2),
        ([READ_TIMEOUT], 1),
        ([POOL_TIMEOUT, ok()], 1),
        ([status(429, "Too Many Requests: retry after 1")], 1),
        ([status(400, "Bad Request: message is not modified")], 0),
        ([ok()], 0),
    ],
    ids=[
        "500",
        "502 thrice",
        "two broken connections",
        "timeout",
        "no connection in time, URL in the error",
        "429",
        "400",
        "ok",
    ],
)
async def test_each_fault_is_one_warning_line_naming_the_method_but_never_the_token(
    caplog: pytest.LogCaptureFixture, script: list[Step], warnings: int
) -> None:
    request = ResilientRequest(ScriptedRequest(script), retry_delays=(0.0, 0.0))

    with caplog.at_level(logging.DEBUG, logger="bot.network"), contextlib.suppress(TelegramError):
        await request.post(f"http://127.0.0.1:1/bot{TOKEN}/sendMessage")

    records = [record for record in caplog.records if record.name == "bot.network"]
    assert len(records) == warnings
    for record in records:
        line = record.getMessage()
        assert record.levelno == logging.WARNING
        assert record.exc_info is None
        assert "\n" not in line
        assert line.startswith("Bot API sendMessage failed: ")
        assert TOKEN not in line


async def test_a_read_timeout_says_why_it_is_not_retried(caplog: pytest.LogCaptureFixture) -> None:
    request = ResilientRequest(ScriptedRequest([READ_TIMEOUT]), retry_delays=(0.0, 0.0))

    with pytest.raises(TimedOut):
        await request.post(f"http://127.0.0.1:1/bot{TOKEN}/sendMessage")

    [record] = caplog.records
    assert "SocketTimeoutError" in record.getMessage()
    assert "Telegram may have received it" in record.getMessage()


async def test_the_wrapper_passes_on_its_inner_requests_timeout_and_lifecycle() -> None:
    inner = ScriptedRequest([])
    request = ResilientRequest(inner)

    await request.initialize()
    await request.shutdown()

    assert request.read_timeout == inner.read_timeout
    assert request.inner is inner
