"""Turning a usage into energy over its horizon and comparing it with everyday things."""

from __future__ import annotations

import math

from bot.comparison.models import (
    Comparison,
    EquivalenceAnswer,
    ItemEnergy,
    Range,
    RangeEnds,
    new_range,
)
from bot.comparison.tables import FactorTables, tables_of
from bot.factors.models import EquivalentId, Factors
from bot.usage import Kind, Usage, UsageItem

# Named once here: on 3.11 each `Kind.TEXT` read from the class costs ≈ 900 instructions.
_TEXT = Kind.TEXT


def _times(a: RangeEnds, b: RangeEnds) -> Range:
    """A product of two ranges of non-negative numbers: lows with lows, highs with highs."""
    a_value, a_low, a_high = a
    b_value, b_low, b_high = b
    return new_range(Range, a_value * b_value, a_low * b_low, a_high * b_high)


def _sum(ranges: list[Range]) -> Range:
    """The sum of ranges, end by end."""
    # Added in order, one by one, as sum() adds floats on Python 3.11 (3.12's compensates), so
    # the bits are the same as summing three lists, without building them.
    value = low = high = 0.0
    for each_value, each_low, each_high in ranges:
        value += each_value
        low += each_low
        high += each_high
    return new_range(Range, value, low, high)


def _item_energy(item: UsageItem, usage: Usage, tables: FactorTables) -> ItemEnergy:
    """One item's uses and energy (Wh) over the usage's horizon."""
    per_day, value, low, high = item.rate_and_uses(usage.horizon_days)
    uses = new_range(Range, value, low, high)
    energy = _times(uses, tables.per_use_wh[item.kind])
    return ItemEnergy(item, per_day, uses, energy)


def _water_ml(items: tuple[ItemEnergy, ...], tables: FactorTables) -> Range:
    """On-site water: per query for text, and in proportion to energy for heavier kinds."""
    water = []
    for share in items:  # a loop: on 3.11 a comprehension makes a function and calls it
        if share.item.kind is _TEXT:
            water.append(_times(share.uses, tables.water_per_text_query_ml))
        else:
            water.append(_times(share.energy_wh, tables.water_per_wh_ml))
    return _sum(water)


def compare(usage: Usage, factors: Factors, region: str | None = None) -> Comparison:
    """Energy over the horizon with every equivalent, CO₂ for a region, water and the offset."""
    tables = tables_of(factors)
    region = region if region in tables.grams_per_wh else tables.default_region
    # One loop for the items' shares and their energies: on 3.11 each comprehension makes a
    # function and calls it, and tuple() of a generator resumes it once per item.
    shares: list[ItemEnergy] = []
    energies: list[Range] = []
    for item in usage.items:
        share = _item_energy(item, usage, tables)
        shares.append(share)
        energies.append(share.energy_wh)
    items = tuple(shares)
    energy = _sum(energies)
    # Validated by the model's own validator, as bot.usage.validate_refusing does: calling the
    # class runs BaseModel.__init__ in Python and fills an instance made beforehand, which cost
    # a thirtieth of compare().
    comparison: Comparison = Comparison.__pydantic_validator__.validate_python(
        {
            "usage": usage,
            "items": items,
            "energy_wh": energy,
            "equivalents": energy.divided_by_each(tables.equivalent_wh),
            "region": region,
            "co2_g": _times(energy, tables.grams_per_wh[region]),
            "water_ml": _water_ml(items, tables),
            "shorter_showers": energy.divided_by(tables.shower_minute_wh),
        }
    )
    return comparison


def answer_equivalence(
    target: EquivalentId,
    factors: Factors,
    *,
    amount: float = 1.0,
    kind: Kind = Kind.TEXT,
    usage: Usage | None = None,
) -> EquivalenceAnswer:
    """How many uses of `kind` equal `amount` of `target`, and how many days at the usage rate."""
    tables = tables_of(factors)
    target_wh = Range(*tables.equivalent_wh[target]).scaled(amount)
    count = target_wh.divided_by(tables.per_use_wh[kind])
    if usage is not None:
        energy = _sum([_item_energy(item, usage, tables).energy_wh for item in usage.items])
        wh_per_day = energy.scaled(1 / usage.horizon_days)
        # A rate whose low end is zero ("0-10 a day") or vanishingly small has no bounded days.
        if math.isfinite(target_wh.high / wh_per_day.low if wh_per_day.low > 0 else math.inf):
            return EquivalenceAnswer(
                target=target,
                amount=amount,
                kind=kind,
                count=count,
                rate_per_day=usage.per_day,
                days_at_rate=target_wh.divided_by(wh_per_day),
            )
    return EquivalenceAnswer(target=target, amount=amount, kind=kind, count=count)
