"""The transactional outbox: an event is a row written in the same transaction as the change."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy import Table, event, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from gts_contracts import CORRELATION_ID_HEADER, MSG_ID_HEADER, Event, encode, spec_for


class Outbox:
    """Writes events into a service's outbox table and wakes the relay when they commit."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._committed = asyncio.Event()

    @property
    def committed(self) -> asyncio.Event:
        """Set whenever a transaction that wrote outbox rows commits in this process."""
        return self._committed

    async def add(
        self, session: AsyncSession, message: Event, *, correlation_id: str | None = None
    ) -> None:
        """Stage `message` in the caller's transaction; it is published only if that commits."""
        spec = spec_for(type(message))
        headers = {MSG_ID_HEADER: str(message.event_id)}
        if correlation_id:
            headers[CORRELATION_ID_HEADER] = correlation_id
        await session.execute(
            insert(self.table).values(
                event_id=message.event_id,
                subject=spec.subject,
                payload=encode(message),
                headers=headers,
            )
        )
        wake: Callable[[Session], None] = lambda _s: self._committed.set()  # noqa: E731
        if not event.contains(session.sync_session, "after_commit", wake):
            event.listen(session.sync_session, "after_commit", wake, once=True)
