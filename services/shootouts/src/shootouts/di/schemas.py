"""Request and response bodies of DI tracks."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

Text = Annotated[str, msgspec.Meta(max_length=2000)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
METADATA_FIELDS = ("name", "guitar", "pickup", "tuning", "notes")


class DITrackView(msgspec.Struct, frozen=True, kw_only=True):
    """A DI track: metadata, audio facts (seconds, Hz) and 200 waveform peaks in 0..1."""

    id: uuid.UUID
    name: str
    guitar: str
    pickup: str
    tuning: str
    notes: str
    filename: str
    format: str
    sha256: str
    size_bytes: int
    sample_rate: int
    channels: int
    duration_seconds: float
    peaks: list[float]
    created_at: datetime
    updated_at: datetime


class DITrackPatch(msgspec.Struct, frozen=True, kw_only=True):
    """A change to a DI track's metadata; fields left out stay as they are."""

    name: Name | None = None
    guitar: Text | None = None
    pickup: Text | None = None
    tuning: Text | None = None
    notes: Text | None = None
