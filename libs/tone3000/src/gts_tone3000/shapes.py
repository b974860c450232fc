"""TONE3000 response shapes: tolerant of fields we do not know yet, and of the ids and
lists the live API leaves out or sends as null (search results carry makes and tags
without `id`; IR tones carry `sizes: null`)."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")


class Page(msgspec.Struct, Generic[T]):
    """The envelope of every list: one page of `data` and where it sits (pages count from 1)."""

    data: list[T]
    page: int
    page_size: int
    total: int
    total_pages: int


class UserRef(msgspec.Struct):
    """The author shown on a tone; `id` is a UUID string as seen live, a number as documented."""

    id: str | int
    username: str
    display_name: str | None = None
    is_verified: bool | None = None
    avatar_url: str | None = None
    url: str | None = None


class User(msgspec.Struct):
    """The signed-in user (`GET /user`)."""

    id: str
    username: str
    display_name: str | None = None
    avatar_url: str | None = None
    url: str | None = None
    bio: str | None = None
    links: list[str] | None = None
    created_at: datetime | None = None


class Named(msgspec.Struct):
    """A make or a tag; search results leave `id` out, so filters go by `name`."""

    name: str
    id: int | None = None


class Tone(msgspec.Struct):
    """A tone: a capture pack of one or more models (or IRs)."""

    id: int
    title: str
    user_id: str | int | None = None
    user: UserRef | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    published_at: datetime | None = None
    description: str | None = None
    gear: str | None = None
    images: list[str] | None = None
    is_public: bool | None = None
    links: list[str] | None = None
    format: str | None = None
    # the deprecated name of `format`, still sent by older answers
    platform: str | None = None
    license: str | None = None
    # null on the wire for IR tones (sizes) and some others; read as empty lists
    sizes: list[str] | None = msgspec.field(default_factory=list)
    makes: list[Named] | None = msgspec.field(default_factory=list)
    tags: list[Named] | None = msgspec.field(default_factory=list)
    url: str | None = None
    models_count: int | None = None
    a1_models_count: int | None = None
    a2_models_count: int | None = None
    custom_models_count: int | None = None
    irs_count: int | None = None
    downloads_count: int | None = None
    favorites_count: int | None = None
    is_favorite: bool | None = None

    def __post_init__(self) -> None:
        # one shape for our callers and our own API: a list, empty when TONE3000 sent null
        if self.sizes is None:
            self.sizes = []
        if self.makes is None:
            self.makes = []
        if self.tags is None:
            self.tags = []

    @property
    def file_format(self) -> str | None:
        """`format`, falling back to the deprecated `platform` (e.g. `nam`, `ir`)."""
        return self.format if self.format is not None else self.platform


class Model(msgspec.Struct):
    """One downloadable file of a tone; `architecture_version` is "1", "2", "custom" or None."""

    id: int
    tone_id: int
    name: str
    model_url: str
    user_id: str | int | None = None
    size: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    architecture_version: str | None = None
