"""A local chat in the terminal that goes through the bot's real handlers, with no Telegram."""

from __future__ import annotations

import asyncio
import codecs
import html
import itertools
import json
import os
import re
import threading
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any, TextIO

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

# PTB needs some token to build a Bot; TerminalRequest never sends it anywhere.
PLACEHOLDER_TOKEN = "1:terminal"
TERMINAL_CHAT_ID = 1
BOT_USER: dict[str, Any] = {
    "id": 1,
    "is_bot": True,
    "first_name": "kilowhat",
    "username": "kilowhat_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
INTRO = (
    "kilowhat, chatting locally in this terminal (no Telegram).\n"
    "Type a message such as '100 queries a day' or '하루에 질문 20번', or /help.\n"
    "To connect to Telegram, set TELEGRAM_BOT_TOKEN (from @BotFather, see README.md).\n"
    "Ctrl-D or Ctrl-C ends the chat."
)

# Methods the handlers may call whose result on Telegram is a plain `true`.
_TRUE_METHODS = frozenset(
    {
        "answerInlineQuery",
        "close",
        "deleteMessage",
        "deleteMyCommands",
        "deleteWebhook",
        "logOut",
        "sendChatAction",
        "setChatMenuButton",
        "setMyCommands",
        "setMyDescription",
        "setMyName",
        "setMyShortDescription",
    }
)
_LINK = re.compile(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class TerminalRequest(BaseRequest):
    """Answers the Bot API locally: getMe and set-up calls succeed, messages are printed."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._message_ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        status, result = self._answer(endpoint, params)
        if status != 200:
            body: dict[str, Any] = {"ok": False, "error_code": status, "description": result}
        else:
            body = {"ok": True, "result": result}
        return status, json.dumps(body).encode()

    def _answer(self, endpoint: str, params: Mapping[str, Any]) -> tuple[int, Any]:
        if endpoint == "getMe":
            return 200, BOT_USER
        if endpoint in _TRUE_METHODS:
            return 200, True
        if endpoint == "answerCallbackQuery":
            if params.get("text"):
                self._print(f"({params['text']})")
            return 200, True
        if endpoint in {"sendMessage", "editMessageText"}:
            text = render_text(str(params.get("text", "")), params.get("parse_mode"))
            if endpoint == "editMessageText":
                text = f"(edited)\n{text}"
            self._print(text + render_buttons(params.get("reply_markup")))
            return 200, self._message(params)
        if endpoint == "editMessageReplyMarkup":
            return 200, self._message(params)
        return 400, f"Bad Request: method {endpoint} is not available in the terminal chat"

    def _message(self, params: Mapping[str, Any]) -> dict[str, Any]:
        if "inline_message_id" in params:
            return {}
        chat_id = int(params.get("chat_id", TERMINAL_CHAT_ID))
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
            "text": str(params.get("text", "")),
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _print(self, text: str) -> None:
        print(f"{text}\n", file=self._out, flush=True)


def render_text(text: str, parse_mode: object) -> str:
    """Telegram HTML as plain terminal text: links keep their address, other tags go."""
    if parse_mode != "HTML":
        return text
    text = _LINK.sub(lambda m: m[2] if m[1] in {m[2], ""} else f"{m[2]} ({m[1]})", text)
    return html.unescape(_TAG.sub("", text))


def render_buttons(markup: object) -> str:
    """An inline keyboard as one line of labels per row (they cannot be pressed here)."""
    if not isinstance(markup, Mapping):
        return ""
    rows = markup.get("inline_keyboard") or []
    lines = ["[ " + " | ".join(str(b.get("text", "")) for b in row) + " ]" for row in rows]
    return "".join(f"\n{line}" for line in lines)


def language_code_from_locale(environ: Mapping[str, str]) -> str | None:
    """The user's language as Telegram would send it, from LC_ALL, LC_MESSAGES or LANG."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if not value:
            continue
        code = value.split(".", 1)[0].split("@", 1)[0]
        # The C locale says nothing about the person at the keyboard.
        if code in {"C", "POSIX"}:
            return None
        return code.replace("_", "-").lower()
    return None


def text_update(update_id: int, text: str, language_code: str | None) -> dict[str, Any]:
    """A private-chat text message from the person at the terminal, as Telegram would send it."""
    user: dict[str, Any] = {"id": TERMINAL_CHAT_ID, "is_bot": False, "first_name": "You"}
    if language_code:
        user["language_code"] = language_code
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": TERMINAL_CHAT_ID, "type": "private", "first_name": "You"},
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": update_id, "message": message}


async def chat(
    app: Application[Any, Any, Any, Any, Any, Any],
    lines: AsyncIterator[str],
    *,
    out: TextIO,
    language_code: str | None,
    prompt: bool = False,
) -> None:
    """Run the local chat: each line becomes a private text message for the app's handlers."""
    async with app:
        # run_polling would call post_init (the command menu and so on); run it the same way.
        if app.post_init is not None:
            await app.post_init(app)
        print(INTRO + "\n", file=out, flush=True)
        update_ids = itertools.count(1)
        while True:
            if prompt:
                print("> ", end="", file=out, flush=True)
            try:
                line = await anext(lines)
            except StopAsyncIteration:
                break
            text = line.strip()
            if not text:
                continue
            update = Update.de_json(text_update(next(update_ids), text, language_code), app.bot)
            await app.process_update(update)
        if prompt:
            print(file=out, flush=True)


async def stdin_lines(fd: int = 0) -> AsyncIterator[str]:
    """Lines from a file descriptor, read in a daemon thread so Ctrl-C never waits for Enter."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(line: str | None) -> bool:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        except RuntimeError:  # The chat ended and its loop closed while we were reading.
            return False
        return True

    def read() -> None:
        # os.read, not sys.stdin: a daemon thread blocked inside sys.stdin's buffer lock can
        # abort the interpreter at exit.
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            pending += decoder.decode(chunk, final=not chunk)
            *complete, pending = pending.split("\n")
            if not all(put(line) for line in complete):
                return
            if not chunk:
                if pending:
                    put(pending)
                put(None)
                return

    threading.Thread(target=read, name="terminal-stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line
