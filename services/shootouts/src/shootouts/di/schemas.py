"""Request and response bodies of DI tracks."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from gts_contracts import DIChannel

Text = Annotated[str, msgspec.Meta(max_length=2000)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
METADATA_FIELDS = ("name", "guitar", "pickup", "tuning", "notes")


class DITrackView(msgspec.Struct, frozen=True, kw_only=True):
    """A DI track: metadata, audio facts (seconds, Hz) and 200 waveform peaks in 0..1.

    `channel` is the one rendered of the file's `channels`: `left`, `right` or `mix` (the mean
    of both). A mono file has one channel, and every choice reads it.
    """

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
    channel: DIChannel
    duration_seconds: float
    peaks: list[float]
    created_at: datetime
    updated_at: datetime


class DITrackPatch(msgspec.Struct, frozen=True, kw_only=True):
    """A change to a DI track's metadata or rendered channel; fields left out stay as they are.

    A new `channel` applies to renders submitted from then on.
    """

    name: Name | None = None
    guitar: Text | None = None
    pickup: Text | None = None
    tuning: Text | None = None
    notes: Text | None = None
    channel: DIChannel | None = None
