"""TONE3000 grants at rest: both tokens sealed together with AES-GCM, bound to the user id."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

import msgspec
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from auth.db.tables import tone3000_grants
from auth.domain.secrets import utcnow
from auth.keys.grant_cipher import GrantCipher, Sealed
from gts_tone3000 import TokenSet


class _Plain(msgspec.Struct):
    access_token: str
    refresh_token: str


@dataclass(frozen=True)
class StoredGrant:
    """A grant read back: tokens left out of `repr` so they never reach a log line."""

    user_id: uuid.UUID
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime
    revoked: bool


async def store_grant(
    session: AsyncSession, cipher: GrantCipher, user_id: uuid.UUID, tokens: TokenSet
) -> None:
    """Insert or replace the user's grant (clearing any revocation), sealed with the current
    key."""
    plain = msgspec.json.encode(_Plain(tokens.access_token, tokens.refresh_token))
    sealed = cipher.seal(plain, user_id.bytes)
    values = {
        "key_id": sealed.key_id,
        "nonce": sealed.nonce,
        "ciphertext": sealed.ciphertext,
        "expires_at": tokens.expires_at,
        "revoked_at": None,
        "updated_at": utcnow(),
    }
    statement = insert(tone3000_grants).values(user_id=user_id, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=["user_id"], set_=values))


async def load_grant(
    session: AsyncSession, cipher: GrantCipher, user_id: uuid.UUID, *, for_update: bool = False
) -> StoredGrant | None:
    """The user's grant opened, or None; `for_update` locks the row until the transaction ends."""
    query = select(tone3000_grants).where(tone3000_grants.c.user_id == user_id)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).one_or_none()
    if row is None:
        return None
    plain = msgspec.json.decode(
        cipher.open(Sealed(row.key_id, row.nonce, row.ciphertext), user_id.bytes), type=_Plain
    )
    return StoredGrant(
        user_id, plain.access_token, plain.refresh_token, row.expires_at, row.revoked_at is not None
    )


async def revoke_grant(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Mark the grant unusable: the user must sign in again."""
    await session.execute(
        tone3000_grants.update()
        .where(tone3000_grants.c.user_id == user_id)
        .values(revoked_at=utcnow(), updated_at=utcnow())
    )
