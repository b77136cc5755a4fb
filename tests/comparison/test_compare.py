"""The comparison core: golden numbers, hand-computed tables and properties."""

from __future__ import annotations

import functools
import math
import operator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.comparison import Range, answer_equivalence, compare
from bot.factors import EquivalentId, Factors
from bot.usage import DAYS_PER_MONTH, DAYS_PER_YEAR, Kind, Usage, UsageItem, build_usage


def daily(count: float, kind: Kind = Kind.TEXT, horizon_days: float = DAYS_PER_YEAR) -> Usage:
    return build_usage([{"kind": kind, "count": count, "period_days": 1.0}], horizon_days)


def test_a_hundred_text_queries_a_day_for_a_year_is_the_golden_seed(factors: Factors) -> None:
    """100 a day at 0.2 Wh for a year ≈ 7.3 kWh ≈ 12 km by car ≈ 5 showers ≈ 2 baths."""
    result = compare(daily(100), factors)

    assert result.energy_wh.value == pytest.approx(7300)
    assert round(result.equivalents[EquivalentId.CAR_KM].value) == 12
    assert round(result.equivalents[EquivalentId.SHOWER].value) == 5
    assert round(result.equivalents[EquivalentId.BATH].value) == 2


@pytest.mark.parametrize(
    ("items", "horizon_days", "expected_wh"),
    [
        ([{"count": 100}], 365, 100 * 0.2 * 365),
        ([{"count": 100, "period_days": 7}], 365, 100 * 0.2 * 365 / 7),
        ([{"count": 500, "period_days": DAYS_PER_MONTH}], 365, 500 * 0.2 * 12),
        ([{"count": 1200, "period_days": 365}], 365, 1200 * 0.2),
        ([{"count": 15, "period_days": 2}], 365, 15 * 0.2 * 365 / 2),
        ([{"count": 365, "period_days": None}], 365, 365 * 0.2),
        ([{"count": 365, "period_days": None}], 30, 365 * 0.2),
        ([{"count": 5, "kind": "image"}], 365, 5 * 1.0 * 365),
        ([{"count": 3, "kind": "video", "period_days": DAYS_PER_MONTH}], 365, 3 * 100 * 12),
        ([{"count": 20, "kind": "reasoning"}], DAYS_PER_MONTH * 6, 20 * 4 * DAYS_PER_MONTH * 6),
        ([{"count": 40}, {"count": 2, "kind": "image"}], 365, (40 * 0.2 + 2 * 1.0) * 365),
        ([{"count": 25, "count_low": 20, "count_high": 30}], 1, 25 * 0.2),
        ([{"count": 0}], 365, 0.0),
    ],
)
def test_energy_over_the_horizon_matches_hand_arithmetic(
    factors: Factors, items: list[dict[str, object]], horizon_days: float, expected_wh: float
) -> None:
    result = compare(build_usage(items, horizon_days), factors)

    assert result.energy_wh.value == pytest.approx(expected_wh)


def test_the_low_uses_every_low_factor_and_the_high_every_high(factors: Factors) -> None:
    usage = build_usage([{"count": 25, "count_low": 20, "count_high": 30}], 365)
    text = factors.energy_per_use[Kind.TEXT]

    result = compare(usage, factors)

    assert result.energy_wh.low == pytest.approx(20 * 365 * text.low)
    assert result.energy_wh.high == pytest.approx(30 * 365 * text.high)


def test_equivalent_ranges_cross_low_energy_with_the_equivalents_high(factors: Factors) -> None:
    result = compare(daily(100), factors)
    bath_low_wh, bath_high_wh = factors.equivalents[EquivalentId.BATH].wh[1:]

    baths = result.equivalents[EquivalentId.BATH]

    assert baths.low == pytest.approx(result.energy_wh.low / bath_high_wh)
    assert baths.high == pytest.approx(result.energy_wh.high / bath_low_wh)


def test_every_equivalent_in_factors_is_compared(factors: Factors) -> None:
    result = compare(daily(10), factors)

    assert set(result.equivalents) == set(EquivalentId)


@pytest.mark.parametrize(
    ("region", "expected_region"),
    [(None, "world"), ("world", "world"), ("KR", "KR"), ("CH", "CH"), ("ZZ", "world")],
)
def test_co2_uses_the_regions_grid_and_falls_back_to_the_default(
    factors: Factors, region: str | None, expected_region: str
) -> None:
    result = compare(daily(100), factors, region=region)
    grid = factors.grid_intensity[expected_region]

    assert result.region == expected_region
    assert result.co2_g.value == pytest.approx(7300 * grid.value / 1000)
    assert result.co2_g.low == pytest.approx(result.energy_wh.low * grid.low / 1000)


def test_water_for_text_counts_queries_and_heavier_kinds_scale_with_energy(
    factors: Factors,
) -> None:
    water = factors.water_per_text_query
    text_wh = factors.energy_per_use[Kind.TEXT].value
    image_wh = factors.energy_per_use[Kind.IMAGE].value

    text_only = compare(daily(100), factors)
    image_only = compare(daily(1, Kind.IMAGE), factors)

    assert text_only.water_ml.value == pytest.approx(36500 * water.value)
    assert image_only.water_ml.value == pytest.approx(365 * image_wh / text_wh * water.value)


def test_shorter_showers_cancel_out_the_energy(factors: Factors) -> None:
    minute_wh = factors.offsets.shower_minute.wh[0]

    result = compare(daily(100), factors)

    assert result.shorter_showers.value == pytest.approx(7300 / minute_wh)
    assert 20 < result.shorter_showers.value < 30


@pytest.mark.parametrize(
    ("target", "amount", "kind", "expected_count"),
    [
        (EquivalentId.BATH, 1, Kind.TEXT, 4000 / 0.2),
        (EquivalentId.SHOWER, 1, Kind.TEXT, 1500 / 0.2),
        (EquivalentId.CAR_KM, 10, Kind.TEXT, 6230 / 0.2),
        (EquivalentId.BATH, 1, Kind.IMAGE, 4000 / 1.0),
        (EquivalentId.BATH, 2, Kind.VIDEO, 8000 / 100),
    ],
)
def test_reverse_question_counts_uses_that_equal_an_equivalent(
    factors: Factors, target: EquivalentId, amount: float, kind: Kind, expected_count: float
) -> None:
    answer = answer_equivalence(target, factors, amount=amount, kind=kind)

    assert answer.count.value == pytest.approx(expected_count)
    assert answer.days_at_rate is None


def test_reverse_question_says_how_many_days_of_the_persons_own_rate(factors: Factors) -> None:
    answer = answer_equivalence(EquivalentId.BATH, factors, usage=daily(100))

    assert answer.rate_per_day == pytest.approx(100)
    assert answer.days_at_rate is not None
    assert answer.days_at_rate.value == pytest.approx(4000 / (100 * 0.2))


@pytest.mark.parametrize(
    "item",
    [
        {"count": 5, "count_low": 0, "count_high": 10},
        {"count": 5, "count_low": 1e-320, "count_high": 10},
        {"count": 1e-320},
    ],
)
def test_reverse_question_gives_no_days_when_the_rate_could_be_zero(
    factors: Factors, item: dict[str, object]
) -> None:
    usage = build_usage([item])

    answer = answer_equivalence(EquivalentId.BATH, factors, usage=usage)

    assert answer.days_at_rate is None


# --- properties --------------------------------------------------------------------------

counts = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
horizons = st.floats(min_value=1, max_value=36500, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(list(Kind))
periods = st.one_of(st.none(), st.floats(min_value=1, max_value=3650, allow_nan=False))


@st.composite
def usages(draw: st.DrawFn) -> Usage:
    items = draw(
        st.lists(st.builds(UsageItem, kind=kinds, count=counts, period_days=periods), max_size=4)
    )
    return Usage(items=(*items, UsageItem(count=draw(counts))), horizon_days=draw(horizons))


def all_ranges(usage: Usage, factors: Factors) -> list[Range]:
    result = compare(usage, factors)
    return [
        result.energy_wh,
        result.co2_g,
        result.water_ml,
        result.shorter_showers,
        *result.equivalents.values(),
        *(share.energy_wh for share in result.items),
    ]


@settings(max_examples=200)
@given(usage=usages())
def test_low_is_at_most_value_and_value_at_most_high_everywhere(
    factors: Factors, usage: Usage
) -> None:
    for each in all_ranges(usage, factors):
        assert each.low <= each.value * (1 + 1e-9) + 1e-12
        assert each.value <= each.high * (1 + 1e-9) + 1e-12


@given(count=counts, multiple=st.floats(min_value=0.01, max_value=100), kind=kinds)
def test_energy_is_linear_in_count(
    factors: Factors, count: float, multiple: float, kind: Kind
) -> None:
    once = compare(daily(count, kind), factors).energy_wh.value
    scaled = compare(daily(count * multiple, kind), factors).energy_wh.value

    assert math.isclose(scaled, once * multiple, rel_tol=1e-9, abs_tol=1e-9)


@given(count=counts, horizon=horizons, multiple=st.floats(min_value=0.01, max_value=1))
def test_energy_is_linear_in_horizon(
    factors: Factors, count: float, horizon: float, multiple: float
) -> None:
    whole = compare(daily(count, horizon_days=horizon), factors).energy_wh.value
    part = compare(daily(count, horizon_days=horizon * multiple), factors).energy_wh.value

    assert math.isclose(part, whole * multiple, rel_tol=1e-9, abs_tol=1e-9)


@given(
    count=st.floats(min_value=1, max_value=1e6), multiple=st.floats(min_value=0.1, max_value=10)
)
def test_equivalents_are_inversely_proportional_to_their_factor(
    factors: Factors, count: float, multiple: float
) -> None:
    bath = factors.equivalents[EquivalentId.BATH]
    scaled = {key: getattr(bath, key) * multiple for key in ("value", "low", "high")}
    bigger_bath = bath.model_copy(update=scaled)
    changed = factors.model_copy(
        update={"equivalents": {**factors.equivalents, EquivalentId.BATH: bigger_bath}}
    )

    usual = compare(daily(count), factors).equivalents[EquivalentId.BATH].value
    fewer = compare(daily(count), changed).equivalents[EquivalentId.BATH].value

    assert math.isclose(fewer * multiple, usual, rel_tol=1e-9)


@given(usage=usages())
def test_totals_add_the_items_in_order(factors: Factors, usage: Usage) -> None:
    result = compare(usage, factors)

    for end in ("value", "low", "high"):
        in_order = functools.reduce(
            operator.add, (getattr(share.energy_wh, end) for share in result.items), 0.0
        )
        assert getattr(result.energy_wh, end) == in_order
