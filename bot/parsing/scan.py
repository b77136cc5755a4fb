"""Finding the pieces of a usage in normalised text: counts, periods, horizons, kinds."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from bot.parsing import lexicon as lx
from bot.parsing.numbers import Amount, read_number
from bot.parsing.patterns import LATIN_WORD_RE, Scanner, Table, clues_in
from bot.usage import DAYS_PER_YEAR, MAX_ITEMS, Kind

_HANGUL_WORD_RE = re.compile("[가-힣]")


# The pieces below are made for every number and word of every message, so they are plain
# dataclasses: a frozen one's __init__ sets each field through object.__setattr__, which made
# making them cost four times as much. Nothing changes them once made.
@dataclass(slots=True)
class Count:
    """A number of uses as written, with its counter if it had one ("5장", "30 times")."""

    start: int
    end: int
    amount: Amount
    has_counter: bool = False
    counter_kind: Kind | None = None
    # "한 번" / "한번" also means "once, just to try": only a count next to a period.
    idiom_once: bool = False


@dataclass(slots=True)
class Period:
    """How often a count repeats, in days; soft ones may turn out to be the horizon."""

    start: int
    end: int
    days: float
    soft: bool = False


@dataclass(slots=True)
class Mark:
    """A word naming a kind of use ("images", "추론"), or only the tool (kind None)."""

    start: int
    end: int
    kind: Kind | None


@dataclass(slots=True)
class Scan:
    """Everything found in one message, with `masked` holding what no pass claimed."""

    masked: str
    counts: list[Count] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    horizons: list[float] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    separators: list[int] = field(default_factory=list)
    approximate: bool = False
    # Where the current use starts when the message corrects an earlier one, else 0.
    current_from: int = 0

    @property
    def too_many_counts(self) -> bool:
        """True when reading stopped at MAX_COUNTS numbers."""
        return len(self.counts) >= MAX_COUNTS


Record = Callable[[re.Match[str], "Scan"], bool]

# A message with more numbers than this is a table or a log, not a description of use: reading
# stops there and the message is refused as too many items (which also bounds the work).
MAX_COUNTS = 4 * MAX_ITEMS


def _claim(scanner: Scanner, text: str, found: Scan, record: Record | None = None) -> str:
    """Blank out (with spaces, keeping offsets) every match that `record` accepts.

    The matches are `scanner.matches(text)`, searched for here without a generator: most
    passes find nothing, and a pass's fixed cost is most of what they cost.
    """
    if scanner.hinted is not None and scanner.hinted.search(text) is None:
        return text
    spans: list[tuple[int, int]] = []
    search = scanner.fast.search
    at = 0
    while (match := search(text, at)) is not None:
        at = match.end("span")
        if record is None or record(match, found):
            spans.append((match.start(), at))
    return _blank(text, spans)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans (in order, apart) blanked out with spaces."""
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces += (text[last:start], " " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Where lexicon.EARLY_NOISE_AS_WRITTEN matches: money's amount is read with NUMBERS."""
    spans: list[tuple[int, int]] = []
    if lx.EARLY_NOISE.hinted is not None and lx.EARLY_NOISE.hinted.search(text) is None:
        return spans
    search = lx.EARLY_NOISE.fast.search
    at = 0
    while (match := search(text, at)) is not None:
        start, at = match.start(), match.end("span")
        if match["money"] is not None:
            amount = lx.NUMBERS.end_at(text, at)
            if amount is None:  # a sign and no amount: no match here
                at = start + 1
                continue
            at = amount
        spans.append((start, at))
    return spans


def scan(text: str) -> Scan:
    """Find counts, periods, horizons, kinds and separators in normalised text."""
    # Positional arguments: a dataclass's __init__ takes keywords at twice the cost.
    found = Scan(text, [], [], [], [], [])  # counts, periods, horizons, marks, separators
    _find_marks(text, found)
    # Most passes look for words few messages hold: each runs only where one of its clues is
    # (lexicon's *_CLUES, looked up in the message's; a test checks they miss no match).
    korean = not text.isascii() and _HANGUL_WORD_RE.search(text) is not None
    clues = clues_in(text, lx.CLUE_FINDER)
    found.approximate = (
        not lx.APPROX_CLUES.isdisjoint(clues) and lx.APPROX.search(text) is not None
    )
    masked, masked_clues = text, clues
    if not lx.MODEL_CLUES.isdisjoint(clues):
        # A model name next to a number shows the number is about use ("50 on 4o").
        kind_marks = len(found.marks)
        masked = _claim(lx.MODEL, text, found, _record_tool)
        if len(found.marks) > kind_marks:
            masked_clues = clues | _words_after(masked, found.marks[kind_marks:])
            found.marks.sort(key=_START)
    # The passes below blank whole words only (a test checks), so what they search holds no
    # clue masked_clues lacks; the counts may end inside a word, after km, which only
    # SEPARATOR_CLUES, looked up after them, need heed.
    if not lx.EARLY_NOISE_CLUES.isdisjoint(masked_clues):
        masked = _blank(masked, noise_spans(masked))
    if not lx.EN_HORIZON_CLUES.isdisjoint(masked_clues):
        masked = _claim(lx.EN_HORIZON, masked, found, _record_en_horizon)
    if korean:
        masked = _claim(lx.KO_SPAN, masked, found, _record_ko_span)
    if not lx.EN_PERIOD_CLUES.isdisjoint(masked_clues):
        masked = _claim(lx.EN_PERIOD, masked, found, _record_en_period)
    if not lx.SLASH_PERIOD_CLUES.isdisjoint(masked_clues):
        masked = _claim(lx.SLASH_PERIOD, masked, found, _record_slash_period)
    if korean:
        masked = _claim(lx.KO_WORD_PERIOD, masked, found, _record_ko_word_period)
        masked = _claim(lx.KO_NOT_COUNT, masked, found)
    if not lx.BETWEEN_CLUES.isdisjoint(masked_clues):
        masked = _claim(lx.BETWEEN, masked, found, _record_between)
    masked = _claim_counts(masked, found)
    if not lx.SEPARATOR_CLUES.isdisjoint(masked_clues):
        for match in lx.SEPARATOR.matches(masked):  # a loop: see assemble._usage_counts
            found.separators.append(match.start())
    found.masked = masked
    if len(found.periods) > 1:
        found.periods.sort(key=_START)
    if not lx.PAST_CLUES.isdisjoint(clues):
        found.current_from = _correction(text, found.separators)
    return found


_START = attrgetter("start")


def _find_marks(text: str, found: Scan) -> None:
    # MARKS runs first, on the whole text: its matches come in order.
    search = lx.MARKS.fast.search
    at = 0
    while (match := search(text, at)) is not None:
        at = match.end("span")
        found.marks.append(Mark(match.start(), at, lx.mark_kind(match)))


def _words_after(masked: str, names: list[Mark]) -> set[str]:
    """The words that begin where model names were blanked out.

    A name may end inside a word ("70b models"): blanking it leaves a word ("s") the message
    did not have. None begins inside a word (MODEL's `not_after`).
    """
    return {word[0] for name in names if (word := LATIN_WORD_RE.match(masked, name.end))}


def _record_tool(match: re.Match[str], found: Scan) -> bool:
    found.marks.append(Mark(match.start(), match.end("span"), None))
    return True


def _correction(text: str, separators: list[int]) -> int:
    """The start of the clause saying "now" after one saying "used to", else 0."""
    past = lx.PAST.search(text)
    if past is None:
        return 0
    for now in lx.NOW.matches(text):
        if now.start("span") > past.start("span"):
            clause = bisect.bisect_right(separators, now.start("span"))
            return separators[clause - 1] if clause else 0
    return 0


def _looked_up(table: Table, match: re.Match[str], group: str) -> float | None:
    """The table value of a named group's text, or None when the group did not match."""
    if match[group] is None:
        return None
    return table.value(match.string, match.start(group), match.end(group))


def _value(text: str | None, default: float = 1.0) -> float | None:
    """A number's value; `default` when absent ("a year"), None when unreadable."""
    if text is None or text.strip() in ("a", "an", "one"):
        return default
    amount = read_number(text)
    return None if amount is None else amount.value


def _record_en_horizon(match: re.Match[str], found: Scan) -> bool:
    if match["all_year"]:
        found.horizons.append(DAYS_PER_YEAR)
        return True
    if match["times"]:
        unit = _looked_up(lx.EN_HORIZON_UNITS, match, "times_unit")
        count = _value(match["times"])
    else:
        unit = _looked_up(lx.EN_HORIZON_UNITS, match, "unit")
        count = _value(match["n"])
    if unit is None or count is None:
        return False
    found.horizons.append(count * unit)
    return True


def _ko_span_days(match: re.Match[str]) -> float | None:
    if match["kday"]:
        return lx.KO_DAY_WORDS[match["kday"]]
    count = _value(match["kn"])
    if count is None or match["kunit"] is None:
        return None
    return count * lx.KO_UNITS[match["kunit"]]


def _record_ko_span(match: re.Match[str], found: Scan) -> bool:
    days = _ko_span_days(match)
    if days is None:
        return False
    if match["ahead"] or match["during"]:
        found.horizons.append(days)
        return True
    # "3일에" and "하루" are firm; a bare "1년" may be how long rather than how often.
    soft = match["mark"] is None and match["kday"] != "하루"
    found.periods.append(Period(match.start("span"), match.end("span"), days, soft))
    return True


def _record_fixed_period(match: re.Match[str], found: Scan, table: Table, group: str) -> bool:
    """A period that is one word with a known length ("daily", "/wk", "매주")."""
    days = _looked_up(table, match, group)
    if days is None:
        return False
    found.periods.append(Period(match.start(), match.end("span"), days))
    return True


def _record_slash_period(match: re.Match[str], found: Scan) -> bool:
    return _record_fixed_period(match, found, lx.EN_SLASH_UNITS, "slash")


def _record_ko_word_period(match: re.Match[str], found: Scan) -> bool:
    return _record_fixed_period(match, found, lx.KO_WORDS, "word")


def _record_en_period(match: re.Match[str], found: Scan) -> bool:
    start, end = match.start("span"), match.end("span")
    adverb = _looked_up(lx.EN_ADVERBS, match, "adverb")
    if adverb is not None:
        found.periods.append(Period(start, end, adverb))
        return True
    unit = _looked_up(lx.EN_UNITS, match, "unit")
    if unit is None:
        return False
    written = match["n"] or match["other"]
    if written is not None and written.strip() in lx.EN_OTHER_COUNTS:
        count: float | None = lx.EN_OTHER_COUNTS[written.strip()]
    else:
        count = _value(written)
    if count is None:
        return False
    soft = match["soft"] is not None or match["in_n"] is not None
    found.periods.append(Period(start, end, count * unit, soft))
    return True


def _record_between(match: re.Match[str], found: Scan) -> bool:
    first, second = read_number(match["a"]), read_number(match["b"])
    if first is None or second is None:
        return False
    found.counts.append(
        Count(match.start("span"), match.end("span"), Amount.between(first.value, second.value))
    )
    return True


# One match of lexicon.COUNT_PATTERN: the match of its groups up to the first number, the
# second number of a range (or None), the match of the groups after the last number (the
# first match again, but for a range), and where the count ends. A plain tuple: one is made
# for every number of every message, and a NamedTuple costs five times as much to make.
CountMatch = tuple[re.Match[str], str | None, re.Match[str], int]


def count_matches(text: str) -> Iterator[CountMatch]:
    """lexicon.COUNT_PATTERN's matches, left to right, as `finditer` would find them.

    COUNT reads up to a range's separator; the second number and what follows it are read
    here, and the next count starts after them.
    """
    # Searched for again from the end of each count rather than walked with finditer: every
    # word of "one one one …" starts a number, and the regex would read each one again.
    search = lx.COUNT.fast.search
    end = 0
    while (match := search(text, end)) is not None:
        b = None
        tail = match
        end = match.end("span")
        if match["sep"] is not None:
            b_start = match.end("sep")
            b_end = lx.NUMBERS.end_at(text, b_start)
            if b_end is not None:
                b = text[b_start:b_end]
            rest = lx.COUNT_TAIL_RE.match(text, match.end("a") if b_end is None else b_end)
            assert rest is not None  # every part of the tail may match nothing
            tail, end = rest, rest.end()
        yield match, b, tail, end


def _claim_counts(text: str, found: Scan) -> str:
    """Record the counts (up to MAX_COUNTS), blanking them and the noise numbers out."""
    pieces: list[str] = []
    last = 0
    for match, b, tail, end in count_matches(text):
        if not _record_count(match, b, tail, end, found):
            continue
        start = match.start()
        pieces += (text[last:start], " " * (end - start))
        last = end
        if len(found.counts) >= MAX_COUNTS:
            break
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _record_count(
    match: re.Match[str], b: str | None, tail: re.Match[str], end: int, found: Scan
) -> bool:
    if tail["noise"] is not None:
        return True
    a = match["a"]
    counter = (tail["counter"] or "").strip()
    has_counter = bool(counter) or tail["each"] is not None
    # Korean number words count only in front of a counter: 세 in 세상, 한 in 한국어 (checked
    # before reading the number: Korean text is full of them).
    if not has_counter and not a.isascii() and _HANGUL_WORD_RE.search(a):
        return False
    first = read_number(a)
    if first is None:
        return False
    amount = first
    if b is not None:
        second = read_number(b)
        if second is None:
            return False
        amount = Amount.between(first.low or first.value, second.high or second.value)
    if match["neg"]:
        amount = amount.negated()
    idiom = counter == "번" and a.strip() == "한" and b is None
    found.counts.append(
        Count(match.start(), end, amount, has_counter, lx.COUNTER_KINDS.get(counter), idiom)
    )
    return True
