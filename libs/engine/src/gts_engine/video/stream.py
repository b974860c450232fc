"""The H.264 stream of the video and its MP4: an IDR picture (x264's) starts each run of a
scene; every other frame is a P slice written here that copies the scene's IDR and draws
the playhead; ffmpeg muxes the stream with the AAC audio, both copied."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image

from gts_engine.audio_io import ffmpeg_exe
from gts_engine.pictures import HEIGHT, WIDTH
from gts_engine.video.h264_headers import idr_nal, write_p_pps, write_sps
from gts_engine.video.h264_motion import PlayheadGeometry, PlayheadSlices
from gts_engine.video.x264_scenes import SceneEncoder

FPS = 30
MAX_IDR_GAP = 10 * FPS  # a keyframe at least every 10 s: seeking, and POC LSBs never wrap
TRACK_TIMESCALE = 512 * FPS
FRAME_TIMES = (("pts", "N"), ("dts", "N"), ("duration", "1"))  # in frames
IntArray = npt.NDArray[np.int64]


class Muxer:
    """ffmpeg muxing a raw H.264 stream (from stdin, 30 fps) with the AAC file into an MP4."""

    def __init__(self, audio_m4a: Path, out_path: Path) -> None:
        cmd = [
            ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "h264", "-framerate", str(FPS), "-i", "pipe:0",
            "-i", str(audio_m4a),
            "-map", "0:v", "-map", "1:a", "-c", "copy", "-movflags", "+faststart",
            # the raw stream's own 1.2 MHz timestamps drift by a tick: frame k is k/30 s
            "-bsf:v", "setts=" + ":".join(f"{k}=round({n}/({FPS}*TB))" for k, n in FRAME_TIMES),
            "-video_track_timescale", str(TRACK_TIMESCALE),
            str(out_path),
        ]  # fmt: skip
        self._process = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def abort(self) -> None:
        """Stop ffmpeg after a failure elsewhere; its partial output is left to the caller."""
        self._process.kill()
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()

    def finish(self, stream: bytes) -> None:
        """Feed the whole stream and wait; RuntimeError with ffmpeg's last words on failure."""
        _, err = self._process.communicate(stream)
        if self._process.returncode != 0:
            tail = " | ".join(err.decode(errors="replace").strip().splitlines()[-3:])
            raise RuntimeError(f"ffmpeg (mux) failed ({self._process.returncode}): {tail}")


def encode_stream(
    scenes: Iterable[Image.Image],
    frame_scenes: IntArray,
    frame_columns: IntArray,
    geometry: PlayheadGeometry,
) -> bytes:
    """The raw H.264 stream: frame k shows scene `frame_scenes[k]` with the playhead at luma
    column `frame_columns[k]`; scenes are x264-encoded while the P slices are written."""
    encoder = SceneEncoder(WIDTH, HEIGHT)
    try:
        return _encode(scenes, frame_scenes, frame_columns, geometry, encoder)
    except BaseException:
        encoder.abort()
        raise


def mux(stream: bytes, audio: Path, out_path: Path) -> None:
    """Write the MP4 of `stream` (30 fps) and the AAC file `audio`, both copied; nothing is
    left at `out_path` when it fails."""
    muxer = Muxer(audio, out_path)
    try:
        muxer.finish(stream)
    except BaseException:
        muxer.abort()
        out_path.unlink(missing_ok=True)
        raise


def _encode(
    scenes: Iterable[Image.Image],
    frame_scenes: IntArray,
    frame_columns: IntArray,
    geometry: PlayheadGeometry,
    encoder: SceneEncoder,
) -> bytes:
    for picture in scenes:
        encoder.add(picture)
    slices = PlayheadSlices(geometry)
    units: list[bytes] = []
    idr_at: list[tuple[int, int, int]] = []  # unit index, scene, idr_pic_id
    since_idr, previous = 0, -1
    for scene, column in zip(frame_scenes.tolist(), frame_columns.tolist(), strict=True):
        if scene != previous or since_idr >= MAX_IDR_GAP:
            idr_at.append((len(units), scene, len(idr_at) % 2))  # consecutive IDRs differ
            units.append(b"")
            since_idr, previous = 0, scene
        else:
            units.append(slices.nal(column, 2 * since_idr))
        since_idr += 1
    encoded = encoder.finish()
    sps = encoded.sps
    if (sps.width_mbs, sps.height_mbs) != (geometry.width_mbs, geometry.height_mbs):
        raise RuntimeError("x264 stream: picture size differs from the playhead geometry")
    idr_units: dict[tuple[int, int], bytes] = {}
    for index, scene, idr_pic_id in idr_at:
        unit = idr_units.get((scene, idr_pic_id))
        if unit is None:
            unit = idr_nal(encoded.idrs[scene], encoded.pps, idr_pic_id)
            idr_units[scene, idr_pic_id] = unit
        units[index] = unit
    head = [write_sps(sps), encoded.pps_unit, write_p_pps(encoded.pps.chroma_qp_index_offset)]
    return b"".join(head + units)
