"""x264 as an IDR-picture encoder: each scene becomes one IDR picture (CABAC, High profile,
BT.709 limited range, CRF 18); the encoder runs beside Python while scenes are drawn."""

from __future__ import annotations

import contextlib
import queue
import subprocess
import threading
from dataclasses import dataclass
from typing import IO

from PIL import Image

from gts_engine.audio_io import ffmpeg_exe
from gts_engine.video.bits import START_CODE, split_nal_units, unescape
from gts_engine.video.h264_headers import (
    NAL_IDR,
    NAL_PPS,
    NAL_SPS,
    IdrSlice,
    PicParams,
    SeqParams,
    parse_idr,
    parse_pps,
    parse_sps,
)

# repeat-headers: the raw h264 muxer drops global headers, so x264 writes them in-band
X264_PARAMS = "keyint=1:bframes=0:cabac=1:8x8dct=1:slices=1:threads=1:repeat-headers=1:aud=0"


@dataclass(frozen=True, slots=True)
class EncodedScenes:
    """x264's SPS fields, its PPS (fields and Annex B unit) and one IDR slice per scene."""

    sps: SeqParams
    pps: PicParams
    pps_unit: bytes
    idrs: list[IdrSlice]


class SceneEncoder:
    """An ffmpeg/x264 process fed RGB scenes of one size; `finish` parses what it wrote."""

    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)
        cmd = [
            ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-i", "-",
            "-vf", "scale=out_color_matrix=bt709:out_range=tv",
            "-pix_fmt", "yuv420p", "-color_range", "tv", "-colorspace", "bt709",
            "-color_primaries", "bt709", "-color_trc", "bt709",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-x264-params", X264_PARAMS,
            "-f", "h264", "-",
        ]  # fmt: skip
        self._process = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._out: list[bytes] = []
        self._err: list[bytes] = []
        # pipes are fed and drained by threads: the caller goes on while x264 works
        self._pending: queue.Queue[bytes | None] = queue.Queue()
        self._threads = [
            threading.Thread(target=self._feed),
            threading.Thread(target=self._drain, args=(self._process.stdout, self._out)),
            threading.Thread(target=self._drain, args=(self._process.stderr, self._err)),
        ]
        for thread in self._threads:
            thread.start()
        self.count = 0

    def _feed(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        # a broken pipe means ffmpeg failed: `finish` reports its error
        with contextlib.suppress(BrokenPipeError):
            while (frame := self._pending.get()) is not None:
                stdin.write(frame)
        with contextlib.suppress(BrokenPipeError):
            stdin.close()

    @staticmethod
    def _drain(stream: IO[bytes] | None, into: list[bytes]) -> None:
        assert stream is not None
        into.append(stream.read())

    def add(self, scene: Image.Image) -> None:
        """Send one RGB scene (the encoder's size) to x264."""
        if scene.size != self.size or scene.mode != "RGB":
            raise ValueError(f"scene: {scene.mode} {scene.size}, expected RGB {self.size}")
        self._pending.put(scene.tobytes())
        self.count += 1

    def abort(self) -> None:
        """Stop x264 and the pipe threads after a failure elsewhere."""
        self._pending.put(None)
        self._process.kill()
        for thread in self._threads:
            thread.join()
        self._process.wait()

    def finish(self) -> EncodedScenes:
        """Wait for x264 and parse its stream."""
        self._pending.put(None)
        for thread in self._threads:
            thread.join()
        if self._process.wait() != 0:
            tail = " | ".join(b"".join(self._err).decode(errors="replace").splitlines()[-3:])
            raise RuntimeError(f"ffmpeg (x264) failed ({self._process.returncode}): {tail}")
        return parse_x264_stream(b"".join(self._out), self.count)


def parse_x264_stream(stream: bytes, pictures: int) -> EncodedScenes:
    """Split x264's Annex B stream of `pictures` IDR pictures into parameters and slices."""
    units = split_nal_units(stream)
    sps_units = {u for u in units if u[0] & 0x1F == NAL_SPS}
    pps_units = {u for u in units if u[0] & 0x1F == NAL_PPS}
    if len(sps_units) != 1 or len(pps_units) != 1:
        raise RuntimeError("x264 stream: expected one SPS and one PPS")
    (sps_unit,), (pps_unit,) = sps_units, pps_units
    sps, pps = parse_sps(unescape(sps_unit[1:])), parse_pps(unescape(pps_unit[1:]))
    if pps.pps_id != 0:
        raise RuntimeError("x264 stream: its PPS must have id 0")
    idrs = [parse_idr(u, sps, pps) for u in units if u[0] & 0x1F == NAL_IDR]
    if len(idrs) != pictures:
        raise RuntimeError(f"x264 stream: {len(idrs)} IDR pictures for {pictures} scenes")
    return EncodedScenes(sps, pps, START_CODE + pps_unit, idrs)
