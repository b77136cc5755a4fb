"""Groups: /energy with a usage or as a reply, and replies to the bot's own messages."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import filters

from bot.handlers.context import Context
from bot.handlers.replies import command_text, replied_message, reply_with_answer
from bot.rendering import render_group_hint


class RepliesToThisBot(filters.MessageFilter):
    """Messages that reply to one of this bot's own messages (privacy mode lets them through)."""

    def filter(self, message: Message) -> bool:
        """Whether the replied-to message was sent by this bot."""
        replied = message.reply_to_message
        author = replied.from_user if replied else None
        return author is not None and author.id == message.get_bot().id


async def on_energy(update: Update, context: Context) -> None:
    """/energy <use>, or /energy as a reply to a message that describes use."""
    message = update.message
    if message is None:
        return
    text = command_text(message, context)
    if not text:
        tr = context.translator(context.language_for(update, None))
        await message.reply_text(render_group_hint(tr))
        return
    # With a usage of its own and a reply, /energy answers the replied-to message with it.
    await reply_with_answer(replied_message(message) or message, update, context, text)
