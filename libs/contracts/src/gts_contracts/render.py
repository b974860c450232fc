"""Messages the render service produces: the life of a render job."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

import msgspec

from gts_contracts.envelope import Event
from gts_contracts.fields import (
    ByteCount,
    Name,
    NonEmptyLabel,
    NonEmptyText,
    Percent,
    Seconds,
    Sha256,
    Text,
)

RenderStage = Literal["fetching", "amp", "cab", "effects", "loudness", "montage", "video", "upload"]
OutputKind = Literal[
    "chain_audio", "montage_audio", "montage_mp3", "video", "card", "spectrum_plot", "manifest"
]
# Kinds added after V1 shipped: they travel in `extra_outputs`, which V1's first consumers
# ignore (a new value in `outputs[].kind` would make them refuse the whole event).
ExtraOutputKind = Literal["chain_full_audio", "thumbnail", "youtube_text"]
# Files of one job: a few per DI track and chain, plus the whole-shootout ones.
MAX_OUTPUTS = 1024
# A blind label ("A" to "Z") to the id of the chain it hides.
BlindKey = Annotated[
    dict[Annotated[str, msgspec.Meta(max_length=2)], Annotated[str, msgspec.Meta(max_length=64)]],
    msgspec.Meta(max_length=26),
]


class RenderJobStartedV1(Event, frozen=True, kw_only=True):
    """`render.job.started.v1`: a worker took the job (`attempt` counts from 1)."""

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID
    attempt: Annotated[int, msgspec.Meta(ge=1)]
    worker: Name


class RenderJobProgressV1(Event, frozen=True, kw_only=True):
    """`render.job.progress.v1`: how far the job is, per stage, in percent of the whole job."""

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID
    stage: RenderStage
    percent: Percent
    message: Text | None


class OutputMetrics(msgspec.Struct, frozen=True, kw_only=True):
    """Measurements of one rendered audio output.

    Loudness per ITU-R BS.1770 (LUFS, LU, dBTP); band energies in dB; the third-octave
    difference is this output minus the shootout's mean, one value (dB) per band.
    """

    integrated_lufs: float
    loudness_range_lu: float
    true_peak_dbtp: float
    crest_factor_db: float
    spectral_centroid_hz: float
    band_energy_low_db: float
    band_energy_mid_db: float
    band_energy_high_db: float
    third_octave_diff_db: Annotated[list[float], msgspec.Meta(max_length=64)]


class RenderOutput(msgspec.Struct, frozen=True, kw_only=True):
    """One file the job produced, stored in the render bucket under `blob_sha256`.

    `di_id`/`chain_id` say which DI and chain it belongs to (None for whole-shootout files).
    """

    output_id: uuid.UUID
    kind: OutputKind
    di_id: uuid.UUID | None
    chain_id: uuid.UUID | None
    blob_sha256: Sha256
    content_type: NonEmptyLabel
    size_bytes: ByteCount
    duration_seconds: Seconds | None
    metrics: OutputMetrics | None


class ExtraRenderOutput(msgspec.Struct, frozen=True, kw_only=True):
    """One file of a kind added after V1 (each chain's whole-DI render, the video's thumbnail,
    its `youtube.txt`), described as `RenderOutput` describes the others."""

    output_id: uuid.UUID
    kind: ExtraOutputKind
    di_id: uuid.UUID | None
    chain_id: uuid.UUID | None
    blob_sha256: Sha256
    content_type: NonEmptyLabel
    size_bytes: ByteCount
    duration_seconds: Seconds | None


class RenderJobCompletedV1(Event, frozen=True, kw_only=True):
    """`render.job.completed.v1`: every output is stored.

    `blind_key` maps a blind label ("A", "B", ...) to a chain id, when the job was blind;
    `extra_outputs` holds the files of kinds added since (see `ExtraOutputKind`).
    """

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID
    outputs: Annotated[list[RenderOutput], msgspec.Meta(max_length=MAX_OUTPUTS)]
    blind_key: BlindKey | None
    extra_outputs: Annotated[list[ExtraRenderOutput], msgspec.Meta(max_length=MAX_OUTPUTS)] = (
        msgspec.field(default_factory=list)
    )


class RenderJobFailedV1(Event, frozen=True, kw_only=True):
    """`render.job.failed.v1`: the job stopped with an error after `attempts` tries."""

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID
    reason: NonEmptyText
    attempts: Annotated[int, msgspec.Meta(ge=1)]
    retryable: bool


class RenderJobCancelledV1(Event, frozen=True, kw_only=True):
    """`render.job.cancelled.v1`: the job stopped because its owner cancelled it."""

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID
