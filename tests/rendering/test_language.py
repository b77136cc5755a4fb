"""The reply language: the chat's setting, else the message's, else Telegram's, else English."""

from __future__ import annotations

import pytest

from bot.parsing.models import Language
from bot.rendering.language import choose_language, language_from_code

EN, KO = Language.EN, Language.KO


@pytest.mark.parametrize(
    ("chat_setting", "text", "language_code", "expected"),
    [
        # The chat's explicit setting wins over everything.
        (EN, "하루에 100번", "ko-KR", EN),
        (KO, "100 queries a day", "en-US", KO),
        # Else the message's own language.
        (None, "하루에 100번", "en-US", KO),
        (None, "100 queries a day", "ko-KR", EN),
        (None, "ChatGPT 하루 10번", "en", KO),
        (None, "ㅋㅋㅋ", None, KO),
        # A message without letters has no language: Telegram's language_code decides.
        (None, "100", "ko-KR", KO),
        (None, "100/day", "ko", KO),
        (None, "100/day", "en-US", EN),
        (None, "2.5k / wk", "ko", KO),
        (None, "100/day for a year", "ko", EN),
        (None, "100 / 7", "ko", KO),
        (None, "", "ko-KR", KO),
        (None, None, "ko-KR", KO),
        (None, "   ", "en-GB", EN),
        (None, "🚿🚿", "KO_kr", KO),
        # Unknown or missing language codes fall back to English.
        (None, "100", "ja", EN),
        (None, "100", None, EN),
        (None, None, "", EN),
    ],
)
def test_the_reply_language_is_chosen_in_order(
    chat_setting: Language | None, text: str | None, language_code: str | None, expected: Language
) -> None:
    assert choose_language(chat_setting, text, language_code) is expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ko", KO),
        ("ko-KR", KO),
        ("KO", KO),
        ("ko_KR", KO),
        ("en", EN),
        ("en-US", EN),
        ("en-GB", EN),
        (" en ", EN),
        ("ja", None),
        ("kor", None),
        ("", None),
        (None, None),
    ],
)
def test_telegram_language_codes_map_to_our_languages(
    code: str | None, expected: Language | None
) -> None:
    assert language_from_code(code) is expected
