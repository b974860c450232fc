"""Fair dispatch of render commands: each user has at most a few commands in render's queue.

A submitted job keeps its command in its row and stays `queued`. While the user has fewer than
`in_flight` dispatched jobs that are not finished, their oldest waiting job is dispatched: its
command goes to the outbox in the same transaction that marks it dispatched, so a crash or a
redelivered event neither loses nor repeats a dispatch. Submitting, cancelling and a job
finishing each dispatch the user's next jobs. Render takes commands in order, so users take
turns: one user's long queue waits in this table, not ahead of another user's first job.

Every change to one user's jobs holds that user's lock first (`lock_jobs`), before any job row,
so the count of jobs in flight is exact and the lock order is always the same.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gts_contracts import RenderRequestedV1, decode, encode
from gts_kit.messaging.outbox import Outbox
from gts_kit.quotas import lock_owner
from shootouts.db.tables import render_jobs
from shootouts.shootout.service import ACTIVE

LOCK_SCOPE = "shootouts-render-jobs"


async def lock_jobs(session: AsyncSession, owner_id: uuid.UUID) -> None:
    """Hold `owner_id`'s job lock until the transaction ends."""
    await lock_owner(session, LOCK_SCOPE, owner_id)


def stored(command: RenderRequestedV1) -> bytes:
    """The command as the job row keeps it until dispatch."""
    return encode(command)


async def active_jobs(session: AsyncSession, owner_id: uuid.UUID) -> int:
    """How many of the user's jobs are not finished (waiting, dispatched or running)."""
    count = await session.execute(
        select(func.count()).where(
            render_jobs.c.owner_id == owner_id, render_jobs.c.status.in_(ACTIVE)
        )
    )
    return int(count.scalar_one())


async def dispatch_next(
    session: AsyncSession,
    owner_id: uuid.UUID,
    outbox: Outbox,
    in_flight: int,
    correlation_id: str | None = None,
) -> None:
    """Dispatch the user's oldest waiting jobs while fewer than `in_flight` are dispatched and
    unfinished. The caller holds `lock_jobs(owner_id)`."""
    dispatched = (
        await session.execute(
            select(func.count()).where(
                render_jobs.c.owner_id == owner_id,
                render_jobs.c.status.in_(ACTIVE),
                render_jobs.c.dispatched_at.is_not(None),
            )
        )
    ).scalar_one()
    free = in_flight - int(dispatched)
    if free <= 0:
        return
    waiting = await session.execute(
        select(render_jobs.c.id, render_jobs.c.command)
        .where(
            render_jobs.c.owner_id == owner_id,
            render_jobs.c.status == "queued",
            render_jobs.c.dispatched_at.is_(None),
        )
        .order_by(render_jobs.c.created_at, render_jobs.c.id)
        .limit(free)
    )
    for job in waiting.all():
        await session.execute(
            update(render_jobs)
            .where(render_jobs.c.id == job.id)
            .values(dispatched_at=func.now(), command=None)
        )
        await outbox.add(
            session, decode(job.command, RenderRequestedV1), correlation_id=correlation_id
        )
