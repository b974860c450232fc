"""The engine's files turned into stored outputs: uploaded by sha256, described for the event."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TypedDict, cast

from gts_contracts.render import (
    ExtraOutputKind,
    ExtraRenderOutput,
    OutputKind,
    OutputMetrics,
    RenderOutput,
)
from gts_engine.job import RenderResult
from gts_engine.metrics import ChainMetrics
from gts_engine.output_files import OutputFile
from gts_kit.blobs.nats_store import NatsObjectBlobStore

# Outputs are at most a few hundred MB (video); the store refuses more.
MAX_OUTPUT_BYTES = 2 * 1024**3
CHUNK_BYTES = 256 * 1024
# files stored side by side: the object store's round trips overlap, the bytes do not wait
UPLOADS_AT_ONCE = 4

_CONTENT_TYPES = {
    ".flac": "audio/flac",
    ".m4a": "audio/mp4",
    ".mp4": "video/mp4",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}


_KINDS: dict[str, OutputKind] = {
    "chain_audio": "chain_audio",
    "montage_audio": "montage_audio",
    "card": "card",
    "spectrum_plot": "spectrum_plot",
    "manifest": "manifest",
    "montage_video": "video",
}
_EXTRA_KINDS: dict[str, ExtraOutputKind] = {
    "chain_full_audio": "chain_full_audio",
    "thumbnail": "thumbnail",
    "youtube_text": "youtube_text",
}


class _Described(TypedDict):
    """What an output's description holds whatever its kind."""

    output_id: uuid.UUID
    di_id: uuid.UUID
    chain_id: uuid.UUID | None
    blob_sha256: str
    content_type: str
    size_bytes: int
    duration_seconds: float | None


def output_kind(file: OutputFile) -> OutputKind | ExtraOutputKind | None:
    """The contract's kind for an engine file; None for files the event carries otherwise
    (blind_key.json: the completed event has the key itself)."""
    return _KINDS.get(file.kind) or _EXTRA_KINDS.get(file.kind)


def content_type(path: str) -> str:
    """The media type of an output file, by its extension."""
    return _CONTENT_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")


def output_metrics(mine: ChainMetrics) -> OutputMetrics:
    """The contract's metrics of one chain (the engine's difference: against the mean)."""
    bands = mine.band_energy_db
    return OutputMetrics(
        integrated_lufs=mine.integrated_lufs,
        loudness_range_lu=mine.loudness_range_lu or 0.0,
        true_peak_dbtp=mine.true_peak_dbtp,
        crest_factor_db=mine.crest_factor_db,
        spectral_centroid_hz=mine.spectral_centroid_hz,
        band_energy_low_db=bands["low"],
        band_energy_mid_db=bands["mid"],
        band_energy_high_db=bands["high"],
        third_octave_diff_db=[round(v, 4) for v in mine.third_octave_diff_db],
    )


def chain_id_for(
    label: str | None, chain_ids: dict[str, uuid.UUID], blind_key: dict[str, str] | None
) -> uuid.UUID | None:
    """The chain id behind a file's label (a chain name, or a blind letter)."""
    if label is None:
        return None
    name = blind_key.get(label, label) if blind_key else label
    return chain_ids.get(name)


async def store_outputs(
    job_id: uuid.UUID,
    di_id: uuid.UUID,
    result: RenderResult,
    chain_ids: dict[str, uuid.UUID],
    store: NatsObjectBlobStore,
    progress: Callable[[float], None],
) -> list[RenderOutput | ExtraRenderOutput]:
    """Upload every file of one DI's render (plus its manifest) and describe each.

    Ids are derived from the job, DI and file name, so a re-render describes the same outputs.
    `progress` gets the fraction of files stored, 0..1.
    """
    files = [f for f in (*result.files, _manifest_file(result.out_dir)) if output_kind(f)]
    stored = 0
    slots = asyncio.Semaphore(UPLOADS_AT_ONCE)

    async def upload(file: OutputFile) -> RenderOutput | ExtraRenderOutput:
        nonlocal stored
        kind = output_kind(file)
        assert kind is not None
        async with slots:
            info = await store.put(
                _read_chunks(result.out_dir / file.path), max_bytes=MAX_OUTPUT_BYTES
            )
        stored += 1
        progress(stored / len(files))
        described: _Described = {
            "output_id": uuid.uuid5(job_id, f"{di_id}/{file.path}"),
            "di_id": di_id,
            "chain_id": chain_id_for(file.chain, chain_ids, result.blind_key),
            "blob_sha256": info.sha256,
            "content_type": content_type(file.path),
            "size_bytes": info.size,
            "duration_seconds": file.duration_seconds,
        }
        if kind in _EXTRA_KINDS:
            return ExtraRenderOutput(kind=_EXTRA_KINDS[kind], **described)
        metrics = None if file.metrics is None else output_metrics(file.metrics)
        return RenderOutput(kind=cast(OutputKind, kind), metrics=metrics, **described)

    tasks = [asyncio.ensure_future(upload(f)) for f in files]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:  # a failed upload stops the others: the job is retried whole
            task.cancel()
        raise


def _manifest_file(out_dir: Path) -> OutputFile:
    size = (out_dir / "manifest.json").stat().st_size
    return OutputFile("manifest.json", "manifest", None, None, size, "")


async def _read_chunks(path: Path) -> AsyncIterator[bytes]:
    # file reads go to a thread so heartbeats and other jobs keep the event loop
    f = await asyncio.to_thread(path.open, "rb")
    try:
        while chunk := await asyncio.to_thread(f.read, CHUNK_BYTES):
            yield chunk
    finally:
        f.close()
