"""`python -m bot ask`: the bot's reply to a message, from the command line, as text or JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.comparison import Range
from bot.factors import Factors, default_factors_path, load_factors_or_exit
from bot.parsing import EquivalenceQuestion, Language, UsageMessage
from bot.pipeline import Answer, answer_text
from bot.rendering import Catalogs, default_locales_path

JsonObject = dict[str, object]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot ask",
        description="Print the reply the bot would send to TEXT (or to each line of stdin).",
    )
    parser.add_argument("--lang", choices=[lang.value for lang in Language], default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object per message")
    parser.add_argument("text", metavar="TEXT", nargs="+", help="the message, or - for stdin")
    return parser


def _range(r: Range) -> JsonObject:
    return {"value": r.value, "low": r.low, "high": r.high}


def answer_json(answer: Answer) -> JsonObject:
    """The machine-readable form of a reply (the fields `ask --json` promises)."""
    result = answer.result
    data: JsonObject = {
        "type": "not_usage" if result.type == "refused" else result.type,
        "language": answer.language.value,
    }
    if isinstance(result, UsageMessage) and answer.comparison is not None:
        comparison = answer.comparison
        data["horizon_days"] = comparison.usage.horizon_days
        data["usages"] = [
            {
                "kind": share.item.kind.value,
                "count": share.item.count,
                "period_days": share.item.period_days,
                "per_day": share.per_day,
                "energy_wh": _range(share.energy_wh),
            }
            for share in comparison.items
        ]
        data["energy_wh"] = _range(comparison.energy_wh)
        data["equivalents"] = {key.value: _range(r) for key, r in comparison.equivalents.items()}
        data["co2_g"] = _range(comparison.co2_g)
        data["water_ml"] = _range(comparison.water_ml)
        data["region"] = comparison.region
    if isinstance(result, EquivalenceQuestion) and answer.equivalence is not None:
        equivalence = answer.equivalence
        data["target"] = equivalence.target.value
        data["answer"] = {
            "kind": equivalence.kind.value,
            "amount": equivalence.amount,
            "count": _range(equivalence.count),
            "days_at_rate": _range(equivalence.days_at_rate) if equivalence.days_at_rate else None,
        }
    if result.type == "refused":
        data["refused"] = result.reason.value
    data["text"] = "\n\n".join(answer.messages)
    return data


def _messages(texts: list[str], stdin: TextIO) -> Iterable[str]:
    if texts == ["-"]:
        for line in stdin:
            yield line.rstrip("\r\n")
    else:
        yield " ".join(texts)


def main(argv: list[str], *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the ask command; exit status 0 for any message, 2 for bad flags."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:
        options = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    factors: Factors = load_factors_or_exit(_factors_path())
    catalogs = Catalogs.load(default_locales_path())
    language = Language(options.lang) if options.lang else None
    try:
        for text in _messages(options.text, stdin):
            answer = answer_text(text, factors=factors, catalogs=catalogs, language=language)
            if options.json:
                print(json.dumps(answer_json(answer), ensure_ascii=False), file=stdout, flush=True)
            else:
                print("\n\n".join(answer.messages), file=stdout, flush=True)
    except BrokenPipeError:
        # The reader left (`ask - | head`): stop quietly, as Unix tools do.
        _silence(stdout)
    return 0


def _silence(stream: TextIO) -> None:
    """Point a closed pipe's file descriptor at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError):
        pass


def _factors_path() -> Path:
    configured = os.environ.get("FACTORS_FILE")
    return Path(configured) if configured else default_factors_path()
