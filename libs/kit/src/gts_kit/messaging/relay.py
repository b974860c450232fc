"""Publishes committed outbox rows to JetStream, each with its event id as `Nats-Msg-Id`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from nats.js import JetStreamContext
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_kit.http.metrics import OUTBOX_PUBLISH_ERRORS, OUTBOX_PUBLISHED
from gts_kit.messaging.outbox import Outbox
from gts_kit.tasks import stop_task

log = logging.getLogger("gts.outbox")

BATCH = 200
IDLE_POLL_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 2.0
PUBLISH_TIMEOUT_SECONDS = 2.0


class OutboxRelay:
    """A background task that drains the outbox in `seq` order.

    Safe to run in several replicas at once: a drain holds a transaction-scoped advisory lock,
    so replicas take turns and never publish two changes of one row out of order.
    """

    def __init__(
        self,
        outbox: Outbox,
        sessions: async_sessionmaker[AsyncSession],
        js: JetStreamContext,
        service: str,
    ) -> None:
        self._outbox = outbox
        self._sessions = sessions
        self._js = js
        self._service = service
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start draining in the background."""
        self._task = asyncio.create_task(self._run(), name=f"outbox-relay-{self._service}")

    async def stop(self) -> None:
        """Stop after the batch in flight."""
        if self._task is not None:
            await stop_task(self._task)
            self._task = None

    async def drain_once(self) -> int:
        """Publish one batch of committed rows; returns how many were published."""
        table = self._outbox.table
        published = 0
        failure: str | None = None
        async with self._sessions() as session, session.begin():
            turn = func.pg_advisory_xact_lock(func.hashtext(table.fullname))
            await session.execute(select(turn))
            rows = (
                await session.execute(
                    select(table.c.event_id, table.c.subject, table.c.payload, table.c.headers)
                    .where(table.c.published_at.is_(None))
                    .order_by(table.c.seq)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for row in rows:
                try:
                    await self._js.publish(
                        row.subject,
                        row.payload,
                        headers=dict(row.headers),
                        timeout=PUBLISH_TIMEOUT_SECONDS,
                    )
                except Exception as exc:
                    OUTBOX_PUBLISH_ERRORS.labels(self._service).inc()
                    await session.execute(
                        update(table)
                        .where(table.c.event_id == row.event_id)
                        .values(attempts=table.c.attempts + 1, last_error=str(exc)[:500])
                    )
                    # Keep order: later rows wait until this one goes out.
                    failure = str(exc) or type(exc).__name__
                    break
                await session.execute(
                    update(table)
                    .where(table.c.event_id == row.event_id)
                    .values(published_at=datetime.now(UTC), attempts=table.c.attempts + 1)
                )
                published += 1
                OUTBOX_PUBLISHED.labels(self._service).inc()
        if failure is not None:
            raise _PublishFailedError(failure)
        return published

    async def _run(self) -> None:
        backoff = 0.0
        while True:
            self._outbox.committed.clear()
            try:
                count = await self.drain_once()
                backoff = 0.0
            except _PublishFailedError as exc:
                count = 0
                backoff = min(MAX_BACKOFF_SECONDS, max(0.1, backoff * 2))
                log.warning("outbox publish failed, retrying in %.1fs: %s", backoff, exc)
            except Exception as exc:  # database away: keep trying, never die
                count = 0
                backoff = min(MAX_BACKOFF_SECONDS, max(0.1, backoff * 2))
                log.warning("outbox relay error, retrying in %.1fs: %s", backoff, exc)
            if count >= BATCH:
                continue
            if backoff:
                await asyncio.sleep(backoff)
                continue
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(IDLE_POLL_SECONDS):
                    await self._outbox.committed.wait()


class _PublishFailedError(Exception):
    pass
