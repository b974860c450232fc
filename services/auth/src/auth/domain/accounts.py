"""Every database step of signing in, refreshing and signing out, each one transaction: the
routes call these and never open a transaction themselves.

A refusal that must still be recorded (a spent login state, a reused refresh token ending
its family) is raised after its transaction commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from auth.domain import login, sessions, users
from auth.domain.grants import store_grant
from auth.keys.grant_cipher import GrantCipher
from gts_kit.messaging.outbox import Outbox
from gts_tone3000 import TokenSet
from gts_tone3000 import User as Tone3000User


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
        async with self.db() as session, session.begin():
            return await login.start_login(session, return_to, ttl_seconds)

    async def spend_login(self, state: str | None, browser_secret: str | None) -> login.SpentLogin:
        """Spend the attempt `state` names; LoginRefused after the spending commits (a state
        presented once is spent, even when refused)."""
        refused: login.LoginRefused
        async with self.db() as session, session.begin():
            try:
                return await login.spend_login(session, state, browser_secret)
            except login.LoginRefused as exc:
                refused = exc
        raise refused

    async def sign_in(
        self, remote: Tone3000User, tokens: TokenSet, refresh_ttl_seconds: int
    ) -> SignedIn:
        """The TONE3000 user made ours (or updated), their grant stored sealed and a session
        started, in one transaction."""
        async with self.db() as session, session.begin():
            user = await users.upsert_user(session, self.outbox, remote)
            await store_grant(session, self.cipher, user.id, tokens)
            refresh = await sessions.start_family(session, user.id, refresh_ttl_seconds)
        return SignedIn(user.id, refresh)

    async def rotate(self, refresh_token: str, ttl_seconds: int) -> sessions.Rotated:
        """The next refresh token of the session; RefreshReuseError after the revocation of
        the whole family commits."""
        reused: sessions.RefreshReuseError
        async with self.db() as session, session.begin():
            try:
                return await sessions.rotate(session, refresh_token, ttl_seconds)
            except sessions.RefreshReuseError as exc:
                reused = exc
        raise reused

    async def sign_out(self, refresh_token: str) -> None:
        """End the session the refresh token belongs to (nothing when it is unknown)."""
        async with self.db() as session, session.begin():
            await sessions.end_family_of(session, refresh_token)

    async def user(self, user_id: uuid.UUID) -> users.UserProfile | None:
        """The user's profile, None when they no longer exist."""
        async with self.db() as session:
            return await users.get_user(session, user_id)
