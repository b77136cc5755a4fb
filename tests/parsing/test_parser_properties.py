"""Properties of the parser on any text: it never raises, and it tells Korean from English."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.parsing import detect_language
from bot.parsing.models import (
    EquivalenceQuestion,
    Language,
    NotUsage,
    RefusedUsage,
    UsageMessage,
)
from bot.parsing.parser import read_message

# Pieces people (and pranksters) put in messages, so that long random messages are full of
# near-misses for the grammar rather than plain noise.
_PIECES = [
    *"0123456789 .,-~/^+x%$#",
    "100",
    "1,000",
    "2.5k",
    "10^12",
    "-5",
    "twenty-five",
    "a hundred and",
    "half a dozen",
    "twice",
    "a day",
    "per week",
    "every other",
    "for the next",
    " years",
    "queries",
    "images",
    "o3",
    "gpt-4o",
    "how many",
    "bath",
    "between",
    "하루",
    "매일",
    "번",
    "회",
    "장",
    "백",
    "천오백",
    "만",
    "두세",
    "열다섯",
    "일주일에",
    "주",
    "월",
    "년",
    "동안",
    "이미지",
    "몇 번",
    "목욕",
    "정도",
    "ㅋㅋ",
    "<b>",
    "</b>",
    "&amp;",
    "<a href='x'>",
    "🤖",
    "\n",
]
_MESSY_TEXT = st.lists(st.sampled_from(_PIECES), max_size=1200).map("".join)
# Long ones too: a few hundred pieces make messages of one to four thousand characters.
_LONG_TEXT = st.lists(st.sampled_from(_PIECES), min_size=300, max_size=1500).map("".join)
_ANY_RESULT = (UsageMessage, EquivalenceQuestion, NotUsage, RefusedUsage)


def _has_hangul(text: str) -> bool:
    return any("HANGUL" in unicodedata.name(character, "") for character in text)


# No deadline: timing belongs to bench/parse_bench.py, and a busy test machine must not fail.
@settings(max_examples=400, deadline=None)
@given(st.text())
def test_reading_any_text_returns_a_result_without_raising(text: str) -> None:
    assert isinstance(read_message(text), _ANY_RESULT)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_LONG_TEXT)
def test_reading_long_messages_full_of_numbers_hangul_and_html_never_raises(text: str) -> None:
    assert isinstance(read_message(text), _ANY_RESULT)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_the_language_is_korean_exactly_when_the_text_has_hangul(text: str) -> None:
    expected = Language.KO if _has_hangul(text) else Language.EN

    assert read_message(text).language is expected
    assert detect_language(text) is expected


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MESSY_TEXT)
def test_the_language_of_messy_messages_follows_their_hangul(text: str) -> None:
    expected = Language.KO if _has_hangul(text) else Language.EN

    assert read_message(text).language is expected


def test_every_code_point_named_hangul_makes_a_message_korean() -> None:
    """The hard-coded Hangul ranges in bot.parsing.text match the Unicode database."""
    mismatches = [
        hex(code)
        for code in range(0x110000)
        if (detect_language(chr(code)) is Language.KO)
        != ("HANGUL" in unicodedata.name(chr(code), ""))
    ]

    assert mismatches == []
