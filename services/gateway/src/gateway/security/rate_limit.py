"""A per-client-IP token bucket in front of the auth routes (429 with `Retry-After`)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from gateway.proxy.forward import send_problem

# forget full buckets when this many clients are tracked
_MAX_TRACKED = 10_000


class TokenBucketLimiter:
    """`capacity` requests at once, refilled at `per_minute` a minute, per key."""

    def __init__(
        self, per_minute: int, capacity: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = per_minute / 60.0
        self._capacity = float(capacity)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        """Spend one request for `key`: 0 when allowed, else seconds until one is."""
        now = self._clock()
        tokens, at = self._buckets.get(key, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - at) * self._rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > _MAX_TRACKED:
                self._forget_full(now)
            return 0.0
        self._buckets[key] = (tokens, now)
        return (1.0 - tokens) / self._rate if self._rate > 0 else math.inf

    def _forget_full(self, now: float) -> None:
        for key, (tokens, at) in list(self._buckets.items()):
            if tokens + (now - at) * self._rate >= self._capacity:
                del self._buckets[key]


class AuthRateLimit:
    """Wraps the forwarder: paths under `prefix` pass only while the client's bucket allows."""

    def __init__(self, inner: ASGIApp, limiter: TokenBucketLimiter, prefix: str = "/auth/") -> None:
        self.inner = inner
        self.limiter = limiter
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if path.startswith(self.prefix) or path == self.prefix.rstrip("/"):
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.limiter.take(str(client))
            if wait > 0:
                await send_problem(
                    _with_header(send, b"retry-after", str(max(1, math.ceil(wait))).encode()),
                    scope, 429, "Too many requests",
                    f"too many sign-in requests from {client}; retry in {math.ceil(wait)} s",
                )  # fmt: skip
                return
        await self.inner(scope, receive, send)


def _with_header(send: Send, name: bytes, value: bytes) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (name, value)]}
        await send(message)

    return wrapped
