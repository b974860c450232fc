"""Messages the shootouts service produces: the render command, its cancellation, job state,
and the listening room's running counts."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

import msgspec

from gts_contracts.envelope import Event
from gts_contracts.fields import (
    ChannelCount,
    DIChannel,
    GearFormat,
    GearKind,
    Label,
    Name,
    Percent,
    SampleRate,
    Sha256,
    Text,
)
from gts_contracts.render import RenderStage

EffectName = Literal["noise_gate", "compressor", "eq", "delay", "reverb"]
InputMode = Literal["raw", "calibrated"]
OutputMode = Literal["raw", "normalized", "calibrated"]
MontageMode = Literal["alternate", "sequence"]
Decibels = Annotated[float, msgspec.Meta(ge=-60.0, le=60.0, description="dB")]
# Upper bounds of a render command, at or above what the shootouts API accepts.
MAX_DI_TRACKS = 8
MAX_CHAINS = 26  # a blind montage labels chains A to Z
MAX_BLOCKS = 64
MAX_ROUNDS = 2  # a sequence montage goes round the chains once or twice


class DITrackRef(msgspec.Struct, frozen=True, kw_only=True):
    """A DI recording to run through every chain; its audio is the blob `blob_sha256`.

    `channel` is the one to render from a stereo recording (`mix`: the mean of both); a mono
    recording has one channel, and every choice reads it. Commands without it mean `left`.

    `start_seconds` / `end_seconds` name the passage of the recording to compare (null end: to
    the end); the chains' renders, the montage, the video and the metrics cover that passage.
    Commands without them mean the whole recording.
    """

    di_id: uuid.UUID
    name: Name
    blob_sha256: Sha256
    sample_rate: SampleRate
    channels: ChannelCount
    duration_seconds: Annotated[float, msgspec.Meta(gt=0, description="seconds")]
    channel: DIChannel = "left"
    start_seconds: Annotated[float, msgspec.Meta(ge=0, description="seconds")] = 0.0
    end_seconds: Annotated[float, msgspec.Meta(gt=0, description="seconds")] | None = None


class GearBlock(msgspec.Struct, frozen=True, kw_only=True, tag="gear", tag_field="type"):
    """A chain block that runs a gear item: a NAM capture (`nam`) or a cabinet IR (`ir`).

    `slim` (0..1) picks the submodel of an A2 SlimmableContainer capture, or the channels
    of a slimmable WaveNet (NAM Core's thresholds); null runs the largest, as NAM Core's
    `render`.

    `input_gain_db` and `output_gain_db` are applied just before and just after a capture:
    the levels shootouts resolved from the chain's input and output modes (0 when raw).
    """

    gear_id: uuid.UUID
    kind: GearKind
    format: GearFormat
    blob_sha256: Sha256
    name: Name
    architecture: Label | None
    slim: Annotated[float, msgspec.Meta(ge=0, le=1)] | None = None
    input_gain_db: Decibels = 0.0
    output_gain_db: Decibels = 0.0


class EffectBlock(msgspec.Struct, frozen=True, kw_only=True, tag="effect", tag_field="type"):
    """A chain block that runs a built-in effect with its parameters (names per effect)."""

    effect: EffectName
    params: Annotated[
        dict[Annotated[str, msgspec.Meta(max_length=64)], float], msgspec.Meta(max_length=32)
    ]


ChainBlock = GearBlock | EffectBlock


class ChainSpec(msgspec.Struct, frozen=True, kw_only=True):
    """A signal chain: an input gain (dB) then its blocks in order.

    `input_mode` / `output_mode` say how its captures' levels were set (as the NAM plugin:
    input calibrated from `reference_dbu`, the interface's dBu at 0 dBFS, to each capture's
    `input_level_dbu`; output normalized to -18 dB by its loudness or calibrated by its
    `output_level_dbu`); the resolved gains are on each capture block.
    """

    chain_id: uuid.UUID
    name: Name
    input_gain_db: Decibels
    blocks: Annotated[list[ChainBlock], msgspec.Meta(min_length=1, max_length=MAX_BLOCKS)]
    input_mode: InputMode = "raw"
    output_mode: OutputMode = "raw"
    reference_dbu: Decibels = 12.0


class RenderOptions(msgspec.Struct, frozen=True, kw_only=True):
    """What to render: A/B segment length (seconds), loudness target (LUFS), extras.

    `montage_mode`: `alternate` plays every chain in turn in each segment of the passage;
    `sequence` plays each chain over the whole passage in turn, `rounds` times round (1 or 2;
    ignored by `alternate`). `full_renders`: also render and keep each chain's whole DI, not
    just the passage.
    """

    segment_seconds: Annotated[float, msgspec.Meta(gt=0, le=60, description="seconds")] = 4.0
    target_lufs: Annotated[float, msgspec.Meta(ge=-70, le=0, description="LUFS")] = -14.0
    blind: bool = False
    video: bool = True
    pictures: bool = True
    montage_mode: MontageMode = "alternate"
    rounds: Annotated[int, msgspec.Meta(ge=1, le=MAX_ROUNDS)] = 1
    full_renders: bool = False


class RenderRequestedV1(Event, frozen=True, kw_only=True):
    """`shootouts.render.requested.v1`: the render command, a self-contained manifest.

    Every blob is named by sha256, so the render service needs no other service.
    `shootout_name` titles the video and its `youtube.txt` (commands without it: the DI's name).
    """

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID
    di_tracks: Annotated[list[DITrackRef], msgspec.Meta(min_length=1, max_length=MAX_DI_TRACKS)]
    chains: Annotated[list[ChainSpec], msgspec.Meta(min_length=1, max_length=MAX_CHAINS)]
    options: RenderOptions
    shootout_name: Annotated[str, msgspec.Meta(max_length=200)] = ""


class JobCancelRequestedV1(Event, frozen=True, kw_only=True):
    """`shootouts.job.cancel_requested.v1`: the owner asked to stop a render job."""

    job_id: uuid.UUID
    owner_id: uuid.UUID


JobStatus = Literal["queued", "running", "completed", "failed", "cancelled"]
JobChange = Literal["queued", "started", "progress", "completed", "failed", "cancelled"]


class JobUpdatedV1(Event, frozen=True, kw_only=True):
    """`shootouts.job.updated.v1`: a render job's state as shootouts now records it.

    Published in the transaction that applied the change, so a client told of it reads the
    same state from the API. `change` says what happened; the rest is the job's whole state.
    """

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID
    change: JobChange
    status: JobStatus
    stage: RenderStage | None = None
    percent: Percent = 0.0
    message: Text | None = None
    reason: Text | None = None
    attempts: Annotated[int, msgspec.Meta(ge=0)] = 0


ListeningChange = Literal["vote", "abx"]


class ListeningUpdatedV1(Event, frozen=True, kw_only=True):
    """`shootouts.listening.updated.v1`: a shootout's listening results changed.

    Published in the transaction that stored a blind vote (`vote`) or answered an ABX run's
    last trial (`abx`), so the owner's open results page, told of it, reads the new results.
    `owner_id` lets the gateway fan it out to the owner's sockets only; `votes` and
    `abx_finished` are the shootout's counts after the change.
    """

    shootout_id: uuid.UUID
    owner_id: uuid.UUID
    change: ListeningChange
    votes: Annotated[int, msgspec.Meta(ge=0)]
    abx_finished: Annotated[int, msgspec.Meta(ge=0)]
