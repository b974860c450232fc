"""A render's `manifest.json`, as msgspec types: chains, gains, the passage, the montage's
timeline, the files and each stage's seconds."""

from __future__ import annotations

import msgspec

from gts_engine.loudness import LoudnessMatch
from gts_engine.montage import Montage
from gts_engine.output_files import OutputFile
from gts_engine.prepare import PreparedAmp, PreparedJob, describe_block
from gts_engine.spec import RenderJobSpec, RenderOptions


class CaptureGainsRecord(msgspec.Struct, frozen=True):
    """The gains one capture's levels came to (dB)."""

    input_gain_db: float
    output_gain_db: float


class LevelsRecord(msgspec.Struct, frozen=True):
    """How a chain's captures' levels were set, and what they came to."""

    input_mode: str
    output_mode: str
    reference_dbu: float
    captures: list[CaptureGainsRecord]


class ChainRecord(msgspec.Struct, frozen=True, omit_defaults=True):
    """One chain: its label and matching gain; when not blind, its name, blocks and levels."""

    label: str
    gain_db: float
    name: str | None = None
    blocks: list[str] | None = None
    levels: LevelsRecord | None = None


class DiRecord(msgspec.Struct, frozen=True):
    """The DI the chains played."""

    name: str
    sha256: str
    seconds: float


class PassageRecord(msgspec.Struct, frozen=True):
    """The part of the DI compared (s)."""

    start_seconds: float
    end_seconds: float


class LoudnessRecord(msgspec.Struct, frozen=True):
    """The loudness asked for, the one every chain got, and whether a true peak lowered it."""

    requested_lufs: float
    target_lufs: float
    lowered_for_true_peak: bool


class TimelineRecord(msgspec.Struct, frozen=True):
    """One piece of the montage: which chain (label), window, where (samples and seconds)
    and which part of the passage it plays."""

    label: str
    window: int
    start_sample: int
    end_sample: int
    start_seconds: float
    end_seconds: float
    source_start_seconds: float
    source_end_seconds: float


class MontageRecord(msgspec.Struct, frozen=True):
    """The montage: its mode, length, windows (s) and timeline."""

    mode: str
    rounds: int
    seconds: float
    windows: list[list[float]]
    timeline: list[TimelineRecord]


class Manifest(msgspec.Struct, frozen=True):
    """The whole `manifest.json`."""

    version: int
    sample_rate: int
    di: DiRecord
    passage: PassageRecord
    options: RenderOptions
    blind: bool
    loudness: LoudnessRecord
    chains: list[ChainRecord]
    montage: MontageRecord
    files: list[OutputFile]
    timings: dict[str, float]


def build_manifest(
    job: PreparedJob,
    spec: RenderJobSpec,
    files: list[OutputFile],
    loudness: LoudnessMatch,
    montage: Montage,
    shown: list[str],
    timings: dict[str, float],
) -> Manifest:
    """The job's manifest: what rendered, with which gains, the montage, the files and each
    stage's seconds."""
    blind = spec.options.blind
    rate = job.sample_rate
    chains = []
    for ci, chain in enumerate(job.chains):
        record = ChainRecord(label=shown[ci], gain_db=loudness.gains_db[ci])
        if not blind:
            captures = [
                CaptureGainsRecord(b.input_gain_db, b.output_gain_db)
                for b in chain.blocks
                if isinstance(b, PreparedAmp)
            ]
            levels = LevelsRecord(
                chain.input_mode, chain.output_mode, chain.reference_dbu, captures
            )
            blocks = [describe_block(b) for b in chain.blocks]
            record = msgspec.structs.replace(record, name=chain.name, blocks=blocks, levels=levels)
        chains.append(record)
    return Manifest(
        version=1,
        sample_rate=rate,
        di=DiRecord(job.di_name, job.di_sha256, job.di.shape[0] / rate),
        passage=PassageRecord(job.passage[0] / rate, job.passage[1] / rate),
        options=spec.options,
        blind=blind,
        loudness=LoudnessRecord(
            requested_lufs=loudness.requested_lufs,
            target_lufs=loudness.target_lufs,
            lowered_for_true_peak=loudness.target_lufs < loudness.requested_lufs - 1e-9,
        ),
        chains=chains,
        montage=MontageRecord(
            mode=spec.options.montage_mode,
            rounds=spec.options.rounds,
            seconds=montage.audio.shape[0] / rate,
            windows=[[a / rate, b / rate] for a, b in montage.windows],
            timeline=timeline_records(montage),
        ),
        files=files,
        timings={stage: round(seconds, 4) for stage, seconds in timings.items()},
    )


def manifest_json(manifest: Manifest) -> bytes:
    """The manifest as the indented JSON of `manifest.json`."""
    return msgspec.json.format(msgspec.json.encode(manifest), indent=2) + b"\n"


def timeline_records(montage: Montage) -> list[TimelineRecord]:
    """The montage's timeline in samples and seconds."""
    rate = montage.sample_rate
    return [
        TimelineRecord(
            label=e.label,
            window=e.window,
            start_sample=e.start,
            end_sample=e.end,
            start_seconds=e.start / rate,
            end_seconds=e.end / rate,
            source_start_seconds=e.source_start / rate,
            source_end_seconds=e.source_end / rate,
        )
        for e in montage.timeline
    ]
