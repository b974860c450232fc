"""Verifying a GTS access token: EdDSA only, a published `kid`, and iss, aud, exp checked."""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from typing import NamedTuple

import jwt

from gateway.security.jwks import ACCEPTED_ALGORITHM, JwksCache

AUDIENCE = "gts"
# clocks of gateway and auth may differ a little (seconds)
LEEWAY_SECONDS = 10
# How long a verified token is trusted without checking it again, and how many are kept.
CACHE_SECONDS = 60.0
CACHE_ENTRIES = 10_000


class Session(NamedTuple):
    """Who a valid access token proves, and when it expires (`exp`, seconds since the epoch)."""

    user_id: uuid.UUID
    expires_at: float


class TokenRejectedError(Exception):
    """The token is not acceptable; the message says why (safe to show the client)."""


class TokenVerifier:
    """Checks access tokens issued by auth for `issuer`."""

    def __init__(self, jwks: JwksCache, issuer: str) -> None:
        self._jwks = jwks
        self._issuer = issuer.rstrip("/")
        # token -> (session, monotonic deadline): a token verified once is not verified again
        # until it expires or CACHE_SECONDS pass (so a key taken out of the JWKS stops working)
        self._verified: OrderedDict[str, tuple[Session, float]] = OrderedDict()

    async def user_id(self, token: str) -> uuid.UUID:
        """The token's subject; TokenRejectedError for anything but a valid, current token."""
        return (await self.session(token)).user_id

    async def session(self, token: str) -> Session:
        """The token's subject and expiry; TokenRejectedError as for `user_id`."""
        now = time.monotonic()
        known = self._verified.get(token)
        if known is not None and known[1] > now:
            return known[0]
        session = await self._verify(token)
        lifetime = min(CACHE_SECONDS, session.expires_at + LEEWAY_SECONDS - time.time())
        if lifetime > 0:
            self._verified[token] = (session, now + lifetime)
            self._verified.move_to_end(token)
            while len(self._verified) > CACHE_ENTRIES:
                self._verified.popitem(last=False)
        return session

    async def _verify(self, token: str) -> Session:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise TokenRejectedError("access token: malformed") from None
        alg = header.get("alg")
        if alg != ACCEPTED_ALGORITHM:
            raise TokenRejectedError(f"access token: algorithm {alg!r} is not accepted")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise TokenRejectedError("access token: no key id")
        key = await self._jwks.key_for(kid)
        if key is None:
            raise TokenRejectedError(f"access token: unknown key id {kid!r}")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ACCEPTED_ALGORITHM],
                audience=AUDIENCE,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "jti"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenRejectedError("access token: expired") from None
        except jwt.InvalidAudienceError:
            raise TokenRejectedError("access token: wrong audience") from None
        except jwt.InvalidIssuerError:
            raise TokenRejectedError("access token: wrong issuer") from None
        except jwt.InvalidSignatureError:
            raise TokenRejectedError("access token: bad signature") from None
        except jwt.PyJWTError as exc:
            raise TokenRejectedError(f"access token: {exc}") from None
        try:
            return Session(uuid.UUID(str(claims["sub"])), float(claims["exp"]))
        except ValueError:
            raise TokenRejectedError("access token: subject is not a user id") from None
