"""Range: its check, its value semantics, and how pydantic models hold it."""

from __future__ import annotations

import copy
import math
import pickle

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.comparison import Comparison, ItemEnergy, Range, compare
from bot.factors import EquivalentId, Factors
from bot.usage import build_usage


class _Holder(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Range


class _Shares(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    shares: tuple[ItemEnergy, ...]


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        (1.0, 0.5, 2.0),
        (0.0, 0.0, 0.0),
        (3.0, 3.0, 3.0),
        # Rounding may cross the ends by a few ulps.
        (1.0, 1.0 + 1e-12, 2.0),
        (2.0 + 1e-12, 1.0, 2.0),
    ],
)
def test_a_range_takes_finite_non_negative_ends_in_order(
    value: float, low: float, high: float
) -> None:
    each = Range(value, low, high)

    assert (each.value, each.low, each.high) == (value, low, high)


@pytest.mark.parametrize(
    ("value", "low", "high", "complaint"),
    [
        (-1.0, -2.0, 0.0, "non-negative"),
        (1.0, -0.5, 2.0, "non-negative"),
        (math.nan, 0.5, 2.0, "finite"),
        (1.0, math.nan, 2.0, "finite"),
        (1.0, 0.5, math.inf, "finite"),
        (math.inf, math.inf, math.inf, "finite"),
        (1.0, 1.5, 2.0, "low ≤ value ≤ high"),
        (3.0, 0.5, 2.0, "low ≤ value ≤ high"),
        (1.0, 1.0 + 1e-6, 2.0, "low ≤ value ≤ high"),
    ],
)
def test_a_range_refuses_ends_that_are_not_finite_non_negative_and_in_order(
    value: float, low: float, high: float, complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint):
        Range(value, low, high)


def test_a_range_is_built_by_keyword_too() -> None:
    assert Range(value=1.0, low=0.5, high=2.0) == Range(1.0, 0.5, 2.0)


def test_replacing_an_end_checks_the_new_range() -> None:
    each = Range(1.0, 0.5, 2.0)

    assert each._replace(low=0.75) == Range(1.0, 0.75, 2.0)
    with pytest.raises(ValueError, match="low ≤ value ≤ high"):
        each._replace(low=3.0)


def test_a_range_cannot_be_changed() -> None:
    each = Range(1.0, 0.5, 2.0)

    with pytest.raises(AttributeError):
        each.value = 5.0  # type: ignore[misc]


def test_ranges_compare_and_hash_by_their_ends() -> None:
    assert Range(1.0, 0.5, 2.0) == Range(1.0, 0.5, 2.0)
    assert Range(1.0, 0.5, 2.0) != Range(1.0, 0.5, 3.0)
    assert len({Range(1.0, 0.5, 2.0), Range(1.0, 0.5, 2.0), Range(1.0, 0.5, 3.0)}) == 2
    assert repr(Range(1.0, 0.5, 2.0)) == "Range(value=1.0, low=0.5, high=2.0)"


def test_scaled_multiplies_every_end() -> None:
    assert Range(1.0, 0.5, 2.0).scaled(3.0) == Range(3.0, 1.5, 6.0)


def test_dividing_crosses_the_ends_so_the_low_uses_the_units_high() -> None:
    assert Range(12.0, 6.0, 24.0).divided_by(Range(3.0, 2.0, 4.0)) == Range(4.0, 1.5, 12.0)


def test_dividing_by_each_unit_gives_what_dividing_by_it_alone_gives() -> None:
    amount = Range(12.0, 6.0, 24.0)
    units = {"a": Range(3.0, 2.0, 4.0), "b": Range(0.7, 0.3, 1.1), "c": Range(5.0, 5.0, 5.0)}

    each = amount.divided_by_each(units)

    assert each == {key: amount.divided_by(unit) for key, unit in units.items()}
    assert list(each) == list(units)
    assert all(type(made) is Range for made in each.values())


def test_dividing_by_a_units_plain_ends_gives_what_dividing_by_its_range_gives() -> None:
    amount = Range(12.0, 6.0, 24.0)
    unit = Range(0.7, 0.3, 1.1)
    ends = (0.7, 0.3, 1.1)

    assert amount.divided_by(ends) == amount.divided_by(unit)
    assert amount.divided_by_each({"a": ends}) == {"a": amount.divided_by(unit)}


def test_dividing_by_each_unit_checks_every_range_it_makes() -> None:
    units = {"fine": Range(1.0, 1.0, 1.0), "tiny": Range(1e-300, 1e-300, 1e-300)}

    with pytest.raises(ValueError, match="finite"):
        Range(1e10, 1e10, 1e10).divided_by_each(units)


def test_a_range_survives_copying_and_pickling() -> None:
    each = Range(1.0, 0.5, 2.0)

    for copied in (copy.copy(each), copy.deepcopy(each), pickle.loads(pickle.dumps(each))):
        assert copied == each
        assert type(copied) is Range


def test_a_model_holding_a_range_takes_one_as_is_or_from_its_ends() -> None:
    each = Range(1.0, 0.5, 2.0)

    assert _Holder(amount=each).amount is each
    from_ends = _Holder.model_validate({"amount": {"value": 1, "low": 0.5, "high": 2}}).amount
    assert type(from_ends) is Range
    assert from_ends == each
    from_json = _Holder.model_validate_json('{"amount": {"value": 1, "low": 0.5, "high": 2}}')
    assert from_json.amount == each


@pytest.mark.parametrize(
    "ends",
    [
        {"value": 1.0, "low": 3.0, "high": 2.0},
        {"value": -1.0, "low": -1.0, "high": -1.0},
        {"value": 1.0, "low": 0.5},
        {"value": 1.0, "low": 0.5, "high": 2.0, "middle": 1.0},
        {"value": "many", "low": 0.5, "high": 2.0},
    ],
)
def test_a_model_holding_a_range_refuses_bad_ends(ends: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _Holder.model_validate({"amount": ends})


def test_a_range_dumps_as_a_mapping_of_its_ends() -> None:
    holder = _Holder(amount=Range(1.0, 0.5, 2.0))
    ends = {"value": 1.0, "low": 0.5, "high": 2.0}

    assert holder.model_dump() == {"amount": ends}
    assert holder.model_dump(mode="json") == {"amount": ends}
    assert holder.model_dump_json() == '{"amount":{"value":1.0,"low":0.5,"high":2.0}}'


def test_a_comparison_dumps_its_ranges_as_mappings(factors: Factors) -> None:
    usage = build_usage([{"count": 40}, {"count": 2, "kind": "image"}])
    comparison = compare(usage, factors)

    dumped = comparison.model_dump(mode="json")

    energy = comparison.energy_wh
    assert dumped["energy_wh"] == {"value": energy.value, "low": energy.low, "high": energy.high}
    assert set(dumped["equivalents"]) == {each.value for each in EquivalentId}
    assert set(dumped["equivalents"][EquivalentId.BATH.value]) == {"value", "low", "high"}
    first = dumped["items"][0]
    assert set(first) == {"item", "per_day", "uses", "energy_wh"}
    assert set(first["uses"]) == {"value", "low", "high"}
    assert dumped["usage"] == usage.model_dump(mode="json")


def test_an_items_share_cannot_be_changed_and_comes_back_from_its_dump(factors: Factors) -> None:
    (share,) = compare(build_usage([{"count": 40}]), factors).items

    with pytest.raises(AttributeError):
        share.per_day = 5.0  # type: ignore[misc]
    dumped = _Shares(shares=(share,)).model_dump()
    assert dumped == {
        "shares": (
            {
                "item": share.item.model_dump(),
                "per_day": share.per_day,
                "uses": share.uses._asdict(),
                "energy_wh": share.energy_wh._asdict(),
            },
        )
    }
    again = _Shares.model_validate(dumped).shares
    assert again == (share,)
    assert type(again[0]) is ItemEnergy
    assert type(again[0].energy_wh) is Range
    with pytest.raises(ValidationError):
        _Shares.model_validate({"shares": [{**dumped["shares"][0], "extra": 1.0}]})


def test_a_comparison_comes_back_whole_from_its_json(factors: Factors) -> None:
    comparison = compare(build_usage([{"count": 40}, {"count": 2, "kind": "image"}]), factors)

    again = Comparison.model_validate_json(comparison.model_dump_json())

    assert again == comparison
    assert type(again.energy_wh) is Range
    assert type(again.items[0].uses) is Range


def test_a_comparison_refuses_fields_of_the_wrong_type(factors: Factors) -> None:
    comparison = compare(build_usage([{"count": 40}]), factors)
    fields = dict(comparison)

    for name, wrong in (("usage", {"items": []}), ("items", []), ("equivalents", [])):
        with pytest.raises(ValidationError):
            Comparison(**{**fields, name: wrong})
