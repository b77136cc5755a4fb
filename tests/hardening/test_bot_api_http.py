"""AiohttpRequest on real sockets: the wire format, timeouts, proxies, and faults as PTB errors."""

from __future__ import annotations

import asyncio
import socket
import ssl
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from fake_bot_api import PRIVATE_CHAT_ID, FakeBotApi
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot import bot_api_http
from bot.bot_api_http import AiohttpRequest
from bot.network import ResilientRequest

OK = b'{"ok":true,"result":true}'


def request_data(**parameters: object) -> RequestData:
    """Parameters as PTB's Bot methods pass them on."""
    return RequestData([RequestParameter.from_input(k, v) for k, v in parameters.items()])


@dataclass
class Received:
    """One request as it reached the server: its request line, headers and body."""

    line: str
    headers: dict[str, str]
    body: bytes


# What the server does with each request it reads, in order: answer it, or fail.
Action = Callable[[asyncio.StreamWriter], Awaitable[None]]


def answer(body: bytes = OK, status: int = 200) -> Action:
    async def act(writer: asyncio.StreamWriter) -> None:
        head = f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
        writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        await writer.drain()

    return act


async def close(writer: asyncio.StreamWriter) -> None:
    """Close the connection without answering, as a dropped keep-alive connection does."""
    writer.close()


async def reset(writer: asyncio.StreamWriter) -> None:
    """Reset the connection after reading the request: it reached the server, then broke."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def hang(seconds: float) -> Action:
    async def act(writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(seconds)
        await answer()(writer)

    return act


@dataclass
class ScriptedServer:
    """An HTTP/1.1 server on 127.0.0.1 that reads requests and acts as its script says."""

    script: list[Action]
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    port: int = 0

    def url(self, method: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/bot123456:TEST/{method}"

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while self.script and (request := await _read_request(reader)):
                self.received.append(request)
                await self.script.pop(0)(writer)
        finally:
            writer.close()


async def _read_request(reader: asyncio.StreamReader) -> Received | None:
    head = await reader.readuntil(b"\r\n\r\n") if not reader.at_eof() else b""
    if not head:
        return None
    line, *header_lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
    headers = {}
    for header in header_lines:
        name, _, value = header.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Received(line, headers, body)


@pytest.fixture
async def serve() -> AsyncIterator[Callable[..., Awaitable[ScriptedServer]]]:
    servers: list[asyncio.Server] = []

    async def start(*script: Action) -> ScriptedServer:
        scripted = ScriptedServer(list(script))
        server = await asyncio.start_server(scripted.serve, "127.0.0.1", 0)
        scripted.port = server.sockets[0].getsockname()[1]
        servers.append(server)
        return scripted

    yield start
    for server in servers:
        server.close()
        await server.wait_closed()


@pytest.fixture
async def http() -> AsyncIterator[AiohttpRequest]:
    async with AiohttpRequest(read_timeout=1.0, connect_timeout=1.0, pool_timeout=0.2) as request:
        yield request


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing from the developer's shell: each proxy test sets its own."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


# The wire format


async def test_parameters_reach_a_bot_api_as_ptb_sends_them() -> None:
    with FakeBotApi() as api:
        api.send_text("hi")
        async with AiohttpRequest() as request:
            url = f"{api.base_url}{api.token}/sendMessage"
            keyboard = {"inline_keyboard": [[{"text": "연간", "callback_data": "u1|y"}]]}
            data = request_data(
                chat_id=PRIVATE_CHAT_ID, text="⚡ 1 kWh & <b>2</b>", reply_markup=keyboard
            )

            result = await request.post(url, data)

    [call] = api.calls_to("sendMessage")
    assert call.params == {
        "chat_id": PRIVATE_CHAT_ID,
        "text": "⚡ 1 kWh & <b>2</b>",
        "reply_markup": keyboard,
    }
    assert isinstance(result, dict) and result["text"] == "⚡ 1 kWh & <b>2</b>"


async def test_a_call_is_a_form_post_naming_ptb_as_its_user_agent(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    server = await serve(answer())

    await http.post(server.url("setMyCommands"), request_data(language_code="ko"))

    [received] = server.received
    assert received.line == "POST /bot123456:TEST/setMyCommands HTTP/1.1"
    assert received.headers["content-type"] == "application/x-www-form-urlencoded"
    assert received.headers["user-agent"] == BaseRequest.USER_AGENT
    assert received.body == b"language_code=ko"


async def test_files_go_as_multipart_form_data(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    server = await serve(answer())
    document = InputFile(b"%PDF-1.4 bytes", filename="sources.pdf")

    await http.post(server.url("sendDocument"), request_data(chat_id=7, document=document))

    [received] = server.received
    assert received.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'filename="sources.pdf"' in received.body
    assert b"%PDF-1.4 bytes" in received.body
    assert b'name="chat_id"' in received.body


async def test_calls_share_one_keep_alive_connection(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    server = await serve(answer(), answer(), answer())

    for _ in range(3):
        assert await http.post(server.url("getMe")) is True

    assert len(server.received) == 3
    assert server.connections == 1


# Timeouts


async def test_no_answer_within_the_read_timeout_is_timed_out(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    server = await serve(hang(3.0))

    with pytest.raises(TimedOut) as caught:
        await http.post(server.url("sendMessage"))

    assert isinstance(caught.value.__cause__, aiohttp.SocketTimeoutError)


async def test_a_call_may_wait_longer_than_the_default_as_a_long_poll_does(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    server = await serve(hang(1.5))

    assert await http.post(server.url("getUpdates"), read_timeout=3.0) is True


async def test_no_free_connection_in_time_is_timed_out_and_never_sent(
    serve: Callable[..., Awaitable[ScriptedServer]],
) -> None:
    server = await serve(hang(1.0), answer())
    async with AiohttpRequest(1, read_timeout=3.0, connect_timeout=0.2, pool_timeout=0.1) as one:
        slow = asyncio.create_task(one.post(server.url("getMe")))
        await asyncio.sleep(0.1)

        with pytest.raises(TimedOut) as caught:
            await one.post(server.url("sendMessage"))
        await slow

    assert isinstance(caught.value.__cause__, aiohttp.ConnectionTimeoutError)
    assert [received.line.split()[1].rsplit("/", 1)[-1] for received in server.received] == [
        "getMe"
    ]


# Faults, as ResilientRequest sees them


async def test_a_connection_closed_before_any_answer_is_retried(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    server = await serve(close, answer())
    resilient = ResilientRequest(http, retry_delays=(0.0, 0.0))

    assert await resilient.post(server.url("sendMessage")) is True
    assert len(server.received) == 2


async def test_a_refused_connection_is_retried(
    http: AiohttpRequest, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    resilient = ResilientRequest(http, retry_delays=(0.0, 0.0))

    with pytest.raises(NetworkError) as caught:
        await resilient.post(f"http://127.0.0.1:{port}/bot123456:TEST/sendMessage")

    assert isinstance(caught.value.__cause__, aiohttp.ClientConnectorError)
    assert str(caught.value).startswith("aiohttp.ClientConnectorError: ")
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.network"]
    assert len(warnings) == 3
    assert warnings[-1].endswith("gave up after 3 attempts")


async def test_a_connection_reset_after_the_request_arrived_is_not_retried(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    server = await serve(reset, answer())
    resilient = ResilientRequest(http, retry_delays=(0.0, 0.0))

    with pytest.raises(NetworkError) as caught:
        await resilient.post(server.url("sendMessage"))

    assert isinstance(caught.value.__cause__, aiohttp.ClientOSError)
    assert len(server.received) == 1


async def test_a_redirect_is_an_answer_not_somewhere_to_go(
    serve: Callable[..., Awaitable[ScriptedServer]], http: AiohttpRequest
) -> None:
    async def moved(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()

    server = await serve(moved, answer())

    assert await http.do_request(server.url("getMe"), "POST") == (302, b"")
    assert len(server.received) == 1


# Proxies, read from the environment as httpx did


async def test_a_proxy_from_the_environment_carries_the_calls(
    serve: Callable[..., Awaitable[ScriptedServer]],
    http: AiohttpRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proxy = await serve(answer())
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")

    assert await http.post("http://api.telegram.invalid/bot123456:TEST/getMe") is True

    [received] = proxy.received
    assert received.line == "POST http://api.telegram.invalid/bot123456:TEST/getMe HTTP/1.1"


async def test_no_proxy_names_the_hosts_reached_directly(
    serve: Callable[..., Awaitable[ScriptedServer]],
    http: AiohttpRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = await serve(answer())
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:1")
    monkeypatch.setenv("NO_PROXY", "localhost")

    assert await http.post(server.url("getMe", host="localhost")) is True
    assert len(server.received) == 1


# Lifecycle


async def test_a_call_before_initialize_or_after_shutdown_is_refused() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/bot1:x/getMe", "POST")

    await request.initialize()
    await request.initialize()
    await request.shutdown()
    await request.shutdown()

    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/bot1:x/getMe", "POST")


def _trust_store(
    monkeypatch: pytest.MonkeyPatch, cafile: str | None, capath: str | None
) -> ssl.SSLContext | bool:
    """What _certificates chooses on a system whose default store is `cafile` and `capath`."""
    paths = ssl.DefaultVerifyPaths(cafile, capath, "SSL_CERT_FILE", "", "SSL_CERT_DIR", "")  # type: ignore[arg-type]
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: paths)
    bot_api_http._certificates.cache_clear()
    try:
        return bot_api_http._certificates()
    finally:
        bot_api_http._certificates.cache_clear()


def test_a_system_trust_store_is_aiohttps_own_context(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "ca.pem").write_text("a certificate")

    assert _trust_store(monkeypatch, str(tmp_path / "ca.pem"), None) is True
    assert _trust_store(monkeypatch, None, str(tmp_path)) is True


def test_without_system_certificates_certifis_bundle_is_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    context = _trust_store(monkeypatch, None, str(tmp_path))

    assert isinstance(context, ssl.SSLContext)
    assert context.cert_store_stats()["x509_ca"] > 0
    assert context.verify_mode == ssl.CERT_REQUIRED
