"""The token endpoint: exchanging a code and refreshing, both form-encoded."""

from __future__ import annotations

from datetime import timedelta

import msgspec

from gts_tone3000.clock import Clock
from gts_tone3000.config import Tone3000Config
from gts_tone3000.errors import Tone3000Error
from gts_tone3000.token_errors import grant_error_in
from gts_tone3000.tokens import TokenSet
from gts_tone3000.transport import Transport, raise_for_status, short_reason


class _TokenAnswer(msgspec.Struct):
    access_token: str
    refresh_token: str
    expires_in: float
    token_type: str = "bearer"
    scope: str | None = None


class TokenEndpoint:
    """`POST {base}/oauth/token` for one registered client."""

    def __init__(self, transport: Transport, config: Tone3000Config, clock: Clock) -> None:
        self._transport = transport
        self._config = config
        self._clock = clock

    async def exchange_code(self, code: str, verifier: str, redirect_uri: str) -> TokenSet:
        """Trade an authorization `code` (with its PKCE `verifier`) for tokens."""
        return await self._grant(
            {
                "grant_type": "authorization_code",
                "code": code,
                "code_verifier": verifier,
                "redirect_uri": redirect_uri,
                "client_id": self._config.client_id,
            }
        )

    async def refresh(self, refresh_token: str) -> TokenSet:
        """Trade a refresh token for a new set; the old refresh token is dead afterwards."""
        return await self._grant(
            {
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": self._config.client_id,
            }
        )

    async def _grant(self, form: dict[str, str]) -> TokenSet:
        sent_at = self._clock.now()
        response = await self._transport.send(
            "POST", f"{self._config.api_root}/oauth/token", form=form
        )
        if response.status_code in (400, 401, 403, 404):
            dead = grant_error_in(response.content)
            if dead is not None:
                raise dead
            raise Tone3000Error(response.status_code, short_reason(response))
        raise_for_status(response)
        try:
            answer = msgspec.json.decode(response.content, type=_TokenAnswer)
        except msgspec.DecodeError as exc:
            raise Tone3000Error(response.status_code, f"token answer unreadable: {exc}") from exc
        return TokenSet(
            access_token=answer.access_token,
            refresh_token=answer.refresh_token,
            # counted from when we asked, so a slow answer errs on the early side
            expires_at=sent_at + timedelta(seconds=answer.expires_in),
            token_type=answer.token_type,
            scope=answer.scope,
        )
