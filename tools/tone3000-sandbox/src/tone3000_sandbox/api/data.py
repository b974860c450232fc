"""The data endpoints: user, tones, models and model downloads, all behind a Bearer token."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get
from litestar.params import Parameter

from tone3000_sandbox.api.deps import API_PREFIX, site_url
from tone3000_sandbox.api.errors import ApiError
from tone3000_sandbox.api.paging import LIST_CAP, SEARCH_CAP, PageQuery
from tone3000_sandbox.api.present import model_out, tone_out, user_out
from tone3000_sandbox.api.request import Req
from tone3000_sandbox.api.search import (
    DEPRECATED_GEARS,
    SearchFilters,
    architectures_for,
    search,
    split_filter,
)
from tone3000_sandbox.api.shapes import ModelOut, PageOut, ToneOut, UserOut
from tone3000_sandbox.library import SandboxModel, SandboxTone, SandboxUser
from tone3000_sandbox.state import SandboxState

DEPRECATIONS_HEADER = "X-Tone3000-Deprecations"


def _visible(tone: SandboxTone | None, user: SandboxUser) -> SandboxTone:
    # a missing tone is 404; another user's private tone is 403 ("not available")
    if tone is None:
        raise ApiError(404, "not_found", "tone_id: no such tone")
    if not tone.is_public and tone.user_id != user.id:
        raise ApiError(403, "forbidden", "tone_id: this tone is private")
    return tone


def _listed(model: SandboxModel, architectures: frozenset[str]) -> bool:
    # the architecture filter is NAM's; IRs and other formats carry none
    version = model.architecture_version
    return version is None or version in architectures


class DataController(Controller):
    """Everything a signed-in user reads."""

    path = "/"

    @get("/user", sync_to_thread=False)
    def get_user(self, request: Req, sandbox: SandboxState, user: SandboxUser) -> UserOut:
        """The signed-in user."""
        return user_out(user, site_url(request, sandbox))

    @get("/tones/created", sync_to_thread=False)
    def tones_created(
        self, request: Req, sandbox: SandboxState, user: SandboxUser, paging: PageQuery
    ) -> PageOut[ToneOut]:
        """The user's own tones, private ones included, newest first."""
        mine = [t for t in sandbox.library.tones.values() if t.user_id == user.id]
        mine.sort(key=lambda t: t.created_at, reverse=True)
        return self._tones(request, sandbox, paging.window(mine, LIST_CAP))

    @get("/tones/favorited", sync_to_thread=False)
    def tones_favorited(
        self, request: Req, sandbox: SandboxState, user: SandboxUser, paging: PageQuery
    ) -> PageOut[ToneOut]:
        """The user's favourite tones."""
        ids = sandbox.library.favorites.get(user.id, ())
        tones = [sandbox.library.tones[i] for i in ids]
        return self._tones(request, sandbox, paging.window(tones, LIST_CAP))

    @get("/tones/search", sync_to_thread=False)
    def tones_search(
        self,
        request: Req,
        sandbox: SandboxState,
        user: SandboxUser,
        paging: PageQuery,
        text: Annotated[str, Parameter(query="query")] = "",
        sort: str = "best-match",
        gears: str | None = None,
        sizes: str | None = None,
        tags: str | None = None,
        makes: str | None = None,
        creators: str | None = None,
        format: str | None = None,
        architecture: str | None = None,
    ) -> Response[PageOut[ToneOut]]:
        """Public tones matching `query` and the filters (page_size up to 25)."""
        gear_set = split_filter(gears)
        filters = SearchFilters(
            gears=gear_set, sizes=split_filter(sizes), tags=split_filter(tags),
            makes=split_filter(makes), creators=split_filter(creators, ","), format=format,
            architectures=architectures_for(architecture),
        )  # fmt: skip
        found = search(sandbox.library, text, sort, filters)
        body = self._tones(request, sandbox, paging.window(found, SEARCH_CAP), searched=True)
        old = sorted(gear_set & DEPRECATED_GEARS.keys())
        notice = "; ".join(f"gears={g} is deprecated, use {DEPRECATED_GEARS[g]}" for g in old)
        return Response(body, headers={DEPRECATIONS_HEADER: notice} if notice else None)

    @get("/tones/{tone_id:int}", sync_to_thread=False)
    def get_tone(
        self, request: Req, sandbox: SandboxState, user: SandboxUser, tone_id: int
    ) -> ToneOut:
        """One tone (public, or the user's own)."""
        tone = _visible(sandbox.library.tones.get(tone_id), user)
        return tone_out(tone, sandbox.library, site_url(request, sandbox))

    @get("/models", sync_to_thread=False)
    def list_models(
        self,
        request: Req,
        sandbox: SandboxState,
        user: SandboxUser,
        tone_id: int,
        paging: PageQuery,
        architecture: str | None = None,
    ) -> PageOut[ModelOut]:
        """The tone's models; without `architecture` only A1 and custom ones (no A2)."""
        wanted = architectures_for(architecture)
        tone = _visible(sandbox.library.tones.get(tone_id), user)
        models = [m for m in tone.models if _listed(m, wanted)]
        api_root = site_url(request, sandbox) + API_PREFIX
        return paging.window([model_out(m, api_root) for m in models], LIST_CAP)

    @get("/models/{model_id:int}", sync_to_thread=False)
    def get_model(
        self, request: Req, sandbox: SandboxState, user: SandboxUser, model_id: int
    ) -> ModelOut:
        """One model, whatever its architecture."""
        model = sandbox.library.model(model_id)
        if model is None:
            raise ApiError(404, "not_found", "model_id: no such model")
        _visible(sandbox.library.tones.get(model.tone_id), user)
        return model_out(model, site_url(request, sandbox) + API_PREFIX)

    @get("/models/{model_id:int}/download/{file_name:str}", sync_to_thread=False)
    def download(
        self, sandbox: SandboxState, user: SandboxUser, model_id: int, file_name: str
    ) -> Response[bytes]:
        """The model file itself."""
        model = sandbox.library.model(model_id)
        if model is None or model.file_name != file_name:
            raise ApiError(404, "not_found", "model_url: no such model file")
        _visible(sandbox.library.tones.get(model.tone_id), user)
        media = "audio/wav" if file_name.endswith(".wav") else "application/octet-stream"
        disposition = f'attachment; filename="{file_name}"'
        return Response(model.body, media_type=media, headers={"Content-Disposition": disposition})

    def _tones(
        self,
        request: Req,
        sandbox: SandboxState,
        window: PageOut[SandboxTone],
        *,
        searched: bool = False,
    ) -> PageOut[ToneOut]:
        site = site_url(request, sandbox)
        return PageOut(
            data=[tone_out(t, sandbox.library, site, searched=searched) for t in window.data],
            page=window.page,
            page_size=window.page_size,
            total=window.total,
            total_pages=window.total_pages,
        )
