"""The core pipeline on one core: parse → compare → render, and parse alone, per message."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from bench import parse_bench
from bench.corpus import REPO
from bench.report import Measure, at_least, below, percentile
from bot.factors import Factors, default_factors_path, load_factors
from bot.parsing import Language, parse
from bot.pipeline import answer_text
from bot.rendering import Catalogs, default_locales_path

SECTION = "Core pipeline (one core)"


@dataclass(frozen=True)
class Budget:
    """How long to keep measuring: at least `seconds`, at most `max_rounds` over the corpus.

    Parsing alone is measured by the parser's own bench.parse_bench, `parse_repeat` passes.
    """

    seconds: float
    max_rounds: int
    parse_repeat: int = 20


@contextmanager
def one_core() -> Iterator[int]:
    """Pin this process to one CPU while measuring, so "per core" means one core."""
    allowed = os.sched_getaffinity(0)
    cpu = max(allowed)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, allowed)


def _timed_rounds(
    calls: list[Callable[[], object]], budget: Budget
) -> tuple[list[float], float, int]:
    """Per-call µs, the wall time of all rounds, and the number of rounds."""
    for call in calls:
        # One warm-up round: imports, regex compilation and first-use caches are not steady state.
        call()
    samples: list[float] = []
    clock = time.perf_counter_ns
    rounds = 0
    started = time.perf_counter()
    # At least one round, however small the budget: every case gets measured.
    while rounds < budget.max_rounds and (
        rounds == 0 or time.perf_counter() - started < budget.seconds
    ):
        for call in calls:
            t0 = clock()
            call()
            samples.append((clock() - t0) / 1000)
        rounds += 1
    return samples, time.perf_counter() - started, rounds


def load_services() -> tuple[Factors, Catalogs]:
    return load_factors(default_factors_path()), Catalogs.load(default_locales_path())


def first_pass() -> list[float]:
    """Per-call µs of bench.first_pass: the corpus once, in a fresh process, caches cold."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.first_pass"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    samples: list[float] = json.loads(done.stdout)
    return samples


def run(messages: list[str], budget: Budget) -> tuple[list[Measure], dict[str, Any]]:
    factors, catalogs = load_services()
    # Every message is answered in both languages: both renderers get the whole corpus.
    cases = [(text, language) for text in messages for language in Language]
    pipeline_calls: list[Callable[[], object]] = [
        lambda text=text, language=language: answer_text(
            text, factors=factors, catalogs=catalogs, language=language
        )
        for text, language in cases
    ]
    long_texts = parse_bench.long_messages(messages)

    with one_core() as cpu:
        pipeline, pipeline_wall, pipeline_rounds = _timed_rounds(pipeline_calls, budget)
        # Parsing alone, the parser engineer's way, on the same corpus and core.
        parsing = parse_bench.measure("corpus", messages, budget.parse_repeat, parse)
        longest = [
            parse_bench.measure(name, [text], max(budget.parse_repeat // 2, 2), parse)
            for name, text in long_texts.items()
        ]
    slowest_long = max(longest, key=lambda row: row.median_us)
    cold = first_pass()

    # Medians by what the parser made of the message and by reply language, for profiling.
    kinds = [type(parse(text)).__name__ for text, _ in cases]
    by_kind: dict[str, list[float]] = defaultdict(list)
    by_language: dict[str, list[float]] = defaultdict(list)
    for index, sample in enumerate(pipeline):
        case = index % len(cases)
        by_kind[kinds[case]].append(sample)
        by_language[cases[case][1].value].append(sample)

    rate = len(pipeline) / pipeline_wall
    measures = [
        Measure(SECTION, "Pipeline throughput", rate, "msg/s", at_least(20_000)),
        Measure(SECTION, "Pipeline median", statistics.median(pipeline), "µs", below(50)),
        Measure(SECTION, "Pipeline p99", percentile(pipeline, 99), "µs"),
        Measure(
            SECTION,
            "Pipeline median, first pass",
            statistics.median(cold),
            "µs",
            note="fresh process, each message new: reply-line caches cold",
        ),
        Measure(SECTION, "Pipeline p99, first pass", percentile(cold, 99), "µs"),
        Measure(SECTION, "Parse-only median", parsing.median_us, "µs"),
        Measure(SECTION, "Parse-only p99", parsing.p99_us, "µs"),
        Measure(
            SECTION,
            "Parse-only, slowest 4096-char message",
            slowest_long.median_us,
            "µs",
            note=slowest_long.name.removeprefix("4096 chars, "),
        ),
    ]
    details = {
        "messages": len(messages),
        "cases": len(cases),
        "cpu": cpu,
        "pipeline_calls": len(pipeline),
        "pipeline_rounds": pipeline_rounds,
        "first_pass_calls": len(cold),
        "first_pass_mean_us": statistics.fmean(cold),
        "parse": asdict(parsing),
        "parse_4096_chars": [asdict(row) for row in longest],
        "pipeline_median_us_by_result": {k: statistics.median(v) for k, v in by_kind.items()},
        "pipeline_median_us_by_language": {
            k: statistics.median(v) for k, v in by_language.items()
        },
    }
    return measures, details
