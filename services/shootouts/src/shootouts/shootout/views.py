"""Rows of shootouts, jobs and outputs turned into API views."""

from __future__ import annotations

import functools
import uuid
from collections import OrderedDict
from datetime import datetime
from typing import Any, cast

import msgspec
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
from shootouts.outputs.access import shared_with_anyone
from shootouts.shootout import passages
from shootouts.shootout.public_chains import public_chains
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
_CHOSEN = WITH_JOBS.where(shootouts.c.id == any_(bindparam("ids", type_=UUID_ARRAY)))
_OF_JOBS = outputs.c.job_id == any_(bindparam("job_ids", type_=UUID_ARRAY))
_RESULTS = select(outputs).where(_OF_JOBS).order_by(outputs.c.kind, outputs.c.id)

Executor = AsyncSession | AsyncConnection
Params = dict[str, Any]


@functools.cache
def _paged(query: Select[Any], where: ColumnElement[bool]) -> Select[Any]:
    return query.where(where).limit(bindparam("limit")).offset(bindparam("offset"))


@functools.cache
def _count(where: ColumnElement[bool]) -> Select[Any]:
    return select(func.count()).where(where)


async def _page(
    db: Executor, where: ColumnElement[bool], params: Params, limit: int, offset: int
) -> tuple[list[Any], dict[uuid.UUID, list[OutputView]], int]:
    """Rows of `_with_jobs`, the outputs of their completed jobs, and the total count."""
    paging = {**params, "limit": limit, "offset": offset}
    rows = list(await db.execute(_paged(WITH_JOBS, where), paging))
    total = await _total(db, where, params, rows, offset)
    return rows, await _results(db, [r.done_id for r in rows if r.done_id is not None]), total


async def _total(
    db: Executor, where: ColumnElement[bool], params: Params, rows: list[Any], offset: int
) -> int:
    if rows:
        return int(rows[0].total)
    if offset:  # past the end: the window count has no row to ride on
        return int((await db.execute(_count(where), params)).scalar_one())
    return 0


async def _results(db: Executor, job_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[OutputView]]:
    """The outputs of each of `job_ids`, by job id (one query, none when there are no jobs)."""
    found: dict[uuid.UUID, list[OutputView]] = {job_id: [] for job_id in job_ids}
    if job_ids:
        for r in await db.execute(_RESULTS, {"job_ids": job_ids}):
            found[r.job_id].append(output_view(r))
    return found


def _montage(row: Any) -> Montage:
    return Montage(
        segment_seconds=row.segment_seconds,
        target_lufs=row.target_lufs,
        blind=row.blind,
        mode=row.montage_mode,
        rounds=row.rounds,
    )


def _uuid_lists(stored: list[list[str]]) -> list[list[uuid.UUID]]:
    """Lists of ids stored as JSON strings, as UUIDs: one msgspec call for a whole page."""
    return msgspec.convert(stored, list[list[uuid.UUID]])


def _latest_job(row: Any) -> JobView | None:
    if row.latest_id is None:
        return None
    return JobView(**{f: getattr(row, f"latest_{f}") for f in JobView.__struct_fields__})


ViewKey = tuple[Any, ...]


class RememberedViews:
    """Owner's views already built, by the ids and versions of the rows they come from (the
    shootout, its newest job, its latest completed job with that job's outputs): a view is a
    function of those rows, so it holds until one of them changes. Least recently used go."""

    def __init__(self, entries: int = 4096) -> None:
        self.entries = entries
        self._views: OrderedDict[ViewKey, ShootoutView] = OrderedDict()

    def get(self, key: ViewKey) -> ShootoutView | None:
        view = self._views.get(key)
        if view is not None:
            self._views.move_to_end(key)
        return view

    def put(self, key: ViewKey, view: ShootoutView) -> None:
        self._views[key] = view
        self._views.move_to_end(key)
        while len(self._views) > self.entries:
            self._views.popitem(last=False)


def _key(row: Any) -> ViewKey:
    key: ViewKey = row[:KEY_COLUMNS]
    return key


async def shootout_views(
    db: Executor,
    remembered: RememberedViews,
    where: ColumnElement[bool],
    params: Params,
    limit: int,
    offset: int,
) -> tuple[list[ShootoutView], int]:
    """Owner's views of the shootouts `where` selects with `params` (newest first) and their
    total count.

    Ids and versions come first; only views not remembered at those versions are built.
    """
    paging = {**params, "limit": limit, "offset": offset}
    found = list(await db.execute(_paged(VERSIONS, where), paging))
    total = await _total(db, where, params, found, offset)
    keys = [_key(row) for row in found]
    views = {key: remembered.get(key) for key in keys}
    missing = [key[0] for key, view in views.items() if view is None]
    built = await _build_views(db, remembered, missing) if missing else {}
    # a row changed since the versions were read is shown as built now; a deleted one not at all
    page = [views[key] or built.get(key[0]) for key in keys]
    return [view for view in page if view is not None], total


async def _build_views(
    db: Executor, remembered: RememberedViews, ids: list[uuid.UUID]
) -> dict[uuid.UUID, ShootoutView]:
    rows = list(await db.execute(_CHOSEN, {"ids": ids}))
    results = await _results(db, [r.done_id for r in rows if r.done_id is not None])
    dis = _uuid_lists([row.di_ids for row in rows])
    chains = _uuid_lists([row.chain_ids for row in rows])
    found = await passages.recordings(db, list({i for ids in dis for i in ids}))
    built: dict[uuid.UUID, ShootoutView] = {}
    for row, di_ids, chain_ids in zip(rows, dis, chains, strict=True):
        chosen = passages.loaded(row.passages)
        montage = _montage(row)
        built[row.id] = view = ShootoutView(
            id=row.id,
            name=row.name,
            description=row.description,
            di_ids=di_ids,
            chain_ids=chain_ids,
            montage=montage,
            outputs=OutputsWanted(
                video=row.video, pictures=row.pictures, full_renders=row.full_renders
            ),
            visibility=row.visibility,
            reference_dbu=row.reference_dbu,
            passages=passages.passage_views(chosen, found),
            montage_plan=passages.montage_plan(di_ids, chosen, found, len(chain_ids), montage),
            latest_job=_latest_job(row),
            results=results.get(row.done_id, []),
            blind_key=row.done_blind_key,
            revealed_at=_revealed_at(row),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        remembered.put(_key(row), view)
    return built


async def shootout_view(
    db: Executor, remembered: RememberedViews, shootout_id: uuid.UUID
) -> ShootoutView:
    """The owner's view of one shootout: settings, latest job, latest completed job's outputs."""
    views, _ = await shootout_views(db, remembered, ONE, {"shootout_id": shootout_id}, 1, 0)
    return views[0]


async def public_views(
    db: Executor, where: ColumnElement[bool], params: Params, limit: int, offset: int
) -> tuple[list[PublicShootoutView], int]:
    """What anyone with the link sees of the shootouts `where` selects with `params`: each
    chain's name and blocks and the results; a blind shootout keeps to the owner its key and
    which file is which chain until the owner reveals its latest render."""
    rows, results, total = await _page(db, where, params, limit, offset)
    chain_ids = _uuid_lists([row.chain_ids for row in rows])
    chains = await public_chains(
        db, [(row.owner_id, ids) for row, ids in zip(rows, chain_ids, strict=True)]
    )
    published = await _listening_published(db, [row.id for row in rows])
    views = [
        PublicShootoutView(
            id=row.id,
            name=row.name,
            description=row.description,
            chain_ids=ids,
            chains=shown,
            montage=_montage(row),
            results=_shared_results(results.get(row.done_id, []), blind=_hidden(row)),
            blind_key=None if _hidden(row) else row.done_blind_key,
            revealed_at=_revealed_at(row),
            listening_published=row.id in published,
            created_at=row.created_at,
        )
        for row, ids, shown in zip(rows, chain_ids, chains, strict=True)
    ]
    return views, total


async def _listening_published(db: Executor, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these shootouts show their listening results to everyone."""
    if not ids:
        return set()
    query = select(listening_published.c.shootout_id).where(
        listening_published.c.shootout_id == any_(bindparam("ids", type_=UUID_ARRAY))
    )
    return {row.shootout_id for row in await db.execute(query, {"ids": ids})}


def _revealed_at(row: Any) -> datetime | None:
    """When the owner revealed the letters of the latest completed render; None for an earlier
    render's reveal (a new render shuffles the letters anew) and when not blind."""
    revealed = row.blind and row.done_id is not None and row.revealed_job_id == row.done_id
    return cast("datetime | None", row.revealed_at) if revealed else None


def _hidden(row: Any) -> bool:
    """Whether visitors are kept from which file is which chain: blind and not revealed."""
    return bool(row.blind) and _revealed_at(row) is None


def _shared_results(results: list[OutputView], *, blind: bool) -> list[OutputView]:
    if not blind:
        return results
    # a blind file's chain id is its blind key entry
    return [
        msgspec.structs.replace(r, chain_id=None)
        for r in results
        if shared_with_anyone(r.kind, blind=blind)
    ]
