"""The data calls made with one user's Bearer token."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Literal, TypeVar
from urllib.parse import urlsplit

import httpx
import msgspec

from gts_tone3000.config import Tone3000Config
from gts_tone3000.errors import Tone3000DownloadTooLargeError, Tone3000Error
from gts_tone3000.origin import same_site
from gts_tone3000.shapes import Model, Page, Tone, User
from gts_tone3000.transport import Transport, raise_for_status
from gts_tone3000.vocabulary import Architecture, ToneFormat

T = TypeVar("T")

LIST_PAGE_SIZE_MAX = 100
SEARCH_PAGE_SIZE_MAX = 25
_ERROR_BODY_MAX = 4096

SearchSort = Literal["best-match", "newest", "oldest", "trending", "downloads-all-time"]


def _check_page(page: int, page_size: int, cap: int) -> None:
    if page < 1:
        raise ValueError(f"page: {page}, pages count from 1")
    if not 1 <= page_size <= cap:
        raise ValueError(f"page_size: {page_size}, TONE3000 allows 1 to {cap}")


def _joined(field: str, values: Sequence[str] | None, separator: str = "_") -> str | None:
    # TONE3000 takes several values joined with "_" (creators with ",": usernames hold "_")
    if not values:
        return None
    for value in values:
        if separator in value:
            raise ValueError(f"{field}: {value!r} holds {separator!r}, which joins values")
    return separator.join(values)


def user_key_for(access_token: str) -> str:
    """A limiter key derived from a token, for callers that do not know the user id yet."""
    return "token:" + hashlib.sha256(access_token.encode()).hexdigest()[:16]


class Tone3000UserApi:
    """TONE3000 data calls as one user: every request carries their Bearer token.

    `user_key` keys the client-side limit (100 requests a minute per user); pass the
    user's stable id so the limit survives token refreshes.
    """

    def __init__(
        self, transport: Transport, config: Tone3000Config, access_token: str, user_key: str
    ) -> None:
        self._transport = transport
        self._config = config
        self._token = access_token
        self._user_key = user_key

    def __repr__(self) -> str:
        return f"Tone3000UserApi(user_key={self._user_key!r})"

    async def _get(self, path: str, type_: type[T], params: dict[str, str | int | None]) -> T:
        body = await self._transport.send_json(
            "GET",
            f"{self._config.api_root}{path}",
            token=self._token,
            user_key=self._user_key,
            params={k: v for k, v in params.items() if v is not None},
        )
        try:
            return msgspec.json.decode(body, type=type_)
        except msgspec.DecodeError as exc:
            raise Tone3000Error(200, f"{path}: answer unreadable: {exc}") from exc

    async def get_user(self) -> User:
        """The signed-in user (`GET /user`)."""
        return await self._get("/user", User, {})

    async def tones_created(self, page: int = 1, page_size: int = 25) -> Page[Tone]:
        """The user's own tones, one page (`page_size` up to 100)."""
        _check_page(page, page_size, LIST_PAGE_SIZE_MAX)
        return await self._get("/tones/created", Page[Tone], {"page": page, "page_size": page_size})

    async def tones_favorited(self, page: int = 1, page_size: int = 25) -> Page[Tone]:
        """The user's favourite tones, one page (`page_size` up to 100)."""
        _check_page(page, page_size, LIST_PAGE_SIZE_MAX)
        return await self._get(
            "/tones/favorited", Page[Tone], {"page": page, "page_size": page_size}
        )

    async def search_tones(
        self,
        query: str = "",
        page: int = 1,
        page_size: int = 25,
        sort: SearchSort | None = None,
        *,
        gears: Sequence[str] | None = None,
        sizes: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        makes: Sequence[str] | None = None,
        creators: Sequence[str] | None = None,
        format: ToneFormat | None = None,
        architecture: Architecture | None = None,
    ) -> Page[Tone]:
        """Public tones matching `query` and the filters, one page (`page_size` up to 25).

        `tags`, `makes` (names, matched exactly) and `creators` (usernames) match any of
        their values. Without `architecture` TONE3000 leaves out tones with only A2 models.
        """
        _check_page(page, page_size, SEARCH_PAGE_SIZE_MAX)
        params: dict[str, str | int | None] = {
            "query": query or None,
            "page": page,
            "page_size": page_size,
            "sort": sort,
            "gears": _joined("gears", gears),
            "sizes": _joined("sizes", sizes),
            "tags": _joined("tags", tags),
            "makes": _joined("makes", makes),
            "creators": _joined("creators", creators, ","),
            "format": format,
            "architecture": architecture,
        }
        return await self._get("/tones/search", Page[Tone], params)

    async def get_tone(self, tone_id: int) -> Tone:
        """One tone by id."""
        return await self._get(f"/tones/{int(tone_id)}", Tone, {})

    async def get_model(self, model_id: int) -> Model:
        """One model by id (`GET /models/{id}`)."""
        return await self._get(f"/models/{int(model_id)}", Model, {})

    async def list_models(
        self,
        tone_id: int,
        page: int = 1,
        page_size: int = 100,
        architecture: Architecture | None = None,
    ) -> Page[Model]:
        """The tone's downloadable models, one page (`page_size` up to 100).

        Without `architecture` TONE3000 lists only A1 and custom models.
        """
        _check_page(page, page_size, LIST_PAGE_SIZE_MAX)
        params: dict[str, str | int | None] = {
            "tone_id": int(tone_id),
            "page": page,
            "page_size": page_size,
            "architecture": architecture,
        }
        return await self._get("/models", Page[Model], params)

    async def download_model(self, model_url: str, max_bytes: int) -> bytes:
        """The model file at `model_url`, streamed; refuses a body over `max_bytes` bytes."""
        self._check_same_origin(model_url)
        response = await self._transport.send(
            "GET", model_url, token=self._token, user_key=self._user_key, stream=True
        )
        try:
            if not response.is_success:
                try:
                    body = await _read_bounded(response, _ERROR_BODY_MAX)
                except Tone3000DownloadTooLargeError:
                    body = b""
                raise_for_status(response, body)
            told = response.headers.get("Content-Length")
            if told is not None and told.isdigit() and int(told) > max_bytes:
                raise Tone3000DownloadTooLargeError(max_bytes, int(told))
            return await _read_bounded(response, max_bytes)
        finally:
            await response.aclose()

    def _check_same_origin(self, model_url: str) -> None:
        # the Bearer token only ever goes to TONE3000's own site (see `gts_tone3000.origin`)
        if not same_site(self._config.api_root, model_url):
            got = urlsplit(model_url)
            raise Tone3000Error(
                None, f"model_url: {got.scheme}://{got.netloc} is not TONE3000's site"
            )


async def _read_bounded(response: httpx.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise Tone3000DownloadTooLargeError(max_bytes, None)
        chunks.append(chunk)
    return b"".join(chunks)
