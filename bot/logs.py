"""Process logging: one line per record, quiet HTTP libraries, and secrets redacted everywhere."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

REDACTED = "[redacted]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# httpx logs every request URL at INFO, and PTB's URLs carry the token; they add nothing useful.
_QUIET_LOGGERS = ("httpx", "httpcore")
_TRACEBACK_FORMATTER = logging.Formatter()


class BriefExceptionFilter(logging.Filter):
    """Turns the traceback of an expected kind of exception into a short note on the same line.

    For failures that are facts of life, such as Telegram being slow or down: where the code
    failed says nothing new, and a traceback per fault would bury the log.
    """

    def __init__(self, kinds: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self._kinds = kinds

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is None or not isinstance(error, self._kinds):
            return True
        try:
            message = record.getMessage()
        except Exception:  # Left for RedactingFilter, which logs such a record whole.
            return True
        detail = " ".join(str(error).split())
        record.msg = f"{message} ({type(error).__name__}: {detail})"
        record.args = None
        record.exc_info = None
        record.exc_text = None
        return True


class RedactingFilter(logging.Filter):
    """Replaces every secret in a record's message, arguments, traceback and stack with REDACTED.

    Installed on handlers (not loggers) so it also sees records propagated from child loggers.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        forms: set[str] = set()
        for secret in secrets:
            if secret:
                forms.add(secret)
                # URLs and form bodies carry the percent-encoded form (':' becomes '%3A').
                forms.add(quote(secret, safe=""))
        # Longest first, so a secret that contains another is replaced whole.
        ordered = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def redact(self, text: str) -> str:
        """The text with every secret replaced."""
        if self._pattern is None:
            return text
        return self._pattern.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        if self._pattern is None:
            return True
        # Merge the arguments into the message first: a secret may sit in either.
        try:
            message = record.getMessage()
        except Exception:  # A bad format string must not hide the record, nor leak through.
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info:
            # Format the traceback now and drop exc_info, so no later formatter sees the raw one.
            record.exc_text = _TRACEBACK_FORMATTER.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(
    level: str | int,
    secrets: Iterable[str],
    *,
    stream: TextIO | None = None,
    brief: tuple[type[BaseException], ...] = (),
) -> None:
    """Log to stderr (or `stream`) at `level`, one line per record, with `secrets` redacted.

    Exceptions of the `brief` kinds are noted on their record's line instead of a traceback.
    Replaces any handlers already on the root logger, so call it once, before anything logs.
    """
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    # Brief first, so the redacting filter sees the note it adds.
    handler.addFilter(BriefExceptionFilter(brief))
    handler.addFilter(RedactingFilter(secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    # Warnings go through logging too, so they pass the same filter.
    logging.captureWarnings(True)
