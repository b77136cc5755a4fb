"""`python -m bench.golden OUT`: everything the core says about many messages, to diff commits.

Speed work must not change a single answer. This writes, one JSON line per message, the parse
result, the Comparison or EquivalenceAnswer and every reply (short and detailed, three horizons,
both languages) for the parser's corpus, long messages and `--generated N` made-up messages
(recombined and mutated corpus text, the same for the same `--seed`). Run it on two commits
and compare the files byte for byte: `cmp before.jsonl after.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.core import load_services
from bench.corpus import load_messages
from bench.parse_bench import long_messages
from bot.factors import Factors
from bot.parsing import Language
from bot.parsing.parser import read_message
from bot.pipeline import answer_text
from bot.rendering import Catalogs

HORIZONS_DAYS = (1.0, 30.0, 3650.0)
# Pieces that reach the parser's corners: model names, ranges, corrections, odd numbers.
EXTRA_WORDS = (
    "5kmand", "70b models", "gpt-4o", "claude 3.5 sonnet", "~", "/day", "/wk", "between", "and",
    "to", "a hundred", "twenty-five", "per", "every", "for", "years", "used to", "now", "but",
    "x", "times", "하루", "매일", "번", "장", "동안", "요즘은", "전에는", "1e308", "10^4", "$5",
    "3.5", "1,000", "-", "—", "\n", "...",
)  # fmt: skip
JOINS = (" ", ", ", "\n", " and ", " but now ", "; ")


def generated(corpus: Sequence[str], count: int, seed: int) -> Iterator[str]:
    """`count` made-up messages: random words, two messages joined, or one message mutated."""
    rng = random.Random(seed)
    words = [word for message in corpus for word in message.split()] + list(EXTRA_WORDS)
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:
            yield " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        elif kind < 0.6:
            yield rng.choice(corpus) + rng.choice(JOINS) + rng.choice(corpus)
        else:
            yield _mutated(rng.choice(corpus).split(), words, rng)


def _mutated(message: list[str], words: list[str], rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        if not message:
            break
        at = rng.randrange(len(message))
        change = rng.random()
        if change < 0.4:
            message[at] = rng.choice(words)
        elif change < 0.7:
            message.insert(at, rng.choice(EXTRA_WORDS))
        else:
            del message[at]
    text = " ".join(message)
    return text.upper() if rng.random() < 0.2 else text


def everything_about(text: str, factors: Factors, catalogs: Catalogs) -> dict[str, Any]:
    """The parse result, what it was compared to, and every reply, as plain JSON values."""
    row: dict[str, Any] = {"text": text, "parse": read_message(text).model_dump(mode="json")}
    for language in Language:
        for detailed in (False, True):
            answer = answer_text(
                text, factors=factors, catalogs=catalogs, language=language, detailed=detailed
            )
            key = f"{language.value}{'_details' if detailed else ''}"
            row[key] = list(answer.messages)
            found = answer.comparison or answer.equivalence
            row[f"{key}_numbers"] = None if found is None else found.model_dump(mode="json")
        for days in HORIZONS_DAYS:
            answer = answer_text(
                text, factors=factors, catalogs=catalogs, language=language, horizon_days=days
            )
            row[f"{language.value}_horizon_{days:g}"] = list(answer.messages)
    return row


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.golden", description=__doc__)
    parser.add_argument("out", type=Path, help="where to write the JSON lines")
    parser.add_argument("--generated", type=int, default=0, help="made-up messages to add")
    parser.add_argument("--seed", type=int, default=1, help="seed for the made-up messages")
    args = parser.parse_args(argv)
    factors, catalogs = load_services()
    corpus, _ = load_messages()
    messages = [
        *corpus,
        *long_messages(corpus).values(),
        *generated(corpus, args.generated, args.seed),
    ]
    with args.out.open("w", encoding="utf-8") as out:
        for text in messages:
            row = everything_about(text, factors, catalogs)
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(messages)} messages written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
