"""Parser speed: every corpus message parsed many times, plus 4096-character messages.

Run from the repository root: `.venv/bin/python -m bench.parse_bench [--repeat N]`.
Prints one table: messages, median and p99 microseconds per message, messages per second;
then start-up: importing bot.parsing in a fresh interpreter (its dependencies, pydantic and
the usage and factor models, imported first, as the bot has them anyway) and the first two
messages parsed there, which pay for the regexes compiled on first use.
Timings are printed, never asserted: they depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
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


# Run in a fresh interpreter: how long bot.parsing takes to import, and its first two messages.
_STARTUP = """
import json, time
import bot.usage, bot.factors.models, pydantic
started = time.perf_counter()
import bot.parsing
imported = time.perf_counter()
bot.parsing.parse("I ask 30 questions a day")
bot.parsing.parse("하루에 이미지 5장 정도 만들어요")
parsed = time.perf_counter()
print(json.dumps({"import_ms": (imported - started) * 1e3, "first_ms": (parsed - imported) * 1e3}))
"""


def startup(runs: int = 5) -> dict[str, float]:
    """The best of `runs` fresh interpreters: bot.parsing's import and first two parses, in ms."""
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _STARTUP], capture_output=True, text=True, check=True
        )
        results.append(json.loads(done.stdout))
    return {key: min(result[key] for result in results) for key in results[0]}


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
    times = startup()
    print(
        f"\nstart-up (best of 5): import bot.parsing {times['import_ms']:.1f} ms,"
        f" first two messages {times['first_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
