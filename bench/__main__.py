"""`python -m bench`: measure the bot, print one table and write it as JSON (see --help)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from bench import core, inprocess, process
from bench.corpus import load_messages
from bench.report import REPO, Measure, describe_machine, document, table, write

DEFAULT_OUT = REPO / "bench" / "results" / "latest.json"
SECTIONS = ("core", "inprocess", "process")

# (full, quick): quick is a smoke run of the same code paths, its numbers only indicative.
CORE_BUDGET = (
    core.Budget(seconds=4.0, max_rounds=500, parse_repeat=20),
    core.Budget(seconds=0.5, max_rounds=20, parse_repeat=2),
)
INPROCESS = (
    {"count": 3000, "limited_count": 150, "seconds": 15.0},
    {"count": 300, "limited_count": 60, "seconds": 5.0},
)
PROCESS = (
    process.Plan(
        steady_rate=50,
        steady_count=500,
        burst_limited=300,
        burst_unlimited=2000,
        cold_starts=3,
        slow_burst=100,
    ),
    process.Plan(
        steady_rate=50,
        steady_count=100,
        burst_limited=60,
        burst_unlimited=300,
        cold_starts=1,
        slow_burst=20,
    ),
)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (a few seconds)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"JSON file (default {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--only", choices=SECTIONS, action="append", help="run only this section (repeatable)"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of the table, profile the core and in-process paths and import time",
    )
    return parser.parse_args(argv)


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    messages, source = load_messages()
    if args.profile:
        from bench.profile import profile_all

        profile_all(messages, args.out.parent)
        return 0
    mode = 1 if args.quick else 0
    only = set(args.only or SECTIONS)
    measures: list[Measure] = []
    details: dict[str, Any] = {"corpus": source, "messages": len(messages), "quick": args.quick}
    started = time.perf_counter()
    if "core" in only:
        _progress(f"core pipeline over {len(messages)} messages from {source} …")
        found, details["core"] = core.run(messages, CORE_BUDGET[mode])
        measures += found
    if "inprocess" in only:
        _progress("in-process updates …")
        found, details["inprocess"] = inprocess.run(messages, **INPROCESS[mode])
        measures += found
    if "process" in only:
        _progress("python -m bot against the fake Bot API on 127.0.0.1 …")
        found, details["process"] = process.run(messages, PROCESS[mode])
        measures += found
    details["seconds"] = time.perf_counter() - started

    print(table(measures))
    print()
    print(f"Machine: {describe_machine()}")
    print(f"Corpus: {len(messages)} messages from {source}; each answered in both languages.")
    write(document(measures, details, argv), args.out)
    print(f"Written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
