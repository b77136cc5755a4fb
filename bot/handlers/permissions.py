"""Who may change a chat's settings: anyone in a private chat, only its admins in a group."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.handlers.context import Context

_ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


async def may_change_settings(update: Update, context: Context) -> bool:
    """Whether the sender of `update` may change its chat's language or delete its settings.

    In a group one member's choice applies to everyone, so it is the admins' to make.
    """
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    # An anonymous admin writes as the group itself and shows no user of their own to look up.
    sender_chat = update.message.sender_chat if update.message else None
    if sender_chat is not None and sender_chat.id == chat.id:
        return True
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in _ADMIN_STATUSES
