"""The per-chat flood guard: its counting as a table, and the handlers answering through it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import (
    GROUP_CHAT_ID,
    PRIVATE_CHAT_ID,
    RecordingRequest,
    bot_user,
    buttons,
    has_hangul,
    make_callback_update,
    make_message_update,
    make_sticker_update,
    message,
)
from hardening_support import Clock
from test_process import START_TIMEOUT, base_env, running_bot

from bot.app import KiloApplication
from bot.flood import GROUP_LIMIT, PRIVATE_LIMIT, FloodGuard, Limit, Verdict
from bot.parsing.models import Language
from bot.rendering.commands import MAX_CALLBACK_ANSWER_LENGTH, render_slow_down_buttons
from bot.rendering.i18n import Catalogs

A, W, D = Verdict.ANSWER, Verdict.WARN, Verdict.DROP
PRIVATE, GROUP = 1, -1
SMALL = Limit(messages=2, seconds=10.0)

# (case, messages as (chat, seconds since start), verdicts expected in order); the limit is 2
# messages per 10 s for private chats and groups alike.
_CASES: list[tuple[str, list[tuple[int, float]], list[Verdict]]] = [
    ("within the limit every message is answered", [(PRIVATE, 0), (PRIVATE, 1)], [A, A]),
    (
        "the first message over the limit warns and the rest are dropped",
        [(PRIVATE, 0), (PRIVATE, 0), (PRIVATE, 0), (PRIVATE, 0), (PRIVATE, 0)],
        [A, A, W, D, D],
    ),
    (
        "a new window starts when the last one has run out",
        [(PRIVATE, 0), (PRIVATE, 1), (PRIVATE, 2), (PRIVATE, 10), (PRIVATE, 11), (PRIVATE, 12)],
        [A, A, W, A, A, W],
    ),
    (
        "the window is counted from its first message, not slid along",
        [(PRIVATE, 0), (PRIVATE, 9), (PRIVATE, 10), (PRIVATE, 10)],
        [A, A, A, A],
    ),
    (
        "a chat's flood does not touch another chat",
        [(PRIVATE, 0), (PRIVATE, 0), (PRIVATE, 0), (GROUP, 0), (PRIVATE, 0), (GROUP, 0)],
        [A, A, W, A, D, A],
    ),
    (
        "a long flood is warned once per window",
        [(PRIVATE, 0)] * 50,
        [A, A, W, *[D] * 47],
    ),
]


@pytest.mark.parametrize(
    ("messages", "expected"),
    [(messages, expected) for _, messages, expected in _CASES],
    ids=[case for case, _, _ in _CASES],
)
def test_the_guard_answers_warns_once_then_drops_per_chat_and_window(
    messages: list[tuple[int, float]], expected: list[Verdict]
) -> None:
    guard = FloodGuard(private=SMALL, group=SMALL)

    verdicts = [guard.check(chat, group=chat < 0, now=at) for chat, at in messages]

    assert verdicts == expected


def test_groups_and_private_chats_have_their_own_limits() -> None:
    guard = FloodGuard(private=Limit(1, 10.0), group=Limit(3, 60.0))

    private = [guard.check(PRIVATE, group=False, now=0) for _ in range(3)]
    group = [guard.check(GROUP, group=True, now=30) for _ in range(5)]

    assert private == [A, W, D]
    assert group == [A, A, A, W, D]


def test_the_default_limits_stay_under_telegrams() -> None:
    # Telegram: about 1 message a second per chat with short bursts, 20 a minute per group.
    # Each window sends at most the limit plus the one warning.
    assert GROUP_LIMIT.messages + 1 <= 20 * GROUP_LIMIT.seconds / 60
    assert PRIVATE_LIMIT.messages + 1 <= PRIVATE_LIMIT.seconds


def test_the_guard_remembers_a_bounded_number_of_chats() -> None:
    guard = FloodGuard(private=SMALL, group=SMALL, max_chats=3)

    for chat in range(1, 101):
        guard.check(chat, group=False, now=0)

    assert guard.chats == 3


def test_windows_that_ran_out_are_forgotten() -> None:
    guard = FloodGuard(private=SMALL, group=SMALL)
    for chat in range(1, 6):
        guard.check(chat, group=False, now=0)

    guard.check(99, group=False, now=10)

    assert guard.chats == 1


def test_the_guard_reads_its_own_clock_when_no_time_is_given() -> None:
    clock = Clock()
    guard = FloodGuard(private=SMALL, group=SMALL, clock=clock)

    first = [guard.check(PRIVATE, group=False) for _ in range(3)]
    clock.advance(SMALL.seconds)

    assert first == [A, A, W]
    assert guard.check(PRIVATE, group=False) is A


# Through the handlers, with the default limits.


async def test_a_private_flood_gets_its_answers_then_one_polite_warning(
    app: KiloApplication, api: RecordingRequest
) -> None:
    for _ in range(50):
        await app.process_update(
            make_message_update(app.bot, "하루에 질문 100번", language_code="ko")
        )

    texts = [sent["text"] for sent in api.sent]
    assert len(texts) == PRIVATE_LIMIT.messages + 1
    assert all("kWh" in text for text in texts[:-1])
    warning = texts[-1]
    assert "kWh" not in warning
    # The warning speaks the chat's language.
    assert has_hangul(warning)


async def test_a_flooding_chat_is_answered_again_once_its_window_is_over(
    app: KiloApplication, api: RecordingRequest, clock: Clock
) -> None:
    for _ in range(PRIVATE_LIMIT.messages + 5):
        await app.process_update(make_message_update(app.bot, "100 queries a day"))
    api.clear()

    clock.advance(PRIVATE_LIMIT.seconds)
    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    [answer] = api.sent
    assert "kWh" in answer["text"]


async def test_a_busy_group_gets_its_answers_one_warning_and_other_chats_are_served_meanwhile(
    app: KiloApplication, api: RecordingRequest
) -> None:
    for number in range(40):
        if number == 20:
            await app.process_update(make_message_update(app.bot, "100 queries a day"))
        await app.process_update(
            make_message_update(app.bot, "/energy 100 queries a day", chat_type="group")
        )

    chats = [sent["chat_id"] for sent in api.sent]
    assert chats.count(GROUP_CHAT_ID) == GROUP_LIMIT.messages + 1
    # The private chat's answer came as soon as its message was read, not after the group's.
    assert chats.count(PRIVATE_CHAT_ID) == 1
    assert chats.index(PRIVATE_CHAT_ID) == GROUP_LIMIT.messages + 1


async def test_messages_the_bot_ignores_do_not_count_towards_the_limit(
    app: KiloApplication, api: RecordingRequest
) -> None:
    for _ in range(3 * PRIVATE_LIMIT.messages):
        await app.process_update(make_sticker_update(app.bot))

    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    [answer] = api.sent
    assert "kWh" in answer["text"]


async def test_commands_count_like_any_other_message(
    app: KiloApplication, api: RecordingRequest
) -> None:
    for _ in range(PRIVATE_LIMIT.messages):
        await app.process_update(make_message_update(app.bot, "/help"))

    await app.process_update(make_message_update(app.bot, "/privacy"))
    await app.process_update(make_message_update(app.bot, "/privacy"))

    assert len(api.sent) == PRIVATE_LIMIT.messages + 1
    assert "Privacy" not in api.sent[-1]["text"]


async def test_button_presses_in_a_busy_group_stay_under_its_limit_and_get_a_toast(
    app: KiloApplication, api: RecordingRequest
) -> None:
    await app.process_update(
        make_message_update(app.bot, "/energy 100 queries a day", chat_type="group")
    )
    [answer] = api.sent
    horizons = [button["callback_data"] for button in buttons(answer) if "callback_data" in button]
    shown = message(
        answer["text"], chat_type="group", sender=bot_user(), reply_markup=answer["reply_markup"]
    )

    for press in range(30):
        data = horizons[press % len(horizons)]
        await app.process_update(make_callback_update(app.bot, data, on=shown))
    await app.process_update(make_message_update(app.bot, "100 queries a day"))

    # The /energy answer and the edits share the group's budget, far under Telegram's 20 a
    # minute, so AIORateLimiter never holds a group's edit back while other chats wait.
    edits = api.of("editMessageText")
    assert 1 + len(edits) == GROUP_LIMIT.messages
    toasts = [call.get("text") for call in api.of("answerCallbackQuery")]
    assert len(toasts) == 30
    assert toasts.count(None) == len(edits)
    assert set(toasts) - {None} == {
        "Lots of button presses in this chat right now. Please try again in a minute."
    }
    # The private chat was answered right after.
    assert api.sent[-1]["chat_id"] == PRIVATE_CHAT_ID


def test_the_button_toast_fits_telegrams_limit_in_every_language(catalogs: Catalogs) -> None:
    for language in Language:
        toast = render_slow_down_buttons(catalogs.translator(language))
        assert 0 < len(toast) <= MAX_CALLBACK_ANSWER_LENGTH
    assert has_hangul(render_slow_down_buttons(catalogs.translator(Language.KO)))


def test_the_unlimited_guard_answers_everything() -> None:
    guard = FloodGuard.unlimited()

    verdicts = {guard.check(PRIVATE, group=False, now=0) for _ in range(1000)}

    assert verdicts == {A}


def test_the_terminal_chat_answers_every_piped_line_however_fast(tmp_path: Path) -> None:
    lines = 2 * PRIVATE_LIMIT.messages
    stdin = "".join(f"{number} queries a day\n" for number in range(1, lines + 1)).encode()

    with running_bot(tmp_path, base_env(tmp_path), stdin=stdin) as bot:
        assert bot.process.wait(timeout=START_TIMEOUT) == 0

    assert bot.stdout.count("⚡") == lines
