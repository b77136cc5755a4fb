"""Turning a usage into energy over its horizon and comparing it with everyday things."""

from __future__ import annotations

import math

from bot.comparison.models import Comparison, EquivalenceAnswer, ItemEnergy, Range
from bot.factors.models import EnergyFactor, EquivalentId, Factor, Factors
from bot.usage import Kind, Usage, UsageItem

_WH_PER_KWH = 1000.0
# Factors objects whose ranges are kept; more than a process ever loads (tests make a few).
_MAX_CACHED_FACTORS = 16


def _energy_range(factor: EnergyFactor) -> Range:
    value, low, high = factor.wh
    return Range(value, low, high)


def _factor_range(factor: Factor) -> Range:
    return Range(factor.value, factor.low, factor.high)


class _FactorRanges:
    """One Factors' figures as ranges, each built on first use and then reused.

    Factors are frozen, so a range built from them never changes; building them anew for every
    comparison was a third of compare()'s time. Each is built lazily, from the same numbers in
    the same way as before, so a bad entry still fails only when a comparison needs it.
    """

    __slots__ = ("_equivalents", "_grams_per_wh", "_per_use", "_shower", "_water", "factors")

    def __init__(self, factors: Factors) -> None:
        self.factors = factors
        self._per_use: dict[Kind, Range] = {}
        self._equivalents: dict[EquivalentId, Range] = {}
        self._grams_per_wh: dict[str, Range] = {}
        self._shower: Range | None = None
        self._water: tuple[Range, Range] | None = None

    def per_use(self, kind: Kind) -> Range:
        found = self._per_use.get(kind)
        if found is None:
            found = self._per_use[kind] = _energy_range(self.factors.energy_per_use[kind])
        return found

    def equivalent(self, equivalent_id: EquivalentId) -> Range:
        found = self._equivalents.get(equivalent_id)
        if found is None:
            factor = self.factors.equivalents[equivalent_id]
            found = self._equivalents[equivalent_id] = _energy_range(factor)
        return found

    def grams_per_wh(self, region: str) -> Range:
        found = self._grams_per_wh.get(region)
        if found is None:
            grid = _factor_range(self.factors.grid_intensity[region])
            found = self._grams_per_wh[region] = grid.scaled(1 / _WH_PER_KWH)
        return found

    def shower_minute(self) -> Range:
        if self._shower is None:
            self._shower = _energy_range(self.factors.offsets.shower_minute)
        return self._shower

    def water(self) -> tuple[Range, Range]:
        """Water per text query, and per Wh of heavier kinds (scaled by a text query's energy)."""
        if self._water is None:
            per_text_query = _factor_range(self.factors.water_per_text_query)
            text_wh = self.factors.energy_per_use[Kind.TEXT].wh[0]
            self._water = (per_text_query, per_text_query.scaled(1 / text_wh))
        return self._water


_factor_ranges: dict[int, _FactorRanges] = {}


def _ranges_of(factors: Factors) -> _FactorRanges:
    found = _factor_ranges.get(id(factors))
    # The entry holds its Factors, so their id cannot be reused while it is cached.
    if found is not None and found.factors is factors:
        return found
    if len(_factor_ranges) >= _MAX_CACHED_FACTORS:
        _factor_ranges.clear()
    found = _factor_ranges[id(factors)] = _FactorRanges(factors)
    return found


def _times(a: Range, b: Range) -> Range:
    """A product of two ranges of non-negative numbers: lows with lows, highs with highs."""
    return Range(a.value * b.value, a.low * b.low, a.high * b.high)


def _divided(amount: Range, per_unit: Range) -> Range:
    """How many units `amount` makes, crossing the ends: the low uses the unit's high."""
    return Range(
        amount.value / per_unit.value,
        amount.low / per_unit.high,
        amount.high / per_unit.low,
    )


def _sum(ranges: list[Range]) -> Range:
    return Range(
        sum(r.value for r in ranges),
        sum(r.low for r in ranges),
        sum(r.high for r in ranges),
    )


def item_energy(item: UsageItem, usage: Usage, factors: Factors) -> ItemEnergy:
    """One item's uses and energy (Wh) over the usage's horizon."""
    uses = Range(*item.uses_over(usage.horizon_days))
    energy = _times(uses, _ranges_of(factors).per_use(item.kind))
    return ItemEnergy(item, usage.uses_per_day(item), uses, energy)


def _water_ml(items: tuple[ItemEnergy, ...], factors: Factors) -> Range:
    """On-site water: per query for text, and in proportion to energy for heavier kinds."""
    per_text_query, per_wh = _ranges_of(factors).water()
    shares = []
    for share in items:
        if share.item.kind is Kind.TEXT:
            shares.append(_times(share.uses, per_text_query))
        else:
            shares.append(_times(share.energy_wh, per_wh))
    return _sum(shares)


def compare(usage: Usage, factors: Factors, region: str | None = None) -> Comparison:
    """Energy over the horizon with every equivalent, CO₂ for a region, water and the offset."""
    region = region if region in factors.grid_intensity else factors.default_region
    ranges = _ranges_of(factors)
    items = tuple(item_energy(item, usage, factors) for item in usage.items)
    energy = _sum([share.energy_wh for share in items])
    equivalents = {
        equivalent_id: _divided(energy, ranges.equivalent(equivalent_id))
        for equivalent_id in factors.equivalents
    }
    return Comparison(
        usage=usage,
        items=items,
        energy_wh=energy,
        equivalents=equivalents,
        region=region,
        co2_g=_times(energy, ranges.grams_per_wh(region)),
        water_ml=_water_ml(items, factors),
        shorter_showers=_divided(energy, ranges.shower_minute()),
    )


def answer_equivalence(
    target: EquivalentId,
    factors: Factors,
    *,
    amount: float = 1.0,
    kind: Kind = Kind.TEXT,
    usage: Usage | None = None,
) -> EquivalenceAnswer:
    """How many uses of `kind` equal `amount` of `target`, and how many days at the usage rate."""
    ranges = _ranges_of(factors)
    target_wh = ranges.equivalent(target).scaled(amount)
    count = _divided(target_wh, ranges.per_use(kind))
    answer = EquivalenceAnswer(target=target, amount=amount, kind=kind, count=count)
    if usage is None:
        return answer
    energy = _sum([item_energy(item, usage, factors).energy_wh for item in usage.items])
    wh_per_day = energy.scaled(1 / usage.horizon_days)
    if not math.isfinite(target_wh.high / wh_per_day.low if wh_per_day.low > 0 else math.inf):
        # A rate whose low end is zero ("0-10 a day") or vanishingly small has no bounded days.
        return answer
    return answer.model_copy(
        update={"rate_per_day": usage.per_day, "days_at_rate": _divided(target_wh, wh_per_day)}
    )
