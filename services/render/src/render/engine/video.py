"""The comparison video: the card of the chain that is playing, switching with the montage.

The picture only changes at switch points, so the video holds one frame per timeline piece
with its exact duration (variable frame rate, millisecond timestamps): switches land within
1 ms of the audio, and the encode costs ~1.5 s instead of ~13 s for 3 min at a fixed 25 fps.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from render.engine.audio_io import run_ffmpeg
from render.engine.montage import TimelineEntry

TIMESCALE = 1000  # MP4 video track ticks per second


def card_schedule(timeline: Sequence[TimelineEntry], sample_rate: int) -> list[tuple[int, float]]:
    """(chain, seconds on screen) per timeline piece, merging neighbours of the same chain."""
    schedule: list[tuple[int, float]] = []
    for entry in timeline:
        seconds = (entry.end - entry.start) / sample_rate
        if schedule and schedule[-1][0] == entry.chain:
            schedule[-1] = (entry.chain, schedule[-1][1] + seconds)
        elif seconds > 0:
            schedule.append((entry.chain, seconds))
    return schedule


def make_video(
    cards: Sequence[Path],
    timeline: Sequence[TimelineEntry],
    sample_rate: int,
    audio_m4a: Path,
    duration_seconds: float,
    out_path: Path,
) -> None:
    """Write an H.264 + AAC 1920x1080 MP4: card `cards[chain]` while that chain plays.

    `audio_m4a` is the montage already encoded to AAC; it is copied, not re-encoded.
    """
    schedule = card_schedule(timeline, sample_rate)
    lines = ["ffconcat version 1.0"]
    for chain, seconds in schedule:
        # a still image's time base is 1/framerate: 1/1000 keeps the switch to the millisecond
        lines += [
            f"file '{cards[chain].resolve()}'",
            f"option framerate {TIMESCALE}",
            f"duration {seconds:.6f}",
        ]
    # the concat demuxer ignores the last entry's duration unless the file is listed again
    lines += [f"file '{cards[schedule[-1][0]].resolve()}'", f"option framerate {TIMESCALE}"]
    listing = out_path.with_suffix(".ffconcat")
    listing.write_text("\n".join(lines) + "\n")
    try:
        run_ffmpeg(
            [
                "-f", "concat", "-safe", "0", "-i", str(listing),
                "-i", str(audio_m4a),
                "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage",
                "-pix_fmt", "yuv420p", "-fps_mode", "passthrough",
                "-video_track_timescale", str(TIMESCALE),
                "-c:a", "copy",
                "-t", f"{duration_seconds:.6f}",
                "-movflags", "+faststart",
                str(out_path),
            ]
        )  # fmt: skip
    finally:
        listing.unlink(missing_ok=True)
