"""Anonymous listeners: a visitor who is not signed in may vote in the listening room of an
unlisted or public shootout. The gateway gives them a listener id in a signed cookie
(`POST /api/v1/listener`) and vouches for it to shootouts with `x-gts-listener`, the way it
vouches for a user.

The cookie is `<listener id>.<HMAC-SHA256 of it>` under the internal secret (with its own
label, so it signs nothing else), HttpOnly and SameSite=Strict: another site's page cannot
make a visitor's browser send it, which is its defence against cross-site requests. New ids
are rate-limited per client address, so one client cannot mint voters in bulk.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import uuid
from typing import Any

import msgspec
from litestar import Request, Response, post
from litestar.datastructures import Cookie

from gateway.edge import Edge
from gateway.security.cookies import parse_cookie_header
from gts_kit.errors import RateLimitedError
from gts_kit.service import ServiceContext

LISTENER_COOKIE = "gts_listener"
_LABEL = b"gts-listener-cookie\n"
MAX_AGE_SECONDS = 365 * 24 * 3600


def listener_cookie(secret: str, listener_id: uuid.UUID) -> str:
    """The cookie value that names `listener_id`."""
    return f"{listener_id}.{_mac(secret, str(listener_id))}"


def listener_from_cookie(secret: str, value: str | None) -> uuid.UUID | None:
    """The listener a cookie value names, or None when it is missing, malformed or forged."""
    if not value or not secret:
        return None
    listener, _, mac = value.partition(".")
    if not hmac.compare_digest(_mac(secret, listener), mac):
        return None
    try:
        return uuid.UUID(listener)
    except ValueError:
        return None


def _mac(secret: str, listener: str) -> str:
    return hmac.new(secret.encode(), _LABEL + listener.encode(), hashlib.sha256).hexdigest()


class ListenerIssued(msgspec.Struct, frozen=True, kw_only=True):
    """Whether this answer set a new listener cookie (False: the one sent is still good)."""

    issued: bool


@post("/api/v1/listener", tags=["listening"], status_code=200)
async def issue_listener(request: Request[Any, Any, Any]) -> Response[ListenerIssued]:
    """A signed listener cookie for a visitor who is not signed in, so they can take part in
    the blind listening of unlisted and public shootouts (one vote per listener); the cookie
    they hold already is kept. 429 with Retry-After past the new cookies one client address
    may get."""
    ctx: ServiceContext = request.app.state.ctx
    secret = ctx.settings.internal_secret
    cookies = parse_cookie_header(request.headers.get("cookie", "").encode("latin-1"))
    if listener_from_cookie(secret, cookies.get(LISTENER_COOKIE)) is not None:
        return Response(ListenerIssued(issued=False))
    limiter = ctx.parts.get(Edge).listener_limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.take(client)
    if wait > 0:
        seconds = math.ceil(wait) if math.isfinite(wait) else 3600
        raise RateLimitedError(
            f"too many new listeners from {client}; retry in {seconds} s",
            retry_after=seconds,
            code="listener_rate_limited",
        )
    cookie = Cookie(
        key=LISTENER_COOKIE,
        value=listener_cookie(secret, uuid.uuid4()),
        path="/api/v1",
        httponly=True,
        secure=ctx.settings.public_url.startswith("https://"),
        samesite="strict",
        max_age=MAX_AGE_SECONDS,
    )
    return Response(ListenerIssued(issued=True), cookies=[cookie])
