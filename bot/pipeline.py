"""One message in, the bot's reply out: parse → compare → render, shared by every front end."""

from __future__ import annotations

from typing import NamedTuple

from bot.comparison import Comparison, EquivalenceAnswer, answer_equivalence, compare
from bot.factors import Factors
from bot.parsing import (
    EquivalenceQuestion,
    Language,
    NotUsage,
    ParseResult,
    RefusedUsage,
    UsageMessage,
    parse,
)
from bot.rendering import (
    Catalogs,
    render_comparison,
    render_details,
    render_equivalence,
    render_not_understood,
    render_refusal,
)
from bot.usage import Usage, UsageRefused, build_usage


class Answer(NamedTuple):
    """The reply to one message, with what it was built from.

    A named tuple: as immutable as a frozen dataclass, without the object.__setattr__ call per
    field that made building one cost a third of the pipeline's own work around each reply.
    """

    result: ParseResult
    language: Language
    messages: tuple[str, ...]
    comparison: Comparison | None = None
    equivalence: EquivalenceAnswer | None = None


def answer_text(
    text: str,
    *,
    factors: Factors,
    catalogs: Catalogs,
    language: Language | None = None,
    horizon_days: float | None = None,
    detailed: bool = False,
) -> Answer:
    """Reply to a message, in `language` if given, else in the message's own language."""
    result = parse(text)
    if horizon_days is not None and isinstance(result, UsageMessage):
        result = _with_horizon(result, horizon_days)
    return answer_result(
        result, factors=factors, catalogs=catalogs, language=language, detailed=detailed
    )


def answer_usage(
    usage: Usage,
    *,
    factors: Factors,
    catalogs: Catalogs,
    language: Language,
    detailed: bool = False,
) -> Answer:
    """Reply to an already understood usage (a button press re-rendering a reply)."""
    result = UsageMessage(language=language, usage=usage)
    return answer_result(result, factors=factors, catalogs=catalogs, detailed=detailed)


def answer_result(
    result: ParseResult,
    *,
    factors: Factors,
    catalogs: Catalogs,
    language: Language | None = None,
    detailed: bool = False,
) -> Answer:
    """Compare and render a parse result."""
    language = language or result.language
    tr = catalogs.translator(language)
    match result:
        case UsageMessage(usage=usage):
            comparison = compare(usage, factors)
            if detailed:
                messages = tuple(render_details(comparison, factors, tr))
            else:
                messages = (render_comparison(comparison, factors, tr),)
            return Answer(result, language, messages, comparison)
        case EquivalenceQuestion(target=target, amount=amount, kind=kind, usage=usage):
            equivalence = answer_equivalence(
                target, factors, amount=amount, kind=kind, usage=usage
            )
            text = render_equivalence(equivalence, factors, tr)
            return Answer(result, language, (text,), equivalence=equivalence)
        case RefusedUsage(reason=reason):
            return Answer(result, language, (render_refusal(reason, tr),))
        case NotUsage(reason=reason):
            return Answer(result, language, (render_not_understood(reason, tr),))


def _with_horizon(result: UsageMessage, horizon_days: float) -> UsageMessage | RefusedUsage:
    try:
        usage = build_usage(result.usage.items, horizon_days)
    except UsageRefused as refused:
        return RefusedUsage(language=result.language, reason=refused.reason)
    return result.model_copy(update={"usage": usage})
