"""Which language to answer in: the chat's setting, the message's own, the user's, or English."""

from __future__ import annotations

import re

from bot.parsing import detect_language
from bot.parsing.models import Language

DEFAULT_LANGUAGE = Language.EN

# Hangul or Latin letters: the scripts whose language the parser can tell apart.
_KNOWN_LETTERS = re.compile(r"[A-Za-z\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af]")
# Shorthand that speakers of either language type: "100/day", "/wk", "2.5k", "10x".
_NEUTRAL_SHORTHAND = re.compile(r"/\s*[A-Za-z]+|(?<=\d)[A-Za-z]{1,2}\b")


def choose_language(
    chat_setting: Language | None, text: str | None, language_code: str | None
) -> Language:
    """The chat's explicit setting, else the message's language, else Telegram's, else English.

    A message without words ("100", or shorthand like "100/day" and "2.5k") has no language
    of its own, so it falls through to the user's Telegram language_code ("ko-KR" → ko,
    unknown → English).
    """
    if chat_setting is not None:
        return chat_setting
    if text and _KNOWN_LETTERS.search(_NEUTRAL_SHORTHAND.sub(" ", text)):
        return detect_language(text)
    return language_from_code(language_code) or DEFAULT_LANGUAGE


def language_from_code(language_code: str | None) -> Language | None:
    """The language of an IETF tag such as Telegram's "ko-KR" or "en", or None if not ours."""
    if not language_code:
        return None
    primary = language_code.strip().replace("_", "-").split("-", 1)[0].lower()
    try:
        return Language(primary)
    except ValueError:
        return None
