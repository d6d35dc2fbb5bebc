"""One HTTP GET, as a careful client does it: the only place where the reader uses the network.

Every fetch has a connect timeout, a read timeout, a total deadline that a server trickling
bytes cannot stretch (a watchdog shuts the socket when it passes), and a size cap checked while
the body streams in (compressed and decompressed). Redirects are followed up to a limit, and a
loop is named as one. Every failure is a ``FetchError`` with a one-line message. The
``User-Agent`` says who is asking; ``If-None-Match`` / ``If-Modified-Since`` make a refresh cheap.
``--offline`` (or ``READER_OFFLINE=1``) refuses every fetch before a socket is opened.
"""

from __future__ import annotations

import errno
import http.client
import socket
import ssl
import threading
import time
import zlib
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from reader import __version__
from reader.config import settings
from reader.source import ArticleError

USER_AGENT = f"reader-news/{__version__}"
ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
ACCEPT_FEED = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9"
ACCEPT_ANY = f"{ACCEPT_PAGE},{ACCEPT_FEED}"
CHUNK = 64 * 1024
REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(ArticleError):
    """A link could not be fetched; ``str(error)`` is one line for the user."""


@dataclass(frozen=True, slots=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 15.0  # silence between two reads
    deadline: float = 30.0  # the whole fetch, redirects included
    max_bytes: int = 10 * 1024 * 1024  # body after decompression
    max_redirects: int = 10


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200 (or another 2xx) or 304
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def offline() -> bool:
    return settings().offline


def fetch(
    url: str,
    *,
    accept: str = ACCEPT_ANY,
    etag: str | None = None,
    last_modified: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Response:
    """GET ``url`` and follow redirects; raises ``FetchError`` for every failure."""
    if offline():
        raise FetchError(f"{url}: offline, not fetching")
    started = time.monotonic()
    seen = [url]
    while True:
        response = _get_once(url, accept, etag, last_modified, limits, started)
        location = response.headers.get("location")
        if response.status not in REDIRECTS or not location:
            return _checked(url, response)
        target = urljoin(url, location.strip())
        if target in seen:
            chain = " → ".join([*seen[seen.index(target) :], target])
            raise FetchError(f"{seen[0]}: redirects in a loop ({chain})")
        if len(seen) > limits.max_redirects:
            raise FetchError(f"{seen[0]}: more than {limits.max_redirects} redirects")
        seen.append(target)
        url = target


def _checked(url: str, response: Response) -> Response:
    if response.status == 304 or 200 <= response.status < 300:
        return response
    reason = http.client.responses.get(response.status, "error")
    raise FetchError(f"{url}: HTTP {response.status} {reason}")


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    """A connection for ``url`` (through the proxy that ``https_proxy`` / ``http_proxy`` name,
    unless ``no_proxy`` says otherwise) and the request target to send on it."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) link")
    try:
        port = parts.port
    except ValueError:
        raise FetchError(f"{url}: bad port in the link") from None
    target = parts.path or "/"
    if parts.query:
        target += f"?{parts.query}"
    proxy = _proxy_for(scheme, parts.hostname)
    host, host_port = (parts.hostname, port)
    if proxy is not None:
        host, host_port = proxy.hostname or "", proxy.port or 80
    if scheme == "https":
        context = ssl.create_default_context()
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, host_port, timeout=timeout, context=context
        )
        if proxy:  # a CONNECT tunnel; TLS runs end to end inside it
            connection.set_tunnel(parts.hostname, port)
    else:
        connection = http.client.HTTPConnection(host, host_port, timeout=timeout)
        if proxy:  # a plain-http proxy takes the whole URL as the target
            target = urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return connection, target


def _proxy_for(scheme: str, host: str) -> SplitResult | None:
    from urllib.request import getproxies, proxy_bypass

    address = getproxies().get(scheme)
    if not address or proxy_bypass(host):
        return None
    proxy = urlsplit(address if "://" in address else f"http://{address}")
    return proxy if proxy.hostname else None


def _get_once(
    url: str,
    accept: str,
    etag: str | None,
    last_modified: str | None,
    limits: Limits,
    started: float,
) -> Response:
    left = limits.deadline - (time.monotonic() - started)
    if left <= 0:
        raise FetchError(f"{url}: no answer within {limits.deadline:g} s")
    connection, target = _connection(url, min(limits.connect_timeout, left))
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": accept,
        "Accept-Language": "de,en;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    watchdog = _Watchdog()
    answer: http.client.HTTPResponse | None = None
    try:
        connection.connect()
        assert connection.sock is not None
        connection.sock.settimeout(limits.read_timeout)
        watchdog.start(connection.sock, limits.deadline - (time.monotonic() - started))
        connection.request("GET", target, headers=headers)
        answer = connection.getresponse()
        found = {name.lower(): value for name, value in answer.getheaders()}
        body = b""
        if answer.status not in REDIRECTS and answer.status != 304 and answer.status < 400:
            body = _read_body(url, answer, found, limits)
            if watchdog.fired:  # the shut socket read as the end of the body
                raise TimeoutError
            if answer.length:  # what Content-Length announced and never came
                raise http.client.IncompleteRead(body, answer.length)
        return Response(url, answer.status, found, body)
    except FetchError:
        raise
    except Exception as error:
        if watchdog.fired:
            raise FetchError(
                f"{url}: stopped after {limits.deadline:g} s (the server is too slow)"
            ) from None
        raise FetchError(f"{url}: {describe(error, limits)}") from None
    finally:
        watchdog.cancel()
        if answer is not None:  # it holds the socket when the server said Connection: close
            answer.close()
        connection.close()


def _read_body(
    url: str, answer: http.client.HTTPResponse, headers: dict[str, str], limits: Limits
) -> bytes:
    """The body, decompressed, refused as soon as it passes ``limits.max_bytes``."""
    too_large = FetchError(
        f"{url}: larger than {limits.max_bytes // (1024 * 1024)} MB, stopped reading"
    )
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_large
    encoding = headers.get("content-encoding", "").strip().lower()
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding in ("gzip", "deflate") else None
    parts: list[bytes] = []
    size = 0
    while chunk := answer.read1(CHUNK):
        if inflate is not None:
            chunk = inflate.decompress(chunk, limits.max_bytes - size + 1)
            if inflate.unconsumed_tail:
                raise too_large
        size += len(chunk)
        if size > limits.max_bytes:
            raise too_large
        parts.append(chunk)
    return b"".join(parts)


def describe(error: BaseException, limits: Limits = DEFAULT_LIMITS) -> str:
    """One line for a network error."""
    if isinstance(error, socket.gaierror):
        return "cannot find the server (no network, or a wrong address)"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS certificate not accepted ({error.verify_message or error.reason})"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error})"
    if isinstance(error, TimeoutError | socket.timeout):
        return f"no answer within {limits.read_timeout:g} s"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError | http.client.RemoteDisconnected):
        return "the server closed the connection"
    if isinstance(error, http.client.IncompleteRead):
        return "the server sent less than it announced"
    if isinstance(error, http.client.HTTPException):
        return f"not a valid HTTP answer ({type(error).__name__})"
    if isinstance(error, zlib.error):
        return "the compressed body is damaged"
    if isinstance(error, OSError):
        if error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
            return "no network"
        return error.strerror or str(error)
    return f"{type(error).__name__}: {error}"


class _Watchdog:
    """Shuts a socket down when the deadline passes, so that no read can go on past it."""

    def __init__(self) -> None:
        self.fired = False
        self._timer: threading.Timer | None = None

    def start(self, sock: socket.socket, seconds: float) -> None:
        def fire() -> None:
            self.fired = True
            # The plain socket's shutdown, also for TLS: it only wakes the blocked read.
            with suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

        self._timer = threading.Timer(max(seconds, 0.0), fire)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
