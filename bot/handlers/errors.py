"""The last resort: log a failed update in one line and apologise in private chats."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.handlers.context import Context
from bot.rendering import render_error

logger = logging.getLogger(__name__)


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    return f"{frames[-1].filename}:{frames[-1].lineno}"


def _is_bot_api_fault(error: BaseException | None) -> bool:
    # A 429, a 5xx, a timeout or a broken connection (BadRequest is a NetworkError too, but it
    # is the bot's own mistake).
    return isinstance(error, RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    )


async def on_error(update: object, context: Context) -> None:
    """Log the error (one line; the log filter redacts secrets), then tell a private chat."""
    error = context.error
    if _is_bot_api_fault(error):
        # bot.network already logged this fault in one line (and retried what it safely could).
        # No apology either: it would go through the same failing Telegram, or, after a
        # timeout, contradict an answer that Telegram still delivers.
        return
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
