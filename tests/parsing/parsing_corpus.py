"""Loading the labelled corpus and checking a parse result against its label."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.parsing.models import (
    EquivalenceQuestion,
    Language,
    NotUsage,
    ParseResult,
    RefusedUsage,
    UsageMessage,
)
from bot.usage import DAYS_PER_MONTH, DAYS_PER_WEEK, DAYS_PER_YEAR, Usage

CORPUS_PATH = Path(__file__).with_name("corpus.yaml")

_PERIODS: dict[str, float | None] = {
    "day": 1.0,
    "week": DAYS_PER_WEEK,
    "month": DAYS_PER_MONTH,
    "year": DAYS_PER_YEAR,
    "hour": 1 / 24,
    "once": None,
}
_HORIZON_UNITS = {
    "day": 1.0,
    "week": DAYS_PER_WEEK,
    "month": DAYS_PER_MONTH,
    "year": DAYS_PER_YEAR,
}
_ITEM_RE = re.compile(
    r"(?P<kind>\w+) (?P<count>[\d.]+)(?: \[(?P<low>[\d.]+)-(?P<high>[\d.]+)\])? / (?P<period>\S+)"
)
_HORIZON_RE = re.compile(r"(?P<n>[\d.]+) (?P<unit>day|week|month|year)s?")
_HANGUL_RE = re.compile("[가-힣ㄱ-ㅎㅏ-ㅣ]")


@dataclass(frozen=True)
class Entry:
    """One labelled message."""

    text: str
    expected: dict[str, Any]
    xfail: str | None

    @property
    def language(self) -> Language:
        return Language.KO if _HANGUL_RE.search(self.text) else Language.EN


def load_corpus(path: Path = CORPUS_PATH) -> list[Entry]:
    """The corpus entries, in file order."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Entry(
            text=item["text"],
            expected={k: v for k, v in item.items() if k not in ("text", "xfail", "source")},
            xfail=item.get("xfail"),
        )
        for item in raw
    ]


def _close(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return math.isclose(actual, expected, rel_tol=1e-6)


def _usage_problems(usage: Usage | None, expected: list[str], horizon: str | None) -> list[str]:
    if usage is None:
        return ["expected a usage, got none"]
    problems = []
    written = [_ITEM_RE.fullmatch(item) for item in expected]
    if len(usage.items) != len(written):
        problems.append(f"expected {len(written)} items, got {len(usage.items)}")
    for item, match in zip(usage.items, written, strict=False):
        assert match is not None, f"bad corpus item {expected}"
        period = match["period"]
        want_period = _PERIODS[period] if period in _PERIODS else float(period)
        checks = [
            (item.kind.value, match["kind"], item.kind.value == match["kind"]),
            (item.count, match["count"], _close(item.count, float(match["count"]))),
            (item.period_days, want_period, _close(item.period_days, want_period)),
        ]
        if match["low"] is not None:
            low, high = float(match["low"]), float(match["high"])
            checks.append(
                (
                    (item.count_low, item.count_high),
                    (low, high),
                    _close(item.count_low, low) and _close(item.count_high, high),
                )
            )
        problems += [f"got {got!r}, expected {want!r}" for got, want, ok in checks if not ok]
    want_horizon = DAYS_PER_YEAR
    if horizon is not None:
        parsed = _HORIZON_RE.fullmatch(horizon)
        assert parsed is not None, f"bad corpus horizon {horizon}"
        want_horizon = float(parsed["n"]) * _HORIZON_UNITS[parsed["unit"]]
    if not _close(usage.horizon_days, want_horizon):
        problems.append(f"horizon {usage.horizon_days}, expected {want_horizon}")
    return problems


def problems_with(result: ParseResult, entry: Entry) -> list[str]:
    """Why a result does not match its label (empty when it does)."""
    expected = entry.expected
    problems = []
    if result.language is not entry.language:
        problems.append(f"language {result.language}, expected {entry.language}")
    if "usage" in expected and "question" not in expected:
        if not isinstance(result, UsageMessage):
            return [*problems, f"expected a usage, got {result!r}"]
        problems += _usage_problems(result.usage, expected["usage"], expected.get("horizon"))
        if "approx" in expected and result.approximate != expected["approx"]:
            problems.append(f"approximate {result.approximate}, expected {expected['approx']}")
    elif "question" in expected:
        if not isinstance(result, EquivalenceQuestion):
            return [*problems, f"expected a question, got {result!r}"]
        if result.target.value != expected["question"]:
            problems.append(f"target {result.target}, expected {expected['question']}")
        if not _close(result.amount, float(expected.get("amount", 1.0))):
            problems.append(f"amount {result.amount}, expected {expected.get('amount', 1.0)}")
        if result.kind.value != expected.get("kind", "text"):
            problems.append(f"kind {result.kind}, expected {expected.get('kind', 'text')}")
        if "usage" in expected:
            problems += _usage_problems(result.usage, expected["usage"], expected.get("horizon"))
        elif result.usage is not None:
            problems.append(f"expected no usage, got {result.usage!r}")
    elif "not" in expected:
        if not isinstance(result, NotUsage) or result.reason.value != expected["not"]:
            problems.append(f"expected not_usage/{expected['not']}, got {result!r}")
    elif "refused" in expected:
        if not isinstance(result, RefusedUsage) or result.reason.value != expected["refused"]:
            problems.append(f"expected refused/{expected['refused']}, got {result!r}")
    else:
        raise AssertionError(f"corpus entry without an expectation: {entry.text!r}")
    return problems


CORPUS = load_corpus()
