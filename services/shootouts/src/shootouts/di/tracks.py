"""DI tracks of one owner: upload (probe, store, dedupe), read, edit metadata, delete."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_audio.di import DIFormatError, DIInfo, probe_di
from gts_audio.di_channel import DEFAULT_DI_CHANNEL, parse_di_channel
from gts_contracts import uuid7
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.blobs.store import BlobInfo
from gts_kit.db.newest_first import newest_first
from gts_kit.errors import ConflictError, QuotaExceededError, invalid
from gts_kit.http.multipart import SpooledUpload
from gts_kit.http.paging import Page, Paging
from gts_kit.quotas import lock_owner
from gts_kit.rate_limit import TokenBucketLimiter
from shootouts.db.owned_rows import changed_row, owned_row
from shootouts.db.row_structs import from_row
from shootouts.db.tables import di_tracks, shootouts
from shootouts.di.schemas import METADATA_FIELDS, DITrackPatch, DITrackView
from shootouts.quotas import LOCK_SCOPE, Quotas, check_di_room

READ_CHUNK = 256 * 1024
CONTENT_TYPES = {
    "wav": "audio/wav",
    "flac": "audio/flac",
    "aiff": "audio/aiff",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
}
_FIELD_LIMITS = {"name": 200, "guitar": 2000, "pickup": 2000, "tuning": 2000, "notes": 2000}


_NAMED_USERS = 5  # a refused delete names at most this many shootouts


def _in_use(track: str, names: list[str]) -> str:
    """Why a DI cannot go, naming the shootouts that use it (a few, then "and more")."""
    named = ", ".join(f'"{n}"' for n in names[:_NAMED_USERS])
    more = " and more" if len(names) > _NAMED_USERS else ""
    which = "shootout" if len(names) == 1 else "shootouts"
    return (
        f'The DI track "{track}" is used by the {which} {named}{more}; '
        f"delete {'it' if len(names) == 1 else 'them'} or take the track out first"
    )


async def _lock_blob(session: AsyncSession, sha256: str) -> None:
    """Serialize, until the transaction ends, every use of the DI blob `sha256`: a delete's
    last-user count and blob removal against an upload's row insert."""
    key = func.hashtext(f"shootouts.di_blob:{sha256}")
    await session.execute(select(func.pg_advisory_xact_lock(key)))


async def _same_audio(session: AsyncSession, owner_id: uuid.UUID, sha256: str) -> Any:
    """The owner's track of the audio `sha256`, if they have one."""
    mine = di_tracks.c.owner_id == owner_id, di_tracks.c.sha256 == sha256
    return (await session.execute(select(di_tracks).where(*mine))).one_or_none()


def _view(row: Any) -> DITrackView:
    return from_row(DITrackView, row)


async def _file_chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as handle:
        while chunk := await asyncio.to_thread(handle.read, READ_CHUNK):
            yield chunk


def _metadata(upload: SpooledUpload) -> dict[str, str]:
    values = {f: upload.fields.get(f, "").strip() for f in METADATA_FIELDS}
    if not values["name"]:
        values["name"] = Path(upload.filename).stem or "DI track"
    for name, limit in _FIELD_LIMITS.items():
        if len(values[name]) > limit:
            raise invalid(name, f"{len(values[name])} characters; at most {limit}", "too_long")
    try:
        values["channel"] = parse_di_channel(
            upload.fields.get("channel", "").strip() or DEFAULT_DI_CHANNEL
        )
    except DIFormatError as exc:
        raise invalid(exc.field, exc.message, exc.code) from exc
    return values


@dataclass(eq=False)
class DITracks:
    """The DI operations the API offers; audio lives in the DI bucket keyed by sha256."""

    sessions: async_sessionmaker[AsyncSession]
    blobs: NatsObjectBlobStore
    max_seconds: float
    quotas: Quotas
    # uploads per user (this replica's buckets), spent before a byte is read
    uploads: TokenBucketLimiter

    async def upload(self, owner_id: uuid.UUID, upload: SpooledUpload) -> tuple[DITrackView, bool]:
        """Probe, store and record an upload; True when new, False when the owner had it.

        The form's `channel` (default `left`) says which channel renders; the same audio again
        returns the owner's track as it is, whose channel `update` changes. Past the owner's
        DI quotas it raises QuotaExceededError and stores nothing (checked before the audio is
        stored, and again under the owner's lock where the row is added).
        """
        values = _metadata(upload)
        async with self.sessions() as session:
            known = await _same_audio(session, owner_id, upload.sha256)
            if known is None:
                await check_di_room(session, self.quotas, owner_id, upload.size)
        if known is not None:
            # the same bytes again: no probing, no storing
            return _view(known), False
        try:
            info = await asyncio.to_thread(probe_di, upload.path, max_seconds=self.max_seconds)
        except DIFormatError as exc:
            raise invalid(exc.field, exc.message, exc.code) from exc
        blob = await self._put(upload)
        try:
            return await self._insert(owner_id, upload, blob, info, values)
        except QuotaExceededError:
            if blob.created:
                await self._drop_unreferenced(blob.sha256)
            raise

    async def _insert(
        self,
        owner_id: uuid.UUID,
        upload: SpooledUpload,
        blob: BlobInfo,
        info: DIInfo,
        values: dict[str, str],
    ) -> tuple[DITrackView, bool]:
        async with self.sessions.begin() as session:
            await lock_owner(session, LOCK_SCOPE, owner_id)
            known = await _same_audio(session, owner_id, blob.sha256)
            if known is not None:  # added by a concurrent upload, which held the lock
                return _view(known), False
            await check_di_room(session, self.quotas, owner_id, blob.size)
            await _lock_blob(session, blob.sha256)
            if not await self.blobs.exists(blob.sha256):
                # a delete of the last other track took the blob since the put above
                blob = await self._put(upload)
            inserted = (
                await session.execute(
                    insert(di_tracks)
                    .values(
                        id=uuid7(),
                        owner_id=owner_id,
                        filename=upload.filename,
                        format=info.format,
                        sha256=blob.sha256,
                        size_bytes=blob.size,
                        sample_rate=info.sample_rate,
                        channels=info.channels,
                        frames=info.frames,
                        duration_seconds=info.seconds,
                        peaks=info.peaks,
                        **values,
                    )
                    .on_conflict_do_nothing(index_elements=["owner_id", "sha256"])
                    .returning(di_tracks)
                )
            ).one_or_none()
            if inserted is not None:
                return _view(inserted), True
            return _view(await _same_audio(session, owner_id, blob.sha256)), False

    async def _drop_unreferenced(self, sha256: str) -> None:
        # the audio of a refused upload or a deleted track, unless another track uses it now
        async with self.sessions.begin() as session:
            await _lock_blob(session, sha256)
            others = (
                await session.execute(select(func.count()).where(di_tracks.c.sha256 == sha256))
            ).scalar_one()
            if others == 0:
                await self.blobs.delete(sha256)

    async def _put(self, upload: SpooledUpload) -> BlobInfo:
        return await self.blobs.put(
            _file_chunks(upload.path), max_bytes=upload.size, expected_sha256=upload.sha256
        )

    async def get(self, owner_id: uuid.UUID, di_id: uuid.UUID) -> DITrackView:
        """One of the owner's DI tracks."""
        async with self.sessions() as session:
            return _view(await owned_row(session, di_tracks, owner_id, di_id, "DI track"))

    async def page(self, owner_id: uuid.UUID, paging: Paging) -> Page[DITrackView]:
        """A page of the owner's DI tracks, newest first, and their total count."""
        async with self.sessions() as session:
            mine = di_tracks.c.owner_id == owner_id
            rows, total = await newest_first(session, di_tracks, mine, paging)
            return paging.page([_view(r) for r in rows], total)

    async def update(
        self, owner_id: uuid.UUID, di_id: uuid.UUID, patch: DITrackPatch
    ) -> DITrackView:
        """Change a track's metadata or the channel it renders."""
        values: dict[str, Any] = {
            k: v.strip() for k, v in msgspec.structs.asdict(patch).items() if v is not None
        }
        if "name" in values and not values["name"]:
            raise invalid("name", "must not be blank", "blank")
        async with self.sessions.begin() as session:
            await owned_row(session, di_tracks, owner_id, di_id, "DI track")
            row = await changed_row(session, di_tracks, di_id, **values, updated_at=func.now())
            return _view(row)

    async def delete(self, owner_id: uuid.UUID, di_id: uuid.UUID) -> None:
        """Delete a track not used by a shootout; its audio goes when no one else has it."""
        async with self.sessions.begin() as session:
            row = await owned_row(session, di_tracks, owner_id, di_id, "DI track")
            used = (
                await session.execute(
                    select(shootouts.c.id, shootouts.c.name)
                    .where(shootouts.c.di_ids.contains([str(di_id)]))
                    .order_by(shootouts.c.created_at, shootouts.c.id)
                    .limit(_NAMED_USERS + 1)
                )
            ).all()
            if used:
                raise ConflictError(_in_use(row.name, [u.name for u in used]), code="di_in_use")
            await session.execute(delete(di_tracks).where(di_tracks.c.id == di_id))
        # Counted after the delete committed, under the blob's lock: an upload of the same
        # bytes either committed its row before (the blob stays) or stores the blob again
        # after (it checks under the same lock). At worst a failure here leaves an orphan.
        await self._drop_unreferenced(row.sha256)

    async def audio(
        self, owner_id: uuid.UUID, di_id: uuid.UUID
    ) -> tuple[DITrackView, AsyncIterator[bytes]]:
        """The raw recording, to its owner only: the track and its bytes in chunks."""
        track = await self.get(owner_id, di_id)
        return track, self.blobs.get(track.sha256)
