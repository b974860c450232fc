"""Find an output a caller may read: their own, or one of an unlisted or public shootout."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_kit.errors import not_found
from shootouts.db.tables import outputs, shootouts

# A blind render's manifest lists each chain with its label: the answer sheet, the owner's only.
# Each chain's own files (its audio with its metrics, its card) are the owner's only too: set
# beside the chains the public view lists in order, one file per chain is enough to tell
# which letter is which. Visitors get the montage (audio, video) and the spectrum plot, and
# the rest once the owner reveals that render (`revealed_job_id`).
OWNER_ONLY_WHEN_BLIND = frozenset({"manifest", "chain_audio", "card"})


def shared_with_anyone(kind: str, *, blind: bool) -> bool:
    """Whether an output of `kind` of a shared shootout is shown to others than its owner."""
    return not (blind and kind in OWNER_ONLY_WHEN_BLIND)


async def readable_output(
    sessions: async_sessionmaker[AsyncSession], output_id: uuid.UUID, user_id: uuid.UUID | None
) -> Any:
    """The output row, or 404 when it does not exist or the caller may not see it."""
    async with sessions() as session:
        row = (
            await session.execute(
                select(
                    outputs,
                    shootouts.c.visibility,
                    shootouts.c.blind,
                    shootouts.c.revealed_job_id,
                )
                .join(shootouts, shootouts.c.id == outputs.c.shootout_id)
                .where(outputs.c.id == output_id)
            )
        ).one_or_none()
    if row is None or (row.owner_id != user_id and not _shared(row)):
        raise not_found("output")
    return row


def _shared(row: Any) -> bool:
    hidden = row.blind and row.revealed_job_id != row.job_id
    return row.visibility != "private" and shared_with_anyone(row.kind, blind=hidden)
