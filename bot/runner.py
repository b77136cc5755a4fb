"""Running the bot process: settings, logging, data, then polling, a webhook or a terminal chat."""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import sys
from collections.abc import Mapping

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.app import KiloApplication, build_application
from bot.factors import Factors, load_factors_or_exit
from bot.flood import FloodGuard
from bot.logs import configure_logging
from bot.rendering.i18n import CatalogError, Catalogs, default_locales_path
from bot.settings import Settings, SettingsError
from bot.store import ChatStore, StoreError
from bot.terminal import TerminalRequest, chat, language_code_from_locale, stdin_lines

logger = logging.getLogger(__name__)

USAGE = """\
usage: python -m bot          run the bot (settings come from the environment, see README.md)
       python -m bot ask ...  answer messages on the command line (python -m bot ask --help)

Without TELEGRAM_BOT_TOKEN the bot chats with you in this terminal instead of Telegram."""

# Exit statuses: 2 is a set-up problem the operator must fix (settings, files), as in argparse.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SETUP = 2


def main(argv: list[str], environ: Mapping[str, str]) -> int:
    """Run `python -m bot` with these arguments and environment; returns the exit status."""
    if argv in (["-h"], ["--help"]):
        print(USAGE)
        return EXIT_OK
    if argv:
        print(USAGE, file=sys.stderr)
        return EXIT_SETUP
    try:
        settings = Settings.from_env(environ)
    except SettingsError as error:
        return _setup_failed(str(error))
    # PTB 22 warns on every 429 unless told to give its wait as a timedelta, which we never
    # read as an int anyway; set here, not at import, so that importing reads no environment.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    # Before anything else can log, so that every record passes the redacting filter. Telegram
    # errors (a slow or unreachable Telegram) are one line each, never a traceback.
    configure_logging(settings.log_level, settings.secrets, brief=(TelegramError,))
    try:
        return _run(settings, environ)
    except InvalidToken:
        # PTB's own message quotes the token; this line names the variable instead.
        logger.error(
            "the Bot API at %s rejected TELEGRAM_BOT_TOKEN; check it with @BotFather",
            settings.api_base_url,
        )
        return EXIT_SETUP
    except NetworkError as error:
        # Polling and the webhook retry network errors themselves: this one is from start-up.
        logger.error("cannot reach the Bot API at %s: %s", settings.api_base_url, error)
        return EXIT_FAILED
    except Exception:
        # Logged rather than left to Python's excepthook, so the traceback is redacted too.
        logger.exception("kilowhat stopped on an unexpected error")
        return EXIT_FAILED


def _run(settings: Settings, environ: Mapping[str, str]) -> int:
    factors = load_factors_or_exit(settings.factors_file)
    try:
        catalogs = Catalogs.load(default_locales_path())
        store = ChatStore.open(settings.data_dir)
    except (CatalogError, StoreError) as error:
        return _setup_failed(str(error))
    try:
        if settings.token is None:
            _chat_in_terminal(settings, factors, catalogs, store, environ)
            return EXIT_OK
        app = build_application(settings, factors=factors, catalogs=catalogs, store=store)
        if settings.webhook_url is None:
            _poll(app, settings)
        else:
            _serve_webhook(app, settings)
        return EXIT_OK
    finally:
        store.close()


def _poll(app: KiloApplication, settings: Settings) -> None:
    logger.info("polling %s for updates", settings.api_base_url)
    # PTB's default stop_signals (SIGINT, SIGTERM, SIGABRT) end run_polling cleanly. Pending
    # updates are kept: messages sent while the bot was down still get their answers.
    app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    logger.info("stopped")


def _serve_webhook(app: KiloApplication, settings: Settings) -> None:
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    logger.info(
        "serving the webhook on %s:%d/%s for %s",
        settings.webhook_listen,
        settings.port,
        settings.webhook_path,
        settings.webhook_url,
    )
    # Telegram posts to WEBHOOK_URL, so the local path is that URL's own path; PTB refuses any
    # request without the X-Telegram-Bot-Api-Secret-Token header equal to WEBHOOK_SECRET, and
    # ConstantTimeSecret makes that comparison constant-time.
    app.run_webhook(
        listen=settings.webhook_listen,
        port=settings.port,
        url_path=settings.webhook_path,
        webhook_url=settings.webhook_url,
        secret_token=ConstantTimeSecret(settings.webhook_secret.get_secret_value()),
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=False,
    )
    logger.info("stopped")


class ConstantTimeSecret(str):
    """The webhook secret, compared in constant time so response times reveal none of it.

    PTB 22.8 checks the header with `header != secret_token`. When the right operand's type is
    a subclass of the left's, Python asks the right operand first, so this class decides. It
    keeps PTB's run_webhook whole (server, signals, shutdown) where the alternatives replace
    it (our own webhook server) or patch PTB's private handler class; a test checks that PTB
    still compares through this class.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, str):
            return NotImplemented
        # Bytes, because compare_digest takes only ASCII str; a header may be anything.
        return hmac.compare_digest(_utf8(self), _utf8(other))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = str.__hash__


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _chat_in_terminal(
    settings: Settings,
    factors: Factors,
    catalogs: Catalogs,
    store: ChatStore,
    environ: Mapping[str, str],
) -> None:
    interactive = sys.stdin.isatty()
    if not interactive:
        # On a server a forgotten token would otherwise look like a bot that quietly exits.
        logger.warning("TELEGRAM_BOT_TOKEN is not set: answering stdin, not Telegram")
    app = build_application(
        settings,
        factors=factors,
        catalogs=catalogs,
        store=store,
        request=TerminalRequest(sys.stdout),
        updater=False,
        # Lines piped in arrive faster than any person types; Telegram's limits do not apply.
        flood=FloodGuard.unlimited(),
    )
    conversation = chat(
        app,
        stdin_lines(sys.stdin.fileno()),
        out=sys.stdout,
        language_code=language_code_from_locale(environ),
        prompt=interactive,
    )
    try:
        asyncio.run(conversation)
    except KeyboardInterrupt:
        # Ctrl-C is how a terminal chat ends: no traceback, just a clean new line.
        print(flush=True)


def _setup_failed(line: str) -> int:
    print(line, file=sys.stderr)
    return EXIT_SETUP
