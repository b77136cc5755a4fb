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
# A kind's place among lexicon.KINDS: on a tie in distance, the earlier kind is the one asked.
_KIND_ORDER = {kind: order for order, kind in enumerate(lx.KINDS)}
_PARTICLES_RE = re.compile(r"\s*+(?:은|는|이|가|을|를|도|의|로|으로|만)?\s*+")
_EN_SPECIAL_COUNTS = ("once", "twice", "thrice")
_AMOUNT_REACH = 60


# Not frozen, though never changed: see scan.Count.
@dataclass(slots=True)
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
    if "how" not in text and "몇" not in text:  # what each cue begins with: most messages
        return None
    cue = lx.EN_QUESTION_RE.search(text) or lx.KO_QUESTION_RE.search(text)
    if cue is None:
        return None
    targets = _targets(text)
    if _asks_forward(text, cue, targets):
        return None
    blanks = [(cue.start(), cue.end())]
    kind = _question_kind(text, cue)
    if not targets:
        return Question(None, 1.0, kind, _blank(text, blanks))
    # Table order decides between two targets: an EV before a car, anything before a search.
    found = min(targets, key=lambda t: (t.priority, t.start))
    # The amount may be written at any mention of it ("주전자로 물 끓이기 한 번").
    amount, amount_span = 1.0, None
    for mention in (t for t in targets if t.target is found.target):
        amount, amount_span = _amount(text, mention)
        if amount_span is not None:
            blanks.append((mention.start, mention.end))
            break
    blanks.append((found.start, found.end))
    if amount_span is not None:
        blanks.append(amount_span)
    if not math.isfinite(amount) or amount <= 0:
        amount = 1.0
    return Question(found.target, amount, kind, _blank(text, blanks))


@dataclass(slots=True)
class _Target:
    target: EquivalentId
    measure: Measure
    priority: int
    start: int
    end: int


def _targets(text: str) -> list[_Target]:
    found = []
    for match in lx.TARGET.matches(text):
        priority = lx.target_of(match)
        target, _, measure = lx.TARGETS[priority]
        found.append(_Target(target, measure, priority, match.start("span"), match.end("span")))
    return found


def _asks_forward(text: str, cue: re.Match[str], targets: list[_Target]) -> bool:
    """True for "how many baths is …" and "목욕 몇 번": the target is what gets counted."""
    if cue.re is lx.EN_QUESTION_RE:
        return lx.EN_FORWARD_RE.match(text, cue.end()) is not None
    return any(
        t.end <= cue.start() and _PARTICLES_RE.fullmatch(text, t.end, cue.start()) for t in targets
    )


def _question_kind(text: str, cue: re.Match[str]) -> Kind:
    """What is being counted: the counter of 몇 (장, 편) or the kind word next to the cue."""
    if "counter" in cue.re.groupindex:
        counter_kind = lx.COUNTER_KINDS.get(cue["counter"])
        if counter_kind is not None:
            return counter_kind
        start, end = cue.start() - _KO_KIND_REACH, cue.end() + _KO_KIND_REACH
    else:
        start, end = cue.end(), cue.end() + _EN_KIND_REACH
    # One MARKS pass over the window rather than one per kind: a kind word is a mark of its
    # kind, and no two kinds' words overlap (a test holds this to each kind's own matches).
    nearest: tuple[int, int, Kind] | None = None  # distance, order among KINDS, kind
    for match in lx.MARKS.matches(text, max(start, 0), end):
        kind = lx.mark_kind(match)
        if kind is None:  # a tool's name
            continue
        # The closest word, or on a tie the kind that comes first in KINDS.
        candidate = (abs(match.start() - cue.end()), _KIND_ORDER[kind], kind)
        if nearest is None or candidate < nearest:
            nearest = candidate
    return Kind.TEXT if nearest is None else nearest[2]


def _amount(text: str, target: _Target) -> tuple[float, tuple[int, int] | None]:
    """How much of the target: "10km", "2 hours of netflix", "목욕 한 번", else 1."""
    measure = target.measure
    # The amount is written near its target; a window keeps a long message cheap.
    low, high = max(target.start - _AMOUNT_REACH, 0), target.end + _AMOUNT_REACH
    if measure is Measure.KM:
        km = lx.KM_AMOUNT.search(text, low, high)
        if km is None:
            return 1.0, None
        value = _number(km["n"])
        return (value * lx.MILE_KM if km["mile"] else value), km.span("span")
    if measure in (Measure.HOUR, Measure.MINUTE):
        time = lx.TIME_AMOUNT.search(text, low, high)
        if time is None:
            return 1.0, None
        hours = 0.5 if time["half"] else _number(time["n"]) / (60 if time["minute"] else 1)
        return (hours if measure is Measure.HOUR else hours * 60), time.span("span")
    before = lx.COUNT_BEFORE.search(text, max(target.start - 40, 0), target.start)
    if before is not None:
        return _number(before["n"]), before.span("span")
    after = lx.COUNT_AFTER_RE.match(text, target.end)
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
