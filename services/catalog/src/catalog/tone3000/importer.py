"""Import chosen models of a TONE3000 tone into a user's library, several at once."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from catalog.gear.facts import check_filename, read_facts
from catalog.gear.library import GearLibrary, NewGear
from catalog.gear.schemas import Tone3000Source
from catalog.tone3000.access import Tone3000Access
from catalog.tone3000.architectures import (
    IMPORTABLE_FORMATS,
    RUNNABLE_ARCHITECTURES,
    runnable,
)
from catalog.tone3000.models import runnable_models
from catalog.tone3000.schemas import ImportReport, ImportRequest, ImportResult
from gts_contracts.fields import NAME_MAX_CHARS, GearFormat, GearKind
from gts_kit.errors import DomainError, FieldProblem, InvalidInputError, NotFoundError
from gts_tone3000 import Model, Tone

# A tone filed on TONE3000 as pedal or outboard gear is that, whatever its files' `gear_type`
# says (often nothing, or the trainer's default `amp`); other tones go by the files' metadata.
_TONE_GEAR_KINDS: dict[str, GearKind] = {"pedal": "pedal", "outboard": "outboard"}


@dataclass(frozen=True, slots=True)
class Tone3000Importer:
    """Downloads with the user's token, validates like an upload, stores deduplicated;
    `limits` are the largest file of each format (bytes), `concurrency` the models
    downloaded at once."""

    access: Tone3000Access
    library: GearLibrary
    limits: dict[GearFormat, int]
    concurrency: int

    async def run(self, user_id: uuid.UUID, request: ImportRequest) -> ImportReport:
        """Each requested model's result; a missing or private tone fails the whole request
        (404), and so does one of a format GTS does not import (422, before any download). A
        user already at a gear quota is refused at once (429/413); a model that no longer fits
        fails with code `quota_exceeded` while those before it stay."""
        await self.library.check_room(user_id, 0)
        tone = await self.access.call(user_id, lambda api: api.get_tone(request.tone_id))
        _check_format(tone)
        models = await self.access.call(user_id, lambda api: runnable_models(api, tone))
        gate = asyncio.Semaphore(self.concurrency)

        async def one(model_id: int) -> ImportResult:
            async with gate:
                model = models.get(model_id)
                if model is None:
                    return await self._not_listed(user_id, tone, model_id)
                return await self._import_one(user_id, tone, model, request)

        results = await asyncio.gather(*(one(m) for m in dict.fromkeys(request.model_ids)))
        return ImportReport(tone_id=tone.id, results=list(results))

    async def _not_listed(self, user_id: uuid.UUID, tone: Tone, model_id: int) -> ImportResult:
        # not among the runnable models: say whether it is one GTS cannot run, or none at all
        try:
            model = await self.access.call(user_id, lambda api: api.get_model(model_id))
        except NotFoundError:
            model = None
        if (
            model is not None
            and model.tone_id == tone.id
            and not runnable(model.architecture_version)
        ):
            return ImportResult(
                model_id=model_id,
                status="failed",
                error=(
                    f"model_ids: {model_id} has architecture {model.architecture_version!r};"
                    f" GTS runs {', '.join(RUNNABLE_ARCHITECTURES)}"
                ),
                code="unsupported_architecture",
            )
        return ImportResult(
            model_id=model_id,
            status="failed",
            error=f"model_ids: {model_id} is not a model of tone {tone.id}",
            code="unknown_model",
        )

    async def _import_one(
        self, user_id: uuid.UUID, tone: Tone, model: Model, request: ImportRequest
    ) -> ImportResult:
        model_id = model.id
        try:
            filename = _filename(model, tone)
            fmt = check_filename(filename)
            limit = self.limits[fmt]
            data = await self.access.call(
                user_id, lambda api: api.download_model(model.model_url, max_bytes=limit)
            )
            facts = read_facts(data, filename, fmt)
            item, created = await self.library.add(
                user_id,
                data,
                NewGear(
                    filename=filename,
                    facts=facts,
                    kind=request.kind or _TONE_GEAR_KINDS.get(tone.gear or ""),
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


def _check_format(tone: Tone) -> None:
    fmt = tone.file_format or "nam"
    if fmt in IMPORTABLE_FORMATS:
        return
    reason = f"tone {tone.id} is a {fmt} tone; GTS imports {' and '.join(IMPORTABLE_FORMATS)} tones"
    raise InvalidInputError(
        f"tone_id: {reason}",
        problems=[FieldProblem("tone_id", reason, "unsupported_format")],
        code="unsupported_format",
    )


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
        name = model.name or tone.title
    else:
        name = f"{tone.title} - {model.name}"
    return name.strip()[:NAME_MAX_CHARS]  # TONE3000's titles are not ours to refuse
