"""Every database step of signing in, refreshing and signing out, each one transaction: the
routes call these and never open a transaction themselves.

A refusal that must still be recorded (a spent login state, a reused refresh token ending
its family) is raised after its transaction commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from auth.domain import login, sessions, users
from auth.domain.grants import store_grant
from auth.keys.grant_cipher import GrantCipher
from gts_kit.messaging.outbox import Outbox
from gts_tone3000 import TokenSet
from gts_tone3000 import User as Tone3000User

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A user signed in: who, and the first refresh token of their new session."""

    user_id: uuid.UUID
    refresh_token: str


@dataclass(frozen=True, slots=True)
class Accounts:
    """The auth service's stored users, logins, grants and sessions."""

    db: async_sessionmaker[AsyncSession]
    outbox: Outbox
    cipher: GrantCipher

    async def start_login(self, return_to: str, ttl_seconds: int) -> login.StartedLogin:
        """A new sign-in attempt (see `login.start_login`)."""
        return await self._transaction(lambda s: login.start_login(s, return_to, ttl_seconds))

    async def spend_login(self, state: str | None, browser_secret: str | None) -> login.SpentLogin:
        """Spend the attempt `state` names; LoginRefused after the spending commits (a state
        presented once is spent, even when refused)."""
        return await self._transaction(
            lambda s: login.spend_login(s, state, browser_secret), login.LoginRefused
        )

    async def sign_in(
        self, remote: Tone3000User, tokens: TokenSet, refresh_ttl_seconds: int
    ) -> SignedIn:
        """The TONE3000 user made ours (or updated), their grant stored sealed and a session
        started, in one transaction."""

        async def steps(session: AsyncSession) -> SignedIn:
            user = await users.upsert_user(session, self.outbox, remote)
            await store_grant(session, self.cipher, user.id, tokens)
            refresh = await sessions.start_family(session, user.id, refresh_ttl_seconds)
            return SignedIn(user.id, refresh)

        return await self._transaction(steps)

    async def rotate(self, refresh_token: str, ttl_seconds: int) -> sessions.Rotated:
        """The next refresh token of the session; RefreshReuseError after the revocation of
        the whole family commits."""
        return await self._transaction(
            lambda s: sessions.rotate(s, refresh_token, ttl_seconds), sessions.RefreshReuseError
        )

    async def sign_out(self, refresh_token: str) -> None:
        """End the session the refresh token belongs to (nothing when it is unknown)."""
        await self._transaction(lambda s: sessions.end_family_of(s, refresh_token))

    async def user(self, user_id: uuid.UUID) -> users.UserProfile | None:
        """The user's profile, None when they no longer exist."""
        async with self.db() as session:
            return await users.get_user(session, user_id)

    async def _transaction(
        self, step: Callable[[AsyncSession], Awaitable[T]], *committed: type[Exception]
    ) -> T:
        """`step` in one transaction; an exception of the `committed` types is raised after
        the transaction commits (what the step changed before it stands)."""
        refused: Exception | None = None
        async with self.db() as session, session.begin():
            try:
                return await step(session)
            except committed as exc:
                refused = exc
        assert refused is not None
        raise refused
