"""Who may listen to a shootout, and what they listen to: the chains' audio of one DI of the
shootout's latest completed render."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_contracts import uuid7
from gts_kit.errors import ConflictError, invalid, not_found
from gts_kit.messaging.outbox import Outbox
from gts_kit.rate_limit import TokenBucketLimiter
from shootouts.db.tables import outputs, render_jobs, shootouts, signal_chains


def listener_of(user_id: uuid.UUID) -> str:
    """The listener a signed-in user is (the `listener` columns)."""
    return str(user_id)


@dataclass(frozen=True, slots=True)
class Caller:
    """Who listens: a signed-in user, or (no `user_id`) an anonymous listener the gateway
    vouches for by its signed listener cookie."""

    user_id: uuid.UUID | None
    anonymous_id: uuid.UUID | None = None

    @property
    def listener(self) -> str:
        """The `listener` columns' value: the user id, or `anon:<id>`."""
        if self.user_id is not None:
            return listener_of(self.user_id)
        return f"anon:{self.anonymous_id}"


def may_listen(row: Any, user_id: uuid.UUID | None) -> bool:
    """Whether `user_id` (None: an anonymous listener) may listen to the shootout `row`: its
    owner, or anyone when it is unlisted or public."""
    return bool(row.owner_id == user_id or row.visibility != "private")


@dataclass(eq=False)
class ListenersRecords:
    """Listeners' own records of one kind (blind sessions, ABX runs): kept in `sessions`, each
    submission spent from the one `limiter` of every listener, finished ones announced
    through `outbox`."""

    sessions: async_sessionmaker[AsyncSession]
    limiter: TokenBucketLimiter
    outbox: Outbox


async def listeners_row(
    session: AsyncSession,
    table: Table,
    row_id: uuid.UUID,
    listener: str,
    user_id: uuid.UUID | None,
    what: str,
    *,
    lock: bool = False,
) -> Any:
    """The `listener`'s row `row_id` of `table` (a blind session, an ABX run) with its
    shootout's `owner_id` and `visibility`, while `user_id` may still listen to that shootout;
    404 naming `what` otherwise. With `lock`, the row is locked for the transaction."""
    query = (
        select(table, shootouts.c.owner_id, shootouts.c.visibility)
        .join(shootouts, shootouts.c.id == table.c.shootout_id)
        .where(table.c.id == row_id, table.c.listener == listener)
    )
    row = (await session.execute(query.with_for_update(of=table) if lock else query)).one_or_none()
    if row is None or not may_listen(row, user_id):
        raise not_found(what)
    return row


async def listenable_shootout(
    session: AsyncSession, shootout_id: uuid.UUID, user_id: uuid.UUID | None
) -> Any:
    """The shootout row, or 404 when it does not exist or is another user's private one."""
    row = (
        await session.execute(select(shootouts).where(shootouts.c.id == shootout_id))
    ).one_or_none()
    if row is None or not may_listen(row, user_id):
        raise not_found("shootout")
    return row


@dataclass(frozen=True, slots=True)
class Track:
    """One chain's audio of the chosen DI: what a letter (or A, B and X) plays."""

    chain_id: uuid.UUID
    name: str
    output_id: uuid.UUID

    def stored(self) -> dict[str, str]:
        """As kept in a session's JSONB (server side only)."""
        return {"chain_id": str(self.chain_id), "name": self.name, "output_id": str(self.output_id)}


@dataclass(frozen=True, slots=True)
class Render:
    """The latest completed render of a shootout and its chains' audio of one DI, in the
    shootout's chain order."""

    job_id: uuid.UUID
    di_id: uuid.UUID
    tracks: list[Track]


def new_listening(shootout_id: uuid.UUID, render: Render, listener: str) -> dict[str, Any]:
    """The columns every new blind session or ABX run starts with: a new id, and which
    shootout, render, DI and listener it belongs to."""
    return {
        "id": uuid7(),
        "shootout_id": shootout_id,
        "job_id": render.job_id,
        "di_id": render.di_id,
        "listener": listener,
    }


async def latest_render(session: AsyncSession, row: Any, di_id: uuid.UUID | None) -> Render:
    """The chains' audio of `di_id` (default: the shootout's first DI) in the shootout's latest
    completed render: 409 `not_rendered` without one, 422 on `di_id` for a DI it did not
    render."""
    job_id = (
        await session.execute(
            select(render_jobs.c.id)
            .where(render_jobs.c.shootout_id == row.id, render_jobs.c.status == "completed")
            .order_by(render_jobs.c.finished_at.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if job_id is None:
        raise ConflictError(
            f"shootout {row.id} has no completed render to listen to", code="not_rendered"
        )
    chosen = di_id or uuid.UUID(str(row.di_ids[0]))
    found = list(
        await session.execute(
            select(outputs.c.id, outputs.c.chain_id, signal_chains.c.name)
            .outerjoin(signal_chains, signal_chains.c.id == outputs.c.chain_id)
            .where(
                outputs.c.job_id == job_id,
                outputs.c.kind == "chain_audio",
                outputs.c.di_id == chosen,
                outputs.c.chain_id.is_not(None),
            )
        )
    )
    if len(found) < 2:
        if di_id is not None:
            raise invalid("di_id", f"the latest render has no chain audio of DI {di_id}", "no_di")
        raise ConflictError(
            f"shootout {row.id}'s latest render has no chain audio to compare",
            code="not_rendered",
        )
    order = {str(chain_id): i for i, chain_id in enumerate(row.chain_ids)}
    found.sort(key=lambda r: (order.get(str(r.chain_id), len(order)), str(r.chain_id)))
    tracks = [Track(r.chain_id, r.name or "(deleted chain)", r.id) for r in found]
    return Render(job_id, chosen, tracks)


async def output_row(session: AsyncSession, output_id: str) -> Any:
    """A session's output, for streaming (404 when it is gone)."""
    row = (
        await session.execute(select(outputs).where(outputs.c.id == uuid.UUID(output_id)))
    ).one_or_none()
    if row is None:
        raise not_found("audio")
    return row
