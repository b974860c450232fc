"""Rows of shootouts, jobs and outputs turned into API views."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Select, any_, bindparam, func, select, true
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from shootouts.db.tables import outputs, render_jobs, shootouts
from shootouts.shootout.schemas import (
    JobView,
    Montage,
    OutputsWanted,
    OutputView,
    PublicShootoutView,
    ShootoutView,
)

UUID_ARRAY = ARRAY(PG_UUID(as_uuid=True))


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


def _with_jobs() -> Select[Any]:
    """Shootouts, newest first, each with its newest job (`latest_*` columns), its most recently
    completed job (`done_*`) and the count of all rows the caller's WHERE matches (`total`):
    one statement, so a page is one round trip however many shootouts it shows."""
    mine = render_jobs.c.shootout_id == shootouts.c.id
    latest = (
        select(render_jobs).where(mine).order_by(render_jobs.c.created_at.desc()).limit(1)
    ).lateral("latest")
    done = (
        select(render_jobs.c.id, render_jobs.c.blind_key)
        .where(mine, render_jobs.c.status == "completed")
        .order_by(render_jobs.c.finished_at.desc())
        .limit(1)
    ).lateral("done")
    return (
        select(
            shootouts,
            func.count().over().label("total"),
            *(column.label(f"latest_{column.name}") for column in latest.c),
            done.c.id.label("done_id"),
            done.c.blind_key.label("done_blind_key"),
        )
        .select_from(shootouts.outerjoin(latest, true()).outerjoin(done, true()))
        .order_by(shootouts.c.created_at.desc(), shootouts.c.id.desc())
    )


# Built once: constructing the lateral subqueries costs more than running them.
WITH_JOBS = _with_jobs()


async def _page(
    session: AsyncSession, where: ColumnElement[bool], limit: int, offset: int
) -> tuple[list[Any], dict[uuid.UUID, list[OutputView]], int]:
    """Rows of `_with_jobs`, the outputs of their completed jobs, and the total count."""
    rows = list(await session.execute(WITH_JOBS.where(where).limit(limit).offset(offset)))
    if rows:
        total = int(rows[0].total)
    elif offset:  # past the end: the window count has no row to ride on
        total = int((await session.execute(select(func.count()).where(where))).scalar_one())
    else:
        total = 0
    return rows, await _results(session, [r.done_id for r in rows if r.done_id is not None]), total


async def _results(
    session: AsyncSession, job_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[OutputView]]:
    """The outputs of each of `job_ids`, by job id (one query, none when there are no jobs)."""
    found: dict[uuid.UUID, list[OutputView]] = {job_id: [] for job_id in job_ids}
    if job_ids:
        rows = await session.execute(
            select(outputs)
            .where(outputs.c.job_id == any_(bindparam("job_ids", job_ids, type_=UUID_ARRAY)))
            .order_by(outputs.c.kind, outputs.c.id)
        )
        for r in rows:
            found[r.job_id].append(output_view(r))
    return found


def _montage(row: Any) -> Montage:
    return Montage(
        segment_seconds=row.segment_seconds, target_lufs=row.target_lufs, blind=row.blind
    )


def _uuid_lists(stored: list[list[str]]) -> list[list[uuid.UUID]]:
    """Lists of ids stored as JSON strings, as UUIDs: one msgspec call for a whole page."""
    return msgspec.convert(stored, list[list[uuid.UUID]])


def _latest_job(row: Any) -> JobView | None:
    if row.latest_id is None:
        return None
    return JobView(**{f: getattr(row, f"latest_{f}") for f in JobView.__struct_fields__})


async def shootout_views(
    session: AsyncSession, where: ColumnElement[bool], limit: int, offset: int
) -> tuple[list[ShootoutView], int]:
    """Owner's views of the shootouts matching `where` (newest first) and their total count."""
    rows, results, total = await _page(session, where, limit, offset)
    dis = _uuid_lists([row.di_ids for row in rows])
    chains = _uuid_lists([row.chain_ids for row in rows])
    views = [
        ShootoutView(
            id=row.id,
            name=row.name,
            description=row.description,
            di_ids=di_ids,
            chain_ids=chain_ids,
            montage=_montage(row),
            outputs=OutputsWanted(video=row.video, pictures=row.pictures),
            visibility=row.visibility,
            latest_job=_latest_job(row),
            results=results.get(row.done_id, []),
            blind_key=row.done_blind_key,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        for row, di_ids, chain_ids in zip(rows, dis, chains, strict=True)
    ]
    return views, total


async def shootout_view(session: AsyncSession, shootout_id: uuid.UUID) -> ShootoutView:
    """The owner's view of one shootout: settings, latest job, latest completed job's outputs."""
    views, _ = await shootout_views(session, shootouts.c.id == shootout_id, 1, 0)
    return views[0]


async def public_views(
    session: AsyncSession, where: ColumnElement[bool], limit: int, offset: int
) -> tuple[list[PublicShootoutView], int]:
    """What anyone with the link sees of the shootouts matching `where`; a blind shootout keeps
    its key to the owner."""
    rows, results, total = await _page(session, where, limit, offset)
    chains = _uuid_lists([row.chain_ids for row in rows])
    views = [
        PublicShootoutView(
            id=row.id,
            name=row.name,
            description=row.description,
            chain_ids=chain_ids,
            montage=_montage(row),
            results=results.get(row.done_id, []),
            blind_key=None if row.blind else row.done_blind_key,
            created_at=row.created_at,
        )
        for row, chain_ids in zip(rows, chains, strict=True)
    ]
    return views, total
