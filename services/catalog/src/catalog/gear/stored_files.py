"""A gear file's life in the blob store: written in slices, its `gear_blobs` row locked while
items referencing it come and go, and removed with the last item of any user."""

from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db.tables import gear_blobs, gear_items
from gts_kit.blobs.nats_store import NatsObjectBlobStore

PUT_CHUNK_BYTES = 256 * 1024


async def slices(data: bytes | bytearray) -> AsyncIterator[bytes]:
    """`data` in pieces of `PUT_CHUNK_BYTES`, as the blob store takes a file."""
    view = memoryview(data)
    for start in range(0, len(view), PUT_CHUNK_BYTES):
        yield bytes(view[start : start + PUT_CHUNK_BYTES])


async def lock_blob(session: AsyncSession, sha: str) -> None:
    """Lock the file's `gear_blobs` row until the transaction ends."""
    await session.execute(
        select(gear_blobs.c.sha256).where(gear_blobs.c.sha256 == sha).with_for_update()
    )


async def delete_blob_if_unreferenced(
    session: AsyncSession, blobs: NatsObjectBlobStore, sha: str
) -> None:
    """Remove the file and its row when no item of any user references it; the caller holds
    the row's lock."""
    left = (
        await session.execute(
            select(func.count()).select_from(gear_items).where(gear_items.c.sha256 == sha)
        )
    ).scalar_one()
    if left == 0:
        await session.execute(delete(gear_blobs).where(gear_blobs.c.sha256 == sha))
        # inside the transaction: if the store refuses, the item stays and the user retries
        await blobs.delete(sha)
