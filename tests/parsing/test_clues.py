"""Clues skip only passes that would find nothing: scan reads a message as if it ran them all."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parsing_corpus import CORPUS

from bot.parsing import lexicon
from bot.parsing.patterns import Clues, Scanner, clues_in
from bot.parsing.scan import Scan, count_matches, noise_spans, scan
from bot.parsing.text import normalize

# Each scanner with clues, by the lexicon's naming: MODEL_CLUES are MODEL's.
_CLUED = {
    name.removesuffix("_CLUES"): (getattr(lexicon, name.removesuffix("_CLUES")), clues)
    for name, clues in vars(lexicon).items()
    if isinstance(clues, Clues)
}
_CORPUS_TEXTS = [normalize(entry.text) for entry in CORPUS]

# What each clue is there for, and words run into a name or a number.
_TRICKY = [
    *["70b models", "8x7b", "gpt4o", "gpt-4o-mini", "4omini", "3.5o", "o3-mini", "m2 pro"],
    *["llamav2", "llama-3", "deepseekr1", "deepseek v3", "mjv6", "midjourneyv6", "mj 6"],
    *["dalle3", "dall-e 3", "dall·e 3", "r1", "v6", "claude sonnet", "gemini pro", "iphone15"],
    *["ps5", "runway gen 3", "stable diffusion 3", "chat gpt 4", "지피티4", "제미나이 2"],
    *["클로드3", "쥐피티 4o", "for 3 months", "over the next 2 weeks", "the coming 3 years"],
    *["all year long", "x 365 days", "2x365 days", "×365 days", "*365 days", "every day"],
    *["everyday", "evreyday", "per annum", "on weekdays", "this morning", "at night"],
    *["most days", "in the evenings", "a workday", "3/day", "5 / wk", "20/d", "between 2 and 3"],
    *["from 5 to 10 times", "give or take 5", "3ish", "~5", "약 5", "5 or so", "some 30"],
    *["like 20", "like a dozen", "used to ask 100", "in the past", "at first", "예전에는"],
    *["작년엔", "a, b", "a;b", "a\nb", "really!", "what?", "a. b", "a & b", "a + b"],
    *["x and y", "그리고", "질문하고 5번", "너랑 나", "및", "근데", "그 외", "외에", "만들고 해"],
    *["썼는데 요즘", "좋지만 별로", "5 a 70b modelsday", "per 지피티4 oday", "a 8x7bday"],
    *["3ishy", "지피티4ish", "3ishand 5", "twice daily~ish", "챗지피티", "제미니", "소네트 4"],
    *["5kmand 3 queries", "five kmbut 2 images", "오kmthen 3"],
]
# Random text from the words the patterns and clues hold, digits and signs.
_WORDS = sorted(
    {
        word
        for value in vars(lexicon).values()
        if isinstance(value, Scanner | str)
        for word in re.findall(r"[a-z]{1,}|[가-힣]+", getattr(value, "pattern", value))
    }
    | {clue for _, clues in _CLUED.values() for clue in clues}
)
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from([" ", " ", "  ", "-", "~", ".", ",", "/", "×", "*", "\n", "·", "가", "a"]),
    st.integers(0, 400).map(str),
)
_TEXT = st.lists(_PIECES, max_size=14).map("".join)


def test_scan_looks_for_the_signs_of_every_clue() -> None:
    for name, (_, clues) in _CLUED.items():
        assert all(lexicon.CLUE_FINDER.fullmatch(sign) for sign in clues.signs), name


_WORD = re.compile(r"[a-z](?:(?<=\di)sh|[a-z]*+)")


def _words_and_signs(text: str) -> set[str]:
    signs = {sign for _, clues in _CLUED.values() for sign in clues.signs}
    return {*_WORD.findall(text), *(character for character in text if character in signs)}


def test_the_clue_finder_finds_the_words_and_the_signs_of_the_corpus() -> None:
    for text in [*_CORPUS_TEXTS, *_TRICKY]:
        assert clues_in(text, lexicon.CLUE_FINDER) == _words_and_signs(text), text


@settings(max_examples=800, deadline=None)
@given(_TEXT)
def test_the_clue_finder_finds_the_words_and_the_signs_of_random_text(text: str) -> None:
    assert clues_in(text, lexicon.CLUE_FINDER) == _words_and_signs(text)


@pytest.mark.parametrize("name", sorted(_CLUED))
def test_a_message_holds_a_clue_of_every_scan_that_finds_something_in_it(name: str) -> None:
    scanner, clues = _CLUED[name]

    for text in [*_CORPUS_TEXTS, *_TRICKY]:
        if scanner.plain.search(text):
            assert not clues.isdisjoint(clues_in(text, lexicon.CLUE_FINDER)), text


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(sorted(_CLUED)))
def test_random_text_holds_a_clue_of_every_scan_that_finds_something_in_it(
    text: str, name: str
) -> None:
    scanner, clues = _CLUED[name]

    if scanner.plain.search(text):
        assert not clues.isdisjoint(clues_in(text, lexicon.CLUE_FINDER))


_LATIN = re.compile("[a-z][a-z]")
# The passes that blank text after MODEL: none may cut a word in two, so that the words of the
# text a later pass searches are among those read once MODEL is done; but for the counts,
# which may end after km (lexicon.SEPARATOR_CLUES).
_AFTER_MODEL = [
    "EN_HORIZON",
    "KO_SPAN",
    "EN_PERIOD",
    "SLASH_PERIOD",
    "KO_WORD_PERIOD",
    "KO_NOT_COUNT",
    "BETWEEN",
]


def _claimed(text: str) -> list[tuple[int, int]]:
    spans = noise_spans(text)
    for name in _AFTER_MODEL:
        scanner: Scanner = getattr(lexicon, name)
        spans += [(m.start("span"), m.end("span")) for m in scanner.matches(text)]
    return spans


def _cuts_a_word(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    return any(_LATIN.match(text, at - 1) for at in (start, end) if 0 < at < len(text))


def _counts_cut_after_anything_but_km(text: str) -> bool:
    spans = [(match.start(), end) for match, _, _, end in count_matches(text)]
    return any(_cuts_a_word(text, span) and text[: span[1]][-2:] != "km" for span in spans)


def test_no_pass_after_model_cuts_a_word_in_two_in_the_corpus() -> None:
    for text in [*_CORPUS_TEXTS, *_TRICKY]:
        assert not [span for span in _claimed(text) if _cuts_a_word(text, span)], text
        assert not _counts_cut_after_anything_but_km(text), text


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_no_pass_after_model_cuts_a_word_in_two_in_random_text(text: str) -> None:
    assert not [span for span in _claimed(text) if _cuts_a_word(text, span)]
    assert not _counts_cut_after_anything_but_km(text)


def _scan_without_clues(text: str) -> Scan:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(Clues, "isdisjoint", lambda *_: False)
        return scan(text)


def test_scan_finds_what_it_finds_without_clues_in_the_corpus() -> None:
    for text in [*_CORPUS_TEXTS, *_TRICKY]:
        assert scan(text) == _scan_without_clues(text), text


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_scan_finds_what_it_finds_without_clues_in_random_text(text: str) -> None:
    assert scan(text) == _scan_without_clues(text)
