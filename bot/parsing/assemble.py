"""Putting scanned pieces together: which count goes with which kind and which period."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TypeVar

from bot.parsing import lexicon as lx
from bot.parsing.models import Language
from bot.parsing.scan import Count, Mark, Period, Scan
from bot.usage import MAX_ITEMS, Kind

# A count and the word after it may have two words between them ("3 short videos").
_NEAR_WORDS = 2
_WORD_CHARACTER = r"[a-z가-힣\d]"
_WORD_RE = re.compile(f"{_WORD_CHARACTER}+")
# Where a word starts: a word character with none before it. It opens with the character class,
# so the engine skips ahead to candidates in C; the look-behind then checks the one before.
_WORD_START_RE = re.compile(f"{_WORD_CHARACTER}(?<!{_WORD_CHARACTER}{_WORD_CHARACTER})")
_start = attrgetter("start")


# Not frozen, though never changed: see scan.Count.
@dataclass(slots=True)
class Item:
    """One usage item ready for build_usage."""

    kind: Kind
    count: Count
    period_days: float | None

    def as_fields(self) -> dict[str, object]:
        """The plain values build_usage takes."""
        amount = self.count.amount
        return {
            "kind": self.kind,
            "count": amount.value,
            "count_low": amount.low,
            "count_high": amount.high,
            "period_days": self.period_days,
        }


@dataclass(slots=True)
class Assembly:
    """The items of a message and how long they go on (None: the default year)."""

    items: tuple[Item, ...]
    horizon_days: float | None


def assemble(found: Scan, language: Language) -> Assembly:
    """Pair counts with kinds and periods; drop numbers that are not about use."""
    periods, horizons = _split_soft_periods(found.periods, found.horizons)
    horizon = horizons[0] if horizons else None
    counts = _usage_counts(found, _Layout(found), periods)
    if not counts:
        return Assembly((), horizon)
    if len(counts) > MAX_ITEMS:
        # The models refuse this many items anyway; pairing them all would only cost time.
        return Assembly(tuple(Item(Kind.TEXT, c, None) for c in counts), horizon)
    if found.separators:
        segments = _Segments(found.separators, counts)
        periods_in = _group(periods, segments)
        kinds = _kinds(found.marks, counts, _group(counts, segments), segments, language)
        period_days = []  # a loop, not a comprehension: see _usage_counts
        for count in counts:
            period_days.append(_period_of(count, segments, periods_in))
    else:
        # One part, the commonest message: every kind word and period is written with the
        # counts, so each goes to the nearest one, with no parts to join or borrow from.
        kinds = _kinds_in_one_part(found.marks, counts, language)
        period_days = []  # a loop, not a comprehension: see _usage_counts
        for count in counts:
            period_days.append(_nearest_period(count, periods))
    return Assembly(tuple(map(Item, kinds, counts, period_days)), horizon)


def _split_soft_periods(
    periods: list[Period], horizons: list[float]
) -> tuple[list[Period], list[float]]:
    """Soft periods ("in a year", "1년") are the horizon when a firm period is also there."""
    if len(periods) < 2:  # most messages: one period is either firm or soft, none to move
        return periods, horizons
    firm = [p for p in periods if not p.soft]
    if len(firm) in (0, len(periods)):  # no firm period, or no soft one: nothing to move
        return periods, horizons
    soft_days = [p.days for p in periods if p.soft]
    return firm, horizons or soft_days


class _Layout:
    """The masked text with kind words blanked too, for nearness checks.

    Worked out on first use: a count with a counter ("5장") does not need it.
    """

    def __init__(self, found: Scan) -> None:
        self._found = found
        self._blank: str | None = None

    @property
    def blank(self) -> str:
        """The masked text with the kind words blanked out too."""
        if self._blank is None:
            found = self._found
            pieces = []
            last = 0
            for mark in found.marks:
                start = max(mark.start, last)
                if mark.end <= start:
                    continue
                pieces.append(found.masked[last:start])
                pieces.append(" " * (mark.end - start))
                last = mark.end
            pieces.append(found.masked[last:])
            self._blank = "".join(pieces)
        return self._blank

    def few_words_between(self, start: int, end: int) -> bool:
        """True when at most _NEAR_WORDS unclaimed words start between two offsets."""
        if end <= start:
            return True
        # The commonest gap, "30 queries": spaces only, so no word, with or without the marks.
        if self._found.masked[start:end].isspace():
            return True
        # Word starts are searched for one by one, and only until there are too many: the gap
        # may be most of a long message, but a near one holds a word or two.
        search = _WORD_START_RE.search
        blank = self.blank
        for _ in range(_NEAR_WORDS + 1):
            word = search(blank, start, end)
            if word is None:
                return True
            start = word.end()
        return False


def _is_near(layout: _Layout, count: Count, start: int, end: int) -> bool:
    if start >= count.end:
        return layout.few_words_between(count.end, start)
    return layout.few_words_between(end, count.start)


_Near = TypeVar("_Near", bound=Mark | Period)


def _neighbours(spans: Sequence[_Near], count: Count) -> Sequence[_Near]:
    """The spans just before and just after a count (the only ones that can be near)."""
    after = bisect.bisect_left(spans, count.end, key=_start)
    return spans[max(after - 1, 0) : after + 1]


def _is_strong(found: Scan, layout: _Layout, count: Count, periods: list[Period]) -> bool:
    """A count is clearly about use when it has a counter, a kind word or a period beside it,
    in the same clause ("50 a day, sometimes 100": the 100 is no use of its own)."""
    if count.has_counter:
        return True
    clause = bisect.bisect_right(found.separators, count.start)
    kind_words_and_periods: tuple[Sequence[Mark | Period], ...] = (found.marks, periods)
    for spans in kind_words_and_periods:
        for span in _neighbours(spans, count):
            inside = span.start < count.end and span.end > count.start
            same_clause = bisect.bisect_right(found.separators, span.start) == clause
            if not inside and same_clause and _is_near(layout, count, span.start, span.end):
                return True
    return False


def _kind_beside(found: Scan, layout: _Layout, count: Count) -> bool:
    """True when a kind word sits right beside a count ("질문 한 번", not "한번 써볼게")."""
    for mark in _neighbours(found.marks, count):
        if mark.kind is not None and _is_near(layout, count, mark.start, mark.end):
            return True
    return False


def _usage_counts(found: Scan, layout: _Layout, periods: list[Period]) -> list[Count]:
    # One loop rather than two comprehensions: on 3.11 each comprehension makes a function and
    # calls it (3.12 inlines them), which cost more than the loop's work for the usual one count.
    counts: list[Count] = []
    strong: list[Count] = []
    for count in found.counts:
        if count.start < found.current_from or (
            count.idiom_once and not periods and not _kind_beside(found, layout, count)
        ):
            continue
        counts.append(count)
        if _is_strong(found, layout, count, periods):
            strong.append(count)
    if strong:
        return strong
    if len(counts) == 1 and (periods or _is_just_a_number(layout)):
        return counts
    return []


def _is_just_a_number(layout: _Layout) -> bool:
    """True for "100", "~100?", "about 100": nothing but the number and filler words."""
    # APPROX.plain.sub(" ", blank), with the fast form finding the same matches.
    blank = layout.blank
    pieces: list[str] = []
    last = 0
    for match in lx.APPROX.matches(blank):
        pieces += (blank[last : match.start("span")], " ")
        last = match.end("span")
    pieces.append(blank[last:])
    return not _WORD_RE.search("".join(pieces))


class _Segments:
    """Parts of a message split at "and", commas, 그리고 …; a part without a count joins the
    next part that has one (or the last one), so "Every day, I ask 30" keeps its period.

    Made only for a message with separators: one of one part has nothing to join.
    """

    def __init__(self, separators: list[int], counts: list[Count]) -> None:
        self._bounds = separators
        parts = set()  # a loop, not a comprehension: see _usage_counts
        for count in counts:
            parts.add(bisect.bisect_right(separators, count.start))
        self._with_counts = sorted(parts)

    def raw(self, position: int) -> int:
        """The part a position is written in, before count-less parts are joined."""
        return bisect.bisect_right(self._bounds, position)

    def of(self, position: int) -> int:
        """The part a position counts towards."""
        raw = bisect.bisect_right(self._bounds, position)
        index = bisect.bisect_left(self._with_counts, raw)
        return self._with_counts[min(index, len(self._with_counts) - 1)]


_Span = TypeVar("_Span", Count, Period)


def _group(spans: list[_Span], segments: _Segments) -> dict[int, list[_Span]]:
    grouped: dict[int, list[_Span]] = defaultdict(list)
    for span in spans:
        grouped[segments.of(span.start)].append(span)
    return grouped


def _kinds(
    marks: list[Mark],
    counts: list[Count],
    counts_in: dict[int, list[Count]],
    segments: _Segments,
    language: Language,
) -> list[Kind]:
    """Each count's kind: from its counter and the kind words of its segment.

    With several counts in one segment, each kind word goes to the nearest count. Kind words
    from a clause without a count ("I use Midjourney, 20 a day") count only when the count's
    own clause names no kind, except a reasoning model, which says how questions are run
    ("I use o3, 20 questions a day"), unlike "30 questions and images now and then".
    """
    own: dict[int, list[Kind]] = {}
    for count in counts:  # a loop, not a comprehension: see _usage_counts
        own[id(count)] = [count.counter_kind] if count.counter_kind else []
    borrowed: dict[int, list[Kind]] = {}
    for mark in marks:
        if mark.kind is None:
            continue
        same = counts_in.get(segments.of(mark.start))
        if not same:
            continue
        count = same[0] if len(same) == 1 else same[_nearest(mark, same, language)]
        if segments.raw(mark.start) == segments.raw(count.start):
            own[id(count)].append(mark.kind)
        else:
            borrowed.setdefault(id(count), []).append(mark.kind)
    kinds = []
    for count in counts:
        written = own[id(count)]
        extra = borrowed.get(id(count))
        if extra is None:  # every kind word written with its count
            kinds.append(_strongest(written) if written else Kind.TEXT)
            continue
        if written and _strongest(written) is Kind.TEXT and Kind.REASONING in extra:
            written = [*written, Kind.REASONING]
        kinds.append(_strongest(written or extra))
    return kinds


def _kinds_in_one_part(marks: list[Mark], counts: list[Count], language: Language) -> list[Kind]:
    """Each count's kind in a message of one part: its counter and the kind words nearest it."""
    # Loops, not comprehensions: see _usage_counts.
    written: list[list[Kind]] = []
    for count in counts:
        written.append([count.counter_kind] if count.counter_kind else [])
    for mark in marks:
        if mark.kind is not None:
            index = 0 if len(counts) == 1 else _nearest(mark, counts, language)
            written[index].append(mark.kind)
    kinds: list[Kind] = []
    for each in written:
        kinds.append(_strongest(each) if each else Kind.TEXT)
    return kinds


_priority = lx.KIND_PRIORITY.__getitem__


def _strongest(kinds: list[Kind]) -> Kind:
    """The kind that wins when a phrase names several (video > image > reasoning > text)."""
    return kinds[0] if len(kinds) == 1 else max(kinds, key=_priority)


def _nearest(mark: Mark, counts: list[Count], language: Language) -> int:
    """The index of the count (of two or more) a kind word belongs to: the closest, or on a tie
    the one it usually follows.

    English puts the noun after the number ("5 images"), Korean mostly before ("이미지 5장").
    """
    next_count = bisect.bisect_left(counts, mark.start, key=_start)
    # Only the counts either side of the word can be nearest.
    if next_count == 0:
        return 0
    if next_count == len(counts):
        return next_count - 1
    before = _closeness(mark, counts[next_count - 1], language)
    after = _closeness(mark, counts[next_count], language)
    # On a tie, the count before.
    return next_count - 1 if before <= after else next_count


def _closeness(mark: Mark, count: Count, language: Language) -> tuple[int, int]:
    """How far a kind word is from a count (smaller is closer), then 0 if it sits on the side
    its language puts it (else 1)."""
    after = mark.start >= count.end
    gap = mark.start - count.end if after else count.start - mark.end
    preferred = after if language is Language.EN else not after
    return (max(gap, 0), 0 if preferred else 1)


def _period_of(
    count: Count, segments: _Segments, periods_in: dict[int, list[Period]]
) -> float | None:
    """The nearest period in the count's segment, else the previous segment's, else the next."""
    segment = segments.of(count.start)
    own = periods_in.get(segment)
    if own:
        return _nearest_period(count, own)
    before = [s for s in periods_in if s < segment]
    if before:
        return periods_in[max(before)][-1].days
    after = [s for s in periods_in if s > segment]
    if after:
        return periods_in[min(after)][0].days
    return None


def _nearest_period(count: Count, periods: list[Period]) -> float | None:
    """The days of the period nearest a count, or None when there is none."""
    if not periods:
        return None
    if len(periods) == 1:
        return periods[0].days
    return min(periods, key=lambda p: _distance(count, p)).days


def _distance(count: Count, period: Period) -> int:
    if period.start >= count.end:
        return period.start - count.end
    return max(count.start - period.end, 0)
