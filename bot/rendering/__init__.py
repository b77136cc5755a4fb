"""Replies in Korean and English as Telegram HTML, given a translator (no telegram here)."""

from bot.rendering.i18n import CatalogError, Catalogs, Translator, default_locales_path
from bot.rendering.language import choose_language, language_from_code
from bot.rendering.markup import MAX_MESSAGE_LENGTH, message_length, split_message
from bot.rendering.reply import (
    render_comparison,
    render_details,
    render_equivalence,
    render_not_understood,
    render_refusal,
)

__all__ = [
    "MAX_MESSAGE_LENGTH",
    "CatalogError",
    "Catalogs",
    "Translator",
    "choose_language",
    "default_locales_path",
    "language_from_code",
    "message_length",
    "render_comparison",
    "render_details",
    "render_equivalence",
    "render_not_understood",
    "render_refusal",
    "split_message",
]
