"""Shootouts of one owner: create, read, change, delete; public reads by opaque id."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gts_contracts import uuid7
from gts_kit.errors import ConflictError, FieldProblem, invalid_fields, not_found
from gts_kit.http.paging import Page, Paging
from gts_kit.quotas import Quota
from shootouts.db.owned_rows import changed_row, owned_row
from shootouts.db.tables import di_tracks, outputs, render_jobs, shootouts, signal_chains
from shootouts.quotas import check_count
from shootouts.shootout import passages
from shootouts.shootout.schemas import (
    PublicShootoutView,
    ShootoutIn,
    ShootoutPatch,
    ShootoutView,
)
from shootouts.shootout.view_cache import RememberedViews
from shootouts.shootout.view_queries import OWNED, PUBLIC, SHARED_ONE
from shootouts.shootout.views import public_views, shootout_view, shootout_views

ACTIVE = ("queued", "running")


async def _check_refs(
    session: AsyncSession,
    owner_id: uuid.UUID,
    di_ids: Sequence[uuid.UUID] | None,
    chain_ids: Sequence[uuid.UUID] | None,
) -> None:
    problems: list[FieldProblem] = []
    for field, ids, table, what in (
        ("di_ids", di_ids, di_tracks, "DI track"),
        ("chain_ids", chain_ids, signal_chains, "signal chain"),
    ):
        if ids is None:
            continue
        found = set(
            (
                await session.execute(
                    select(table.c.id).where(table.c.owner_id == owner_id, table.c.id.in_(ids))
                )
            ).scalars()
        )
        seen: set[uuid.UUID] = set()
        for i, item in enumerate(ids):
            if item in seen:
                problems.append(
                    FieldProblem(f"{field}[{i}]", f"{what} {item} is listed twice", "duplicate")
                )
            elif item not in found:
                problems.append(
                    FieldProblem(f"{field}[{i}]", f"{what} {item} not found", "not_found")
                )
            seen.add(item)
    if problems:
        raise invalid_fields(problems)


def _values(body: ShootoutIn | ShootoutPatch) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("name", "description", "visibility", "reference_dbu"):
        if (value := getattr(body, name)) is not None:
            values[name] = value
    if body.di_ids is not None:
        values["di_ids"] = [str(i) for i in body.di_ids]
    if body.chain_ids is not None:
        values["chain_ids"] = [str(i) for i in body.chain_ids]
    if body.montage is not None:
        values.update(
            segment_seconds=body.montage.segment_seconds,
            target_lufs=body.montage.target_lufs,
            blind=body.montage.blind,
            montage_mode=body.montage.mode,
            rounds=body.montage.rounds,
        )
    if body.outputs is not None:
        values.update(
            video=body.outputs.video,
            pictures=body.outputs.pictures,
            full_renders=body.outputs.full_renders,
        )
    return values


async def _passages(
    session: AsyncSession, body: ShootoutIn | ShootoutPatch, row: Any = None
) -> dict[str, Any]:
    """The `passages` column's new value, if it changes, once the passages fit the DIs the
    shootout will have and the montage can be rendered (422 naming the field otherwise)."""
    problems = passages.montage_problems(body.montage)
    di_ids = body.di_ids if body.di_ids is not None else [uuid.UUID(i) for i in row.di_ids]
    wanted = body.passages
    if wanted is None and body.di_ids is not None and row is not None:
        wanted = passages.kept(passages.loaded(row.passages), di_ids)
    if wanted is not None:
        found = await passages.recordings(session, [p.di_id for p in wanted])
        problems += passages.passage_problems(wanted, di_ids, found)
    if problems:
        raise invalid_fields(problems)
    return {} if wanted is None else {"passages": passages.stored(wanted)}


async def owned_shootout(
    session: AsyncSession, owner_id: uuid.UUID, shootout_id: uuid.UUID, *, lock: bool = False
) -> Any:
    """The owner's shootout row (404 otherwise)."""
    return await owned_row(session, shootouts, owner_id, shootout_id, "shootout", lock=lock)


async def active_job(session: AsyncSession, shootout_id: uuid.UUID) -> uuid.UUID | None:
    """The id of the shootout's queued or running render job, if it has one."""
    return (
        await session.execute(
            select(render_jobs.c.id)
            .where(render_jobs.c.shootout_id == shootout_id, render_jobs.c.status.in_(ACTIVE))
            .limit(1)
        )
    ).scalar_one_or_none()


@dataclasses.dataclass(eq=False)
class Shootouts:
    """The shootout operations the API offers."""

    sessions: async_sessionmaker[AsyncSession]
    reads: AsyncEngine
    quota: Quota
    views: RememberedViews = dataclasses.field(default_factory=RememberedViews, init=False)

    async def create(self, owner_id: uuid.UUID, body: ShootoutIn) -> ShootoutView:
        """Check the DI tracks and chains are the owner's, and store the shootout (429 past the
        owner's quota)."""
        async with self.sessions.begin() as session:
            await check_count(session, self.quota, shootouts, owner_id)
            await _check_refs(session, owner_id, body.di_ids, body.chain_ids)
            chosen = await _passages(session, body)
            row = (
                await session.execute(
                    shootouts.insert()
                    .values(id=uuid7(), owner_id=owner_id, **_values(body), **chosen)
                    .returning(shootouts)
                )
            ).one()
            return await shootout_view(session, self.views, row.id)

    async def get(self, owner_id: uuid.UUID, shootout_id: uuid.UUID) -> ShootoutView:
        """One of the owner's shootouts with its results."""
        async with self.sessions() as session:
            await owned_shootout(session, owner_id, shootout_id)
            return await shootout_view(session, self.views, shootout_id)

    async def get_public(self, shootout_id: uuid.UUID) -> PublicShootoutView:
        """An unlisted or public shootout, for anyone with its id (a private one is 404)."""
        async with self.reads.connect() as db:
            views, _ = await public_views(db, SHARED_ONE, {"shootout_id": shootout_id}, 1, 0)
        if not views:
            raise not_found("shootout")
        return views[0]

    async def page(self, owner_id: uuid.UUID, paging: Paging) -> Page[ShootoutView]:
        """A page of the owner's shootouts, newest first, and their total count."""
        async with self.reads.connect() as db:
            mine = {"owner_id": owner_id}
            views, total = await shootout_views(
                db, self.views, OWNED, mine, paging.limit, paging.offset
            )
            return paging.page(views, total)

    async def public_page(self, paging: Paging) -> Page[PublicShootoutView]:
        """A page of everyone's public (not unlisted) shootouts, newest first."""
        async with self.reads.connect() as db:
            views, total = await public_views(db, PUBLIC, {}, paging.limit, paging.offset)
            return paging.page(views, total)

    async def update(
        self, owner_id: uuid.UUID, shootout_id: uuid.UUID, body: ShootoutPatch
    ) -> ShootoutView:
        """Change a shootout's settings (the next render uses them)."""
        async with self.sessions.begin() as session:
            row = await owned_shootout(session, owner_id, shootout_id, lock=True)
            await _check_refs(session, owner_id, body.di_ids, body.chain_ids)
            chosen = await _passages(session, body, row)
            row = await changed_row(
                session, shootouts, shootout_id, **_values(body), **chosen, updated_at=func.now()
            )
            return await shootout_view(session, self.views, row.id)

    async def reveal(self, owner_id: uuid.UUID, shootout_id: uuid.UUID) -> ShootoutView:
        """Show everyone which letter of a blind shootout's latest completed render is which
        chain (its key and each chain's files). Once per render: revealing again changes
        nothing, and a new render, with letters shuffled anew, starts unrevealed."""
        async with self.sessions.begin() as session:
            row = await owned_shootout(session, owner_id, shootout_id, lock=True)
            if not row.blind:
                raise ConflictError(
                    f"shootout {shootout_id} is not blind: its chains are named already",
                    code="not_blind",
                )
            done = (
                await session.execute(
                    select(render_jobs.c.id)
                    .where(
                        render_jobs.c.shootout_id == shootout_id,
                        render_jobs.c.status == "completed",
                    )
                    .order_by(render_jobs.c.finished_at.desc())
                    .limit(1)
                )
            ).scalar_one_or_none()
            if done is None:
                raise ConflictError(
                    f"shootout {shootout_id} has no completed render to reveal",
                    code="not_rendered",
                )
            if row.revealed_job_id != done:
                await session.execute(
                    update(shootouts)
                    .where(shootouts.c.id == shootout_id)
                    .values(revealed_at=func.now(), revealed_job_id=done)
                )
            return await shootout_view(session, self.views, shootout_id)

    async def delete(self, owner_id: uuid.UUID, shootout_id: uuid.UUID) -> None:
        """Delete a shootout with no render in progress, its jobs and its output index."""
        async with self.sessions.begin() as session:
            await owned_shootout(session, owner_id, shootout_id, lock=True)
            active = await active_job(session, shootout_id)
            if active is not None:
                raise ConflictError(
                    f"shootout {shootout_id} is rendering (job {active}); cancel it first",
                    code="render_in_progress",
                )
            await session.execute(delete(outputs).where(outputs.c.shootout_id == shootout_id))
            await session.execute(
                delete(render_jobs).where(render_jobs.c.shootout_id == shootout_id)
            )
            await session.execute(delete(shootouts).where(shootouts.c.id == shootout_id))
