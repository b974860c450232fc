"""Hands out a valid TONE3000 access token per user, refreshing single-flight when it is due.

Within a process an asyncio lock per user lets one refresh run; across replicas the grant
row is locked (`SELECT ... FOR UPDATE`) for the refresh, and whoever waited re-reads the row
and finds it fresh. TONE3000 rotates refresh tokens, so every new one is stored at once.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from auth.db.tables import users
from auth.domain.grants import StoredGrant, load_grant, revoke_grant, store_grant
from auth.domain.secrets import utcnow
from auth.keys.grant_cipher import GrantCipher, GrantCipherError
from gts_contracts import Tone3000TokenErrorCode
from gts_tone3000 import Tone3000Client, Tone3000Error, Tone3000GrantError

log = logging.getLogger("gts.auth.tone3000")


class TokenRefusal(Exception):  # noqa: N818 - a typed answer, not a fault
    """No token for this user: `code` tells the caller what to do."""

    def __init__(self, code: Tone3000TokenErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: Tone3000TokenErrorCode = code
        self.message = message


@dataclass(frozen=True)
class ValidToken:
    """An access token that lives at least until `expires_at`."""

    access_token: str
    expires_at: datetime

    def __repr__(self) -> str:
        return f"ValidToken(expires_at={self.expires_at.isoformat()})"


class TokenKeeper:
    """`valid_token(user_id)` for the request-reply responder (and anything else in auth)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        cipher: GrantCipher,
        client: Tone3000Client,
        margin_seconds: float = 60.0,
    ) -> None:
        self._sessions = sessions
        self._cipher = cipher
        self._client = client
        self._margin = timedelta(seconds=margin_seconds)
        self._locks: dict[uuid.UUID, tuple[asyncio.Lock, int]] = {}

    async def valid_token(self, user_id: uuid.UUID) -> ValidToken:
        """A token valid for more than the margin; TokenRefusal with a typed code otherwise."""
        async with self._sessions() as session:
            grant = await self._readable(session, user_id, for_update=False)
        if not self._due(grant):
            return ValidToken(grant.access_token, grant.expires_at)
        with self._user_lock(user_id) as lock:
            async with lock:
                return await self._refresh(user_id)

    async def _refresh(self, user_id: uuid.UUID) -> ValidToken:
        async with self._sessions() as session, session.begin():
            grant = await self._readable(session, user_id, for_update=True)
            if not self._due(grant):
                # another task or replica refreshed while this one waited
                return ValidToken(grant.access_token, grant.expires_at)
            try:
                tokens = await self._client.refresh(grant.refresh_token)
            except Tone3000GrantError as exc:
                # the revocation commits with this block; the refusal is raised after it
                await revoke_grant(session, user_id)
                refused_as = exc.error
            except (Tone3000Error, httpx.HTTPError) as exc:
                log.warning("TONE3000 refresh for user %s failed: %s", user_id, type(exc).__name__)
                raise TokenRefusal(
                    "unavailable", "TONE3000 could not be reached; retry later"
                ) from None
            else:
                await store_grant(session, self._cipher, user_id, tokens)
                return ValidToken(tokens.access_token, tokens.expires_at)
        log.info("TONE3000 refused the refresh token of user %s (%s): revoked", user_id, refused_as)
        raise TokenRefusal("reauth_required", "TONE3000 refused the refresh token; sign in again")

    async def _readable(
        self, session: AsyncSession, user_id: uuid.UUID, *, for_update: bool
    ) -> StoredGrant:
        try:
            grant = await load_grant(session, self._cipher, user_id, for_update=for_update)
        except GrantCipherError as exc:
            log.error("grant of user %s cannot be opened: %s", user_id, exc)
            raise TokenRefusal("reauth_required", "the stored grant is unreadable") from None
        if grant is None:
            known = await session.scalar(select(users.c.id).where(users.c.id == user_id))
            if known is None:
                raise TokenRefusal("unknown_user", f"user_id: no user {user_id}")
            raise TokenRefusal("reauth_required", "no TONE3000 grant for this user; sign in")
        if grant.revoked:
            raise TokenRefusal("reauth_required", "the TONE3000 grant was revoked; sign in again")
        return grant

    def _due(self, grant: StoredGrant) -> bool:
        return grant.expires_at - utcnow() <= self._margin

    @contextmanager
    def _user_lock(self, user_id: uuid.UUID) -> Iterator[asyncio.Lock]:
        # one lock per user while anyone needs it; dropped afterwards so the map stays small
        lock, users_ = self._locks.get(user_id, (asyncio.Lock(), 0))
        self._locks[user_id] = (lock, users_ + 1)
        try:
            yield lock
        finally:
            lock, users_ = self._locks[user_id]
            if users_ <= 1:
                del self._locks[user_id]
            else:
                self._locks[user_id] = (lock, users_ - 1)
