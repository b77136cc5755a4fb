"""The typed context every handler receives, with the services built once by app.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import CallbackContext, ExtBot

from bot.factors import Factors
from bot.flood import FloodGuard
from bot.parsing.models import Language
from bot.rendering import Catalogs, Translator, choose_language
from bot.store import ChatStore


@dataclass(frozen=True)
class Services:
    """What the handlers need from the world: factors, translations, chat settings, flood guard."""

    factors: Factors
    catalogs: Catalogs
    store: ChatStore
    flood: FloodGuard = field(default_factory=FloodGuard)


class BotData:
    """The application's bot_data; PTB builds it without arguments, app.py installs services."""

    def __init__(self) -> None:
        self._services: Services | None = None

    def install(self, services: Services) -> None:
        """Hand the services over, once, before the application starts."""
        self._services = services

    @property
    def services(self) -> Services:
        """The installed services; a handler running without them is a wiring bug."""
        if self._services is None:
            raise RuntimeError("no services installed: build the application with app.py")
        return self._services


# AIORateLimiter's per-call argument is its max_retries (an int), hence ExtBot[int].
class Context(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with typed access to the services and the reply language."""

    @property
    def services(self) -> Services:
        """The factors, catalogs and chat store."""
        return self.bot_data.services

    def language_for(self, update: Update, text: str | None) -> Language:
        """The reply language: the chat's setting, the text's script, the user's, else English."""
        chat, user = update.effective_chat, update.effective_user
        setting = self.services.store.get_language(chat.id) if chat else None
        return choose_language(setting, text, user.language_code if user else None)

    def translator(self, language: Language) -> Translator:
        """The translator for replies in `language`."""
        return self.services.catalogs.translator(language)
