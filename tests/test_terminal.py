"""The terminal chat: local Bot API answers, plain-text rendering, and the locale's language."""

from __future__ import annotations

import io
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes, MessageHandler, filters

from bot.terminal import (
    INTRO,
    PLACEHOLDER_TOKEN,
    TerminalRequest,
    chat,
    language_code_from_locale,
    render_buttons,
    render_text,
    stdin_lines,
    text_update,
)


@pytest.fixture
async def bot() -> AsyncIterator[tuple[Bot, io.StringIO]]:
    out = io.StringIO()
    async with Bot(PLACEHOLDER_TOKEN, request=TerminalRequest(out)) as client:
        yield client, out


async def lines(*texts: str) -> AsyncIterator[str]:
    for text in texts:
        yield text


async def test_get_me_is_answered_locally(bot: tuple[Bot, io.StringIO]) -> None:
    client, _ = bot
    assert client.username == "kilowhat_bot"


async def test_a_sent_message_is_printed_as_plain_text(bot: tuple[Bot, io.StringIO]) -> None:
    client, out = bot
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="m")]])
    message = await client.send_message(
        1, "<b>7 kWh</b> &amp; more", parse_mode="HTML", reply_markup=keyboard
    )
    assert out.getvalue() == "7 kWh & more\n[ More ]\n\n"
    assert message.text == "<b>7 kWh</b> &amp; more"
    assert message.chat.id == 1


async def test_an_edit_is_printed_as_an_edit(bot: tuple[Bot, io.StringIO]) -> None:
    client, out = bot
    await client.edit_message_text("new text", chat_id=1, message_id=3)
    assert out.getvalue() == "(edited)\nnew text\n\n"


async def test_set_up_calls_succeed_silently(bot: tuple[Bot, io.StringIO]) -> None:
    client, out = bot
    assert await client.set_my_commands([("help", "Help")])
    assert await client.set_my_description("d")
    assert await client.set_my_short_description("s")
    assert out.getvalue() == ""


async def test_a_callback_answer_with_text_is_printed(bot: tuple[Bot, io.StringIO]) -> None:
    client, out = bot
    assert await client.answer_callback_query("1", text="This button has expired")
    assert out.getvalue() == "(This button has expired)\n\n"


async def test_other_methods_are_refused_clearly(bot: tuple[Bot, io.StringIO]) -> None:
    client, _ = bot
    with pytest.raises(
        BadRequest, match=r"(?i)method sendphoto is not available in the terminal chat"
    ):
        await client.send_photo(1, "https://example.invalid/x.png")


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<b>bold</b> and <i>italic</i>", "bold and italic"),
        ('<a href="https://x.org/a">source</a>', "source (https://x.org/a)"),
        ('<a href="https://x.org">https://x.org</a>', "https://x.org"),
        ("1 &lt; 2 &amp;&amp; 3 &gt; 2", "1 < 2 && 3 > 2"),
        ("<blockquote expandable>quote</blockquote>", "quote"),
    ],
)
def test_html_is_rendered_as_plain_text(html: str, plain: str) -> None:
    assert render_text(html, "HTML") == plain


def test_text_without_a_parse_mode_is_left_alone() -> None:
    assert render_text("<b>literal</b>", None) == "<b>literal</b>"


def test_buttons_are_one_line_per_row() -> None:
    markup = {"inline_keyboard": [[{"text": "Day"}, {"text": "Year"}], [{"text": "Share"}]]}
    assert render_buttons(markup) == "\n[ Day | Year ]\n[ Share ]"
    assert render_buttons(None) == ""


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({"LANG": "ko_KR.UTF-8"}, "ko-kr"),
        ({"LANG": "en_US.UTF-8"}, "en-us"),
        ({"LANG": "de_DE@euro"}, "de-de"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({}, None),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "ko_KR.UTF-8"}, "ko-kr"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ko_KR.UTF-8"}, "ko-kr"),
    ],
)
def test_the_language_code_comes_from_the_locale(
    environ: dict[str, str], code: str | None
) -> None:
    assert language_code_from_locale(environ) == code


def test_a_command_gets_a_bot_command_entity() -> None:
    update = text_update(5, "/help me", "ko")
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 5}]
    assert update["message"]["from"]["language_code"] == "ko"
    assert "language_code" not in text_update(6, "hi", None)["message"]["from"]


async def test_each_line_goes_through_the_apps_handlers() -> None:
    out = io.StringIO()
    seen: list[tuple[str | None, str | None]] = []

    async def echo(update: Any, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append((update.message.text, update.effective_user.language_code))
        await update.message.reply_text(f"echo {update.message.text}")

    async def help_(update: Any, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("help text")

    app = (
        ApplicationBuilder()
        .token(PLACEHOLDER_TOKEN)
        .request(TerminalRequest(out))
        .get_updates_request(TerminalRequest(out))
        .updater(None)
        .build()
    )
    app.add_handler(CommandHandler("help", help_))
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await chat(app, lines("hello", "  ", "/help"), out=out, language_code="ko")
    assert seen == [("hello", "ko")]
    assert out.getvalue() == f"{INTRO}\n\necho hello\n\nhelp text\n\n"


async def test_stdin_lines_reads_lines_until_end_of_file() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, "one\n두 번째\nlast without newline".encode())
    os.close(write_end)
    try:
        got = [line async for line in stdin_lines(read_end)]
    finally:
        os.close(read_end)
    assert got == ["one", "두 번째", "last without newline"]
