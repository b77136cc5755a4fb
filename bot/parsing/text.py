"""Normalising a message for the grammar, and telling Korean from English."""

from __future__ import annotations

import re
import unicodedata

from bot.parsing.models import Language

# Telegram caps a message at 4096 characters; anything longer is not a usage description.
MAX_CHARS = 4096

# Every code point whose Unicode name contains HANGUL (syllables, jamo, compatibility and
# half-width letters, parenthesised and circled letters); a test checks it against unicodedata.
_HANGUL_RE = re.compile(
    "[\u1100-\u11ff\u302e\u302f\u3131-\u318e\u3200-\u321c\u3260-\u327b\u327e"
    "\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
    "\uffa0-\uffbe\uffc2-\uffc7\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc]"
)
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DASHES_RE = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63]")
_WAVES_RE = re.compile("[\u301c\u223c\u2053]")


def detect_language(text: str) -> Language:
    """Korean when the text has any Hangul, English otherwise."""
    if text.isascii():  # most English messages: nothing to search
        return Language.EN
    return Language.KO if _HANGUL_RE.search(text) else Language.EN


def normalize(text: str) -> str:
    """NFKC (full-width digits become ASCII), lower case, plain dashes, no thousands commas."""
    text = text[:MAX_CHARS]
    if text.isascii():
        # NFKC leaves ASCII as it is, and the dashes and waves replaced below are not ASCII.
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text)[:MAX_CHARS].lower()
        text = _DASHES_RE.sub("-", text)
        text = _WAVES_RE.sub("~", text)
    return _THOUSANDS_RE.sub("", text) if "," in text else text
