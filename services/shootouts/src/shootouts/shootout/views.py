"""Rows of shootouts, jobs and outputs turned into API views."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shootouts.db.tables import outputs, render_jobs
from shootouts.shootout.schemas import (
    JobView,
    Montage,
    OutputsWanted,
    OutputView,
    PublicShootoutView,
    ShootoutView,
)


def job_view(row: Any) -> JobView:
    """A job row as the API shows it."""
    return JobView(**{f: getattr(row, f) for f in JobView.__struct_fields__})


def output_view(row: Any) -> OutputView:
    """An output row as the API shows it, with the URL that streams it."""
    return OutputView(
        id=row.id,
        kind=row.kind,
        di_id=row.di_id,
        chain_id=row.chain_id,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        duration_seconds=row.duration_seconds,
        metrics=row.metrics,
        url=f"/api/v1/outputs/{row.id}",
    )


async def _latest_jobs(
    session: AsyncSession, shootout_ids: list[uuid.UUID]
) -> tuple[dict[uuid.UUID, Any], dict[uuid.UUID, Any]]:
    """Per shootout: its newest job, and its most recently completed one (two queries)."""
    if not shootout_ids:
        return {}, {}
    mine = render_jobs.c.shootout_id.in_(shootout_ids)
    latest = await session.execute(
        select(render_jobs)
        .where(mine)
        .distinct(render_jobs.c.shootout_id)
        .order_by(render_jobs.c.shootout_id, render_jobs.c.created_at.desc())
    )
    completed = await session.execute(
        select(render_jobs)
        .where(mine, render_jobs.c.status == "completed")
        .distinct(render_jobs.c.shootout_id)
        .order_by(render_jobs.c.shootout_id, render_jobs.c.finished_at.desc())
    )
    return (
        {r.shootout_id: r for r in latest},
        {r.shootout_id: r for r in completed},
    )


async def _results(session: AsyncSession, jobs: list[Any]) -> dict[uuid.UUID, list[OutputView]]:
    """The outputs of each of `jobs`, by job id (one query)."""
    found: dict[uuid.UUID, list[OutputView]] = {job.id: [] for job in jobs}
    if jobs:
        rows = await session.execute(
            select(outputs)
            .where(outputs.c.job_id.in_(list(found)))
            .order_by(outputs.c.kind, outputs.c.id)
        )
        for r in rows:
            found[r.job_id].append(output_view(r))
    return found


def _montage(row: Any) -> Montage:
    return Montage(
        segment_seconds=row.segment_seconds, target_lufs=row.target_lufs, blind=row.blind
    )


async def shootout_view(session: AsyncSession, row: Any) -> ShootoutView:
    """The owner's view: settings, latest job and the latest completed job's outputs."""
    return (await shootout_views(session, [row]))[0]


async def shootout_views(session: AsyncSession, rows: list[Any]) -> list[ShootoutView]:
    """Owner's views of many shootouts in a fixed number of queries, whatever their count."""
    latest, completed = await _latest_jobs(session, [r.id for r in rows])
    results = await _results(session, list(completed.values()))
    views = []
    for row in rows:
        done = completed.get(row.id)
        views.append(
            ShootoutView(
                id=row.id,
                name=row.name,
                description=row.description,
                di_ids=[uuid.UUID(i) for i in row.di_ids],
                chain_ids=[uuid.UUID(i) for i in row.chain_ids],
                montage=_montage(row),
                outputs=OutputsWanted(video=row.video, pictures=row.pictures),
                visibility=row.visibility,
                latest_job=job_view(latest[row.id]) if row.id in latest else None,
                results=results[done.id] if done is not None else [],
                blind_key=done.blind_key if done is not None else None,
                created_at=row.created_at,
                updated_at=row.updated_at,
            )
        )
    return views


async def public_view(session: AsyncSession, row: Any) -> PublicShootoutView:
    """What anyone with the link sees; a blind shootout keeps its key to the owner."""
    return (await public_views(session, [row]))[0]


async def public_views(session: AsyncSession, rows: list[Any]) -> list[PublicShootoutView]:
    """Public views of many shootouts in a fixed number of queries."""
    _, completed = await _latest_jobs(session, [r.id for r in rows])
    results = await _results(session, list(completed.values()))
    views = []
    for row in rows:
        done = completed.get(row.id)
        views.append(
            PublicShootoutView(
                id=row.id,
                name=row.name,
                description=row.description,
                chain_ids=[uuid.UUID(i) for i in row.chain_ids],
                montage=_montage(row),
                results=results[done.id] if done is not None else [],
                blind_key=done.blind_key if done is not None and not row.blind else None,
                created_at=row.created_at,
            )
        )
    return views
