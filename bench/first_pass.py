"""One pass over the corpus in a fresh process: what a message new to the bot costs.

The core bench replays the corpus, so after its warm-up every reply line the renderer caches
is a hit. Real users mostly send messages the bot has not seen; this pass answers every
message once, in a process that has only parsed them (which compiles the parser's lazily built
patterns but fills no cache of replies), and prints the per-call µs as JSON on stdout.
Run by bench.core in a subprocess; `python -m bench.first_pass` shows the samples.
"""

from __future__ import annotations

import json
import os
import sys
import time

from bench.core import load_services
from bench.corpus import load_messages
from bot.parsing import Language, parse
from bot.pipeline import answer_text


def main() -> int:
    factors, catalogs = load_services()
    messages, _ = load_messages()
    for text in messages:
        parse(text)
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    clock = time.perf_counter_ns
    samples: list[float] = []
    for text in messages:
        for language in Language:
            t0 = clock()
            answer_text(text, factors=factors, catalogs=catalogs, language=language)
            samples.append((clock() - t0) / 1000)
    json.dump(samples, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
