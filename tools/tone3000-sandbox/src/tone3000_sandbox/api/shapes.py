"""Response shapes, as TONE3000 sends them (written from the protocol, not from the client)."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")


class PageOut(msgspec.Struct, Generic[T]):
    """The list envelope."""

    data: list[T]
    page: int
    page_size: int
    total: int
    total_pages: int


class UserRefOut(msgspec.Struct):
    """A tone's author."""

    id: str
    username: str
    display_name: str | None
    is_verified: bool
    avatar_url: str | None
    url: str


class UserOut(msgspec.Struct):
    """`GET /user`."""

    id: str
    username: str
    display_name: str
    avatar_url: str | None
    url: str
    bio: str | None
    links: list[str]


class NamedOut(msgspec.Struct, omit_defaults=True):
    """A make or a tag; search results leave `id` out (None here), as TONE3000's do."""

    name: str
    id: int | None = None


class ToneOut(msgspec.Struct):
    """A tone; `sizes` is null for tones without NAM models (IRs and other formats).

    `models_count` counts what `/models` lists without `architecture` (A1, custom, files
    of other formats); the per-kind counts split every model.
    """

    id: int
    user_id: str
    user: UserRefOut
    created_at: datetime
    updated_at: datetime
    title: str
    description: str
    gear: str
    images: list[str]
    is_public: bool
    links: list[str]
    format: str
    license: str
    sizes: list[str] | None
    makes: list[NamedOut]
    tags: list[NamedOut]
    url: str
    models_count: int
    a1_models_count: int
    a2_models_count: int
    custom_models_count: int
    irs_count: int
    downloads_count: int
    favorites_count: int


class ModelOut(msgspec.Struct):
    """A downloadable model; `model_url` is absolute."""

    id: int
    tone_id: int
    user_id: str
    created_at: datetime
    updated_at: datetime
    name: str
    model_url: str
    size: str | None
    architecture_version: str | None
