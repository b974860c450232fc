"""Users: created on first sign-in, updated when their TONE3000 profile changes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import msgspec
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from auth.db.tables import users
from auth.domain.secrets import utcnow
from gts_contracts import UserRegisteredV1, UserUpdatedV1, uuid7
from gts_contracts.fields import LABEL_MAX_CHARS, NAME_MAX_CHARS, URL_MAX_CHARS
from gts_kit.messaging.outbox import Outbox
from gts_tone3000 import User as Tone3000User


@dataclass(frozen=True)
class UserProfile:
    """A GTS user as clients see it."""

    id: uuid.UUID
    tone3000_user_id: str
    username: str
    display_name: str | None
    avatar_url: str | None


async def upsert_user(session: AsyncSession, outbox: Outbox, remote: Tone3000User) -> UserProfile:
    """Create the user for this TONE3000 account or refresh their profile, inside `session`'s
    transaction, staging `auth.user.registered.v1` / `auth.user.updated.v1` as the case may be."""
    remote = _within_bounds(remote)
    wanted: dict[str, str | None] = {
        "username": remote.username,
        "display_name": remote.display_name or None,
        "avatar_url": remote.avatar_url or None,
    }
    row = (
        await session.execute(
            select(users).where(users.c.tone3000_user_id == remote.id).with_for_update()
        )
    ).one_or_none()
    now = utcnow()
    if row is None:
        user_id = uuid7()
        await session.execute(
            insert(users).values(
                id=user_id, tone3000_user_id=remote.id, created_at=now, updated_at=now, **wanted
            )
        )
        profile = _profile(user_id, remote)
        await outbox.add(session, UserRegisteredV1.new(**_event_fields(profile)))
        return profile
    profile = _profile(row.id, remote)
    if any(getattr(row, k) != v for k, v in wanted.items()):
        await session.execute(
            update(users).where(users.c.id == row.id).values(updated_at=now, **wanted)
        )
        await outbox.add(session, UserUpdatedV1.new(**_event_fields(profile)))
    return profile


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> UserProfile | None:
    """The user, or None when there is no such user."""
    row = (await session.execute(select(users).where(users.c.id == user_id))).one_or_none()
    if row is None:
        return None
    return UserProfile(row.id, row.tone3000_user_id, row.username, row.display_name, row.avatar_url)


def _within_bounds(remote: Tone3000User) -> Tone3000User:
    """The profile cut to what the user events carry: TONE3000's values are not ours to
    refuse, so a long name is shortened and an over-long avatar URL dropped."""
    avatar = remote.avatar_url if len(remote.avatar_url or "") <= URL_MAX_CHARS else None
    return msgspec.structs.replace(
        remote,
        username=remote.username[:NAME_MAX_CHARS],
        display_name=(remote.display_name or "")[:LABEL_MAX_CHARS] or None,
        avatar_url=avatar,
    )


def _profile(user_id: uuid.UUID, remote: Tone3000User) -> UserProfile:
    return UserProfile(
        user_id, remote.id, remote.username, remote.display_name or None, remote.avatar_url or None
    )


def _event_fields(profile: UserProfile) -> dict[str, Any]:
    return {
        "user_id": profile.id,
        "tone3000_user_id": profile.tone3000_user_id,
        "username": profile.username,
        "display_name": profile.display_name,
        "avatar_url": profile.avatar_url,
    }
