"""Reading Korean and English usage messages into typed results (no telegram here)."""

from bot.parsing.models import (
    EquivalenceQuestion,
    Language,
    NotUsage,
    NotUsageReason,
    ParseResult,
    RefusedUsage,
    UsageMessage,
)
from bot.parsing.parser import detect_language, parse

__all__ = [
    "EquivalenceQuestion",
    "Language",
    "NotUsage",
    "NotUsageReason",
    "ParseResult",
    "RefusedUsage",
    "UsageMessage",
    "detect_language",
    "parse",
]
