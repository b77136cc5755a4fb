"""`python -m bench.unlimited_bot`: `python -m bot` with AIORateLimiter's limits set to 0.

Benchmark-only: the app has no setting to turn its rate limiter off (Telegram enforces about
30 messages a second anyway), so this harness patches it to measure the bot's own speed.
"""

from __future__ import annotations

import sys

import bot.app
from bench.fixtures import UNLIMITED
from bot.__main__ import main

if __name__ == "__main__":
    # bot.runner imports build_application from bot.app, which looks the name up when called.
    bot.app.AIORateLimiter = UNLIMITED  # type: ignore[misc,assignment]
    sys.exit(main(sys.argv[1:]))
