"""`python -m bot` through Telegram's faults: 429s, 5xx, timeouts, dropped connections, floods."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_bot_api import (
    GROUP_CHAT_ID,
    PRIVATE_CHAT_ID,
    Call,
    Delay,
    Drop,
    FakeBotApi,
    Fault,
    RetryAfter,
    ServerError,
)
from hardening_support import confirmed
from test_process import START_TIMEOUT, BotProcess, base_env, running_bot

from bot.flood import GROUP_LIMIT, PRIVATE_LIMIT

# PTB's default read timeout is 5 s; a getUpdates long poll (10 s) adds its own wait to it.
SEND_READ_TIMEOUT = 5.0
POLL_READ_TIMEOUT = SEND_READ_TIMEOUT + 10.0
# Generous: a timed-out getUpdates takes POLL_READ_TIMEOUT to notice, then polls again.
FAULT_TIMEOUT = POLL_READ_TIMEOUT + 20.0

_FAULTS: list[tuple[str, str, Fault]] = [
    ("getUpdates 429", "getUpdates", RetryAfter(1)),
    ("getUpdates 500", "getUpdates", ServerError(500)),
    ("getUpdates 502", "getUpdates", ServerError(502, "Bad Gateway")),
    # The delay plus the long poll's own wait for updates outlasts the read timeout.
    ("getUpdates timeout", "getUpdates", Delay(POLL_READ_TIMEOUT - 9)),
    ("getUpdates dropped", "getUpdates", Drop()),
    ("sendMessage 429", "sendMessage", RetryAfter(1)),
    ("sendMessage 500", "sendMessage", ServerError(500)),
    ("sendMessage 502", "sendMessage", ServerError(502, "Bad Gateway")),
    ("sendMessage timeout", "sendMessage", Delay(SEND_READ_TIMEOUT + 1)),
    ("sendMessage dropped", "sendMessage", Drop()),
]


@pytest.fixture
def server() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def sent_to(server: FakeBotApi, chat_id: int) -> list[Call]:
    """The messages that reached the chat (faulted attempts never did)."""
    return [call for call in server.delivered("sendMessage") if call.params["chat_id"] == chat_id]


def log_lines(bot: BotProcess, level: str) -> list[str]:
    return [line for line in bot.stderr.splitlines() if f" {level} " in line]


def polls_after(server: FakeBotApi, index: int) -> bool:
    return any(call.method == "getUpdates" for call in server.calls[index + 1 :])


@pytest.mark.parametrize(
    ("method", "fault"), [case[1:] for case in _FAULTS], ids=[case[0] for case in _FAULTS]
)
def test_after_a_fault_the_bot_keeps_running_answers_each_update_once_and_warns_in_one_line(
    server: FakeBotApi, tmp_path: Path, method: str, fault: Fault
) -> None:
    # One chat per update, so "answered once" is one message in each chat.
    first, second = PRIVATE_CHAT_ID + 1, PRIVATE_CHAT_ID + 2
    with running_bot(tmp_path, base_env(tmp_path, **server.env())) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        server.inject(method, fault)

        server.send_text("100 queries a day", chat_id=first, user_id=first)
        server.wait_until(lambda: len(sent_to(server, first)) == 1, timeout=FAULT_TIMEOUT)
        # A getUpdates fault hits the poll after the first answer: wait until it has passed.
        faulted = server.wait_for(method, where=lambda call: call.fault is not None)
        if method == "getUpdates":
            index = server.calls.index(faulted)
            server.wait_until(lambda: polls_after(server, index), timeout=FAULT_TIMEOUT)

        server.send_text("5 images a week", chat_id=second, user_id=second)
        server.wait_until(lambda: len(sent_to(server, second)) == 1, timeout=FAULT_TIMEOUT)
        assert bot.stop() == 0

    assert len(sent_to(server, first)) == 1
    assert len(sent_to(server, second)) == 1
    assert "kWh" in sent_to(server, first)[0].params["text"]
    assert "Traceback" not in bot.stderr
    assert log_lines(bot, "ERROR") == []
    [warning] = log_lines(bot, "WARNING")
    assert f"WARNING bot.network: Bot API {method} failed: " in warning


def test_a_timed_out_send_is_not_repeated_and_no_apology_follows_it(
    server: FakeBotApi, tmp_path: Path
) -> None:
    with running_bot(tmp_path, base_env(tmp_path, **server.env())) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        server.inject("sendMessage", Delay(SEND_READ_TIMEOUT + 1))
        server.send_text("100 queries a day")
        server.wait_until(lambda: bool(sent_to(server, PRIVATE_CHAT_ID)), timeout=FAULT_TIMEOUT)
        # The bot has given up on the call by now; anything more it sends comes right after.
        server.wait_until(
            lambda: "WARNING bot.network: Bot API sendMessage failed" in bot.stderr,
            timeout=FAULT_TIMEOUT,
        )
        assert bot.stop() == 0

    # The late answer is the only message: no second copy, and no "sorry" contradicting it.
    [answer] = server.calls_to("sendMessage")
    assert "kWh" in answer.params["text"]


def test_a_429_on_every_try_gives_up_on_that_reply_in_bounded_time_and_serves_the_next(
    server: FakeBotApi, tmp_path: Path
) -> None:
    with running_bot(tmp_path, base_env(tmp_path, **server.env())) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        # AIORateLimiter tries 1 + MAX_RETRIES (3) times.
        server.inject("sendMessage", RetryAfter(1), times=4)
        server.send_text("100 queries a day")
        server.wait_until(lambda: len(server.calls_to("sendMessage")) == 4, timeout=FAULT_TIMEOUT)
        other = PRIVATE_CHAT_ID + 1
        server.send_text("100 queries a day", chat_id=other, user_id=other)
        server.wait_until(lambda: len(sent_to(server, other)) == 1, timeout=FAULT_TIMEOUT)
        assert bot.stop() == 0

    assert sent_to(server, PRIVATE_CHAT_ID) == []
    assert "Traceback" not in bot.stderr
    warnings = log_lines(bot, "WARNING")
    assert len([line for line in warnings if "Bot API sendMessage failed: 429" in line]) == 4
    # PTB's own "gave up" report is one line too, not a traceback.
    assert all("\n" not in line for line in log_lines(bot, "ERROR"))


# Floods


def most_in_any_window(calls: list[Call], seconds: float) -> int:
    """The largest number of calls that arrived within any `seconds`-long window."""
    times = sorted(call.at for call in calls)
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= seconds:
            start += 1
        most = max(most, end - start + 1)
    return most


def test_floods_stay_within_telegrams_limits_are_warned_once_and_other_chats_are_served(
    server: FakeBotApi, tmp_path: Path
) -> None:
    flooder, bystander, group_bystander = PRIVATE_CHAT_ID, PRIVATE_CHAT_ID + 1, PRIVATE_CHAT_ID + 2
    with running_bot(tmp_path, base_env(tmp_path, **server.env())) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        # One user sends 50 messages in about 2 seconds; someone else writes in the middle.
        for number in range(50):
            if number == 25:
                server.send_text("5 images a week", chat_id=bystander, user_id=bystander)
            server.send_text(f"{number + 1} queries a day", chat_id=flooder, user_id=flooder)
            time.sleep(0.04)
        # Then a busy group: 40 /energy commands, and again someone else in the middle.
        for number in range(40):
            if number == 20:
                server.send_text("/help", chat_id=group_bystander, user_id=group_bystander)
            server.send_text("/energy 100 queries a day", chat_id=GROUP_CHAT_ID)
        last = server.send_text("/help", chat_id=bystander, user_id=bystander)["update_id"]
        # Every update fetched (the offset confirms them), so stopping processes them all.
        server.wait_until(lambda: confirmed(server, last), timeout=FAULT_TIMEOUT)
        server.wait_until(lambda: len(sent_to(server, bystander)) == 2, timeout=FAULT_TIMEOUT)
        assert bot.stop() == 0

    sent = server.delivered("sendMessage")
    chats = [call.params["chat_id"] for call in sent]
    # Each chat is answered as many times as the guard allows, plus one warning.
    assert chats.count(flooder) == PRIVATE_LIMIT.messages + 1
    assert chats.count(GROUP_CHAT_ID) == GROUP_LIMIT.messages + 1
    assert chats.count(group_bystander) == 1
    assert chats.count(bystander) == 2
    # Others are served during the floods, not after them: the bystander's first answer comes
    # before the group's flood is over. (The group bystander writes after the group's answers
    # have run out, often in the batch of updates that holds the bystander's last message: those
    # two are handled side by side, so either may be answered first.)
    assert chats.index(bystander) < len(chats) - 1 - chats[::-1].index(GROUP_CHAT_ID)
    # Chats run side by side, but each chat's own answers keep the order of its messages.
    counts = [
        int(m)
        for call in sent_to(server, flooder)
        for m in re.findall(r"Read as: (\d+)", call.params["text"])
    ]
    assert counts == sorted(counts)
    assert len(counts) == PRIVATE_LIMIT.messages
    flooded, grouped = sent_to(server, flooder), sent_to(server, GROUP_CHAT_ID)
    assert "kWh" not in flooded[-1].params["text"]
    assert "kWh" not in grouped[-1].params["text"]
    # Telegram's limits, read from when the calls reached the server: 20 a minute per group,
    # 30 a second overall, and a private chat's burst bounded by the guard.
    assert most_in_any_window(grouped, 60.0) <= 20
    assert most_in_any_window(sent, 1.0) <= 30
    assert most_in_any_window(flooded, PRIVATE_LIMIT.seconds) <= PRIVATE_LIMIT.messages + 1
    assert "Traceback" not in bot.stderr
    assert log_lines(bot, "WARNING") == []


# Secrets


# A token whose parts appear nowhere else in the output, so a leak of either part shows.
SECRET_TOKEN = "987654:Zq7-secret_TOKEN"


def test_the_token_is_in_no_log_line_at_debug_level_even_through_faults(tmp_path: Path) -> None:
    with FakeBotApi(SECRET_TOKEN) as server:
        bot = run_through_faults(server, tmp_path)

    output = bot.stderr + bot.stdout
    # The run did log requests, faults and errors at every level, with the token redacted.
    assert "[redacted]" in output
    assert re.search(r" WARNING bot\.network: Bot API (getUpdates|sendMessage) failed", output)
    for secret in (SECRET_TOKEN, SECRET_TOKEN.replace(":", "%3A"), SECRET_TOKEN.split(":")[1]):
        assert secret not in output


def run_through_faults(server: FakeBotApi, tmp_path: Path) -> BotProcess:
    env = base_env(tmp_path, **server.env(), LOG_LEVEL="DEBUG")
    with running_bot(tmp_path, env) as bot:
        server.wait_for("getUpdates", timeout=START_TIMEOUT)
        for fault in (RetryAfter(1), ServerError(500), Drop()):
            server.inject("getUpdates", fault)
            server.inject("sendMessage", fault)
        server.inject("sendMessage", Delay(SEND_READ_TIMEOUT + 1))
        for chat in range(PRIVATE_CHAT_ID, PRIVATE_CHAT_ID + 5):
            server.send_text("100 queries a day", chat_id=chat, user_id=chat)
            server.wait_until(lambda chat=chat: bool(sent_to(server, chat)), timeout=FAULT_TIMEOUT)
        assert bot.stop(signal.SIGINT) == 0
    return bot
