"""What a person says they use: typed usage items over a horizon, refusing absurd values."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Self, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

DAYS_PER_YEAR = 365.0
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
DAYS_PER_WEEK = 7.0
DEFAULT_HORIZON_DAYS = DAYS_PER_YEAR

# Limits that separate a real person's use from a typo or a prank.
MAX_USES_PER_DAY = 1e9
MAX_HORIZON_DAYS = 100 * DAYS_PER_YEAR
MAX_ITEMS = 20
# The most uses a one-off total may hold: the most a day over the longest horizon.
_MAX_USES_IN_ALL = MAX_USES_PER_DAY * MAX_HORIZON_DAYS
# Shorter periods are typos ("every 0.0000001 days") and, with a zero count, make 0 × ∞.
MIN_PERIOD_DAYS = 1 / (24 * 60)
# The most of one everyday thing a reverse question may ask about ("how many queries is …").
MAX_EQUIVALENT_AMOUNT = 1e9


class Kind(StrEnum):
    """A kind of chatbot use, each with its own energy per use."""

    TEXT = "text"
    REASONING = "reasoning"
    IMAGE = "image"
    VIDEO = "video"


class RefusalReason(StrEnum):
    """Why a usage was refused; the reply layer explains each one."""

    NEGATIVE = "negative"
    NOT_FINITE = "not_finite"
    TOO_MANY = "too_many"
    HORIZON_TOO_LONG = "horizon_too_long"
    HORIZON_TOO_SHORT = "horizon_too_short"
    PERIOD_INVALID = "period_invalid"
    RANGE_INVALID = "range_invalid"
    AMOUNT_TOO_LARGE = "amount_too_large"
    TOO_MANY_ITEMS = "too_many_items"
    EMPTY = "empty"


class UsageRefused(ValueError):
    """A usage the models refuse to hold, with the reason the reply layer can explain."""

    def __init__(self, reason: RefusalReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


def _number_refusal(*numbers: float | None) -> RefusalReason | None:
    """NOT_FINITE or NEGATIVE for the first number that is, else None (None numbers pass)."""
    for number in numbers:
        # NaN fails every comparison, so this passes just the finite, non-negative numbers
        # (0.0, not 0: a float compared with an int takes Python's slower, general path).
        if number is not None and not 0.0 <= number < math.inf:
            return RefusalReason.NEGATIVE if math.isfinite(number) else RefusalReason.NOT_FINITE
    return None


def _check_finite_non_negative(*numbers: float | None) -> None:
    reason = _number_refusal(*numbers)
    if reason is not None:
        raise UsageRefused(reason)


def _item_refusal(
    count: float, count_low: float | None, count_high: float | None, period_days: float | None
) -> RefusalReason | None:
    """Why one item (a UsageItem's fields) is absurd, or None."""
    low = count if count_low is None else count_low
    high = count if count_high is None else count_high
    # The usual item passes one chained comparison (NaN fails it): a finite, non-negative range
    # around the count, and no period or one in bounds. Only an item that fails it is looked
    # at reason by reason, as Range checks its ends.
    if not (
        0.0 <= low <= count <= high < math.inf
        and (period_days is None or MIN_PERIOD_DAYS <= period_days <= MAX_HORIZON_DAYS)
    ):
        return _unusual_item_refusal(count, low, high, period_days)
    return RefusalReason.TOO_MANY if _too_many(high, period_days) else None


def _unusual_item_refusal(
    count: float, low: float, high: float, period_days: float | None
) -> RefusalReason:
    """Why an item that failed the usual check is absurd: the first reason, in a fixed order."""
    reason = _number_refusal(count, low, high, period_days)
    if reason is not None:
        return reason
    if period_days is not None and not MIN_PERIOD_DAYS <= period_days <= MAX_HORIZON_DAYS:
        return RefusalReason.PERIOD_INVALID
    # All else passed, so the range is out of order: low > count or count > high.
    return RefusalReason.RANGE_INVALID


def _too_many(high: float, period_days: float | None) -> bool:
    """More uses a day than a person makes (a one-off total: more than in the longest horizon)."""
    if period_days is None:
        return high > _MAX_USES_IN_ALL
    return high / period_days > MAX_USES_PER_DAY


class UsageItem(BaseModel):
    """One kind of use: `count` uses every `period_days` days, or once in all when no period."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind = Kind.TEXT
    count: float
    count_low: float | None = None
    count_high: float | None = None
    period_days: float | None = 1.0

    @model_validator(mode="after")
    def _refuse_absurd(self) -> Self:
        reason = _item_refusal(self.count, self.count_low, self.count_high, self.period_days)
        if reason is not None:
            raise UsageRefused(reason)
        return self

    @property
    def low(self) -> float:
        """The low end of the count (the count itself when no range was given)."""
        return self.count if self.count_low is None else self.count_low

    @property
    def high(self) -> float:
        """The high end of the count (the count itself when no range was given)."""
        return self.count if self.count_high is None else self.count_high

    def uses_over(self, horizon_days: float) -> tuple[float, float, float]:
        """How many uses (value, low, high) this item adds up to over the horizon."""
        _, value, low, high = self.rate_and_uses(horizon_days)
        return value, low, high

    def rate_and_uses(self, horizon_days: float) -> tuple[float, float, float, float]:
        """Uses per day (a one-off total spread over the horizon), then how many uses (value,
        low, high) this item adds up to over the horizon."""
        # Both in one call, each field read once, and the ends worked out as `low` and `high`
        # do: a comparison asks every item for both, and on 3.11 a pydantic field read costs
        # several times a local's (BaseModel's __getattr__ keeps it from being specialised).
        count, period_days = self.count, self.period_days
        low = count if self.count_low is None else self.count_low
        high = count if self.count_high is None else self.count_high
        if period_days is None:
            return count / horizon_days, count, low, high
        repeats = horizon_days / period_days
        return count / period_days, count * repeats, low * repeats, high * repeats


class Usage(BaseModel):
    """A person's use: one or more items over a horizon (default one year)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    items: tuple[UsageItem, ...]
    horizon_days: float = DEFAULT_HORIZON_DAYS

    @model_validator(mode="after")
    def _refuse_absurd(self) -> Self:
        if not self.items:
            raise UsageRefused(RefusalReason.EMPTY)
        if len(self.items) > MAX_ITEMS:
            raise UsageRefused(RefusalReason.TOO_MANY_ITEMS)
        horizon = self.horizon_days
        # The usual horizon passes one chained comparison (NaN fails it, as every comparison).
        if not 0.0 < horizon <= MAX_HORIZON_DAYS:
            _check_finite_non_negative(horizon)
            too_long = horizon > MAX_HORIZON_DAYS
            raise UsageRefused(
                RefusalReason.HORIZON_TOO_LONG if too_long else RefusalReason.HORIZON_TOO_SHORT
            )
        return self

    @property
    def per_day(self) -> float:
        """All items' uses per day; a one-off total is spread over the horizon."""
        return sum(self.uses_per_day(item) for item in self.items)

    def uses_per_day(self, item: UsageItem) -> float:
        """One item's uses per day; a one-off total is spread over the horizon."""
        return item.rate_and_uses(self.horizon_days)[0]


def build_usage(
    items: Sequence[Mapping[str, object] | UsageItem], horizon_days: float | None = None
) -> Usage:
    """Build a Usage from plain values, raising UsageRefused (never ValidationError) if absurd."""
    return validate_refusing(Usage, usage_fields(items, horizon_days))


def usage_fields(
    items: Sequence[Mapping[str, object] | UsageItem], horizon_days: float | None = None
) -> dict[str, object]:
    """The plain values of a Usage (horizon_days None: the default year), to validate."""
    fields: dict[str, object] = {"items": items}
    if horizon_days is not None:
        fields["horizon_days"] = horizon_days
    return fields


_Model = TypeVar("_Model", bound=BaseModel)


def validate_refusing(model: type[_Model], fields: Mapping[str, object]) -> _Model:
    """Validate a Usage, or a model holding one as plain values, raising UsageRefused (never
    ValidationError) if absurd.

    One validation for the model, its usage and the usage's items: validating them one by one
    cost twice as much. It calls the model's validator itself, as model_validate does: that
    wrapper's options, passed on as keywords, cost a tenth of the validation.
    """
    try:
        validated: _Model = model.__pydantic_validator__.validate_python(fields)
    except ValidationError as error:
        raise _refusal_from(error) from None
    return validated


def _refusal_from(error: ValidationError) -> UsageRefused:
    # The first error decides, as if the items were checked one by one and then the usage:
    # an item's refusal or wrong type comes before the others' and before the usage's own.
    cause = (error.errors()[0].get("ctx") or {}).get("error")
    if isinstance(cause, UsageRefused):
        return cause
    # A wrong type (a string for a count, say) is as unusable as a NaN.
    return UsageRefused(RefusalReason.NOT_FINITE)


def check_equivalent_amount(amount: float) -> None:
    """Refuse a reverse question's amount that is not a positive, believable number."""
    _check_finite_non_negative(amount)
    if amount > MAX_EQUIVALENT_AMOUNT:
        raise UsageRefused(RefusalReason.AMOUNT_TOO_LARGE)
