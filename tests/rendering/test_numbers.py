"""Numbers in replies: two significant figures, never 0 for an amount, units that fit."""

from __future__ import annotations

import math

import pytest

from bot.parsing.models import Language
from bot.rendering.numbers import (
    DISTANCE_KM,
    ENERGY_WH,
    MASS_G,
    VOLUME_ML,
    Ladder,
    exact,
    number,
    number_range,
    quantity,
    quantity_range,
    round_significant,
    round_whole,
)

EN, KO = Language.EN, Language.KO


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (7300, 7300),
        (7312, 7300),
        (11.7, 12),
        (3.65, 3.7),  # halves round up, as people do
        (0.285, 0.29),  # despite 0.285 * 100 = 28.499999999999996
        (18.25, 18),
        (0.01234, 0.012),
        (999.6, 1000),
        (0.0004567, 0.00046),
        (0, 0),
        (1e15 + 1, 1e15),
    ],
)
def test_round_significant_keeps_two_figures(x: float, expected: float) -> None:
    assert round_significant(x) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (-7312.0, -7300.0),  # a negative rounds as its size does
        (-0.0, -0.0),
        (math.inf, math.inf),
        (-math.inf, -math.inf),
        (5e-324, 5e-324),  # subnormal dust stays as it is
    ],
)
def test_round_significant_leaves_what_has_no_figures_to_round(x: float, expected: float) -> None:
    assert round_significant(x) == expected
    assert math.copysign(1, round_significant(x)) == math.copysign(1, expected)


def test_round_significant_leaves_nan_as_it_is() -> None:
    assert math.isnan(round_significant(math.nan))


@pytest.mark.parametrize(
    ("x", "expected"),
    [(4.9, 5), (1.8, 2), (1.5, 2), (1.26, 1), (9.6, 10), (24.3, 24), (1234, 1200), (0.34, 0.3)],
)
def test_whole_things_round_to_whole_numbers_from_one(x: float, expected: float) -> None:
    assert round_whole(x) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("x", "language", "whole", "expected"),
    [
        (7312, EN, False, "7,300"),
        (7312, KO, False, "7,300"),
        (24333, EN, False, "24,000"),
        (24333, KO, False, "2.4만"),
        (120_000_000, EN, False, "120 million"),
        (120_000_000, KO, False, "1.2억"),
        (1_500_000, EN, False, "1.5 million"),
        (2.5e12, KO, False, "2.5조"),
        (0.3333, EN, False, "0.33"),
        (0.004, EN, False, "<0.01"),
        (1e-9, KO, False, "<0.01"),
        (0, EN, False, "0"),
        (4.87, EN, True, "5"),
        (0.65, EN, True, "0.7"),
        (12.4, KO, True, "12"),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(
    x: float, language: Language, whole: bool, expected: str
) -> None:
    assert number(x, language, whole=whole).text == expected


@pytest.mark.parametrize(
    ("x", "n"), [(1, 1), (1.04, 1), (2, 2), (0.5, 2), (4.9, 2), (1234, 1200), (0, 0)]
)
def test_the_plural_count_follows_the_shown_number(x: float, n: int) -> None:
    """Fractions take the plural, as "0.5 hot baths" does in English."""
    assert number(x, EN).n == n


@pytest.mark.parametrize("x", [1e-300, 1e-12, 3e-7, 0.0049, 0.01, 0.5, 7, 1e9, 3.65e16])
@pytest.mark.parametrize("language", [EN, KO])
def test_a_non_zero_amount_never_shows_as_zero(x: float, language: Language) -> None:
    for text in (
        number(x, language).text,
        number(x, language, whole=True).text,
        quantity(x, ENERGY_WH, language),
        quantity(x, MASS_G, language),
        quantity(x, VOLUME_ML, language),
        quantity(x, DISTANCE_KM, language),
    ):
        assert text.lstrip("<").split()[0] not in {"0", "0Wh", "0g", "0mL", "0m"}, text
        assert not text.startswith("0 ") and text[0] != "-", text


@pytest.mark.parametrize(
    ("value", "ladder", "language", "expected"),
    [
        (7300, ENERGY_WH, EN, "7.3 kWh"),
        (7300, ENERGY_WH, KO, "7.3kWh"),
        (730, ENERGY_WH, EN, "730 Wh"),
        (999.7, ENERGY_WH, EN, "1 kWh"),
        (0.2, ENERGY_WH, EN, "0.2 Wh"),
        (0.004, ENERGY_WH, EN, "<0.01 Wh"),
        (3.65e7, ENERGY_WH, EN, "37 MWh"),
        (3.65e16, ENERGY_WH, KO, "3.7만TWh"),
        (2.1e9, ENERGY_WH, EN, "2.1 GWh"),
        (11.7, DISTANCE_KM, EN, "12 km"),
        (0.32, DISTANCE_KM, EN, "320 m"),
        (0.32, DISTANCE_KM, KO, "320m"),
        (24_333, DISTANCE_KM, KO, "2.4만km"),
        (3450, MASS_G, EN, "3.5 kg"),
        (3450, MASS_G, KO, "3.5kg"),
        (870, MASS_G, EN, "870 g"),
        (2.5e6, MASS_G, EN, "2.5 t"),
        (10_950, VOLUME_ML, EN, "11 L"),
        (10_950, VOLUME_ML, KO, "11L"),
        (300, VOLUME_ML, EN, "300 mL"),
    ],
)
def test_quantities_take_the_unit_that_fits(
    value: float, ladder: Ladder, language: Language, expected: str
) -> None:
    assert quantity(value, ladder, language) == expected


@pytest.mark.parametrize(
    ("low", "high", "ladder", "language", "expected"),
    [
        (3650, 18_250, ENERGY_WH, EN, "3.7–18 kWh"),
        (3650, 18_250, ENERGY_WH, KO, "3.7–18kWh"),
        (365, 1825, ENERGY_WH, EN, "370 Wh–1.8 kWh"),
        (4.56, 39.7, DISTANCE_KM, EN, "4.6–40 km"),
        (7300, 7310, ENERGY_WH, EN, "7.3 kWh"),
    ],
)
def test_ranges_share_a_unit_when_they_can(
    low: float, high: float, ladder: Ladder, language: Language, expected: str
) -> None:
    assert quantity_range(low, high, ladder, language) == expected


@pytest.mark.parametrize(
    ("low", "high", "language", "whole", "expected"),
    [
        (1.26, 26.07, EN, True, "1–26"),
        (0.65, 7.93, EN, True, "0.7–8"),
        (4600, 56_000, KO, False, "4,600–5.6만"),
        (5, 5.01, EN, False, "5"),
    ],
)
def test_count_ranges_round_both_ends(
    low: float, high: float, language: Language, whole: bool, expected: str
) -> None:
    assert number_range(low, high, language, whole=whole) == expected


@pytest.mark.parametrize(
    ("x", "language", "expected"),
    [
        (100, EN, "100"),
        (1234, EN, "1,234"),
        (12_345, KO, "12,345"),
        (20_000, KO, "2만"),
        (25_000, KO, "2.5만"),
        (1e9, KO, "10억"),
        (1e9, EN, "1 billion"),
        (1_250_000, EN, "1,250,000"),
        (2.5, EN, "2.5"),
        (1 / 3, EN, "0.33"),
    ],
)
def test_a_users_own_counts_are_restated_as_given(
    x: float, language: Language, expected: str
) -> None:
    assert exact(x, language).text == expected
