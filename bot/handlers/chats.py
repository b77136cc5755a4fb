"""Chat housekeeping: a group that becomes a supergroup keeps its settings."""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import Context


async def on_migrate(update: Update, context: Context) -> None:
    """Move the chat's settings to its new id (both service messages arrive; either works)."""
    message = update.effective_message
    if message is None:
        return
    store = context.services.store
    if message.migrate_to_chat_id is not None:
        store.migrate(message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id is not None:
        store.migrate(message.migrate_from_chat_id, message.chat_id)
