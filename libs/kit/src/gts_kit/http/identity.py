"""The signed user header: the gateway vouches for the caller, services accept only that.

The gateway verifies the client's access token, then adds `x-gts-user` (the user id),
`x-gts-user-ts` (unix seconds) and `x-gts-user-sig` (HMAC-SHA256 with the secret shared by
gateway and services over user, time, method and path). A service refuses a request whose
header is missing, forged, replayed on another path, or older than MAX_AGE_SECONDS.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from typing import Any

from litestar import Request

from gts_kit.errors import UnauthorizedError

USER_HEADER = "x-gts-user"
TIME_HEADER = "x-gts-user-ts"
SIGNATURE_HEADER = "x-gts-user-sig"
MAX_AGE_SECONDS = 60


def _signature(secret: str, user_id: str, ts: str, method: str, path: str) -> str:
    message = f"{user_id}\n{ts}\n{method.upper()}\n{path}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign_identity(
    secret: str, user_id: uuid.UUID, method: str, path: str, now: float | None = None
) -> list[tuple[bytes, bytes]]:
    """The three headers the gateway adds for `user_id` on this method and path."""
    ts = str(int(time.time() if now is None else now))
    sig = _signature(secret, str(user_id), ts, method, path)
    return [
        (USER_HEADER.encode(), str(user_id).encode()),
        (TIME_HEADER.encode(), ts.encode()),
        (SIGNATURE_HEADER.encode(), sig.encode()),
    ]


def verify_identity(
    secret: str,
    headers: dict[str, str],
    method: str,
    path: str,
    now: float | None = None,
) -> uuid.UUID | None:
    """The vouched-for user id; None when no identity was sent; UnauthorizedError when forged."""
    user = headers.get(USER_HEADER)
    if user is None:
        return None
    ts, sig = headers.get(TIME_HEADER, ""), headers.get(SIGNATURE_HEADER, "")
    if not secret:
        raise UnauthorizedError("identity header refused: this service has no internal secret")
    expected = _signature(secret, user, ts, method, path)
    if not hmac.compare_digest(expected, sig):
        raise UnauthorizedError("identity header refused: bad signature")
    try:
        age = abs((time.time() if now is None else now) - int(ts))
        user_id = uuid.UUID(user)
    except ValueError:
        raise UnauthorizedError("identity header refused: malformed") from None
    if age > MAX_AGE_SECONDS:
        raise UnauthorizedError("identity header refused: expired")
    return user_id


def _from_request(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    ctx = request.app.state.ctx
    return verify_identity(
        ctx.settings.internal_secret,
        {k.lower(): v for k, v in request.headers.items()},
        request.method,
        request.url.path,
    )


async def require_user(request: Request[Any, Any, Any]) -> uuid.UUID:
    """Dependency `user_id`: the signed-in caller, or 401 problem+json."""
    user_id = _from_request(request)
    if user_id is None:
        raise UnauthorizedError("sign in required")
    return user_id


async def optional_user(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    """Dependency `maybe_user_id`: the signed-in caller, or None for an anonymous one."""
    return _from_request(request)
