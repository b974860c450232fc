"""The comparison video: the card of the chain that is playing, switching with the montage."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from render.engine.audio_io import run_ffmpeg
from render.engine.montage import TimelineEntry

FPS = 25


def card_schedule(
    timeline: Sequence[TimelineEntry], sample_rate: int, fps: int = FPS
) -> list[tuple[int, int]]:
    """(chain, frames) per timeline piece: each switch lands on the frame nearest its sample.

    Frame counts add up to the montage length rounded to whole frames, so no drift builds up.
    """
    schedule: list[tuple[int, int]] = []
    for entry in timeline:
        first = round(entry.start * fps / sample_rate)
        last = round(entry.end * fps / sample_rate)
        if last > first:
            schedule.append((entry.chain, last - first))
    return schedule


def make_video(
    cards: Sequence[Path],
    timeline: Sequence[TimelineEntry],
    sample_rate: int,
    audio_m4a: Path,
    duration_seconds: float,
    out_path: Path,
    fps: int = FPS,
) -> None:
    """Write an H.264 + AAC 1920x1080 MP4: card `cards[chain]` while that chain plays.

    `audio_m4a` is the montage already encoded to AAC; it is copied, not re-encoded.
    """
    schedule = card_schedule(timeline, sample_rate, fps)
    lines = ["ffconcat version 1.0"]
    for chain, frames in schedule:
        lines += [f"file '{cards[chain].resolve()}'", f"duration {frames / fps:.6f}"]
    # the concat demuxer ignores the last entry's duration unless the file is listed again
    lines.append(f"file '{cards[schedule[-1][0]].resolve()}'")
    listing = out_path.with_suffix(".ffconcat")
    listing.write_text("\n".join(lines) + "\n")
    try:
        run_ffmpeg(
            [
                "-f", "concat", "-safe", "0", "-i", str(listing),
                "-i", str(audio_m4a),
                "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage",
                "-pix_fmt", "yuv420p", "-vf", f"fps={fps}", "-r", str(fps),
                "-c:a", "copy",
                "-t", f"{duration_seconds:.6f}",
                "-movflags", "+faststart",
                str(out_path),
            ]
        )  # fmt: skip
    finally:
        listing.unlink(missing_ok=True)
