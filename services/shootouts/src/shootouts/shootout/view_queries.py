"""The SQL behind shootout views: each shootout with its newest and latest completed jobs,
what a page selects, and the outputs and listening results that go with them."""

from __future__ import annotations

import functools
import uuid
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    any_,
    bindparam,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from shootouts.db.tables import listening_published, outputs, render_jobs, shootouts
from shootouts.shootout.schemas import OutputView
from shootouts.shootout.view_mapping import output_view

UUID_ARRAY = ARRAY(PG_UUID(as_uuid=True))


def _version(table: Table) -> ColumnElement[str]:
    # The transaction that wrote this version of the row (`xmin`) and where it lies (`ctid`,
    # new for every update, even two in one transaction): together they name the version.
    return literal_column(f"{table.name}.xmin::text || {table.name}.ctid::text")


def _with_jobs(*, whole: bool) -> Select[Any]:
    """Shootouts, newest first, each with its newest job (`latest_*` columns), its most recently
    completed job (`done_*`) and the count of all rows the caller's WHERE matches (`total`):
    one statement, so a page is one round trip however many shootouts it shows.

    The first `KEY_COLUMNS` are the ids and versions of the three rows (see `RememberedViews`);
    without `whole`, they and `total` are all there is.
    """
    mine = render_jobs.c.shootout_id == shootouts.c.id
    job_columns = render_jobs.c if whole else [render_jobs.c.id]
    latest = (
        select(*job_columns, _version(render_jobs).label("version"))
        .where(mine)
        .order_by(render_jobs.c.created_at.desc())
        .limit(1)
    ).lateral("latest")
    done = (
        select(render_jobs.c.id, render_jobs.c.blind_key, _version(render_jobs).label("version"))
        .where(mine, render_jobs.c.status == "completed")
        .order_by(render_jobs.c.finished_at.desc())
        .limit(1)
    ).lateral("done")
    key = [
        shootouts.c.id,
        _version(shootouts).label("version"),
        latest.c.id.label("latest_id"),
        latest.c.version.label("latest_version"),
        done.c.id.label("done_id"),
        done.c.version.label("done_version"),
    ]
    rest = [
        *(column for column in shootouts.c if column.name != "id"),
        *(column.label(f"latest_{column.name}") for column in latest.c
          if column.name not in {"id", "version"}),
        done.c.blind_key.label("done_blind_key"),
    ]  # fmt: skip
    return (
        select(*key, func.count().over().label("total"), *(rest if whole else []))
        .select_from(shootouts.outerjoin(latest, true()).outerjoin(done, true()))
        .order_by(shootouts.c.created_at.desc(), shootouts.c.id.desc())
    )


KEY_COLUMNS = 6
# Built once: constructing the lateral subqueries costs more than running them.
WITH_JOBS = _with_jobs(whole=True)
VERSIONS = _with_jobs(whole=False)

# What a page selects, with the values bound at execution: a statement that is the same
# object every time keeps its cache key, which SQLAlchemy would otherwise work out anew.
OWNED = shootouts.c.owner_id == bindparam("owner_id")
ONE = shootouts.c.id == bindparam("shootout_id")
SHARED_ONE = ONE & (shootouts.c.visibility != "private")
PUBLIC = shootouts.c.visibility == "public"
CHOSEN = WITH_JOBS.where(shootouts.c.id == any_(bindparam("ids", type_=UUID_ARRAY)))
_OF_JOBS = outputs.c.job_id == any_(bindparam("job_ids", type_=UUID_ARRAY))
_RESULTS = select(outputs).where(_OF_JOBS).order_by(outputs.c.kind, outputs.c.id)

Executor = AsyncSession | AsyncConnection
Params = dict[str, Any]


@functools.cache
def paged(query: Select[Any], where: ColumnElement[bool]) -> Select[Any]:
    """`query` narrowed by `where`, one page of it (`limit` and `offset` bound at execution)."""
    return query.where(where).limit(bindparam("limit")).offset(bindparam("offset"))


@functools.cache
def _count(where: ColumnElement[bool]) -> Select[Any]:
    return select(func.count()).where(where)


async def page(
    db: Executor, where: ColumnElement[bool], params: Params, limit: int, offset: int
) -> tuple[list[Any], dict[uuid.UUID, list[OutputView]], int]:
    """Rows of `_with_jobs`, the outputs of their completed jobs, and the total count."""
    paging = {**params, "limit": limit, "offset": offset}
    rows = list(await db.execute(paged(WITH_JOBS, where), paging))
    count = await total(db, where, params, rows, offset)
    return rows, await results(db, [r.done_id for r in rows if r.done_id is not None]), count


async def total(
    db: Executor, where: ColumnElement[bool], params: Params, rows: list[Any], offset: int
) -> int:
    """How many shootouts `where` selects: read from a page's `rows` when it has any."""
    if rows:
        return int(rows[0].total)
    if offset:  # past the end: the window count has no row to ride on
        return int((await db.execute(_count(where), params)).scalar_one())
    return 0


async def results(db: Executor, job_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[OutputView]]:
    """The outputs of each of `job_ids`, by job id (one query, none when there are no jobs)."""
    found: dict[uuid.UUID, list[OutputView]] = {job_id: [] for job_id in job_ids}
    if job_ids:
        for r in await db.execute(_RESULTS, {"job_ids": job_ids}):
            found[r.job_id].append(output_view(r))
    return found


async def listening_published_ids(db: Executor, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these shootouts show their listening results to everyone."""
    if not ids:
        return set()
    query = select(listening_published.c.shootout_id).where(
        listening_published.c.shootout_id == any_(bindparam("ids", type_=UUID_ARRAY))
    )
    return {row.shootout_id for row in await db.execute(query, {"ids": ids})}
