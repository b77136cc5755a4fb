"""Messages read as a usage: any private text or caption, and replies to the bot in groups."""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import Context
from bot.handlers.replies import send_answer
from bot.pipeline import answer_text


async def on_text(update: Update, context: Context) -> None:
    """Answer with the short comparison and its buttons, replying to the message."""
    message = update.message
    text = message.text or message.caption if message else None
    if message is None or text is None:
        return
    language = context.language_for(update, text)
    services = context.services
    answer = answer_text(
        text, factors=services.factors, catalogs=services.catalogs, language=language
    )
    tr = context.translator(answer.language)
    await send_answer(message, answer, tr, detailed=False, share=text)
