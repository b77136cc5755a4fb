"""Measures with their targets, the table `make bench` prints, and its JSON form."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

REPO = Path(__file__).resolve().parents[1]

Direction = Literal["at_least", "below"]


@dataclass(frozen=True)
class Target:
    """A bound a measure must meet: at least (throughput) or below (latency, memory)."""

    direction: Direction
    bound: float

    def met_by(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        return value >= self.bound if self.direction == "at_least" else value < self.bound


@dataclass(frozen=True)
class Measure:
    """One row of the table."""

    section: str
    name: str
    value: float
    unit: str
    target: Target | None = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.target is None:
            return ""
        return "PASS" if self.target.met_by(self.value) else "MISS"


def at_least(bound: float) -> Target:
    return Target("at_least", bound)


def below(bound: float) -> Target:
    return Target("below", bound)


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), nearest rank: a value that was actually measured."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _number(value: float, unit: str) -> str:
    if not math.isfinite(value):
        return "n/a"
    if unit.endswith("/s"):
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def _target_text(target: Target | None, unit: str) -> str:
    if target is None:
        return ""
    sign = "≥" if target.direction == "at_least" else "<"
    bound = (
        f"{target.bound:,.0f}" if float(target.bound).is_integer() else _number(target.bound, unit)
    )
    return f"{sign} {bound} {unit}"


def table(measures: Sequence[Measure]) -> str:
    """A Markdown table: measure, result, target, PASS/MISS, and a note where one helps."""
    rows = [
        ("Measure", "Result", "Target", "", "Note"),
        ("---", "---:", "---:", "---", "---"),
    ]
    section = None
    for m in measures:
        if m.section != section:
            section = m.section
            rows.append((f"**{section}**", "", "", "", ""))
        rows.append(
            (
                m.name,
                f"{_number(m.value, m.unit)} {m.unit}",
                _target_text(m.target, m.unit),
                m.status,
                m.note,
            )
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def document(
    measures: Sequence[Measure], details: dict[str, Any], argv: Sequence[str]
) -> dict[str, Any]:
    """The JSON written to bench/results/: enough to compare two commits' runs."""
    return {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": " ".join(["python -m bench", *argv]),
        "commit": _git("rev-parse", "HEAD"),
        # Uncommitted changes make a run hard to reproduce: say so.
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "machine": machine(),
        "measures": [
            {**asdict(m), "target": asdict(m.target) if m.target else None, "status": m.status}
            for m in measures
        ],
        "details": details,
    }


def write(document: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def describe_machine() -> str:
    info = machine()
    return (
        f"{info['nproc']} CPUs ({info['usable_cpus']} usable), {info['cpu']}, "
        f"{info['implementation']} {info['python']} on {sys.platform}"
    )
