"""`python -m bot` runs the bot; `python -m bot ask …` answers messages on the command line."""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    """Dispatch on the first argument, importing only what that command needs."""
    if argv[:1] == ["ask"]:
        from bot.ask import main as ask

        return ask(argv[1:])
    from bot.runner import main as run

    return run(argv, os.environ)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
