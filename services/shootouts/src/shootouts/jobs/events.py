"""Apply render.job.* events to jobs: idempotent and tolerant of any order.

A finished job (completed, failed, cancelled) never moves again; progress never goes
backwards; a completed event records its outputs once per job however often it comes.
Every change is announced as `shootouts.job.updated.v1` from the same transaction, so the
live feed never tells a client something the API does not show yet.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from gts_contracts import (
    ExtraRenderOutput,
    JobChange,
    JobUpdatedV1,
    RenderJobCancelledV1,
    RenderJobCompletedV1,
    RenderJobEvent,
    RenderJobFailedV1,
    RenderJobProgressV1,
    RenderJobStartedV1,
    RenderOutput,
)
from gts_kit.messaging.outbox import Outbox
from shootouts.db.owned_rows import changed_row
from shootouts.db.tables import outputs, render_jobs
from shootouts.jobs.dispatch import dispatch_next, lock_jobs
from shootouts.shootout.service import ACTIVE


async def _active_job(session: AsyncSession, event: RenderJobEvent) -> Any:
    # lock the row so concurrent events of one job apply one after another
    return (
        await session.execute(
            select(render_jobs)
            .where(render_jobs.c.id == event.job_id, render_jobs.c.owner_id == event.owner_id)
            .with_for_update()
        )
    ).one_or_none()


CHANGES: dict[type[RenderJobEvent], JobChange] = {
    RenderJobStartedV1: "started",
    RenderJobProgressV1: "progress",
    RenderJobCompletedV1: "completed",
    RenderJobFailedV1: "failed",
    RenderJobCancelledV1: "cancelled",
}


def job_updated(row: Any, change: JobChange) -> JobUpdatedV1:
    """The announcement of a job row's state after `change`."""
    return JobUpdatedV1.new(
        job_id=row.id,
        shootout_id=row.shootout_id,
        owner_id=row.owner_id,
        change=change,
        status=row.status,
        stage=row.stage,
        percent=row.percent,
        message=row.message,
        reason=row.reason,
        attempts=row.attempts,
    )


FINISHING = (RenderJobCompletedV1, RenderJobFailedV1, RenderJobCancelledV1)


async def apply_render_event(
    session: AsyncSession, event: RenderJobEvent, outbox: Outbox, in_flight: int = 1
) -> None:
    """Move the job as `event` says, when that is still a legal move, and announce it; a job
    that finishes lets the user's next waiting job go (at most `in_flight` at once)."""
    finishing = isinstance(event, FINISHING)
    if finishing:
        await lock_jobs(session, event.owner_id)  # before the job row: see jobs.dispatch
    job = await _active_job(session, event)
    if job is None or job.status not in ACTIVE:
        return
    values: dict[str, Any] = {"updated_at": func.now()}
    if isinstance(event, RenderJobStartedV1):
        values.update(status="running", attempts=max(job.attempts, event.attempt))
    elif isinstance(event, RenderJobProgressV1):
        if event.percent < job.percent:
            return
        values.update(
            status="running", stage=event.stage, percent=event.percent, message=event.message
        )
        if job.attempts == 0:
            values["attempts"] = 1
    elif isinstance(event, RenderJobCompletedV1):
        await _record_outputs(session, event)
        values.update(
            status="completed",
            percent=100.0,
            stage=None,
            message=None,
            blind_key=event.blind_key,
            finished_at=func.now(),
            attempts=max(job.attempts, 1),
        )
    elif isinstance(event, RenderJobFailedV1):
        values.update(
            status="failed",
            reason=event.reason,
            attempts=max(job.attempts, event.attempts),
            finished_at=func.now(),
        )
    else:
        values.update(status="cancelled", finished_at=func.now())
    row = await changed_row(session, render_jobs, job.id, **values)
    await outbox.add(session, job_updated(row, CHANGES[type(event)]))
    if finishing:
        await dispatch_next(session, event.owner_id, outbox, in_flight)


async def _record_outputs(session: AsyncSession, event: RenderJobCompletedV1) -> None:
    files: list[RenderOutput | ExtraRenderOutput] = [*event.outputs, *event.extra_outputs]
    if not files:
        return
    rows = [
        {
            "id": o.output_id,
            "job_id": event.job_id,
            "shootout_id": event.shootout_id,
            "owner_id": event.owner_id,
            "kind": o.kind,
            "di_id": o.di_id,
            "chain_id": o.chain_id,
            "blob_sha256": o.blob_sha256,
            "content_type": o.content_type,
            "size_bytes": o.size_bytes,
            "duration_seconds": o.duration_seconds,
            "metrics": (
                msgspec.to_builtins(o.metrics)
                if isinstance(o, RenderOutput) and o.metrics is not None
                else None
            ),
        }
        for o in files
    ]
    await session.execute(
        insert(outputs).values(rows).on_conflict_do_nothing(index_elements=["id"])
    )
