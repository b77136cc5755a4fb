"""Who may change a chat's settings: anyone in a private chat, only its admins in a group."""

from __future__ import annotations

import enum
import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.handlers.context import Context
from bot.rendering import Translator, render_admin_check_failed, render_admins_only

logger = logging.getLogger(__name__)

_ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


class Permission(enum.Enum):
    """Whether the sender of an update may change its chat's settings."""

    ALLOWED = enum.auto()
    ADMINS_ONLY = enum.auto()
    # Telegram could not tell whether the sender is an admin: the settings stay as they are.
    UNCHECKED = enum.auto()

    def refusal(self, tr: Translator) -> str:
        """What to tell someone who may not change the settings (≤ 200 characters: a toast)."""
        if self is Permission.UNCHECKED:
            return render_admin_check_failed(tr)
        return render_admins_only(tr)


async def settings_permission(update: Update, context: Context) -> Permission:
    """Whether the sender of `update` may change its chat's language or delete its settings.

    In a group one member's choice applies to everyone, so it is the admins' to make.
    """
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return Permission.ADMINS_ONLY
    if chat.type == ChatType.PRIVATE:
        return Permission.ALLOWED
    # An anonymous admin writes as the group itself and shows no user of their own to look up.
    sender_chat = update.message.sender_chat if update.message else None
    if sender_chat is not None and sender_chat.id == chat.id:
        return Permission.ALLOWED
    if user is None:
        return Permission.ADMINS_ONLY
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:
        logger.warning(
            "could not check a group member's status: %s: %s", type(error).__name__, error
        )
        return Permission.UNCHECKED
    return Permission.ALLOWED if member.status in _ADMIN_STATUSES else Permission.ADMINS_ONLY
