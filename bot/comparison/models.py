"""The results of comparing a usage with everyday things: frozen values with ranges."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from math import inf, isfinite
from typing import Any, NamedTuple, Self, TypeVar

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, InstanceOf
from pydantic_core import CoreSchema, core_schema

from bot.factors.models import EquivalentId
from bot.usage import Kind, Usage, UsageItem

# Products and quotients of floats may cross by a few ulps; anything larger is a bug.
_RELATIVE_SLACK = 1e-9
# Looked up once, as namedtuple's own __new__ does: a comparison makes about twenty Ranges.
_tuple_new = tuple.__new__

_Key = TypeVar("_Key")

RangeEnds = tuple[float, float, float]
"""A range's (value, low, high): a Range is one, and so is the plain tuple of a Range's ends."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Ends(NamedTuple):
    value: float
    low: float
    high: float


class Range(_Ends):
    """A central estimate with its plausible low and high.

    An immutable tuple of its three ends rather than a frozen dataclass: a comparison builds
    about twenty, and a frozen dataclass's __init__ (a setattr per field, then __post_init__)
    cost twice as much as making a tuple. The check is the same, and a Range still compares,
    hashes and prints by its ends. A pydantic model holding one validates it from a mapping
    of its ends and dumps it as {value, low, high}, as with the dataclass.
    """

    __slots__ = ()

    def __new__(cls, value: float, low: float, high: float) -> Self:
        # The usual case in one chained comparison (NaN fails it); the rest is looked at closely,
        # to let rounding slack through and to say what is wrong.
        if not 0.0 <= low <= value <= high < inf:
            _check_unusual(value, low, high)
        return _tuple_new(cls, (value, low, high))

    # namedtuple's own _make, which _replace calls too, would skip the check. (mypy types a
    # NamedTuple's _make as generic in the class, hence the ignore; the shape is the same.)
    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Self:  # type: ignore[override]
        return cls(*iterable)

    def scaled(self, factor: float) -> Range:
        """The same range multiplied by a non-negative number."""
        value, low, high = self
        return new_range(Range, value * factor, low * factor, high * factor)

    def divided_by(self, per_unit: RangeEnds) -> Range:
        """How many units this amount makes, crossing the ends: the low uses the unit's high."""
        value, low, high = self
        unit_value, unit_low, unit_high = per_unit
        return new_range(Range, value / unit_value, low / unit_high, high / unit_low)

    def divided_by_each(self, per_unit: Mapping[_Key, RangeEnds]) -> dict[_Key, Range]:
        """How many of each unit this amount makes: `divided_by` for each, in one call.

        A comparison divides its energy by a dozen everyday things. Calling the class for each
        range (type.__call__, then __new__) cost more than the arithmetic, so this loop makes
        each range as __new__ does, with the same check, and divides as `divided_by` does.
        """
        value, low, high = self
        made = {}
        for key, (unit_value, unit_low, unit_high) in per_unit.items():
            each_value, each_low, each_high = value / unit_value, low / unit_high, high / unit_low
            if not 0.0 <= each_low <= each_value <= each_high < inf:
                _check_unusual(each_value, each_low, each_high)
            made[key] = _tuple_new(Range, (each_value, each_low, each_high))
        return made

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """A Range as is, or built (and checked) from a mapping of its ends; dumped as one."""
        return _named_tuple_schema(cls, {name: core_schema.float_schema() for name in cls._fields})


# Range.__new__ itself, with its check, for the code that makes a comparison's ranges: calling
# the class goes through type.__call__ first, which cost a quarter as much again (≈ 3.4k
# instructions a range, ≈ 2.7k through __new__). Called as new_range(Range, value, low, high).
new_range = Range.__new__


class ItemEnergy(NamedTuple):
    """One usage item's share: its uses and energy over the horizon.

    A named tuple, as immutable as the frozen dataclass it was (and a pydantic model before
    that, which re-ran the UsageItem's own validator each time a comparison built one): the
    dataclass's object.__setattr__ per field cost a thirtieth of compare(). A pydantic model
    holding one validates it from a mapping of its fields and dumps it as one, as Range.
    """

    item: UsageItem
    per_day: float
    uses: Range
    energy_wh: Range

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """An ItemEnergy as is, or built from a mapping of its fields; dumped as one."""
        uses = handler.generate_schema(Range)
        return _named_tuple_schema(
            cls,
            {
                "item": handler.generate_schema(UsageItem),
                "per_day": core_schema.float_schema(),
                "uses": uses,
                "energy_wh": uses,
            },
        )


def _named_tuple_schema(
    cls: type[_Ends | ItemEnergy], fields: dict[str, CoreSchema]
) -> CoreSchema:
    """A named tuple as is, or built from a mapping of its fields (none missing, none more);
    dumped as that mapping."""
    mapping = core_schema.typed_dict_schema(
        {name: core_schema.typed_dict_field(schema) for name, schema in fields.items()},
        extra_behavior="forbid",
    )
    from_mapping = core_schema.no_info_after_validator_function(
        lambda found: cls(**found), mapping
    )
    return core_schema.json_or_python_schema(
        json_schema=from_mapping,
        python_schema=core_schema.union_schema(
            [core_schema.is_instance_schema(cls), from_mapping]
        ),
        serialization=core_schema.plain_serializer_function_ser_schema(
            cls._asdict, return_schema=mapping
        ),
    )


class Comparison(_Frozen):
    """A usage turned into energy, everyday equivalents, CO₂, water and the shower offset.

    compare() makes one from a Usage validated when it was read and values built from it, so
    the usage, items and equivalents only check their type (InstanceOf): validating them again
    re-ran the Usage's validator and rebuilt the tuple and the dict, as much work as the rest
    of building a Comparison. Ranges pass as they are, checked when made. From JSON, all is
    validated in full; dumps are unchanged.
    """

    usage: InstanceOf[Usage]
    items: InstanceOf[tuple[ItemEnergy, ...]]
    energy_wh: Range
    equivalents: InstanceOf[dict[EquivalentId, Range]]
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
