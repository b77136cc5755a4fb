"""Shared by the handlers: finding the words to read, answering them, and the buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import InlineQueryLimit

from bot.callback_codec import Horizon, UsageState, usage_buttons
from bot.handlers.context import Context
from bot.parsing.models import EquivalenceQuestion, UsageMessage
from bot.pipeline import Answer, answer_text
from bot.rendering import ButtonLabels, Translator, button_labels


def text_of(message: Message | None) -> str | None:
    """A message's words: its text, or a photo's (or any media's) caption."""
    if message is None:
        return None
    return message.text or message.caption


def replied_message(message: Message) -> Message | None:
    """The message this one replies to; in a forum that is not the topic's opening message."""
    replied = message.reply_to_message
    # In forum topics every message "replies" to the service message that opened the topic.
    if replied is None or replied.forum_topic_created is not None:
        return None
    return replied


def command_text(message: Message, context: Context) -> str | None:
    """What a command should read: its own words, else the message it replies to."""
    return " ".join(context.args or ()) or text_of(replied_message(message)) or None


def _horizon_label(horizon: Horizon, labels: ButtonLabels) -> str:
    return {Horizon.DAY: labels.day, Horizon.MONTH: labels.month, Horizon.YEAR: labels.year}[
        horizon
    ]


def answer_keyboard(
    answer: Answer, tr: Translator, *, detailed: bool, share: str | None
) -> InlineKeyboardMarkup | None:
    """Horizon, More/Less and Share buttons for a one-message answer, where they make sense."""
    if len(answer.messages) != 1:
        # A button edits one message in place; an answer in several parts has nothing to edit.
        return None
    labels = button_labels(tr)
    rows: list[list[InlineKeyboardButton]] = []
    last_row: list[InlineKeyboardButton] = []
    if isinstance(answer.result, UsageMessage):
        state = UsageState(answer.result.usage, answer.language, detailed)
        buttons = usage_buttons(state)
        if buttons is not None:
            rows.append(
                [
                    InlineKeyboardButton(
                        labels.current(_horizon_label(button.horizon, labels))
                        if button.current
                        else _horizon_label(button.horizon, labels),
                        callback_data=button.data,
                    )
                    for button in buttons.horizons
                ]
            )
            toggle = labels.less if buttons.detailed else labels.more
            last_row.append(InlineKeyboardButton(toggle, callback_data=buttons.toggle))
    # Telegram reads only the first 256 characters of an inline query: a longer phrase is lost.
    shareable = isinstance(answer.result, UsageMessage | EquivalenceQuestion)
    if shareable and share and len(share) <= InlineQueryLimit.MAX_QUERY_LENGTH:
        last_row.append(InlineKeyboardButton(labels.share, switch_inline_query=share))
    if last_row:
        rows.append(last_row)
    return InlineKeyboardMarkup(rows) if rows else None


def share_query_of(message: Message | None) -> str | None:
    """The phrase a Share button under `message` carries, to keep it when the message is edited."""
    if message is None or message.reply_markup is None:
        return None
    for row in message.reply_markup.inline_keyboard:
        for button in row:
            if button.switch_inline_query:
                return button.switch_inline_query
    return None


async def send_answer(
    target: Message, answer: Answer, tr: Translator, *, detailed: bool, share: str | None
) -> None:
    """Reply to `target` with every part of the answer; buttons go under a one-part answer."""
    keyboard = answer_keyboard(answer, tr, detailed=detailed, share=share)
    for text in answer.messages:
        await target.reply_text(text, reply_markup=keyboard)


async def reply_with_answer(
    target: Message, update: Update, context: Context, text: str, *, detailed: bool = False
) -> None:
    """Read `text`, answer it in the chat's language and reply to `target` with the buttons."""
    services = context.services
    answer = answer_text(
        text,
        factors=services.factors,
        catalogs=services.catalogs,
        language=context.language_for(update, text),
        detailed=detailed,
    )
    tr = context.translator(answer.language)
    await send_answer(target, answer, tr, detailed=detailed, share=text)
