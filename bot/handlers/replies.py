"""Sending a pipeline answer: its messages, with buttons under a usage reply."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import InlineQueryLimit

from bot.callback_codec import Horizon, UsageState, usage_buttons
from bot.parsing.models import EquivalenceQuestion, UsageMessage
from bot.pipeline import Answer
from bot.rendering import ButtonLabels, Translator, button_labels


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
