"""Messages the catalog service produces: gear items (NAM captures and IRs) as they change."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec

from gts_contracts.envelope import Event
from gts_contracts.fields import (
    ByteCount,
    ChannelCount,
    GearFormat,
    GearKind,
    Label,
    Name,
    SampleRate,
    Seconds,
    Sha256,
)

Lufs = Annotated[float, msgspec.Meta(description="LUFS")]


class GearAddedV1(Event, frozen=True, kw_only=True):
    """`catalog.gear.added.v1`: a gear item entered a user's library.

    `architecture` and `size_preset` come from NAM metadata (e.g. "WaveNet", "standard");
    `channels` and `duration_seconds` describe an IR; `loudness` is the NAM model's
    metadata loudness (LUFS) when the capture recorded it.
    """

    owner_id: uuid.UUID
    gear_id: uuid.UUID
    kind: GearKind
    format: GearFormat
    blob_sha256: Sha256
    size_bytes: ByteCount
    name: Name
    make: Label | None
    model: Label | None
    architecture: Label | None
    size_preset: Label | None
    sample_rate: SampleRate
    channels: ChannelCount | None
    duration_seconds: Seconds | None
    loudness: Lufs | None


class GearUpdatedV1(Event, frozen=True, kw_only=True):
    """`catalog.gear.updated.v1`: a gear item changed; carries the whole current item."""

    owner_id: uuid.UUID
    gear_id: uuid.UUID
    kind: GearKind
    format: GearFormat
    blob_sha256: Sha256
    size_bytes: ByteCount
    name: Name
    make: Label | None
    model: Label | None
    architecture: Label | None
    size_preset: Label | None
    sample_rate: SampleRate
    channels: ChannelCount | None
    duration_seconds: Seconds | None
    loudness: Lufs | None


class GearRemovedV1(Event, frozen=True, kw_only=True):
    """`catalog.gear.removed.v1`: a gear item left a user's library (its blob may go too)."""

    owner_id: uuid.UUID
    gear_id: uuid.UUID
    blob_sha256: Sha256
