"""`/api/v1/gear`: a user's gear library (HTTP only; the library does the work)."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.response import Stream
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from catalog.gear.facts import check_filename, read_facts
from catalog.gear.library import NewGear
from catalog.gear.schemas import GearFilter, GearItem, GearPage, GearSource, GearUpdate
from catalog.tone3000.schemas import ImportReport, ImportRequest
from catalog.wiring import Catalog
from gts_contracts.fields import GearFormat, GearKind
from gts_kit.errors import invalid
from gts_kit.http.multipart import read_into_memory
from gts_kit.http.paging import Paging

_KINDS: tuple[GearKind, ...] = ("amp", "amp-cab", "pedal", "outboard", "cab-ir")
# The form's text fields are a kind and a name, both short.
_MAX_FIELD_BYTES = 4096


class GearController(Controller):
    """Upload, list, read, change, delete and download gear; import from TONE3000."""

    path = "/api/v1/gear"
    tags = ["gear"]  # noqa: RUF012 (Litestar reads it as a class attribute)

    @post("/", request_max_body_size=None, status_code=HTTP_201_CREATED)
    async def upload(
        self, request: Request[Any, Any, Any], user_id: uuid.UUID, catalog: Catalog
    ) -> Response[GearItem]:
        """Add a `.nam` capture or `.wav` IR (multipart field `file`; optional `kind`, `name`).

        201 with the new item, or 200 with the existing one when this user already has the file;
        429 past the user's upload rate or gear-item quota, 413 past their storage quota (the
        problem names the `quota`, its `limit` and what is `used`).
        """
        catalog.uploads.spend(str(user_id), "gear uploads and imports", "upload_rate_limited")
        limits = catalog.settings.file_limits
        upload = await read_into_memory(
            request,
            max_file_bytes=max(limits.values()),
            file_limit=lambda filename: limits[check_filename(filename)],
            max_field_bytes=_MAX_FIELD_BYTES,
        )
        fmt = check_filename(upload.filename)
        kind = upload.fields.get("kind") or None
        if kind is not None and kind not in _KINDS:
            raise invalid("kind", f"{kind!r} is not one of {', '.join(_KINDS)}", "kind")
        facts = read_facts(upload.data, upload.filename, fmt)
        item, created = await catalog.library.add(
            user_id,
            upload.data,
            NewGear(
                filename=upload.filename,
                facts=facts,
                kind=kind,
                name=upload.fields.get("name"),
            ),
        )
        return Response(item, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/")
    async def list_gear(
        self,
        user_id: uuid.UUID,
        catalog: Catalog,
        *,
        kind: GearKind | None = None,
        format: GearFormat | None = None,
        source: GearSource | None = None,
        tag: str | None = None,
        q: str | None = None,
        favourite: bool | None = None,
        paging: Paging,
    ) -> GearPage:
        """The user's items, newest first, filtered; `q` searches name, make and model."""
        filters = GearFilter(
            kind=kind,
            format=format,
            source=source,
            tag=tag,
            q=q,
            favourite=favourite,
        )
        return await catalog.library.list(user_id, filters, paging)

    @get("/{gear_id:uuid}")
    async def get_gear(self, gear_id: uuid.UUID, user_id: uuid.UUID, catalog: Catalog) -> GearItem:
        """One item (404 when missing or another user's)."""
        return await catalog.library.get(user_id, gear_id)

    @patch("/{gear_id:uuid}")
    async def update_gear(
        self, gear_id: uuid.UUID, data: GearUpdate, user_id: uuid.UUID, catalog: Catalog
    ) -> GearItem:
        """Change name, kind, tags, notes or favourite."""
        return await catalog.library.update(user_id, gear_id, data)

    @delete("/{gear_id:uuid}")
    async def delete_gear(self, gear_id: uuid.UUID, user_id: uuid.UUID, catalog: Catalog) -> None:
        """Remove the item (its file goes when no one else has it)."""
        await catalog.library.delete(user_id, gear_id)

    @get("/{gear_id:uuid}/file")
    async def download(self, gear_id: uuid.UUID, user_id: uuid.UUID, catalog: Catalog) -> Stream:
        """The item's file, streamed from the blob store to its owner."""
        item, chunks = await catalog.library.open_file(user_id, gear_id)
        return Stream(
            chunks,
            media_type="audio/wav" if item.format == "ir" else "application/octet-stream",
            headers={
                "Content-Length": str(item.size_bytes),
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(item.filename)}",
                "ETag": f'"{item.sha256}"',
            },
        )

    @post("/import", status_code=HTTP_200_OK)
    async def import_models(
        self, data: ImportRequest, user_id: uuid.UUID, catalog: Catalog
    ) -> ImportReport:
        """Import models of one TONE3000 tone; each model's result is reported.

        An import spends one upload of the user's rate (429 beyond); each model counts against
        the gear quotas like an upload.
        """
        catalog.uploads.spend(str(user_id), "gear uploads and imports", "upload_rate_limited")
        return await catalog.importer.run(user_id, data)
