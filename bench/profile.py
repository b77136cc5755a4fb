"""`python -m bench --profile`: where the time goes (cProfile, and -X importtime at start-up)."""

from __future__ import annotations

import asyncio
import cProfile
import io
import os
import pstats
import subprocess
import sys
from pathlib import Path

from bench import inprocess
from bench.core import load_services
from bench.fixtures import REPO
from bot.parsing import Language
from bot.pipeline import answer_text

TOP = 30


def _print_stats(profiler: cProfile.Profile, title: str, out: Path) -> None:
    profiler.dump_stats(out)
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer)
        stats.strip_dirs().sort_stats(order).print_stats(TOP)
        print(f"\n=== {title}: top {TOP} by {order} (full profile: {out}) ===")
        # pstats opens with a preamble of blank and summary lines; keep from the summary on.
        print(buffer.getvalue().strip())


def profile_core(messages: list[str], out_dir: Path, rounds: int = 3) -> None:
    factors, catalogs = load_services()
    cases = [(text, language) for text in messages for language in Language]
    for text, language in cases:
        answer_text(text, factors=factors, catalogs=catalogs, language=language)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        for text, language in cases:
            answer_text(text, factors=factors, catalogs=catalogs, language=language)
    profiler.disable()
    _print_stats(profiler, "core pipeline", out_dir / "core.prof")


def profile_inprocess(messages: list[str], out_dir: Path, count: int = 1000) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    asyncio.run(inprocess._run(messages, count, 60.0, limited=False))
    profiler.disable()
    _print_stats(profiler, "in-process updates", out_dir / "inprocess.prof")


def import_times(command: list[str], top: int = 25) -> None:
    """`python -X importtime <command>`: the slowest imports, by cumulative time."""
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = (part.strip() for part in line[12:].split("|"))
        rows.append((int(cumulative_us), int(self_us), name))
    total = sum(self_us for _, self_us, _ in rows)
    shown = " ".join(command)
    print(f"\n=== python -X importtime {shown}: {total / 1000:.0f} ms importing ===")
    print(f"{'cumulative ms':>14} {'self ms':>8}  module")
    for cumulative_us, self_us, name in sorted(rows, reverse=True)[:top]:
        print(f"{cumulative_us / 1000:14.1f} {self_us / 1000:8.1f}  {name}")


def profile_all(messages: list[str], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    profile_core(messages, out_dir)
    profile_inprocess(messages, out_dir)
    import_times(["-m", "bot", "ask", "x"])
    # What `python -m bot` imports before it polls (ask leaves out telegram and the handlers).
    import_times(["-c", "import bot.runner"])
