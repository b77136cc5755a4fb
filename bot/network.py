"""Bot API calls through faults: one warning line per fault, bounded retries when safe."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from http import HTTPStatus
from typing import Any

import aiohttp
from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData

from bot.bot_api_http import AiohttpRequest

logger = logging.getLogger(__name__)

# Every call gets at most this many attempts here; a 429 is AIORateLimiter's to retry instead.
MAX_ATTEMPTS = 3
# Pause before the second and third attempt: long enough for a restarting proxy, short enough
# that a reply is still prompt.
RETRY_DELAYS = (0.5, 1.5)
# PTB's polling loop retries getUpdates forever with its own pauses; retrying it here too would
# only stack the waits.
_POLLING_METHOD = "getupdates"
# Methods whose repetition changes nothing (reading, setting menus, the webhook): any fault
# may be retried, a read timeout included.
_IDEMPOTENT_PREFIXES = ("get", "set", "delete")
_PTB_WAITS = "python-telegram-bot waits as asked and retries up to its limit"
_PTB_POLLS = "python-telegram-bot polls again"
# The request never reached Telegram intact, so repeating it cannot duplicate anything: no
# connection (refused, or none free or opened in time), or the connection broke while the
# request was being written. ServerDisconnectedError is a connection closed before any
# response: usually a keep-alive connection that the server or a proxy had dropped before
# reading the request. In the rare case that Telegram handled it and then dropped the
# connection, the retry posts a duplicate; we take that risk rather than leave the message
# unanswered.
_NOT_SENT = (
    aiohttp.ClientConnectorError,
    aiohttp.ConnectionTimeoutError,
    aiohttp.ClientConnectionResetError,
    aiohttp.ServerDisconnectedError,
)
# aiohttp names the URL in some errors, and a Bot API URL's path holds the token.
_URL_PATH = re.compile(r"(\w+://[^/\s]+)/\S*")


class ResilientRequest(BaseRequest):
    """Wraps a BaseRequest: logs each fault in one line and retries calls that are safe to repeat.

    Faults are a 429, a 5xx, a timeout or a broken connection; other answers (400, 403 …) are
    the caller's business and pass through silently. A call is repeated only when repeating it
    cannot duplicate a message: the request never reached Telegram, Telegram answered 5xx
    (it failed to handle it), or the method is idempotent. A read timeout on sendMessage is not
    repeated: Telegram has the request and usually delivers it late, so a retry would most often
    post the answer twice in a public chat; a lost answer is the rarer, quieter failure.
    """

    def __init__(
        self, inner: BaseRequest, *, retry_delays: tuple[float, ...] = RETRY_DELAYS
    ) -> None:
        self._inner = inner
        self._retry_delays = retry_delays[: MAX_ATTEMPTS - 1]

    @property
    def inner(self) -> BaseRequest:
        """The wrapped request, which does the HTTP."""
        return self._inner

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

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
        # The last path segment is the Bot API method; the rest of the URL holds the token.
        name = url.rsplit("/", 1)[-1]
        polling = name.lower() == _POLLING_METHOD
        idempotent = not polling and name.lower().startswith(_IDEMPOTENT_PREFIXES)
        # Bounded: the first attempt, then one per delay.
        for attempt, delay in enumerate((*self._retry_delays, None), start=1):
            retry_in = None if polling else delay
            try:
                code, payload = await self._inner.do_request(
                    url,
                    method,
                    request_data=request_data,
                    read_timeout=read_timeout,
                    write_timeout=write_timeout,
                    connect_timeout=connect_timeout,
                    pool_timeout=pool_timeout,
                )
            except Exception as error:
                sent = not _not_sent(error)
                if sent and not idempotent:
                    retry_in = None
                _warn(
                    name, _describe(error), _outcome(attempt, retry_in, polling, maybe_sent=sent)
                )
                if retry_in is None:
                    raise
                await asyncio.sleep(retry_in)
                continue
            if code == HTTPStatus.TOO_MANY_REQUESTS:
                _warn(name, f"429 {_description(payload)}", _PTB_WAITS)
                return code, payload
            if code < HTTPStatus.INTERNAL_SERVER_ERROR:
                return code, payload
            # Telegram says it failed to handle the call, so nothing was sent: try again.
            problem = f"{code} {_description(payload)}"
            _warn(name, problem, _outcome(attempt, retry_in, polling, maybe_sent=False))
            if retry_in is None:
                return code, payload
            await asyncio.sleep(retry_in)
        raise AssertionError("unreachable: the last attempt always returns or raises")


def default_request(*, polling: bool) -> ResilientRequest:
    """PTB's default HTTP (1 connection for getUpdates, 256 for the rest), made resilient."""
    return ResilientRequest(AiohttpRequest(connection_pool_size=1 if polling else 256))


def _not_sent(error: BaseException) -> bool:
    # AiohttpRequest raises TimedOut/NetworkError "from" aiohttp's error, which tells what
    # happened.
    cause = error if isinstance(error, aiohttp.ClientError) else error.__cause__
    return isinstance(cause, _NOT_SENT)


def _describe(error: BaseException) -> str:
    cause = error.__cause__ if isinstance(error, TelegramError) else None
    shown = cause if isinstance(cause, aiohttp.ClientError) else error
    detail = _URL_PATH.sub(r"\1", " ".join(str(shown).split())).rstrip(".")
    if not detail and isinstance(shown, TimeoutError):
        detail = "no answer in time"
    return f"{type(shown).__name__}: {detail}" if detail else type(shown).__name__


def _description(payload: bytes) -> str:
    try:
        body = json.loads(payload)
    except ValueError:
        return "(no JSON description)"
    description = body.get("description") if isinstance(body, dict) else None
    return " ".join(str(description).split()) if description else "(no description)"


def _outcome(attempt: int, retry_in: float | None, polling: bool, *, maybe_sent: bool) -> str:
    if polling:
        return _PTB_POLLS
    if retry_in is not None:
        return f"trying again in {retry_in:g} s (attempt {attempt + 1} of {MAX_ATTEMPTS})"
    if attempt > 1:
        return f"gave up after {attempt} attempts"
    if maybe_sent:
        return "not retried: Telegram may have received it and still deliver it"
    return "not retried"


def _warn(name: str, problem: str, outcome: str) -> None:
    logger.warning("Bot API %s failed: %s; %s", name, problem, outcome)
