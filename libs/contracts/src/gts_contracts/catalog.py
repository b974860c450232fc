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
Dbu = Annotated[float, msgspec.Meta(ge=-100, le=100, description="dBu")]


class GearSubmodel(msgspec.Struct, frozen=True, kw_only=True):
    """One submodel of a NAM A2 SlimmableContainer: used for slim values up to `max_value`;
    its size (weights, multiply-adds per second of audio at its rate) and its own loudness."""

    max_value: Annotated[float, msgspec.Meta(ge=0)]
    parameters: Annotated[int, msgspec.Meta(ge=0)]
    macs_per_second: Annotated[int, msgspec.Meta(ge=0)]
    loudness: Lufs | None = None


Submodels = Annotated[list[GearSubmodel], msgspec.Meta(max_length=8)]


class GearItemEvent(Event, frozen=True, kw_only=True):
    """The whole current gear item, as the added and updated events carry it."""

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
    submodels: Submodels | None = None
    input_level_dbu: Dbu | None = None
    output_level_dbu: Dbu | None = None


class GearAddedV1(GearItemEvent, frozen=True, kw_only=True):
    """`catalog.gear.added.v1`: a gear item entered a user's library.

    `architecture` and `size_preset` come from NAM metadata (e.g. "WaveNet", "standard");
    `channels` and `duration_seconds` describe an IR; `loudness` is the NAM model's
    metadata loudness (LUFS) when the capture recorded it; `submodels` lists an A2
    SlimmableContainer's submodels (null for any other file).
    `input_level_dbu` / `output_level_dbu` are a NAM capture's calibration levels (the analog
    level in dBu at 0 dBFS of its input and of its output) when it recorded them.
    """


class GearUpdatedV1(GearItemEvent, frozen=True, kw_only=True):
    """`catalog.gear.updated.v1`: a gear item changed; carries the whole current item."""


class GearRemovedV1(Event, frozen=True, kw_only=True):
    """`catalog.gear.removed.v1`: a gear item left a user's library (its blob may go too)."""

    owner_id: uuid.UUID
    gear_id: uuid.UUID
    blob_sha256: Sha256
