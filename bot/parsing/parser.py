"""The parsing pipeline: turns one message into a usage, a question, or neither."""

from __future__ import annotations

import logging

from bot.parsing import lexicon as lx
from bot.parsing.assemble import assemble
from bot.parsing.models import (
    EquivalenceQuestion,
    Language,
    NotUsage,
    NotUsageReason,
    ParseResult,
    RefusedUsage,
    UsageMessage,
)
from bot.parsing.questions import find_question
from bot.parsing.scan import Scan, scan
from bot.parsing.text import detect_language, normalize
from bot.usage import (
    MAX_ITEMS,
    RefusalReason,
    UsageRefused,
    check_equivalent_amount,
    usage_fields,
    validate_refusing,
)

logger = logging.getLogger(__name__)

__all__ = ["detect_language", "parse", "read_message"]


def parse(text: str) -> ParseResult:
    """Read one message; never raises (an unforeseen bug is logged and read as chatter)."""
    try:
        return read_message(text)
    except Exception:
        # The last line of defence for a chat bot: one odd message must not kill the handler.
        # The tests call read_message directly, so a bug here still fails them.
        logger.exception("parser failed on a message of %d characters", len(text))
        return NotUsage(language=detect_language(text))


def read_message(text: str) -> ParseResult:
    """Read one message into a usage, an equivalence question, or NotUsage / RefusedUsage.

    Choices the grammar makes (tests/parsing/test_parser.py and the corpus hold examples):

    * A count with no period is a one-off total (period_days None): "365 queries",
      "how much is 365 queries?", "I used it 500 times", "100 queries", "질문 100개".
    * A number on its own ("100", "~100?", "약 100번") is a one-off total of text queries; a
      number inside other words with no counter, kind word or period beside it is not about
      use ("I'm 30", "my 2 cents") and the message is NotUsage(NO_AMOUNT).
    * Numbers that are something else are skipped: model names (gpt-4o, o3, claude 3.5),
      money, durations ("3 hours a day" is no count), dates, clock times, ages, sizes.
    * Korean number words count only before a counter (번 회 개 건 장 편 차례 씩), or as the
      length of a period or horizon (일 년에, 석 달 동안). "한 번/한번" with no period and no kind
      word beside it is the idiom "once, to try" ("한번 계산해봐"), not a count.
    * A span of time that could be either ("in a year", "1년") is the horizon when another
      period is given ("하루 백 번씩 1년"), else the period. The default horizon is a year.
    * "used to … but now", "전에는 … 요즘은": only the current use counts.
    * "how many baths is 100 queries?" asks forward: a usage, not an EquivalenceQuestion.
      A "how many …" about something unknown is UNKNOWN_TARGET unless it gives a period,
      in which case the usage it describes is the answer.
    * Only the first 4096 characters are read; more than 80 numbers (a table, a log) is
      refused as TOO_MANY_ITEMS.
    """
    language = detect_language(text)
    normal = normalize(text)
    if not normal.strip():
        return NotUsage(language=language, reason=NotUsageReason.EMPTY)
    question = find_question(normal, language)
    if question is None:
        return _read_usage(normal, language)[0]
    rest, found = _read_usage(question.rest, language)
    if question.target is None:
        return _unknown_target(normal, rest, found, language)
    if isinstance(rest, RefusedUsage):
        return rest
    try:
        check_equivalent_amount(question.amount)
    except UsageRefused as refused:
        return RefusedUsage(language=language, reason=refused.reason)
    return EquivalenceQuestion(
        language=language,
        target=question.target,
        amount=question.amount,
        kind=question.kind,
        usage=rest.usage if isinstance(rest, UsageMessage) else None,
    )


def _unknown_target(
    normal: str, rest: ParseResult, found: Scan, language: Language
) -> ParseResult:
    """A "how many …" about something we cannot compare with.

    If the message still gives a rate ("I ask 50 a day, how many is that in a year?") the
    usage is what matters; otherwise say the target is unknown when it asks for a comparison.
    """
    if isinstance(rest, UsageMessage) and any(
        item.period_days is not None for item in rest.usage.items
    ):
        return rest
    if isinstance(rest, RefusedUsage):
        return rest
    # "how many queries a day is normal?" asks about use, not about a thing to compare with.
    if lx.COMPARISON_CUE_RE.search(normal) and not found.periods:
        return NotUsage(language=language, reason=NotUsageReason.UNKNOWN_TARGET)
    return NotUsage(language=language)


def _read_usage(normal: str, language: Language) -> tuple[ParseResult, Scan]:
    found = scan(normal)
    return _usage_from(found, language), found


def _usage_from(found: Scan, language: Language) -> ParseResult:
    if found.too_many_counts:
        return RefusedUsage(language=language, reason=RefusalReason.TOO_MANY_ITEMS)
    assembly = assemble(found, language)
    if not assembly.items:
        return NotUsage(language=language)
    if len(assembly.items) > MAX_ITEMS:
        # Refused anyway; validating hundreds of items first would only cost time.
        return RefusedUsage(language=language, reason=RefusalReason.TOO_MANY_ITEMS)
    items = []
    for item in assembly.items:  # a loop: see assemble._usage_counts
        items.append(item.as_fields())
    usage = usage_fields(items, assembly.horizon_days)
    fields = {"language": language, "usage": usage, "approximate": found.approximate}
    try:
        return validate_refusing(UsageMessage, fields)
    except UsageRefused as refused:
        return RefusedUsage(language=language, reason=refused.reason)
