"""The usage models refuse absurd input with a typed reason the reply layer can explain."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.usage import (
    DAYS_PER_MONTH,
    MAX_EQUIVALENT_AMOUNT,
    MAX_USES_PER_DAY,
    RefusalReason,
    UsageRefused,
    build_usage,
    check_equivalent_amount,
)


@pytest.mark.parametrize(
    ("items", "horizon_days", "reason"),
    [
        ([{"count": -1}], None, RefusalReason.NEGATIVE),
        ([{"count": math.nan}], None, RefusalReason.NOT_FINITE),
        ([{"count": math.inf}], None, RefusalReason.NOT_FINITE),
        ([{"count": "lots"}], None, RefusalReason.NOT_FINITE),
        ([{"count": 2e9}], None, RefusalReason.TOO_MANY),
        ([{"count": 1e9, "period_days": 0.5}], None, RefusalReason.TOO_MANY),
        ([{"count": 1e20, "period_days": None}], None, RefusalReason.TOO_MANY),
        ([{"count": 1, "period_days": 0}], None, RefusalReason.PERIOD_INVALID),
        ([{"count": 1, "period_days": -7}], None, RefusalReason.NEGATIVE),
        ([{"count": 0, "period_days": 1e-310}], None, RefusalReason.PERIOD_INVALID),
        ([{"count": 0, "period_days": 1 / 24 / 60 / 2}], None, RefusalReason.PERIOD_INVALID),
        ([{"count": 5, "count_low": 6, "count_high": 9}], None, RefusalReason.RANGE_INVALID),
        ([{"count": 1}], 365 * 101, RefusalReason.HORIZON_TOO_LONG),
        ([{"count": 1}], 0, RefusalReason.HORIZON_TOO_SHORT),
        ([{"count": 1}], math.inf, RefusalReason.NOT_FINITE),
        ([{"count": 1}], -3, RefusalReason.NEGATIVE),
        ([], None, RefusalReason.EMPTY),
        ([{"count": 1}] * 21, None, RefusalReason.TOO_MANY_ITEMS),
        # The first item that is wrong decides, and any item before the usage as a whole.
        ([{"count": "lots"}, {"count": -1}], None, RefusalReason.NOT_FINITE),
        ([{"count": -1}, {"count": "lots"}], None, RefusalReason.NEGATIVE),
        ([{"count": 1}] * 20 + [{"count": -1}], None, RefusalReason.NEGATIVE),
        ([{"count": 1, "period_days": 0}], -3, RefusalReason.PERIOD_INVALID),
        ([{"count": "lots"}], -3, RefusalReason.NOT_FINITE),
        ([{"count": 1}], "soon", RefusalReason.NOT_FINITE),
    ],
)
def test_absurd_usages_are_refused_with_a_reason(
    items: list[dict[str, object]], horizon_days: float | None, reason: RefusalReason
) -> None:
    with pytest.raises(UsageRefused) as refused:
        build_usage(items, horizon_days)

    assert refused.value.reason is reason


@pytest.mark.parametrize(
    ("items", "horizon_days", "per_day"),
    [
        ([{"count": 100}], 365, 100),
        ([{"count": 70, "period_days": 7}], 365, 10),
        ([{"count": 365, "period_days": None}], 365, 1),
        ([{"count": 500, "period_days": DAYS_PER_MONTH}], 365, 500 * 12 / 365),
        ([{"count": 1e9}], 365, 1e9),
    ],
)
def test_uses_per_day_spreads_one_off_totals_over_the_horizon(
    items: list[dict[str, object]], horizon_days: float, per_day: float
) -> None:
    assert build_usage(items, horizon_days).per_day == pytest.approx(per_day)


@pytest.mark.parametrize(
    ("item", "uses"),
    [
        ({"count": 10}, (3650.0, 3650.0, 3650.0)),
        ({"count": 10, "count_low": 5, "count_high": 20}, (3650.0, 1825.0, 7300.0)),
        ({"count": 10, "count_low": 5}, (3650.0, 1825.0, 3650.0)),
        ({"count": 70, "count_high": 140, "period_days": 7}, (3650.0, 3650.0, 7300.0)),
        ({"count": 10, "count_low": 5, "count_high": 20, "period_days": None}, (10, 5, 20)),
    ],
)
def test_an_items_uses_over_a_horizon_take_its_count_for_an_end_not_given(
    item: dict[str, object], uses: tuple[float, float, float]
) -> None:
    (read,) = build_usage([item]).items

    assert read.uses_over(365.0) == uses


@pytest.mark.parametrize(
    ("item", "rate_and_uses"),
    [
        ({"count": 70, "count_high": 140, "period_days": 7}, (10.0, 3650.0, 3650.0, 7300.0)),
        ({"count": 365, "count_low": 200, "period_days": None}, (1.0, 365.0, 200.0, 365.0)),
    ],
)
def test_an_items_rate_is_its_count_per_period_or_its_total_spread_over_the_horizon(
    item: dict[str, object], rate_and_uses: tuple[float, float, float, float]
) -> None:
    (read,) = build_usage([item]).items

    assert read.rate_and_uses(365.0) == rate_and_uses


@pytest.mark.parametrize("field", ["count", "count_low", "count_high", "period_days", "horizon"])
@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (math.nan, RefusalReason.NOT_FINITE),
        (math.inf, RefusalReason.NOT_FINITE),
        (-math.inf, RefusalReason.NOT_FINITE),
        (-1.0, RefusalReason.NEGATIVE),
        (-5e-324, RefusalReason.NEGATIVE),
    ],
)
def test_a_number_not_finite_or_below_zero_is_refused_wherever_it_is(
    field: str, number: float, reason: RefusalReason
) -> None:
    item: dict[str, object] = {"count": 1.0, "count_low": 1.0, "count_high": 1.0}
    horizon = number if field == "horizon" else None
    if field != "horizon":
        item[field] = number

    with pytest.raises(UsageRefused) as refused:
        build_usage([item], horizon)

    assert refused.value.reason is reason


def test_minus_zero_is_zero_not_a_negative_count() -> None:
    usage = build_usage([{"count": -0.0, "count_low": -0.0, "count_high": 0.0}], 365.0)

    assert usage.per_day == 0


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_count_is_either_a_usage_or_a_typed_refusal(count: float) -> None:
    try:
        usage = build_usage([{"count": count}])
    except UsageRefused:
        return
    assert 0 <= usage.per_day <= MAX_USES_PER_DAY


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        (-1, RefusalReason.NEGATIVE),
        (math.nan, RefusalReason.NOT_FINITE),
        (1e308, RefusalReason.AMOUNT_TOO_LARGE),
        (MAX_EQUIVALENT_AMOUNT * 2, RefusalReason.AMOUNT_TOO_LARGE),
    ],
)
def test_absurd_reverse_question_amounts_are_refused(amount: float, reason: RefusalReason) -> None:
    with pytest.raises(UsageRefused) as refused:
        check_equivalent_amount(amount)

    assert refused.value.reason is reason


def test_believable_reverse_question_amounts_pass() -> None:
    check_equivalent_amount(1)
    check_equivalent_amount(MAX_EQUIVALENT_AMOUNT)
