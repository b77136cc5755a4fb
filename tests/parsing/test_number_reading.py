"""Reading numbers: digits, suffixes, English words, Sino- and native Korean, and ranges."""

from __future__ import annotations

import re

import pytest

from bot.parsing.models import UsageMessage
from bot.parsing.numbers import NUMBER, Amount, read_number
from bot.parsing.parser import read_message

_NUMBER_RE = re.compile(NUMBER)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("100", 100),
        ("1.5", 1.5),
        ("2.5k", 2500),
        ("1.2k", 1200),
        ("3m", 3_000_000),
        ("1.5 thousand", 1500),
        ("2 dozen", 24),
        ("10^12", 1e12),
        ("1e9", 1e9),
    ],
)
def test_digits_read_with_suffixes_and_powers(written: str, value: float) -> None:
    assert read_number(written) == Amount(value)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("one", 1),
        ("twelve", 12),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("a hundred", 100),
        ("a hundred and twenty", 120),
        ("two hundred and fifty", 250),
        ("one thousand two hundred", 1200),
        ("five hundred thousand", 500_000),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("once", 1),
        ("twice", 2),
        ("thrice", 3),
        ("a couple", 2),
        ("a couple of", 2),
        ("a few", 3),
    ],
)
def test_english_number_words_read_as_their_value(written: str, value: float) -> None:
    assert read_number(written) == Amount(value)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("백", 100),
        ("삼십", 30),
        ("이십오", 25),
        ("백이십", 120),
        ("천오백", 1500),
        ("만", 10_000),
        ("십만", 100_000),
        ("1.5만", 15_000),
        ("2만5천", 25_000),
        ("2만 5천", 25_000),
        ("3천", 3000),
        ("이만 오천", 25_000),
        ("100만", 1_000_000),
    ],
)
def test_sino_korean_numbers_read_as_their_value(written: str, value: float) -> None:
    assert read_number(written) == Amount(value)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("한", 1),
        ("두", 2),
        ("세", 3),
        ("석", 3),
        ("네", 4),
        ("다섯", 5),
        ("열", 10),
        ("열다섯", 15),
        ("스무", 20),
        ("스물다섯", 25),
        ("서른", 30),
    ],
)
def test_native_korean_numbers_read_as_their_value(written: str, value: float) -> None:
    assert read_number(written) == Amount(value)


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [
        ("한두", 1, 2),
        ("두세", 2, 3),
        ("서너", 3, 4),
        ("두서너", 2, 4),
        ("네다섯", 4, 5),
        ("대여섯", 5, 6),
        ("열두세", 12, 13),
    ],
)
def test_native_korean_range_words_read_at_their_midpoint(
    written: str, low: float, high: float
) -> None:
    assert read_number(written) == Amount((low + high) / 2, low, high)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("이미지", None),
        ("일주일", None),
        ("사회", None),
        ("gpt4", None),
        ("abc", None),
        ("someone", None),
        ("often", None),
        ("100번", "100"),
        ("천오백 건", "천오백"),
        ("twenty-five questions", "twenty-five"),
        ("one and two", "one"),
    ],
)
def test_the_number_pattern_finds_only_whole_numbers(text: str, expected: str | None) -> None:
    match = _NUMBER_RE.search(text)

    assert (match.group() if match else None) == expected


@pytest.mark.parametrize(
    ("message", "count", "low", "high"),
    [
        ("20-30 questions a day", 25, 20, 30),
        ("20 or 30 a day", 25, 20, 30),
        ("20 to 30 prompts a day", 25, 20, 30),
        ("between 10 and 20 a day", 15, 10, 20),
        ("maybe once or twice a day", 1.5, 1, 2),
        ("하루 20~30번", 25, 20, 30),
        ("10~20번 하루에", 15, 10, 20),
        ("20에서 30번 매일", 25, 20, 30),
        ("하루 두세 번", 2.5, 2, 3),
        ("하루 한 두 번", 1.5, 1, 2),
    ],
)
def test_ranges_are_counted_at_their_midpoint_keeping_both_ends(
    message: str, count: float, low: float, high: float
) -> None:
    result = read_message(message)

    assert isinstance(result, UsageMessage)
    (item,) = result.usage.items
    assert (item.count, item.count_low, item.count_high) == (count, low, high)


def test_a_huge_power_reads_as_infinity_instead_of_overflowing() -> None:
    amount = read_number("10^99999")

    assert amount is not None
    assert amount.value == float("inf")


def test_two_sino_digits_in_a_row_are_not_a_number() -> None:
    assert read_number("일이") is None
