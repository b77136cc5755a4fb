"""A fake Telegram Bot API server on 127.0.0.1: records calls, long-polls, and injects faults."""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

DEFAULT_TOKEN = "123456:TEST"
PRIVATE_CHAT_ID = 1000001
GROUP_CHAT_ID = -4000001
SUPERGROUP_CHAT_ID = -1001000000001
MAX_TEXT_LENGTH = 4096

# PTB form-encodes every parameter, JSON-encoding the non-strings. These are strings on the
# Bot API side, so they are kept as sent (a message text "100" must not become the number 100).
_STRING_PARAMS = frozenset(
    {
        "action",
        "business_connection_id",
        "callback_query_id",
        "caption",
        "description",
        "emoji",
        "guest_query_id",
        "inline_message_id",
        "inline_query_id",
        "ip_address",
        "language_code",
        "message_effect_id",
        "name",
        "next_offset",
        "parse_mode",
        "secret_token",
        "short_description",
        "text",
        "url",
    }
)

# Methods whose result on Telegram is a plain `true`.
_TRUE_METHODS = frozenset(
    {
        "answercallbackquery",
        "answerinlinequery",
        "close",
        "deletemessage",
        "deletemycommands",
        "logout",
        "sendchataction",
        "setchatmenubutton",
        "setmycommands",
        "setmydefaultadministratorrights",
        "setmydescription",
        "setmyname",
        "setmyshortdescription",
    }
)


@dataclass(frozen=True)
class RetryAfter:
    """Answer 429 Too Many Requests with parameters.retry_after, as Telegram's flood control."""

    seconds: int = 1


@dataclass(frozen=True)
class ServerError:
    """Answer an HTTP error status with Telegram's error body (500, 502, 400 …)."""

    status: int = 500
    description: str = "Internal Server Error"


@dataclass(frozen=True)
class Delay:
    """Wait this long, then answer normally: a slow Telegram."""

    seconds: float


@dataclass(frozen=True)
class Drop:
    """Close the connection without answering: a dropped connection."""


Fault = RetryAfter | ServerError | Delay | Drop


@dataclass(frozen=True)
class Call:
    """One request the bot made: the method as sent, its decoded parameters, any fault applied.

    `at` is when it arrived (time.monotonic()), for checking rates, never durations.
    """

    method: str
    params: Mapping[str, Any]
    fault: Fault | None = None
    at: float = field(default_factory=time.monotonic)


class FakeBotApi:
    """A Bot API server for one bot token, served from a background thread.

    Use as a context manager. Point the bot at `base_url` (or pass `env()` to a process),
    queue user updates with `send_text`/`enqueue_update`, and wait for the bot's calls with
    `wait_for`. `inject` makes the next calls of a method fail, for hardening tests.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "kilowhat_test_bot",
        max_poll_seconds: float = 30.0,
    ) -> None:
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Kilowhat Test",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self._max_poll_seconds = max_poll_seconds
        self._changed = threading.Condition()
        self._closing = threading.Event()
        self._calls: list[Call] = []
        self._delivered: list[Call] = []
        self._pending: list[dict[str, Any]] = []
        self._faults: dict[str, list[list[Any]]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._webhook: dict[str, Any] | None = None
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._connections: set[socket.socket] = set()
        self._in_flight = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle

    def start(self) -> Self:
        """Listen on 127.0.0.1 on a free port and serve from a daemon thread."""
        handler = type("Handler", (_Handler,), {"api": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            # A short poll interval keeps stop() quick; serve_forever checks it for shutdown.
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-bot-api",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake every long poll, close every connection and stop serving."""
        self._closing.set()
        with self._changed:
            self._changed.notify_all()
            # Let woken long polls answer before their connections are cut.
            self._changed.wait_for(lambda: self._in_flight == 0, timeout=5)
            connections = list(self._connections)
        # Idle keep-alive connections would otherwise keep their handler threads waiting.
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the server first"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """PTB's base_url form: no token, PTB appends it."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def env(self) -> dict[str, str]:
        """The environment that points a `python -m bot` process at this server."""
        return {
            "TELEGRAM_BOT_TOKEN": self.token,
            "TELEGRAM_API_BASE_URL": self.base_url,
            "TELEGRAM_API_BASE_FILE_URL": self.base_file_url,
        }

    # The user's side

    def enqueue_update(self, update: Mapping[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates, numbering it if it has no update_id; returns it."""
        queued = dict(update)
        with self._changed:
            queued.setdefault("update_id", next(self._update_ids))
            message = queued.get("message")
            if isinstance(message, dict) and isinstance(message.get("chat"), dict):
                self._chats[message["chat"]["id"]] = message["chat"]
            self._pending.append(queued)
            self._changed.notify_all()
        return queued

    def text_update(
        self,
        text: str,
        *,
        chat_id: int = PRIVATE_CHAT_ID,
        user_id: int = PRIVATE_CHAT_ID,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """A numbered text-message update, not queued (to post to a webhook, say)."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Test"}
        if language_code is not None:
            user["language_code"] = language_code
        if chat_id > 0:
            chat: dict[str, Any] = {"id": chat_id, "type": "private", "first_name": "Test"}
        elif chat_id < -1000000000000:
            chat = {"id": chat_id, "type": "supergroup", "title": "Test Supergroup"}
        else:
            chat = {"id": chat_id, "type": "group", "title": "Test Group"}
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        with self._changed:
            self._chats[chat_id] = chat
            return {"update_id": next(self._update_ids), "message": message}

    def send_text(self, text: str, **options: Any) -> dict[str, Any]:
        """Queue a text message from a user (see text_update for the options); returns it."""
        return self.enqueue_update(self.text_update(text, **options))

    # The bot's side

    @property
    def calls(self) -> list[Call]:
        """Every call so far, in order (a snapshot)."""
        with self._changed:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """Every call to `method` (case-insensitive) so far."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def wait_for(
        self,
        method: str,
        *,
        where: Callable[[Call], bool] | None = None,
        after: int = 0,
        timeout: float = 10.0,
    ) -> Call:
        """The first matching call to `method` at index ≥ `after`; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for call in self._calls[after:]:
                    if call.method.lower() == method.lower() and (where is None or where(call)):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [call.method for call in self._calls]
                    raise AssertionError(f"no {method} call within {timeout}s; calls: {seen}")
                self._changed.wait(remaining)

    def delivered(self, method: str) -> list[Call]:
        """The calls to `method` that took effect (answered 200, even if the bot had gone)."""
        with self._changed:
            return [call for call in self._delivered if call.method.lower() == method.lower()]

    def wait_until(self, condition: Callable[[], bool], *, timeout: float = 10.0) -> None:
        """Wait until `condition()` holds, re-checking after every call; AssertionError on timeout.

        `condition` may use the other accessors (the lock is re-entrant).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [call.method for call in self._calls]
                    raise AssertionError(f"condition not met within {timeout}s; calls: {seen}")
                self._changed.wait(remaining)

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The last setWebhook parameters, or None when no webhook is set."""
        with self._changed:
            return None if self._webhook is None else dict(self._webhook)

    # Faults

    def inject(self, method: str, fault: Fault, *, times: int | None = 1) -> None:
        """Apply `fault` to the next `times` calls of `method` (None: every call until cleared).

        Faults for one method apply in the order they were injected.
        """
        with self._changed:
            self._faults.setdefault(method.lower(), []).append([fault, times])

    def clear_faults(self) -> None:
        with self._changed:
            self._faults.clear()

    # Serving

    def _take_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method.lower())
        if not queue:
            return None
        entry = queue[0]
        fault: Fault = entry[0]
        if entry[1] is not None:
            entry[1] -= 1
            if entry[1] <= 0:
                queue.pop(0)
        return fault

    def _serve(self, handler: _Handler, path: str, params: dict[str, Any]) -> None:
        with self._changed:
            self._in_flight += 1
        try:
            self._serve_call(handler, path, params)
        finally:
            with self._changed:
                self._in_flight -= 1
                self._changed.notify_all()

    def _serve_call(self, handler: _Handler, path: str, params: dict[str, Any]) -> None:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            handler.reply(HTTPStatus.UNAUTHORIZED, _error(401, "Unauthorized"))
            return
        method = path.removeprefix(prefix)
        with self._changed:
            fault = self._take_fault(method)
            call = Call(method, params, fault)
            self._calls.append(call)
            self._changed.notify_all()
        if isinstance(fault, Drop):
            handler.drop()
            return
        if isinstance(fault, RetryAfter):
            body = _error(429, f"Too Many Requests: retry after {fault.seconds}")
            body["parameters"] = {"retry_after": fault.seconds}
            handler.reply(HTTPStatus.TOO_MANY_REQUESTS, body)
            return
        if isinstance(fault, ServerError):
            handler.reply(fault.status, _error(fault.status, fault.description))
            return
        if isinstance(fault, Delay) and self._closing.wait(fault.seconds):
            handler.drop()
            return
        status, body = self._answer(method.lower(), params)
        if status == HTTPStatus.OK:
            # Like Telegram, the call takes effect whether or not the bot is still listening.
            with self._changed:
                self._delivered.append(call)
                self._changed.notify_all()
        handler.reply(status, body)

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method in _TRUE_METHODS:
            return 200, _ok(True)
        if method == "getme":
            return 200, _ok(self.bot_user)
        if method == "getupdates":
            return self._get_updates(params)
        if method in {"sendmessage", "editmessagetext", "editmessagereplymarkup"}:
            return self._message(method, params)
        if method == "setwebhook":
            with self._changed:
                self._webhook = dict(params)
            return 200, _ok(True)
        if method == "deletewebhook":
            with self._changed:
                self._webhook = None
                if params.get("drop_pending_updates"):
                    self._pending.clear()
            return 200, _ok(True)
        if method == "getwebhookinfo":
            with self._changed:
                url = "" if self._webhook is None else str(self._webhook.get("url", ""))
                pending = len(self._pending)
            info = {"url": url, "has_custom_certificate": False, "pending_update_count": pending}
            return 200, _ok(info)
        return 404, _error(404, "Not Found")

    def _get_updates(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self._webhook is not None:
            text = "Conflict: can't use getUpdates method while webhook is active"
            return 409, _error(409, text)
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self._max_poll_seconds)
        deadline = time.monotonic() + wait
        with self._changed:
            # As on Telegram, asking for `offset` confirms every update before it.
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
            while not self._pending and not self._closing.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(remaining)
            return 200, _ok(self._pending[:limit])

    def _message(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if "inline_message_id" in params:
            return 200, _ok(True)
        text = params.get("text")
        if method != "editmessagereplymarkup":
            if not text:
                return 400, _error(400, "Bad Request: message text is empty")
            if len(str(text)) > MAX_TEXT_LENGTH:
                return 400, _error(400, "Bad Request: message is too long")
        chat_id = int(params["chat_id"])
        with self._changed:
            chat = self._chats.get(chat_id) or {
                "id": chat_id,
                "type": "private" if chat_id > 0 else "group",
            }
            message_id = params.get("message_id") or next(self._message_ids)
        message: dict[str, Any] = {
            "message_id": int(message_id),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
        }
        if text is not None:
            message["text"] = str(text)
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return 200, _ok(message)

    def _track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._changed:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A bot process killed mid-request resets its connections; that is not a test failure.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Without TCP_NODELAY every small response waits ~40 ms for the client's delayed ACK.
    disable_nagle_algorithm = True
    api: FakeBotApi

    def setup(self) -> None:
        super().setup()
        self.api._track(self.connection, open_=True)

    def finish(self) -> None:
        self.api._track(self.connection, open_=False)
        with contextlib.suppress(OSError):
            super().finish()

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        try:
            params = dict(_decode_form(parts.query))
            params.update(self._body_params())
        except ValueError as error:
            self.reply(400, _error(400, f"Bad Request: {error}"))
            return
        self.api._serve(self, parts.path, params)

    do_GET = do_POST

    def _body_params(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not body:
            return {}
        kind = self.headers.get_content_type()
        if kind == "application/json":
            decoded = json.loads(body)
            if not isinstance(decoded, dict):
                raise ValueError("the JSON body must be an object")
            return decoded
        if kind == "application/x-www-form-urlencoded":
            return dict(_decode_form(body.decode()))
        raise ValueError(f"{kind} bodies are not supported by the fake server")

    def reply(self, status: int, body: Mapping[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def log_message(self, format: str, *args: Any) -> None:
        # Calls are recorded on the FakeBotApi; stderr noise would only hide test output.
        pass


def _decode_form(text: str) -> list[tuple[str, Any]]:
    pairs = []
    for name, value in parse_qsl(text, keep_blank_values=True):
        if name in _STRING_PARAMS:
            pairs.append((name, value))
            continue
        try:
            pairs.append((name, json.loads(value)))
        except ValueError:
            pairs.append((name, value))
    return pairs


def _ok(result: Any) -> dict[str, Any]:
    return {"ok": True, "result": result}


def _error(code: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": code, "description": description}
