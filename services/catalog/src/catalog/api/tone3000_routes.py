"""`/api/v1/tone3000`: browse the user's TONE3000 library and search, with their own token."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from litestar import Controller, get
from litestar.di import Provide
from litestar.params import Parameter

from catalog.tone3000.architectures import checked_search_architecture
from catalog.tone3000.models import runnable_models
from catalog.tone3000.search_filters import CREATOR_SEPARATOR, TAG_SEPARATOR, checked_names
from catalog.wiring import Catalog
from gts_tone3000 import (
    LIST_PAGE_SIZE_MAX,
    SEARCH_PAGE_SIZE_MAX,
    Architecture,
    Gear,
    Model,
    Page,
    SearchSort,
    Size,
    Tone,
    Tone3000UserApi,
    ToneFormat,
)

PageNo = Annotated[int, Parameter(ge=1)]
ListPageSize = Annotated[int, Parameter(ge=1, le=LIST_PAGE_SIZE_MAX)]


@dataclass(frozen=True, slots=True)
class ListPage:
    """The page of a TONE3000 list asked for: `page` from 1, `page_size` tones a page."""

    page: int
    page_size: int


def _list_page(page: PageNo = 1, page_size: ListPageSize = 25) -> ListPage:
    return ListPage(page, page_size)


# the `listing` of a route over one of the user's TONE3000 lists, paged as TONE3000 pages
LIST_PAGE = {"listing": Provide(_list_page, sync_to_thread=False)}


class Tone3000Controller(Controller):
    """Pass-through browsing; errors become problem+json (401 means sign in to TONE3000 again)."""

    path = "/api/v1/tone3000"
    tags = ["tone3000"]  # noqa: RUF012 (Litestar reads it as a class attribute)

    @get("/tones/created", dependencies=LIST_PAGE)
    async def created(self, user_id: uuid.UUID, catalog: Catalog, listing: ListPage) -> Page[Tone]:
        """The user's own tones."""
        return await catalog.tone3000.call(
            user_id, lambda api: api.tones_created(listing.page, listing.page_size)
        )

    @get("/tones/favorited", dependencies=LIST_PAGE)
    async def favorited(
        self, user_id: uuid.UUID, catalog: Catalog, listing: ListPage
    ) -> Page[Tone]:
        """The tones the user favourited."""
        return await catalog.tone3000.call(
            user_id, lambda api: api.tones_favorited(listing.page, listing.page_size)
        )

    @get("/tones/search")
    async def search(
        self,
        user_id: uuid.UUID,
        catalog: Catalog,
        text: Annotated[str, Parameter(query="query")] = "",
        gear: list[Gear] | None = None,
        size: list[Size] | None = None,
        tag: list[str] | None = None,
        make: list[str] | None = None,
        creator: list[str] | None = None,
        tone_format: Annotated[ToneFormat | None, Parameter(query="format")] = None,
        architecture: Architecture | None = None,
        sort: SearchSort | None = None,
        page: PageNo = 1,
        page_size: Annotated[int, Parameter(ge=1, le=SEARCH_PAGE_SIZE_MAX)] = 25,
    ) -> Page[Tone]:
        """Public tones matching the query and every filter.

        `gear`, `size`, `tag`, `make` and `creator` may repeat (any value matches); tags
        and makes go by exact name, creators by username. `architecture` must be one GTS
        can run; without it TONE3000 searches A1 and custom tones.
        """
        tags = checked_names("tag", tag, TAG_SEPARATOR)
        makes = checked_names("make", make, TAG_SEPARATOR)
        creators = checked_names("creator", creator, CREATOR_SEPARATOR)
        wanted = checked_search_architecture(architecture)
        return await catalog.tone3000.call(
            user_id,
            lambda api: api.search_tones(
                text, page, page_size, sort, gears=gear or None, sizes=size or None,
                tags=tags, makes=makes, creators=creators, format=tone_format,
                architecture=wanted,
            ),
        )  # fmt: skip

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
        page_size: ListPageSize = 100,
    ) -> Page[Model]:
        """The tone's models GTS can run (every runnable architecture), one page."""

        async def listed(api: Tone3000UserApi) -> list[Model]:
            return list((await runnable_models(api, await api.get_tone(tone_id))).values())

        models = await catalog.tone3000.call(user_id, listed)
        start = (page - 1) * page_size
        return Page(
            data=models[start : start + page_size],
            page=page,
            page_size=page_size,
            total=len(models),
            total_pages=(len(models) + page_size - 1) // page_size,
        )
