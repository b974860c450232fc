"""Refresh-token families: opaque tokens stored hashed, rotated on every use.

Presenting a token that was already rotated away means it leaked: the whole family is
revoked, so the newest token of that family stops working too. Within a few seconds of its
rotation it means a race instead (two tabs of one browser refreshing at the same moment with
the same cookie): the later one is answered for the user but gets no refresh token of its own
(the browser already holds the successor), so a family never has two live refresh tokens and
nobody is signed out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from auth.db.tables import refresh_families, refresh_tokens
from auth.domain.secrets import digest, new_secret, utcnow
from gts_kit.errors import UnauthorizedError

# How long after its rotation a refresh token may come back as a race, not a leak (seconds).
REUSE_GRACE_SECONDS = 10


@dataclass(frozen=True)
class Rotated:
    """The user a refresh token belonged to and the token that replaces it.

    `refresh_token` is None when the token was already rotated within the grace window: its
    successor went out with the first answer and is the family's only live token.
    """

    user_id: uuid.UUID
    refresh_token: str | None


async def start_family(session: AsyncSession, user_id: uuid.UUID, ttl_seconds: int) -> str:
    """A new family with its first refresh token (returned in the clear, stored hashed)."""
    family_id = uuid.uuid4()
    await session.execute(
        insert(refresh_families).values(id=family_id, user_id=user_id, created_at=utcnow())
    )
    return await _add_token(session, family_id, ttl_seconds)


async def rotate(session: AsyncSession, refresh_token: str, ttl_seconds: int) -> Rotated:
    """Spend `refresh_token` and hand out its successor; UnauthorizedError when it is no good.

    Presented again within REUSE_GRACE_SECONDS of its rotation, it names the user but mints no
    new refresh token (`Rotated.refresh_token` is None). Later, a reused token revokes its
    family; the caller must commit even then, so the revocation sticks (the error is raised
    after the revocation is written, see `RefreshReuseError`).
    """
    row = (
        await session.execute(
            select(refresh_tokens, refresh_families.c.user_id, refresh_families.c.revoked_at)
            .join(refresh_families, refresh_families.c.id == refresh_tokens.c.family_id)
            .where(refresh_tokens.c.token_hash == digest(refresh_token))
            # the token's row too: a rotation racing this one then sees the `used_at` it wrote
            .with_for_update(of=(refresh_families, refresh_tokens))
        )
    ).one_or_none()
    if row is None:
        raise UnauthorizedError("refresh_token: unknown")
    if row.revoked_at is not None:
        raise UnauthorizedError("refresh_token: this session was ended")
    now = utcnow()
    if row.used_at is not None and now - row.used_at <= timedelta(seconds=REUSE_GRACE_SECONDS):
        return Rotated(row.user_id, None)
    if row.used_at is not None:
        await revoke_family(session, row.family_id, "refresh token reused")
        raise RefreshReuseError("refresh_token: already used; every session of it is ended")
    if row.expires_at <= now:
        raise UnauthorizedError("refresh_token: expired")
    await session.execute(
        update(refresh_tokens)
        .where(refresh_tokens.c.token_hash == row.token_hash)
        .values(used_at=now)
    )
    return Rotated(row.user_id, await _add_token(session, row.family_id, ttl_seconds))


async def end_family_of(session: AsyncSession, refresh_token: str) -> None:
    """Sign out: revoke the family `refresh_token` belongs to (nothing if unknown)."""
    family_id = await session.scalar(
        select(refresh_tokens.c.family_id).where(
            refresh_tokens.c.token_hash == digest(refresh_token)
        )
    )
    if family_id is not None:
        await revoke_family(session, family_id, "signed out")


async def revoke_family(session: AsyncSession, family_id: uuid.UUID, reason: str) -> None:
    """Mark the family revoked; its tokens all stop working."""
    await session.execute(
        update(refresh_families)
        .where(refresh_families.c.id == family_id, refresh_families.c.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )


class RefreshReuseError(UnauthorizedError):
    """A rotated refresh token came back; its family has been revoked in this transaction."""


async def _add_token(session: AsyncSession, family_id: uuid.UUID, ttl_seconds: int) -> str:
    token = new_secret()
    now = utcnow()
    await session.execute(
        insert(refresh_tokens).values(
            token_hash=digest(token),
            family_id=family_id,
            created_at=now,
            expires_at=now + timedelta(seconds=ttl_seconds),
        )
    )
    return token
