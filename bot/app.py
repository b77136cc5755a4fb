"""The one composition root: the PTB Application with its services, menus and handlers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from telegram import (
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.callback_codec import is_language_data, is_usage_data
from bot.factors import Factors
from bot.flood import FloodGuard
from bot.handlers.buttons import on_language_button, on_unknown_button, on_usage_button
from bot.handlers.chats import on_migrate
from bot.handlers.commands import (
    on_details,
    on_forget,
    on_help,
    on_language,
    on_privacy,
    on_sources,
    on_start,
    on_unknown_command,
)
from bot.handlers.context import BotData, Context, Services
from bot.handlers.errors import on_error
from bot.handlers.flood import flood_guarded, flood_guarded_button
from bot.handlers.groups import RepliesToThisBot, on_energy
from bot.handlers.inline import on_inline_query
from bot.handlers.private import on_text
from bot.network import ResilientRequest, default_request
from bot.parsing.models import Language
from bot.rendering import (
    GROUP_MENU,
    PRIVATE_MENU,
    Catalogs,
    Command,
    bot_description,
    bot_short_description,
    command_menu,
)
from bot.settings import Settings
from bot.store import ChatStore
from bot.update_order import PerChatUpdateProcessor

logger = logging.getLogger(__name__)

KiloApplication = Application[ExtBot[int], Context, dict[Any, Any], dict[Any, Any], BotData, Any]

# A 429 from Telegram is retried this many times before the update's handler gives up.
MAX_RETRIES = 3
# Without a token the bot can only talk to a fake Bot API (tests, the terminal chat).
OFFLINE_TOKEN = "0:offline"

# The menu's language_code for each language; English is Telegram's fallback for everyone else.
_MENU_LANGUAGE_CODES: dict[Language, str | None] = {Language.EN: None, Language.KO: "ko"}


def build_application(
    settings: Settings,
    *,
    factors: Factors,
    catalogs: Catalogs,
    store: ChatStore,
    request: BaseRequest | None = None,
    updater: bool = True,
    flood: FloodGuard | None = None,
) -> KiloApplication:
    """Wire services, defaults, menus and every handler; running it is the caller's job.

    A `request` replaces the HTTP layer for both API calls and getUpdates (a fake Bot API in
    tests); `updater=False` leaves out polling and webhooks for callers that feed updates in.
    `flood` replaces the default per-chat flood guard (tests give it a clock of their own).
    """
    if settings.token is not None:
        token = settings.token.get_secret_value()
    elif request is not None:
        token = OFFLINE_TOKEN
    else:
        raise ValueError("a bot token is needed to reach the real Bot API")
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(AIORateLimiter(max_retries=MAX_RETRIES))
        .context_types(ContextTypes(context=Context, bot_data=BotData))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        # Chats in parallel, each chat's messages in order (see bot/update_order.py).
        .concurrent_updates(PerChatUpdateProcessor())
    )
    # Every call goes through ResilientRequest: one warning line per fault, safe retries.
    if request is not None:
        resilient = ResilientRequest(request)
        builder = builder.request(resilient).get_updates_request(resilient)
    else:
        builder = builder.request(default_request(polling=False)).get_updates_request(
            default_request(polling=True)
        )
    if not updater:
        builder = builder.updater(None)
    application = builder.build()
    flood = flood if flood is not None else FloodGuard()
    application.bot_data.install(
        Services(factors=factors, catalogs=catalogs, store=store, flood=flood)
    )
    _add_handlers(application)
    return application


def _add_handlers(application: KiloApplication) -> None:
    """Every handler, in order: the first matching handler in a group wins."""
    # Only new messages: edits, channel posts and business messages are ignored quietly.
    new = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE
    # Words to read (a text or a caption), not a command, and not sent through an inline bot:
    # the bot's own inline answers come back as private messages and must not be re-read.
    readable = (
        (filters.TEXT | filters.CAPTION) & ~filters.COMMAND & ~filters.ViaBot(allow_empty=True)
    )

    # Note: order matters.
    # 1. Housekeeping first, so a migration is never mistaken for anything else.
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))

    # 2. Commands, in private chats and groups alike (PTB checks any @botname suffix).
    commands = {
        Command.START: on_start,
        Command.HELP: on_help,
        Command.ENERGY: on_energy,
        Command.DETAILS: on_details,
        Command.SOURCES: on_sources,
        Command.LANGUAGE: on_language,
        Command.PRIVACY: on_privacy,
        Command.FORGET: on_forget,
    }
    # Every message the bot answers passes the per-chat flood guard first (see bot.flood).
    for command, callback in commands.items():
        application.add_handler(
            CommandHandler(command.value, flood_guarded(callback), filters=new)
        )

    # 3. Any other command: a short help in private chats; in groups it may be another bot's.
    application.add_handler(
        MessageHandler(new & private & filters.COMMAND, flood_guarded(on_unknown_command))
    )

    # 4. Free text: everything in private chats; in groups only replies to the bot's messages.
    application.add_handler(MessageHandler(new & private & readable, flood_guarded(on_text)))
    application.add_handler(
        MessageHandler(
            new & filters.ChatType.GROUPS & readable & RepliesToThisBot(), flood_guarded(on_text)
        )
    )

    # 5. Buttons: usage re-renders, language choices, then anything stale or forged.
    # Presses that edit a message count towards their chat's limit, like messages.
    application.add_handler(
        CallbackQueryHandler(flood_guarded_button(on_usage_button), pattern=is_usage_data)
    )
    application.add_handler(
        CallbackQueryHandler(flood_guarded_button(on_language_button), pattern=is_language_data)
    )
    application.add_handler(CallbackQueryHandler(on_unknown_button))

    # 6. Inline mode, in any chat.
    application.add_handler(InlineQueryHandler(on_inline_query))

    # 7. Last: errors are logged, and private chats get an apology.
    application.add_error_handler(on_error)


async def _post_init(application: KiloApplication) -> None:
    """Set the command menus and descriptions, per scope and language, once at start-up."""
    catalogs = application.bot_data.services.catalogs
    bot = application.bot
    scopes: list[tuple[BotCommandScope, tuple[Command, ...]]] = [
        (BotCommandScopeDefault(), PRIVATE_MENU),
        (BotCommandScopeAllPrivateChats(), PRIVATE_MENU),
        (BotCommandScopeAllGroupChats(), GROUP_MENU),
    ]
    calls: list[Coroutine[Any, Any, bool]] = []
    for language, language_code in _MENU_LANGUAGE_CODES.items():
        tr = catalogs.translator(language)
        calls.extend(
            bot.set_my_commands(command_menu(menu, tr), scope=scope, language_code=language_code)
            for scope, menu in scopes
        )
        calls.append(bot.set_my_description(bot_description(tr), language_code=language_code))
        calls.append(
            bot.set_my_short_description(bot_short_description(tr), language_code=language_code)
        )
    # All at once: ten round trips to Telegram one after another delayed the first poll.
    outcomes = await asyncio.gather(*calls, return_exceptions=True)
    failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    for failure in failures:
        if not isinstance(failure, TelegramError):
            raise failure
    if failures:
        # Menus are a nicety: a bot that answers without them beats one that will not start.
        logger.warning("could not set the command menus: %s", failures[0])


async def _post_shutdown(application: KiloApplication) -> None:
    """Close the Bot API connections, also after a failed start (a rejected token, say).

    PTB shuts the bot down only if the application finished initialising; aiohttp reports a session
    left open as an error line at exit, which would then follow the real reason for stopping.
    """
    await application.bot.shutdown()
