"""Stream a client request to its upstream and the answer back, both ways without buffering
in memory (a signed-in request's body is spooled first: see `gateway.proxy.spool`)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import yarl
from litestar.types import Message, Receive, Scope, Send
from multidict import CIMultiDict

from gateway.proxy.routes import upstream_for
from gateway.proxy.spool import BodyTooLargeError, ClientGoneError, SpooledBody
from gts_kit.http.identity import EMPTY_BODY_SHA256
from gts_kit.telemetry import context_headers

log = logging.getLogger("gts.gateway.proxy")

HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"te",
        b"trailer",
        b"trailers",
        b"transfer-encoding",
        b"upgrade",
        b"host",
    }
)
# The gateway's own server sets these; the upstream's copies would be duplicates.
SERVER_SET = frozenset({b"date", b"server"})
# Answers up to this size are read whole and sent in one piece; larger ones stream.
BUFFERED_BYTES = 1024 * 1024
# W3C trace context: the gateway's own replaces whatever a client sent.
TRACE_HEADERS = frozenset({b"traceparent", b"tracestate", b"baggage"})
# Identity headers only the gateway may set; a client's copies are always dropped.
IDENTITY_PREFIX = b"x-gts-"

# Given the raw query string and the body's sha256, the signed identity headers.
Vouch = Callable[[str, str], list[tuple[bytes, bytes]]]
# Returns how to vouch for the verified caller (None: anonymous), or raises to refuse.
Identify = Callable[[Scope], Awaitable[Vouch | None]]


class Forwarder:
    """The gateway's reverse proxy, as an ASGI callable.

    Upstream calls go through aiohttp's client, the gateway's only HTTP client library: its
    cost per request is most of what the gateway adds to a request's time.
    """

    def __init__(
        self,
        client: aiohttp.ClientSession,
        upstreams: dict[str, str],
        max_body_bytes: int,
        identify: Identify | None = None,
    ) -> None:
        self.client = client
        self.upstreams = upstreams
        self.max_body_bytes = max_body_bytes
        self.identify = identify

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        service = upstream_for(path)
        if service is None:
            await send_problem(send, scope, 404, "Not found", f"no route for {path}")
            return
        headers = [
            (k.lower(), v)
            for k, v in scope["headers"]
            if k.lower() not in HOP_BY_HOP and not k.lower().startswith(IDENTITY_PREFIX)
        ]
        length = _content_length(headers)
        if length is not None and length > self.max_body_bytes:
            await send_problem(
                send,
                scope,
                413,
                "Payload too large",
                f"body: {length} bytes, the limit is {self.max_body_bytes}",
            )
            return
        vouch = None
        if self.identify is not None:
            try:
                vouch = await self.identify(scope)
            except ProxyRefusal as refusal:
                await send_problem(send, scope, refusal.status, refusal.title, refusal.detail)
                return
        client_host = (scope.get("client") or ("", 0))[0]
        headers.append((b"x-forwarded-for", str(client_host).encode()))
        headers.append((b"x-forwarded-proto", str(scope.get("scheme", "http")).encode()))
        request_id = scope.get("state", {}).get("request_id")
        if request_id:
            headers = [(k, v) for k, v in headers if k != b"x-request-id"]
            headers.append((b"x-request-id", request_id.encode()))
        # the upstream's span is a child of this request's: a client's own trace context
        # never reaches the services
        headers = [(k, v) for k, v in headers if k not in TRACE_HEADERS]
        headers.extend((k.encode(), v.encode()) for k, v in context_headers().items())
        url = self.upstreams[service] + path
        query = scope.get("query_string", b"").decode("latin-1")
        if query:
            url += "?" + query
        method = str(scope.get("method", "GET"))
        has_body = method not in {"GET", "HEAD", "DELETE", "OPTIONS"} or length
        body = _Body(receive, self.max_body_bytes)
        data: Any = body.chunks() if has_body else None
        spooled = None
        if vouch is not None:
            # the signature covers the body's digest: the body must be whole first
            if has_body:
                try:
                    spooled = await SpooledBody.read(receive, self.max_body_bytes)
                except BodyTooLargeError:
                    await send_problem(
                        send, scope, 413, "Payload too large",
                        f"body: over {self.max_body_bytes} bytes",
                    )  # fmt: skip
                    return
                except ClientGoneError:
                    return
                headers = [(k, v) for k, v in headers if k != b"content-length"]
                headers.append((b"content-length", str(spooled.size).encode()))
                data = spooled.payload()
            headers.extend(
                vouch(query, spooled.sha256 if spooled is not None else EMPTY_BODY_SHA256)
            )
        try:
            async with self.client.request(
                method,
                yarl.URL(url, encoded=True),
                headers=CIMultiDict((k.decode("latin-1"), v.decode("latin-1")) for k, v in headers),
                data=data,
                allow_redirects=False,
            ) as response:
                await self._relay(response, send, service)
        except (aiohttp.ClientError, TimeoutError) as exc:
            if body.too_large:
                await send_problem(
                    send, scope, 413, "Payload too large", f"body: over {self.max_body_bytes} bytes"
                )
            elif isinstance(exc, TimeoutError):
                await send_problem(
                    send, scope, 504, "Gateway timeout", f"{service} did not answer in time"
                )
            else:
                log.warning("upstream %s unreachable: %s", service, exc)
                await send_problem(send, scope, 502, "Bad gateway", f"{service} is not reachable")
        finally:
            if spooled is not None:
                spooled.close()

    @staticmethod
    async def _relay(response: aiohttp.ClientResponse, send: Send, service: str) -> None:
        start: Message = {
            "type": "http.response.start",
            "status": response.status,
            "headers": [
                (k, v)
                for k, v in response.raw_headers
                if k.lower() not in HOP_BY_HOP and k.lower() not in SERVER_SET
            ],
        }
        length = response.content_length
        if length is not None and length <= BUFFERED_BYTES:
            # A small answer goes out in one piece; one that breaks off is still a clean 502.
            body = await response.read()
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        await send(start)
        try:
            async for chunk in response.content.iter_any():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        except (aiohttp.ClientError, TimeoutError) as exc:
            # Headers are out already: all we can do is end the body early.
            log.warning("upstream %s broke off mid-response: %s", service, exc)
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def upstream_session(timeout_seconds: float) -> aiohttp.ClientSession:
    """A pooled client to the upstreams (`timeout_seconds`: the most an upstream may stay
    silent mid-answer): no cookies kept (it serves every user), bodies passed through as they
    are (no decompression), and no headers of its own added."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=512, limit_per_host=0, keepalive_timeout=30),
        timeout=aiohttp.ClientTimeout(total=None, connect=3.0, sock_read=timeout_seconds),
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=False,
        skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"),
    )


class ProxyRefusal(Exception):  # noqa: N818 - a refusal is an outcome, not a fault
    """The gateway refuses the request before forwarding it."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


class _Body:
    """The client's request body as chunks, refused past `limit` bytes (`too_large` says so:
    the client library reports a failing body as its own connection error)."""

    def __init__(self, receive: Receive, limit: int) -> None:
        self.receive = receive
        self.limit = limit
        self.too_large = False

    async def chunks(self) -> AsyncIterator[bytes]:
        seen = 0
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            assert isinstance(chunk, bytes)
            seen += len(chunk)
            if seen > self.limit:
                self.too_large = True
                raise aiohttp.ClientPayloadError(f"body: over {self.limit} bytes")
            if chunk:
                yield chunk
            if not message.get("more_body", False):
                return


def _content_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    for key, value in headers:
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def send_problem(send: Send, scope: Scope, status: int, title: str, detail: str) -> None:
    """An RFC 9457 problem+json answer straight from the gateway."""
    body: dict[str, Any] = {
        "type": f"https://gts.example/problems/http-{status}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": scope.get("path", ""),
    }
    request_id = scope.get("state", {}).get("request_id")
    if request_id:
        body["request_id"] = request_id
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload, "more_body": False})
