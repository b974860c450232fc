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
    display_name: str
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


class NamedOut(msgspec.Struct):
    """A make or a tag."""

    id: int
    name: str


class ToneOut(msgspec.Struct):
    """A tone; `platform` repeats `format` under its deprecated name."""

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
    platform: str
    license: str
    sizes: list[str]
    makes: list[NamedOut]
    tags: list[NamedOut]
    url: str
    models_count: int
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
