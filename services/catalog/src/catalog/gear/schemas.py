"""What the gear API reads and answers (msgspec structs, never table rows)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from gts_contracts.fields import GearFormat, GearKind
from gts_kit.http.paging import Page

GearSource = Literal["upload", "tone3000"]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
Notes = Annotated[str, msgspec.Meta(max_length=4000)]


class Tone3000Source(msgspec.Struct, frozen=True, kw_only=True):
    """Where an imported item came from on TONE3000; `size` is the A1 size of the model."""

    tone_id: int
    model_id: int
    tone_title: str
    model_name: str
    author: str | None = None
    license: str | None = None
    size: str | None = None
    url: str | None = None


class Submodel(msgspec.Struct, frozen=True, kw_only=True):
    """One submodel of a NAM A2 SlimmableContainer: a chain's `slim` value up to `max_value`
    runs it; its size (weights, multiply-adds per second of audio) and its own loudness (LUFS)."""

    max_value: float
    parameters: int
    macs_per_second: int
    loudness: float | None


class GearItem(msgspec.Struct, frozen=True, kw_only=True):
    """One item of a user's gear library: its display fields, provenance and file facts.

    `submodels` lists an A2 SlimmableContainer's submodels, smallest first (null otherwise).
    """

    id: uuid.UUID
    kind: GearKind
    format: GearFormat
    name: str
    make: str | None
    model: str | None
    tags: list[str]
    notes: str
    favourite: bool
    filename: str
    source: GearSource
    tone3000: Tone3000Source | None
    sha256: str
    size_bytes: int
    architecture: str | None
    size_preset: str | None
    sample_rate: int
    receptive_field: int | None
    metadata: dict[str, Any] | None
    submodels: list[Submodel] | None = None
    channels: int | None
    duration_seconds: float | None
    created_at: datetime
    updated_at: datetime


class GearPage(Page[GearItem], kw_only=True):
    """One page of a filtered gear list; `total` counts every match.

    The kit's page under its own name, the one the web app's generated types use.
    """

    items: list[GearItem]  # named again so the OpenAPI schema refers to GearItem


class GearUpdate(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The fields a user may change; absent ones stay as they are."""

    name: Name | msgspec.UnsetType = msgspec.UNSET
    kind: GearKind | msgspec.UnsetType = msgspec.UNSET
    tags: Annotated[list[Tag], msgspec.Meta(max_length=32)] | msgspec.UnsetType = msgspec.UNSET
    notes: Notes | msgspec.UnsetType = msgspec.UNSET
    favourite: bool | msgspec.UnsetType = msgspec.UNSET


class GearFilter(msgspec.Struct, frozen=True, kw_only=True):
    """List filters: all given ones must match; `q` searches name, make and model."""

    kind: GearKind | None = None
    format: GearFormat | None = None
    source: GearSource | None = None
    tag: str | None = None
    q: str | None = None
    favourite: bool | None = None
