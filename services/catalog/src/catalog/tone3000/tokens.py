"""The user's TONE3000 access token, asked of the auth service over NATS request-reply
(FastStream's request)."""

from __future__ import annotations

import time
import uuid

import nats.errors
from faststream.nats import NatsBroker

from gts_contracts import decode, encode, spec_for
from gts_contracts.auth import (
    GetTone3000TokenV1,
    Tone3000Token,
    Tone3000TokenError,
    Tone3000TokenReplyV1,
)
from gts_kit.errors import UnauthorizedError, UnavailableError

# A cached token is reused only while it has at least this many seconds left.
REUSE_MARGIN_SECONDS = 30.0


class Tone3000ReauthRequiredError(UnauthorizedError):
    """The user's TONE3000 grant is gone: the client must send them through sign-in again."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"tone3000: sign in with TONE3000 again ({reason})", code="tone3000_reauth_required"
        )


class Tone3000Tokens:
    """`await tokens.get(user_id)`: a valid access token, cached until shortly before expiry."""

    def __init__(self, broker: NatsBroker, timeout_seconds: float) -> None:
        self._broker = broker
        self._timeout = timeout_seconds
        self._subject = spec_for(GetTone3000TokenV1).subject
        self._cache: dict[uuid.UUID, Tone3000Token] = {}

    async def get(self, user_id: uuid.UUID) -> str:
        """The access token; Tone3000ReauthRequiredError (401) or UnavailableError (503)."""
        cached = self._cache.get(user_id)
        if (
            cached is not None
            and cached.expires_at.timestamp() - time.time() > REUSE_MARGIN_SECONDS
        ):
            return cached.access_token
        try:
            reply = await self._broker.request(
                encode(GetTone3000TokenV1(user_id=user_id)), self._subject, timeout=self._timeout
            )
        except (TimeoutError, nats.errors.TimeoutError, nats.errors.NoRespondersError) as exc:
            raise UnavailableError(
                "tone3000: the sign-in service did not answer; try again shortly",
                code="tone3000_token_unavailable",
            ) from exc
        result = decode(reply.body, Tone3000TokenReplyV1).result
        if isinstance(result, Tone3000TokenError):
            if result.code == "unavailable":
                raise UnavailableError(
                    f"tone3000: {result.message}", code="tone3000_token_unavailable"
                )
            raise Tone3000ReauthRequiredError(result.message)
        self._cache[user_id] = result
        return result.access_token

    def forget(self, user_id: uuid.UUID) -> None:
        """Drop a cached token TONE3000 refused, so the next `get` asks auth again."""
        self._cache.pop(user_id, None)
