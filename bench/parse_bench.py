"""Parser speed: every corpus message parsed many times, plus 4096-character messages.

Run from the repository root: `.venv/bin/python -m bench.parse_bench [--repeat N]`.
Prints one table: messages, median and p99 microseconds per message, messages per second.
Timings are printed, never asserted: they depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.parsing import parse
from bot.parsing.text import MAX_CHARS

CORPUS_PATH = Path(__file__).resolve().parents[1] / "tests" / "parsing" / "corpus.yaml"


@dataclass(frozen=True)
class Row:
    """One line of the table: a set of messages and how fast they parse."""

    name: str
    messages: int
    median_us: float
    p99_us: float
    per_second: float


def load_corpus_texts(path: Path = CORPUS_PATH) -> list[str]:
    """The texts of the labelled corpus, in file order."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [entry["text"] for entry in entries]


def long_messages(corpus: Sequence[str]) -> dict[str, str]:
    """4096-character messages: the corpus run together, prose, and adversarial repeats."""
    prose = "The weather was lovely and we walked along the river for a while. "
    return {
        "4096 chars, corpus run together": (" ".join(corpus) * 2)[:MAX_CHARS],
        "4096 chars, prose with one usage": ("I ask 30 questions a day. " + prose * 70)[
            :MAX_CHARS
        ],
        "4096 chars, Korean prose": (
            "하루에 질문 30번 해요. " + "오늘은 날씨가 좋아서 공원에 갔어요. " * 200
        )[:MAX_CHARS],
        "4096 chars, digits": "1" * MAX_CHARS,
        "4096 chars, 'a a a …'": "a " * (MAX_CHARS // 2),
        "4096 chars, 'one one one …'": "one " * (MAX_CHARS // 4),
        "4096 chars, '1-1-1-…'": "1-" * (MAX_CHARS // 2),
    }


def measure(
    name: str, texts: Sequence[str], repeat: int, parse_one: Callable[[str], object]
) -> Row:
    """Parse every text `repeat` times and summarise the time per call."""
    for text in texts:  # warm caches and lazy imports before timing
        parse_one(text)
    samples: list[int] = []
    gc.collect()
    started = time.perf_counter_ns()
    for _ in range(repeat):
        for text in texts:
            before = time.perf_counter_ns()
            parse_one(text)
            samples.append(time.perf_counter_ns() - before)
    elapsed = time.perf_counter_ns() - started
    samples.sort()
    p99 = samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))]
    return Row(
        name=name,
        messages=len(texts),
        median_us=statistics.median(samples) / 1000,
        p99_us=p99 / 1000,
        per_second=len(samples) / (elapsed / 1e9),
    )


def render(rows: Sequence[Row]) -> str:
    """The rows as a fixed-width table."""
    header = f"{'set':36} {'messages':>8} {'median µs':>10} {'p99 µs':>10} {'messages/s':>11}"
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row.name:36} {row.messages:>8} {row.median_us:>10.1f} {row.p99_us:>10.1f}"
            f" {row.per_second:>11,.0f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the table."""
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=50, help="passes over the corpus")
    options = arguments.parse_args(argv)
    corpus = load_corpus_texts()
    rows = [measure("corpus (each message)", corpus, options.repeat, parse)]
    rows += [
        measure(name, [text], max(options.repeat // 2, 5), parse)
        for name, text in long_messages(corpus).items()
    ]
    print(render(rows))


if __name__ == "__main__":
    main()
