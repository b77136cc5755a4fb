"""The results of comparing a usage with everyday things: frozen values with ranges."""

from __future__ import annotations

from dataclasses import dataclass
from math import inf, isfinite

from pydantic import BaseModel, ConfigDict

from bot.factors.models import EquivalentId
from bot.usage import Kind, Usage, UsageItem

# Products and quotients of floats may cross by a few ulps; anything larger is a bug.
_RELATIVE_SLACK = 1e-9


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, slots=True)
class Range:
    """A central estimate with its plausible low and high.

    A frozen dataclass rather than a pydantic model: a comparison builds a few dozen of these,
    and pydantic's validation made them most of its cost. The check below is the same, and
    pydantic models holding a Range still validate one given as a mapping through it.
    """

    value: float
    low: float
    high: float

    def __post_init__(self) -> None:
        value, low, high = self.value, self.low, self.high
        # The usual case in one chained comparison (NaN fails it); the rest is looked at closely,
        # to let rounding slack through and to say what is wrong.
        if not 0.0 <= low <= value <= high < inf:
            _check_unusual(value, low, high)

    def scaled(self, factor: float) -> Range:
        """The same range multiplied by a non-negative number."""
        return Range(self.value * factor, self.low * factor, self.high * factor)


@dataclass(frozen=True, slots=True)
class ItemEnergy:
    """One usage item's share: its uses and energy over the horizon.

    A frozen dataclass like Range, and for the same reason: as a pydantic model it re-ran the
    UsageItem's own validator each time a comparison built one. A Comparison still checks its
    items are ItemEnergy, or builds them from mappings; model_dump gives the same shape.
    """

    item: UsageItem
    per_day: float
    uses: Range
    energy_wh: Range


class Comparison(_Frozen):
    """A usage turned into energy, everyday equivalents, CO₂, water and the shower offset."""

    usage: Usage
    items: tuple[ItemEnergy, ...]
    energy_wh: Range
    equivalents: dict[EquivalentId, Range]
    region: str
    co2_g: Range
    water_ml: Range
    shorter_showers: Range
    """How many showers one minute shorter cancel the energy out over the horizon."""


class EquivalenceAnswer(_Frozen):
    """How many uses of `kind` equal `amount` of `target`, and how many days of the rate."""

    target: EquivalentId
    amount: float
    kind: Kind
    count: Range
    rate_per_day: float | None = None
    days_at_rate: Range | None = None


def _check_unusual(value: float, low: float, high: float) -> None:
    """Refuse a range that is not finite, not non-negative or not in order beyond rounding."""
    if not (
        isfinite(value)
        and isfinite(low)
        and isfinite(high)
        and value >= 0
        and low >= 0
        and high >= 0
    ):
        raise ValueError(f"a range needs finite, non-negative numbers, got {(value, low, high)}")
    slack = _RELATIVE_SLACK * high
    if low > value + slack or value > high + slack:
        raise ValueError(f"a range needs low ≤ value ≤ high, got {(value, low, high)}")
