"""`/api/v1/di-tracks`: upload, list, read, edit, delete, and the raw audio (owner only)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post

from gts_kit.http.multipart import spooled_upload
from gts_kit.http.paging import Page, Paging
from shootouts.api.ranged import ranged
from shootouts.di.schemas import DITrackPatch, DITrackView
from shootouts.di.tracks import CONTENT_TYPES
from shootouts.wiring import Domain


class DITrackController(Controller):
    """DI tracks of the signed-in user."""

    path = "/api/v1/di-tracks"

    # the size limit is the service's own (max_di_bytes), enforced while streaming
    @post("/", request_max_body_size=None, summary="Upload a DI (multipart `file` + metadata)")
    async def upload(
        self, request: Request[Any, Any, Any], domain: Domain, user_id: uuid.UUID
    ) -> Response[DITrackView]:
        """201 with the new track, or 200 with the existing one for the same audio.

        Form fields: `file` (WAV, FLAC, AIFF, OGG or MP3; 1 or 2 channels), and optionally `name`,
        `guitar`, `pickup`, `tuning`, `notes` and `channel`: which channel of a stereo file
        is the guitar and renders, `left` (the default), `right` or `mix` (the mean of both).
        A mono file has one channel, and every choice reads it. 429 past the user's upload rate
        (with Retry-After) or DI-track quota, 413 past their DI storage quota (the problem names
        the `quota`, its `limit` and what is `used`).
        """
        domain.di.uploads.spend(str(user_id), "DI uploads", "upload_rate_limited")
        settings = domain.settings
        async with spooled_upload(
            request, max_file_bytes=settings.max_di_bytes, directory=settings.upload_dir
        ) as upload:
            track, created = await domain.di.upload(user_id, upload)
        return Response(track, status_code=201 if created else 200)

    @get("/")
    async def page(self, domain: Domain, user_id: uuid.UUID, paging: Paging) -> Page[DITrackView]:
        """The caller's DI tracks, newest first."""
        return await domain.di.page(user_id, paging)

    @get("/{di_id:uuid}")
    async def read(self, domain: Domain, user_id: uuid.UUID, di_id: uuid.UUID) -> DITrackView:
        """One DI track."""
        return await domain.di.get(user_id, di_id)

    @patch("/{di_id:uuid}")
    async def edit(
        self, domain: Domain, user_id: uuid.UUID, di_id: uuid.UUID, data: DITrackPatch
    ) -> DITrackView:
        """Change the track's metadata, or its `channel` (`left`, `right` or `mix`) for later
        renders."""
        return await domain.di.update(user_id, di_id, data)

    @delete("/{di_id:uuid}")
    async def remove(self, domain: Domain, user_id: uuid.UUID, di_id: uuid.UUID) -> None:
        """Delete the track (409 while a shootout uses it)."""
        await domain.di.delete(user_id, di_id)

    @get(
        "/{di_id:uuid}/audio",
        response_description="The recording (audio/wav, audio/flac, ...), whole or the range asked",
    )
    async def audio(
        self,
        request: Request[Any, Any, Any],
        domain: Domain,
        user_id: uuid.UUID,
        di_id: uuid.UUID,
    ) -> Response[Any]:
        """The raw recording, to its owner only: 200 whole, 206 for one range (a player
        seeking), 416 for a range outside it."""
        track, chunks = await domain.di.audio(user_id, di_id)
        return ranged(
            request.headers.get("range"),
            track.size_bytes,
            chunks,
            CONTENT_TYPES.get(track.format, "application/octet-stream"),
            {
                "Content-Disposition": f'attachment; filename="{track.id}.{track.format}"',
                "Cache-Control": "private, max-age=3600",
            },
        )
