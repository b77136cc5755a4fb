"""Button presses: horizon and More/Less re-render a reply in place; language buttons set it."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.callback_codec import decode_language_choice, decode_usage
from bot.handlers.context import Context
from bot.handlers.permissions import Permission, settings_permission
from bot.handlers.replies import answer_keyboard, share_query_of
from bot.pipeline import answer_usage
from bot.rendering import render_button_expired, render_language_set

# Telegram refuses an edit that changes nothing (pressing the horizon already shown).
_NOT_MODIFIED = "message is not modified"


async def _edit(
    query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    try:
        await query.edit_message_text(text, reply_markup=keyboard)
    except BadRequest as error:
        if _NOT_MODIFIED not in error.message.lower():
            raise


async def _expired(query: CallbackQuery, update: Update, context: Context) -> None:
    tr = context.translator(context.language_for(update, None))
    await query.answer(render_button_expired(tr))


async def on_usage_button(update: Update, context: Context) -> None:
    """Re-render the usage in a button's payload (new horizon or variant) in place."""
    query = update.callback_query
    if query is None:
        return
    state = decode_usage(query.data)
    # A message too old to reach (Telegram sends its date as 0) cannot be edited any more.
    if state is None or (query.message is not None and not query.message.is_accessible):
        await _expired(query, update, context)
        return
    message = query.message if isinstance(query.message, Message) else None
    await query.answer()
    services = context.services
    answer = answer_usage(
        state.usage,
        factors=services.factors,
        catalogs=services.catalogs,
        language=state.language,
        detailed=state.detailed,
    )
    tr = context.translator(answer.language)
    keyboard = answer_keyboard(answer, tr, detailed=state.detailed, share=share_query_of(message))
    first, *rest = answer.messages
    await _edit(query, first, keyboard)
    # A detailed answer too long for one message continues below it.
    for text in rest:
        if message is not None:
            await message.reply_text(text)


async def on_language_button(update: Update, context: Context) -> None:
    """Set the chat's language from a /language button and confirm in place."""
    query, chat = update.callback_query, update.effective_chat
    if query is None:
        return
    choice = decode_language_choice(query.data)
    if choice is None or chat is None:
        await _expired(query, update, context)
        return
    permission = await settings_permission(update, context)
    if permission is not Permission.ALLOWED:
        tr = context.translator(context.language_for(update, None))
        await query.answer(permission.refusal(tr), show_alert=True)
        return
    context.services.store.set_language(chat.id, choice.language)
    await query.answer()
    # The confirmation is written in the language just chosen.
    tr = context.translator(context.language_for(update, None))
    await _edit(query, render_language_set(choice, tr))


async def on_unknown_button(update: Update, context: Context) -> None:
    """Any other payload (an old format, or forged): say the button has expired."""
    if update.callback_query is not None:
        await _expired(update.callback_query, update, context)
