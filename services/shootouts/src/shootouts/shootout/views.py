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


async def _latest(session: AsyncSession, shootout_id: uuid.UUID) -> tuple[Any, Any]:
    jobs = render_jobs.c.shootout_id == shootout_id
    latest = (
        await session.execute(
            select(render_jobs).where(jobs).order_by(render_jobs.c.created_at.desc()).limit(1)
        )
    ).one_or_none()
    completed = (
        await session.execute(
            select(render_jobs)
            .where(jobs, render_jobs.c.status == "completed")
            .order_by(render_jobs.c.finished_at.desc())
            .limit(1)
        )
    ).one_or_none()
    return latest, completed


async def _results(session: AsyncSession, job: Any) -> list[OutputView]:
    if job is None:
        return []
    rows = await session.execute(
        select(outputs).where(outputs.c.job_id == job.id).order_by(outputs.c.kind, outputs.c.id)
    )
    return [output_view(r) for r in rows]


def _montage(row: Any) -> Montage:
    return Montage(
        segment_seconds=row.segment_seconds, target_lufs=row.target_lufs, blind=row.blind
    )


async def shootout_view(session: AsyncSession, row: Any) -> ShootoutView:
    """The owner's view: settings, latest job and the latest completed job's outputs."""
    latest, completed = await _latest(session, row.id)
    return ShootoutView(
        id=row.id,
        name=row.name,
        description=row.description,
        di_ids=[uuid.UUID(i) for i in row.di_ids],
        chain_ids=[uuid.UUID(i) for i in row.chain_ids],
        montage=_montage(row),
        outputs=OutputsWanted(video=row.video, pictures=row.pictures),
        visibility=row.visibility,
        latest_job=job_view(latest) if latest is not None else None,
        results=await _results(session, completed),
        blind_key=completed.blind_key if completed is not None else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def public_view(session: AsyncSession, row: Any) -> PublicShootoutView:
    """What anyone with the link sees; a blind shootout keeps its key to the owner."""
    _, completed = await _latest(session, row.id)
    return PublicShootoutView(
        id=row.id,
        name=row.name,
        description=row.description,
        chain_ids=[uuid.UUID(i) for i in row.chain_ids],
        montage=_montage(row),
        results=await _results(session, completed),
        blind_key=completed.blind_key if completed is not None and not row.blind else None,
        created_at=row.created_at,
    )
