"""Messages the render service produces: the life of a render job."""

from __future__ import annotations

import uuid
from typing import Annotated, Generic, Literal, TypeVar

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
# `montage_audio` is the montage as FLAC and as AAC in M4A (`content_type` tells which);
# `montage_mp3` is what renders made before the M4A replaced it (stored shootouts hold it).
OutputKind = Literal[
    "chain_audio", "montage_audio", "montage_mp3", "video", "card", "spectrum_plot", "manifest"
]
# Kinds added after V1 shipped: they travel in `extra_outputs`, which V1's first consumers
# ignore (a new value in `outputs[].kind` would make them refuse the whole event).
ExtraOutputKind = Literal["chain_full_audio", "thumbnail", "youtube_text"]
# A stored file's kind: a V1 `OutputKind`, or an `ExtraOutputKind` added later.
FileKind = TypeVar("FileKind", OutputKind, ExtraOutputKind)
# Files of one job: a few per DI track and chain, plus the whole-shootout ones.
MAX_OUTPUTS = 1024
# A blind label ("A" to "Z") to the id of the chain it hides.
BlindKey = Annotated[
    dict[Annotated[str, msgspec.Meta(max_length=2)], Annotated[str, msgspec.Meta(max_length=64)]],
    msgspec.Meta(max_length=26),
]


class _JobEvent(Event, frozen=True, kw_only=True):
    """What every event of a render job names first: the job, its shootout and its owner."""

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID


class RenderJobStartedV1(_JobEvent, frozen=True, kw_only=True):
    """`render.job.started.v1`: a worker took the job (`attempt` counts from 1)."""

    attempt: Annotated[int, msgspec.Meta(ge=1)]
    worker: Name


class RenderJobProgressV1(_JobEvent, frozen=True, kw_only=True):
    """`render.job.progress.v1`: how far the job is, per stage, in percent of the whole job."""

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


class _StoredFile(msgspec.Struct, Generic[FileKind], frozen=True, kw_only=True):
    """The fields every output file of a job has, whatever its `kind`."""

    output_id: uuid.UUID
    kind: FileKind
    di_id: uuid.UUID | None
    chain_id: uuid.UUID | None
    blob_sha256: Sha256
    content_type: NonEmptyLabel
    size_bytes: ByteCount
    duration_seconds: Seconds | None


class RenderOutput(_StoredFile[OutputKind], frozen=True, kw_only=True):
    """One file the job produced, stored in the render bucket under `blob_sha256`.

    `di_id`/`chain_id` say which DI and chain it belongs to (None for whole-shootout files).
    """

    metrics: OutputMetrics | None


class ExtraRenderOutput(_StoredFile[ExtraOutputKind], frozen=True, kw_only=True):
    """One file of a kind added after V1 (each chain's whole-DI render, the video's thumbnail,
    its `youtube.txt`), described as `RenderOutput` describes the others."""


class RenderJobCompletedV1(_JobEvent, frozen=True, kw_only=True):
    """`render.job.completed.v1`: every output is stored.

    `blind_key` maps a blind label ("A", "B", ...) to a chain id, when the job was blind;
    `extra_outputs` holds the files of kinds added since (see `ExtraOutputKind`).
    """

    outputs: Annotated[list[RenderOutput], msgspec.Meta(max_length=MAX_OUTPUTS)]
    blind_key: BlindKey | None
    extra_outputs: Annotated[list[ExtraRenderOutput], msgspec.Meta(max_length=MAX_OUTPUTS)] = (
        msgspec.field(default_factory=list)
    )


class RenderJobFailedV1(_JobEvent, frozen=True, kw_only=True):
    """`render.job.failed.v1`: the job stopped with an error after `attempts` tries."""

    reason: NonEmptyText
    attempts: Annotated[int, msgspec.Meta(ge=1)]
    retryable: bool


class RenderJobCancelledV1(_JobEvent, frozen=True, kw_only=True):
    """`render.job.cancelled.v1`: the job stopped because its owner cancelled it."""


# Any event of a render job: what a consumer of every one of them (shootouts) takes.
RenderJobEvent = (
    RenderJobStartedV1
    | RenderJobProgressV1
    | RenderJobCompletedV1
    | RenderJobFailedV1
    | RenderJobCancelledV1
)
