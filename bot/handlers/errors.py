"""The last resort: log a failed update in one line and apologise in private chats."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.constants import ChatType

from bot.handlers.context import Context
from bot.rendering import render_error

logger = logging.getLogger(__name__)


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    return f"{frames[-1].filename}:{frames[-1].lineno}"


async def on_error(update: object, context: Context) -> None:
    """Log the error (one line; the log filter redacts secrets), then tell a private chat."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if error is not None:
        logger.error(
            "update %s failed: %s: %s (at %s)",
            update_id,
            type(error).__name__,
            error,
            _where(error),
        )
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    try:
        tr = context.translator(context.language_for(update, None))
        await chat.send_message(render_error(tr))
    # Broad on purpose: an error handler that raises would only hide the original error.
    except Exception as failure:
        logger.error("could not apologise to the chat: %s: %s", type(failure).__name__, failure)
