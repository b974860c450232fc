"""Publishes committed outbox rows to JetStream through the service's FastStream broker, each
with its event id as `Nats-Msg-Id`.

A transient failure (NATS away, a timeout) stops the batch and keeps order: the row is
retried, and every row behind it waits. A row NATS refuses for good (over its max_payload,
or failing MAX_FAILED_ATTEMPTS times with an error that is not transient) moves to the
dead-letter table with its error, is counted and logged, and the rows behind it go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import nats.errors
import nats.js.errors
from faststream.nats import NatsBroker
from opentelemetry import context
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_contracts.registry import spec_for_subject
from gts_kit.http.metrics import OUTBOX_DEAD_LETTERS, OUTBOX_PUBLISH_ERRORS, OUTBOX_PUBLISHED
from gts_kit.messaging.outbox import Outbox
from gts_kit.tasks import stop_task
from gts_kit.telemetry import context_from

log = logging.getLogger("gts.outbox")

BATCH = 200
IDLE_POLL_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 2.0
PUBLISH_TIMEOUT_SECONDS = 2.0
# A row failing this often with an error that is not transient is given up on.
MAX_FAILED_ATTEMPTS = 10
_ERROR_CHARS = 2000

# The broker is away or busy: retrying later works, and order must hold meanwhile.
_TRANSIENT: tuple[type[BaseException], ...] = (
    TimeoutError,
    OSError,
    nats.errors.TimeoutError,
    nats.errors.ConnectionClosedError,
    nats.errors.ConnectionReconnectingError,
    nats.errors.ConnectionDrainingError,
    nats.errors.NoServersError,
    nats.errors.NoRespondersError,
    nats.errors.OutboundBufferLimitError,
    nats.errors.StaleConnectionError,
    nats.errors.FlushTimeoutError,
    nats.js.errors.ServiceUnavailableError,
    nats.js.errors.NoStreamResponseError,
)
# NATS will never take this row as it is.
_PERMANENT: tuple[type[BaseException], ...] = (
    nats.errors.MaxPayloadError,
    nats.errors.BadSubjectError,
    nats.errors.BadHeaderError,
)


@dataclass(eq=False)
class OutboxRelay:
    """A background task that drains `outbox` in `seq` order for `service`.

    Safe to run in several replicas at once: a drain holds a transaction-scoped advisory lock,
    so replicas take turns and never publish two changes of one row out of order.
    """

    outbox: Outbox
    sessions: async_sessionmaker[AsyncSession]
    broker: NatsBroker
    service: str
    _task: asyncio.Task[None] | None = field(default=None, init=False, repr=False)

    def start(self) -> None:
        """Start draining in the background."""
        self._task = asyncio.create_task(self._run(), name=f"outbox-relay-{self.service}")

    async def stop(self) -> None:
        """Stop after the batch in flight."""
        if self._task is not None:
            await stop_task(self._task)
            self._task = None

    async def drain_once(self) -> int:
        """Publish one batch of committed rows; returns how many were published."""
        table = self.outbox.table
        published = 0
        failure: str | None = None
        async with self.sessions() as session, session.begin():
            turn = func.pg_advisory_xact_lock(func.hashtext(table.fullname))
            await session.execute(select(turn))
            rows = (
                await session.execute(
                    select(
                        table.c.event_id,
                        table.c.seq,
                        table.c.subject,
                        table.c.payload,
                        table.c.headers,
                        table.c.attempts,
                        table.c.created_at,
                    )
                    .where(table.c.published_at.is_(None))
                    .order_by(table.c.seq)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for row in rows:
                try:
                    # published as part of the trace that wrote the row
                    token = context.attach(context_from(row.headers))
                    try:
                        await self.broker.publish(
                            row.payload,
                            row.subject,
                            headers=dict(row.headers),
                            stream=spec_for_subject(row.subject).stream,
                            timeout=PUBLISH_TIMEOUT_SECONDS,
                        )
                    finally:
                        context.detach(token)
                except Exception as exc:
                    OUTBOX_PUBLISH_ERRORS.labels(self.service).inc()
                    if _gives_up(exc, row.attempts + 1):
                        await self._move_to_dead_letters(session, row, exc)
                        continue
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
                OUTBOX_PUBLISHED.labels(self.service).inc()
        if failure is not None:
            raise _PublishFailedError(failure)
        return published

    async def _move_to_dead_letters(self, session: AsyncSession, row: Any, exc: Exception) -> None:
        outbox = self.outbox
        error = f"{type(exc).__name__}: {exc}"[:_ERROR_CHARS]
        await session.execute(
            insert(outbox.dead_letters).values(
                event_id=row.event_id,
                seq=row.seq,
                subject=row.subject,
                payload=row.payload,
                headers=row.headers,
                error=error,
                attempts=row.attempts + 1,
                created_at=row.created_at,
            )
        )
        await session.execute(delete(outbox.table).where(outbox.table.c.event_id == row.event_id))
        OUTBOX_DEAD_LETTERS.labels(self.service).inc()
        log.error(
            "outbox row %s (%s, %d bytes) moved to %s after %d attempt(s): %s",
            row.event_id,
            row.subject,
            len(row.payload),
            outbox.dead_letters.fullname,
            row.attempts + 1,
            error,
        )

    async def _run(self) -> None:
        backoff = 0.0
        while True:
            self.outbox.committed.clear()
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
                    await self.outbox.committed.wait()


class _PublishFailedError(Exception):
    pass


def _gives_up(exc: Exception, attempts: int) -> bool:
    """Whether a row that failed with `exc` on its `attempts`-th try goes to dead letters."""
    if isinstance(exc, _PERMANENT):
        return True
    if isinstance(exc, _TRANSIENT):
        return False
    return attempts >= MAX_FAILED_ATTEMPTS
