"""`python -m bench.instructions`: the core's instructions per call under callgrind, for A/B runs.

On a shared host, timings of the same code vary by tens of percent from run to run.
valgrind's callgrind counts the instructions the interpreter runs instead, and those don't
depend on what else the machine is doing: with `PYTHONHASHSEED=0` the count repeats to within
a few hundred. Each part runs over the corpus, once with one round and once with three, in
processes of its own. The difference is divided by the calls of two rounds, so start-up and
the first, cache-filling round cancel out. Run it at two commits and compare. It takes about
a minute a part, and needs valgrind (Debian's package).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable

from bench.core import load_services
from bench.corpus import REPO, load_messages
from bot.comparison import compare
from bot.parsing import Language, UsageMessage, parse
from bot.pipeline import answer_text
from bot.rendering import render_comparison

PARTS = ("pipeline", "parse", "compare", "render")
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def calls_of(part: str) -> list[Callable[[], object]]:
    """One round of `part` over the corpus: each message (and each reply) in both languages."""
    factors, catalogs = load_services()
    messages, _ = load_messages()
    cases = [(text, language) for text in messages for language in Language]
    if part == "pipeline":
        return [
            lambda t=text, lang=language: answer_text(
                t, factors=factors, catalogs=catalogs, language=lang
            )
            for text, language in cases
        ]
    if part == "parse":
        return [lambda t=text: parse(t) for text, _ in cases]
    usages = [found.usage for found in map(parse, messages) if isinstance(found, UsageMessage)]
    if part == "compare":
        return [lambda u=usage: compare(u, factors) for usage in usages]
    replies = [
        (compare(usage, factors), catalogs.translator(language))
        for usage in usages
        for language in Language
    ]
    return [
        lambda c=comparison, tr=tr: render_comparison(c, factors, tr) for comparison, tr in replies
    ]


def run_rounds(part: str, rounds: int) -> int:
    """Make `part`'s calls `rounds` times; the number of calls in one round."""
    calls = calls_of(part)
    for _ in range(rounds):
        for call in calls:
            call()
    return len(calls)


def collected(valgrind_output: str) -> int:
    """The instruction count callgrind reports at exit."""
    found = _COLLECTED.search(valgrind_output)
    if found is None:
        raise ValueError("no 'Collected' line in valgrind's output")
    return int(found.group(1))


def _counted(part: str, rounds: int) -> tuple[int, int]:
    """Instructions of a whole process making `rounds` rounds, and the calls in one round."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "bench.instructions",
            "--rounds-only",
            part,
            str(rounds),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")},
    )
    return collected(done.stderr), int(done.stdout.split()[-1])


def per_call(part: str) -> float:
    """Instructions per call of `part`, start-up and the warm-up round taken out."""
    one, calls = _counted(part, 1)
    three, _ = _counted(part, 3)
    return (three - one) / (2 * calls)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__)
    # Checked here, not by choices=: 3.11's argparse refuses an empty "*" list with choices.
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"any of {', '.join(PARTS)}")
    parser.add_argument(
        "--rounds-only", nargs=2, metavar=("PART", "ROUNDS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part {', '.join(unknown)}: choose from {', '.join(PARTS)}")
    if args.rounds_only:
        part, rounds = args.rounds_only
        print(run_rounds(part, int(rounds)))
        return 0
    if shutil.which("valgrind") is None:
        print("bench.instructions needs valgrind (apt install valgrind)", file=sys.stderr)
        return 2
    print("| Part | Instructions per call |\n| --- | ---: |")
    for part in args.parts or PARTS:
        print(f"| {part} | {per_call(part):,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
