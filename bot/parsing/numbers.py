"""Reading one number written in digits, English words, or Sino- or native Korean."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.parsing.patterns import one_of

# Every pattern below is a plain string fragment meant to be embedded in bigger regexes; the
# fragments use possessive quantifiers and start with look-behinds, so a scan never re-reads a
# run of digits from its middle (which would make long digit strings quadratic). Over a group
# they are written as atomic groups, `(?>(?:…)?)` for `(?:…)?+`: early 3.11 releases mis-run a
# possessive group (tests/parsing/test_regex_portability.py).

DIGITS = r"(?<![a-z\d.])\d++(?>(?:\.\d++)?)"

_EN_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_EN_SPECIAL = {
    "once": 1,
    "twice": 2,
    "thrice": 3,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
    "half a dozen": 6,
    "a dozen": 12,
}
_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9, "hundred": 1e2, "dozen": 12.0, **_EN_SCALES}

_EN_WORD = rf"\b{one_of([*_EN_SMALL, 'hundred', 'dozen', *_EN_SCALES])}\b"
# "and" only joins after a scale word ("two hundred and fifty"), never "one and two".
_EN_JOIN = r"(?:[ -]++|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion)) and )"
# Bounded: a written-out number never needs a dozen words, and the bound stops a failed match
# from re-reading a long run ("one one one …") from each of its words, which is quadratic.
EN_WORDS = rf"(?:\b(?:a|an) (?={_EN_WORD}))?{_EN_WORD}(?>(?:{_EN_JOIN}{_EN_WORD}){{0,12}})"
EN_SPECIAL = r"\b" + one_of(s.replace(" ", r"\s++") for s in _EN_SPECIAL) + r"\b"
DIGITS_SUFFIXED = (
    rf"{DIGITS}(?:[kmb](?![a-z])|\s?+(?:hundred|thousand|million|billion|dozen)\b)?"
    # "10^12", "1e9": people probing the bot; read them so the usage can be refused.
    r"(?:\s?+(?:\^|\*\*)\s?+\d++|e\d++\b)?"
    # "1.5만" and "2만5천" belong to the Sino-Korean reader.
    r"(?![십백천만억])"
)

_SINO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SINO_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_SINO_BIG_UNITS = {"만": 1e4, "억": 1e8}
_SINO_CHARS = "일이삼사오육칠팔구십백천만억"
_SD = "[일이삼사오육칠팔구]"
_SU = "[십백천만억]"
# A Sino group needs a unit (십 백 천 만 억): a lone 이 or 사 is far more often a word (이미지,
# 사회) than a count, and people write small counts as digits or native numbers anyway.
_SINO_GROUP = rf"(?:\d++(?>(?:\.\d++)?)|{_SD})?{_SU}(?>(?:\d++(?={_SU})|{_SD}|{_SU}){{0,12}})"
_SINO_START = rf"(?:(?<![a-z\d.{_SINO_CHARS}])(?=\d)|(?<![가-힣a-z\d.]))"
_SINO_SPACE = rf"(?<=[만억]) (?=(?:\d++|{_SD})?[십백천])"
# A group, then maybe another after 만 or 억 and a space ("이만 오천"), as KO_SINO_AS_WRITTEN
# says; put as one group repeated once or twice, it compiles in half the time. The second
# can only begin after that space (_SINO_START never holds where a group ends), and the first
# never does: it begins with a digit, a Sino digit or a unit, as the look-ahead says (which
# also drops every other syllable at once, before the groups are tried).
KO_SINO = rf"(?=[\d{_SINO_CHARS}])(?:(?:{_SINO_START}|{_SINO_SPACE}){_SINO_GROUP}){{1,2}}"
KO_SINO_AS_WRITTEN = rf"{_SINO_START}{_SINO_GROUP}(?:{_SINO_SPACE}{_SINO_GROUP})?"

NATIVE_RANGES = {
    "한두": (1, 2),
    "한 두": (1, 2),
    "두세": (2, 3),
    "두 세": (2, 3),
    "두서너": (2, 4),
    "서너": (3, 4),
    "세네": (3, 4),
    "세 네": (3, 4),
    "너덧": (4, 5),
    "너댓": (4, 5),
    "네다섯": (4, 5),
    "대여섯": (5, 6),
    "대엿": (5, 6),
    "예닐곱": (6, 7),
    "일고여덟": (7, 8),
    "열댓": (10, 15),
}
_NATIVE_TENS = {
    "열": 10,
    "스물": 20,
    "스무": 20,
    "서른": 30,
    "마흔": 40,
    "쉰": 50,
    "예순": 60,
    "일흔": 70,
    "여든": 80,
    "아흔": 90,
}
_NATIVE_UNITS = {
    "한": 1,
    "두": 2,
    "세": 3,
    "석": 3,
    "네": 4,
    "넉": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so 두서너 wins over 두)."""
    return one_of(sorted(words, key=len, reverse=True))


_NATIVE_TAIL = alternation([*NATIVE_RANGES, *_NATIVE_UNITS])
# Range words first, so 열댓 (ten-odd) is not read as 열 (ten) followed by a stray syllable.
KO_NATIVE = (
    rf"(?<![가-힣])(?:{alternation(NATIVE_RANGES)}"
    rf"|{alternation(_NATIVE_TENS)}(?: ?{_NATIVE_TAIL})?|{_NATIVE_TAIL})"
)

# One number, any script. Order matters: at one position the first alternative that matches
# wins. The look-aheads pick the script first, so a candidate skips the other scripts' words.
# Sino-Korean comes once, for digits (2만) and Hangul (이십) alike: it is the costliest part to
# compile, and many patterns hold a NUMBER. It is still tried where NUMBER_AS_WRITTEN tries it:
# at a digit after the digits alone, at a syllable before native Korean (which, like it, needs
# no look-ahead for Hangul: a class of all of Hangul costs half a millisecond to compile).
# Korean numbers begin with a digit or a syllable, never a letter: at a letter that begins no
# English number ("a day", "per week") the (?![a-z]) skips them, which took half the time.
NUMBER = (
    f"(?:(?=\\d){DIGITS_SUFFIXED}|(?=[a-z])(?:{EN_SPECIAL}|{EN_WORDS})"
    f"|(?![a-z])(?:{KO_SINO}|{KO_NATIVE}))"
)
# Where a number starts, without reading it, for look-aheads ("주 세 번" is a week, 주로 is
# not): much shorter than the numbers, which each took milliseconds to compile again in every
# pattern that looked ahead for one. The tests check each starts exactly where its number does.
KO_SINO_AT = rf"{_SINO_START}(?:\d++(?>(?:\.\d++)?)|{_SD})?{_SU}"
KO_NATIVE_AT = rf"(?<![가-힣]){alternation([*NATIVE_RANGES, *_NATIVE_TENS, *_NATIVE_UNITS])}"
# A NUMBER that starts with a letter or a syllable: "a dozen", "twice", "백", "세".
NUMBER_WORD_AT = (
    rf"(?=[a-z])(?:{EN_SPECIAL}|(?:\b(?:a|an) )?{_EN_WORD})"
    rf"|(?!\d)(?:{KO_SINO_AT}|{KO_NATIVE_AT})"
)
NUMBER_AS_WRITTEN = (
    f"(?:(?=\\d)(?:{DIGITS_SUFFIXED}|{KO_SINO_AS_WRITTEN})|(?=[a-z])(?:{EN_SPECIAL}|{EN_WORDS})"
    f"|(?=[가-힣])(?:{KO_SINO_AS_WRITTEN}|{KO_NATIVE}))"
)
# Every character a NUMBER can start with, for patterns.Scanner.
NUMBER_FIRST = "\\d" + "".join(
    sorted(
        {
            word[0]
            for words in (
                _EN_SMALL,
                _EN_SCALES,
                _EN_SPECIAL,
                NATIVE_RANGES,
                _NATIVE_TENS,
                _NATIVE_UNITS,
                _SINO_DIGITS,
                _SINO_SMALL_UNITS,
                _SINO_BIG_UNITS,
                ("a", "an", "hundred", "dozen"),
            )
            for word in words
        }
    )
)


def _starts(words: Iterable[str]) -> str:
    """How the words can begin, as an alternation: their first two letters, or one letter where
    a one-letter word does."""
    starts = {word[:2] for word in words}
    singles = {start for start in starts if len(start) == 1}
    return "|".join(sorted(singles | {start for start in starts if start[0] not in singles}))


def _whole(words: Iterable[str]) -> str:
    """The words themselves, each a whole word (no letter after it)."""
    return rf"{one_of(sorted(words, key=len, reverse=True))}(?![a-z])"


# How a NUMBER can begin, a little more narrowly than NUMBER_FIRST: digits not inside a run of
# them; English by a whole number word at a word's start ("two", "hundred", "twice", "couple",
# "half"), and "a" or "an" only before one ("a dozen", "a hundred"); Sino-Korean by a unit or a
# digit and a unit (백, 이십); native Korean by one syllable (한, 두) or two (다섯, 스물). Most
# words and digits are no number's start: this drops them before the whole number pattern is
# tried there. English goes by whole words, not their first letters: "the", "this", "for" and
# "on" are among the commonest words, and each cost a try of the whole number pattern.
_WORDS = [*_EN_SMALL, "hundred", "dozen", *_EN_SCALES]
# The first word of each special ("couple of" → "couple", "half a dozen" → "half").
_SPECIAL_FIRST = {word.split()[0] for word in _EN_SPECIAL if not word.startswith("a ")}
_A_SPECIAL = {word.split()[1] for word in _EN_SPECIAL if word.startswith("a ")}
_EN_STARTS = (
    _whole([*_WORDS, *_SPECIAL_FIRST]) + rf"|an? {_whole(_WORDS)}|a\s++{_whole(_A_SPECIAL)}"
)
_NATIVE_STARTS = _starts([*NATIVE_RANGES, *_NATIVE_TENS, *_NATIVE_UNITS])
KO_NUMBER_PREFILTER = rf"{_NATIVE_STARTS}|{_SD}?{_SU}"
NUMBER_PREFILTER = rf"(?<![a-z\d.])\d|(?<!\w)(?:{_EN_STARTS})|{KO_NUMBER_PREFILTER}"


# Not frozen, though never changed: a frozen dataclass's __init__ costs four times as much, and
# there is one of these for every number read (scan.Count says more).
@dataclass(slots=True)
class Amount:
    """A number as written: a value, or a range read at its midpoint with both ends kept."""

    value: float
    low: float | None = None
    high: float | None = None

    @classmethod
    def between(cls, first: float, second: float) -> Amount:
        """The range between two numbers, in either order, valued at its midpoint."""
        low, high = min(first, second), max(first, second)
        if low == high:
            return cls(low)
        return cls((low + high) / 2, low, high)

    def negated(self) -> Amount:
        """The same amount with a minus sign in front (the models then refuse it)."""
        return Amount(-self.value, self.low, self.high)


_SUFFIXED_RE = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<suffix>[kmb]|hundred|thousand|million|billion|dozen)?"
    r"(?:\s*(?:\^|\*\*)\s*(?P<power>\d+)|e(?P<exp>\d+))?"
)
_SINO_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억]")
_SPACES_RE = re.compile(r"\s+")
_SINO_RE = re.compile(r"[\d.일이삼사오육칠팔구십백천만억 ]+")
_HANGUL_RE = re.compile(r"[가-힣]")
# Numbers written as one word: English below a hundred, native Korean below ten.
_ONE_WORD = {word: float(value) for word, value in {**_EN_SMALL, **_NATIVE_UNITS}.items()}
# Beyond this the value is inf anyway; capping keeps float() from raising OverflowError.
_MAX_EXPONENT = 400


def read_number(text: str) -> Amount | None:
    """Read one number matched by NUMBER ("2.5k", "a hundred and twenty", "2만5천", "두세")."""
    words = text.strip()
    # The commonest numbers first: "30", "twenty", "세" (none of them reads otherwise below).
    if words.isdecimal():
        return Amount(float(words))
    if words in _ONE_WORD:
        return Amount(_ONE_WORD[words])
    read = _read_written(words)
    return None if read is None else Amount(*read)


# Written numbers are few ("a hundred", "삼십", "2만"), and reading one takes a few regexes: each
# is read once. The cache holds plain values, not Amounts, so no two counts share one.
@lru_cache(maxsize=1024)
def _read_written(words: str) -> tuple[float, float | None, float | None] | None:
    amount = _read_words(words)
    return None if amount is None else (amount.value, amount.low, amount.high)


def _read_words(words: str) -> Amount | None:
    words = _SPACES_RE.sub(" ", words)
    if words in _EN_SPECIAL:
        return Amount(float(_EN_SPECIAL[words]))
    if words in NATIVE_RANGES:
        return Amount.between(*NATIVE_RANGES[words])
    suffixed = _SUFFIXED_RE.fullmatch(words)
    if suffixed:
        return Amount(_read_suffixed(suffixed))
    if _SINO_RE.fullmatch(words):
        value = _read_sino(words)
        return None if value is None else Amount(value)
    if _HANGUL_RE.search(words):
        return _read_native(words)
    value = _read_english_words(words)
    return None if value is None else Amount(value)


def _read_suffixed(match: re.Match[str]) -> float:
    value = float(match["n"]) * _SUFFIXES.get(match["suffix"] or "", 1.0)
    exponent = match["power"] or match["exp"]
    if exponent is None:
        return value
    power = min(int(exponent[:4]), _MAX_EXPONENT)
    base = 10.0 if match["exp"] else float(match["n"])
    try:
        scaled = base**power
    except OverflowError:
        return math.inf
    return scaled * (value if match["exp"] else 1.0)


def _read_sino(words: str) -> float | None:
    total, section = 0.0, 0.0
    pending: float | None = None
    for token in _SINO_TOKEN_RE.findall(words):
        if token in _SINO_SMALL_UNITS:
            section += (1.0 if pending is None else pending) * _SINO_SMALL_UNITS[token]
            pending = None
        elif token in _SINO_BIG_UNITS:
            group = section + (pending or 0.0)
            total += (group or 1.0) * _SINO_BIG_UNITS[token]
            section, pending = 0.0, None
        elif pending is not None:
            # Two digits in a row (일이) is not a number.
            return None
        else:
            pending = float(_SINO_DIGITS.get(token) or token)
    return total + section + (pending or 0.0)


def _read_native(words: str) -> Amount | None:
    compact = words.replace(" ", "")
    for tens, ten_value in _NATIVE_TENS.items():
        if compact.startswith(tens):
            rest = compact[len(tens) :]
            if not rest:
                return Amount(float(ten_value))
            tail = _read_native(rest)
            if tail is None:
                return None
            return Amount(
                ten_value + tail.value,
                None if tail.low is None else ten_value + tail.low,
                None if tail.high is None else ten_value + tail.high,
            )
    if compact in _NATIVE_UNITS:
        return Amount(float(_NATIVE_UNITS[compact]))
    for spelled, (low, high) in NATIVE_RANGES.items():
        if compact == spelled.replace(" ", ""):
            return Amount.between(low, high)
    return None


def _read_english_words(words: str) -> float | None:
    total, current = 0.0, 0.0
    seen = False
    for word in words.replace("-", " ").split():
        if word in ("a", "an", "and"):
            continue
        if word == "half":
            current = 0.5
        elif word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word in _EN_SCALES:
            total += (current or 1.0) * _EN_SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None
