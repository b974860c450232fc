"""Short-lived, single-use WebSocket tickets, for clients that cannot send a cookie.

A ticket carries the expiry of the access token it was issued for, so the socket it opens
lasts no longer than that token would.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import uuid

from gateway.security.tokens import Session

TICKET_TTL_SECONDS = 30


class TicketBook:
    """Issues tickets signed with the gateway's secret and redeems each at most once."""

    def __init__(self, secret: str, ttl_seconds: int = TICKET_TTL_SECONDS) -> None:
        self._key = hashlib.sha256(b"gts-ws-ticket:" + secret.encode()).digest()
        self._ttl = ttl_seconds
        self._used: dict[str, float] = {}

    def issue(self, session: Session, now: float | None = None) -> tuple[str, int]:
        """A ticket for the session's user and its lifetime in seconds."""
        expires = int((time.time() if now is None else now) + self._ttl)
        bound = int(session.expires_at)
        body = f"{session.user_id}.{expires}.{bound}.{secrets.token_urlsafe(12)}"
        return f"{_b64(body.encode())}.{_b64(self._sign(body))}", self._ttl

    def redeem(self, ticket: str, now: float | None = None) -> Session | None:
        """The session (user, access token expiry) of a valid, unexpired, unused ticket;
        None otherwise."""
        now = time.time() if now is None else now
        try:
            encoded_body, encoded_sig = ticket.split(".", 1)
            body = _unb64(encoded_body).decode()
            if not hmac.compare_digest(_unb64(encoded_sig), self._sign(body)):
                return None
            user, expires, bound, nonce = body.split(".")
            if int(expires) < now:
                return None
            session = Session(uuid.UUID(user), float(int(bound)))
        except ValueError:
            return None
        self._forget_expired(now)
        if nonce in self._used:
            return None
        self._used[nonce] = float(expires)
        return session

    def _sign(self, body: str) -> bytes:
        return hmac.new(self._key, body.encode(), hashlib.sha256).digest()

    def _forget_expired(self, now: float) -> None:
        for nonce in [n for n, exp in self._used.items() if exp < now]:
            del self._used[nonce]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
