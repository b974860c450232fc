"""A tone's models that GTS can run, gathered over every runnable architecture."""

from __future__ import annotations

from catalog.tone3000.architectures import RUNNABLE_ARCHITECTURES
from gts_tone3000 import LIST_PAGE_SIZE_MAX, Architecture, Model, Tone, Tone3000UserApi


async def runnable_models(api: Tone3000UserApi, tone: Tone) -> dict[int, Model]:
    """Every runnable model of `tone` by id (all pages), architecture by architecture.

    NAM tones are listed once per runnable architecture; other formats carry no
    architecture, so they are listed once without the filter.
    """
    found: dict[int, Model] = {}
    wanted: tuple[Architecture | None, ...] = (
        RUNNABLE_ARCHITECTURES if (tone.file_format or "nam") == "nam" else (None,)
    )
    for architecture in wanted:
        page = 1
        while True:
            answer = await api.list_models(
                tone.id, page=page, page_size=LIST_PAGE_SIZE_MAX, architecture=architecture
            )
            found.update((m.id, m) for m in answer.data)
            if page >= answer.total_pages:
                break
            page += 1
    return found
