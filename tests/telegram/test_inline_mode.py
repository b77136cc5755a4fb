"""Inline mode: "@kilowhat_bot 100 queries a day" in any chat offers the replies to send."""

from __future__ import annotations

from typing import Any

import pytest
from fakes import RecordingRequest, buttons, has_hangul, make_inline_query_update

from bot.app import KiloApplication


def _answer(api: RecordingRequest) -> dict[str, Any]:
    [answer] = api.of("answerInlineQuery")
    return answer


@pytest.mark.parametrize(
    ("query", "language_code", "korean"),
    [
        ("100 queries a day", "en", False),
        ("100 queries a day", "ko", False),
        ("하루에 100번", "en", True),
        ("하루에 100번", None, True),
        ("100", "ko-KR", True),
    ],
)
async def test_a_usage_query_offers_the_short_and_the_detailed_reply(
    app: KiloApplication,
    api: RecordingRequest,
    query: str,
    language_code: str | None,
    korean: bool,
) -> None:
    await app.process_update(make_inline_query_update(app.bot, query, language_code=language_code))

    answer = _answer(api)
    short, detailed = answer["results"]
    assert [short["id"], detailed["id"]] == ["short", "detailed"]
    short_text = short["input_message_content"]["message_text"]
    detailed_text = detailed["input_message_content"]["message_text"]
    assert len(short_text) < len(detailed_text) <= 4096
    assert short["input_message_content"]["parse_mode"] == "HTML"
    assert all(has_hangul(text) is korean for text in (short_text, detailed_text, short["title"]))
    assert short["description"] == query
    assert answer["is_personal"] is True
    assert answer["cache_time"] <= 60
    assert answer["button"]["start_parameter"] == "inline-help"


async def test_shared_replies_carry_their_buttons(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_inline_query_update(app.bot, "100 queries a day"))

    short, detailed = _answer(api)["results"]
    short_labels = [b["text"] for b in buttons(short)]
    assert short_labels == ["Day", "Month", "✓ Year", "More", "Share"]
    assert [b["text"] for b in buttons(detailed)][3] == "Less"
    assert buttons(short)[-1]["switch_inline_query"] == "100 queries a day"


@pytest.mark.parametrize("query", ["", "   ", "asdfgh qwerty", "안녕하세요"])
async def test_an_empty_or_unreadable_query_offers_help(
    app: KiloApplication, api: RecordingRequest, query: str
) -> None:
    await app.process_update(make_inline_query_update(app.bot, query, language_code="en"))

    answer = _answer(api)
    [help_result] = answer["results"]
    assert help_result["id"] == "help"
    assert "@kilowhat_bot" in help_result["input_message_content"]["message_text"]
    assert answer["button"]["text"]
    assert has_hangul(help_result["title"]) is has_hangul(query)


async def test_a_refused_query_offers_the_explanation_only(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_inline_query_update(app.bot, "99999999999999 queries a day"))

    [result] = _answer(api)["results"]
    assert result["id"] == "short"
    assert "kWh" not in result["input_message_content"]["message_text"]


async def test_html_in_an_inline_query_is_escaped(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(make_inline_query_update(app.bot, "<b>hi</b> 100 queries a day"))

    for result in _answer(api)["results"]:
        assert "<b>hi</b>" not in result["input_message_content"]["message_text"]
