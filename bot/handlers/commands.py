"""The commands: /start, /help, /details, /sources, /language, /privacy, /forget, unknown ones."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.helpers import create_deep_linked_url

from bot.callback_codec import LanguageChoice, encode_language_choice, language_choice_from_word
from bot.handlers.context import Context
from bot.handlers.permissions import Permission, settings_permission
from bot.handlers.replies import command_text, replied_message, reply_with_answer
from bot.rendering import (
    Translator,
    button_labels,
    examples,
    language_choice_label,
    render_forgotten,
    render_help,
    render_language_prompt,
    render_language_set,
    render_method,
    render_privacy,
    render_sources,
    render_unknown_command,
    render_welcome,
)

# The /start payload of the "add me to a group" link; /start answers every payload alike.
_GROUP_PAYLOAD = "group"


def _in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type != ChatType.PRIVATE


def _welcome_keyboard(tr: Translator, bot_username: str) -> InlineKeyboardMarkup:
    # Each example opens inline mode in this chat with the example typed in: one tap to try it.
    rows = [
        [InlineKeyboardButton(example, switch_inline_query_current_chat=example)]
        for example in examples(tr)
    ]
    # Telegram only offers the "add to group" picker for a link with a start payload.
    group_url = create_deep_linked_url(bot_username, _GROUP_PAYLOAD, group=True)
    rows.append([InlineKeyboardButton(button_labels(tr).add_to_group, url=group_url)])
    return InlineKeyboardMarkup(rows)


async def on_start(update: Update, context: Context) -> None:
    """/start: the welcome with examples in private chats, the short help in groups."""
    message = update.message
    if message is None:
        return
    tr = context.translator(context.language_for(update, None))
    if _in_group(update):
        await message.reply_text(render_help(tr, bot_username=context.bot.username, group=True))
        return
    await message.reply_text(
        render_welcome(tr), reply_markup=_welcome_keyboard(tr, context.bot.username)
    )


async def on_help(update: Update, context: Context) -> None:
    """/help: everything the bot does (short in groups)."""
    message = update.message
    if message is None:
        return
    tr = context.translator(context.language_for(update, None))
    await message.reply_text(
        render_help(tr, bot_username=context.bot.username, group=_in_group(update))
    )


async def on_details(update: Update, context: Context) -> None:
    """/details <use> or as a reply: the detailed answer; alone: the method and its caveats."""
    message = update.message
    if message is None:
        return
    text = command_text(message, context)
    if not text:
        tr = context.translator(context.language_for(update, None))
        await message.reply_text(render_method(tr))
        return
    target = replied_message(message) or message
    await reply_with_answer(target, update, context, text, detailed=True)


async def on_sources(update: Update, context: Context) -> None:
    """/sources: every figure with its source and year."""
    message = update.message
    if message is None:
        return
    tr = context.translator(context.language_for(update, None))
    for text in render_sources(context.services.factors, tr):
        await message.reply_text(text)


def language_keyboard(tr: Translator) -> InlineKeyboardMarkup:
    """One button per language setting."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    language_choice_label(choice, tr),
                    callback_data=encode_language_choice(choice),
                )
                for choice in LanguageChoice
            ]
        ]
    )


async def on_language(update: Update, context: Context) -> None:
    """/language ko|en|auto sets the chat's language; without a valid one, offers buttons.

    In a group anyone may see the setting, but only an admin may change it.
    """
    message, chat = update.message, update.effective_chat
    if message is None or chat is None:
        return
    store = context.services.store
    choice = language_choice_from_word(context.args[0]) if context.args else None
    if choice is None:
        tr = context.translator(context.language_for(update, None))
        current = LanguageChoice.of(store.get_language(chat.id))
        await message.reply_text(
            render_language_prompt(current, tr), reply_markup=language_keyboard(tr)
        )
        return
    permission = await settings_permission(update, context)
    if permission is not Permission.ALLOWED:
        await _refuse(permission, update, context)
        return
    store.set_language(chat.id, choice.language)
    # The confirmation is written in the language just chosen.
    tr = context.translator(context.language_for(update, None))
    await message.reply_text(render_language_set(choice, tr))


async def _refuse(permission: Permission, update: Update, context: Context) -> None:
    if update.message is not None:
        tr = context.translator(context.language_for(update, None))
        await update.message.reply_text(permission.refusal(tr))


async def on_privacy(update: Update, context: Context) -> None:
    """/privacy: only chat settings are kept, never message texts."""
    message = update.message
    if message is None:
        return
    tr = context.translator(context.language_for(update, None))
    await message.reply_text(render_privacy(tr))


async def on_forget(update: Update, context: Context) -> None:
    """/forget: delete the chat's settings (in a group, only an admin may)."""
    message, chat = update.message, update.effective_chat
    if message is None or chat is None:
        return
    permission = await settings_permission(update, context)
    if permission is not Permission.ALLOWED:
        await _refuse(permission, update, context)
        return
    context.services.store.forget(chat.id)
    tr = context.translator(context.language_for(update, None))
    await message.reply_text(render_forgotten(tr))


async def on_unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not have, in a private chat: a short help."""
    message = update.message
    if message is None:
        return
    tr = context.translator(context.language_for(update, None))
    await message.reply_text(render_unknown_command(tr))
