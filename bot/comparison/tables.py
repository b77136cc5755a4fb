"""One Factors' figures as ranges in the units a comparison multiplies by, built once."""

from __future__ import annotations

from dataclasses import dataclass

from bot.comparison.models import Range, RangeEnds
from bot.factors.models import EnergyFactor, EquivalentId, Factor, Factors
from bot.usage import Kind

_WH_PER_KWH = 1000.0
# Factors objects whose tables are kept; more than a process ever loads (tests make a few).
_MAX_CACHED_FACTORS = 16


@dataclass(frozen=True, slots=True)
class FactorTables:
    """Everything a comparison reads from one Factors: Wh per use and per thing, g CO₂ and mL.

    Factors are frozen, so these never change once built; a comparison then only multiplies
    and divides. Each range comes from the factors' numbers by the arithmetic every
    comparison used to repeat (kWh to Wh, g per kWh to g per Wh), so results are the same
    to the last bit. Each is made (and checked) as a Range and kept as the plain tuple of its
    ends: Python unpacks an exact tuple on its fast path and a tuple subclass such as Range on
    the generic one, ≈ 0.4k instructions dearer, and a comparison unpacks about fifteen.
    """

    factors: Factors
    per_use_wh: dict[Kind, RangeEnds]
    equivalent_wh: dict[EquivalentId, RangeEnds]
    grams_per_wh: dict[str, RangeEnds]
    """g CO₂ per Wh of each region's grid: the regions a comparison may be made for."""
    default_region: str
    """The region of a comparison made for none, or for one with no grid figures."""
    shower_minute_wh: RangeEnds
    water_per_text_query_ml: RangeEnds
    water_per_wh_ml: RangeEnds
    """Water for heavier kinds: a text query's water per Wh of its energy."""

    @classmethod
    def build(cls, factors: Factors) -> FactorTables:
        """All of one Factors' tables (about 0.1 ms, once per Factors)."""
        per_text_query = _factor_range(factors.water_per_text_query)
        text_wh = factors.energy_per_use[Kind.TEXT].wh[0]
        return cls(
            factors=factors,
            per_use_wh={
                kind: _ends(_energy_range(f)) for kind, f in factors.energy_per_use.items()
            },
            equivalent_wh={key: _ends(_energy_range(f)) for key, f in factors.equivalents.items()},
            grams_per_wh={
                region: _ends(_factor_range(grid).scaled(1 / _WH_PER_KWH))
                for region, grid in factors.grid_intensity.items()
            },
            default_region=factors.default_region,
            shower_minute_wh=_ends(_energy_range(factors.offsets.shower_minute)),
            water_per_text_query_ml=_ends(per_text_query),
            water_per_wh_ml=_ends(per_text_query.scaled(1 / text_wh)),
        )


def _energy_range(factor: EnergyFactor) -> Range:
    value, low, high = factor.wh
    return Range(value=value, low=low, high=high)


def _factor_range(factor: Factor) -> Range:
    return Range(value=factor.value, low=factor.low, high=factor.high)


def _ends(checked: Range) -> RangeEnds:
    """A checked range's ends as a plain tuple, as the tables keep them."""
    value, low, high = checked
    return value, low, high


_tables: dict[int, FactorTables] = {}


def tables_of(factors: Factors) -> FactorTables:
    """The tables of `factors`, built on their first comparison and then reused."""
    found = _tables.get(id(factors))
    # The entry holds its Factors, so their id cannot be reused while it is cached.
    if found is not None and found.factors is factors:
        return found
    if len(_tables) >= _MAX_CACHED_FACTORS:
        _tables.clear()
    found = _tables[id(factors)] = FactorTables.build(factors)
    return found
