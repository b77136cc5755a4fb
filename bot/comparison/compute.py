"""Turning a usage into energy over its horizon and comparing it with everyday things."""

from __future__ import annotations

from bot.comparison.models import Comparison, EquivalenceAnswer, ItemEnergy, Range
from bot.factors.models import EnergyFactor, EquivalentId, Factor, Factors
from bot.usage import Kind, Usage, UsageItem

_WH_PER_KWH = 1000.0


def _energy_range(factor: EnergyFactor) -> Range:
    value, low, high = factor.wh
    return Range(value=value, low=low, high=high)


def _factor_range(factor: Factor) -> Range:
    return Range(value=factor.value, low=factor.low, high=factor.high)


def _times(a: Range, b: Range) -> Range:
    """A product of two ranges of non-negative numbers: lows with lows, highs with highs."""
    return Range(value=a.value * b.value, low=a.low * b.low, high=a.high * b.high)


def _divided(amount: Range, per_unit: Range) -> Range:
    """How many units `amount` makes, crossing the ends: the low uses the unit's high."""
    return Range(
        value=amount.value / per_unit.value,
        low=amount.low / per_unit.high,
        high=amount.high / per_unit.low,
    )


def _sum(ranges: list[Range]) -> Range:
    return Range(
        value=sum(r.value for r in ranges),
        low=sum(r.low for r in ranges),
        high=sum(r.high for r in ranges),
    )


def item_energy(item: UsageItem, usage: Usage, factors: Factors) -> ItemEnergy:
    """One item's uses and energy (Wh) over the usage's horizon."""
    value, low, high = item.uses_over(usage.horizon_days)
    uses = Range(value=value, low=low, high=high)
    energy = _times(uses, _energy_range(factors.energy_per_use[item.kind]))
    return ItemEnergy(item=item, per_day=usage.uses_per_day(item), uses=uses, energy_wh=energy)


def _water_ml(items: tuple[ItemEnergy, ...], factors: Factors) -> Range:
    """On-site water: per query for text, and in proportion to energy for heavier kinds."""
    per_text_query = _factor_range(factors.water_per_text_query)
    text_wh = factors.energy_per_use[Kind.TEXT].wh[0]
    shares = []
    for share in items:
        if share.item.kind is Kind.TEXT:
            shares.append(_times(share.uses, per_text_query))
        else:
            shares.append(_times(share.energy_wh, per_text_query.scaled(1 / text_wh)))
    return _sum(shares)


def compare(usage: Usage, factors: Factors, region: str | None = None) -> Comparison:
    """Energy over the horizon with every equivalent, CO₂ for a region, water and the offset."""
    region = region if region in factors.grid_intensity else factors.default_region
    items = tuple(item_energy(item, usage, factors) for item in usage.items)
    energy = _sum([share.energy_wh for share in items])
    equivalents = {
        equivalent_id: _divided(energy, _energy_range(equivalent))
        for equivalent_id, equivalent in factors.equivalents.items()
    }
    grams_per_wh = _factor_range(factors.grid_intensity[region]).scaled(1 / _WH_PER_KWH)
    return Comparison(
        usage=usage,
        items=items,
        energy_wh=energy,
        equivalents=equivalents,
        region=region,
        co2_g=_times(energy, grams_per_wh),
        water_ml=_water_ml(items, factors),
        shorter_showers=_divided(energy, _energy_range(factors.offsets.shower_minute)),
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
    target_wh = _energy_range(factors.equivalents[target]).scaled(amount)
    count = _divided(target_wh, _energy_range(factors.energy_per_use[kind]))
    answer = EquivalenceAnswer(target=target, amount=amount, kind=kind, count=count)
    if usage is None:
        return answer
    energy = _sum([item_energy(item, usage, factors).energy_wh for item in usage.items])
    wh_per_day = energy.scaled(1 / usage.horizon_days)
    if wh_per_day.low <= 0:
        # A rate whose low end is zero ("0-10 a day") would make the days unbounded.
        return answer
    return answer.model_copy(
        update={"rate_per_day": usage.per_day, "days_at_rate": _divided(target_wh, wh_per_day)}
    )
