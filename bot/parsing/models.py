"""What the parser makes of a message: a usage, an equivalence question, or neither."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.factors.models import EquivalentId
from bot.usage import MAX_EQUIVALENT_AMOUNT, Kind, RefusalReason, Usage


class Language(StrEnum):
    """The languages the bot reads and answers in."""

    EN = "en"
    KO = "ko"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UsageMessage(_Frozen):
    """A message describing use: "100 queries a day", "하루에 이미지 5장"."""

    type: Literal["usage"] = "usage"
    language: Language
    usage: Usage
    approximate: bool = False


class EquivalenceQuestion(_Frozen):
    """A reverse question: how many uses of `kind` equal `amount` of `target`?

    "how many queries is one bath?" → target bath, amount 1, kind text;
    "10km 운전하는 거랑 같으려면 몇 번 질문해야 돼?" → target car_km, amount 10.
    `usage` is the person's own rate when the message gives one, so the reply can say
    how many days of their use that is.
    """

    type: Literal["equivalence"] = "equivalence"
    language: Language
    target: EquivalentId
    amount: Annotated[float, Field(gt=0, le=MAX_EQUIVALENT_AMOUNT, allow_inf_nan=False)] = 1.0
    kind: Kind = Kind.TEXT
    usage: Usage | None = None


class NotUsageReason(StrEnum):
    """Why a message was not read as a usage."""

    EMPTY = "empty"
    NO_AMOUNT = "no_amount"
    UNKNOWN_TARGET = "unknown_target"


class NotUsage(_Frozen):
    """Greetings, chatter, or a message with no amount: answered with help and examples."""

    type: Literal["not_usage"] = "not_usage"
    language: Language
    reason: NotUsageReason = NotUsageReason.NO_AMOUNT


class RefusedUsage(_Frozen):
    """A usage the models refused (negative, enormous, a century-long horizon …)."""

    type: Literal["refused"] = "refused"
    language: Language
    reason: RefusalReason


ParseResult = UsageMessage | EquivalenceQuestion | NotUsage | RefusedUsage
