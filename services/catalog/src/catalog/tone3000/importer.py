"""Import chosen models of a TONE3000 tone into a user's library, several at once."""

from __future__ import annotations

import asyncio
import uuid
from urllib.parse import unquote, urlsplit

from catalog.gear.facts import check_filename, read_facts
from catalog.gear.library import GearLibrary, NewGear
from catalog.gear.schemas import Tone3000Source
from catalog.tone3000.access import Tone3000Access
from catalog.tone3000.schemas import ImportReport, ImportRequest, ImportResult
from gts_contracts.fields import GearFormat
from gts_kit.errors import DomainError
from gts_tone3000 import LIST_PAGE_SIZE_MAX, Model, Tone, Tone3000UserApi


class Tone3000Importer:
    """Downloads with the user's token, validates like an upload, stores deduplicated."""

    def __init__(
        self,
        access: Tone3000Access,
        library: GearLibrary,
        limits: dict[GearFormat, int],
        concurrency: int,
    ) -> None:
        self._access = access
        self._library = library
        self._limits = limits
        self._concurrency = concurrency

    async def run(self, user_id: uuid.UUID, request: ImportRequest) -> ImportReport:
        """Each requested model's result; a missing tone fails the whole request (404)."""
        tone = await self._access.call(user_id, lambda api: api.get_tone(request.tone_id))
        models = await self._access.call(user_id, lambda api: _all_models(api, tone.id))
        gate = asyncio.Semaphore(self._concurrency)

        async def one(model_id: int) -> ImportResult:
            async with gate:
                return await self._import_one(
                    user_id, tone, models.get(model_id), model_id, request
                )

        results = await asyncio.gather(*(one(m) for m in dict.fromkeys(request.model_ids)))
        return ImportReport(tone_id=tone.id, results=list(results))

    async def _import_one(
        self,
        user_id: uuid.UUID,
        tone: Tone,
        model: Model | None,
        model_id: int,
        request: ImportRequest,
    ) -> ImportResult:
        if model is None:
            return ImportResult(
                model_id=model_id,
                status="failed",
                error=f"model_ids: {model_id} is not a model of tone {tone.id}",
                code="unknown_model",
            )
        try:
            filename = _filename(model, tone)
            fmt = check_filename(filename)
            limit = self._limits[fmt]
            data = await self._access.call(
                user_id, lambda api: api.download_model(model.model_url, max_bytes=limit)
            )
            facts = read_facts(data, filename, fmt)
            item, created = await self._library.add(
                user_id,
                data,
                NewGear(
                    filename=filename,
                    facts=facts,
                    kind=request.kind,
                    name=_display_name(tone, model),
                    source="tone3000",
                    tone3000=Tone3000Source(
                        tone_id=tone.id,
                        model_id=model.id,
                        tone_title=tone.title,
                        model_name=model.name,
                        author=tone.user.username if tone.user else None,
                        license=tone.license,
                        size=model.size,
                        url=tone.url,
                    ),
                ),
            )
        except DomainError as exc:
            return ImportResult(model_id=model_id, status="failed", error=exc.detail, code=exc.code)
        return ImportResult(
            model_id=model_id, status="imported" if created else "existing", item=item
        )


async def _all_models(api: Tone3000UserApi, tone_id: int) -> dict[int, Model]:
    found: dict[int, Model] = {}
    page = 1
    while True:
        answer = await api.list_models(tone_id, page=page, page_size=LIST_PAGE_SIZE_MAX)
        found.update((m.id, m) for m in answer.data)
        if page >= answer.total_pages:
            return found
        page += 1


def _filename(model: Model, tone: Tone) -> str:
    # the download URL's last segment is the file's name; fall back to the model's name
    last = unquote(urlsplit(model.model_url).path.rsplit("/", 1)[-1])
    if last.lower().endswith((".nam", ".wav")):
        return last
    suffix = ".wav" if (tone.file_format or "").lower() == "ir" else ".nam"
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in model.name).strip()
    return f"{safe or model.id}{suffix}"


def _display_name(tone: Tone, model: Model) -> str:
    # A model's name often repeats its tone's title ("Plexi" / "Plexi standard"): say it once.
    if not model.name or model.name == tone.title or model.name.startswith(tone.title):
        return model.name or tone.title
    return f"{tone.title} - {model.name}"
