"""Inline mode: "@bot 100 queries a day" in any chat offers the short and detailed replies."""

from __future__ import annotations

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)

from bot.handlers.context import Context
from bot.handlers.replies import answer_keyboard
from bot.parsing.models import EquivalenceQuestion, RefusedUsage, UsageMessage
from bot.pipeline import answer_text
from bot.rendering import inline_texts

# Results depend on who asks (their language), so Telegram must not share them across users;
# a short cache still spares the bot the keystroke-by-keystroke repeats.
CACHE_SECONDS = 10
# The /start payload of the button above the results; /start shows the welcome for any payload.
START_PARAMETER = "inline-help"


async def on_inline_query(update: Update, context: Context) -> None:
    """Offer the short and detailed answers, or a help result when there is nothing to answer."""
    inline_query = update.inline_query
    if inline_query is None:
        return
    query = inline_query.query.strip()
    language = context.language_for(update, query or None)
    tr = context.translator(language)
    texts = inline_texts(query, tr, bot_username=context.bot.username)
    services = context.services
    results: list[InlineQueryResultArticle] = []
    if query:
        short = answer_text(
            query, factors=services.factors, catalogs=services.catalogs, language=language
        )
        if isinstance(short.result, UsageMessage | EquivalenceQuestion | RefusedUsage):
            results.append(
                InlineQueryResultArticle(
                    id="short",
                    title=texts.short_title,
                    description=texts.short_description,
                    input_message_content=InputTextMessageContent(short.messages[0]),
                    # The buttons travel with the shared message, so a group can explore it too.
                    reply_markup=answer_keyboard(short, tr, detailed=False, share=query),
                )
            )
        if isinstance(short.result, UsageMessage):
            detailed = answer_text(
                query,
                factors=services.factors,
                catalogs=services.catalogs,
                language=language,
                detailed=True,
            )
            results.append(
                InlineQueryResultArticle(
                    id="detailed",
                    title=texts.detailed_title,
                    description=texts.detailed_description,
                    input_message_content=InputTextMessageContent(detailed.messages[0]),
                    reply_markup=answer_keyboard(detailed, tr, detailed=True, share=query),
                )
            )
    if not results:
        results.append(
            InlineQueryResultArticle(
                id="help",
                title=texts.help_title,
                description=texts.help_description,
                input_message_content=InputTextMessageContent(texts.help_message),
            )
        )
    await inline_query.answer(
        results,
        cache_time=CACHE_SECONDS,
        is_personal=True,
        button=InlineQueryResultsButton(texts.start_button, start_parameter=START_PARAMETER),
    )
