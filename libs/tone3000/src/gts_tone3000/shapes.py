"""TONE3000 response shapes: tolerant of fields we do not know yet."""

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
    """The author shown on a tone."""

    id: str
    username: str
    display_name: str | None = None
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
    """A make or a tag."""

    id: int
    name: str


class Tone(msgspec.Struct):
    """A tone: a capture pack of one or more models (or IRs)."""

    id: int
    title: str
    user_id: str | None = None
    user: UserRef | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    description: str | None = None
    gear: str | None = None
    images: list[str] | None = None
    is_public: bool | None = None
    links: list[str] | None = None
    format: str | None = None
    # the deprecated name of `format`, still sent by older answers
    platform: str | None = None
    license: str | None = None
    sizes: list[str] = msgspec.field(default_factory=list)
    makes: list[Named] = msgspec.field(default_factory=list)
    tags: list[Named] = msgspec.field(default_factory=list)
    url: str | None = None
    models_count: int | None = None
    downloads_count: int | None = None
    favorites_count: int | None = None

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
    user_id: str | None = None
    size: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    architecture_version: str | None = None
