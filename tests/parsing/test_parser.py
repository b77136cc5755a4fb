"""The parser's documented choices: long input, one-off totals, model names, the safety net."""

from __future__ import annotations

import logging

import pytest
from parsing_corpus import CORPUS

import bot.parsing.parser as parser_module
from bot.parsing import detect_language, parse
from bot.parsing.models import (
    Language,
    NotUsage,
    NotUsageReason,
    RefusedUsage,
    UsageMessage,
)
from bot.parsing.parser import read_message
from bot.parsing.text import MAX_CHARS
from bot.usage import RefusalReason


def _usage(text: str) -> UsageMessage:
    result = read_message(text)
    assert isinstance(result, UsageMessage), result
    return result


def test_a_4096_character_message_parses() -> None:
    text = (" ".join(entry.text for entry in CORPUS) * 2)[:MAX_CHARS]
    assert len(text) == MAX_CHARS

    result = parse(text)

    assert result.language is Language.KO


def test_a_4096_character_message_of_prose_with_one_usage_reads_that_usage() -> None:
    filler = "the weather was lovely and we walked along the river for a while. "
    text = ("I ask about 30 questions a day. " + filler * 80)[:MAX_CHARS]

    item = _usage(text).usage.items[0]

    assert (item.count, item.period_days) == (30, 1.0)


def test_text_after_the_first_4096_characters_is_not_read() -> None:
    text = "100 queries a day" + " " * MAX_CHARS + "and 50 images a day"

    usage = _usage(text).usage

    assert [(item.kind.value, item.count) for item in usage.items] == [("text", 100.0)]


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "\u3000", "\u00a0"])
def test_blank_messages_are_empty(text: str) -> None:
    assert read_message(text) == NotUsage(language=Language.EN, reason=NotUsageReason.EMPTY)


@pytest.mark.parametrize(
    "text", ["100 queries", "I used it 500 times", "how much is 365 queries?", "100", "약 100번"]
)
def test_a_count_without_a_period_is_a_one_off_total(text: str) -> None:
    (item,) = _usage(text).usage.items

    assert item.period_days is None


@pytest.mark.parametrize(
    "text", ["I'm 30", "my 2 cents", "5 stars", "room 101 is cold", "세 번째 질문이에요"]
)
def test_a_bare_number_in_a_sentence_is_no_usage(text: str) -> None:
    assert read_message(text) == NotUsage(language=detect_language(text))


@pytest.mark.parametrize(
    "model",
    ["gpt-4o", "o3", "4o-mini", "gpt-5", "claude 3.5 sonnet", "gemini 2.5", "llama 3.1 70b"],
)
def test_model_names_are_never_counts(model: str) -> None:
    assert isinstance(read_message(f"I mostly use {model}"), NotUsage)
    (item,) = _usage(f"{model} 7 times a day").usage.items
    assert item.count == 7


@pytest.mark.parametrize(
    ("text", "is_usage"),
    [
        ("3 videos", True),
        ("3 short videos", True),
        ("3 really short videos", True),
        ("3 very very short videos", False),
        ("images of cats 30", True),
        ("images of my cats 30", False),
    ],
)
def test_a_kind_word_makes_a_number_a_count_from_at_most_two_words_away(
    text: str, is_usage: bool
) -> None:
    assert isinstance(read_message(text), UsageMessage) is is_usage


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("about 30 a day", True),
        ("around 30 a day", True),
        ("~30 a day", True),
        ("roughly 30 a day", True),
        ("30ish a day", True),
        ("하루 약 30번", True),
        ("하루 30번 정도", True),
        ("하루 30번쯤", True),
        ("하루 한 30번", True),
        ("30 a day", False),
        ("20~30 a day", False),
        ("하루 30번", False),
    ],
)
def test_approximation_markers_make_the_usage_approximate(text: str, approximate: bool) -> None:
    assert _usage(text).approximate is approximate


@pytest.mark.parametrize(
    ("text", "count", "period_days"),
    [
        ("이미지 만들어요 하루 3장", 3, 1.0),
        ("일주일에 한 번", 1, 7.0),
        ("사회 문제 질문 하루 5번", 5, 1.0),
        ("자주 써요 하루 10번", 10, 1.0),
        ("주로 하루 4번", 4, 1.0),
        ("이번에는 하루 6번", 6, 1.0),
    ],
)
def test_korean_number_words_count_only_in_front_of_a_counter(
    text: str, count: float, period_days: float
) -> None:
    (item,) = _usage(text).usage.items

    assert (item.count, item.period_days) == (count, period_days)


def test_more_numbers_than_anyone_describes_their_use_with_are_refused() -> None:
    text = ", ".join(f"{n} queries a day" for n in range(100))

    assert read_message(text) == RefusedUsage(
        language=Language.EN, reason=RefusalReason.TOO_MANY_ITEMS
    )


def test_the_safety_net_logs_a_bug_and_reads_the_message_as_chatter(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(parser_module, "read_message", broken)

    result = parse("하루 100번")

    assert result == NotUsage(language=Language.KO)
    assert any(record.levelno == logging.ERROR for record in caplog.records)


def test_no_corpus_message_reaches_the_safety_net(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.parsing.parser"):
        for entry in CORPUS:
            assert parse(entry.text) == read_message(entry.text)

    assert caplog.records == []
