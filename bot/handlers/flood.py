"""Flood guard around the handlers that write in a chat: a polite warning, then silence."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ChatType

from bot.flood import Verdict
from bot.handlers.context import Context
from bot.handlers.replies import text_of
from bot.rendering.commands import render_slow_down, render_slow_down_buttons

logger = logging.getLogger(__name__)

Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


def flood_guarded(callback: Callback) -> Callback:
    """`callback`, unless its chat is sending more than the bot should answer right now."""

    @functools.wraps(callback)
    async def guarded(update: Update, context: Context) -> None:
        message, chat = update.message, update.effective_chat
        if message is None or chat is None:
            await callback(update, context)
            return
        verdict = context.services.flood.check(chat.id, group=chat.type != ChatType.PRIVATE)
        if verdict is Verdict.ANSWER:
            await callback(update, context)
        elif verdict is Verdict.WARN:
            # No chat id in the log: which chat floods is nobody's business but the chat's.
            logger.info("a chat sends too fast: warned once, its next messages are skipped")
            tr = context.translator(context.language_for(update, text_of(message)))
            await message.reply_text(render_slow_down(tr))
        # Verdict.DROP: silence, so the flood is not answered by another flood.

    return guarded


def flood_guarded_button(callback: Callback) -> Callback:
    """`callback` for a button press, unless its chat is over its limit: then only a toast.

    Every press edits a message, and Telegram counts edits against a group's 20 a minute; past
    that, AIORateLimiter holds each edit back, and with it every other chat's updates.
    """

    @functools.wraps(callback)
    async def guarded(update: Update, context: Context) -> None:
        query, chat = update.callback_query, update.effective_chat
        if query is None or chat is None:
            await callback(update, context)
            return
        verdict = context.services.flood.check(chat.id, group=chat.type != ChatType.PRIVATE)
        if verdict is Verdict.ANSWER:
            await callback(update, context)
            return
        # A toast is seen only by whoever pressed, so each of them may be told, every time.
        tr = context.translator(context.language_for(update, None))
        await query.answer(render_slow_down_buttons(tr))

    return guarded
