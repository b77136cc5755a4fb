"""`python -m bot` as a real process: polling, webhook and terminal modes, exits, and no leaks."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fake_bot_api import PRIVATE_CHAT_ID, FakeBotApi

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 30.0
REPLY_TIMEOUT = 15.0
EXIT_TIMEOUT = 20.0
WEBHOOK_SECRET = "s3cret"


@dataclass
class BotProcess:
    """A running `python -m bot` with its output going to files (a pipe could fill and block)."""

    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Send `signum` and return the exit status, failing if the bot does not exit in time."""
        self.process.send_signal(signum)
        return self.process.wait(timeout=EXIT_TIMEOUT)


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A clean environment: nothing from the developer's shell (a real token, proxies) leaks in."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "NO_PROXY": "127.0.0.1,localhost",
        "DATA_DIR": str(tmp_path / "data"),
        **extra,
    }


@contextmanager
def running_bot(
    tmp_path: Path, env: Mapping[str, str], *args: str, stdin: bytes | None = None
) -> Iterator[BotProcess]:
    stdout_path, stderr_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        process = subprocess.Popen(
            # As the Procfile and `make run` start it: -OO, without docstrings and asserts.
            [sys.executable, "-OO", "-m", "bot", *args],
            cwd=REPO,
            env=dict(env),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
    try:
        if stdin is not None:
            assert process.stdin is not None
            process.stdin.write(stdin)
            process.stdin.close()
        yield BotProcess(process, stdout_path, stderr_path)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=EXIT_TIMEOUT)


def run_bot(tmp_path: Path, env: Mapping[str, str], *args: str) -> BotProcess:
    """Run `python -m bot` to completion (it must exit by itself)."""
    with running_bot(tmp_path, env, *args) as bot:
        bot.process.wait(timeout=START_TIMEOUT)
        return bot


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


def reply_to(chat_id: int) -> Any:
    return lambda call: call.params.get("chat_id") == chat_id


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def post_update(port: int, path: str, update: dict[str, Any], secret: str | None) -> int:
    """POST an update as Telegram would; retries only while the webhook server is not up yet."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/{path}",
        data=json.dumps(update).encode(),
        headers=headers,
        method="POST",
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(request, timeout=REPLY_TIMEOUT) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.close()
            return error.code
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


# Polling


def test_at_start_up_the_bot_identifies_itself_sets_its_menus_and_polls(
    api: FakeBotApi, tmp_path: Path
) -> None:
    with running_bot(tmp_path, base_env(tmp_path, **api.env())) as bot:
        api.wait_for("getUpdates", timeout=START_TIMEOUT)
        methods = [call.method for call in api.calls]
        assert methods[0] == "getMe"
        for method in ("setMyCommands", "setMyDescription", "setMyShortDescription"):
            assert method in methods
        assert bot.stop() == 0
    poll = api.calls_to("getUpdates")[0]
    # Every update type is asked for, so no kind of update is silently never delivered.
    assert "callback_query" in poll.params["allowed_updates"]
    assert "inline_query" in poll.params["allowed_updates"]


def test_a_private_message_gets_a_reply_in_kwh(api: FakeBotApi, tmp_path: Path) -> None:
    with running_bot(tmp_path, base_env(tmp_path, **api.env())) as bot:
        api.wait_for("getUpdates", timeout=START_TIMEOUT)
        api.send_text("100 queries a day")
        reply = api.wait_for("sendMessage", where=reply_to(PRIVATE_CHAT_ID), timeout=REPLY_TIMEOUT)
        assert "kWh" in reply.params["text"]
        assert bot.stop() == 0


def test_messages_sent_while_the_bot_was_down_are_answered_after_start(
    api: FakeBotApi, tmp_path: Path
) -> None:
    api.send_text("100 queries a day")
    with running_bot(tmp_path, base_env(tmp_path, **api.env())) as bot:
        reply = api.wait_for("sendMessage", timeout=START_TIMEOUT)
        assert "kWh" in reply.params["text"]
        assert bot.stop() == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_ends_the_bot_cleanly_with_status_0(
    api: FakeBotApi, tmp_path: Path, signum: int
) -> None:
    with running_bot(tmp_path, base_env(tmp_path, **api.env())) as bot:
        api.wait_for("getUpdates", timeout=START_TIMEOUT)
        assert bot.stop(signum) == 0
        assert "Traceback" not in bot.stderr
        assert bot.stderr.rstrip().endswith("INFO bot.runner: stopped")


def test_a_language_choice_survives_a_restart(api: FakeBotApi, tmp_path: Path) -> None:
    env = base_env(tmp_path, **api.env())
    with running_bot(tmp_path, env) as bot:
        api.wait_for("getUpdates", timeout=START_TIMEOUT)
        seen = len(api.calls)
        api.send_text("/language")
        keyboard = api.wait_for("sendMessage", after=seen, timeout=REPLY_TIMEOUT)
        korean = next(
            button["callback_data"]
            for row in keyboard.params["reply_markup"]["inline_keyboard"]
            for button in row
            if "한국어" in button["text"]
        )
        api.enqueue_update(
            {
                "callback_query": {
                    "id": "1",
                    "from": {"id": PRIVATE_CHAT_ID, "is_bot": False, "first_name": "Test"},
                    "chat_instance": "1",
                    "data": korean,
                    "message": {
                        "message_id": 99,
                        "date": int(time.time()),
                        "chat": {"id": PRIVATE_CHAT_ID, "type": "private"},
                        "text": "choose",
                    },
                }
            }
        )
        api.wait_for("answerCallbackQuery", timeout=REPLY_TIMEOUT)
        assert bot.stop() == 0
    with running_bot(tmp_path, env) as bot:
        seen = len(api.calls)
        api.wait_for("getUpdates", after=seen, timeout=START_TIMEOUT)
        api.send_text("100 queries a day", language_code="en")
        reply = api.wait_for("sendMessage", after=seen, timeout=REPLY_TIMEOUT)
        assert re.search("[가-힣]", reply.params["text"])
        assert bot.stop() == 0


def test_the_token_appears_nowhere_in_the_output_even_at_debug_level(
    api: FakeBotApi, tmp_path: Path
) -> None:
    env = base_env(tmp_path, **api.env(), LOG_LEVEL="DEBUG")
    with running_bot(tmp_path, env) as bot:
        api.wait_for("getUpdates", timeout=START_TIMEOUT)
        api.send_text("100 queries a day")
        api.wait_for("sendMessage", timeout=REPLY_TIMEOUT)
        assert bot.stop() == 0
    # DEBUG logs every Bot API URL; the redacting filter must have caught each one.
    assert "Set Bot API URL: http://127.0.0.1" in bot.stderr
    assert "[redacted]" in bot.stderr
    for secret in (api.token, api.token.replace(":", "%3A")):
        assert secret not in bot.stderr
        assert secret not in bot.stdout


# Bad set-up


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"PORT": "abc"}, "bad setting PORT: must be a whole number from 1 to 65535, got 'abc'"),
        ({"LOG_LEVEL": "chatty"}, "bad setting LOG_LEVEL: must be one of"),
        ({"TELEGRAM_BOT_TOKEN": "123456:TEST token"}, "bad setting TELEGRAM_BOT_TOKEN:"),
        ({"WEBHOOK_URL": "https://example.invalid/hook"}, "bad setting TELEGRAM_BOT_TOKEN:"),
        ({"FACTORS_FILE": "/nonexistent/factors.yaml"}, "factors file /nonexistent/factors.yaml"),
    ],
)
def test_bad_set_up_exits_2_with_one_line_and_no_traceback(
    tmp_path: Path, extra: dict[str, str], expected: str
) -> None:
    bot = run_bot(tmp_path, base_env(tmp_path, **extra))
    assert bot.process.returncode == 2
    assert bot.stderr.startswith(expected)
    assert bot.stderr.count("\n") == 1
    assert "123456:TEST token" not in bot.stderr
    assert bot.stdout == ""


def test_a_token_telegram_rejects_exits_2_with_a_last_line_naming_the_variable(
    api: FakeBotApi, tmp_path: Path
) -> None:
    rejected = "999:REJECTED"
    bot = run_bot(tmp_path, base_env(tmp_path, **{**api.env(), "TELEGRAM_BOT_TOKEN": rejected}))
    assert bot.process.returncode == 2
    # PTB logs its own traceback first (its message quotes the token, redacted here).
    last = bot.stderr.splitlines()[-1]
    assert last.endswith("rejected TELEGRAM_BOT_TOKEN; check it with @BotFather")
    assert rejected not in bot.stderr


def test_an_unreachable_bot_api_exits_1_with_a_last_line_naming_it(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{free_port()}/bot"
    env = base_env(tmp_path, TELEGRAM_BOT_TOKEN="123456:TEST", TELEGRAM_API_BASE_URL=base)
    bot = run_bot(tmp_path, env)
    assert bot.process.returncode == 1
    assert f"ERROR bot.runner: cannot reach the Bot API at {base}" in bot.stderr.splitlines()[-1]


def test_an_unusable_data_dir_exits_2_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    bot = run_bot(tmp_path, {**base_env(tmp_path), "DATA_DIR": str(blocker)})
    assert bot.process.returncode == 2
    assert bot.stderr.startswith(f"cannot open the chat store {blocker}")
    assert bot.stderr.count("\n") == 1


def test_unknown_arguments_exit_2_with_the_usage(tmp_path: Path) -> None:
    bot = run_bot(tmp_path, base_env(tmp_path), "--bogus")
    assert bot.process.returncode == 2
    assert bot.stderr.startswith("usage: python -m bot")


def test_help_shows_the_usage(tmp_path: Path) -> None:
    bot = run_bot(tmp_path, base_env(tmp_path), "--help")
    assert bot.process.returncode == 0
    assert "TELEGRAM_BOT_TOKEN" in bot.stdout


def test_ask_is_delegated_to_the_ask_command(tmp_path: Path) -> None:
    bot = run_bot(tmp_path, base_env(tmp_path), "ask", "100 queries a day")
    assert bot.process.returncode == 0
    assert "kWh" in bot.stdout


def test_importing_the_process_modules_reads_and_configures_nothing(tmp_path: Path) -> None:
    check = (
        "import logging, bot.runner, bot.terminal, bot.settings, bot.logs, bot.store;"
        "assert not logging.getLogger().handlers, 'logging configured at import';"
        "print('clean')"
    )
    env = base_env(tmp_path, PORT="not read at import")
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=False,
    )
    assert result.stdout == "clean\n", result.stderr
    assert not (tmp_path / "data").exists()


# Webhook


def test_the_webhook_refuses_a_wrong_secret_and_answers_the_right_one(
    api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    env = base_env(
        tmp_path,
        **api.env(),
        WEBHOOK_URL="https://example.invalid/hook",
        WEBHOOK_SECRET=WEBHOOK_SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port),
        LOG_LEVEL="DEBUG",
    )
    with running_bot(tmp_path, env) as bot:
        registered = api.wait_for("setWebhook", timeout=START_TIMEOUT)
        assert registered.params["url"] == "https://example.invalid/hook"
        assert registered.params["secret_token"] == WEBHOOK_SECRET

        update = api.text_update("100 queries a day")
        assert post_update(port, "hook", update, "wrong") == 403
        assert post_update(port, "hook", update, None) == 403
        assert post_update(port, "hook", update, WEBHOOK_SECRET) == 200
        reply = api.wait_for("sendMessage", timeout=REPLY_TIMEOUT)
        assert "kWh" in reply.params["text"]
        # Only the accepted update was answered.
        assert len(api.calls_to("sendMessage")) == 1
        assert bot.stop() == 0
    assert not api.calls_to("getUpdates")
    for secret in (api.token, WEBHOOK_SECRET):
        assert secret not in bot.stderr
        assert secret not in bot.stdout


# Terminal


def terminal_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = base_env(tmp_path, **extra)
    assert "TELEGRAM_BOT_TOKEN" not in env
    return env


def test_without_a_token_the_bot_chats_in_the_terminal(tmp_path: Path) -> None:
    with running_bot(tmp_path, terminal_env(tmp_path), stdin=b"100 queries a day\n") as bot:
        assert bot.process.wait(timeout=START_TIMEOUT) == 0
    assert "TELEGRAM_BOT_TOKEN" in bot.stdout.split("\n\n")[0]
    assert "kWh" in bot.stdout
    assert "<b>" not in bot.stdout
    # Not a terminal: a server without its token must say so in its logs.
    assert "WARNING bot.runner: TELEGRAM_BOT_TOKEN is not set" in bot.stderr
    assert "Traceback" not in bot.stderr


def test_the_terminal_answers_every_line_including_a_last_one_without_newline(
    tmp_path: Path,
) -> None:
    stdin = b"100 queries a day\n\n/help\n10 images a week"
    with running_bot(tmp_path, terminal_env(tmp_path), stdin=stdin) as bot:
        assert bot.process.wait(timeout=START_TIMEOUT) == 0
    assert bot.stdout.count("kWh") >= 1
    assert "/privacy" in bot.stdout
    assert bot.stdout.count("⚡") == 2


def test_the_terminal_user_speaks_the_language_of_their_locale(tmp_path: Path) -> None:
    env = terminal_env(tmp_path, LANG="ko_KR.UTF-8")
    with running_bot(tmp_path, env, stdin=b"/help\n") as bot:
        assert bot.process.wait(timeout=START_TIMEOUT) == 0
    assert re.search("[가-힣]", bot.stdout.split("\n\n", 1)[1])


def test_ctrl_c_ends_an_interactive_terminal_chat_cleanly(tmp_path: Path) -> None:
    # A pseudo-terminal makes stdin a TTY, as in `make run`; Ctrl-C is SIGINT to the process.
    controller, terminal = pty.openpty()
    stderr_path = tmp_path / "stderr.txt"
    with stderr_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-OO", "-m", "bot"],
            cwd=REPO,
            env=terminal_env(tmp_path),
            stdin=terminal,
            stdout=terminal,
            stderr=err,
        )
    os.close(terminal)
    try:
        assert b"> " in read_pty_until(controller, b"> ")
        os.write(controller, b"100 queries a day\n")
        assert b"kWh" in read_pty_until(controller, b"kWh")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=EXIT_TIMEOUT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=EXIT_TIMEOUT)
        os.close(controller)
    stderr = stderr_path.read_text()
    assert "Traceback" not in stderr
    assert "TELEGRAM_BOT_TOKEN is not set" not in stderr


def read_pty_until(fd: int, wanted: bytes) -> bytes:
    """Everything the terminal showed until `wanted` appeared (or the start-up timeout)."""
    seen = b""
    deadline = time.monotonic() + START_TIMEOUT
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # The other side closed: nothing more will come.
                break
    return seen
