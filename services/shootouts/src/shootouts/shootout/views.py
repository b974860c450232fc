"""Shootouts as the API shows them: their owner's views (built once per version of their rows)
and what anyone with the link sees."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement

from shootouts.shootout import passages, view_mapping, view_queries
from shootouts.shootout.public_chains import public_chains
from shootouts.shootout.schemas import OutputsWanted, PublicShootoutView, ShootoutView
from shootouts.shootout.view_cache import RememberedViews, view_key
from shootouts.shootout.view_queries import ONE, Executor, Params


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
    found = list(await db.execute(view_queries.paged(view_queries.VERSIONS, where), paging))
    total = await view_queries.total(db, where, params, found, offset)
    keys = [view_key(row) for row in found]
    views = {key: remembered.get(key) for key in keys}
    missing = [key[0] for key, view in views.items() if view is None]
    built = await _build_views(db, remembered, missing) if missing else {}
    # a row changed since the versions were read is shown as built now; a deleted one not at all
    page = [views[key] or built.get(key[0]) for key in keys]
    return [view for view in page if view is not None], total


async def _build_views(
    db: Executor, remembered: RememberedViews, ids: list[uuid.UUID]
) -> dict[uuid.UUID, ShootoutView]:
    rows = list(await db.execute(view_queries.CHOSEN, {"ids": ids}))
    results = await view_queries.results(db, [r.done_id for r in rows if r.done_id is not None])
    dis = view_mapping.uuid_lists([row.di_ids for row in rows])
    chains = view_mapping.uuid_lists([row.chain_ids for row in rows])
    found = await passages.recordings(db, list({i for ids in dis for i in ids}))
    built: dict[uuid.UUID, ShootoutView] = {}
    for row, di_ids, chain_ids in zip(rows, dis, chains, strict=True):
        chosen = passages.loaded(row.passages)
        montage = view_mapping.montage(row)
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
            latest_job=view_mapping.latest_job(row),
            results=results.get(row.done_id, []),
            blind_key=row.done_blind_key,
            revealed_at=view_mapping.revealed_at(row),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        remembered.put(view_key(row), view)
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
    rows, results, total = await view_queries.page(db, where, params, limit, offset)
    chain_ids = view_mapping.uuid_lists([row.chain_ids for row in rows])
    chains = await public_chains(
        db, [(row.owner_id, ids) for row, ids in zip(rows, chain_ids, strict=True)]
    )
    published = await view_queries.listening_published_ids(db, [row.id for row in rows])
    views = [
        PublicShootoutView(
            id=row.id,
            name=row.name,
            description=row.description,
            chain_ids=ids,
            chains=shown,
            montage=view_mapping.montage(row),
            results=view_mapping.shared_results(
                results.get(row.done_id, []), blind=view_mapping.hidden(row)
            ),
            blind_key=None if view_mapping.hidden(row) else row.done_blind_key,
            revealed_at=view_mapping.revealed_at(row),
            listening_published=row.id in published,
            created_at=row.created_at,
        )
        for row, ids, shown in zip(rows, chain_ids, chains, strict=True)
    ]
    return views, total
