"""The gear library: add, list, change and remove a user's items, and their files' lifetimes.

A file is stored once (keyed by sha256) however many users own it; the `gear_blobs` row is
locked while items referencing it come and go, so the last owner's delete removes the file
and a concurrent upload of the same bytes either sees it or waits.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import msgspec
from sqlalchemy import delete, func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalog.db.tables import gear_blobs, gear_items
from catalog.gear.events import gear_added, gear_removed, gear_updated
from catalog.gear.facts import GearFacts, check_kind, check_name
from catalog.gear.item_queries import item_page, item_row
from catalog.gear.quota import LOCK_SCOPE, GearQuotas, check_room
from catalog.gear.rows import item_from_row
from catalog.gear.schemas import (
    GearFilter,
    GearItem,
    GearPage,
    GearSource,
    GearUpdate,
    Tone3000Source,
)
from catalog.gear.stored_files import delete_blob_if_unreferenced, lock_blob, slices
from gts_contracts import uuid7
from gts_contracts.fields import GearKind
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.errors import NotFoundError, UnavailableError, invalid
from gts_kit.http.paging import Paging
from gts_kit.messaging.outbox import Outbox
from gts_kit.quotas import lock_owner


@dataclass(frozen=True, slots=True)
class NewGear:
    """A validated file about to enter a library, with the user's choices (None: defaults)."""

    filename: str
    facts: GearFacts
    kind: GearKind | None = None
    name: str | None = None
    source: GearSource = "upload"
    tone3000: Tone3000Source | None = None


@dataclass(frozen=True, slots=True)
class GearLibrary:
    """Every user's gear; each method acts for one owner and never sees another's items."""

    sessions: async_sessionmaker[AsyncSession]
    outbox: Outbox
    blobs: NatsObjectBlobStore
    quotas: GearQuotas

    async def add(
        self, owner_id: uuid.UUID, data: bytes | bytearray, new: NewGear
    ) -> tuple[GearItem, bool]:
        """Store the file (once) and add it to the owner's library.

        Returns (item, created); the same file already in the library returns that item.
        Past a quota it raises QuotaExceededError and stores nothing: the quotas are checked
        before the file is stored and again, under the owner's lock, where the row is added.
        """
        facts = new.facts
        check_name(new.name)
        kind = new.kind or facts.default_kind
        check_kind(kind, facts.format)
        sha = hashlib.sha256(data).hexdigest()
        existing = await self._find_by_sha(owner_id, sha)
        if existing is not None:
            return existing, False
        await self.check_room(owner_id, len(data))
        blob = await self.blobs.put(slices(data), max_bytes=len(data), expected_sha256=sha)
        try:
            return await self._insert(owner_id, sha, len(data), kind, new)
        except BaseException:
            if blob.created:
                await self._drop_blob_if_unreferenced(sha)
            raise

    async def check_room(self, owner_id: uuid.UUID, size: int) -> None:
        """Raise QuotaExceededError unless one more item of `size` bytes fits the owner's
        quotas now (advisory: `add` checks again under the owner's lock)."""
        async with self.sessions() as session:
            await check_room(session, self.quotas, owner_id, size)

    async def _insert(
        self, owner_id: uuid.UUID, sha: str, size: int, kind: GearKind, new: NewGear
    ) -> tuple[GearItem, bool]:
        facts = new.facts
        async with self.sessions() as session, session.begin():
            await lock_owner(session, LOCK_SCOPE, owner_id)
            try:  # added by a concurrent upload of the same file, which held the lock
                return item_from_row(await item_row(session, owner_id, sha=sha)), False
            except NotFoundError:
                await check_room(session, self.quotas, owner_id, size)
            await session.execute(
                pg_insert(gear_blobs)
                .values(sha256=sha, size_bytes=size, format=facts.format)
                .on_conflict_do_nothing()
            )
            await lock_blob(session, sha)
            # a last owner's delete may have removed the file between our put and this lock
            if not await self.blobs.exists(sha):
                raise UnavailableError("file: storage changed while saving; upload it again")
            row = (
                await session.execute(
                    pg_insert(gear_items)
                    .values(
                        id=uuid7(),
                        owner_id=owner_id,
                        kind=kind,
                        name=(new.name or "").strip() or facts.default_name,
                        filename=new.filename,
                        source=new.source,
                        tone3000=msgspec.to_builtins(new.tone3000) if new.tone3000 else None,
                        sha256=sha,
                        size_bytes=size,
                        **facts.columns(),
                    )
                    .on_conflict_do_nothing(constraint="gear_items_owner_sha256_key")
                    .returning(*gear_items.c)
                )
            ).first()
            if row is None:  # the same user uploaded the same file concurrently
                found = await item_row(session, owner_id, sha=sha)
                return item_from_row(found), False
            item = item_from_row(row)
            await self.outbox.add(session, gear_added(owner_id, item))
        return item, True

    async def get(self, owner_id: uuid.UUID, gear_id: uuid.UUID) -> GearItem:
        """The owner's item; NotFoundError for a missing or another user's item."""
        async with self.sessions() as session:
            return item_from_row(await item_row(session, owner_id, gear_id=gear_id))

    async def list(self, owner_id: uuid.UUID, filters: GearFilter, paging: Paging) -> GearPage:
        """The owner's items matching every given filter, one page in the kit's paging order
        (newest first, ties by id)."""
        async with self.sessions() as session:
            return await item_page(session, owner_id, filters, paging)

    async def update(self, owner_id: uuid.UUID, gear_id: uuid.UUID, change: GearUpdate) -> GearItem:
        """Apply the given fields and announce the item's new state."""
        values: dict[str, Any] = {
            k: v for k, v in msgspec.structs.asdict(change).items() if v is not msgspec.UNSET
        }
        if "name" in values:
            values["name"] = values["name"].strip()
            if not values["name"]:
                raise invalid("name", "must not be blank", "blank")
        if "tags" in values:
            values["tags"] = list(dict.fromkeys(t.strip() for t in values["tags"] if t.strip()))
        async with self.sessions() as session, session.begin():
            current = item_from_row(
                await item_row(session, owner_id, gear_id=gear_id, for_update=True)
            )
            if "kind" in values:
                check_kind(values["kind"], current.format)
            if not values:
                return current
            row = (
                await session.execute(
                    update(gear_items)
                    .where(gear_items.c.id == gear_id)
                    .values(**values, updated_at=func.now())
                    .returning(*gear_items.c)
                )
            ).one()
            item = item_from_row(row)
            await self.outbox.add(session, gear_updated(owner_id, item))
        return item

    async def delete(self, owner_id: uuid.UUID, gear_id: uuid.UUID) -> None:
        """Remove the item; its file goes too once no item of any user references it."""
        async with self.sessions() as session, session.begin():
            item = item_from_row(await item_row(session, owner_id, gear_id=gear_id))
            await lock_blob(session, item.sha256)
            await session.execute(delete(gear_items).where(gear_items.c.id == gear_id))
            await self.outbox.add(session, gear_removed(owner_id, item))
            await delete_blob_if_unreferenced(session, self.blobs, item.sha256)

    async def open_file(
        self, owner_id: uuid.UUID, gear_id: uuid.UUID
    ) -> tuple[GearItem, AsyncIterator[bytes]]:
        """The item and its file's bytes as a stream (sha256 checked as it is read)."""
        item = await self.get(owner_id, gear_id)
        # checked before the response starts: a missing file is a clean 503, not a cut stream
        if not await self.blobs.exists(item.sha256):
            raise UnavailableError(f"file: gear item {gear_id}'s file is not in storage right now")
        return item, self.blobs.get(item.sha256)

    async def _find_by_sha(self, owner_id: uuid.UUID, sha: str) -> GearItem | None:
        async with self.sessions() as session:
            try:
                return item_from_row(await item_row(session, owner_id, sha=sha))
            except NotFoundError:
                return None

    async def _drop_blob_if_unreferenced(self, sha: str) -> None:
        async with self.sessions() as session, session.begin():
            await lock_blob(session, sha)
            await delete_blob_if_unreferenced(session, self.blobs, sha)
