"""Building blocks of replies: items read back as given, equivalents rounded as they show."""

from __future__ import annotations

import pytest

from bot.factors import EquivalentId
from bot.rendering import Translator
from bot.rendering.phrases import (
    EQUIVALENT_ROUNDING,
    WHOLE_EQUIVALENTS,
    as_read,
    counted_uses,
    item_uses,
)
from bot.usage import Kind, build_usage


def test_a_usage_is_read_back_as_the_user_gave_each_item() -> None:
    usage = build_usage(
        [
            {"count": 100},
            {"kind": Kind.IMAGE, "count": 25, "count_low": 20, "count_high": 30, "period_days": 7},
            {"kind": Kind.VIDEO, "count": 3, "period_days": None},
        ]
    )

    assert as_read(usage) == (
        (Kind.TEXT, 100, None, None, 1.0),
        (Kind.IMAGE, 25, 20, 30, 7),
        (Kind.VIDEO, 3, None, None, None),
    )


@pytest.mark.parametrize(
    ("count", "count_low", "count_high", "expected"),
    [
        (100, None, None, "100 text queries"),
        (25, 20, 30, "20–30 text queries"),
        # A missing end is the count itself, as UsageItem's low and high say.
        (25, 20, None, "20–25 text queries"),
        (25, None, 30, "25–30 text queries"),
        (1, 1, 1, "1 text query"),
    ],
)
def test_counted_uses_show_a_range_only_when_its_ends_differ(
    en: Translator, count: float, count_low: float | None, count_high: float | None, expected: str
) -> None:
    assert counted_uses(Kind.TEXT, count, count_low, count_high, en) == expected


def test_an_items_uses_read_as_its_counted_uses(en: Translator) -> None:
    item = build_usage([{"count": 25, "count_low": 20, "count_high": 30}]).items[0]

    assert item_uses(item, en) == "20–30 text queries"


@pytest.mark.parametrize("equivalent_id", list(EquivalentId))
def test_whole_things_round_whole_and_measures_to_two_figures(
    equivalent_id: EquivalentId,
) -> None:
    round_ = EQUIVALENT_ROUNDING[equivalent_id]

    if equivalent_id in WHOLE_EQUIVALENTS:
        assert [round_(x) for x in (0.34, 4.9, 24.3)] == [0.3, 5, 24]
    else:
        assert [round_(x) for x in (0.34, 4.9, 24.3)] == [0.34, 4.9, 24]
