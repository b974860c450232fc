"""The signed user header: the gateway vouches for the caller, services accept only that.

The gateway verifies the client's access token, then adds `x-gts-user` (the user id),
`x-gts-user-ts` (unix seconds), `x-gts-user-nonce` (random, one per request),
`x-gts-body-sha256` (the sha256 of the body it forwards, lower-case hex) and `x-gts-user-sig`
(HMAC-SHA256, with the secret shared by gateway and services, over all of these and the
method, path and raw query string). A service refuses (401) a request whose header is
missing, forged, replayed on another method, path or query, with another body, older (or
newer) than MAX_AGE_SECONDS, or whose nonce it has seen before.

The body digest must be known when the headers go out, and ASGI servers do not pass request
trailers on, so the gateway spools a signed-in request's body (memory, then a temporary
file, bounded by its body limit) while hashing it, then streams the spool to the service.
The service hashes the body as its handler reads it (`body_digest_middleware`) and fails the
read at the last chunk when the digest differs, so no handler acts on a body the gateway did
not sign (every handler reads its whole body before acting on it).

A visitor who is not signed in but holds the gateway's signed listener cookie (the listening
room's anonymous votes) is vouched for the same way with `x-gts-listener` (the listener id)
in place of `x-gts-user`; its signature covers `listener:<id>`, so one never passes for the
other. A service reads it only where it asks for `maybe_listener_id`.

Nonces are remembered per service replica, in memory, for as long as their timestamp is
accepted: the window is short (30 s) so the cache stays small. A header set replayed to
another replica of the same service within the window is not caught by the nonce; it is
still bound to its method, path, query and body, so it can only repeat the very same request.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import logging
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

from gts_kit.errors import UnauthorizedError

log = logging.getLogger("gts.identity")

USER_HEADER = "x-gts-user"
LISTENER_HEADER = "x-gts-listener"
TIME_HEADER = "x-gts-user-ts"
NONCE_HEADER = "x-gts-user-nonce"
BODY_HEADER = "x-gts-body-sha256"
SIGNATURE_HEADER = "x-gts-user-sig"
MAX_AGE_SECONDS = 30
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()
# Nonces one replica remembers at most (~200 B each): over 6,000 signed requests a second
# for the whole window. Past it the oldest are forgotten early (and a warning logged).
MAX_NONCES = 200_000
_VERIFIED = "gts_identity"  # scope state: this request's identity, once verified
_VERIFIED_LISTENER = "gts_listener"  # and its anonymous listener, once verified
_LISTENER_SUBJECT = "listener:"  # what a listener's signature covers in place of a user id


def _signature(
    secret: str, user_id: str, ts: str, nonce: str, method: str, path: str, query: str, body: str
) -> str:
    message = f"{user_id}\n{ts}\n{nonce}\n{method.upper()}\n{path}\n{query}\n{body}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class SeenNonces:
    """The nonces of identity headers accepted lately, each kept until its timestamp expires."""

    def __init__(self, max_size: int = MAX_NONCES) -> None:
        self._expiry: collections.OrderedDict[str, float] = collections.OrderedDict()
        self._max = max_size

    def first_sight(self, nonce: str, expires: float, now: float) -> bool:
        """Remember `nonce` until `expires`; False when it was seen already."""
        while self._expiry and next(iter(self._expiry.values())) < now:
            self._expiry.popitem(last=False)
        if nonce in self._expiry:
            return False
        if len(self._expiry) >= self._max:
            log.warning("identity nonce cache full: forgetting the oldest early")
            self._expiry.popitem(last=False)
        self._expiry[nonce] = expires
        return True


@dataclass(frozen=True)
class _Vouched:
    """Whom a set of identity headers vouches for: the header that names them, the prefix of
    what the signature covers in place of the bare id, and a header that, when present,
    means the set vouches for someone else."""

    header: str
    subject_prefix: str = ""
    unless: str | None = None

    def sign(
        self,
        secret: str,
        who: uuid.UUID,
        method: str,
        path: str,
        query: str = "",
        body_sha256: str = EMPTY_BODY_SHA256,
        now: float | None = None,
    ) -> list[tuple[bytes, bytes]]:
        """The headers the gateway adds for `who` on this method, path, raw query string
        (without the `?`) and body digest; `now` in unix seconds."""
        ts = str(int(time.time() if now is None else now))
        nonce = secrets.token_urlsafe(18)
        subject = f"{self.subject_prefix}{who}"
        sig = _signature(secret, subject, ts, nonce, method, path, query, body_sha256)
        return [
            (self.header.encode(), str(who).encode()),
            (TIME_HEADER.encode(), ts.encode()),
            (NONCE_HEADER.encode(), nonce.encode()),
            (BODY_HEADER.encode(), body_sha256.encode()),
            (SIGNATURE_HEADER.encode(), sig.encode()),
        ]

    def verify(
        self,
        secret: str,
        headers: dict[str, str],
        method: str,
        path: str,
        query: str = "",
        now: float | None = None,
        seen: SeenNonces | None = None,
    ) -> uuid.UUID | None:
        """The vouched-for id; None when none was sent; UnauthorizedError when forged, stale
        or replayed. The body is checked against `x-gts-body-sha256` as it is read
        (`body_digest_middleware`)."""
        value = headers.get(self.header)
        if value is None or (self.unless is not None and self.unless in headers):
            return None
        subject = f"{self.subject_prefix}{value}"
        return _verified(secret, headers, value, subject, method, path, query, now, seen)


# A signed-in user; and an anonymous listener (a visitor with its signed listener cookie),
# never also a user.
_USER = _Vouched(USER_HEADER)
_LISTENER = _Vouched(LISTENER_HEADER, subject_prefix=_LISTENER_SUBJECT, unless=USER_HEADER)
sign_identity = _USER.sign
sign_listener = _LISTENER.sign
verify_identity = _USER.verify
verify_listener = _LISTENER.verify


def _verified(
    secret: str,
    headers: dict[str, str],
    value: str,
    subject: str,
    method: str,
    path: str,
    query: str,
    now: float | None,
    seen: SeenNonces | None,
) -> uuid.UUID:
    ts, sig = headers.get(TIME_HEADER, ""), headers.get(SIGNATURE_HEADER, "")
    nonce, body = headers.get(NONCE_HEADER, ""), headers.get(BODY_HEADER, "")
    if not secret:
        raise UnauthorizedError("identity header refused: this service has no internal secret")
    expected = _signature(secret, subject, ts, nonce, method, path, query, body)
    if not nonce or not hmac.compare_digest(expected, sig):
        raise UnauthorizedError("identity header refused: bad signature")
    now = time.time() if now is None else now
    try:
        age = abs(now - int(ts))
        found = uuid.UUID(value)
    except ValueError:
        raise UnauthorizedError("identity header refused: malformed") from None
    if age > MAX_AGE_SECONDS:
        raise UnauthorizedError("identity header refused: expired")
    if seen is not None and not seen.first_sight(nonce, int(ts) + MAX_AGE_SECONDS, now):
        raise UnauthorizedError("identity header refused: replayed")
    return found


def body_digest_middleware(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: hash the body of a request that carries `x-gts-body-sha256` as the
    app reads it, and fail the read of its last chunk (401) when the digest differs."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        expected = None
        if str(scope["type"]) == "http":
            expected = dict(scope.get("headers", [])).get(BODY_HEADER.encode())
        if expected is None:
            await app(scope, receive, send)
            return
        digest = hashlib.sha256()
        done = False

        async def checked() -> ReceiveMessage:
            nonlocal done
            message = await receive()
            if done or message["type"] != "http.request":
                return message
            digest.update(message.get("body", b""))
            if not message.get("more_body", False):
                done = True
                if not hmac.compare_digest(digest.hexdigest().encode(), expected):
                    raise UnauthorizedError(
                        "identity header refused: the body is not the one signed"
                    )
            return message

        await app(scope, checked, send)

    return middleware


def _from_request(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    return _checked(request, _VERIFIED, verify_identity)


def _listener_from_request(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    return _checked(request, _VERIFIED_LISTENER, verify_listener)


def _checked(
    request: Request[Any, Any, Any], key: str, verify: Callable[..., uuid.UUID | None]
) -> uuid.UUID | None:
    state = request.scope.setdefault("state", {})
    if key in state:  # a nonce is spent once: several dependencies may ask
        verified: uuid.UUID | None = state[key]
        return verified
    app_state = request.app.state
    seen: SeenNonces | None = app_state.get("identity_nonces")
    if seen is None:
        seen = app_state["identity_nonces"] = SeenNonces()
    found = verify(
        app_state.ctx.settings.internal_secret,
        {k.lower(): v for k, v in request.headers.items()},
        request.method,
        request.url.path,
        request.scope.get("query_string", b"").decode("latin-1"),
        seen=seen,
    )
    state[key] = found
    return found


async def require_user(request: Request[Any, Any, Any]) -> uuid.UUID:
    """Dependency `user_id`: the signed-in caller, or 401 problem+json."""
    user_id = _from_request(request)
    if user_id is None:
        raise UnauthorizedError("sign in required")
    return user_id


async def optional_user(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    """Dependency `maybe_user_id`: the signed-in caller, or None for an anonymous one."""
    return _from_request(request)


async def optional_listener(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    """Dependency `maybe_listener_id`: the anonymous listener the gateway vouches for (a
    visitor with its signed listener cookie), or None."""
    return _listener_from_request(request)
