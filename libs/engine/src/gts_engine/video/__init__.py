"""The comparison video: a constant 30 fps 1920x1080 H.264 High + AAC MP4 of the montage,
its 1280x720 thumbnail and its YouTube text (chapters per chain).

Each chain's scene is x264-encoded once, as an IDR picture; every other frame is a tiny P
slice written here that copies the scene and draws the playhead over the waveform, so an
8-minute video takes well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from gts_engine.arrays import Audio
from gts_engine.montage import TimelineEntry
from gts_engine.pictures import HEIGHT, WIDTH
from gts_engine.video.h264_motion import PlayheadGeometry, prime_playhead_slices
from gts_engine.video.mp4 import write_sound
from gts_engine.video.scenes import (
    BAND_BOTTOM,
    BAND_LEFT,
    BAND_RIGHT,
    BAND_TOP,
    PLAYHEAD_TARGET_Y,
    VideoChain,
    draw_scene,
    draw_thumbnail,
    waveform_peaks,
)
from gts_engine.video.stream import FPS, encode_stream
from gts_engine.video.youtube import youtube_text

__all__ = [
    "FPS",
    "VideoChain",
    "frame_plan",
    "make_thumbnail",
    "prime_video",
    "video_stream",
    "write_sound",
    "youtube_text",
]

GEOMETRY = PlayheadGeometry(
    width_mbs=WIDTH // 16,
    height_mbs=-(-HEIGHT // 16),
    band_rows=range(BAND_TOP // 16, BAND_BOTTOM // 16),
    target_y=PLAYHEAD_TARGET_Y,
)
IntArray = npt.NDArray[np.int64]


def prime_video() -> None:
    """Build the playhead's slice data for every column now (~0.5 s), so no video waits
    for it: a render service's warm-up calls this."""
    prime_playhead_slices(GEOMETRY, range(BAND_LEFT, BAND_RIGHT, 4))


def frame_plan(
    timeline: Sequence[TimelineEntry], sample_rate: int, passage_samples: int, frames: int
) -> tuple[IntArray, IntArray]:
    """Per frame k (montage time k/30 s): the chain playing, and the playhead's luma column
    (the position in the passage across the band, on the 4-pixel grid)."""
    pieces = sorted(timeline, key=lambda e: e.start)
    starts = np.array([e.start for e in pieces], dtype=np.int64)
    times = np.arange(frames, dtype=np.int64) * sample_rate // FPS
    index = np.clip(np.searchsorted(starts, times, side="right") - 1, 0, len(pieces) - 1)
    chains = np.array([e.chain for e in pieces], dtype=np.int64)[index]
    source = (
        np.array([e.source_start for e in pieces], dtype=np.int64)[index] + times - starts[index]
    )
    width = BAND_RIGHT - BAND_LEFT
    offset = np.clip(source, 0, passage_samples) * width // max(passage_samples, 1)
    columns = BAND_LEFT + np.clip(offset // 4 * 4, 0, width - 4)
    return chains, columns


def video_stream(
    title: str,
    chains: Sequence[VideoChain],
    waveforms: Sequence[Audio],
    timeline: Sequence[TimelineEntry],
    sample_rate: int,
    passage_samples: int,
    duration_seconds: float,
    *,
    blind: bool,
) -> bytes:
    """The video's H.264 stream: chain i's scene (card, chain list, its waveform) while it
    plays, with a playhead at the playing position of the passage; `waveforms` holds one mono
    passage render per chain. It needs no audio, so it is made while the audio encodes."""
    if not timeline:
        raise ValueError("timeline: the montage has no pieces")
    if len(waveforms) != len(chains):
        raise ValueError(f"waveforms: {len(waveforms)} for {len(chains)} chains")
    if any(not 0 <= e.chain < len(chains) for e in timeline):
        raise ValueError(f"timeline: a piece refers to a chain beyond the {len(chains)} given")
    if passage_samples <= 0:
        raise ValueError(f"passage_samples: {passage_samples}, must be positive")
    peaks = [waveform_peaks(w[:passage_samples]) for w in waveforms]
    scale = max((float(p.max(initial=0.0)) for p in peaks), default=0.0)
    seconds = passage_samples / sample_rate
    scenes = (
        draw_scene(title, chains, i, peaks[i], scale, seconds, blind=blind)
        for i in range(len(chains))
    )
    frames = max(1, round(duration_seconds * FPS))
    frame_chains, columns = frame_plan(timeline, sample_rate, passage_samples, frames)
    return encode_stream(scenes, frame_chains, columns, GEOMETRY)


def make_thumbnail(title: str, chains: Sequence[VideoChain], out_path: Path) -> None:
    """Write the 1280x720 thumbnail (JPEG or PNG by `out_path`'s suffix)."""
    draw_thumbnail(title, chains, out_path)
