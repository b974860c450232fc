"""Render jobs: submit (job row, and its command when the user's turn allows, in one
transaction), read, list, cancel."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_contracts import JobCancelRequestedV1, JobUpdatedV1, uuid7
from gts_kit.db.newest_first import newest_first
from gts_kit.errors import ConflictError, FieldProblem, invalid_fields
from gts_kit.http.paging import Page, Paging
from gts_kit.messaging.outbox import Outbox
from gts_kit.quotas import Quota
from gts_kit.rate_limit import TokenBucketLimiter
from shootouts.chains.blocks import gear_ids, loaded
from shootouts.db.owned_rows import changed_row, owned_row
from shootouts.db.tables import di_tracks, render_jobs, signal_chains
from shootouts.gear.read_model import gear_by_id
from shootouts.jobs.dispatch import active_jobs, dispatch_next, lock_jobs, stored
from shootouts.jobs.events import job_updated
from shootouts.jobs.limits import RenderLimits
from shootouts.jobs.manifest import build_command
from shootouts.shootout.schemas import JobView, Submitted
from shootouts.shootout.service import active_job, owned_shootout
from shootouts.shootout.view_mapping import job_view

TERMINAL = ("completed", "failed", "cancelled")


async def _in_order(
    session: AsyncSession, table: Any, owner_id: uuid.UUID, ids: list[str], field: str
) -> list[Any]:
    wanted = [uuid.UUID(i) for i in ids]
    rows = {
        r.id: r
        for r in await session.execute(
            select(table).where(table.c.owner_id == owner_id, table.c.id.in_(wanted))
        )
    }
    missing = [
        FieldProblem(f"{field}[{i}]", f"{item} no longer exists", "not_found")
        for i, item in enumerate(wanted)
        if item not in rows
    ]
    if missing:
        raise invalid_fields(missing)
    return [rows[i] for i in wanted]


class RenderJobs:
    """The job operations the API offers."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        outbox: Outbox,
        limits: RenderLimits | None = None,
    ) -> None:
        self.sessions = sessions
        self.outbox = outbox
        self.limits = limits or RenderLimits()
        self.quota = Quota("queued_renders", "queued renders", self.limits.queued)
        self.submissions = TokenBucketLimiter(self.limits.per_minute, self.limits.burst)

    async def submit(
        self, owner_id: uuid.UUID, shootout_id: uuid.UUID, correlation_id: str | None = None
    ) -> Submitted:
        """Queue a render: the job row (with its command) commits, and the command goes to the
        outbox in the same transaction when the user's turn allows (see jobs.dispatch).

        429 past the submission rate or the quota of unfinished jobs."""
        self.submissions.spend(str(owner_id), "render submissions", "render_rate_limited")
        async with self.sessions.begin() as session:
            await lock_jobs(session, owner_id)
            self.quota.check(await active_jobs(session, owner_id))
            shootout = await owned_shootout(session, owner_id, shootout_id, lock=True)
            active = await active_job(session, shootout_id)
            if active is not None:
                raise ConflictError(
                    f"shootout {shootout_id} is already rendering as job {active}",
                    code="render_in_progress",
                )
            dis = await _in_order(session, di_tracks, owner_id, shootout.di_ids, "di_ids")
            chains = await _in_order(
                session, signal_chains, owner_id, shootout.chain_ids, "chain_ids"
            )
            ids = [g for c in chains for g in gear_ids(loaded(c.blocks))]
            known = await gear_by_id(session, owner_id, ids)
            job_id = uuid7()
            command = build_command(
                job_id=job_id, shootout=shootout, dis=dis, chains=chains, known=known
            )
            await session.execute(
                render_jobs.insert().values(
                    id=job_id,
                    shootout_id=shootout_id,
                    owner_id=owner_id,
                    status="queued",
                    percent=0.0,
                    attempts=0,
                    cancel_requested=False,
                    command=stored(command),
                )
            )
            await self.outbox.add(
                session,
                JobUpdatedV1.new(
                    job_id=job_id,
                    shootout_id=shootout_id,
                    owner_id=owner_id,
                    change="queued",
                    status="queued",
                ),
            )
            await dispatch_next(
                session, owner_id, self.outbox, self.limits.in_flight, correlation_id
            )
            return Submitted(job_id=job_id, status="queued")

    async def get(self, owner_id: uuid.UUID, job_id: uuid.UUID) -> JobView:
        """One of the owner's jobs."""
        async with self.sessions() as session:
            return job_view(await owned_row(session, render_jobs, owner_id, job_id, "job"))

    async def page(
        self, owner_id: uuid.UUID, paging: Paging, shootout_id: uuid.UUID | None = None
    ) -> Page[JobView]:
        """A page of the owner's jobs (of one shootout when given), newest first."""
        async with self.sessions() as session:
            where = render_jobs.c.owner_id == owner_id
            if shootout_id is not None:
                where = where & (render_jobs.c.shootout_id == shootout_id)
            rows, total = await newest_first(session, render_jobs, where, paging)
            return paging.page([job_view(r) for r in rows], total)

    async def cancel(self, owner_id: uuid.UUID, job_id: uuid.UUID) -> JobView:
        """Ask render to stop the job; a queued one is cancelled at once, a running one when
        render confirms. 409 for a finished job. One never dispatched is only cancelled here,
        and the user's next job may go."""
        async with self.sessions.begin() as session:
            await lock_jobs(session, owner_id)
            row = await owned_row(session, render_jobs, owner_id, job_id, "job", lock=True)
            if row.status in TERMINAL:
                raise ConflictError(f"job {job_id} is already {row.status}", code="job_finished")
            values: dict[str, Any] = {"cancel_requested": True, "updated_at": func.now()}
            dispatched = row.dispatched_at is not None
            if row.status == "queued":
                values.update(status="cancelled", finished_at=func.now(), command=None)
            row = await changed_row(session, render_jobs, job_id, **values)
            if dispatched:
                await self.outbox.add(
                    session, JobCancelRequestedV1.new(job_id=job_id, owner_id=owner_id)
                )
            if row.status == "cancelled":
                await self.outbox.add(session, job_updated(row, "cancelled"))
                await dispatch_next(session, owner_id, self.outbox, self.limits.in_flight)
            return job_view(row)
