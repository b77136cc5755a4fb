"""Finding the pieces of a usage in normalised text: counts, periods, horizons, kinds."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.parsing import lexicon as lx
from bot.parsing.numbers import Amount, read_number
from bot.usage import DAYS_PER_YEAR, Kind

_HANGUL_WORD_RE = re.compile("[가-힣]")


@dataclass(frozen=True, slots=True)
class Count:
    """A number of uses as written, with its counter if it had one ("5장", "30 times")."""

    start: int
    end: int
    amount: Amount
    has_counter: bool = False
    counter_kind: Kind | None = None
    # "한 번" / "한번" also means "once, just to try": only a count next to a period.
    idiom_once: bool = False


@dataclass(frozen=True, slots=True)
class Period:
    """How often a count repeats, in days; soft ones may turn out to be the horizon."""

    start: int
    end: int
    days: float
    soft: bool = False


@dataclass(frozen=True, slots=True)
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


def _claim(pattern: re.Pattern[str], text: str, record: Callable[[re.Match[str]], bool]) -> str:
    """Blank out (with spaces, keeping offsets) every match that `record` accepts."""

    def replace(match: re.Match[str]) -> str:
        if record(match):
            return " " * (match.end() - match.start())
        return match.group()

    return pattern.sub(replace, text)


def _always(_: re.Match[str]) -> bool:
    return True


def scan(text: str) -> Scan:
    """Find counts, periods, horizons, kinds and separators in normalised text."""
    found = Scan(masked=text)
    _find_marks(text, found)
    found.approximate = lx.APPROX_RE.search(text) is not None
    masked = _claim(lx.MODEL_RE, text, _always)
    masked = _claim(lx.DATE_RE, masked, _always)
    masked = _claim(lx.EN_HORIZON_RE, masked, lambda m: _record_en_horizon(m, found))
    masked = _claim(lx.KO_HORIZON_RE, masked, lambda m: _record_ko_horizon(m, found))
    masked = _claim(lx.EN_PERIOD_RE, masked, lambda m: _record_en_period(m, found))
    masked = _claim(lx.KO_PERIOD_RE, masked, lambda m: _record_ko_period(m, found))
    masked = _claim(lx.NOISE_RE, masked, _always)
    masked = _claim(lx.LATE_NOISE_RE, masked, _always)
    masked = _claim(lx.KO_NOT_COUNT_RE, masked, _always)
    masked = _claim(lx.BETWEEN_RE, masked, lambda m: _record_between(m, found))
    masked = _claim(lx.COUNT_RE, masked, lambda m: _record_count(m, found))
    found.separators = [m.start() for m in lx.SEPARATOR_RE.finditer(masked)]
    found.masked = masked
    found.periods.sort(key=lambda p: p.start)
    return found


def _find_marks(text: str, found: Scan) -> None:
    for kind, pattern in lx.KIND_RE.items():
        found.marks.extend(Mark(m.start(), m.end(), kind) for m in pattern.finditer(text))
    found.marks.extend(Mark(m.start(), m.end(), None) for m in lx.TOOL_RE.finditer(text))
    found.marks.sort(key=lambda mark: mark.start)


def _first_group(match: re.Match[str], prefix: str) -> int | None:
    """The index of the numbered group (u0, u1 …) that matched, if any."""
    for name, value in match.groupdict().items():
        if value is not None and name.startswith(prefix) and name[len(prefix) :].isdigit():
            return int(name[len(prefix) :])
    return None


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
    unit = _first_group(match, "u")
    count = _value(match["n"])
    if unit is None or count is None:
        return False
    found.horizons.append(count * lx.EN_HORIZON_DAYS[unit])
    return True


def _ko_span_days(match: re.Match[str]) -> float | None:
    if match["kday"]:
        return lx.KO_DAY_WORDS[match["kday"]]
    count = _value(match["kn"])
    if count is None or match["kunit"] is None:
        return None
    return count * lx.KO_UNITS[match["kunit"]]


def _record_ko_horizon(match: re.Match[str], found: Scan) -> bool:
    days = _ko_span_days(match)
    if days is None:
        return False
    found.horizons.append(days)
    return True


def _record_en_period(match: re.Match[str], found: Scan) -> bool:
    adverb = _first_group(match, "v")
    if adverb is not None:
        found.periods.append(Period(match.start(), match.end(), lx.EN_ADVERB_DAYS[adverb]))
        return True
    slash = _first_group(match, "s")
    if slash is not None:
        found.periods.append(Period(match.start(), match.end(), lx.EN_SLASH_DAYS[slash]))
        return True
    unit = _first_group(match, "u")
    if unit is None:
        unit = _first_group(match, "w")
    if unit is None:
        return False
    written = match["n"] or match["soft_n"]
    if written is not None and written.strip() in lx.EN_OTHER_COUNTS:
        count: float | None = lx.EN_OTHER_COUNTS[written.strip()]
    else:
        count = _value(written)
    if count is None:
        return False
    soft = match["soft"] is not None or match["in_n"] is not None
    found.periods.append(Period(match.start(), match.end(), count * lx.EN_UNIT_DAYS[unit], soft))
    return True


def _record_ko_period(match: re.Match[str], found: Scan) -> bool:
    word = _first_group(match, "k")
    if word is not None:
        found.periods.append(Period(match.start(), match.end(), lx.KO_WORD_DAYS[word]))
        return True
    days = _ko_span_days(match)
    if days is None:
        return False
    # "3일에" and "하루" are firm; a bare "1년" may be how long rather than how often.
    soft = match["mark"] is None and match["kday"] != "하루"
    found.periods.append(Period(match.start(), match.end(), days, soft))
    return True


def _record_between(match: re.Match[str], found: Scan) -> bool:
    first, second = read_number(match["a"]), read_number(match["b"])
    if first is None or second is None:
        return False
    found.counts.append(
        Count(match.start(), match.end(), Amount.between(first.value, second.value))
    )
    return True


def _record_count(match: re.Match[str], found: Scan) -> bool:
    first = read_number(match["a"])
    if first is None:
        return False
    amount = first
    if match["b"] is not None:
        second = read_number(match["b"])
        if second is None:
            return False
        amount = Amount.between(first.low or first.value, second.high or second.value)
    counter = (match["counter"] or "").strip()
    has_counter = bool(counter) or match["each"] is not None
    # Korean number words count only in front of a counter: 세 in 세상, 한 in 한국어.
    if not has_counter and _HANGUL_WORD_RE.search(match["a"]):
        return False
    if match["neg"]:
        amount = amount.negated()
    idiom = counter == "번" and match["a"].strip() == "한" and match["b"] is None
    found.counts.append(
        Count(
            match.start(),
            match.end(),
            amount,
            has_counter=has_counter,
            counter_kind=lx.COUNTER_KINDS.get(counter),
            idiom_once=idiom,
        )
    )
    return True
