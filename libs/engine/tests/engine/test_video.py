"""The comparison video end to end: a 3-chain montage, decoded back with ffmpeg."""

from __future__ import annotations

import itertools
import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from gts_engine.audio_io import ffmpeg_exe
from gts_engine.encode import AacEncode, AacPacket
from gts_engine.montage import Montage, build_montage
from gts_engine.pictures import accent
from gts_engine.video import (
    GEOMETRY,
    VideoChain,
    frame_plan,
    make_thumbnail,
    prime_video,
    video_stream,
    write_sound,
)
from gts_engine.video.h264_motion import PlayheadSlices, _slice_body

RATE = 48_000
PASSAGE_SECONDS = 6.0
BAND = (64, 816, 1856, 976)  # left, top, right, bottom: where the playhead runs
STRIP_ROWS = (804, 812)  # the middle of the flat strip above the band


@dataclass(frozen=True)
class Rendered:
    montage: Montage
    chains: list[VideoChain]
    mp4: Path
    duration: float


def _ffmpeg(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", *args], capture_output=True)


def _mux(montage: Montage, stream: bytes, folder: Path) -> Path:
    """The MP4 of `stream` with the montage's sound, encoded and muxed as a render does."""
    encode = AacEncode(RATE)
    encode.samples(montage.audio.shape[0])[:] = montage.audio
    encode.start()
    mp4 = folder / "montage.mp4"
    write_sound(encode.packets(), folder / "montage.m4a", (stream, mp4))
    return mp4


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    tmp = tmp_path_factory.mktemp("video")
    rng = np.random.default_rng(7)
    t = np.arange(round(PASSAGE_SECONDS * RATE)) / RATE
    envelope = np.abs(np.sin(2 * np.pi * 0.6 * t)) ** 2
    waves = [
        (envelope * rng.standard_normal(t.shape[0]) * g).astype(np.float32) for g in (0.2, 0.3, 0.4)
    ]
    montage = build_montage(waves, ["Clean Fender", "Crunch Marshall", "Lead Mesa"], RATE, 2.0)
    chains = [
        VideoChain(label, [f"Amp: model {i}", "Cab: 2x12 IR", "Levels: in -2 dB"], i)
        for i, label in enumerate(montage.labels)
    ]
    duration = montage.audio.shape[0] / RATE
    stream = video_stream(
        "Three amps", chains, waves, montage.timeline, RATE, t.shape[0], duration, blind=False
    )
    mp4 = _mux(montage, stream, tmp)
    return Rendered(montage, chains, mp4, duration)


def _raw_h264(mp4: Path) -> bytes:
    done = _ffmpeg("-v", "error", "-i", str(mp4), "-c", "copy", "-bsf:v", "h264_mp4toannexb",
                   "-an", "-f", "h264", "-")  # fmt: skip
    return done.stdout


def _frames(mp4: Path, numbers: list[int]) -> list[np.ndarray]:
    select = "+".join(f"eq(n\\,{n})" for n in numbers)
    done = _ffmpeg("-v", "error", "-i", str(mp4), "-vf", f"select={select}",
                   "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24",
                   "-")  # fmt: skip
    assert done.returncode == 0, done.stderr
    frames = np.frombuffer(done.stdout, dtype=np.uint8).reshape(-1, 1080, 1920, 3)
    assert frames.shape[0] == len(numbers)
    return list(frames.astype(np.int16))


def _piece_at(montage: Montage, frame: int) -> int:
    sample = frame * RATE // 30
    return max(i for i, e in enumerate(montage.timeline) if e.start <= sample)


def test_mp4_decodes_cleanly_as_h264_high_1080p30_with_aac_48k_stereo(rendered: Rendered) -> None:
    errors = _ffmpeg("-v", "error", "-i", str(rendered.mp4), "-f", "null", "-")
    assert errors.returncode == 0
    assert errors.stderr == b""
    info = _ffmpeg("-i", str(rendered.mp4)).stderr.decode()
    video = next(line for line in info.splitlines() if "Video:" in line)
    audio = next(line for line in info.splitlines() if "Audio:" in line)
    assert "h264 (High)" in video
    assert "1920x1080" in video
    assert re.search(r"\b30 fps\b", video)
    assert "bt709" in video
    assert "aac" in audio
    assert "48000 Hz, stereo" in audio


def test_every_frame_lasts_one_thirtieth_and_the_video_lasts_as_long_as_the_montage(
    rendered: Rendered,
) -> None:
    done = _ffmpeg(
        "-v", "error", "-i", str(rendered.mp4), "-map", "0:v", "-c", "copy", "-f", "framecrc", "-"
    )
    rows = [
        line.split(",") for line in done.stdout.decode().splitlines() if not line.startswith("#")
    ]
    durations = {int(row[3]) for row in rows}
    assert len(durations) == 1
    assert len(rows) == round(rendered.duration * 30)
    assert abs(len(rows) / 30 - rendered.duration) <= 1 / 30


def test_the_index_comes_first_and_sound_and_pictures_interleave(rendered: Rendered) -> None:
    data = rendered.mp4.read_bytes()
    assert 0 < data.index(b"moov") < data.index(b"mdat")  # playable while it downloads
    with av.open(str(rendered.mp4)) as container:
        where = sorted((p.pos, p.stream.index) for p in container.demux() if p.size)
    # the samples in file order: pictures and sound alternate many times a second
    order = [index for _, index in where]
    assert sum(a != b for a, b in itertools.pairwise(order)) > 10 * rendered.duration


@pytest.mark.parametrize(
    ("stream", "sound"),
    [
        (b"\x00\x00\x00\x01" + bytes(64), AacPacket(0, 1024, b"\x00" * 8)),  # not H.264
        (None, AacPacket(0, 1024, b"RIFF....WAVE")),  # not an AAC frame
    ],
)
def test_a_mux_that_cannot_read_its_input_fails_and_leaves_nothing(
    rendered: Rendered, tmp_path: Path, stream: bytes | None, sound: AacPacket
) -> None:
    h264 = stream if stream is not None else _raw_h264(rendered.mp4)
    m4a, mp4 = tmp_path / "out.m4a", tmp_path / "out.mp4"
    with pytest.raises(RuntimeError, match="mux failed"):
        write_sound([sound], m4a, (h264, mp4))
    assert list(tmp_path.iterdir()) == []


def test_scene_switches_with_the_montage_to_within_a_frame(rendered: Rendered) -> None:
    # the top bar (rows 0..39) has the playing chain's accent
    done = _ffmpeg("-v", "error", "-i", str(rendered.mp4), "-vf", "crop=16:16:952:12",
                   "-f", "rawvideo", "-pix_fmt", "rgb24", "-")  # fmt: skip
    bars = np.frombuffer(done.stdout, dtype=np.uint8).reshape(-1, 256, 3).mean(axis=1)
    accents = np.array([accent(c.colour) for c in rendered.chains], dtype=np.float64)
    shown = np.argmin(((bars[:, None, :] - accents[None]) ** 2).sum(axis=2), axis=1)
    assert np.abs(bars - accents[shown]).max() < 12
    switches = [k for k in range(1, shown.shape[0]) if shown[k] != shown[k - 1]]
    timeline = rendered.montage.timeline
    assert [shown[0], *(shown[k] for k in switches)] == [e.chain for e in timeline]
    for k, entry in zip(switches, timeline[1:], strict=True):
        assert abs(k - entry.start / RATE * 30) <= 1


def test_playhead_is_a_strip_coloured_line_at_the_playing_position(rendered: Rendered) -> None:
    montage = rendered.montage
    chosen = [20, 45, 100, 130, 170]
    pieces = [_piece_at(montage, k) for k in chosen]
    firsts = [math.ceil(montage.timeline[p].start * 30 / RATE) for p in pieces]
    frames = _frames(rendered.mp4, sorted({*chosen, *firsts}))
    by_number = dict(zip(sorted({*chosen, *firsts}), frames, strict=True))
    left, top, right, bottom = BAND
    passage = round(PASSAGE_SECONDS * RATE)
    for k, piece, first in zip(chosen, pieces, firsts, strict=True):
        entry = montage.timeline[piece]
        source = entry.source_start + k * RATE // 30 - entry.start
        x = left + min(source * (right - left) // passage // 4 * 4, right - left - 4)
        frame, idr = by_number[k], by_number[first]
        strip = frame[STRIP_ROWS[0] : STRIP_ROWS[1], left:right].reshape(-1, 3).mean(axis=0)
        assert np.abs(strip - accent(rendered.chains[entry.chain].colour)).max() < 10
        line = frame[top:bottom, x : x + 4]
        assert np.abs(line - strip).max() < 16, f"frame {k}: no playhead at x={x}"
        # everything else is the scene's IDR picture (P_Skip copies, no residual)
        outside = np.ones(frame.shape[:2], dtype=bool)
        outside[top:bottom, x - 8 : x + 12] = False
        assert np.abs(frame - idr)[outside].max() <= 2, f"frame {k} differs from its IDR"
        # and the band on either side of the playhead still shows the waveform
        assert np.abs(frame[top:bottom, x - 40 : x - 8] - strip).max() > 40


def test_thumbnail_is_1280x720(rendered: Rendered, tmp_path: Path) -> None:
    for name in ("thumbnail.jpg", "thumbnail.png"):
        make_thumbnail("Three amps", rendered.chains, tmp_path / name)
        with Image.open(tmp_path / name) as image:
            assert image.size == (1280, 720)


def test_a_long_piece_gets_a_fresh_idr_every_ten_seconds_and_keeps_its_playhead(
    tmp_path: Path,
) -> None:
    seconds = 11.0
    wave = (np.random.default_rng(2).standard_normal(round(seconds * RATE)) * 0.2).astype(
        np.float32
    )
    montage = build_montage([wave], ["Only"], RATE, 60.0)  # a single piece of 11 s
    chains = [VideoChain("Only", ["Amp: one"], 0)]
    samples = wave.shape[0]
    stream = video_stream(
        "One", chains, [wave], montage.timeline, RATE, samples, seconds, blind=True
    )
    mp4 = _mux(montage, stream, tmp_path)
    assert _ffmpeg("-v", "error", "-i", str(mp4), "-f", "null", "-").stderr == b""
    left, top, right, bottom = BAND
    before, idr, after = _frames(mp4, [299, 300, 305])
    for k, frame in ((299, before), (305, after)):
        x = left + min(k * RATE // 30 * (right - left) // samples // 4 * 4, right - left - 4)
        strip = frame[STRIP_ROWS[0] : STRIP_ROWS[1], left:right].reshape(-1, 3).mean(axis=0)
        assert np.abs(frame[top:bottom, x : x + 4] - strip).max() < 16
    # frame 300 is the repeated IDR: the scene without a playhead
    assert np.abs(idr[top:bottom, left:right] - before[top:bottom, left:right]).max() > 40


def test_bad_input_names_the_field() -> None:
    chains = [VideoChain("A", [], 0)]
    wave = np.zeros(RATE, dtype=np.float32)
    timeline = build_montage([wave], ["A"], RATE, 2.0).timeline
    # an empty timeline, then waveforms missing for the timeline's chain
    for waveforms, entries, field in (([wave], [], "timeline"), ([], timeline, "waveforms")):
        with pytest.raises(ValueError, match=field):
            video_stream("T", chains, waveforms, entries, RATE, RATE, 1.0, blind=True)


def test_the_warm_up_primes_every_playhead_column_a_video_can_use() -> None:
    prime_video()
    built = _slice_body.cache_info().misses
    # a passage played from its first sample to its last: every column of the band
    passage = 90 * RATE
    montage = build_montage([np.ones(passage, np.float32)], ["Only"], RATE, 90.0)
    frames = round(montage.audio.shape[0] / RATE * 30)
    _, columns = frame_plan(montage.timeline, RATE, passage, frames)
    slices = PlayheadSlices(GEOMETRY)
    for column in sorted(set(columns.tolist())):
        slices.nal(column, 0)
    assert _slice_body.cache_info().misses == built
    assert columns.min() == BAND[0]
    assert columns.max() == BAND[2] - 4
