"""The TONE3000 client: OAuth for the auth service, data calls for the catalog."""

from __future__ import annotations

import httpx

from gts_tone3000.clock import Clock, SystemClock
from gts_tone3000.config import Tone3000Config
from gts_tone3000.limiter import SlidingWindowLimiter
from gts_tone3000.oauth import TokenEndpoint
from gts_tone3000.pkce import authorize_url
from gts_tone3000.tokens import TokenSet
from gts_tone3000.transport import Transport
from gts_tone3000.user_api import Tone3000UserApi, user_key_for


class Tone3000Client:
    """TONE3000 API v1 over an injected `httpx.AsyncClient` (created and closed by the caller).

    `limiter` holds each user to 100 requests a minute; share one per process. `clock`
    is injected so tests control time.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        config: Tone3000Config,
        *,
        limiter: SlidingWindowLimiter | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.config = config
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.limiter = limiter if limiter is not None else SlidingWindowLimiter(self.clock)
        self._transport = Transport(http, config, self.clock, self.limiter)
        self._tokens = TokenEndpoint(self._transport, config, self.clock)

    def authorize_url(
        self, redirect_uri: str, state: str, challenge: str, **optional: str | int | None
    ) -> str:
        """Where to send the browser to sign in (see `gts_tone3000.pkce.authorize_url`)."""
        return authorize_url(
            self.config.api_root,
            self.config.client_id,
            redirect_uri,
            state,
            challenge,
            **optional,
        )

    async def exchange_code(self, code: str, verifier: str, redirect_uri: str) -> TokenSet:
        """Trade an authorization code and its PKCE verifier for tokens.

        Raises `Tone3000GrantError` when the code is unknown, used, expired or mismatched.
        """
        return await self._tokens.exchange_code(code, verifier, redirect_uri)

    async def refresh(self, refresh_token: str) -> TokenSet:
        """A new token set; store its refresh token, the one passed in is dead from now on.

        Raises `Tone3000GrantError` when the refresh token is unknown, used or revoked.
        """
        return await self._tokens.refresh(refresh_token)

    def as_user(self, access_token: str, user_key: str | None = None) -> Tone3000UserApi:
        """The data calls with `access_token`; `user_key` (the user's id) keys the rate limit."""
        key = user_key if user_key is not None else user_key_for(access_token)
        return Tone3000UserApi(self._transport, self.config, access_token, key)
