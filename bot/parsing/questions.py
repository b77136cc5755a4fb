"""Spotting equivalence questions ("how many queries is one bath?") and their target."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.factors.models import EquivalentId
from bot.parsing import lexicon as lx
from bot.parsing.lexicon import Measure
from bot.parsing.models import Language
from bot.parsing.numbers import read_number
from bot.usage import Kind

# How far from "how many" / "몇 번" a kind word may sit and still say what is counted.
_EN_KIND_REACH = 40
_KO_KIND_REACH = 12
_PARTICLES_RE = re.compile(r"\s*+(?:은|는|이|가|을|를|도|의|로|으로|만)?\s*+")
_EN_SPECIAL_COUNTS = ("once", "twice", "thrice")


@dataclass(frozen=True, slots=True)
class Question:
    """A reverse question; `rest` is the message with the question part blanked out."""

    target: EquivalentId | None
    amount: float
    kind: Kind
    rest: str


def find_question(text: str, language: Language) -> Question | None:
    """The equivalence question in normalised text, or None if the message asks none.

    A question about how many *things* a usage equals ("how many baths is 100 queries?",
    "질문 100번이면 목욕 몇 번이야?") is an ordinary usage and gives None too.
    """
    cue = _cue(text)
    if cue is None:
        return None
    blanks = [(cue.start(), cue.end())]
    kind = _question_kind(text, cue)
    found = _target(text)
    if found is None:
        return Question(None, 1.0, kind, _blank(text, blanks))
    target, match, measure = found
    amount, amount_span = _amount(text, match, measure)
    blanks.append((match.start(), match.end()))
    if amount_span is not None:
        blanks.append(amount_span)
    if not math.isfinite(amount) or amount <= 0:
        amount = 1.0
    return Question(target, amount, kind, _blank(text, blanks))


def _cue(text: str) -> re.Match[str] | None:
    english = lx.EN_QUESTION_RE.search(text)
    if english is not None:
        if lx.EN_FORWARD_RE.match(text, english.end()):
            return None
        return english
    korean = lx.KO_QUESTION_RE.search(text)
    if korean is not None and not _target_just_before(text, korean.start()):
        return korean
    return None


def _target_just_before(text: str, position: int) -> bool:
    """True for "목욕 몇 번": the thing being counted is the target, so it asks forward."""
    for _, pattern, _ in lx.TARGET_RES:
        for match in pattern.finditer(text, 0, position):
            if _PARTICLES_RE.fullmatch(text, match.end(), position):
                return True
    return False


def _target(text: str) -> tuple[EquivalentId, re.Match[str], Measure] | None:
    # Table order decides between two targets: an EV before a car, anything before a search.
    for target, pattern, measure in lx.TARGET_RES:
        match = pattern.search(text)
        if match is not None:
            return target, match, measure
    return None


def _question_kind(text: str, cue: re.Match[str]) -> Kind:
    """What is being counted: the counter of 몇 (장, 편) or the kind word next to the cue."""
    if "counter" in cue.re.groupindex:
        counter_kind = lx.COUNTER_KINDS.get(cue["counter"])
        if counter_kind is not None:
            return counter_kind
        start, end = cue.start() - _KO_KIND_REACH, cue.end() + _KO_KIND_REACH
    else:
        start, end = cue.end(), cue.end() + _EN_KIND_REACH
    nearest: tuple[int, Kind] | None = None
    for kind, pattern in lx.KIND_RE.items():
        for match in pattern.finditer(text, max(start, 0), end):
            distance = abs(match.start() - cue.end())
            if nearest is None or distance < nearest[0]:
                nearest = (distance, kind)
    return Kind.TEXT if nearest is None else nearest[1]


def _amount(
    text: str, target: re.Match[str], measure: Measure
) -> tuple[float, tuple[int, int] | None]:
    """How much of the target: "10km", "2 hours of netflix", "목욕 한 번", else 1."""
    if measure is Measure.KM:
        km = lx.KM_AMOUNT_RE.search(text)
        if km is None:
            return 1.0, None
        value = _number(km["n"])
        return (value * lx.MILE_KM if km["mile"] else value), km.span()
    if measure in (Measure.HOUR, Measure.MINUTE):
        time = lx.TIME_AMOUNT_RE.search(text)
        if time is None:
            return 1.0, None
        hours = 0.5 if time["half"] else _number(time["n"]) / (60 if time["minute"] else 1)
        return (hours if measure is Measure.HOUR else hours * 60), time.span()
    before = lx.COUNT_BEFORE_RE.search(text, max(target.start() - 40, 0), target.start())
    if before is not None:
        return _number(before["n"]), before.span()
    after = lx.COUNT_AFTER_RE.match(text, target.end())
    if after is not None and (after["counter"] or after["n"].strip() in _EN_SPECIAL_COUNTS):
        return _number(after["n"]), after.span()
    return 1.0, None


def _number(written: str) -> float:
    if written.strip() in ("a", "an", "one"):
        return 1.0
    amount = read_number(written)
    return 1.0 if amount is None else amount.value


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text
