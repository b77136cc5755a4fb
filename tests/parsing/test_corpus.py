"""The labelled corpus: one case per message, and the parser's overall accuracy on it."""

from __future__ import annotations

from typing import Any

import pytest
from parsing_corpus import CORPUS, Entry, problems_with

from bot.parsing.models import Language
from bot.parsing.parser import read_message

MIN_ACCURACY = 0.97


def _case(entry: Entry) -> Any:
    marks = [pytest.mark.xfail(reason=entry.xfail, strict=True)] if entry.xfail else []
    return pytest.param(entry, id=entry.text[:60] or "<empty>", marks=marks)


@pytest.mark.parametrize("entry", [_case(entry) for entry in CORPUS])
def test_each_corpus_message_is_read_as_labelled(entry: Entry) -> None:
    result = read_message(entry.text)

    assert problems_with(result, entry) == []


def test_the_corpus_is_big_enough_and_half_korean() -> None:
    korean = sum(entry.language is Language.KO for entry in CORPUS)

    assert len(CORPUS) >= 160
    assert 0.4 <= korean / len(CORPUS) <= 0.6


def test_corpus_accuracy_is_at_least_97_percent() -> None:
    correct = sum(not problems_with(read_message(entry.text), entry) for entry in CORPUS)
    accuracy = correct / len(CORPUS)

    print(f"\ncorpus accuracy: {correct}/{len(CORPUS)} = {accuracy:.1%}")
    assert accuracy >= MIN_ACCURACY
