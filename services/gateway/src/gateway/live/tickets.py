"""Short-lived, single-use WebSocket tickets, for clients that cannot send a cookie.

A ticket carries the expiry of the access token it was issued for, so the socket it opens
lasts no longer than that token would.

Single use holds across gateway replicas: redeeming a ticket creates its nonce's key in the
`gateway-ws-tickets` key-value bucket, and JetStream's create fails when the key exists, so
only the first redeem anywhere succeeds. Keys expire with the bucket's TTL (60 s: the
ticket lifetime, and as long again for clock skew between replicas), by which time the
ticket itself has expired everywhere.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import uuid

from nats.js import JetStreamContext, api
from nats.js.errors import BucketNotFoundError, KeyWrongLastSequenceError
from nats.js.kv import KeyValue

from gateway.security.tokens import Session
from gts_contracts.buckets import BUCKETS, WS_TICKETS_BUCKET

TICKET_TTL_SECONDS = 30
TICKETS_BUCKET = next(b for b in BUCKETS if b.name == WS_TICKETS_BUCKET)


async def used_tickets(js: JetStreamContext, replicas: int = 1) -> KeyValue:
    """The bucket of redeemed tickets (provisioning creates it; so does this, when missing)."""
    try:
        return await js.key_value(WS_TICKETS_BUCKET)
    except BucketNotFoundError:
        return await js.create_key_value(
            api.KeyValueConfig(
                bucket=WS_TICKETS_BUCKET,
                history=1,
                ttl=TICKETS_BUCKET.ttl_seconds,
                replicas=replicas,
            )
        )


class TicketBook:
    """Issues tickets signed with the gateway's secret and redeems each at most once, on
    whichever replica (`used` is the shared bucket of redeemed tickets)."""

    def __init__(self, secret: str, used: KeyValue, ttl_seconds: int = TICKET_TTL_SECONDS) -> None:
        self._key = hashlib.sha256(b"gts-ws-ticket:" + secret.encode()).digest()
        self._ttl = ttl_seconds
        self._used = used

    def issue(self, session: Session, now: float | None = None) -> tuple[str, int]:
        """A ticket for the session's user and its lifetime in seconds."""
        expires = int((time.time() if now is None else now) + self._ttl)
        bound = int(session.expires_at)
        body = f"{session.user_id}.{expires}.{bound}.{secrets.token_urlsafe(12)}"
        return f"{_b64(body.encode())}.{_b64(self._sign(body))}", self._ttl

    async def redeem(self, ticket: str, now: float | None = None) -> Session | None:
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
        try:
            await self._used.create(nonce, b"")
        except KeyWrongLastSequenceError:
            return None  # redeemed before, here or on another replica
        return session

    def _sign(self, body: str) -> bytes:
        return hmac.new(self._key, body.encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
