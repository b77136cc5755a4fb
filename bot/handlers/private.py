"""Messages read as a usage: any private text or caption, and replies to the bot in groups."""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import Context
from bot.handlers.replies import reply_with_answer, text_of


async def on_text(update: Update, context: Context) -> None:
    """Answer with the short comparison and its buttons, replying to the message."""
    message = update.message
    text = text_of(message)
    if message is None or text is None:
        return
    await reply_with_answer(message, update, context, text)
