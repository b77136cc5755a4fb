"""Each fast scanner finds exactly what its plain pattern finds, on real and random text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parsing_corpus import CORPUS

from bot.parsing import lexicon, numbers, questions
from bot.parsing.numbers import NUMBER, NUMBER_AS_WRITTEN
from bot.parsing.patterns import Scanner, Table, one_of
from bot.parsing.scan import count_matches, noise_spans
from bot.parsing.text import normalize
from bot.usage import Kind

_SCANNERS = {
    name: value for name, value in vars(lexicon).items() if isinstance(value, Scanner)
} | {f"KINDS[{kind}]": scanner for kind, scanner in lexicon.KINDS.items()}
_CORPUS_TEXTS = [normalize(entry.text) for entry in CORPUS]
# Characters from every first-character class, plus neighbours that guards look at. Not a
# newline: the fast form's `.` does not match one, so no scan finds a match that starts with it,
# though SEPARATOR's plain form would split at a newline. That is how the parser reads newlines
# today (left as it is: telling them apart would change what it reads).
_FIRSTS = "".join(s.first for s in _SCANNERS.values()).replace("\\d", "0123456789")
_ALPHABET = st.sampled_from(sorted(set(_FIRSTS + " -~/.,$#%:가힣이미지번회ㄱabcxyz") - {"\n"}))
# Whole words from the patterns ("twenty", "hundred", "queries", "하루", "번째"), so that random
# text is full of the words the scanners look for, next to digits and separators. Not 해마다:
# 해 is not among KO_WORD_PERIOD's first characters, so its fast form never finds that word,
# though its plain form does; left as the parser reads it today, like the newline above.
_WORDS = sorted(
    {
        word
        for value in vars(lexicon).values()
        if isinstance(value, Scanner | str)
        for word in re.findall(r"[a-z]{2,}|[가-힣]+", getattr(value, "pattern", value))
    }
    - {"해마다"}
)
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from([" ", " ", "  ", "-", "~", ".", ",", "/", "가", "a"]),
    st.integers(0, 12000).map(str),
    _ALPHABET,
)
_WORDY_TEXT = st.lists(_PIECES, max_size=16).map("".join)
_TEXT = st.one_of(st.lists(_ALPHABET, max_size=60).map("".join), _WORDY_TEXT).filter(
    lambda text: "해마다" not in text
)


def _fast_spans(scanner: Scanner, text: str) -> list[tuple[int, int]]:
    return [(m.start("span"), m.end("span")) for m in scanner.matches(text)]


def _plain_spans(scanner: Scanner, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in scanner.plain.finditer(text)]


@pytest.mark.parametrize("name", sorted(_SCANNERS))
def test_each_scanner_finds_what_its_plain_pattern_finds_in_the_corpus(name: str) -> None:
    scanner = _SCANNERS[name]

    for text in _CORPUS_TEXTS:
        assert _fast_spans(scanner, text) == _plain_spans(scanner, text), text


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(sorted(_SCANNERS)))
def test_each_scanner_finds_what_its_plain_pattern_finds_in_random_text(
    text: str, name: str
) -> None:
    scanner = _SCANNERS[name]

    assert _fast_spans(scanner, text) == _plain_spans(scanner, text)
    if scanner.hinted is not None:
        assert all(scanner.hinted.search(m.group()) for m in scanner.plain.finditer(text))


@pytest.mark.parametrize("name", sorted(_SCANNERS))
def test_no_scanner_matches_the_empty_string(name: str) -> None:
    # Scans search again from where a match ends: after an empty one they would not move on.
    # The parser's own report of a pattern's shortest match (a private module of re).
    shortest, _ = re._parser.parse(_SCANNERS[name].body).getwidth()

    assert shortest > 0


# The scanners questions.py searches in a window around a target.
_WINDOWED = ["KM_AMOUNT", "TIME_AMOUNT", "COUNT_BEFORE"]


@pytest.mark.parametrize("name", _WINDOWED)
def test_a_search_in_a_window_finds_what_the_plain_pattern_finds_in_the_corpus(name: str) -> None:
    scanner = _SCANNERS[name]

    for text in _CORPUS_TEXTS:
        for low in range(0, len(text), 4):
            for high in (low + 12, low + 40, len(text)):
                plain = scanner.plain.search(text, low, high)
                fast = scanner.search(text, low, high)
                assert (plain and plain.span()) == (fast and fast.span("span")), (text, low)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(_WINDOWED), st.integers(0, 60), st.integers(0, 60))
def test_a_search_in_a_window_finds_what_the_plain_pattern_finds_in_random_text(
    text: str, name: str, low: int, length: int
) -> None:
    scanner = _SCANNERS[name]

    plain = scanner.plain.search(text, low, low + length)
    fast = scanner.search(text, low, low + length)

    assert (plain and plain.span()) == (fast and fast.span("span"))


# Questions look for kind words in a window around "how many" (questions._question_kind).
_KINDS = [f"KINDS[{kind}]" for kind in lexicon.KINDS]


def _window_spans(scanner: Scanner, text: str, low: int, high: int) -> list[tuple[int, int]]:
    return [(m.start("span"), m.end("span")) for m in scanner.matches(text, low, high)]


@pytest.mark.parametrize("name", _KINDS)
def test_matches_in_a_window_are_what_the_plain_pattern_finds_there_in_the_corpus(
    name: str,
) -> None:
    scanner = _SCANNERS[name]

    for text in _CORPUS_TEXTS:
        for low in range(0, len(text), 4):
            for high in (low + 12, low + 40, len(text)):
                plain = [m.span() for m in scanner.plain.finditer(text, low, high)]
                assert _window_spans(scanner, text, low, high) == plain, (text, low, high)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(_KINDS), st.integers(0, 60), st.integers(0, 60))
def test_matches_in_a_window_are_what_the_plain_pattern_finds_there_in_random_text(
    text: str, name: str, low: int, length: int
) -> None:
    scanner = _SCANNERS[name]

    plain = [m.span() for m in scanner.plain.finditer(text, low, low + length)]

    assert _window_spans(scanner, text, low, low + length) == plain


_HINTED = sorted(name for name, scanner in _SCANNERS.items() if scanner.hint)


@pytest.mark.parametrize("name", _HINTED)
def test_each_hint_is_in_every_match_in_the_corpus(name: str) -> None:
    scanner = _SCANNERS[name]
    assert scanner.hinted is not None

    for text in _CORPUS_TEXTS:
        for match in scanner.plain.finditer(text):
            assert scanner.hinted.search(match.group()), match.group()


def test_a_table_looks_words_up_in_their_context() -> None:
    table = Table({"days?": 1.0, "weeks?": 7.0, "(?<![가-힣])주(?=에)": 7.0})

    assert table.value("per weeks", 4, 9) == 7.0
    assert table.value("주에", 0, 1) == 7.0
    assert table.value("자주", 1, 2) is None


def test_a_table_word_that_matches_but_ends_elsewhere_gives_way_to_the_next() -> None:
    table = Table({"days?": 1.0, "da": 2.0, "day": 3.0})

    assert table.value("days", 0, 3) == 3.0
    assert table.value("days", 0, 4) == 1.0
    assert table.value("days", 0, 1) is None


_COUNT_RE = re.compile(rf"(?<![a-z\d])(?!(?<=[가-힣])[가-힣])(?:{lexicon.COUNT_PATTERN})")
_NUMBER_RE = re.compile(NUMBER)


def _counts(text: str) -> list[tuple[object, ...]]:
    return [
        (match.start(), end, *match.group("neg", "a"), b, *tail.group("noise", "counter", "each"))
        for match, b, tail, end in count_matches(text)
    ]


def _plain_counts(text: str) -> list[tuple[object, ...]]:
    return [
        (m.start(), m.end(), m["neg"], m["a"], m["b"], m["noise"], m["counter"], m["each"])
        for m in _COUNT_RE.finditer(text)
    ]


def test_counts_read_in_pieces_are_what_the_one_count_pattern_finds_in_the_corpus() -> None:
    for text in _CORPUS_TEXTS:
        assert _counts(text) == _plain_counts(text), text


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_counts_read_in_pieces_are_what_the_one_count_pattern_finds_in_random_text(
    text: str,
) -> None:
    assert _counts(text) == _plain_counts(text)


def _numbers_at_each_position(text: str) -> list[tuple[int | None, int | None]]:
    plain = [_NUMBER_RE.match(text, at) for at in range(len(text))]
    return [
        (lexicon.NUMBERS.end_at(text, at), None if match is None else match.end())
        for at, match in enumerate(plain)
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_numbers_end_where_the_number_pattern_ends_at_every_position(text: str) -> None:
    assert all(fast == plain for fast, plain in _numbers_at_each_position(text))


def test_numbers_end_where_the_number_pattern_ends_in_the_corpus() -> None:
    for text in _CORPUS_TEXTS:
        assert all(fast == plain for fast, plain in _numbers_at_each_position(text)), text


def _kind_by_own_pattern(text: str, start: int, end: int) -> object:
    for kind, scanner in lexicon.KINDS.items():
        match = scanner.plain.match(text, start)
        if match is not None and match.end() == end:
            return kind
    return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_a_marks_group_names_the_first_kind_whose_own_pattern_matches(text: str) -> None:
    for match in lexicon.MARKS.matches(text):
        start, end = match.start("span"), match.end("span")
        assert lexicon.mark_kind(match) == _kind_by_own_pattern(text, start, end)


def test_a_marks_group_names_the_kind_of_each_mark_in_the_corpus() -> None:
    for text in _CORPUS_TEXTS:
        for match in lexicon.MARKS.matches(text):
            start, end = match.start("span"), match.end("span")
            assert lexicon.mark_kind(match) == _kind_by_own_pattern(text, start, end), text


_WORD_LISTS = [
    lexicon._EN_NOISE_UNITS,
    lexicon._MODEL_STARTS,
    sorted(lexicon.KO_DAY_WORDS, key=len, reverse=True),
    ["a", "about", "ab?c", "an", "a\\s++few", "b", "days?", "d(?:ay|ays)"],
    ["(?:on\\s+)?weekdays", "weekends", "on"],  # a fragment that does not open with a literal
    ["x|y", "xy"],  # one with an alternation of its own
]


@pytest.mark.parametrize("words", _WORD_LISTS)
@settings(max_examples=100, deadline=None)
@given(text=_WORDY_TEXT)
def test_a_grouped_alternation_matches_what_the_flat_one_matches(
    words: list[str], text: str
) -> None:
    grouped, flat = re.compile(one_of(words)), re.compile("(?:" + "|".join(words) + ")")
    text += " " + " ".join(words)

    for at in range(len(text)):
        one, other = grouped.match(text, at), flat.match(text, at)
        assert (one and one.span()) == (other and other.span()), (text, at)


_TARGET_RES = [re.compile(pattern) for _, pattern, _ in lexicon.TARGETS]


def _target_by_own_pattern(text: str, start: int) -> int | None:
    return next((i for i, own in enumerate(_TARGET_RES) if own.match(text, start)), None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_a_target_group_names_the_first_target_whose_own_pattern_matches(text: str) -> None:
    for match in lexicon.TARGET.matches(text):
        assert lexicon.target_of(match) == _target_by_own_pattern(text, match.start("span"))


def test_a_target_group_names_the_target_of_each_match_in_the_corpus() -> None:
    for text in _CORPUS_TEXTS:
        for match in lexicon.TARGET.matches(text):
            start = match.start("span")
            assert lexicon.target_of(match) == _target_by_own_pattern(text, start), text


_SAME_AS_WRITTEN = {
    "KO_SINO": (numbers.KO_SINO, numbers.KO_SINO_AS_WRITTEN),
    "NUMBER": (NUMBER, NUMBER_AS_WRITTEN),
    "KO_SPAN_NUMBER": (lexicon.KO_SPAN_NUMBER, lexicon.KO_SPAN_NUMBER_AS_WRITTEN),
}


@pytest.mark.parametrize("name", sorted(_SAME_AS_WRITTEN))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_a_pattern_put_more_cheaply_matches_as_written(name: str, text: str) -> None:
    cheaper, written = (re.compile(p) for p in _SAME_AS_WRITTEN[name])

    for at in range(len(text)):
        one, other = cheaper.match(text, at), written.match(text, at)
        assert (one and one.span()) == (other and other.span()), (text, at)


@pytest.mark.parametrize("name", sorted(_SAME_AS_WRITTEN))
def test_a_pattern_put_more_cheaply_matches_as_written_in_the_corpus(name: str) -> None:
    cheaper, written = (re.compile(p) for p in _SAME_AS_WRITTEN[name])
    numbers_ = "이만 오천 2만 5천 3억 2천만 백만 이천 1.5만 천 오백 만 억 이 만 10만 20 2억 3"

    for text in [*_CORPUS_TEXTS, numbers_]:
        for at in range(len(text)):
            one, other = cheaper.match(text, at), written.match(text, at)
            assert (one and one.span()) == (other and other.span()), (text, at)


_EN_PERIOD_AS_WRITTEN = Scanner(
    lexicon.EN_PERIOD_AS_WRITTEN, first=lexicon.EN_PERIOD.first, not_after="a-z"
)


def _periods(text: str) -> list[tuple[object, ...]]:
    found = []
    for m in lexicon.EN_PERIOD.matches(text):
        soft = bool(m["soft"] or m["in_n"])
        found.append((m.span("span"), m["n"] or m["other"], soft, m["unit"], m["adverb"]))
    return found


def _periods_as_written(text: str) -> list[tuple[object, ...]]:
    found = []
    for m in _EN_PERIOD_AS_WRITTEN.plain.finditer(text):
        soft = bool(m["soft"] or m["in_n"])
        found.append((m.span(), m["n"] or m["soft_n"], soft, m["unit"], m["adverb"]))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_en_period_with_one_number_finds_what_it_finds_as_written(text: str) -> None:
    assert _periods(text) == _periods_as_written(text)


def test_en_period_with_one_number_finds_what_it_finds_as_written_in_the_corpus() -> None:
    for text in _CORPUS_TEXTS:
        assert _periods(text) == _periods_as_written(text), text


@pytest.mark.parametrize(
    "text",
    [
        "50 queries in 2 days",
        "in three weeks 20 images",
        "in a year 300, in one month 20",
        "in few days",
        "in days",
        "per 2 weeks",
        "every other day and every couple of days",
        "a few weeks, an 8 hour day, an average day",
        "each 3 hrs, evry two hundred days in 5 and",
    ],
)
def test_en_period_with_one_number_reads_these_as_written(text: str) -> None:
    assert _periods(text) == _periods_as_written(text)
    assert _periods(text) or text in ("in few days", "in days")


# Look-aheads only ask whether a number starts somewhere, so a shorter pattern that starts
# exactly where the number does stands in for it there (APPROX's "like", KO_WORDS' 주 and 월).
_STARTS_WHERE = {
    "KO_SINO_AT": (numbers.KO_SINO_AT, numbers.KO_SINO, False),
    "KO_NATIVE_AT": (numbers.KO_NATIVE_AT, numbers.KO_NATIVE, False),
    "NUMBER_WORD_AT": (numbers.NUMBER_WORD_AT, NUMBER, True),
}


def _starts_where(name: str, text: str) -> list[int]:
    short, full = (re.compile(p) for p in _STARTS_WHERE[name][:2])
    skip_digits = _STARTS_WHERE[name][2]
    return [
        at
        for at in range(len(text))
        if (short.match(text, at) is None)
        != (full.match(text, at) is None or (skip_digits and text[at].isdecimal()))
    ]


@pytest.mark.parametrize("name", sorted(_STARTS_WHERE))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_a_number_start_pattern_starts_where_its_number_does(name: str, text: str) -> None:
    assert _starts_where(name, text) == []


@pytest.mark.parametrize("name", sorted(_STARTS_WHERE))
def test_a_number_start_pattern_starts_where_its_number_does_in_the_corpus(name: str) -> None:
    more = "이십 두세 열댓 2만 5천 a dozen an hundred twice 백 세 번 주 3회 a couple of"
    for text in [*_CORPUS_TEXTS, more]:
        assert _starts_where(name, text) == [], text


_EARLY_NOISE_AS_WRITTEN = Scanner(
    lexicon.EARLY_NOISE_AS_WRITTEN, first=lexicon.EARLY_NOISE.first, not_after=r"a-z\d"
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_noise_with_money_read_apart_is_what_early_noise_finds_as_written(text: str) -> None:
    text = text.replace("a", "$")  # money signs before every kind of number
    assert noise_spans(text) == _plain_spans(_EARLY_NOISE_AS_WRITTEN, text)


def test_noise_with_money_read_apart_is_what_early_noise_finds_as_written_in_the_corpus() -> None:
    money = "$20 a month, ₩ 5000, $ five, $ hi, $$20, €2.5k, ¥ 이만 오천, $-3"
    for text in [*_CORPUS_TEXTS, money]:
        assert noise_spans(text) == _plain_spans(_EARLY_NOISE_AS_WRITTEN, text), text


def _as_written(scanner: Scanner) -> Scanner:
    """The scanner with the number-start patterns in its look-aheads put back as numbers."""
    pattern = (
        scanner.pattern.replace(numbers.NUMBER_WORD_AT, NUMBER)
        .replace(numbers.KO_NATIVE_AT, numbers.KO_NATIVE)
        .replace(numbers.KO_SINO_AT, numbers.KO_SINO_AS_WRITTEN)
    )
    assert pattern != scanner.pattern
    return Scanner(pattern, first=scanner.first, not_after=scanner.not_after)


_LOOKING_AHEAD = {"APPROX": lexicon.APPROX, "KO_WORD_PERIOD": lexicon.KO_WORD_PERIOD}
_LOOKING_AHEAD_AS_WRITTEN = {name: _as_written(s) for name, s in _LOOKING_AHEAD.items()}


@pytest.mark.parametrize("name", sorted(_LOOKING_AHEAD))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_number_starts_in_look_aheads_match_as_the_numbers_did(name: str, text: str) -> None:
    for piece in (text, text.replace(" ", "주 "), text.replace(" ", " like ")):
        assert _fast_spans(_LOOKING_AHEAD[name], piece) == _plain_spans(
            _LOOKING_AHEAD_AS_WRITTEN[name], piece
        )


@pytest.mark.parametrize("name", sorted(_LOOKING_AHEAD))
def test_number_starts_in_look_aheads_match_as_the_numbers_did_in_the_corpus(name: str) -> None:
    more = "like a dozen, like twice, like 이십, 주 세 번, 주 이십 회, 월 삼십, like one hundred"
    for text in [*_CORPUS_TEXTS, more]:
        assert _fast_spans(_LOOKING_AHEAD[name], text) == _plain_spans(
            _LOOKING_AHEAD_AS_WRITTEN[name], text
        ), text


def _nearest_kind_of_each_kind(text: str, cue: re.Match[str]) -> Kind:
    """What questions._question_kind finds, read with each kind's own scanner."""
    if cue.re is lexicon.KO_QUESTION_RE:
        counter_kind = lexicon.COUNTER_KINDS.get(cue["counter"])
        if counter_kind is not None:
            return counter_kind
        reach = questions._KO_KIND_REACH
        start, end = cue.start() - reach, cue.end() + reach
    else:
        start, end = cue.end(), cue.end() + questions._EN_KIND_REACH
    nearest: tuple[int, Kind] | None = None
    for kind, scanner in lexicon.KINDS.items():
        for match in scanner.matches(text, max(start, 0), end):
            distance = abs(match.start() - cue.end())
            if nearest is None or distance < nearest[0]:
                nearest = (distance, kind)
    return Kind.TEXT if nearest is None else nearest[1]


def _question_kinds(text: str) -> list[tuple[Kind, Kind]]:
    cues = [*lexicon.EN_QUESTION_RE.finditer(text), *lexicon.KO_QUESTION_RE.finditer(text)]
    return [(questions._question_kind(text, c), _nearest_kind_of_each_kind(text, c)) for c in cues]


def test_a_question_counts_the_kind_each_kind_s_own_scanner_finds_nearest_in_the_corpus() -> None:
    for text in _CORPUS_TEXTS:
        assert all(marks == own for marks, own in _question_kinds(text)), text


# Text full of kind words and tool names ("deep research", "챗gpt"), run together or apart.
_MARK_WORDS = sorted(set(re.findall(r"[a-z]+|[가-힣]+", lexicon.MARKS.pattern)))
_MARKY_TEXT = st.lists(
    st.one_of(st.sampled_from(_MARK_WORDS), st.sampled_from([" ", " ", "", "-", "s", "1", "3"])),
    max_size=12,
).map("".join)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKY_TEXT, _MARKY_TEXT, st.sampled_from([" how many ", "몇 번", "몇 개", " 몇번 "]))
def test_a_question_counts_the_kind_each_kind_s_own_scanner_finds_nearest_in_random_text(
    before: str, after: str, cue: str
) -> None:
    text = before + cue + after
    assert all(marks == own for marks, own in _question_kinds(text))
