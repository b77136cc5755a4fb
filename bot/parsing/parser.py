"""The parsing pipeline: turns one message into a usage, a question, or neither."""

from __future__ import annotations

import re

from bot.parsing.models import (
    Language,
    NotUsage,
    NotUsageReason,
    ParseResult,
    RefusedUsage,
    UsageMessage,
)
from bot.usage import UsageRefused, build_usage

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_SKELETON = re.compile(
    r"(?P<ko>하루에?)?\s*(?P<count>\d+)\s*(?:번|회|queries|questions)?\s*(?P<en>a day|per day)?"
)


def detect_language(text: str) -> Language:
    """Korean when the text has any Hangul, English otherwise."""
    return Language.KO if _HANGUL.search(text) else Language.EN


def parse(text: str) -> ParseResult:
    """Read one message (skeleton: "100 queries a day", "하루에 100번")."""
    language = detect_language(text)
    if not text.strip():
        return NotUsage(language=language, reason=NotUsageReason.EMPTY)
    match = _SKELETON.search(text)
    if match is None or match["count"] is None:
        return NotUsage(language=language)
    period = 1.0 if match["ko"] or match["en"] else None
    try:
        usage = build_usage([{"count": float(match["count"]), "period_days": period}])
    except UsageRefused as refused:
        return RefusedUsage(language=language, reason=refused.reason)
    return UsageMessage(language=language, usage=usage)
