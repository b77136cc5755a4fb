"""An offline Bot API (a BaseRequest that records every call) and small update factories."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from telegram import Bot, Update
from telegram.request import BaseRequest, RequestData

BOT_ID = 123456789
BOT_USERNAME = "kilowhat_bot"
USER_ID = 4242
OTHER_USER_ID = 4343
PRIVATE_CHAT_ID = USER_ID
GROUP_CHAT_ID = -100500
SUPERGROUP_CHAT_ID = -1001234567890
# Telegram sends dates in seconds; any fixed moment will do, no test depends on the clock.
DATE = 1_750_000_000

_BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "kilowhat",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# What getChatMember says of an administrator, besides status and user: an ordinary admin.
_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}
_MESSAGE_METHODS = frozenset({"sendMessage", "editMessageText"})


@dataclass(frozen=True)
class Call:
    """One Bot API call: the method name and its decoded parameters."""

    method: str
    params: dict[str, Any]


class RecordingRequest(BaseRequest):
    """Answers the Bot API offline like PTB's OfflineRequest, but records every call.

    getMe describes @kilowhat_bot; sendMessage and editMessageText return a minimal Message;
    getChatMember says "administrator" for the user ids in `admins`, else "member"; every other
    method returns true. `fail_next` makes the next call of a method fail.
    """

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.admins: set[int] = set()
        self._failures: dict[str, list[tuple[int, str]]] = {}
        self._message_ids = itertools.count(9000)

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def fail_next(self, method: str, description: str, code: int = 400) -> None:
        """Make the next `method` call fail as Telegram would (e.g. "message is not modified").

        Called twice, the next two calls fail, and so on.
        """
        self._failures.setdefault(method, []).append((code, description))

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append(Call(name, params))
        if self._failures.get(name):
            code, description = self._failures[name].pop(0)
            body = {"ok": False, "error_code": code, "description": description}
            return code, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> object:
        if name == "getMe":
            return _BOT_USER
        if name == "getChatMember":
            user_id = int(params["user_id"])
            if user_id in self.admins:
                return {"status": "administrator", "user": user(user_id), **_ADMIN_RIGHTS}
            return {"status": "member", "user": user(user_id)}
        if name in _MESSAGE_METHODS and "chat_id" in params:
            chat_id = int(params["chat_id"])
            return {
                "message_id": int(params.get("message_id") or next(self._message_ids)),
                "date": DATE,
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": _BOT_USER,
                "text": params.get("text", ""),
            }
        return True

    # What the tests look at.

    def of(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every call of `method`, in order."""
        return [call.params for call in self.calls if call.method == method]

    @property
    def sent(self) -> list[dict[str, Any]]:
        """Every sendMessage call's parameters."""
        return self.of("sendMessage")

    @property
    def replies(self) -> list[dict[str, Any]]:
        """Every call that put text in a chat: sent, edited or answered inline."""
        return [
            call.params
            for call in self.calls
            if call.method in {"sendMessage", "editMessageText", "answerInlineQuery"}
        ]

    def clear(self) -> None:
        """Forget the calls so far (getMe and the start-up menus, say)."""
        self.calls.clear()


_update_ids = itertools.count(1)
_message_ids = itertools.count(100)


def user(
    user_id: int = USER_ID, language_code: str | None = "en", *, is_bot: bool = False
) -> dict[str, Any]:
    """A Telegram user as JSON."""
    data: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": f"user{user_id}"}
    if language_code is not None:
        data["language_code"] = language_code
    return data


def bot_user() -> dict[str, Any]:
    """This bot as the author of a message."""
    return dict(_BOT_USER)


def chat(chat_type: str = "private", chat_id: int | None = None) -> dict[str, Any]:
    """A chat as JSON; ids follow Telegram's signs (groups are negative)."""
    if chat_id is None:
        chat_id = {"private": PRIVATE_CHAT_ID, "group": GROUP_CHAT_ID}.get(
            chat_type, SUPERGROUP_CHAT_ID
        )
    data: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        data["title"] = "Energy debate"
    return data


def message(
    text: str | None = None,
    *,
    chat_type: str = "private",
    chat_id: int | None = None,
    language_code: str | None = "en",
    sender: dict[str, Any] | None = None,
    reply_to: dict[str, Any] | None = None,
    caption: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A message as JSON; a leading /command gets its bot_command entity, as Telegram does."""
    data: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": DATE,
        "chat": chat(chat_type, chat_id),
        "from": sender if sender is not None else user(language_code=language_code),
        **extra,
    }
    if text is not None:
        data["text"] = text
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if caption is not None:
        data["caption"] = caption
    if reply_to is not None:
        data["reply_to_message"] = reply_to
    return data


def update(bot: Bot, **payload: Any) -> Update:
    """An Update with one payload (message=, edited_message=, callback_query= …) for the bot."""
    data = {"update_id": next(_update_ids), **payload}
    return Update.de_json(data, bot)


def make_message_update(bot: Bot, text: str | None = None, **kwargs: Any) -> Update:
    """An Update carrying a new message (see `message` for the arguments)."""
    return update(bot, message=message(text, **kwargs))


def make_callback_update(
    bot: Bot,
    data: str,
    *,
    on: dict[str, Any] | None = None,
    language_code: str | None = "en",
    inline_message_id: str | None = None,
) -> Update:
    """A button press with `data` on the message `on` (by default a bot reply in private)."""
    query: dict[str, Any] = {
        "id": f"cq{next(_update_ids)}",
        "from": user(language_code=language_code),
        "chat_instance": "ci",
        "data": data,
    }
    if inline_message_id is not None:
        query["inline_message_id"] = inline_message_id
    else:
        query["message"] = on if on is not None else message("🚗 …", sender=bot_user())
    return update(bot, callback_query=query)


def make_inline_query_update(bot: Bot, query: str, *, language_code: str | None = "en") -> Update:
    """Someone typing "@kilowhat_bot <query>" in any chat."""
    return update(
        bot,
        inline_query={
            "id": f"iq{next(_update_ids)}",
            "from": user(language_code=language_code),
            "query": query,
            "offset": "",
        },
    )


STICKER = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]


def make_sticker_update(bot: Bot, **kwargs: Any) -> Update:
    """A sticker: a message without text or caption."""
    return update(bot, message=message(None, sticker=STICKER, **kwargs))


def make_photo_update(bot: Bot, caption: str | None = None, **kwargs: Any) -> Update:
    """A photo, with or without a caption."""
    return update(bot, message=message(None, caption=caption, photo=PHOTO, **kwargs))


def make_edited_message_update(bot: Bot, text: str, **kwargs: Any) -> Update:
    """An edit of an earlier message."""
    return update(bot, edited_message=message(text, edit_date=DATE, **kwargs))


def channel_post(text: str) -> dict[str, Any]:
    """A post in a channel: no sender, a chat of type channel."""
    return {
        "message_id": next(_message_ids),
        "date": DATE,
        "chat": {"id": -1009, "type": "channel", "title": "news"},
        "text": text,
    }


def make_channel_post_update(bot: Bot, text: str, *, edited: bool = False) -> Update:
    """A channel post, or its edit."""
    if edited:
        return update(bot, edited_channel_post=channel_post(text))
    return update(bot, channel_post=channel_post(text))


def has_hangul(text: str) -> bool:
    """Whether a reply is written in Korean (any Hangul syllable)."""
    return any("\uac00" <= character <= "\ud7a3" for character in text)


def buttons(params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every inline button of a sent or edited message, row after row."""
    markup = params.get("reply_markup") or {"inline_keyboard": []}
    return [button for row in markup["inline_keyboard"] for button in row]
