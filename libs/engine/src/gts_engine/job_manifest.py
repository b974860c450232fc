"""A render's `manifest.json`: chains, gains, the passage, the montage's timeline, the files
and each stage's seconds."""

from __future__ import annotations

from typing import Any

import msgspec

from gts_engine.loudness import LoudnessMatch
from gts_engine.montage import Montage
from gts_engine.output_files import OutputFile
from gts_engine.prepare import PreparedAmp, PreparedJob, describe_block
from gts_engine.spec import RenderJobSpec


def build_manifest(
    job: PreparedJob,
    spec: RenderJobSpec,
    files: list[OutputFile],
    loudness: LoudnessMatch,
    montage: Montage,
    shown: list[str],
    timings: dict[str, float],
) -> dict[str, Any]:
    """The job's `manifest.json`: what rendered, with which gains, the montage, the files and
    each stage's seconds."""
    blind = spec.options.blind
    rate = job.sample_rate
    chains = []
    for ci, chain in enumerate(job.chains):
        entry: dict[str, Any] = {"label": shown[ci], "gain_db": loudness.gains_db[ci]}
        if not blind:
            entry["name"] = chain.name
            entry["blocks"] = [describe_block(b) for b in chain.blocks]
            entry["levels"] = {
                "input_mode": chain.input_mode,
                "output_mode": chain.output_mode,
                "reference_dbu": chain.reference_dbu,
                "captures": [
                    {"input_gain_db": b.input_gain_db, "output_gain_db": b.output_gain_db}
                    for b in chain.blocks
                    if isinstance(b, PreparedAmp)
                ],
            }
        chains.append(entry)
    return {
        "version": 1,
        "sample_rate": rate,
        "di": {"name": job.di_name, "sha256": job.di_sha256, "seconds": job.di.shape[0] / rate},
        "passage": {"start_seconds": job.passage[0] / rate, "end_seconds": job.passage[1] / rate},
        "options": msgspec.to_builtins(spec.options),
        "blind": blind,
        "loudness": {
            "requested_lufs": loudness.requested_lufs,
            "target_lufs": loudness.target_lufs,
            "lowered_for_true_peak": loudness.target_lufs < loudness.requested_lufs - 1e-9,
        },
        "chains": chains,
        "montage": {
            "mode": spec.options.montage_mode,
            "rounds": spec.options.rounds,
            "seconds": montage.audio.shape[0] / rate,
            "windows": [[a / rate, b / rate] for a, b in montage.windows],
            "timeline": timeline_dicts(montage),
        },
        "files": [msgspec.to_builtins(f) for f in files],
        "timings": {stage: round(seconds, 4) for stage, seconds in timings.items()},
    }


def timeline_dicts(montage: Montage) -> list[dict[str, Any]]:
    """The montage timeline as plain dicts (samples and seconds) for JSON."""
    rate = montage.sample_rate
    return [
        {
            "label": e.label,
            "window": e.window,
            "start_sample": e.start,
            "end_sample": e.end,
            "start_seconds": e.start / rate,
            "end_seconds": e.end / rate,
            "source_start_seconds": e.source_start / rate,
            "source_end_seconds": e.source_end / rate,
        }
        for e in montage.timeline
    ]
