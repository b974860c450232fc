"""`/api/v1/tone3000`: browse the user's TONE3000 library and search, with their own token."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, get
from litestar.params import Parameter

from catalog.wiring import Catalog
from gts_tone3000 import (
    LIST_PAGE_SIZE_MAX,
    SEARCH_PAGE_SIZE_MAX,
    Model,
    Page,
    SearchSort,
    Tone,
)

PageNo = Annotated[int, Parameter(ge=1)]


class Tone3000Controller(Controller):
    """Pass-through browsing; errors become problem+json (401 means sign in to TONE3000 again)."""

    path = "/api/v1/tone3000"
    tags = ["tone3000"]  # noqa: RUF012 (Litestar reads it as a class attribute)

    @get("/tones/created")
    async def created(
        self,
        user_id: uuid.UUID,
        catalog: Catalog,
        page: PageNo = 1,
        page_size: Annotated[int, Parameter(ge=1, le=LIST_PAGE_SIZE_MAX)] = 25,
    ) -> Page[Tone]:
        """The user's own tones."""
        return await catalog.tone3000.call(user_id, lambda api: api.tones_created(page, page_size))

    @get("/tones/favorited")
    async def favorited(
        self,
        user_id: uuid.UUID,
        catalog: Catalog,
        page: PageNo = 1,
        page_size: Annotated[int, Parameter(ge=1, le=LIST_PAGE_SIZE_MAX)] = 25,
    ) -> Page[Tone]:
        """The tones the user favourited."""
        return await catalog.tone3000.call(
            user_id, lambda api: api.tones_favorited(page, page_size)
        )

    @get("/tones/search")
    async def search(
        self,
        user_id: uuid.UUID,
        catalog: Catalog,
        text: Annotated[str, Parameter(query="query")] = "",
        gear: list[str] | None = None,
        size: list[str] | None = None,
        sort: SearchSort | None = None,
        page: PageNo = 1,
        page_size: Annotated[int, Parameter(ge=1, le=SEARCH_PAGE_SIZE_MAX)] = 25,
    ) -> Page[Tone]:
        """Public tones matching the query; `gear` and `size` may repeat."""
        return await catalog.tone3000.call(
            user_id,
            lambda api: api.search_tones(
                text, page, page_size, sort, gears=gear or None, sizes=size or None
            ),
        )

    @get("/tones/{tone_id:int}")
    async def tone(self, tone_id: int, user_id: uuid.UUID, catalog: Catalog) -> Tone:
        """One tone."""
        return await catalog.tone3000.call(user_id, lambda api: api.get_tone(tone_id))

    @get("/tones/{tone_id:int}/models")
    async def models(
        self,
        tone_id: int,
        user_id: uuid.UUID,
        catalog: Catalog,
        page: PageNo = 1,
        page_size: Annotated[int, Parameter(ge=1, le=LIST_PAGE_SIZE_MAX)] = 100,
    ) -> Page[Model]:
        """The tone's downloadable models."""
        return await catalog.tone3000.call(
            user_id, lambda api: api.list_models(tone_id, page, page_size)
        )
