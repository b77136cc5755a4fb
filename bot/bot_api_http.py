"""The Bot API's HTTP on aiohttp: PTB's BaseRequest at a quarter of httpx's CPU per call."""

from __future__ import annotations

import functools
import os
import ssl
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

# HTTPXRequest's defaults, so that switching the client changes no timing the bot relies on.
READ_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
POOL_TIMEOUT = 1.0
# As httpx: a connection idle this long is closed rather than reused.
KEEPALIVE_SECONDS = 5.0
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# The class of BaseRequest.DEFAULT_NONE: "no timeout given for this call, use the default".
_DefaultValue = type(BaseRequest.DEFAULT_NONE)


class AiohttpRequest(BaseRequest):
    """Bot API calls over aiohttp, with HTTPXRequest's timeouts, certificates and proxies.

    httpx spent about 1.1 ms of CPU per sendMessage in the bench, a third of a reply's cost, in
    its connection pool, anyio and h11 layers; aiohttp does the same call in about 0.25 ms.
    Failures are raised as PTB's errors "from" aiohttp's exception, as HTTPXRequest does with
    httpx's: TimedOut for a timeout, NetworkError for anything else.
    """

    def __init__(
        self,
        connection_pool_size: int = 256,
        *,
        read_timeout: float | None = READ_TIMEOUT,
        connect_timeout: float | None = CONNECT_TIMEOUT,
        pool_timeout: float | None = POOL_TIMEOUT,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._default_timeout = _client_timeout(read_timeout, connect_timeout, pool_timeout)
        self._session: aiohttp.ClientSession | None = None
        # The proxy for each scheme and host, looked up in the environment on first use.
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is not None and not self._session.closed:
            return
        connector = aiohttp.TCPConnector(
            limit=self._pool_size,
            keepalive_timeout=KEEPALIVE_SECONDS,
            ssl=_certificates(),
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": self.USER_AGENT},
            timeout=self._default_timeout,
            # Proxies are looked up once per host (see _proxy_for); aiohttp's trust_env would
            # look them and ~/.netrc up again in a worker thread on every call.
            trust_env=False,
        )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        # aiohttp has no write timeout: a call's body is a few kB, taken by the socket at once.
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        try:
            async with self._session.request(
                method,
                url,
                data=_body(request_data),
                headers=None if request_data is None or request_data.contains_files else _FORM,
                timeout=self._timeout(read_timeout, connect_timeout, pool_timeout),
                proxy=self._proxy_for(url),
                # As HTTPXRequest: a redirect is Telegram's answer, not somewhere to go.
                allow_redirects=False,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            # aiohttp's ConnectionTimeoutError (no connection in time: from the pool or a new
            # one) and SocketTimeoutError (no answer in time) are both TimeoutErrors.
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

    def _timeout(self, read: Any, connect: Any, pool: Any) -> aiohttp.ClientTimeout:
        """This call's timeouts: the defaults, unless the caller gave its own (as getUpdates)."""
        if all(isinstance(value, _DefaultValue) for value in (read, connect, pool)):
            return self._default_timeout
        return _client_timeout(
            self._read_timeout if isinstance(read, _DefaultValue) else read,
            self._connect_timeout if isinstance(connect, _DefaultValue) else connect,
            self._pool_timeout if isinstance(pool, _DefaultValue) else pool,
        )

    def _proxy_for(self, url: str) -> str | None:
        """The proxy that httpx would use from HTTP(S)_PROXY, ALL_PROXY and NO_PROXY, if any."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            proxies = getproxies()
            proxy = proxies.get(parts.scheme) or proxies.get("all")
            self._proxies[key] = None if proxy_bypass(key[1]) else proxy
        return self._proxies[key]


@functools.cache
def _certificates() -> ssl.SSLContext | bool:
    """The trust store: the system's, which aiohttp loaded at import (True), else certifi's.

    Reusing aiohttp's context keeps a second copy of the store out of memory (≈ 1 MB) and
    start-up (≈ 30 ms). SSL_CERT_FILE and SSL_CERT_DIR choose the system's store, as for any
    OpenSSL program. A slim image with no CA certificates gets certifi's bundle, as httpx
    would have used.
    """
    return True if _system_store_present() else httpx.create_ssl_context()


def _system_store_present() -> bool:
    # Python reports a default path as None when it does not exist.
    paths = ssl.get_default_verify_paths()
    if paths.cafile:
        return True
    if paths.capath is None:
        return False
    with os.scandir(paths.capath) as entries:
        return any(True for _ in entries)


def _client_timeout(
    read: float | None, connect: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    # aiohttp's `connect` covers waiting for a pooled connection and opening a new one.
    waiting = None if connect is None or pool is None else connect + pool
    return aiohttp.ClientTimeout(total=None, connect=waiting, sock_connect=connect, sock_read=read)


def _body(request_data: RequestData | None) -> bytes | aiohttp.FormData | None:
    """The form PTB's parameters are sent as: URL-encoded, or multipart when there are files."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        return request_data.url_encoded_parameters().encode()
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
