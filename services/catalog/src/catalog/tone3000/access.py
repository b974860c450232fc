"""TONE3000 calls as one GTS user: their token from auth, one retry with a fresh token on 401,
and TONE3000's errors turned into the catalog's problem types."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from catalog.tone3000.tokens import Tone3000ReauthRequiredError, Tone3000Tokens
from gts_kit.errors import (
    BadGatewayError,
    DomainError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitedError,
)
from gts_tone3000 import (
    Tone3000Client,
    Tone3000DownloadTooLargeError,
    Tone3000Error,
    Tone3000RateLimited,
    Tone3000Unauthorized,
    Tone3000UserApi,
)

T = TypeVar("T")


def translate(exc: Tone3000Error) -> DomainError:
    """The problem a TONE3000 failure shows the user."""
    if isinstance(exc, Tone3000RateLimited):
        return RateLimitedError(
            "tone3000: TONE3000 is rate limiting this account; try again shortly",
            retry_after=exc.retry_after,
            code="tone3000_rate_limited",
        )
    if isinstance(exc, Tone3000DownloadTooLargeError):
        return PayloadTooLargeError(exc.reason, code="too_large")
    if isinstance(exc, Tone3000Unauthorized):
        return Tone3000ReauthRequiredError("TONE3000 refused the access token")
    if exc.status == 404:
        return NotFoundError(f"tone3000: {exc.reason}", code="not_found")
    if exc.status == 403:
        # a private tone: to our user it is as absent as a deleted one
        return NotFoundError(
            f"tone3000: this tone is not available ({exc.reason})", code="not_found"
        )
    return BadGatewayError(f"tone3000: {exc.reason}", code="tone3000_error")


class Tone3000Access:
    """Runs TONE3000 data calls for a user (rate-limited per user by the shared client)."""

    def __init__(self, client: Tone3000Client, tokens: Tone3000Tokens) -> None:
        self.client = client
        self._tokens = tokens

    async def call(
        self, user_id: uuid.UUID, action: Callable[[Tone3000UserApi], Awaitable[T]]
    ) -> T:
        """`action` with the user's API; DomainErrors for every TONE3000 failure."""
        try:
            try:
                return await action(await self._api(user_id))
            except Tone3000Unauthorized:
                # the cached token may have been revoked early: ask auth once more
                self._tokens.forget(user_id)
                return await action(await self._api(user_id))
        except Tone3000Error as exc:
            if isinstance(exc, Tone3000Unauthorized):
                self._tokens.forget(user_id)
            raise translate(exc) from exc

    async def _api(self, user_id: uuid.UUID) -> Tone3000UserApi:
        token = await self._tokens.get(user_id)
        return self.client.as_user(token, user_key=str(user_id))
