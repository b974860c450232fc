"""A per-client-IP token bucket in front of the auth routes (429 with `Retry-After`).

The bucket itself is gts_kit's, shared with the services' per-user upload limits.
"""

from __future__ import annotations

import math

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from gateway.proxy.forward import send_problem
from gts_kit.rate_limit import TokenBucketLimiter

__all__ = ["AuthRateLimit", "TokenBucketLimiter"]


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
