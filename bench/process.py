"""`python -m bot` as a process against the fake Bot API on 127.0.0.1: replies, cold start, RSS."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.fixtures import REPO, tests_module
from bench.report import Measure, at_least, below, percentile

START_TIMEOUT = 30.0
EXIT_TIMEOUT = 20.0
POLL_EVERY = 0.02
# The limiter lets about 30 replies a second through; waits allow for that and a margin.
SLOWEST_RATE = 20.0
MARGIN = 15.0
FIRST_CHAT_ID = 6_000_000
# A typical round trip from a server to api.telegram.org; loopback answers in microseconds.
ROUND_TRIP_S = 0.05


def timed_api() -> Any:
    """A FakeBotApi that notes when the first getMe and getUpdates, and each reply, arrive."""
    fake_bot_api = tests_module("fake_bot_api")

    class TimedBotApi(fake_bot_api.FakeBotApi):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.first: dict[str, float] = {}
            self.replied: dict[int, float] = {}

        def start(self) -> Any:
            started = super().start()
            # http.server sends a reply's headers and body separately; with Nagle's algorithm
            # the body waits for the client's delayed ACK (40 ms on Linux), capping the fake API
            # at ~20 replies/s. Telegram's servers set TCP_NODELAY, so this server does too.
            # Only this instance's handler changes: the test suite's server stays as it is.
            handler = self._server.RequestHandlerClass
            self._server.RequestHandlerClass = type(
                "NoDelayHandler", (handler,), {"disable_nagle_algorithm": True}
            )
            return started

        def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
            now = time.perf_counter()
            self.first.setdefault(method, now)
            if method == "sendmessage":
                # One update per chat, so a chat's first reply answers that update.
                self.replied.setdefault(int(params["chat_id"]), now)
            return super()._answer(method, params)  # type: ignore[no-any-return]

    return TimedBotApi()


@dataclass
class BotProcess:
    process: subprocess.Popen[bytes]
    started: float
    stderr_path: Path

    def stderr_tail(self, lines: int = 20) -> str:
        text = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def peak_rss_mb(self) -> float:
        """VmHWM: the most resident memory the bot process has had so far."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """User and system CPU time the bot process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        # utime and stime are fields 14 and 15 of stat(5); fields[0] is field 3, the state.
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def bot_process(api: Any, module: str, data_dir: Path) -> Iterator[BotProcess]:
    """`python -m <module>` polling `api`, stopped with SIGTERM (killed if it hangs)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "NO_PROXY": "127.0.0.1,localhost",
        "DATA_DIR": str(data_dir / "data"),
        **api.env(),
    }
    stderr_path = data_dir / "stderr.txt"
    with stderr_path.open("wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            # As the Procfile and `make run` start the bot: -OO, without docstrings.
            [sys.executable, "-OO", "-m", module],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    running = BotProcess(process, started, stderr_path)
    try:
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=EXIT_TIMEOUT)


def _wait_until(done: Any, timeout: float, bot: BotProcess, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if bot.process.poll() is not None:
            raise RuntimeError(
                f"the bot exited ({bot.process.returncode}) before {what}:\n{bot.stderr_tail()}"
            )
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {what} within {timeout:.0f}s:\n{bot.stderr_tail()}")
        time.sleep(POLL_EVERY)


@dataclass
class Load:
    """Offered updates (chat id → when offered) and the replies' latencies."""

    offered: dict[int, float] = field(default_factory=dict)

    def latencies_ms(self, replied: dict[int, float]) -> list[float]:
        return [(replied[c] - t) * 1000 for c, t in self.offered.items() if c in replied]

    def rate(self, replied: dict[int, float]) -> float:
        """Replies a second, from the first offer to the last reply."""
        arrivals = [replied[c] for c in self.offered if c in replied]
        if not arrivals:
            return 0.0
        return len(arrivals) / (max(arrivals) - min(self.offered.values()))

    def summary(self, replied: dict[int, float]) -> dict[str, float]:
        latencies = self.latencies_ms(replied)
        return {
            "offered": len(self.offered),
            "replied": len(latencies),
            "replies_per_s": self.rate(replied),
            "p50_ms": statistics.median(latencies) if latencies else float("nan"),
            "p99_ms": percentile(latencies, 99),
        }


def _offer(api: Any, messages: list[str], first_chat: int, count: int, rate: float | None) -> Load:
    """Queue `count` messages, each from its own private chat, at `rate` a second (None: now)."""
    load = Load()
    started = time.perf_counter()
    for i in range(count):
        if rate is not None:
            pause = started + i / rate - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        chat_id = first_chat + i
        load.offered[chat_id] = time.perf_counter()
        api.send_text(
            messages[i % len(messages)],
            chat_id=chat_id,
            user_id=chat_id,
            language_code="ko" if i % 2 else "en",
        )
    return load


def _drive(
    messages: list[str],
    module: str,
    *,
    steady_rate: float,
    steady_count: int,
    burst: int,
    slow_burst: int = 0,
) -> dict[str, Any]:
    """Start the bot, offer a steady load, a burst, then a burst against a slower Telegram."""
    with tempfile.TemporaryDirectory(prefix="kilowhat-bench-") as tmp, timed_api() as api:
        with bot_process(api, module, Path(tmp)) as bot:
            _wait_until(lambda: "getupdates" in api.first, START_TIMEOUT, bot, "getUpdates")
            steady = _offer(api, messages, FIRST_CHAT_ID, steady_count, steady_rate)
            _wait_until(
                lambda: all(c in api.replied for c in steady.offered),
                steady_count / SLOWEST_RATE + MARGIN,
                bot,
                "reply to every steady update",
            )
            cpu_before = bot.cpu_seconds()
            burst_load = _offer(api, messages, FIRST_CHAT_ID + steady_count, burst, None)
            _wait_until(
                lambda: all(c in api.replied for c in burst_load.offered),
                burst / SLOWEST_RATE + MARGIN,
                bot,
                "reply to every burst update",
            )
            # The fake API shares the machine's cores: the bot's own CPU per reply tells how
            # fast it could go if the other end cost nothing.
            cpu_ms = (bot.cpu_seconds() - cpu_before) * 1000 / max(1, burst)
            slow = _slow_burst(
                api, bot, messages, FIRST_CHAT_ID + steady_count + burst, slow_burst
            )
            rss = bot.peak_rss_mb()
            cold = api.first["getupdates"] - bot.started
        stderr = bot.stderr_path.read_text(encoding="utf-8", errors="replace")
        return {
            "steady": steady.summary(api.replied),
            "burst": {**burst_load.summary(api.replied), "bot_cpu_ms_per_reply": cpu_ms},
            "slow_burst": slow,
            "peak_rss_mb": rss,
            "cold_start_s": cold,
            "exit_status": bot.process.returncode,
            "tracebacks": stderr.count("Traceback"),
        }


def _slow_burst(
    api: Any, bot: BotProcess, messages: list[str], first_chat: int, count: int
) -> dict[str, float] | None:
    """A burst while every sendMessage takes ROUND_TRIP_S, as it does to Telegram's servers."""
    if not count:
        return None
    api.inject("sendMessage", tests_module("fake_bot_api").Delay(ROUND_TRIP_S), times=None)
    try:
        load = _offer(api, messages, first_chat, count, None)
        _wait_until(
            lambda: all(c in api.replied for c in load.offered),
            count * (ROUND_TRIP_S + 0.05) + MARGIN,
            bot,
            "reply to every update of the slow burst",
        )
    finally:
        api.clear_faults()
    return load.summary(api.replied)


def _cold_start(module: str) -> dict[str, float]:
    with (
        tempfile.TemporaryDirectory(prefix="kilowhat-bench-") as tmp,
        timed_api() as api,
        bot_process(api, module, Path(tmp)) as bot,
    ):
        _wait_until(lambda: "getupdates" in api.first, START_TIMEOUT, bot, "getUpdates")
        return {
            "to_get_me_s": api.first["getme"] - bot.started,
            "to_get_updates_s": api.first["getupdates"] - bot.started,
            "rss_at_first_poll_mb": bot.peak_rss_mb(),
        }


@dataclass(frozen=True)
class Plan:
    steady_rate: float
    steady_count: int
    burst_limited: int
    burst_unlimited: int
    cold_starts: int
    slow_burst: int = 0


SECTION_CONFIGURED = "Process, AIORateLimiter as configured (python -m bot)"
SECTION_UNLIMITED = "Process, limiter off (bench harness, not an app setting)"
SECTION_START = "Start-up"


def _load_measures(
    section: str, run: dict[str, Any], rate: float, note: str, *, limited: bool
) -> list[Measure]:
    steady, burst = run["steady"], run["burst"]
    cpu_ms = burst["bot_cpu_ms_per_reply"]
    # Behind the limiter the bot mostly waits; only without it does CPU bound its speed.
    # A tiny burst (the test's five replies) may measure no CPU at all at the clock's grain.
    cpu_note = (
        "" if limited or cpu_ms <= 0 else f"one bot core could do ≈ {1000 / cpu_ms:,.0f} replies/s"
    )
    return [
        Measure(section, f"Steady {rate:g}/s: replies/s", steady["replies_per_s"], "replies/s"),
        Measure(section, f"Steady {rate:g}/s: p50 offer→reply", steady["p50_ms"], "ms"),
        Measure(section, f"Steady {rate:g}/s: p99 offer→reply", steady["p99_ms"], "ms"),
        Measure(
            section,
            f"Burst of {burst['offered']}: replies/s",
            burst["replies_per_s"],
            "replies/s",
            at_least(500),
            note,
        ),
        Measure(section, f"Burst of {burst['offered']}: p50 offer→reply", burst["p50_ms"], "ms"),
        Measure(section, f"Burst of {burst['offered']}: p99 offer→reply", burst["p99_ms"], "ms"),
        Measure(section, "Burst: bot CPU per reply", cpu_ms, "ms", note=cpu_note),
    ]


def _slow_measures(slow: dict[str, float] | None) -> list[Measure]:
    if slow is None:
        return []
    name = f"Burst of {slow['offered']}, {ROUND_TRIP_S * 1000:g} ms Bot API round trip"
    return [
        Measure(
            SECTION_CONFIGURED,
            f"{name}: replies/s",
            slow["replies_per_s"],
            "replies/s",
            note="chats side by side: the 30 msg/s limiter, not the round trip, sets the pace",
        ),
        Measure(SECTION_CONFIGURED, f"{name}: p50 offer→reply", slow["p50_ms"], "ms"),
    ]


def run(messages: list[str], plan: Plan) -> tuple[list[Measure], dict[str, Any]]:
    # A first start compiles bytecode for changed files; a deployed bot has it already.
    _cold_start("bot")
    starts = [_cold_start("bot") for _ in range(plan.cold_starts)]
    configured = _drive(
        messages,
        "bot",
        steady_rate=plan.steady_rate,
        steady_count=plan.steady_count,
        burst=plan.burst_limited,
        slow_burst=plan.slow_burst,
    )
    unlimited = _drive(
        messages,
        "bench.unlimited_bot",
        steady_rate=plan.steady_rate,
        steady_count=plan.steady_count,
        burst=plan.burst_unlimited,
    )
    cold = statistics.median(s["to_get_updates_s"] for s in starts)
    rss = max(configured["peak_rss_mb"], unlimited["peak_rss_mb"])
    measures = [
        *_load_measures(
            SECTION_CONFIGURED,
            configured,
            plan.steady_rate,
            "AIORateLimiter's 30 msg/s cap",
            limited=True,
        ),
        *_slow_measures(configured["slow_burst"]),
        *_load_measures(SECTION_UNLIMITED, unlimited, plan.steady_rate, "", limited=False),
        Measure(
            SECTION_START,
            "Cold start: process start → first getUpdates",
            cold,
            "s",
            below(1.0),
            f"median of {len(starts)}",
        ),
        Measure(
            SECTION_START,
            "Start → getMe (imports, settings, data)",
            statistics.median(s["to_get_me_s"] for s in starts),
            "s",
        ),
        Measure(SECTION_START, "Peak RSS (VmHWM) after the burst", rss, "MB", below(80)),
        Measure(
            SECTION_START,
            "RSS (VmHWM) at the first getUpdates",
            statistics.median(s["rss_at_first_poll_mb"] for s in starts),
            "MB",
        ),
    ]
    details = {"cold_starts": starts, "configured": configured, "limiter_off": unlimited}
    return measures, details
