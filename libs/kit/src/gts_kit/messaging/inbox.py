"""Idempotent consumption: an event has its effect once per consumer, whatever redelivers it."""

from __future__ import annotations

import uuid

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession


class Inbox:
    """Claims (consumer, event id) pairs inside the transaction that applies the event."""

    def __init__(self, table: Table) -> None:
        self.table = table

    async def claim(
        self, session: AsyncSession, consumer: str, event_id: uuid.UUID, subject: str
    ) -> bool:
        """True the first time; False when this consumer already applied this event."""
        result = await session.execute(
            insert(self.table)
            .values(consumer=consumer, event_id=event_id, subject=subject)
            .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
            .returning(self.table.c.event_id)
        )
        return result.first() is not None
