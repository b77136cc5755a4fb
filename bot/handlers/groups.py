"""Groups: /energy with a usage or as a reply, and replies to the bot's own messages."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import filters

from bot.handlers.context import Context
from bot.handlers.replies import send_answer
from bot.pipeline import answer_text
from bot.rendering import render_group_hint


class RepliesToThisBot(filters.MessageFilter):
    """Messages that reply to one of this bot's own messages (privacy mode lets them through)."""

    def filter(self, message: Message) -> bool:
        """Whether the replied-to message was sent by this bot."""
        replied = message.reply_to_message
        author = replied.from_user if replied else None
        return author is not None and author.id == message.get_bot().id


def replied_message(message: Message) -> Message | None:
    """The message this one replies to; in a forum that is not the topic's opening message."""
    replied = message.reply_to_message
    # In forum topics every message "replies" to the service message that opened the topic.
    if replied is None or replied.forum_topic_created is not None:
        return None
    return replied


async def on_energy(update: Update, context: Context) -> None:
    """/energy <use>, or /energy as a reply to a message that describes use."""
    message = update.message
    if message is None:
        return
    replied = replied_message(message)
    # The command's own words win; without them, the replied-to message is the usage.
    own_text = " ".join(context.args or ())
    text = own_text or (replied.text or replied.caption if replied else None)
    target = replied or message
    if not text:
        tr = context.translator(context.language_for(update, None))
        await message.reply_text(render_group_hint(tr))
        return
    services = context.services
    answer = answer_text(
        text,
        factors=services.factors,
        catalogs=services.catalogs,
        language=context.language_for(update, text),
    )
    tr = context.translator(answer.language)
    await send_answer(target, answer, tr, detailed=False, share=text)
