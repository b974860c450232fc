"""`shootouts.listening.updated.v1`: announced from the transaction that stored a vote or
finished an ABX run, so the owner's results page, told of it, reads the new results."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gts_contracts import ListeningChange, ListeningUpdatedV1
from gts_kit.messaging.outbox import Outbox
from shootouts.db.tables import abx_sessions, listening_sessions


async def announce_listening(
    session: AsyncSession,
    outbox: Outbox,
    shootout_id: uuid.UUID,
    owner_id: uuid.UUID,
    change: ListeningChange,
) -> None:
    """Stage the event with the shootout's votes and finished ABX runs as this transaction
    sees them (its own change included)."""
    votes = await session.scalar(
        select(func.count()).where(
            listening_sessions.c.shootout_id == shootout_id,
            listening_sessions.c.voted_at.is_not(None),
        )
    )
    finished = await session.scalar(
        select(func.count()).where(
            abx_sessions.c.shootout_id == shootout_id, abx_sessions.c.finished_at.is_not(None)
        )
    )
    await outbox.add(
        session,
        ListeningUpdatedV1.new(
            shootout_id=shootout_id,
            owner_id=owner_id,
            change=change,
            votes=votes or 0,
            abx_finished=finished or 0,
        ),
    )
